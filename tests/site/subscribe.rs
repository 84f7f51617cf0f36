//! Every way to subscribe: RSS, Atom and JSON Feed parsed back with real
//! parsers, OPML, and the email edition.

use crate::common;

use common::{TestSite, attrs, fm, snapshot};

fn site() -> TestSite {
    let site = TestSite::with_config(&common::SITE_TOML.replace(
        "timezone = \"UTC\"",
        "timezone = \"UTC\"\nauthor = \"The Desk\"",
    ));
    site.write("content/briefings/map.png", b"\x89PNG\r\n\x1a\n");
    site.briefing(
        "2025-08-07-rubio",
        &format!("{}\nauthors: [Rodney Mbua]\nsummary: \"Rubio said so.\"", fm("Rubio & the <military>", "2025-08-07T15:00:00-04:00", &["United States", "Cartels"])),
        "Rubio spoke. ![Map](map.png) See [notes](#notes).\n\n## Notes\n\n<a href=\"raw/\">Raw</a> and a footnote[^1].\n\n[^1]: Here.\n",
    );
    site.briefing(
        "2025-08-08-force",
        &format!(
            "{}\nupdated: 2025-08-09T10:00:00-04:00",
            fm(
                "Force weighed",
                "2025-08-08T17:30:00-04:00",
                &["Mexico", "Cartels"]
            )
        ),
        "Officials confirmed.\n",
    );
    site.briefing(
        "2025-02-20-designation",
        &format!(
            "{}\nguid: \"https://old.example.org/2025/designation\"",
            fm("Designated", "2025-02-20", &["Cartels"])
        ),
        "Body.\n",
    );
    site
}

#[test]
fn rss_items_match_their_briefings() {
    let site = site();
    site.build().unwrap();
    let ch = rss::Channel::read_from(site.read("rss.xml").as_bytes()).unwrap();
    let items = ch.items();
    assert_eq!(items.len(), 3);
    let titles: Vec<_> = items.iter().map(|i| i.title().unwrap()).collect();
    assert_eq!(
        titles,
        ["Force weighed", "Rubio & the <military>", "Designated"]
    );
    // lastBuildDate: the newest change (an update), never the clock.
    assert_eq!(ch.last_build_date(), Some("Sat, 9 Aug 2025 10:00:00 -0400"));
    let pinned = items[2].guid().unwrap();
    assert_eq!(pinned.value(), "https://old.example.org/2025/designation");
    assert!(!pinned.is_permalink());
    for item in items {
        let date = chrono::DateTime::parse_from_rfc2822(item.pub_date().unwrap()).unwrap();
        assert!(date.timestamp() > 0);
        assert!(item.categories().iter().any(|c| c.name() == "Cartels"));
    }
}

#[test]
fn atom_feeds_parse_and_keep_stable_ids() {
    let site = site();
    site.build().unwrap();
    let text = site.read("atom.xml");
    let feed = atom_syndication::Feed::read_from(text.as_bytes()).unwrap();
    assert_eq!(feed.title().as_str(), "Test Briefing");
    assert_eq!(feed.id(), "https://example.org/atom.xml");
    assert_eq!(feed.updated().to_rfc3339(), "2025-08-09T10:00:00-04:00");
    let self_link = feed.links().iter().find(|l| l.rel() == "self").unwrap();
    assert_eq!(self_link.href(), "https://example.org/atom.xml");
    let e = &feed.entries()[0];
    assert_eq!(e.title().as_str(), "Force weighed");
    assert_eq!(e.id(), "https://example.org/briefings/force/");
    assert_eq!(e.updated().to_rfc3339(), "2025-08-09T10:00:00-04:00");
    assert_eq!(
        e.published().unwrap().to_rfc3339(),
        "2025-08-08T17:30:00-04:00"
    );
    assert_eq!(e.links()[0].href(), "https://example.org/briefings/force/");
    let terms: Vec<_> = e.categories().iter().map(|c| c.term()).collect();
    assert_eq!(terms, ["Mexico", "Cartels"]);
    let rubio = &feed.entries()[1];
    assert_eq!(rubio.title().as_str(), "Rubio & the <military>");
    assert_eq!(rubio.authors()[0].name(), "Rodney Mbua");
    let content = rubio.content().unwrap().value().unwrap();
    assert!(
        content.contains("https://example.org/briefings/map.png"),
        "{content}"
    );
    assert!(
        content.contains("https://example.org/briefings/rubio/#notes"),
        "{content}"
    );
    assert!(
        content.contains("https://example.org/briefings/rubio/raw/"),
        "{content}"
    );
    assert_eq!(
        feed.entries()[2].id(),
        "https://old.example.org/2025/designation"
    );

    let tag =
        atom_syndication::Feed::read_from(site.read("tags/mexico/atom.xml").as_bytes()).unwrap();
    assert_eq!(tag.entries().len(), 1);
    assert_eq!(tag.id(), "https://example.org/tags/mexico/atom.xml");
}

#[test]
fn json_feeds_follow_the_1_1_rules() {
    let site = site();
    site.build().unwrap();
    for path in [
        "feed.json",
        "tags/cartels/feed.json",
        "tags/united-states/feed.json",
    ] {
        let feed: serde_json::Value = serde_json::from_str(&site.read(path)).unwrap();
        assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
        assert!(feed["title"].is_string());
        assert_eq!(feed["feed_url"], format!("https://example.org/{path}"));
        assert!(
            feed["home_page_url"]
                .as_str()
                .unwrap()
                .starts_with("https://example.org/")
        );
        let items = feed["items"].as_array().unwrap();
        assert!(!items.is_empty());
        let mut ids = std::collections::HashSet::new();
        for item in items {
            assert!(
                ids.insert(item["id"].as_str().unwrap().to_string()),
                "ids unique"
            );
            assert!(
                item["url"]
                    .as_str()
                    .unwrap()
                    .starts_with("https://example.org/briefings/")
            );
            assert!(item["content_html"].is_string() || item["content_text"].is_string());
            chrono::DateTime::parse_from_rfc3339(item["date_published"].as_str().unwrap()).unwrap();
            chrono::DateTime::parse_from_rfc3339(item["date_modified"].as_str().unwrap()).unwrap();
            assert!(
                item["tags"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|t| t.is_string())
            );
        }
    }
    let feed: serde_json::Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    assert_eq!(feed["items"][1]["title"], "Rubio & the <military>");
    assert_eq!(feed["items"][1]["authors"][0]["name"], "Rodney Mbua");
    assert_eq!(
        feed["items"][2]["id"],
        "https://old.example.org/2025/designation"
    );
}

#[test]
fn every_page_advertises_its_feeds() {
    let site = site();
    site.build().unwrap();
    for (path, _) in snapshot(&site.public()) {
        let p = path.to_string_lossy().into_owned();
        if !p.ends_with(".html") || p.ends_with("email.html") {
            continue;
        }
        let doc = site.html(&p);
        let types = attrs(&doc, "head link[rel=alternate]", "type");
        for t in [
            "application/rss+xml",
            "application/atom+xml",
            "application/feed+json",
        ] {
            assert!(types.iter().any(|x| x == t), "{p} lacks {t}");
        }
    }
    let tag = site.html("tags/mexico/index.html");
    let hrefs = attrs(&tag, "head link[rel=alternate]", "href");
    assert!(
        hrefs.contains(&"https://example.org/tags/mexico/atom.xml".to_string()),
        "{hrefs:?}"
    );
}

#[test]
fn formats_are_switchable() {
    let site = site();
    site.write(
        "site.toml",
        format!(
            "{}\n[feed]\nformats = [\"atom\"]\n[email]\nenabled = false\n",
            common::SITE_TOML
        ),
    );
    site.build().unwrap();
    let public = site.public();
    assert!(public.join("atom.xml").is_file() && public.join("tags/cartels/atom.xml").is_file());
    assert!(!public.join("rss.xml").exists() && !public.join("feed.json").exists());
    assert!(!public.join("tags/cartels/rss.xml").exists());
    assert!(!public.join("briefings/force/email.html").exists());
    let doc = site.html("index.html");
    assert_eq!(
        attrs(&doc, "head link[rel=alternate]", "type"),
        ["application/atom+xml"]
    );
}

/// The email edition names the feed it links to: with Atom alone it said
/// "Subscribe by RSS" over a link to atom.xml.
#[test]
fn the_email_edition_names_the_format_of_the_feed_it_links_to() {
    let site = site();
    site.write(
        "site.toml",
        format!("{}\n[feed]\nformats = [\"atom\"]\n", common::SITE_TOML),
    );
    site.build().unwrap();
    let doc = site.html("briefings/force/email.html");
    let a = scraper::Selector::parse("a").unwrap();
    let feed: Vec<String> = doc
        .select(&a)
        .filter(|a| a.value().attr("href") == Some("https://example.org/atom.xml"))
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(feed, ["Subscribe by Atom"]);
    let text = site.read("briefings/force/email.txt");
    assert!(text.contains("https://example.org/atom.xml"), "{text}");
    assert!(
        !text.contains("RSS") && !doc.html().contains("RSS"),
        "{text}"
    );
    // The site's footer names each format the same way.
    let doc = site.html("index.html");
    let footer = scraper::Selector::parse(".footer-subscribe a[type]").unwrap();
    let labels: Vec<String> = doc.select(&footer).map(|a| a.text().collect()).collect();
    assert_eq!(labels, ["Atom"]);
}

#[test]
fn feeds_rebuild_byte_for_byte_and_only_a_slug_changes_a_guid() {
    let site = site();
    site.build().unwrap();
    let before: Vec<_> = ["rss.xml", "atom.xml", "feed.json", "feeds.opml"]
        .iter()
        .map(|f| site.read(f))
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    site.build().unwrap();
    let after: Vec<_> = ["rss.xml", "atom.xml", "feed.json", "feeds.opml"]
        .iter()
        .map(|f| site.read(f))
        .collect();
    assert_eq!(before, after);

    // Editing a briefing's text keeps its guid; changing its slug does not.
    site.briefing(
        "2025-08-08-force",
        &fm(
            "Force weighed again",
            "2025-08-08T17:30:00-04:00",
            &["Mexico"],
        ),
        "New text.\n",
    );
    site.build().unwrap();
    let guids = |site: &TestSite| -> Vec<String> {
        rss::Channel::read_from(site.read("rss.xml").as_bytes())
            .unwrap()
            .items()
            .iter()
            .map(|i| i.guid().unwrap().value().to_string())
            .collect()
    };
    assert_eq!(guids(&site)[0], "https://example.org/briefings/force/");
    site.briefing(
        "2025-08-08-force",
        &format!(
            "{}\nslug: force-renamed",
            fm("Force", "2025-08-08T17:30:00-04:00", &["Mexico"])
        ),
        "x\n",
    );
    site.build().unwrap();
    assert_eq!(
        guids(&site)[0],
        "https://example.org/briefings/force-renamed/"
    );
}

#[test]
fn opml_lists_the_site_feed_and_every_tag_and_author_feed() {
    let site = site();
    site.build().unwrap();
    let text = site.read("feeds.opml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let urls: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("xmlUrl"))
        .collect();
    assert_eq!(
        urls,
        [
            "https://example.org/rss.xml",
            "https://example.org/tags/cartels/rss.xml",
            "https://example.org/tags/mexico/rss.xml",
            "https://example.org/tags/united-states/rss.xml",
            "https://example.org/authors/rodney-mbua/rss.xml",
        ]
    );
    assert!(
        doc.descendants()
            .filter(|n| n.attribute("xmlUrl").is_some())
            .all(|n| n.attribute("type") == Some("rss"))
    );
    let tags = site.html("tags/index.html");
    assert!(
        attrs(&tags, "a[href]", "href").contains(&"https://example.org/feeds.opml".to_string())
    );
}

#[test]
fn the_email_edition_is_self_contained() {
    let site = site();
    site.build().unwrap();
    let html = site.read("briefings/rubio/email.html");
    let doc = scraper::Html::parse_document(&html);
    let count = |sel: &str| doc.select(&scraper::Selector::parse(sel).unwrap()).count();
    assert_eq!(count("style"), 0);
    assert_eq!(count("link[rel=stylesheet]"), 0);
    assert_eq!(count("script"), 0);
    assert!(count("[style]") > 10, "CSS was inlined");
    for img in doc.select(&scraper::Selector::parse("img").unwrap()) {
        let width: u32 = img
            .value()
            .attr("width")
            .expect("img width")
            .parse()
            .unwrap();
        assert!(width <= 600);
        assert!(img.value().attr("alt").is_some());
    }
    for a in attrs(&doc, "a", "href") {
        assert!(a.starts_with("https://") || a.starts_with("mailto:"), "{a}");
    }
    for t in doc.select(&scraper::Selector::parse("table[width]").unwrap()) {
        let w = t.value().attr("width").unwrap();
        assert!(w == "100%" || w.parse::<u32>().unwrap() <= 600, "{w}");
    }
    let links = attrs(&doc, "a", "href");
    assert!(
        links.contains(&"https://example.org/briefings/rubio/".to_string()),
        "web version"
    );
    assert!(
        links.contains(&"https://example.org/rss.xml".to_string()),
        "feed"
    );

    let text = site.read("briefings/rubio/email.txt");
    assert!(text.contains("Rubio & the <military>"));
    for line in text.lines() {
        assert!(
            line.chars().count() <= 72 || !line.contains(' '),
            "too wide: {line:?}"
        );
    }
    // Links as numbered references.
    assert!(text.contains("[1]"), "{text}");
    assert!(
        text.lines().any(|l| l.starts_with("[1]: https://")),
        "{text}"
    );
}

#[test]
fn brief_email_prints_both_paths() {
    let site = site();
    site.build().unwrap();
    let out = site.run(&["email", "--latest"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(
        lines[0].ends_with("briefings/force/email.html")
            && std::path::Path::new(lines[0]).is_file()
    );
    assert!(
        lines[1].ends_with("briefings/force/email.txt") && std::path::Path::new(lines[1]).is_file()
    );
    let out = site.run(&["email", "designation"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("briefings/designation/email.html"));
    let out = site.run(&["email", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no briefing has the slug `nope`"));
}

#[test]
fn email_editions_cover_the_newest_briefings_up_to_the_limit() {
    let site = site();
    site.write(
        "site.toml",
        format!("{}\n[email]\nlimit = 2\n", common::SITE_TOML),
    );
    site.build().unwrap();
    assert!(site.public().join("briefings/force/email.html").is_file());
    assert!(site.public().join("briefings/rubio/email.txt").is_file());
    assert!(
        !site
            .public()
            .join("briefings/designation/email.html")
            .exists()
    );
}

#[test]
fn the_email_edition_carries_the_unsubscribe_placeholder_notes_and_caption() {
    let site = site();
    site.write(
        "site.toml",
        format!(
            "{}\n[email]\nunsubscribe = \"*|UNSUB|*\"\n",
            common::SITE_TOML
        ),
    );
    site.briefing(
        "2025-08-10-lead",
        &format!(
            "{}\nimage: {{ src: map.png, alt: \"A map of the border\", caption: \"The crossing at dawn\" }}",
            fm("With a lead image", "2025-08-10T08:00:00Z", &["Mexico"])
        ),
        "Said so.[^a] And again.[^b]\n\n[^a]: The first note.\n[^b]: The second note.\n",
    );
    site.build().unwrap();
    let html = site.read("briefings/lead/email.html");
    let doc = scraper::Html::parse_document(&html);
    assert_eq!(
        attrs(&doc, ".footer a[href=\"*|UNSUB|*\"]", "href").len(),
        1
    );
    // The preview text is hidden, not coloured like its background.
    let pre = attrs(&doc, ".preheader", "style");
    assert_eq!(pre.len(), 1);
    assert!(pre[0].contains("display: none"), "{pre:?}");
    assert!(!pre[0].contains("color"), "{pre:?}");

    let text = site.read("briefings/lead/email.txt");
    assert!(text.contains("[Image: A map of the border]"), "{text}");
    assert!(text.contains("The crossing at dawn"), "{text}");
    assert!(text.contains("Said so.(1) And again.(2)"), "{text}");
    assert!(!text.contains("^{"), "{text}");
    let notes = text.find("## Notes").expect("a Notes heading");
    assert!(text[notes..].contains("1. The first note."), "{text}");
    assert!(text[notes..].contains("2. The second note."), "{text}");
    assert_eq!(text.lines().last(), Some("Unsubscribe: *|UNSUB|*"));
}

#[test]
fn brief_email_on_a_draft_names_the_flag_and_warns_without_unsubscribe() {
    let site = site();
    site.briefing(
        "2025-08-11-draft",
        &format!(
            "{}\ndraft: true",
            fm("Not yet", "2025-08-11T08:00:00Z", &[])
        ),
        "Body.\n",
    );
    site.build().unwrap();
    let out = site.run(&["email", "draft"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("is a draft") && err.contains("--drafts"),
        "{err}"
    );
    let out = site.run(&["email", "--drafts", "draft"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("[email] unsubscribe"), "{err}");
}

#[test]
fn brief_check_takes_the_unsubscribe_placeholder_for_what_it_is() {
    let site = TestSite::with_config(&format!(
        "{}\n[email]\nunsubscribe = \"{{{{ unsubscribe_url }}}}\"\n",
        common::SITE_TOML
    ));
    site.briefing(
        "2025-08-08-force",
        &fm("Force weighed", "2025-08-08T17:30:00-04:00", &["Mexico"]),
        "Officials confirmed.\n",
    );
    let out = site.run(&["check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    site.build().unwrap();
    assert!(
        site.read("briefings/force/email.html")
            .contains("href=\"{{ unsubscribe_url }}\"")
    );
}
