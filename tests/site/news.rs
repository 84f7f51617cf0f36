//! The Google News sitemap, `/sitemap-news.xml`, parsed back with
//! roxmltree: the 48 hours before the build's now, its switch in
//! site.toml, and `robots.txt` naming it.

use crate::common;

use brief::config::Overrides;
use common::{TestSite, fm, now};

const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NEWS: &str = "http://www.google.com/schemas/sitemap-news/0.9";

/// One `<url>` of a news sitemap: its `<loc>` and, when it has
/// `<news:news>`, (name, language, publication date, title).
#[derive(Debug, PartialEq)]
struct Url {
    loc: String,
    news: Option<[String; 4]>,
}

/// The one child of `n` named `name` in namespace `ns`, if any.
fn child<'a, 'i>(
    n: roxmltree::Node<'a, 'i>,
    ns: &str,
    name: &str,
) -> Option<roxmltree::Node<'a, 'i>> {
    let found: Vec<_> = n
        .children()
        .filter(|c| c.tag_name().namespace() == Some(ns) && c.tag_name().name() == name)
        .collect();
    assert!(found.len() <= 1, "{name} twice");
    found.first().copied()
}

/// The text of the child of `n` named `name` in namespace `ns`, which
/// must be there.
fn text_of(n: roxmltree::Node<'_, '_>, ns: &str, name: &str) -> String {
    child(n, ns, name)
        .unwrap_or_else(|| panic!("no {name}"))
        .text()
        .unwrap_or("")
        .to_string()
}

/// The `<url>`s of `text`, after checking the root and its namespaces.
fn urls(text: &str) -> Vec<Url> {
    let doc = roxmltree::Document::parse(text).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().namespace(), Some(SITEMAP));
    assert_eq!(root.tag_name().name(), "urlset");
    assert_eq!(root.lookup_namespace_uri(Some("news")), Some(NEWS));
    root.children()
        .filter(|n| n.is_element())
        .map(|u| {
            assert!(u.has_tag_name((SITEMAP, "url")), "{u:?}");
            let news = child(u, NEWS, "news").map(|n| {
                let publication = child(n, NEWS, "publication").expect("no publication");
                [
                    text_of(publication, NEWS, "name"),
                    text_of(publication, NEWS, "language"),
                    text_of(n, NEWS, "publication_date"),
                    text_of(n, NEWS, "title"),
                ]
            });
            Url {
                loc: text_of(u, SITEMAP, "loc"),
                news,
            }
        })
        .collect()
}

/// The URLs `robots.txt` names as sitemaps.
fn robots_sitemaps(site: &TestSite) -> Vec<String> {
    site.read("robots.txt")
        .lines()
        .filter_map(|l| l.strip_prefix("Sitemap: "))
        .map(str::to_string)
        .collect()
}

/// Builds at [`common::NOW`] (2026-11-30T12:00:00Z), drafts and scheduled
/// briefings included in the site.
fn build_with_everything(site: &TestSite) {
    site.build_with(Overrides {
        now: Some(now()),
        drafts: true,
        future: true,
        ..Overrides::default()
    })
    .unwrap();
}

/// The `<news:news>` of a briefing of the default test site.
fn news(date: &str, title: &str) -> Option<[String; 4]> {
    Some([
        "Test Briefing".into(),
        "en".into(),
        date.into(),
        title.into(),
    ])
}

#[test]
fn the_news_sitemap_lists_the_briefings_of_the_48_hours_before_now() {
    let site = TestSite::new();
    let tricky = "Oil & gas: <Cartels> say \"no\" to 'Plan B'";
    for (name, title, date) in [
        (
            "exactly-48h",
            "Exactly two days old",
            "2026-11-28T12:00:00Z",
        ),
        ("a-minute-newer", tricky, "2026-11-28T07:01:00-05:00"),
        ("a-minute-older", "Too old", "2026-11-28T11:59:00Z"),
        ("fresh", "This morning", "2026-11-30T08:00:00Z"),
        ("tomorrow", "Scheduled", "2026-12-01T06:00:00Z"),
    ] {
        site.briefing(name, &fm(title, date, &["News"]), "Body.\n");
    }
    site.briefing(
        "draft",
        &format!(
            "{}\ndraft: true",
            fm("A draft", "2026-11-30T09:00:00Z", &[])
        ),
        "Body.\n",
    );
    build_with_everything(&site);
    // The draft and the scheduled briefing are published (--drafts,
    // --future) but never news.
    assert!(site.public().join("briefings/draft/index.html").is_file());
    assert!(
        site.public()
            .join("briefings/tomorrow/index.html")
            .is_file()
    );

    assert_eq!(
        urls(&site.read("sitemap-news.xml")),
        [
            Url {
                loc: "https://example.org/briefings/fresh/".into(),
                news: news("2026-11-30T08:00:00+00:00", "This morning"),
            },
            Url {
                loc: "https://example.org/briefings/a-minute-newer/".into(),
                news: news("2026-11-28T07:01:00-05:00", tricky),
            },
            Url {
                loc: "https://example.org/briefings/exactly-48h/".into(),
                news: news("2026-11-28T12:00:00+00:00", "Exactly two days old"),
            },
        ]
    );
    assert_eq!(
        robots_sitemaps(&site),
        [
            "https://example.org/sitemap.xml",
            "https://example.org/sitemap-news.xml"
        ]
    );
    // Every publication date is a W3C date-time.
    for url in urls(&site.read("sitemap-news.xml")) {
        let [_, _, date, _] = url.news.unwrap();
        chrono::DateTime::parse_from_rfc3339(&date).unwrap();
    }
}

#[test]
fn with_nothing_recent_it_lists_the_front_page_alone_without_news_tags() {
    let site = TestSite::new();
    site.briefing("old", &fm("Old", "2026-11-01", &[]), "Body.\n");
    site.build_at_now().unwrap();
    assert_eq!(
        urls(&site.read("sitemap-news.xml")),
        [Url {
            loc: "https://example.org/".into(),
            news: None,
        }]
    );
}

#[test]
fn news_false_writes_no_news_sitemap_and_robots_does_not_name_it() {
    let site = TestSite::new();
    site.briefing(
        "fresh",
        &fm("Fresh", "2026-11-30T08:00:00Z", &[]),
        "Body.\n",
    );
    site.build_at_now().unwrap();
    assert_eq!(urls(&site.read("sitemap-news.xml")).len(), 1);

    // Switched off over an output that has one: the build removes it.
    site.write(
        "site.toml",
        format!("{}\n[sitemap]\nnews = false\n", common::SITE_TOML),
    );
    let report = site.build_at_now().unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert!(!site.public().join("sitemap-news.xml").exists());
    assert_eq!(
        report.changes.removed,
        ["sitemap-news.xml"],
        "{:?}",
        report.changes
    );
    assert_eq!(robots_sitemaps(&site), ["https://example.org/sitemap.xml"]);
    assert!(!site.read(".brief-manifest").contains("sitemap-news"));
}

#[test]
fn language_and_urls_follow_site_toml() {
    let site = TestSite::with_config(
        "title = \"每日简报\"\nbase_url = \"https://example.org/briefing/\"\nlanguage = \"zh-Hant-TW\"\n",
    );
    site.briefing(
        "fresh",
        &fm("今日", "2026-11-30T08:00:00+08:00", &[]),
        "Body.\n",
    );
    site.build_at_now().unwrap();
    assert_eq!(
        urls(&site.read("sitemap-news.xml")),
        [Url {
            loc: "https://example.org/briefing/briefings/fresh/".into(),
            news: Some([
                "每日简报".into(),
                "zh-tw".into(),
                "2026-11-30T08:00:00+08:00".into(),
                "今日".into()
            ]),
        }]
    );
    assert_eq!(
        robots_sitemaps(&site),
        [
            "https://example.org/briefing/sitemap.xml",
            "https://example.org/briefing/sitemap-news.xml"
        ]
    );
}

#[test]
fn a_misspelt_key_in_the_sitemap_table_fails_the_build_and_keeps_the_output() {
    let site = TestSite::new();
    site.briefing("old", &fm("Old", "2026-11-01", &[]), "Body.\n");
    site.build_at_now().unwrap();
    let before = std::fs::read(site.public().join("sitemap-news.xml")).unwrap();
    // `new = false` meant `news = false`: ignored, the news sitemap would
    // go on being published.
    site.write(
        "site.toml",
        format!("{}\n[sitemap]\nnew = false\n", common::SITE_TOML),
    );
    let err = site.build_at_now().unwrap_err().to_string();
    assert!(
        err.contains("site.toml:") && err.contains("`sitemap.new`, too close to `news` to ignore"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(site.public().join("sitemap-news.xml")).unwrap(),
        before,
        "the previous output stays"
    );
}
