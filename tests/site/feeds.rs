//! The RSS feeds and the sitemap, parsed back with real XML parsers.

use crate::common;

use common::{TestSite, fm};

fn channel(site: &TestSite, rel: &str) -> rss::Channel {
    rss::Channel::read_from(site.read(rel).as_bytes()).unwrap()
}

fn site_with_briefings(n: usize) -> TestSite {
    let site = TestSite::with_config(&format!("{}\n[feed]\nlimit = 3\n", common::SITE_TOML));
    site.write("content/briefings/map.png", b"\x89PNG\r\n\x1a\n");
    for i in 0..n {
        site.briefing(
            &format!("2025-03-{:02}-b{i}", i + 1),
            &format!(
                "{}\nauthors: [Ana Ruiz, Bo Li]\nsummary: \"Summary {i} <b> & more\"",
                fm(&format!("Briefing {i} <&>"), &format!("2025-03-{:02}T08:00:00+01:00", i + 1), &["Energy", if i % 2 == 0 { "Even" } else { "Odd" }])
            ),
            "See [the map](map.png), [notes](#notes) and <a href=\"raw/\">raw</a>.\n\n## Notes\n\nText[^1].\n\n[^1]: Foot.\n",
        );
    }
    site
}

#[test]
fn the_site_feed_has_every_required_element() {
    let site = site_with_briefings(5);
    site.build().unwrap();
    let ch = channel(&site, "rss.xml");
    assert_eq!(ch.title(), "Test Briefing");
    assert_eq!(ch.link(), "https://example.org/");
    assert_eq!(ch.description(), "A test site");
    assert_eq!(ch.language(), Some("en"));
    // The newest briefing's date, not the clock.
    assert_eq!(ch.last_build_date(), Some("Wed, 5 Mar 2025 08:00:00 +0100"));
    let atom = ch.atom_ext().unwrap();
    assert_eq!(atom.links()[0].rel(), "self");
    assert_eq!(atom.links()[0].href(), "https://example.org/rss.xml");

    // feed.limit = 3, newest first.
    let items = ch.items();
    assert_eq!(items.len(), 3);
    let first = &items[0];
    assert_eq!(first.title(), Some("Briefing 4 <&>"));
    assert_eq!(first.link(), Some("https://example.org/briefings/b4/"));
    let guid = first.guid().unwrap();
    assert!(guid.is_permalink());
    assert_eq!(guid.value(), "https://example.org/briefings/b4/");
    let date = chrono::DateTime::parse_from_rfc2822(first.pub_date().unwrap()).unwrap();
    assert_eq!(date.to_rfc3339(), "2025-03-05T08:00:00+01:00");
    let cats: Vec<&str> = first.categories().iter().map(|c| c.name()).collect();
    assert_eq!(cats, ["Energy", "Even"]);
    assert_eq!(
        first.dublin_core_ext().unwrap().creators(),
        ["Ana Ruiz", "Bo Li"]
    );
    // The description is HTML to a reader: the plain-text summary escaped.
    assert_eq!(first.description(), Some("Summary 4 &lt;b&gt; &amp; more"));

    // Full content with every link and image absolute.
    let content = scraper::Html::parse_fragment(first.content().unwrap());
    let sel = scraper::Selector::parse("[href], [src]").unwrap();
    let mut n = 0;
    for el in content.select(&sel) {
        let url = el.value().attr("href").or(el.value().attr("src")).unwrap();
        assert!(url.starts_with("https://example.org/"), "{url}");
        n += 1;
    }
    assert!(n >= 4, "links checked: {n}");
    assert!(
        first
            .content()
            .unwrap()
            .contains("https://example.org/briefings/map.png")
    );
    assert!(
        first
            .content()
            .unwrap()
            .contains("https://example.org/briefings/b4/raw/")
    );
}

#[test]
fn each_tag_has_its_own_feed() {
    let site = site_with_briefings(5);
    site.build().unwrap();
    let odd = channel(&site, "tags/odd/rss.xml");
    assert_eq!(odd.link(), "https://example.org/tags/odd/");
    let titles: Vec<&str> = odd.items().iter().filter_map(|i| i.title()).collect();
    assert_eq!(titles, ["Briefing 3 <&>", "Briefing 1 <&>"]);
    assert_eq!(
        odd.atom_ext().unwrap().links()[0].href(),
        "https://example.org/tags/odd/rss.xml"
    );
    assert_eq!(
        odd.last_build_date(),
        Some("Tue, 4 Mar 2025 08:00:00 +0100")
    );
}

#[test]
fn guids_are_unique_and_stable() {
    let site = site_with_briefings(3);
    site.build().unwrap();
    let before = site.read("rss.xml");
    let guids: std::collections::HashSet<String> = channel(&site, "rss.xml")
        .items()
        .iter()
        .map(|i| i.guid().unwrap().value().to_string())
        .collect();
    assert_eq!(guids.len(), 3);
    site.build().unwrap();
    assert_eq!(before, site.read("rss.xml"));
}

#[test]
fn the_sitemap_lists_every_page_with_w3c_dates() {
    let site = site_with_briefings(2);
    site.build().unwrap();
    let text = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let urls: Vec<(String, Option<String>)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("url"))
        .map(|u| {
            let get = |name: &str| {
                u.children()
                    .find(|c| c.has_tag_name(name))
                    .and_then(|c| c.text())
                    .map(str::to_string)
            };
            (get("loc").unwrap(), get("lastmod"))
        })
        .collect();
    let locs: Vec<&str> = urls.iter().map(|(l, _)| l.as_str()).collect();
    assert!(locs.contains(&"https://example.org/"));
    assert!(locs.contains(&"https://example.org/briefings/b1/"));
    assert!(locs.contains(&"https://example.org/tags/energy/"));
    assert!(locs.contains(&"https://example.org/archive/"));
    assert!(!locs.iter().any(|l| l.contains("404")));
    let b1 = urls.iter().find(|(l, _)| l.ends_with("/b1/")).unwrap();
    assert_eq!(b1.1.as_deref(), Some("2025-03-02T08:00:00+01:00"));
    assert!(
        site.read("robots.txt")
            .contains("Sitemap: https://example.org/sitemap.xml")
    );
}

#[test]
fn a_digest_written_as_a_list_has_a_summary_in_the_page_and_the_feeds() {
    // A body of bullet points has no paragraph: the page had no meta
    // description and every feed item an empty description.
    let site = TestSite::new();
    site.briefing(
        "points",
        &fm("Points", "2025-01-05", &["Markets"]),
        "- Oil fell 3% on Monday.\n- Gold rose.\n",
    );
    site.build().unwrap();
    let doc = site.html("briefings/points/index.html");
    assert_eq!(
        common::attrs(&doc, "meta[name=description]", "content"),
        ["Oil fell 3% on Monday."]
    );
    let feed = channel(&site, "rss.xml");
    assert_eq!(
        feed.items()[0].description(),
        Some("Oil fell 3% on Monday.")
    );
}
