//! Input an editor did not mean, or a tool moved over wrote: names too
//! long for a file system, links that run code, one name in two Unicode
//! spellings, leap seconds, other generators' publishing keys. Each either
//! builds correct pages or stops with the file and line.

use crate::common::{self, TestSite, fm};

#[test]
fn names_too_long_for_a_file_name_still_build() {
    // A tag, an author and a file name whose slugs would pass the 255
    // bytes a path segment may hold: Chinese transliterates to about
    // four bytes a character. The build failed with "File name too long"
    // naming a staging folder; each slug is now cut at a hyphen.
    let site = TestSite::new();
    let long = "会议纪要".repeat(30);
    site.briefing(
        &format!("2025-01-05-{}", "会议".repeat(40)),
        &format!("title: {long:?}\ndate: 2025-01-05\ntags: [{long:?}, Short]\nauthors: [{long:?}]"),
        "Body.\n",
    );
    let report = site.build().unwrap();
    assert_eq!(report.briefings, 1);
    let feed = rss::Channel::read_from(site.read("rss.xml").as_bytes()).unwrap();
    let link = feed.items()[0].link().unwrap().to_string();
    let doc = site.html("index.html");
    let tag_links = common::attrs(&doc, "article .tags a", "href");
    let page = site.html(&format!(
        "{}index.html",
        &link["https://example.org/".len()..]
    ));
    let byline = common::attrs(&page, ".byline a", "href");
    for url in tag_links.iter().chain(&byline).chain([&link]) {
        let path = url.strip_prefix("https://example.org/").unwrap();
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        assert!(segments.iter().all(|s| s.len() <= 200), "{url}");
        assert!(
            site.public().join(path).join("index.html").is_file(),
            "{url} not built"
        );
    }
    assert_eq!(tag_links.len(), 2);
    assert_eq!(byline.len(), 1);
}

#[test]
fn links_that_run_code_are_refused_at_their_line() {
    let site = TestSite::new();
    site.briefing(
        "links",
        &fm("Links", "2025-01-05", &["X"]),
        "Fine: [a](https://e.org/) and ![map](data:image/png;base64,iVBORw0KGgo=).\n\n\
         Not: [b](JavaScript:void(0)) and [c](data:text/html;base64,PHNjcmlwdD4=).\n",
    );
    let out = site.run_at_now("build", &[]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(errors.len(), 2, "{stderr}");
    assert!(
        errors[0].contains("links.md:") && errors[0].contains("`JavaScript:void(0)`"),
        "{stderr}"
    );
    assert!(
        errors[1].contains("`data:text/html;base64,PHNjcmlwdD4=`"),
        "{stderr}"
    );
    assert!(!site.public().exists());
}

#[test]
fn raw_html_left_open_or_carrying_code_is_refused_and_the_last_output_kept() {
    // Markdown passes raw HTML through to the page, every feed and the
    // email edition: a `<div>` left open swallowed the rest of the page
    // and a `<script>` ran in every reader's browser, without a word.
    let (site, before) = crate::built_site();
    site.briefing(
        "raw",
        &fm("Raw", "2025-01-05", &["X"]),
        "Text with <b>bold left open.\n\n<div class=\"box\">\nA box never closed.\n\n\
         <script>alert(1)</script>\n\nA <a href=\"#\" onclick=\"x()\">handler</a> and \
         <font color=red>old</font> and <img src=\"a.png\">.\n",
    );
    let ds = crate::content_errors(site.build().unwrap_err());
    let at = |needle: &str| {
        let d = ds
            .iter()
            .find(|d| d.message.contains(needle))
            .unwrap_or_else(|| panic!("no {needle:?} in {ds:?}"));
        assert!(d.path.ends_with("raw.md"), "{d}");
        (d.is_error(), d.line, d.column)
    };
    // The front matter takes 5 lines, so the body starts on line 6.
    assert_eq!(at("`<b>` is never closed"), (true, Some(6), Some(11)));
    assert_eq!(at("`<div>` is never closed"), (true, Some(8), Some(1)));
    assert_eq!(at("has a `<script>`"), (true, Some(11), Some(1)));
    assert_eq!(at("event handler, `onclick`"), (true, Some(13), Some(3)));
    assert!(!at("`<font>` is obsolete").0);
    assert!(!at("`<img>` has no alt text").0);
    assert_eq!(before, common::snapshot(&site.public()));
}

#[test]
fn raw_html_that_hides_or_takes_over_the_page_is_refused() {
    // An HTML comment left open hid the rest of the page (the theme's
    // end included) in the page, every feed and the email edition; a
    // `<meta http-equiv>` sent readers to another site; an iframe's
    // `srcdoc` carried a script past the script check.
    let (site, before) = crate::built_site();
    site.briefing(
        "takeover",
        &fm("Takeover", "2025-01-05", &["X"]),
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>\n\n\
         <meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">\n\n\
         <base href=\"https://evil.example/\">\n\n<?php echo 1; ?>\n\nPara.\n\n\
         <!-- unclosed comment\n\nMore text.\n",
    );
    let ds = crate::content_errors(site.build().unwrap_err());
    let at = |needle: &str| {
        let d = ds
            .iter()
            .find(|d| d.message.contains(needle))
            .unwrap_or_else(|| panic!("no {needle:?} in {ds:?}"));
        assert!(d.path.ends_with("takeover.md") && d.is_error(), "{d}");
        (d.line, d.column)
    };
    // The front matter takes 5 lines, so the body starts on line 6.
    assert_eq!(at("`srcdoc`"), (Some(6), Some(1)));
    assert_eq!(at("`<meta>`"), (Some(8), Some(1)));
    assert_eq!(at("`<base>`"), (Some(10), Some(1)));
    assert_eq!(at("processing instruction"), (Some(12), Some(1)));
    assert_eq!(at("`<!--` is never closed"), (Some(16), Some(1)));
    assert_eq!(before, common::snapshot(&site.public()));
}

#[test]
fn balanced_raw_html_is_published_as_written() {
    let site = TestSite::new();
    site.briefing(
        "embed",
        &fm("Embed", "2025-01-05", &["X"]),
        "Intro.\n\n<figure class=\"chart\">\n\n**Exports** fell by a third.\n\n</figure>\n\n\
         A <abbr title=\"European Union\">EU</abbr> rule, shown as text: \\<b>.\n",
    );
    let report = site.build().unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let doc = site.html("briefings/embed/index.html");
    assert_eq!(
        common::texts(&doc, ".body figure.chart strong"),
        ["Exports"]
    );
    assert_eq!(
        common::attrs(&doc, ".body abbr", "title"),
        ["European Union"]
    );
    assert!(
        common::texts(&doc, ".body p")
            .iter()
            .any(|t| t.ends_with("shown as text: <b>.")),
        "{:?}",
        common::texts(&doc, ".body p")
    );
}

#[test]
fn a_tag_typed_composed_and_decomposed_is_one_tag() {
    // `Café` with é as one character (NFC), and as `e` plus an accent
    // (NFD, as macOS and pasted text give it), look the same and share a
    // slug: they were refused as two tags sharing /tags/cafe/.
    let site = TestSite::new();
    // Written out: `fm` would escape the accent as `\u{301}`.
    let front = |title: &str, day: u32, tag: &str| {
        format!("title: {title}\ndate: 2025-01-0{day}\ntags: [\"{tag}\"]")
    };
    site.briefing("one", &front("One", 1, "Caf\u{e9}"), "Body.\n");
    site.briefing("two", &front("Two", 2, "Cafe\u{301}"), "Body.\n");
    site.briefing("three", &front("Three", 3, "Caf\u{e9}"), "Body.\n");
    let report = site.build().unwrap();
    assert_eq!(report.briefings, 3);
    let doc = site.html("tags/cafe/index.html");
    assert_eq!(common::texts(&doc, "article h2 a").len(), 3);
    // Shown by its commoner spelling.
    assert_eq!(
        common::texts(&doc, "h1"),
        ["Tagged \u{201c}Caf\u{e9}\u{201d}"]
    );
}

#[test]
fn leap_seconds_and_fractions_of_a_second_become_whole_seconds() {
    // `23:59:60` reached every `<time datetime>` as written, which HTML
    // forbids (the Nu checker: "Second cannot be greater than 59"), and
    // six or nine digits of fraction are as invalid there.
    let site = TestSite::new();
    site.briefing(
        "leap",
        "title: Leap\ndate: 2025-06-30T23:59:60Z\nupdated: 2025-07-01T08:00:00.123456+02:00\ntags: [X]",
        "Body.\n",
    );
    site.build().unwrap();
    let doc = site.html("briefings/leap/index.html");
    let stamps = common::attrs(&doc, "time", "datetime");
    assert!(
        stamps.contains(&"2025-06-30T23:59:59+00:00".to_string()),
        "{stamps:?}"
    );
    assert!(
        stamps.contains(&"2025-07-01T08:00:00+02:00".to_string()),
        "{stamps:?}"
    );
    for s in &stamps {
        let seconds = &s[17..19];
        assert!(seconds <= "59" && s.len() == 25, "{s}");
    }
}

#[test]
fn other_tools_keys_that_hold_a_post_back_are_refused_not_ignored() {
    // Ignored as unknown keys, each of these published the briefing at
    // once: Jekyll's `published: false`, an export's `status: draft`,
    // Hugo's future `publishDate` and its `expiryDate`.
    let site = TestSite::new();
    for (name, line) in [
        ("jekyll", "published: false"),
        ("export", "status: draft"),
        ("hugo", "publishDate: 2030-01-01"),
        ("expiry", "expiryDate: 2030-01-01"),
        ("hidden", "hidden: true"),
        ("eleventy", "permalink: false"),
        ("moved", "permalink: /2024/05/old-post/"),
    ] {
        site.briefing(
            name,
            &format!("{}\n{line}", fm(name, "2025-01-05", &["X"])),
            "Body.\n",
        );
    }
    // What publishes anyway is only ignored, with a warning.
    site.briefing(
        "kept",
        &format!("{}\npublished: true", fm("Kept", "2025-01-06", &["X"])),
        "Body.\n",
    );
    let out = site.run_at_now("build", &[]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(errors.len(), 7, "{stderr}");
    for name in [
        "jekyll", "export", "hugo", "expiry", "hidden", "eleventy", "moved",
    ] {
        assert!(
            errors
                .iter()
                .any(|e| e.contains(&format!("{name}.md:")) && e.contains("brief does not read")),
            "{name}: {stderr}"
        );
    }
    assert!(
        stderr.contains("warning: content/briefings/kept.md:"),
        "{stderr}"
    );
    assert!(!site.public().exists());
}

#[test]
fn a_lead_image_without_alt_text_is_a_warning_at_its_line() {
    // Valid HTML either way (`alt=""`), but a screen reader, and an email
    // client showing no images, said nothing of it and nobody was told.
    let site = TestSite::new();
    std::fs::write(site.root().join("content/briefings/map.png"), b"png").unwrap();
    site.briefing(
        "no-alt",
        &format!(
            "{}\nimage: {{ src: map.png }}",
            fm("No alt", "2025-01-05", &["X"])
        ),
        "Body.\n",
    );
    site.briefing(
        "decorative",
        &format!(
            "{}\nimage: {{ src: map.png, alt: \"\" }}",
            fm("Decorative", "2025-01-06", &["X"])
        ),
        "Body.\n",
    );
    let report = site.build().unwrap();
    assert_eq!(report.briefings, 2);
    let alt: Vec<_> = report
        .warnings
        .iter()
        .filter(|w| w.message.contains("`alt`"))
        .collect();
    assert_eq!(alt.len(), 1, "{:?}", report.warnings);
    assert!(alt[0].path.ends_with("no-alt.md"), "{:?}", alt[0]);
    assert_eq!(alt[0].line, Some(5));
    let doc = site.html("briefings/no-alt/index.html");
    assert_eq!(common::attrs(&doc, "img", "alt"), [""]);
}

#[test]
fn placeholders_in_front_matter_fields_are_refused_each_at_its_line() {
    // The check covered the headline and the body only: a summary of
    // `TKTK` went into the meta description and every feed, filler into
    // the lead image's alt text and caption.
    let (site, before) = crate::built_site();
    site.briefing(
        "filler",
        "title: Filler\ndate: 2025-01-05\nsummary: \"TKTK\"\n\
         image: { src: \"https://example.org/a.jpg\", alt: \"TKTK\", caption: \"A chart. Lorem ipsum dolor\" }\n\
         sources:\n  - { title: \"TK\", url: \"https://example.org/\" }\n\
         corrections:\n  - { date: 2025-01-06, text: \"An earlier version said TKTK.\" }",
        "A real body.\n",
    );
    let ds = crate::content_errors(site.build().unwrap_err());
    let found: Vec<(&str, Option<usize>)> = ds
        .iter()
        .filter(|d| d.path.ends_with("filler.md"))
        .map(|d| (d.message.as_str(), d.line))
        .collect();
    assert_eq!(
        found,
        [
            ("`summary` is only a placeholder", Some(4)),
            ("the lead image's `alt` is only a placeholder", Some(5)),
            (
                "the lead image's `caption` holds filler text (`Lorem ipsum dolor …`)",
                Some(5)
            ),
            ("a source's `title` is only a placeholder", Some(7)),
            (
                "a correction's `text` holds a `TKTK` (to come) mark",
                Some(9)
            ),
        ],
        "{ds:?}"
    );
    assert_eq!(before, common::snapshot(&site.public()));
}

#[test]
fn a_headline_of_invisible_characters_is_empty_and_so_is_such_a_name_or_summary() {
    // `title: "\u200B"` (a zero-width space, or a word joiner, a bidi
    // mark) was not empty: the page, its window title and every feed item
    // went out with a headline no reader could see; such an author was
    // printed as "By " and such a summary was the meta description.
    let (site, before) = crate::built_site();
    site.briefing(
        "zw",
        "title: \"\\u200B\\u2060 \\u202E\"\ndate: 2025-01-05",
        "Text.\n",
    );
    let ds = crate::content_errors(site.build().unwrap_err());
    let d = ds.iter().find(|d| d.path.ends_with("zw.md")).unwrap();
    assert_eq!(
        (d.message.as_str(), d.line, d.column),
        ("`title` is empty", Some(2), Some(8)),
        "{ds:?}"
    );
    assert_eq!(before, common::snapshot(&site.public()));

    let site = TestSite::new();
    site.briefing(
        "names",
        "title: Names\ndate: 2025-01-05\nauthors: [\"\\u200B\", Ana Ruiz, \"\\uFEFF\\u00AD\"]\n\
         summary: \"\\u2060\"",
        "The first paragraph.\n",
    );
    site.build().unwrap();
    let doc = site.html("briefings/names/index.html");
    assert_eq!(common::texts(&doc, ".byline"), ["By Ana Ruiz"]);
    let feed: serde_json::Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    let item = &feed["items"][0];
    assert_eq!(item["summary"], "The first paragraph.");
    assert_eq!(item["authors"], serde_json::json!([{"name": "Ana Ruiz"}]));
}

#[test]
fn an_author_who_is_only_a_placeholder_is_refused_at_its_line() {
    // `author: TBD` went out as "By TBD" on the page, in every feed and
    // the email edition, with an author page and feeds of its own.
    let (site, before) = crate::built_site();
    site.briefing(
        "tbd",
        "title: Who wrote this\ndate: 2025-01-05\nauthor: TBD\nauthors: [Ana Ruiz, \"[TK]\"]",
        "Text.\n",
    );
    let ds = crate::content_errors(site.build().unwrap_err());
    let found: Vec<(&str, Option<usize>, Option<usize>)> = ds
        .iter()
        .filter(|d| d.path.ends_with("tbd.md"))
        .map(|d| (d.message.as_str(), d.line, d.column))
        .collect();
    assert_eq!(
        found,
        [
            ("an author's name is only a placeholder", Some(4), Some(9)),
            ("an author's name is only a placeholder", Some(5), Some(21)),
        ],
        "{ds:?}"
    );
    assert_eq!(before, common::snapshot(&site.public()));
}

#[test]
fn an_update_dated_before_the_briefing_is_an_error_at_its_line() {
    // The page said "1 May 2024 · Updated 1 April 2024" while Atom,
    // JSON-LD and the sitemap said 1 May.
    let (site, before) = crate::built_site();
    site.briefing(
        "revised",
        "title: Revised\ndate: 2024-05-01T10:00:00Z\nupdated: 2024-04-01",
        "Body.\n",
    );
    let ds = crate::content_errors(site.build().unwrap_err());
    let d = ds
        .iter()
        .find(|d| d.message.contains("`updated` is before `date`"))
        .unwrap_or_else(|| panic!("{ds:?}"));
    assert_eq!((d.line, d.column), (Some(4), Some(10)), "{d}");
    assert_eq!(before, common::snapshot(&site.public()));
    // The same day, earlier in it or without a time, is that day's revision.
    site.briefing(
        "revised",
        "title: Revised\ndate: 2024-05-01T10:00:00Z\nupdated: 2024-05-01",
        "Body.\n",
    );
    site.build().unwrap();
}

#[test]
fn a_footnote_defined_twice_is_refused_at_its_line() {
    // Both definitions were published as `<li id="fn-a">`: a duplicate id
    // (the Nu checker's error) in the page and the email edition.
    let (site, before) = crate::built_site();
    site.briefing(
        "notes",
        &fm("Notes", "2025-01-05", &["X"]),
        "Text[^a] and [^missing].\n\n[^a]: one\n[^a]: two\n",
    );
    let ds = crate::content_errors(site.build().unwrap_err());
    let mine: Vec<(bool, &str, Option<usize>)> = ds
        .iter()
        .filter(|d| d.path.ends_with("notes.md"))
        .map(|d| (d.is_error(), d.message.as_str(), d.line))
        .collect();
    // The front matter takes 5 lines, so the body starts on line 6.
    assert_eq!(
        mine,
        [
            (
                false,
                "`[^missing]` cites a footnote that is not defined: it is shown as written",
                Some(6)
            ),
            (true, "the footnote `[^a]` is defined twice", Some(9)),
        ]
    );
    assert_eq!(before, common::snapshot(&site.public()));
}

#[test]
fn references_to_forbidden_characters_never_reach_a_feed() {
    // `&#x1;` in a body, and `\u0001` in a correction, made every RSS
    // and Atom feed XML that no reader parses.
    let site = TestSite::new();
    site.briefing(
        "refs",
        "title: Refs\ndate: 2025-01-05\ncorrections:\n  - { date: 2025-01-06, text: \"c\\u0001 fixed &#xFFFE;\" }",
        "Body &#x1; x.\n",
    );
    site.build().unwrap();
    for (path, _) in common::snapshot(&site.public()) {
        let p = path.to_string_lossy().into_owned();
        if p.ends_with(".xml") {
            roxmltree::Document::parse(&site.read(&p)).unwrap_or_else(|e| panic!("{p}: {e}"));
        }
        if p.ends_with(".html") || p.ends_with(".xml") || p.ends_with(".json") {
            let text = site.read(&p);
            assert!(!text.contains(['\u{1}', '\u{FFFE}']), "{p}");
        }
    }
    let doc = site.html("briefings/refs/index.html");
    assert!(
        common::texts(&doc, ".body p")[0].contains("Body \u{FFFD} x."),
        "{:?}",
        common::texts(&doc, ".body p")
    );
}

#[test]
fn outputs_that_differ_only_in_case_are_refused() {
    // On macOS, Windows and hosts that fold case, Style.css replaced the
    // theme's style.css and Index.html the front page, silently.
    let (site, before) = crate::built_site();
    site.write("static/Style.css", "body{display:none}");
    site.write("static/Index.html", "<p>gone</p>");
    site.write("content/briefings/good/Chart.png", "png");
    site.write("content/briefings/good/chart.png", "png");
    site.briefing(
        "mover",
        "title: Mover\ndate: 2025-01-05\naliases: [\"/Briefings/Good/\"]",
        "Body.\n",
    );
    let ds = crate::content_errors(site.build().unwrap_err());
    let said: Vec<String> = ds.iter().map(|d| d.to_string()).collect();
    let has = |start: &str, clash: &str| {
        assert!(
            said.iter().any(|d| d.starts_with(start)
                && d.contains(clash)
                && d.contains("differs only in case")),
            "{start} {clash}: {said:?}"
        )
    };
    has(
        "error: static/Style.css:",
        "/Style.css differs only in case from /style.css",
    );
    has(
        "error: static/Index.html:",
        "/Index.html differs only in case from /index.html",
    );
    has(
        "error: content/briefings/",
        "hart.png differs only in case from /briefings/good/",
    );
    has(
        "error: content/briefings/mover.md:4:",
        "/Briefings/Good/index.html differs only in case from /briefings/good/index.html",
    );
    assert_eq!(said.len(), 4, "{said:?}");
    assert_eq!(before, common::snapshot(&site.public()));
}

#[test]
fn a_year_feeds_cannot_carry_is_refused_at_its_line_not_a_panic() {
    // `date: -0001-01-01` panicked while writing the RSS feed ("date
    // cannot be represented by RFC 2822"), and `date: 0000-01-01` was
    // published and mailed as "Sat, 1 Jan 0000".
    for written in ["-0001-01-01", "0000-01-01"] {
        let (site, before) = crate::built_site();
        site.briefing(
            "year-zero",
            &format!("title: Year zero\ndate: {written}"),
            "Body.\n",
        );
        let ds = crate::content_errors(site.build().unwrap_err());
        let d = ds
            .iter()
            .find(|d| d.message.contains("outside the years 1900 to 9999"))
            .unwrap_or_else(|| panic!("{written}: {ds:?}"));
        assert!(d.path.ends_with("year-zero.md"), "{d}");
        assert_eq!((d.line, d.column), (Some(3), Some(7)), "{d}");
        assert_eq!(before, common::snapshot(&site.public()));
    }
}

#[test]
fn a_draft_line_with_no_value_is_refused_not_published() {
    // `draft:` left empty (or `~`, or `null`) is YAML's null, which read
    // as "not a draft": the briefing the editor marked was published and
    // mailed.
    for written in ["draft:", "draft: ~", "draft: null"] {
        let (site, before) = crate::built_site();
        site.briefing(
            "held-back",
            &format!("title: Held back\ndate: 2025-01-02\n{written}"),
            "Body.\n",
        );
        let ds = crate::content_errors(site.build().unwrap_err());
        let d = ds
            .iter()
            .find(|d| d.message.contains("`draft:` has no value"))
            .unwrap_or_else(|| panic!("{written}: {ds:?}"));
        assert!(d.path.ends_with("held-back.md"), "{d}");
        assert_eq!(d.line, Some(4), "{d}");
        assert!(
            d.hint.as_deref().unwrap_or("").contains("draft: true"),
            "{d}"
        );
        assert_eq!(before, common::snapshot(&site.public()));
    }
    // Written out, either way works.
    for (written, published) in [("draft: true", 1), ("draft: false", 2)] {
        let (site, _) = crate::built_site();
        site.briefing(
            "held-back",
            &format!("title: Held back\ndate: 2025-01-02\n{written}"),
            "Body.\n",
        );
        assert_eq!(site.build().unwrap().briefings, published, "{written}");
    }
}

#[test]
fn a_briefing_with_no_text_is_held_back_like_a_placeholder() {
    // Front matter alone was published: an empty page, "1 min read" and
    // an empty item mailed to every subscriber.
    for body in ["", "\n  \n\t\n"] {
        let (site, before) = crate::built_site();
        site.briefing("empty", "title: Empty\ndate: 2025-01-02", body);
        let ds = crate::content_errors(site.build().unwrap_err());
        let d = ds
            .iter()
            .find(|d| d.message.contains("no text below its front matter"))
            .unwrap_or_else(|| panic!("{body:?}: {ds:?}"));
        assert!(d.path.ends_with("empty.md"), "{d}");
        assert_eq!(d.line, Some(5), "{d}");
        assert_eq!(before, common::snapshot(&site.public()));
    }
    // A file that ends at its closing fence, without a newline.
    let (site, _) = crate::built_site();
    site.write(
        "content/briefings/bare.md",
        "---\ntitle: Bare\ndate: 2025-01-02\n---",
    );
    let ds = crate::content_errors(site.build().unwrap_err());
    assert!(
        ds.iter()
            .any(|d| d.message.contains("no text below its front matter")),
        "{ds:?}"
    );
    // Held back as a draft, it is no error.
    let (site, _) = crate::built_site();
    site.briefing("empty", "title: Empty\ndate: 2025-01-02\ndraft: true", "");
    assert_eq!(site.build().unwrap().briefings, 1);
}

#[test]
fn a_briefing_whose_text_shows_nothing_is_held_back_like_an_empty_one() {
    // A body of only an editor's note (`<!-- TODO: write this -->`, which
    // is never published), the `<!-- more -->` marker, a non-breaking or
    // zero-width space, or markup with nothing in it went out as an empty
    // page and an empty item in every feed and the email edition.
    for body in [
        "<!-- TODO: write this up after the call -->\n",
        "<!-- more -->\n",
        "&nbsp;\n",
        "\u{200B}\u{2060}\n",
        "#\n\n***\n\n[]()\n",
        "<p>&#160;</p>\n",
    ] {
        let (site, before) = crate::built_site();
        site.briefing("blank", "title: Blank\ndate: 2025-01-02", body);
        let ds = crate::content_errors(site.build().unwrap_err());
        let d = ds
            .iter()
            .find(|d| d.message.contains("shows a reader nothing"))
            .unwrap_or_else(|| panic!("{body:?}: {ds:?}"));
        assert!(d.path.ends_with("blank.md"), "{d}");
        assert_eq!(d.line, Some(5), "{d}");
        assert_eq!(before, common::snapshot(&site.public()));
    }
    // Text, a picture or an entity that draws a letter is something.
    for body in [
        "A.\n",
        "![Chart of prices](https://e.org/c.png)\n",
        "&amp;\n",
        "<p>&#65;</p>\n",
    ] {
        let (site, _) = crate::built_site();
        site.briefing("shown", "title: Shown\ndate: 2025-01-02", body);
        site.build().unwrap_or_else(|e| panic!("{body:?}: {e}"));
    }
}

#[test]
fn a_front_matter_key_below_the_closing_fence_is_refused_at_its_line() {
    // `draft: true` added just below the closing `---` is Markdown text:
    // the briefing was published and mailed, its summary "draft: true";
    // `tags:` and `summary:` there (with a second `---` under them) made
    // a heading of the keys, and the tags were lost.
    for (body, line, key) in [
        ("draft: true\n\nBody.\n", 5, "draft"),
        ("\ntags: [a, b]\nsummary: x\n---\nBody.\n", 6, "tags"),
    ] {
        let (site, before) = crate::built_site();
        site.briefing("keys", "title: Keys\ndate: 2025-01-02", body);
        let ds = crate::content_errors(site.build().unwrap_err());
        let d = ds
            .iter()
            .find(|d| d.message.contains("below the front matter"))
            .unwrap_or_else(|| panic!("{body:?}: {ds:?}"));
        assert!(d.path.ends_with("keys.md"), "{d}");
        assert_eq!(d.line, Some(line), "{d}");
        assert!(d.message.contains(&format!("`{key}:`")), "{d}");
        assert_eq!(before, common::snapshot(&site.public()));
    }
    // Prose that starts like a key is a briefing.
    for body in [
        "Summary: the talks collapsed.\n",
        "title: the word, in lower case, opens this lede.\n",
        "draft:ing is a word here\n",
    ] {
        let (site, _) = crate::built_site();
        site.briefing("keys", "title: Keys\ndate: 2025-01-02", body);
        let got = site.build();
        if body.starts_with("title: the word") {
            // A known key opens it: refused too; the hint says how to
            // keep it as text.
            let ds = crate::content_errors(got.unwrap_err());
            assert!(
                ds.iter()
                    .any(|d| d.hint.as_deref().unwrap_or("").contains("\\:")),
                "{ds:?}"
            );
        } else {
            assert_eq!(got.unwrap().briefings, 2, "{body:?}");
        }
    }
}

#[test]
fn a_guid_with_characters_no_uri_holds_is_refused() {
    // `guid: "https://example.org/<old>"` was taken for an absolute URI:
    // every feed's item id then held characters RFC 3986 and 3987 forbid,
    // which feed validators reject.
    for written in [
        "https://example.org/<old>",
        "urn:x:a{b}",
        "tag:a\\b",
        "https://e.org/\"q\"",
    ] {
        let (site, before) = crate::built_site();
        site.briefing(
            "guid",
            &format!("title: Guid\ndate: 2025-01-02\nguid: {written:?}"),
            "Body.\n",
        );
        let ds = crate::content_errors(site.build().unwrap_err());
        assert!(
            ds.iter()
                .any(|d| d.message.contains("not an absolute URI") && d.line == Some(4)),
            "{written}: {ds:?}"
        );
        assert_eq!(before, common::snapshot(&site.public()));
    }
    let (site, _) = crate::built_site();
    site.briefing(
        "guid",
        "title: Guid\ndate: 2025-01-02\nguid: \"tag:example.org,2025:caf%C3%A9-é\"",
        "Body.\n",
    );
    site.build().unwrap();
}

#[test]
fn more_authors_than_a_briefing_may_have_are_refused_like_tags() {
    // Tags were capped at 100, authors not: 3,000 authors on one briefing
    // (a pasted mailing list) made 12,000 files and 1.2 GB of output, an
    // author page and three feeds each, every one carrying every byline.
    let (site, before) = crate::built_site();
    let authors: String = (0..101).map(|i| format!("\n  - Author {i}")).collect();
    site.briefing(
        "crowd",
        &format!("title: Crowd\ndate: 2025-01-02\nauthors:{authors}"),
        "Body.\n",
    );
    let ds = crate::content_errors(site.build().unwrap_err());
    let d = ds
        .iter()
        .find(|d| d.message.contains("at most 100"))
        .unwrap_or_else(|| panic!("{ds:?}"));
    assert!(d.message.contains("101 authors"), "{d}");
    assert_eq!(d.line, Some(105), "{d}");
    assert_eq!(before, common::snapshot(&site.public()));
    // A hundred are fine.
    let authors: String = (0..100).map(|i| format!("\n  - Author {i}")).collect();
    site.briefing(
        "crowd",
        &format!("title: Crowd\ndate: 2025-01-02\nauthors:{authors}"),
        "Body.\n",
    );
    site.build().unwrap();
}

#[test]
fn raw_html_giving_an_id_the_page_has_is_refused_at_its_line() {
    // `<div id="site-search-q">` repeated the id of the theme's search
    // box (the Nu checker: "Duplicate ID"), and its label then named the
    // div; `<span id="intro">` repeated the heading `## Intro`'s, so
    // links to #intro led to the heading only.
    let (site, before) = crate::built_site();
    site.briefing(
        "ids",
        &fm("Ids", "2025-01-05", &["X"]),
        "## Intro\n\nText <span id=\"intro\">here</span>.\n\n<div id=\"site-search-q\">Box</div>\n\n\
         <a id=\"own\" name=\"own\"></a> and <a name=\"fine\"></a>.\n",
    );
    let ds = crate::content_errors(site.build().unwrap_err());
    let found: Vec<(Option<usize>, &str)> = ds
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.line, d.message.as_str()))
        .collect();
    let taken = |id: &str| {
        format!(
            "the raw HTML's id `{id}` is already on the page (the theme's, a heading's, a footnote's or an earlier element's)"
        )
    };
    assert_eq!(
        found,
        [
            (Some(8), &*taken("intro")),
            (Some(10), &*taken("site-search-q"))
        ],
        "{ds:?}"
    );
    assert_eq!(before, common::snapshot(&site.public()));
}

#[test]
fn a_file_with_errors_in_its_front_matter_and_its_body_reports_both_in_one_build() {
    // An error in the front matter stopped the file there: its body's
    // `<script>` and `javascript:` link were reported by the next build,
    // once the date was fixed, and a key below the closing fence by the
    // one after that.
    let (site, before) = crate::built_site();
    site.write(
        "content/briefings/both.md",
        "---\ntitle: Both\ndate: 2025-02-30\ntags: [X]\n---\n\
         Text <script>x()</script> and [a](javascript:x).\n",
    );
    site.write(
        "content/briefings/yaml.md",
        "---\ntitle: \"Unclosed\ndate: 2025-01-05\n---\ndraft: true\n\nText.\n",
    );
    let ds = crate::content_errors(site.build().unwrap_err());
    let found: Vec<(String, Option<usize>, &str)> = ds
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            let file = d.path.file_name().unwrap().to_string_lossy().into_owned();
            (file, d.line, d.message.as_str())
        })
        .collect();
    let at = |file: &str, line| {
        found
            .iter()
            .filter(|(f, l, _)| f == file && *l == Some(line))
            .map(|(_, _, m)| *m)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        at("both.md", 3),
        ["`date`: \"2025-02-30\" is not a real date"],
        "{found:?}"
    );
    assert_eq!(at("both.md", 6).len(), 2, "{found:?}");
    assert!(
        at("yaml.md", 2)[0].starts_with("invalid front matter"),
        "{found:?}"
    );
    assert_eq!(
        at("yaml.md", 5),
        [
            "`draft:` is below the front matter's closing `---`, so it is text of the briefing, not its draft"
        ],
        "{found:?}"
    );
    assert_eq!(found.len(), 5, "{found:?}");
    assert_eq!(before, common::snapshot(&site.public()));
}

#[test]
fn two_briefings_with_one_feed_id_are_refused_at_the_guid() {
    // A `guid:` copied from another briefing, or one naming another's
    // permalink, gave two feed items one id: feed readers took them for
    // one item, and subscribers never saw one of the two.
    let (site, before) = crate::built_site();
    let guid = |g: &str| format!("\nguid: \"{g}\"");
    for (name, date, extra) in [
        ("one", "2025-01-01", String::new()),
        ("two", "2025-01-02", guid("urn:desk:1")),
        ("three", "2025-01-03", guid("urn:desk:1")),
        (
            "four",
            "2025-01-04",
            guid("https://example.org/briefings/one/"),
        ),
        ("held", "2025-01-05", guid("urn:desk:1") + "\ndraft: true"),
        ("later", "2027-01-05", guid("urn:desk:1")),
    ] {
        site.briefing(
            name,
            &format!("title: {name}\ndate: {date}{extra}"),
            "Text.\n",
        );
    }
    let ds = crate::content_errors(site.build_at_now().unwrap_err());
    let found: Vec<(String, Option<usize>, Option<usize>, &str)> = ds
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            let file = d.path.file_name().unwrap().to_string_lossy().into_owned();
            (file, d.line, d.column, d.message.as_str())
        })
        .collect();
    let taken = |id: &str, of: &str| {
        format!(
            "`guid` \"{id}\" is also the feed id of content/briefings/{of}.md: feed readers take the two for one item and show subscribers only one"
        )
    };
    assert_eq!(
        found,
        [
            (
                "two.md".into(),
                Some(4),
                Some(7),
                &*taken("urn:desk:1", "three")
            ),
            (
                "four.md".into(),
                Some(4),
                Some(7),
                &*taken("https://example.org/briefings/one/", "one")
            ),
            (
                "later.md".into(),
                Some(4),
                Some(7),
                &*taken("urn:desk:1", "three")
            ),
        ],
        "{ds:?}"
    );
    assert_eq!(ds[0].snippet.as_deref(), Some("guid: \"urn:desk:1\""));
    assert_eq!(before, common::snapshot(&site.public()));
}

#[test]
fn a_heading_attribute_other_than_its_id_and_classes_is_refused_at_its_line() {
    // `## Heading {onclick=alert(1)}` (Markdown's heading attributes)
    // published `<h2 onclick="alert(1)">` in the page, every feed and the
    // email edition, past the raw HTML check that refuses the same handler
    // written as HTML; a `{style="color:red"}` failed the build with an
    // error about templates/email.html, the file it could not inline.
    let (site, before) = crate::built_site();
    site.briefing(
        "attrs",
        "title: Attrs\ndate: 2025-01-05",
        "Text.\n\n## Heading {onclick=alert(1)}\n\nMore.\n\n## Styled {#s .c style=\"color:red\"}\n\nEnd.\n",
    );
    let ds = crate::content_errors(site.build().unwrap_err());
    let found: Vec<(String, Option<usize>, &str)> = ds
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            (
                d.path.to_string_lossy().into_owned(),
                d.line,
                d.message.as_str(),
            )
        })
        .collect();
    let attr = |name: &str| {
        format!(
            "the heading has the attribute `{name}`: a heading may carry only its `{{#id}}` and `{{.class}}`"
        )
    };
    let at = |line| ("content/briefings/attrs.md".to_string(), Some(line));
    assert_eq!(
        found,
        [
            (at(7).0, at(7).1, &*attr("onclick")),
            (at(11).0, at(11).1, &*attr("style"))
        ],
        "{ds:?}"
    );
    assert_eq!(before, common::snapshot(&site.public()));

    // An id and classes are the editor's to give.
    let site = TestSite::new();
    site.briefing(
        "fine",
        "title: Fine\ndate: 2025-01-05",
        "Text.\n\n## Heading {#own .wide}\n\nMore.\n",
    );
    site.build().unwrap();
    let doc = site.html("briefings/fine/index.html");
    assert_eq!(common::attrs(&doc, "h2.wide", "id"), ["own"]);
}

#[test]
fn a_raw_style_the_email_edition_cannot_inline_is_refused_at_its_line() {
    // `<p style="a:b;c">` stopped the build with "templates/email.html:
    // cannot inline the email's CSS: End of input", naming no briefing.
    let (site, before) = crate::built_site();
    site.briefing(
        "styled",
        "title: Styled\ndate: 2025-01-05",
        "Text.\n\n<p style=\"color: red\">Fine.</p>\n\n<p style=\"a:b;c\">Broken.</p>\n",
    );
    let ds = crate::content_errors(site.build().unwrap_err());
    let errors: Vec<&brief::error::Diagnostic> = ds.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{ds:?}");
    assert_eq!(
        errors[0].path.to_string_lossy(),
        "content/briefings/styled.md"
    );
    assert_eq!(
        (errors[0].line, errors[0].column),
        (Some(9), Some(1)),
        "{ds:?}"
    );
    assert!(errors[0].message.contains("style is not CSS"), "{ds:?}");
    assert_eq!(before, common::snapshot(&site.public()));
}

#[test]
fn a_file_name_with_a_hash_or_question_mark_is_told_to_escape_it() {
    // `chart #1.png` sat beside the briefing, and the error said it did
    // not exist and to add it: in an address `#` starts a fragment.
    let (site, before) = crate::built_site();
    site.write("content/briefings/chart #1.png", b"png");
    site.write("content/briefings/why?.png", b"png");
    site.briefing(
        "hash",
        "title: Hash\ndate: 2025-01-05\nimage: {src: \"chart #1.png\", alt: Chart}",
        "Text ![Why](<why?.png>).\n",
    );
    let ds = crate::content_errors(site.build().unwrap_err());
    let hints: Vec<(Option<usize>, &str)> = ds
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.line, d.hint.as_deref().unwrap_or("")))
        .collect();
    let hint = "in an address `#` starts a fragment and `?` a query: write them in a file name as `%23` and `%3F`, or rename the file";
    assert_eq!(hints, [(Some(4), hint), (Some(6), hint)], "{ds:?}");
    assert_eq!(before, common::snapshot(&site.public()));
    // Escaped, both are found.
    site.briefing(
        "hash",
        "title: Hash\ndate: 2025-01-05\nimage: {src: \"chart %231.png\", alt: Chart}",
        "Text ![Why](why%3F.png).\n",
    );
    site.build().unwrap();
}
