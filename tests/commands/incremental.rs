//! Warm builds: a build that reuses the cache in `.brief-cache/` leaves
//! exactly the output a cold build of the same inputs leaves, writes only
//! what changed, says what changed, and never trusts a damaged cache.

use std::collections::BTreeMap;
use std::path::Path;

use brief::BuildOptions;
use brief::config::Overrides;
use chrono::{DateTime, FixedOffset};

use crate::common::{TestSite, fm, now};

/// Every file and folder under `dir`: files with their bytes, folders as
/// `None`.
fn tree(dir: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| {
            let e = e.unwrap();
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            let bytes = e
                .file_type()
                .is_file()
                .then(|| std::fs::read(e.path()).unwrap());
            (rel, bytes)
        })
        .collect()
}

fn options(site: &TestSite, output: Option<&Path>, no_cache: bool) -> BuildOptions {
    options_at(site, output, no_cache, now())
}

/// [`options`] with the clock at `now`.
fn options_at(
    site: &TestSite,
    output: Option<&Path>,
    no_cache: bool,
    now: DateTime<FixedOffset>,
) -> BuildOptions {
    BuildOptions {
        root: site.root().to_path_buf(),
        overrides: Overrides {
            now: Some(now),
            output_dir: output.map(Path::to_path_buf),
            ..Overrides::default()
        },
        no_cache,
        changes: None,
        waiting: None,
    }
}

/// A warm build into `public/`, then a cold one of the same inputs into a
/// folder of its own: the two must be identical, file for file and folder
/// for folder. Returns the warm build's report.
fn warm_equals_cold(site: &TestSite, what: &str) -> brief::BuildReport {
    warm_equals_cold_at(site, what, now())
}

/// [`warm_equals_cold`] with the clock at `now`, for both builds.
fn warm_equals_cold_at(
    site: &TestSite,
    what: &str,
    now: DateTime<FixedOffset>,
) -> brief::BuildReport {
    let warm = brief::build(&options_at(site, None, false, now)).unwrap();
    assert!(warm.cold.is_none(), "{what}: the cache was not used");
    let cold_dir = tempfile::tempdir().unwrap();
    let cold_out = cold_dir.path().join("public");
    // The cold build must not disturb the cache the next warm build uses:
    // it builds a copy of the site.
    let copy = tempfile::tempdir().unwrap();
    copy_tree(site.root(), copy.path());
    let _ = std::fs::remove_dir_all(copy.path().join(".brief-cache"));
    let _ = std::fs::remove_dir_all(copy.path().join("public"));
    brief::build(&BuildOptions {
        root: copy.path().to_path_buf(),
        ..options_at(site, Some(&cold_out), true, now)
    })
    .unwrap();
    let (w, c) = (tree(&site.public()), tree(&cold_out));
    let differ: Vec<&String> = w
        .keys()
        .chain(c.keys())
        .filter(|k| w.get(*k) != c.get(*k))
        .collect();
    assert!(
        differ.is_empty(),
        "{what}: warm and cold differ in {differ:?}"
    );
    warm
}

fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

fn edit(site: &TestSite, rel: &str, from: &str, to: &str) {
    let path = site.root().join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

const ENERGY: &str = "content/briefings/2026-11-10-energy.md";

#[test]
fn every_kind_of_change_builds_warm_to_the_cold_output() {
    let site = TestSite::fixture("full");
    let first = brief::build(&options(&site, None, false)).unwrap();
    assert!(first.cold.is_some());
    assert_eq!(first.written, first.files);

    let same = warm_equals_cold(&site, "no change");
    assert_eq!(same.written, 0, "nothing changed, nothing written");
    assert_eq!(same.parse.parsed, 0);
    assert!(same.changes.is_empty());

    edit(
        &site,
        ENERGY,
        "reserves will be thin",
        "reserves will be very thin",
    );
    let body = warm_equals_cold(&site, "body edit");
    assert_eq!(body.parse.parsed, 1, "only the edited file is parsed");
    assert!(
        body.written < first.files / 3,
        "a body edit rewrote {} of {} files",
        body.written,
        first.files
    );
    assert!(
        body.changes
            .changed
            .iter()
            .any(|p| p.starts_with("briefings/") && p.ends_with("/index.html")),
        "{:?}",
        body.changes
    );
    // Only the search index's files come and go: Pagefind names them by
    // their content.
    let index = |p: &String| p.starts_with("pagefind/");
    assert!(
        body.changes.added.iter().all(index) && body.changes.removed.iter().all(index),
        "{:?}",
        body.changes
    );

    edit(&site, ENERGY, "a tight winter", "a hard winter");
    warm_equals_cold(&site, "title edit");

    edit(&site, ENERGY, "tags: [Energy]", "tags: [Energy, Grid]");
    let tag = warm_equals_cold(&site, "tag added");
    assert!(
        tag.changes
            .added
            .iter()
            .any(|p| p.starts_with("tags/grid/")),
        "{:?}",
        tag.changes
    );

    site.briefing(
        "2026-11-28-new",
        "title: \"A new one\"\ndate: 2026-11-28T08:00:00Z\ntags: [Energy]",
        "Fresh news.\n",
    );
    let added = warm_equals_cold(&site, "briefing added");
    // The pages that do not show it stay as they were (and need no upload).
    for page in ["briefings/elections/index.html", "tags/mexico/index.html"] {
        assert!(
            !added.changes.changed.iter().any(|p| p == page),
            "{page} changed: {:?}",
            added.changes
        );
    }

    std::fs::remove_file(site.root().join(ENERGY)).unwrap();
    let gone = warm_equals_cold(&site, "briefing deleted");
    assert!(
        gone.changes
            .removed
            .contains(&"briefings/energy/index.html".to_string()),
        "{:?}",
        gone.changes
    );

    assert!(site.run(&["eject", "base.html"]).status.success());
    edit(
        &site,
        "templates/base.html",
        "</body>",
        "<!-- edited --></body>",
    );
    let theme = warm_equals_cold(&site, "template edited");
    assert!(theme.changes.changed.iter().any(|p| p == "index.html"));
    assert!(
        !theme.changes.changed.iter().any(|p| p == "rss.xml"),
        "feeds do not use templates"
    );

    edit(
        &site,
        "site.toml",
        "The Full Briefing",
        "The Fuller Briefing",
    );
    warm_equals_cold(&site, "site.toml edited");

    site.write("static/extra.txt", "hello");
    warm_equals_cold(&site, "static file added");
    std::fs::remove_file(site.root().join("static/extra.txt")).unwrap();
    warm_equals_cold(&site, "static file removed");
}

#[test]
fn the_news_sitemap_follows_the_clock_warm_as_cold() {
    let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
    let site = TestSite::new();
    for (name, date) in [
        ("yesterday", "2026-11-29T10:00:00Z"),
        ("two-days", "2026-11-28T14:00:00Z"),
        ("old", "2026-11-01T10:00:00Z"),
        ("later", "2026-12-03T08:00:00Z"),
    ] {
        site.briefing(name, &fm(name, date, &["News"]), "Body.\n");
    }
    let news = || {
        let text = std::fs::read_to_string(site.public().join("sitemap-news.xml")).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap();
        doc.descendants()
            .filter(|n| n.has_tag_name("loc"))
            .map(|n| {
                n.text()
                    .unwrap()
                    .trim_start_matches("https://example.org/")
                    .to_string()
            })
            .collect::<Vec<_>>()
    };
    brief::build(&options(&site, None, false)).unwrap();
    assert_eq!(news(), ["briefings/yesterday/", "briefings/two-days/"]);

    // An hour later the same briefings are news: nothing is written.
    let same = warm_equals_cold_at(&site, "an hour later", at("2026-11-30T13:00:00Z"));
    assert_eq!(same.written, 0, "{:?}", same.changes);
    assert!(same.changes.is_empty(), "{:?}", same.changes);

    // Two hours on, one briefing is older than two days: the news sitemap
    // alone changes, though no input did.
    let moved = warm_equals_cold_at(&site, "one out of the window", at("2026-11-30T15:00:00Z"));
    assert_eq!(news(), ["briefings/yesterday/"]);
    assert_eq!(
        moved.changes.changed,
        ["sitemap-news.xml"],
        "{:?}",
        moved.changes
    );
    assert_eq!(moved.written, 1);

    // None left: the front page alone.
    let empty = warm_equals_cold_at(&site, "window empty", at("2026-12-02T12:00:00Z"));
    assert_eq!(news(), [""]);
    assert_eq!(
        empty.changes.changed,
        ["sitemap-news.xml"],
        "{:?}",
        empty.changes
    );

    // The scheduled briefing comes due and is news at once.
    let due = warm_equals_cold_at(&site, "a briefing came due", at("2026-12-03T09:00:00Z"));
    assert_eq!(news(), ["briefings/later/"]);
    assert!(
        due.changes
            .changed
            .contains(&"sitemap-news.xml".to_string())
    );
}

/// The headlines in a briefing page's "Related briefings" section.
fn related_on(site: &TestSite, slug: &str) -> Vec<String> {
    crate::common::texts(
        &site.html(&format!("briefings/{slug}/index.html")),
        "section.related li a",
    )
}

#[test]
fn related_lists_follow_other_briefings_warm_as_cold() {
    let site = TestSite::new();
    for (name, date, tags) in [
        ("grid", "2026-11-01T10:00:00Z", &["Energy", "Grid"][..]),
        ("energy", "2026-11-02T10:00:00Z", &["Energy"]),
        ("oil", "2026-11-03T10:00:00Z", &["Energy"]),
        ("cables", "2026-11-04T10:00:00Z", &["Grid"]),
        ("trade", "2026-11-05T10:00:00Z", &["Trade"]),
    ] {
        site.briefing(name, &fm(name, date, tags), "Body.\n");
    }
    brief::build(&options(&site, None, false)).unwrap();
    // Grid (on two briefings) outweighs Energy (on three).
    assert_eq!(related_on(&site, "grid"), ["cables", "energy", "oil"]);
    assert_eq!(related_on(&site, "energy"), ["grid", "oil"]);
    assert!(related_on(&site, "trade").is_empty());

    // Only trade's file changes, but it now shares Grid, which is no
    // rarer than Energy any more: grid's and cables' lists change too.
    edit(
        &site,
        "content/briefings/trade.md",
        "[\"Trade\"]",
        "[\"Trade\", \"Grid\"]",
    );
    let tagged = warm_equals_cold(&site, "another briefing's tags");
    assert_eq!(tagged.parse.parsed, 1);
    assert_eq!(
        related_on(&site, "grid"),
        ["energy", "oil", "cables", "trade"]
    );
    assert_eq!(related_on(&site, "cables"), ["trade", "grid"]);
    assert_eq!(related_on(&site, "trade"), ["cables", "grid"]);
    for page in ["grid", "cables", "trade"] {
        let path = format!("briefings/{page}/index.html");
        assert!(
            tagged.changes.changed.contains(&path),
            "{path}: {:?}",
            tagged.changes
        );
    }
    // Energy's list is what it was: its page is not written again.
    assert_eq!(related_on(&site, "energy"), ["grid", "oil"]);
    assert!(
        !tagged
            .changes
            .changed
            .contains(&"briefings/energy/index.html".to_string()),
        "{:?}",
        tagged.changes
    );

    // A related briefing's headline changes the pages that list it.
    edit(
        &site,
        "content/briefings/cables.md",
        "title: \"cables\"",
        "title: \"Undersea cables\"",
    );
    let retitled = warm_equals_cold(&site, "a related briefing retitled");
    assert_eq!(
        related_on(&site, "grid"),
        ["energy", "oil", "Undersea cables", "trade"]
    );
    assert!(
        retitled
            .changes
            .changed
            .contains(&"briefings/grid/index.html".to_string()),
        "{:?}",
        retitled.changes
    );

    // Fewer, by site.toml.
    std::fs::write(
        site.root().join("site.toml"),
        format!("{}\n[related]\nlimit = 1\n", crate::common::SITE_TOML),
    )
    .unwrap();
    warm_equals_cold(&site, "related.limit changed");
    assert_eq!(related_on(&site, "grid"), ["energy"]);
}

/// A site where grid's related briefings are energy (sharing Energy) and
/// cables (sharing Grid, as rare, but further in date).
fn grid_site() -> TestSite {
    let site = TestSite::new();
    for (name, date, tags) in [
        ("grid", "2026-11-01T10:00:00Z", &["Energy", "Grid"][..]),
        ("energy", "2026-11-02T10:00:00Z", &["Energy"]),
        ("cables", "2026-11-04T10:00:00Z", &["Grid"]),
        ("trade", "2026-11-05T10:00:00Z", &["Trade"]),
    ] {
        site.briefing(name, &fm(name, date, tags), "Body.\n");
    }
    site
}

#[test]
fn the_builtin_theme_lists_related_links_so_their_bodies_do_not_matter() {
    let site = grid_site();
    brief::build(&options(&site, None, false)).unwrap();
    assert_eq!(related_on(&site, "grid"), ["energy", "cables"]);
    // Only cables' summary changes, which a link does not show: grid's
    // page, which lists cables, is not written again.
    edit(
        &site,
        "content/briefings/cables.md",
        "Body.",
        "Undersea cables cut.",
    );
    let edited = warm_equals_cold(&site, "a related briefing's body");
    let grid = "briefings/grid/index.html".to_string();
    assert!(
        edited
            .changes
            .changed
            .contains(&"briefings/cables/index.html".to_string()),
        "{:?}",
        edited.changes
    );
    assert!(
        !edited.changes.changed.contains(&grid),
        "{:?}",
        edited.changes
    );
    // Its headline, which a link shows, does rewrite it.
    edit(
        &site,
        "content/briefings/cables.md",
        "title: \"cables\"",
        "title: \"Cables\"",
    );
    let retitled = warm_equals_cold(&site, "a related briefing's headline");
    assert!(
        retitled.changes.changed.contains(&grid),
        "{:?}",
        retitled.changes
    );
}

#[test]
fn a_sites_own_briefing_template_gets_related_cards_warm_as_cold() {
    let site = grid_site();
    assert!(site.run(&["eject", "briefing.html"]).status.success());
    edit(
        &site,
        "templates/briefing.html",
        "<a href=\"{{ r.url }}\">{{ r.title }}</a>",
        "<a href=\"{{ r.url }}\">{{ r.title }}</a> <span class=\"summary\">{{ r.summary }}</span> \
         <span class=\"tags\">{% for t in r.tags %}{{ t.name }} {% endfor %}</span>",
    );
    brief::build(&options(&site, None, false)).unwrap();
    let summaries = |site: &TestSite| {
        crate::common::texts(
            &site.html("briefings/grid/index.html"),
            "section.related li .summary",
        )
    };
    assert_eq!(related_on(&site, "grid"), ["energy", "cables"]);
    assert_eq!(summaries(&site), ["Body.", "Body."]);
    assert_eq!(
        crate::common::texts(
            &site.html("briefings/grid/index.html"),
            "section.related li .tags"
        ),
        ["Energy", "Grid"]
    );
    // A related briefing's summary is on the card: the page listing it
    // is written again, as a cold build would write it.
    edit(
        &site,
        "content/briefings/cables.md",
        "Body.",
        "Undersea cables cut.",
    );
    let edited = warm_equals_cold(&site, "a related briefing's summary");
    assert!(
        edited
            .changes
            .changed
            .contains(&"briefings/grid/index.html".to_string()),
        "{:?}",
        edited.changes
    );
    assert_eq!(summaries(&site), ["Body.", "Undersea cables cut."]);
}

#[test]
fn feed_archives_build_warm_to_the_cold_output_and_stay_put() {
    let site = TestSite::with_config(&format!(
        "{}\n[feed]\narchive = true\nlimit = 10\n",
        crate::common::SITE_TOML
    ));
    let publish = |from: usize, to: usize| {
        for i in from..to {
            let date = format!("2025-{:02}-{:02}T08:00:00Z", i / 28 + 1, i % 28 + 1);
            site.briefing(
                &format!("b{i}"),
                &fm(&format!("B{i}"), &date, &["X"]),
                "Body.\n",
            );
        }
    };
    let archived = |changes: &[String]| -> Vec<String> {
        changes
            .iter()
            .filter(|p| p.starts_with("feeds/"))
            .cloned()
            .collect()
    };
    publish(0, 45);
    brief::build(&options(&site, None, false)).unwrap();
    assert!(site.public().join("feeds/archive/4/rss.xml").is_file());

    let same = warm_equals_cold(&site, "no change");
    assert_eq!(same.written, 0, "{:?}", same.changes);

    // One more: the feeds change, no archive document does.
    publish(45, 46);
    let one = warm_equals_cold(&site, "one more briefing");
    assert!(one.changes.changed.contains(&"rss.xml".to_string()));
    assert_eq!(archived(&one.changes.changed), Vec::<String>::new());
    assert_eq!(archived(&one.changes.added), Vec::<String>::new());

    // Up to 50: page 5 fills. Document 5 is new; 4 gains a next-archive
    // link in RSS and Atom; 1 to 3 are not even written.
    publish(46, 50);
    let filled = warm_equals_cold(&site, "a page fills");
    assert_eq!(
        archived(&filled.changes.added),
        [
            "feeds/archive/5/atom.xml",
            "feeds/archive/5/feed.json",
            "feeds/archive/5/rss.xml"
        ]
    );
    assert_eq!(
        archived(&filled.changes.changed),
        ["feeds/archive/4/atom.xml", "feeds/archive/4/rss.xml"]
    );

    // An old briefing edited: only the archive documents holding it.
    edit(
        &site,
        "content/briefings/b3.md",
        "Body.",
        "Body, corrected.",
    );
    let edited = warm_equals_cold(&site, "an archived briefing edited");
    assert_eq!(
        archived(&edited.changes.changed),
        [
            "feeds/archive/1/atom.xml",
            "feeds/archive/1/feed.json",
            "feeds/archive/1/rss.xml"
        ]
    );

    // The oldest deleted: every page shifts by one, and the last empties.
    std::fs::remove_file(site.root().join("content/briefings/b0.md")).unwrap();
    let deleted = warm_equals_cold(&site, "the oldest briefing deleted");
    assert_eq!(archived(&deleted.changes.removed).len(), 3);
    assert_eq!(archived(&deleted.changes.changed).len(), 12);

    // Turned off: every document goes.
    edit(&site, "site.toml", "archive = true", "archive = false");
    let off = warm_equals_cold(&site, "archive = false");
    assert_eq!(archived(&off.changes.removed).len(), 12);
    assert!(!site.public().join("feeds").exists());
}

#[test]
fn a_damaged_cache_is_ignored_and_replaced() {
    let site = TestSite::fixture("full");
    brief::build(&options(&site, None, false)).unwrap();
    let cache = site.root().join(".brief-cache");
    let file = cache.join("build.bin");
    let good = std::fs::read(&file).unwrap();
    let mut flipped = good.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x40;
    for (what, bytes) in [
        ("truncated", good[..good.len() / 3].to_vec()),
        ("flipped", flipped),
        ("garbage", b"garbage".to_vec()),
    ] {
        std::fs::write(&file, &bytes).unwrap();
        let report = brief::build(&options(&site, None, false)).unwrap();
        assert_eq!(report.cold, Some(brief::cache::Cold::Corrupt), "{what}");
        assert_eq!(report.parse.reused, 0, "{what}");
        // The build replaced it with a good one.
        let again = brief::build(&options(&site, None, false)).unwrap();
        assert!(again.cold.is_none(), "{what}");
    }
    // The bodies' pack damaged: found when a page needs the body, and the
    // build starts over without the cache.
    edit(
        &site,
        ENERGY,
        "reserves will be thin",
        "reserves will be thinner",
    );
    let pack = std::fs::read_dir(&cache)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "pack"))
        .unwrap();
    let text = std::fs::read(&pack).unwrap();
    std::fs::write(&pack, vec![b'x'; text.len()]).unwrap();
    // A template change makes every page need its body.
    assert!(site.run(&["eject", "base.html"]).status.success());
    edit(
        &site,
        "templates/base.html",
        "</body>",
        "<!-- edited --></body>",
    );
    let report = brief::build(&options(&site, None, false)).unwrap();
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.message.contains("cache was damaged")),
        "{:?}",
        report.warnings
    );
    warm_equals_cold(&site, "after a damaged pack");
    // --no-cache builds cold even with a good cache.
    let forced = brief::build(&options(&site, None, true)).unwrap();
    assert_eq!(forced.parse.reused, 0);
}

#[test]
fn the_cache_is_ignored_when_the_output_was_changed_behind_its_back() {
    let site = TestSite::fixture("full");
    brief::build(&options(&site, None, false)).unwrap();
    // Someone edits a built page in place, and deletes another.
    let page = site.public().join("index.html");
    std::fs::write(&page, "tampered").unwrap();
    std::fs::remove_file(site.public().join("rss.xml")).unwrap();
    // Half of an email edition: the text part is rendered with the HTML
    // part, which is unchanged, and must come back all the same.
    std::fs::remove_file(site.public().join("briefings/elections/email.txt")).unwrap();
    let report = warm_equals_cold(&site, "output tampered with");
    assert!(report.changes.changed.contains(&"index.html".to_string()));
    // Listed in the manifest, gone from the folder: uploaded again.
    assert!(report.changes.changed.contains(&"rss.xml".to_string()));
    // A file added to the output is still refused, warm or cold, however
    // deep it is.
    for rel in ["public/briefings/elections/notes.txt", "public/notes.txt"] {
        site.write(rel, "mine");
        let err = brief::build(&options(&site, None, false)).unwrap_err();
        assert!(err.to_string().contains("notes.txt"), "{err}");
        assert_eq!(
            std::fs::read_to_string(site.root().join(rel)).unwrap(),
            "mine"
        );
        std::fs::remove_file(site.root().join(rel)).unwrap();
    }
}

#[test]
fn changes_file_lists_what_a_deploy_must_upload_and_delete() {
    let site = TestSite::fixture("full");
    let list = site.root().join("deploy.txt");
    let run = |site: &TestSite| {
        let out = site.run(&[
            "build",
            "--now",
            "2026-11-30T12:00:00Z",
            "--changes",
            list.to_str().unwrap(),
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::fs::read_to_string(&list).unwrap()
    };
    let first = run(&site);
    assert!(first.lines().all(|l| l.starts_with('+')), "{first}");
    assert!(first.lines().any(|l| l == "+index.html"));
    assert_eq!(run(&site), "", "nothing changed");
    edit(
        &site,
        ENERGY,
        "reserves will be thin",
        "reserves will be very thin",
    );
    let edited = run(&site);
    // Besides the search index's files (named by their content, so added
    // and removed), only changes.
    assert!(
        edited
            .lines()
            .all(|l| l.starts_with('~') || l[1..].starts_with("pagefind/")),
        "{edited}"
    );
    assert!(edited.lines().any(|l| l.ends_with("/index.html")));
    std::fs::remove_file(site.root().join(ENERGY)).unwrap();
    let removed = run(&site);
    assert!(removed.lines().any(|l| l.starts_with('-')), "{removed}");
    // The list in the output folder would be published: refused.
    let out = site.run(&["build", "--changes", "public/changes.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("outside the output folder"));
}

#[test]
fn init_ignores_the_cache_folder() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    brief::scaffold::init(&site, false).unwrap();
    let ignore = std::fs::read_to_string(site.join(".gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "/.brief-cache/"), "{ignore}");
}

#[test]
fn a_failed_build_leaves_the_cache_and_the_output_as_they_were() {
    let site = TestSite::fixture("full");
    brief::build(&options(&site, None, false)).unwrap();
    let cache = site.root().join(".brief-cache");
    let cache_before = tree(&cache);
    let public_before = tree(&site.public());
    // Content errors: the build fails before anything is committed. One
    // briefing is broken, another edited (its new body goes to the pack
    // as it is parsed, and nothing will refer to it).
    edit(
        &site,
        ENERGY,
        "tags: [Energy]",
        "tags: [Energy]\ndate: nope",
    );
    edit(
        &site,
        "content/briefings/2026-11-05-elections.md",
        "Neither candidate",
        "Still, neither candidate",
    );
    assert!(brief::build(&options(&site, None, false)).is_err());
    assert!(public_before == tree(&site.public()));
    let cache_after = tree(&cache);
    for (path, before) in &cache_before {
        let after = &cache_after[path];
        if path.ends_with(".pack") {
            // Only appended to.
            let (before, after) = (before.as_ref().unwrap(), after.as_ref().unwrap());
            assert!(after.len() > before.len(), "{path}: the new body is stored");
            assert_eq!(&after[..before.len()], &before[..], "{path}");
        } else {
            assert_eq!(before, after, "{path}");
        }
    }
    // Fixed, the next build is warm again.
    edit(
        &site,
        ENERGY,
        "tags: [Energy]\ndate: nope",
        "tags: [Energy]",
    );
    let report = warm_equals_cold(&site, "after a failed build");
    assert!(
        report.changes.changed.iter().all(|p| !p.contains("energy")),
        "only what the edit touched: {:?}",
        report.changes
    );
}

/// The files of the site's card cache, sorted.
fn card_cache(site: &TestSite) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(site.root().join(".brief-cache/cards"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    names
}

#[test]
fn a_card_is_drawn_again_only_when_what_it_shows_changes() {
    let site = TestSite::with_config(&format!(
        "{}\n[cards]\nenabled = true\n",
        crate::common::SITE_TOML
    ));
    site.briefing(
        "2026-11-10-energy",
        &fm("A tight winter", "2026-11-10T08:00:00Z", &["Energy"]),
        "Reserves will be thin.\n",
    );
    site.briefing(
        "2026-11-11-grid",
        &fm("The grid holds", "2026-11-11T08:00:00Z", &["Energy"]),
        "For now.\n",
    );
    let card = || std::fs::read(site.public().join("briefings/energy/card.png")).unwrap();
    let first = brief::build(&options(&site, None, false)).unwrap();
    assert_eq!(first.cards.drawn, 2);
    let before = card();
    let cached = card_cache(&site);
    assert_eq!(cached.len(), 3, "two cards and the index: {cached:?}");

    // The body alone: the card is neither laid out nor drawn again.
    edit(
        &site,
        "content/briefings/2026-11-10-energy.md",
        "thin",
        "very thin",
    );
    let body = warm_equals_cold(&site, "body edit");
    assert_eq!(body.cards.drawn, 0);
    assert_eq!(body.cards.unchanged, 2);
    assert!(
        !body
            .changes
            .changed
            .contains(&"briefings/energy/card.png".to_string()),
        "{:?}",
        body.changes
    );
    assert_eq!(card(), before);
    assert_eq!(card_cache(&site), cached);

    // The headline: the card is drawn again, the old one leaves the cache.
    edit(
        &site,
        "content/briefings/2026-11-10-energy.md",
        "A tight winter",
        "A hard winter",
    );
    let title = warm_equals_cold(&site, "headline edit");
    assert_eq!(title.cards.drawn, 1);
    assert_eq!(title.cards.unchanged, 1);
    assert_ne!(card(), before);
    assert!(
        title
            .changes
            .changed
            .contains(&"briefings/energy/card.png".to_string())
    );
    let now_cached = card_cache(&site);
    assert_eq!(now_cached.len(), 3, "{now_cached:?}");
    assert_ne!(now_cached, cached);

    // A cold build that finds the cards filed draws none of them.
    std::fs::remove_file(site.root().join(".brief-cache/build.bin")).unwrap();
    let again = brief::build(&options(&site, None, false)).unwrap();
    assert!(again.cold.is_some());
    assert_eq!((again.cards.drawn, again.cards.filed), (0, 2));

    // A briefing removed: its card leaves the cache too.
    std::fs::remove_file(site.root().join("content/briefings/2026-11-11-grid.md")).unwrap();
    warm_equals_cold(&site, "briefing removed");
    assert_eq!(card_cache(&site).len(), 2);
}
