//! The fixture sites of `tests/fixtures/`, copied into temp folders and
//! built with the clock fixed at `common::NOW`: parsed back like the other
//! tests, then every page kind, feed and email edition compared with its
//! snapshot in `tests/snapshots/` (insta).

use crate::common;

use common::{TestSite, attrs, texts};

/// The `full` fixture, built; panics on a build error.
fn full() -> TestSite {
    let site = TestSite::fixture("full");
    let report = site.build_at_now().unwrap();
    assert_eq!((report.briefings, report.tags), (6, 6));
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    site
}

fn rss_titles(site: &TestSite, rel: &str) -> Vec<String> {
    let ch = rss::Channel::read_from(site.read(rel).as_bytes()).unwrap();
    ch.items()
        .iter()
        .filter_map(|i| i.title().map(str::to_string))
        .collect()
}

#[test]
fn minimal_site_builds_one_briefing_from_title_and_date() {
    let site = TestSite::fixture("minimal");
    let report = site.build_at_now().unwrap();
    assert_eq!((report.briefings, report.tags), (1, 0));
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let index = site.html("index.html");
    assert_eq!(texts(&index, ".card-title a"), ["Hello"]);
    assert_eq!(texts(&index, ".summary"), ["The first and only briefing."]);
    let page = site.html("briefings/hello/index.html");
    assert_eq!(texts(&page, "h1"), ["Hello"]);
    assert_eq!(
        attrs(&page, "article header time", "datetime"),
        ["2026-11-01T00:00:00+00:00"]
    );
    assert_eq!(rss_titles(&site, "rss.xml"), ["Hello"]);
    for f in [
        "404.html",
        "tags/index.html",
        "archive/index.html",
        "sitemap.xml",
    ] {
        assert!(site.public().join(f).is_file(), "{f}");
    }
    assert!(!site.public().join("page/2").exists());
}

#[test]
fn full_site_publishes_every_front_matter_field() {
    let site = full();
    let public = site.public();

    // The draft and the briefing scheduled for 2099 are nowhere.
    for gone in [
        "briefings/draft-idea",
        "briefings/far-future",
        "tags/drafts-only",
        "tags/scheduled-only",
    ] {
        assert!(!public.join(gone).exists(), "{gone}");
    }
    for (path, bytes) in common::snapshot(&public) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("must not be published") && !text.contains("scheduled for 2099"),
            "{} mentions the draft or the scheduled briefing",
            path.display()
        );
    }

    // Six briefings, two a page: three front pages.
    let first = site.html("index.html");
    assert_eq!(
        texts(&first, ".card-title a"),
        [
            "Cartels under pressure: what the new measures do",
            "Trade talks resume after a two-month pause"
        ]
    );
    assert_eq!(
        attrs(&first, ".pagination a[rel=next]", "href"),
        ["https://example.org/page/2/"]
    );
    assert_eq!(
        texts(&site.html("page/3/index.html"), ".card-title a"),
        [
            "Grid operators warn of a tight winter",
            "Run-off set in a close presidential race"
        ]
    );
    assert!(!public.join("page/4").exists());
    // Summaries: the text before `<!-- more -->` (line breaks folded),
    // then the `summary:` field.
    assert_eq!(
        texts(&first, ".summary"),
        [
            "Officials confirmed on Friday that new measures against the cartels take effect next month – the “broadest” in a decade. The measures follow months of talks.",
            "Negotiators return to the table with tariffs on steel first on the list."
        ]
    );

    // Three spellings of Latin America are one tag, shown as the most
    // common, and paginated like the front page.
    let tags = site.html("tags/index.html");
    assert_eq!(
        texts(&tags, ".tag-index li > a:first-child"),
        [
            "Elections",
            "Energy",
            "Latin America",
            "Mexico",
            "Security",
            "Trade"
        ]
    );
    assert_eq!(
        texts(&site.html("briefings/border/index.html"), "article .tags a"),
        ["Latin America", "Mexico"]
    );
    assert!(
        public
            .join("tags/latin-america/page/2/index.html")
            .is_file()
    );

    // The briefing with every field.
    let doc = site.html("briefings/cartel-pressure/index.html");
    assert_eq!(
        texts(&doc, "h1"),
        ["Cartels under pressure: what the new measures do"]
    );
    assert_eq!(texts(&doc, ".byline"), ["By Rodney Mbua, Ana Ruiz"]);
    // `updated` is the correction's date, later than the one written.
    assert_eq!(
        attrs(&doc, "article header time", "datetime"),
        ["2026-11-20T17:30:00-05:00", "2026-11-22T10:00:00-05:00"]
    );
    assert_eq!(
        attrs(&doc, ".lead-image img", "src"),
        ["https://example.org/briefings/lead.png"]
    );
    assert_eq!(
        texts(&doc, ".lead-image figcaption"),
        ["The border crossing at dawn (illustration)"]
    );
    assert_eq!(
        attrs(&doc, ".sources a", "href"),
        [
            "https://www.reuters.com/world/americas/",
            "https://example.org/briefings/files/report.pdf"
        ]
    );
    // Markdown: table, footnote, task list, heading ids, raw HTML, a local
    // image and a local PDF, both published beside the briefing.
    assert_eq!(texts(&doc, ".body table tbody tr").len(), 3);
    assert_eq!(texts(&doc, ".body del"), ["Patrols"]);
    assert_eq!(attrs(&doc, ".footnotes li", "id"), ["fn-1"]);
    assert_eq!(
        attrs(&doc, ".body input[type=checkbox]", "disabled").len(),
        3
    );
    assert_eq!(attrs(&doc, ".body input[checked]", "checked").len(), 1);
    assert_eq!(
        attrs(&doc, ".body h2, .body h3", "id"),
        ["what-happened", "open-questions", "why-it-matters"]
    );
    assert_eq!(texts(&doc, ".body aside.note em"), ["as written"]);
    assert_eq!(
        attrs(&doc, ".body img", "src"),
        ["https://example.org/briefings/map.png"]
    );
    for file in [
        "briefings/lead.png",
        "briefings/map.png",
        "briefings/files/report.pdf",
        "briefings/weekly-roundup/chart.png",
    ] {
        assert_eq!(
            std::fs::read(public.join(file)).unwrap(),
            std::fs::read(common::fixtures_dir().join("full/content").join(file)).unwrap(),
            "{file}"
        );
    }

    // Slug, author, a date without a time (midnight in New York), and
    // `foo/index.md` published as `foo`.
    let trade = site.html("briefings/trade-talks-resume/index.html");
    assert_eq!(texts(&trade, ".byline"), ["By Bo Li"]);
    assert_eq!(
        attrs(&trade, "article header time", "datetime"),
        ["2026-11-18T00:00:00-05:00"]
    );
    let roundup = site.html("briefings/weekly-roundup/index.html");
    assert_eq!(
        attrs(&roundup, ".body img", "src"),
        ["https://example.org/briefings/weekly-roundup/chart.png"]
    );

    // `guid:` pins the feed id; other ids are permalinks.
    let ch = rss::Channel::read_from(site.read("rss.xml").as_bytes()).unwrap();
    let guids: Vec<(&str, bool)> = ch
        .items()
        .iter()
        .map(|i| {
            let g = i.guid().unwrap();
            (g.value(), g.is_permalink())
        })
        .collect();
    assert_eq!(ch.items().len(), 6);
    assert!(guids.contains(&("https://old.example.org/2026/11/border", false)));
    assert!(guids.contains(&("https://example.org/briefings/trade-talks-resume/", true)));
    // The feed's date is the newest change (a correction), not the clock.
    assert_eq!(
        ch.last_build_date(),
        Some("Sun, 22 Nov 2026 10:00:00 -0500")
    );

    // static/ is copied as is.
    assert_eq!(site.read("CNAME"), "news.example.org\n");
    assert!(public.join("files/press-kit.txt").is_file());
}

#[test]
fn full_site_extra_reaches_the_templates() {
    let site = TestSite::fixture("full");
    site.write(
        "templates/briefing.html",
        "{% extends \"base.html\" %}{% block content %}<h1>{{ briefing.title }}</h1>{% if briefing.extra %}<p class=\"kicker\">{{ briefing.extra.kicker }} {{ briefing.extra.priority }}</p>{% endif %}<p class=\"tagline\">{{ site.extra.tagline }}</p>{% endblock content %}",
    );
    site.build_at_now().unwrap();
    let doc = site.html("briefings/cartel-pressure/index.html");
    assert_eq!(texts(&doc, ".kicker"), ["Analysis 1"]);
    assert_eq!(texts(&doc, ".tagline"), ["Short, dated, sourced."]);
    assert!(texts(&site.html("briefings/border/index.html"), ".kicker").is_empty());
}

#[test]
fn a_sites_own_briefing_template_gets_its_neighbours_as_cards() {
    let site = TestSite::fixture("full");
    site.write(
        "templates/briefing.html",
        "{% extends \"base.html\" %}{% block content %}<h1>{{ briefing.title }}</h1>{% if older %}<p class=\"older\">{{ older.summary }} {{ older.tags | length }}</p>{% endif %}{% endblock content %}",
    );
    site.build_at_now().unwrap();
    let page = site.html("briefings/cartel-pressure/index.html");
    let older = texts(&page, ".older");
    assert_eq!(older.len(), 1);
    // A card's summary and tags, which a link does not have.
    assert!(
        older[0].len() > 10 && !older[0].ends_with(" 0"),
        "{older:?}"
    );
}

#[test]
fn full_site_passes_check_and_lists_its_schedule() {
    let site = TestSite::fixture("full");
    let out = site.run_at_now("check", &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("all good"));
    let out = site.run_at_now("schedule", &[]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "2099-01-01T06:00:00-05:00\tcontent/briefings/2099-01-01-far-future.md\tA briefing scheduled for 2099\n"
    );
}

#[test]
fn full_site_snapshots() {
    let site = full();
    let _settings = common::snapshot_settings().bind_to_scope();
    // Every page kind.
    insta::assert_snapshot!("full-page-1", site.read("index.html"));
    insta::assert_snapshot!("full-page-2", site.read("page/2/index.html"));
    insta::assert_snapshot!(
        "full-briefing",
        site.read("briefings/cartel-pressure/index.html")
    );
    insta::assert_snapshot!("full-tags", site.read("tags/index.html"));
    insta::assert_snapshot!("full-tag", site.read("tags/latin-america/index.html"));
    insta::assert_snapshot!("full-author", site.read("authors/rodney-mbua/index.html"));
    insta::assert_snapshot!("full-author-rss", site.read("authors/rodney-mbua/rss.xml"));
    insta::assert_snapshot!("full-archive", site.read("archive/index.html"));
    insta::assert_snapshot!("full-404", site.read("404.html"));
    // Every feed format, for the site and for one tag.
    insta::assert_snapshot!("full-rss", site.read("rss.xml"));
    insta::assert_snapshot!("full-atom", site.read("atom.xml"));
    insta::assert_snapshot!("full-feed-json", site.read("feed.json"));
    insta::assert_snapshot!("full-tag-rss", site.read("tags/latin-america/rss.xml"));
    insta::assert_snapshot!("full-tag-atom", site.read("tags/latin-america/atom.xml"));
    insta::assert_snapshot!(
        "full-tag-feed-json",
        site.read("tags/latin-america/feed.json")
    );
    insta::assert_snapshot!("full-sitemap", site.read("sitemap.xml"));
    insta::assert_snapshot!("full-robots", site.read("robots.txt"));
    insta::assert_snapshot!("full-opml", site.read("feeds.opml"));
    // One email edition.
    insta::assert_snapshot!(
        "full-email-html",
        site.read("briefings/cartel-pressure/email.html")
    );
    insta::assert_snapshot!(
        "full-email-txt",
        site.read("briefings/cartel-pressure/email.txt")
    );
    // Every file the build wrote: a page or file appearing or vanishing
    // shows up here.
    insta::assert_snapshot!("full-manifest", site.read(".brief-manifest"));
}

#[test]
fn subpath_site_keeps_every_link_under_its_path() {
    let site = TestSite::fixture("subpath");
    let report = site.build_at_now().unwrap();
    assert_eq!((report.briefings, report.tags), (2, 2));
    const BASE: &str = "https://example.org/briefing/";
    for (path, _) in common::snapshot(&site.public()) {
        let p = path.to_string_lossy().into_owned();
        if !p.ends_with(".html") {
            continue;
        }
        let doc = site.html(&p);
        let mut urls = attrs(&doc, "a[href]", "href");
        urls.extend(attrs(&doc, "link[href]", "href"));
        urls.extend(attrs(&doc, "img[src]", "src"));
        for url in urls {
            assert!(
                url.starts_with(BASE) || url.starts_with('#') || url.starts_with("mailto:"),
                "{p}: {url}"
            );
        }
    }
    let doc = site.html("briefings/ports/index.html");
    assert_eq!(
        attrs(&doc, ".body img", "src"),
        ["https://example.org/briefing/briefings/map.png"]
    );
    assert_eq!(
        attrs(&doc, ".sources a", "href"),
        ["https://example.org/briefing/hello.txt"]
    );
    let ch = rss::Channel::read_from(site.read("rss.xml").as_bytes()).unwrap();
    assert_eq!(ch.link(), BASE);
    for item in ch.items() {
        assert!(item.link().unwrap().starts_with(BASE));
        let content = item.content().unwrap();
        assert!(!content.contains("href=\"/"), "{content}");
        assert!(!content.contains("src=\"/"), "{content}");
    }
    let sitemap = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(!locs.is_empty());
    assert!(locs.iter().all(|l| l.starts_with(BASE)), "{locs:?}");
    assert!(
        site.read("robots.txt")
            .contains("Sitemap: https://example.org/briefing/sitemap.xml")
    );
    assert_eq!(site.read("hello.txt"), "hello from static\n");
}

#[test]
fn subpath_site_snapshots() {
    let site = TestSite::fixture("subpath");
    site.build_at_now().unwrap();
    let _settings = common::snapshot_settings().bind_to_scope();
    insta::assert_snapshot!("subpath-page-1", site.read("index.html"));
    insta::assert_snapshot!("subpath-briefing", site.read("briefings/ports/index.html"));
    insta::assert_snapshot!("subpath-rss", site.read("rss.xml"));
}
