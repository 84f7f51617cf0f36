//! The site feed's archive documents (RFC 5005, section 4): every format
//! parsed back with its real crate, the chain followed from the
//! subscription feed to the oldest archive document, and archive
//! documents that stay byte for byte as briefings are published.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, FixedOffset};

use crate::common;

use common::{TestSite, fm, snapshot};

/// RFC 5005's namespace for `fh:archive`.
const FH: &str = "http://purl.org/syndication/history/1.0";
const BASE: &str = "https://example.org/";

/// The formats, by the file name of the subscription feed.
const FORMATS: [&str; 3] = ["rss.xml", "atom.xml", "feed.json"];

/// A site whose site.toml has `[feed]` with `feed` in it (archives on
/// unless `feed` says otherwise: they are off by default), and the image
/// its briefings show.
fn site_with(feed: &str) -> TestSite {
    let on = if feed.contains("archive =") {
        ""
    } else {
        "archive = true\n"
    };
    let site = TestSite::with_config(&format!("{}\n[feed]\n{on}{feed}\n", common::SITE_TOML));
    site.write("content/briefings/map.png", b"\x89PNG\r\n\x1a\n");
    site
}

/// Publishes briefings `from..to`: briefing `i` is dated day `i` of 2025
/// at 08:00 UTC, `b<i>` by slug, with a relative link and image, so that
/// a higher number is newer.
fn publish(site: &TestSite, from: usize, to: usize) {
    for i in from..to {
        site.briefing(
            &format!("b{i}"),
            &format!(
                "{}\nauthors: [Ana Ruiz]\nsummary: \"Summary {i}\"",
                fm(&format!("Briefing {i}"), &date(i), &["Energy"])
            ),
            "See [the notes](#notes) and ![a map](map.png).\n\n## Notes\n\nText.\n",
        );
    }
}

fn date(i: usize) -> String {
    let day = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Days::new(i as u64);
    format!("{day}T08:00:00Z")
}

/// The briefing a feed id names (ids are permalinks): `b<i>` → i.
fn number(id: &str) -> usize {
    id.strip_prefix("https://example.org/briefings/b")
        .and_then(|r| r.strip_suffix('/'))
        .unwrap_or_else(|| panic!("not a briefing id: {id}"))
        .parse()
        .unwrap()
}

/// One feed document, whatever its format, as far as RFC 5005 goes.
#[derive(Debug)]
struct Doc {
    /// Its items' briefing numbers, in document order.
    items: Vec<usize>,
    /// Its items' publication dates, in document order.
    dates: Vec<DateTime<FixedOffset>>,
    /// Whether it carries `fh:archive`, with the namespace declared.
    archive: bool,
    /// Its links by relation (for JSON Feed, `next_url` as
    /// `prev-archive`, `feed_url` as `current`).
    links: BTreeMap<String, String>,
    /// The identity it gives its feed: Atom's id, JSON Feed's feed_url.
    feed_id: Option<String>,
}

/// The output path of a URL of the site.
fn path_of(url: &str) -> &str {
    url.strip_prefix(BASE)
        .unwrap_or_else(|| panic!("{url} is not on the site"))
}

/// Whether the XML document has `fh:archive` (namespace resolved) as a
/// child of its feed or channel: roxmltree refuses undeclared prefixes.
fn has_fh_archive(xml: &str) -> bool {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let top = doc.root_element();
    let feed = if top.has_tag_name("rss") {
        top.children().find(|n| n.has_tag_name("channel")).unwrap()
    } else {
        top
    };
    let found = feed
        .children()
        .filter(|n| n.has_tag_name((FH, "archive")))
        .count();
    assert!(found <= 1, "fh:archive repeated");
    found == 1
}

/// Reads the feed document at `url` with its format's own crate.
fn read(site: &TestSite, url: &str) -> Doc {
    let text = site.read(path_of(url));
    if url.ends_with("rss.xml") {
        let ch = rss::Channel::read_from(text.as_bytes()).unwrap();
        let archive = ch
            .extensions()
            .get("fh")
            .is_some_and(|m| m.contains_key("archive"));
        assert_eq!(archive, has_fh_archive(&text), "{url}");
        if archive {
            assert_eq!(ch.namespaces().get("fh").map(String::as_str), Some(FH));
        }
        let links = ch
            .atom_ext()
            .unwrap()
            .links()
            .iter()
            .map(|l| {
                assert_eq!(l.mime_type(), Some("application/rss+xml"), "{url}");
                (l.rel().to_string(), l.href().to_string())
            })
            .collect();
        Doc {
            items: ch
                .items()
                .iter()
                .map(|i| number(i.guid().unwrap().value()))
                .collect(),
            dates: ch
                .items()
                .iter()
                .map(|i| DateTime::parse_from_rfc2822(i.pub_date().unwrap()).unwrap())
                .collect(),
            archive,
            links,
            feed_id: None,
        }
    } else if url.ends_with("atom.xml") {
        let feed = atom_syndication::Feed::read_from(text.as_bytes()).unwrap();
        let archive = feed
            .extensions()
            .get("fh")
            .is_some_and(|m| m.contains_key("archive"));
        assert_eq!(archive, has_fh_archive(&text), "{url}");
        if archive {
            assert_eq!(feed.namespaces().get("fh").map(String::as_str), Some(FH));
        }
        let links = feed
            .links()
            .iter()
            .filter(|l| l.rel() != "alternate")
            .map(|l| {
                assert_eq!(l.mime_type(), Some("application/atom+xml"), "{url}");
                (l.rel().to_string(), l.href().to_string())
            })
            .collect();
        Doc {
            items: feed.entries().iter().map(|e| number(e.id())).collect(),
            dates: feed
                .entries()
                .iter()
                .map(|e| *e.published().unwrap())
                .collect(),
            archive,
            links,
            feed_id: Some(feed.id().to_string()),
        }
    } else {
        let feed: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
        let items = feed["items"].as_array().unwrap();
        let mut links = BTreeMap::new();
        if let Some(next) = feed["next_url"].as_str() {
            links.insert("prev-archive".to_string(), next.to_string());
        }
        Doc {
            items: items
                .iter()
                .map(|i| number(i["id"].as_str().unwrap()))
                .collect(),
            dates: items
                .iter()
                .map(|i| {
                    DateTime::parse_from_rfc3339(i["date_published"].as_str().unwrap()).unwrap()
                })
                .collect(),
            archive: false,
            links,
            feed_id: feed["feed_url"].as_str().map(str::to_string),
        }
    }
}

/// Follows the chain from the subscription feed `feed` (a file name of
/// the site root) to the oldest archive document, checking each
/// document's links on the way. Returns the subscription feed and the
/// archive documents, newest first, each with its URL.
fn walk(site: &TestSite, feed: &str) -> (Doc, Vec<(String, Doc)>) {
    let current_url = format!("{BASE}{feed}");
    let current = read(site, &current_url);
    let json = feed.ends_with(".json");
    assert!(!current.archive, "{feed} is marked as an archive");
    assert!(!current.links.contains_key("next-archive"));
    assert!(!current.links.contains_key("current"));
    if !json {
        assert_eq!(current.links["self"], current_url);
    }
    let mut archives: Vec<(String, Doc)> = Vec::new();
    let mut next = current.links.get("prev-archive").cloned();
    while let Some(url) = next {
        assert!(
            archives.len() < 1000 && !archives.iter().any(|(u, _)| *u == url),
            "{feed}: the chain loops at {url}"
        );
        assert!(
            url.starts_with(&format!("{BASE}feeds/archive/")),
            "{feed}: {url}"
        );
        let doc = read(site, &url);
        // Every archive document belongs to the subscription feed.
        assert_eq!(doc.feed_id.as_deref(), current.feed_id.as_deref(), "{url}");
        if !json {
            assert!(doc.archive, "{url} lacks fh:archive");
            assert_eq!(doc.links["self"], url);
            assert_eq!(doc.links["current"], current_url, "{url}");
            // next-archive leads back to the document we came from.
            assert_eq!(
                doc.links.get("next-archive"),
                archives.last().map(|(u, _)| u),
                "{url}"
            );
        }
        next = doc.links.get("prev-archive").cloned();
        archives.push((url, doc));
    }
    (current, archives)
}

/// Checks that the subscription feed of `n` briefings in `feed` and its
/// archive documents of `size` reach every briefing exactly once, the
/// feed aside (it holds the newest, which may be archived already), each
/// document newest first. Returns how many archive documents there were
/// and how many items the feed had.
fn check_coverage(site: &TestSite, feed: &str, n: usize, size: usize) -> (usize, usize) {
    let (current, archives) = walk(site, feed);
    let mut seen: HashMap<usize, usize> = HashMap::new();
    for (url, doc) in &archives {
        assert_eq!(
            doc.items.len(),
            size,
            "{url}: an archive document is a full page"
        );
        for &i in &doc.items {
            *seen.entry(i).or_default() += 1;
        }
    }
    assert!(seen.values().all(|&c| c == 1), "{feed}: {seen:?}");
    // Every briefing newer than the newest archive document is in the
    // feed: nothing falls between.
    let newest_archived = archives
        .first()
        .map(|(_, d)| *d.items.iter().max().unwrap());
    let newer = n - newest_archived.map_or(0, |m| m + 1);
    assert!(current.items.len() >= newer, "{feed}: a gap");
    // The feed is the newest briefings, some perhaps archived already.
    let len = current.items.len();
    assert_eq!(
        current.items,
        (n - len..n).rev().collect::<Vec<_>>(),
        "{feed}"
    );
    for &i in &current.items {
        seen.insert(i, 1);
    }
    let mut all: Vec<usize> = seen.into_keys().collect();
    all.sort();
    assert_eq!(all, (0..n).collect::<Vec<_>>(), "{feed}: every briefing");
    // Newest first within each document, and the chain goes back in time.
    for doc in std::iter::once(&current).chain(archives.iter().map(|(_, d)| d)) {
        assert!(doc.dates.windows(2).all(|w| w[0] > w[1]), "{feed}: order");
    }
    for pair in archives.windows(2) {
        let ((newer_url, newer), (older_url, older)) = (&pair[0], &pair[1]);
        assert!(
            older.dates[0] < *newer.dates.last().unwrap(),
            "{older_url} is not older than {newer_url}"
        );
    }
    (archives.len(), current.items.len())
}

#[test]
fn the_chain_reaches_every_briefing_once_in_every_format() {
    let site = site_with("limit = 10");
    publish(&site, 0, 45);
    site.build().unwrap();
    for feed in FORMATS {
        assert_eq!(check_coverage(&site, feed, 45, 10), (4, 10), "{feed}");
    }
    // Numbered from the oldest: document 1 holds briefings 0 to 9.
    let oldest = read(&site, &format!("{BASE}feeds/archive/1/atom.xml"));
    assert_eq!(oldest.items, (0..10).rev().collect::<Vec<_>>());
    assert!(!oldest.links.contains_key("prev-archive"));
    assert_eq!(
        oldest.links["next-archive"],
        format!("{BASE}feeds/archive/2/atom.xml")
    );
    let newest = read(&site, &format!("{BASE}feeds/archive/4/rss.xml"));
    assert_eq!(newest.items, (30..40).rev().collect::<Vec<_>>());
    assert!(!newest.links.contains_key("next-archive"));
    // The feed: briefings 35 to 44, of which 35 to 39 are also in
    // document 4.
    let current = read(&site, &format!("{BASE}feed.json"));
    assert_eq!(current.items, (35..45).rev().collect::<Vec<_>>());
    assert_eq!(
        current.links["prev-archive"],
        format!("{BASE}feeds/archive/4/feed.json")
    );
    // Four documents in three formats, and nothing else under feeds/.
    let files: Vec<String> = snapshot(&site.public().join("feeds"))
        .into_iter()
        .map(|(p, _)| p.to_string_lossy().into_owned())
        .collect();
    assert_eq!(files.len(), 12, "{files:?}");
    // The archive documents are not pages: not in the sitemap.
    assert!(!site.read("sitemap.xml").contains("feeds/archive"));
}

#[test]
fn archived_items_are_the_feeds_items() {
    let site = site_with("limit = 10");
    publish(&site, 0, 45);
    site.build().unwrap();
    // Briefings 35 to 39 are in the feed and in archive document 4:
    // the same item, byte for byte in what the crates parse.
    let ch = |p: &str| rss::Channel::read_from(site.read(p).as_bytes()).unwrap();
    let (feed, archive) = (ch("rss.xml"), ch("feeds/archive/4/rss.xml"));
    assert_eq!(feed.items()[5..], archive.items()[..5]);
    let content = archive.items()[0].content().unwrap();
    assert!(
        content.contains("https://example.org/briefings/b39/#notes"),
        "{content}"
    );
    assert!(
        content.contains("https://example.org/briefings/map.png"),
        "{content}"
    );
    let atom = |p: &str| atom_syndication::Feed::read_from(site.read(p).as_bytes()).unwrap();
    let (feed, archive) = (atom("atom.xml"), atom("feeds/archive/4/atom.xml"));
    assert_eq!(feed.entries()[5..], archive.entries()[..5]);
    let json = |p: &str| serde_json::from_str::<serde_json::Value>(&site.read(p)).unwrap();
    let (feed, archive) = (json("feed.json"), json("feeds/archive/4/feed.json"));
    assert_eq!(
        feed["items"].as_array().unwrap()[5..],
        archive["items"].as_array().unwrap()[..5]
    );
    // The archive document is otherwise the site feed: same title.
    assert_eq!(feed["title"], archive["title"]);
    assert_eq!(archive["feed_url"], "https://example.org/feed.json");
}

#[test]
fn the_edges_none_one_page_and_a_page_and_one() {
    let site = site_with("limit = 10");
    // No briefings: no archive, no links to one.
    site.build().unwrap();
    assert!(!site.public().join("feeds").exists());
    for feed in FORMATS {
        let (current, archives) = walk(&site, feed);
        assert!(current.items.is_empty() && archives.is_empty());
    }
    // One short of a page: the feed alone.
    publish(&site, 0, 9);
    site.build().unwrap();
    assert!(!site.public().join("feeds").exists());
    for feed in FORMATS {
        assert_eq!(check_coverage(&site, feed, 9, 10), (0, 9), "{feed}");
    }
    // Exactly one page: archived, and the feed repeats it whole.
    publish(&site, 9, 10);
    site.build().unwrap();
    for feed in FORMATS {
        assert_eq!(check_coverage(&site, feed, 10, 10), (1, 10), "{feed}");
    }
    let only = read(&site, &format!("{BASE}feeds/archive/1/atom.xml"));
    assert!(only.archive);
    assert!(!only.links.contains_key("prev-archive") && !only.links.contains_key("next-archive"));
    // A page and one.
    publish(&site, 10, 11);
    site.build().unwrap();
    for feed in FORMATS {
        assert_eq!(check_coverage(&site, feed, 11, 10), (1, 10), "{feed}");
    }
    assert_eq!(
        read(&site, &format!("{BASE}feeds/archive/1/rss.xml")).items,
        (0..10).rev().collect::<Vec<_>>()
    );
}

#[test]
fn archives_larger_than_the_feed_leave_no_gap() {
    let site = site_with("limit = 10\narchive_size = 25");
    publish(&site, 0, 49);
    site.build().unwrap();
    // One archive document of 25; the 24 newer briefings are all in the
    // feed, though its limit is 10.
    for feed in FORMATS {
        assert_eq!(check_coverage(&site, feed, 49, 25), (1, 24), "{feed}");
    }
    // The 50th fills the second page: the feed is back to its limit.
    publish(&site, 49, 50);
    site.build().unwrap();
    for feed in FORMATS {
        assert_eq!(check_coverage(&site, feed, 50, 25), (2, 10), "{feed}");
    }
    // Smaller than the feed: the feed repeats more of them.
    let site = site_with("limit = 10\narchive_size = 4");
    publish(&site, 0, 45);
    site.build().unwrap();
    for feed in FORMATS {
        assert_eq!(check_coverage(&site, feed, 45, 4), (11, 10), "{feed}");
    }
}

/// Every file under `feeds/archive/`, by path.
fn archive_files(site: &TestSite) -> BTreeMap<String, Vec<u8>> {
    let dir = site.public().join("feeds/archive");
    if !dir.exists() {
        return BTreeMap::new();
    }
    snapshot(&dir)
        .into_iter()
        .map(|(p, bytes)| (p.to_string_lossy().into_owned(), bytes))
        .collect()
}

#[test]
fn publishing_changes_no_full_archive_document_until_a_page_fills() {
    let site = site_with("limit = 10");
    publish(&site, 0, 45);
    site.build().unwrap();
    let before = archive_files(&site);
    assert_eq!(before.len(), 12);
    // One to four more: no archive document changes.
    for n in 46..50 {
        publish(&site, n - 1, n);
        site.build().unwrap();
        assert_eq!(archive_files(&site), before, "with {n} briefings");
    }
    // The 50th fills page 5: a new document, and document 4 gains its
    // next-archive link in RSS and Atom, nothing else; documents 1 to 3
    // stay as they were.
    publish(&site, 49, 50);
    site.build().unwrap();
    let after = archive_files(&site);
    assert_eq!(after.len(), 15);
    for (path, bytes) in &before {
        if path == "4/rss.xml" || path == "4/atom.xml" {
            assert_ne!(&after[path], bytes, "{path}");
        } else {
            assert_eq!(&after[path], bytes, "{path}");
        }
    }
    for feed in FORMATS {
        assert_eq!(check_coverage(&site, feed, 50, 10), (5, 10), "{feed}");
    }
    let old = |name: &str| String::from_utf8(before[&format!("4/{name}")].clone()).unwrap();
    let new = site.read("feeds/archive/4/atom.xml");
    let link = "<link href=\"https://example.org/feeds/archive/5/atom.xml\" rel=\"next-archive\" type=\"application/atom+xml\"/>";
    assert_eq!(new.replacen(link, "", 1), old("atom.xml"));
    let new = site.read("feeds/archive/4/rss.xml");
    let link = "<atom:link href=\"https://example.org/feeds/archive/5/rss.xml\" rel=\"next-archive\" type=\"application/rss+xml\"/>";
    assert_eq!(new.replacen(link, "", 1), old("rss.xml"));
    // JSON Feed links only towards older documents: document 4 is as it was.
    assert_eq!(site.read("feeds/archive/4/feed.json"), old("feed.json"));
}

#[test]
fn archive_false_and_limit_0_publish_no_archive() {
    for feed in ["limit = 10\narchive = false", "limit = 0"] {
        let site = site_with(feed);
        publish(&site, 0, 25);
        site.build().unwrap();
        assert!(!site.public().join("feeds").exists(), "{feed}");
        let expected = if feed.contains("limit = 0") { 25 } else { 10 };
        for format in FORMATS {
            let (current, archives) = walk(&site, format);
            assert!(archives.is_empty(), "{feed}: {format}");
            assert_eq!(current.items.len(), expected, "{feed}: {format}");
            assert!(!site.read(format).contains(FH), "{feed}: {format}");
        }
    }
}

#[test]
fn only_the_site_feed_is_archived_and_only_in_enabled_formats() {
    let site = site_with("limit = 3\nformats = [\"atom\"]");
    publish(&site, 0, 8);
    site.build().unwrap();
    let files: Vec<String> = archive_files(&site).into_keys().collect();
    assert_eq!(files, ["1/atom.xml", "2/atom.xml"]);
    assert_eq!(check_coverage(&site, "atom.xml", 8, 3), (2, 3));
    // Tag and author feeds: the newest `limit`, no archive links.
    for feed in ["tags/energy/atom.xml", "authors/ana-ruiz/atom.xml"] {
        let doc = read(&site, &format!("{BASE}{feed}"));
        assert_eq!(doc.items, [7, 6, 5], "{feed}");
        assert!(!doc.archive);
        assert_eq!(doc.links.keys().collect::<Vec<_>>(), ["self"], "{feed}");
    }
    // Feed readers are pointed at subscription feeds only.
    assert!(!site.read("feeds.opml").contains("feeds/archive"));
}

#[test]
fn a_static_file_where_an_archive_document_goes_is_an_error() {
    let site = site_with("limit = 3");
    publish(&site, 0, 3);
    site.write("static/feeds/archive/1/rss.xml", "mine");
    let err = site.build().unwrap_err().to_string();
    assert!(err.contains("/feeds/archive/1/rss.xml"), "{err}");
    // Elsewhere under feeds/, it is published.
    std::fs::remove_dir_all(site.root().join("static/feeds/archive")).unwrap();
    site.write("static/feeds/notes.txt", "mine");
    site.build().unwrap();
    assert_eq!(site.read("feeds/notes.txt"), "mine");
    assert!(site.public().join("feeds/archive/1/rss.xml").is_file());
}

#[test]
fn archive_documents_as_published() {
    let site = site_with("limit = 2");
    for i in 0..7 {
        site.briefing(
            &format!("b{i}"),
            &fm(&format!("Briefing {i}"), &date(i), &["Energy"]),
            "Text.\n",
        );
    }
    site.build().unwrap();
    // Document 2 of 3: every link RFC 5005 names.
    let _settings = common::snapshot_settings().bind_to_scope();
    insta::assert_snapshot!("archive-atom", site.read("feeds/archive/2/atom.xml"));
    insta::assert_snapshot!("archive-rss", site.read("feeds/archive/2/rss.xml"));
    insta::assert_snapshot!("archive-feed-json", site.read("feeds/archive/2/feed.json"));
}
