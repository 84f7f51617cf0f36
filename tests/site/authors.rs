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
