//! Per-author pages: `/authors/<slug>/`, paginated, with the author's feeds
//! in every enabled format, in the sitemap and OPML, linked from bylines.

use crate::common;

use common::{TestSite, attrs, fm, texts};

fn site() -> TestSite {
    let site = TestSite::with_config(&format!(
        "{}\n[feed]\nformats = [\"rss\", \"atom\", \"json\"]\n",
        common::SITE_TOML.replace("per_page = 10", "per_page = 2")
    ));
    for (i, authors) in [
        "[Ana Ruiz]",
        "[Ana Ruiz, Bo Li]",
        "[ana ruiz]",
        "[Bo Li]",
        "[\"!!!\"]",
    ]
    .iter()
    .enumerate()
    {
        site.briefing(
            &format!("b{i}"),
            &format!(
                "{}\nauthors: {authors}",
                fm(
                    &format!("Briefing {i}"),
                    &format!("2025-01-0{}", i + 1),
                    &["Energy"]
                )
            ),
            "Body.\n",
        );
    }
    site
}

#[test]
fn each_author_has_paginated_pages_feeds_and_byline_links() {
    let site = site();
    site.build().unwrap();
    // Ana Ruiz wrote b0, b1 and b2 (spelt two ways): two pages of two.
    let page1 = site.html("authors/ana-ruiz/index.html");
    assert_eq!(texts(&page1, ".card-title a"), ["Briefing 2", "Briefing 1"]);
    assert_eq!(texts(&page1, "h1"), ["Briefings by Ana Ruiz"]);
    let page2 = site.html("authors/ana-ruiz/page/2/index.html");
    assert_eq!(texts(&page2, ".card-title a"), ["Briefing 0"]);
    // Its feeds, advertised in the head, in every format.
    let feeds = attrs(&page1, "link[rel=alternate]", "href");
    for f in ["rss.xml", "atom.xml", "feed.json"] {
        let url = format!("https://example.org/authors/ana-ruiz/{f}");
        assert!(feeds.contains(&url), "{url} in {feeds:?}");
        assert!(
            site.public()
                .join(format!("authors/ana-ruiz/{f}"))
                .is_file()
        );
    }
    let ch = rss::Channel::read_from(site.read("authors/bo-li/rss.xml").as_bytes()).unwrap();
    let links: Vec<_> = ch.items().iter().filter_map(|i| i.link()).collect();
    assert_eq!(
        links,
        [
            "https://example.org/briefings/b3/",
            "https://example.org/briefings/b1/"
        ]
    );
    let atom: atom_syndication::Feed = site.read("authors/bo-li/atom.xml").parse().unwrap();
    assert_eq!(atom.entries().len(), 2);
    let json: serde_json::Value =
        serde_json::from_str(&site.read("authors/bo-li/feed.json")).unwrap();
    assert_eq!(json["items"].as_array().unwrap().len(), 2);

    // Bylines link to the author's page; a name with no letters has none.
    let b1 = site.html("briefings/b1/index.html");
    assert_eq!(
        attrs(&b1, ".byline a", "href"),
        [
            "https://example.org/authors/ana-ruiz/",
            "https://example.org/authors/bo-li/"
        ]
    );
    let b4 = site.html("briefings/b4/index.html");
    assert!(attrs(&b4, ".byline a", "href").is_empty());
    assert_eq!(texts(&b4, ".byline"), ["By !!!"]);

    // The sitemap lists every author page; OPML every author feed.
    let sitemap = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    for url in [
        "https://example.org/authors/ana-ruiz/",
        "https://example.org/authors/ana-ruiz/page/2/",
        "https://example.org/authors/bo-li/",
    ] {
        assert!(locs.contains(&url), "{url}");
    }
    let opml = site.read("feeds.opml");
    let doc = roxmltree::Document::parse(&opml).unwrap();
    let feeds: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("xmlUrl"))
        .collect();
    assert!(feeds.contains(&"https://example.org/authors/bo-li/rss.xml"));
    // Folders (outlines holding outlines) carry only `text`; a `title`
    // without a `type` draws a warning from the W3C feed validator.
    let folders: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("outline") && n.children().any(|c| c.is_element()))
        .collect();
    assert!(!folders.is_empty());
    for f in folders {
        let names: Vec<_> = f.attributes().map(|a| a.name()).collect();
        assert_eq!(names, ["text"], "{opml}");
    }
}

#[test]
fn a_static_file_at_an_author_path_is_a_clash() {
    let site = site();
    site.write("static/authors/bo-li/rss.xml", "mine");
    let err = site.build().unwrap_err().to_string();
    assert!(
        err.contains("static/authors/bo-li/rss.xml: would be published at /authors/bo-li/rss.xml, where brief writes a generated page"),
        "{err}"
    );
}

#[test]
fn two_names_sharing_an_author_url_are_an_error() {
    let site = TestSite::new();
    site.briefing(
        "a",
        &format!("{}\nauthors: [José Díaz]", fm("A", "2025-01-01", &[])),
        "Body.\n",
    );
    site.briefing(
        "b",
        &format!("{}\nauthors: [Jose Diaz]", fm("B", "2025-01-02", &[])),
        "Body.\n",
    );
    let err = site.build().unwrap_err().to_string();
    assert!(
        err.contains("would share the URL /authors/jose-diaz/"),
        "{err}"
    );
}

/// Two briefings by `Ana Ruiz` (the newest) and three by `ana ruiz`.
fn spelt_two_ways() -> TestSite {
    let site = TestSite::with_config(&format!(
        "{}\n[feed]\nformats = [\"rss\", \"atom\", \"json\"]\n[cards]\nenabled = false\n",
        common::SITE_TOML
    ));
    for (i, name) in ["ana ruiz", "ana ruiz", "ana ruiz", "Ana Ruiz", "Ana Ruiz"]
        .iter()
        .enumerate()
    {
        site.briefing(
            &format!("s{i}"),
            &format!(
                "{}\nauthors: [{name}, Bo Li]",
                fm(&format!("Spelt {i}"), &format!("2025-01-0{}", i + 1), &[])
            ),
            "Body.\n",
        );
    }
    site
}

/// The names every place shows for briefing `slug`'s authors.
fn names_everywhere(site: &TestSite, slug: &str) -> Vec<(&'static str, Vec<String>)> {
    let url = format!("https://example.org/briefings/{slug}/");
    let page = site.html(&format!("briefings/{slug}/index.html"));
    let byline = texts(&page, ".byline a");
    let ld: Vec<String> = texts(&page, "script[type=\"application/ld+json\"]")
        .iter()
        .flat_map(|t| {
            let v: serde_json::Value = serde_json::from_str(t).unwrap();
            v["author"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["name"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    let ch = rss::Channel::read_from(site.read("rss.xml").as_bytes()).unwrap();
    let item = ch.items().iter().find(|i| i.link() == Some(&url)).unwrap();
    let rss = item.dublin_core_ext().unwrap().creators().to_vec();
    let atom: atom_syndication::Feed = site.read("atom.xml").parse().unwrap();
    let entry = atom
        .entries()
        .iter()
        .find(|e| e.links()[0].href() == url)
        .unwrap();
    let atom = entry
        .authors()
        .iter()
        .map(|p| p.name().to_string())
        .collect();
    let json: serde_json::Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    let item = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["url"] == url.as_str())
        .unwrap();
    let json = item["authors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap().to_string())
        .collect();
    let email = site.html(&format!("briefings/{slug}/email.html"));
    let email_meta = texts(&email, "p.meta");
    let text = site.read(&format!("briefings/{slug}/email.txt"));
    let text_byline = text
        .lines()
        .find(|l| l.contains(" · By "))
        .map(|l| l.split(" · By ").nth(1).unwrap().to_string())
        .into_iter()
        .collect();
    let records = crate::search::records(&site.public());
    let search = records[&format!("briefings/{slug}/")]["filters"]["author"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_string())
        .collect();
    vec![
        ("byline", byline),
        ("json-ld", ld),
        ("rss dc:creator", rss),
        ("atom author", atom),
        ("feed.json authors", json),
        (
            "email.html",
            email_meta
                .first()
                .and_then(|m| m.split(" · ").nth(1))
                .map(|by| vec![by.to_string()])
                .unwrap_or_default(),
        ),
        ("email.txt", text_byline),
        ("search filter", search),
    ]
}

#[test]
fn one_spelling_of_an_author_is_shown_everywhere() {
    let site = spelt_two_ways();
    site.build_at_now().unwrap();
    let author = site.html("authors/ana-ruiz/index.html");
    assert_eq!(texts(&author, "h1"), ["Briefings by ana ruiz"]);
    for (place, names) in names_everywhere(&site, "s4") {
        let expected: Vec<String> = match place {
            "email.html" => vec!["By ana ruiz, Bo Li".into()],
            "email.txt" => vec!["ana ruiz, Bo Li".into()],
            _ => vec!["ana ruiz".into(), "Bo Li".into()],
        };
        assert_eq!(names, expected, "{place}");
    }

    // When another briefing's spelling tips the count, a warm build shows
    // the new one on pages whose own files did not change.
    let s2 = site.root().join("content/briefings/s2.md");
    let text = std::fs::read_to_string(&s2).unwrap();
    std::fs::write(&s2, text.replace("[ana ruiz,", "[Ana Ruiz,")).unwrap();
    site.build_at_now().unwrap();
    let author = site.html("authors/ana-ruiz/index.html");
    assert_eq!(texts(&author, "h1"), ["Briefings by Ana Ruiz"]);
    for (place, names) in names_everywhere(&site, "s0") {
        assert!(
            names.iter().any(|n| n.contains("Ana Ruiz"))
                && !names.iter().any(|n| n.contains("ana ruiz")),
            "{place}: {names:?}"
        );
    }
}

#[test]
fn an_author_written_twice_in_one_briefing_is_shown_once() {
    let site = TestSite::with_config(&format!(
        "{}\n[feed]\nformats = [\"rss\", \"atom\", \"json\"]\n[cards]\nenabled = false\n",
        common::SITE_TOML
    ));
    for (i, authors) in [
        "[Ana Ruiz, ana ruiz, Bo Li]",
        "[Ana Ruiz, Ana Ruiz]",
        "[ＡＮＡ ＲＵＩＺ, Bo Li, Ana Ruiz]",
    ]
    .iter()
    .enumerate()
    {
        site.briefing(
            &format!("d{i}"),
            &format!(
                "{}\nauthors: {authors}",
                fm(&format!("Twice {i}"), &format!("2025-01-0{}", i + 1), &[])
            ),
            "Body.\n",
        );
    }
    site.build_at_now().unwrap();
    for (slug, expected) in [
        ("d0", ["Ana Ruiz", "Bo Li"].as_slice()),
        ("d1", ["Ana Ruiz"].as_slice()),
        ("d2", ["Ana Ruiz", "Bo Li"].as_slice()),
    ] {
        for (place, names) in names_everywhere(&site, slug) {
            let expected: Vec<String> = match place {
                "email.html" => vec![format!("By {}", expected.join(", "))],
                "email.txt" => vec![expected.join(", ")],
                _ => expected.iter().map(|s| s.to_string()).collect(),
            };
            assert_eq!(names, expected, "{slug} {place}");
        }
    }
    let author = site.html("authors/ana-ruiz/index.html");
    assert_eq!(
        texts(&author, ".card-title a"),
        ["Twice 2", "Twice 1", "Twice 0"]
    );
}
