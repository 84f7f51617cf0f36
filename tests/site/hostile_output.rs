//! What an editor may legitimately write that looks like markup or steers
//! text direction, read back from the output as a reader's software reads
//! it: a feed reader, a browser's window title, a mail client.

use crate::common::{self, TestSite, fm};

#[test]
fn an_rss_summary_that_looks_like_markup_reads_as_written() {
    // RSS readers take an item's description as HTML. The summary is
    // plain text and went in unescaped, so "the <details> element" hid
    // the rest of the summary in a reader, and `<b>` made it bold.
    let site = TestSite::new();
    let summary = "Browsers now ship the <details> element & <b>bold</b> claims";
    site.briefing(
        "markup",
        &format!(
            "{}\nsummary: {summary:?}",
            fm("A title", "2025-01-05", &["X"])
        ),
        "Body.\n",
    );
    site.build().unwrap();
    for feed in ["rss.xml", "tags/x/rss.xml", "feeds/archive/1/rss.xml"] {
        if !site.public().join(feed).is_file() {
            continue;
        }
        let channel = rss::Channel::read_from(site.read(feed).as_bytes()).unwrap();
        let description = channel.items()[0].description().unwrap();
        let html = scraper::Html::parse_fragment(description);
        let shown: String = html.root_element().text().collect();
        assert_eq!(shown, summary, "{feed}: {description}");
    }
    // Atom's summary and JSON Feed's are plain text: unchanged.
    let json: serde_json::Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    assert_eq!(json["items"][0]["summary"], summary);
}

#[test]
fn a_body_of_every_special_character_reads_the_same_in_every_feed_format() {
    // Each format escapes an item's HTML its own way (RSS in CDATA, Atom
    // as text, JSON as a string): read back, all three are the same HTML,
    // the one on the briefing's page.
    let site = TestSite::new();
    site.briefing(
        "specials",
        &fm("Specials", "2025-01-05", &["X"]),
        "Tom's \"quote\" & <em>markup</em>, `a ]]> b`, `x < y && z > w`, caf\u{e9} \u{1F4F0}\\.\n\n\
         <aside title=\"it's\">Raw &amp; \"quoted\"</aside>\n",
    );
    site.build().unwrap();
    let channel = rss::Channel::read_from(site.read("rss.xml").as_bytes()).unwrap();
    let rss = channel.items()[0].content().unwrap().to_string();
    let atom = atom_syndication::Feed::read_from(site.read("atom.xml").as_bytes()).unwrap();
    let atom = atom.entries()[0]
        .content()
        .unwrap()
        .value()
        .unwrap()
        .to_string();
    let json: serde_json::Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    let json = json["items"][0]["content_html"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(atom, json);
    // The rss crate trims the text it reads.
    assert_eq!(atom.trim_end(), rss);
    for written in [
        "title=\"it's\"",
        "&amp; <em>markup</em>",
        "a ]]&gt; b",
        "x &lt; y &amp;&amp; z &gt; w",
        "caf\u{e9} \u{1F4F0}",
    ] {
        assert!(rss.contains(written), "{written:?} in {rss}");
    }
}

#[test]
fn a_direction_override_left_open_stops_at_the_end_of_its_field() {
    // A headline pasted with a RIGHT-TO-LEFT OVERRIDE it never closes ran
    // on into the text after it: " · Test Briefing" in the window title
    // and the date after each link showed backwards.
    const RLO: char = '\u{202E}';
    const PDF: char = '\u{202C}';
    const RLI: char = '\u{2067}';
    const PDI: char = '\u{2069}';
    let site = TestSite::new();
    site.briefing(
        "bidi",
        &format!(
            "title: \"Breaking {RLO}news\"\ndate: 2025-01-05\ntags: [\"Tag {RLI}open\"]\nauthors: [\"Ana {RLO}Ruiz {RLI}x\"]"
        ),
        &format!("A lede that opens {RLO}an override.\n"),
    );
    site.briefing("other", &fm("Other", "2025-01-04", &[]), "Body.\n");
    site.build().unwrap();
    let page = site.html("briefings/bidi/index.html");
    assert_eq!(
        common::texts(&page, "title"),
        [format!("Breaking {RLO}news{PDF} · Test Briefing")]
    );
    assert_eq!(
        common::attrs(&page, "meta[property='og:title']", "content"),
        [format!("Breaking {RLO}news{PDF}")]
    );
    assert_eq!(
        common::attrs(&page, "meta[name=description]", "content"),
        [format!("A lede that opens {RLO}an override.{PDF}")]
    );
    assert_eq!(
        common::texts(&page, ".tags a"),
        [format!("Tag {RLI}open{PDI}")]
    );
    // Innermost first: the isolate, then the override around it.
    assert_eq!(
        common::texts(&page, ".byline a"),
        [format!("Ana {RLO}Ruiz {RLI}x{PDI}{PDF}")]
    );
    let older = site.html("briefings/other/index.html");
    assert_eq!(
        common::texts(&older, ".prev-next a"),
        [format!("Breaking {RLO}news{PDF}")]
    );
    let channel = rss::Channel::read_from(site.read("rss.xml").as_bytes()).unwrap();
    assert_eq!(
        channel.items()[0].title(),
        Some(&*format!("Breaking {RLO}news{PDF}"))
    );
    // Closed marks and plain text are left as they are.
    let closed = TestSite::new();
    closed.briefing(
        "closed",
        // Written out: `fm` would escape the marks as `\u{202e}`.
        &format!("title: \"Already {RLO}closed{PDF} here\"\ndate: 2025-01-05"),
        "Body.\n",
    );
    closed.build().unwrap();
    assert_eq!(
        common::texts(&closed.html("briefings/closed/index.html"), "h1"),
        [format!("Already {RLO}closed{PDF} here")]
    );
}

#[test]
fn a_task_lists_checkboxes_reach_both_parts_of_the_email_edition() {
    // Mail clients drop form controls and plain text has none: the email
    // edition listed "one" and "two" without saying which was done.
    let site = TestSite::new();
    site.briefing(
        "tasks",
        &fm("Tasks", "2025-01-05", &[]),
        "What is left:\n\n- [ ] one\n- [x] two\n",
    );
    site.build().unwrap();
    let email = site.read("briefings/tasks/email.html");
    assert!(!email.contains("<input"), "{email}");
    let doc = scraper::Html::parse_document(&email);
    let items = common::texts(&doc, "li");
    assert_eq!(items, ["\u{2610} one", "\u{2611} two"], "{email}");
    let text = site.read("briefings/tasks/email.txt");
    assert!(text.contains("\u{2610} one"), "{text}");
    assert!(text.contains("\u{2611} two"), "{text}");
    // The web page keeps its labelled checkboxes.
    let page = site.html("briefings/tasks/index.html");
    assert_eq!(
        common::attrs(&page, ".body input[type=checkbox]", "aria-label"),
        ["Not done", "Done"]
    );
}

#[test]
fn a_file_name_with_spaces_and_a_percent_sign_makes_valid_addresses() {
    // `Annual report 100%.pdf` in static/: a source's `/…` address was
    // published with its spaces raw, and a body link kept the bare `%`
    // (`…100%.pdf`), both refused by the Nu HTML Checker ("Space is not
    // allowed", "Percentage is not followed by two hexadecimal digits").
    let site = TestSite::new();
    site.write("static/files/Annual report 100%.pdf", b"%PDF-1.4\n");
    site.write("content/briefings/Map {1}.png", b"\x89PNG\r\n\x1a\n");
    site.briefing(
        "files",
        &format!(
            "{}\nsources:\n  - {{ title: \"The report\", url: \"/files/Annual report 100%.pdf\" }}",
            fm("Files", "2025-01-05", &[])
        ),
        "Read [the report](</files/Annual report 100%.pdf>), already \
         [escaped](/files/Annual%20report%20100%25.pdf), and see ![the map](<Map {1}.png>).\n",
    );
    site.build().unwrap();
    let report = "https://example.org/files/Annual%20report%20100%25.pdf";
    let map = "https://example.org/briefings/Map%20%7B1%7D.png";
    let page = site.html("briefings/files/index.html");
    assert_eq!(common::attrs(&page, ".sources a", "href"), [report]);
    assert_eq!(common::attrs(&page, ".body a", "href"), [report, report]);
    assert_eq!(common::attrs(&page, ".body img", "src"), [map]);
    let channel = rss::Channel::read_from(site.read("rss.xml").as_bytes()).unwrap();
    let content = channel.items()[0].content().unwrap();
    assert!(
        content.contains(report) && content.contains(map),
        "{content}"
    );
}

#[test]
fn a_long_address_stays_on_one_line_in_the_plain_text_email() {
    // email.txt lists links at its end; one longer than the 72 columns the
    // text is wrapped at was cut across lines, and mail clients linked its
    // first line only.
    let site = TestSite::new();
    let source = "https://www.example.com/world/americas/negotiators-in-geneva-agree-on-a-ceasefire-after-three-weeks-2025-01-05/";
    let body_link = format!("https://example.net/{}", "long-path-segment/".repeat(8));
    site.briefing(
        "long",
        &format!(
            "{}\nsources:\n  - {{ title: \"Reuters\", url: \"{source}\" }}",
            fm("Long", "2025-01-05", &[])
        ),
        &format!("See [the report]({body_link}).\n"),
    );
    site.build().unwrap();
    let text = site.read("briefings/long/email.txt");
    for url in [source, body_link.as_str()] {
        assert!(
            text.lines().any(|l| l.ends_with(&format!(": {url}"))),
            "{url} not whole on one line:\n{text}"
        );
    }
}

#[test]
fn the_site_title_description_and_author_are_one_line_as_a_headline_is() {
    // A multi-line TOML string (`title = """…"""`) kept its line break,
    // and stray spaces stayed: the JSON Feed's title read "Line1\nLine2",
    // the RSS channel's title ran over two lines, and the window title
    // and every byline differed from the text a headline gets, which is
    // folded to one line.
    let site = TestSite::with_config(
        "title = \"\"\"  The\n  Briefing \"\"\"\nbase_url = \"https://example.org/\"\ndescription = \"\"\"Short,\n dated.\"\"\"\nauthor = \" The  desk \"\n",
    );
    site.briefing("a", &fm("A title", "2025-01-05", &[]), "Body.\n");
    site.build().unwrap();
    let json: serde_json::Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    assert_eq!(json["title"], "The Briefing");
    assert_eq!(json["description"], "Short, dated.");
    assert_eq!(json["authors"][0]["name"], "The desk");
    let channel = rss::Channel::read_from(site.read("rss.xml").as_bytes()).unwrap();
    assert_eq!(channel.title(), "The Briefing");
    assert_eq!(channel.description(), "Short, dated.");
    let page = site.html("briefings/a/index.html");
    assert_eq!(common::texts(&page, "title"), ["A title · The Briefing"]);
}

#[test]
fn an_html_comment_in_a_body_is_an_editors_note_never_published() {
    // Markdown has no comments of its own, so editors leave notes as
    // HTML comments, which a reader never sees on the page: they were
    // published all the same, in the page's source, every feed item and
    // the email edition mailed to subscribers.
    let site = TestSite::new();
    site.briefing(
        "a",
        &fm("A title", "2025-01-05", &["X"]),
        "Lede. <!-- inline: source is Jane at the ministry -->\n\n<!--\nnote: check with legal\n-->\n\n<!-- more -->\n\n<div>Kept <!-- nested note --> text</div>\n\n`<!-- shown as code -->`\n",
    );
    site.build().unwrap();
    for file in [
        "briefings/a/index.html",
        "briefings/a/email.html",
        "briefings/a/email.txt",
        "rss.xml",
        "atom.xml",
        "feed.json",
        "tags/x/rss.xml",
    ] {
        let text = site.read(file);
        for note in ["Jane", "legal", "nested note", "more -->"] {
            assert!(!text.contains(note), "{file}: {note}");
        }
        assert!(text.contains("shown as code"), "{file}");
        assert!(text.contains("Kept"), "{file}");
    }
}

#[test]
fn an_anchor_written_with_a_name_is_published_with_an_id() {
    // `<a name="x">` is how older HTML marked a target; the Nu checker
    // reports it as obsolete, an error, so the page failed validation.
    let site = TestSite::new();
    site.briefing(
        "a",
        &fm("A title", "2025-01-05", &["X"]),
        "Lede, then [the details](#details).\n\n<p><a name=\"details\"></a>Details.</p>\n\n<p><a name=\"kept\" id=\"both\">Both</a></p>\n",
    );
    let report = site.build().unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let page = site.html("briefings/a/index.html");
    let selector = |s: &str| scraper::Selector::parse(s).unwrap();
    let anchor = page
        .select(&selector("a#details"))
        .next()
        .expect("the name became an id");
    assert_eq!(anchor.value().attr("name"), None);
    assert!(
        page.select(&selector("a[href='#details']"))
            .next()
            .is_some()
    );
    // An `a` with an id of its own keeps both.
    let both = page.select(&selector("a#both")).next().unwrap();
    assert_eq!(both.value().attr("name"), Some("kept"));
    let rss = site.read("rss.xml");
    assert!(
        rss.contains("id=\"details\"") && !rss.contains("name=\"details\""),
        "{rss}"
    );
}

#[test]
fn a_footnote_cited_in_another_case_than_it_is_defined_links_to_it_and_back() {
    // Markdown matches footnote labels whatever their case (`[^A]` cites
    // `[^a]: …`), but the note took an id of its own: the citation linked
    // to `#fn-a`, an id no element had, and the note had no link back.
    let site = TestSite::new();
    site.briefing(
        "notes",
        &fm("Notes", "2025-01-05", &["X"]),
        "A claim.[^Source] Another.[^ÉTÉ] Again.[^source]\n\n[^source]: The source.\n\n[^été]: Summer.\n",
    );
    let report = site.build().unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let page = site.html("briefings/notes/index.html");
    let ids = common::attrs(&page, "[id]", "id");
    let cites = common::attrs(&page, ".footnote-reference a", "href");
    let backs = common::attrs(&page, ".footnote-backref", "href");
    assert_eq!(cites.len(), 3, "{cites:?}");
    assert_eq!(backs.len(), 3, "{backs:?}");
    for href in cites.iter().chain(&backs) {
        let id = href.strip_prefix('#').unwrap();
        assert!(ids.iter().any(|i| i == id), "{href} leads nowhere: {ids:?}");
    }
    assert_eq!(common::attrs(&page, ".footnotes li", "id").len(), 2);
}
