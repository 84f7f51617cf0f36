//! Publishing is irreversible: only what the editor meant goes out.
//! Scheduled briefings wait for their minute, drafts wait for the editor,
//! editors' leftovers never leave the content folder, and what a briefing
//! points to must exist. Everything is read back as a reader or a
//! subscriber would meet it: pages, feeds in every format, the sitemap.

use crate::common;

use std::path::Path;
use std::process::{Command, Output};

use common::{TestSite, attrs, fm, snapshot, texts};

fn run_env(site: &TestSite, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_brief"));
    cmd.args(args)
        .current_dir(site.root())
        .env_remove("BRIEF_NOW");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every briefing URL a reader or subscriber can reach in the output:
/// pages, feeds in all three formats, the sitemap, OPML.
fn everywhere_mentions(site: &TestSite, slug: &str) -> Vec<String> {
    let needle = format!("/briefings/{slug}/");
    snapshot(&site.public())
        .into_iter()
        .filter(|(path, bytes)| {
            !path.starts_with(format!("briefings/{slug}"))
                && String::from_utf8_lossy(bytes).contains(&needle)
        })
        .map(|(path, _)| path.display().to_string())
        .collect()
}

/// Two published briefings and one due at 10:00 UTC on 1 December 2026.
fn scheduled_site(date: &str, timezone: &str) -> TestSite {
    let site = TestSite::with_config(
        &common::SITE_TOML.replace("timezone = \"UTC\"", &format!("timezone = \"{timezone}\"")),
    );
    site.briefing(
        "2026-11-28-older",
        &fm("Older", "2026-11-28T08:00:00Z", &["Energy"]),
        "Older body.\n",
    );
    site.briefing(
        "2026-11-29-newest",
        &fm("Newest published", "2026-11-29T08:00:00Z", &["Energy"]),
        "Newest body.\n",
    );
    site.briefing(
        "2026-12-01-due",
        &fm("Due later", date, &["Energy", "Only Later"]),
        "Due body.\n",
    );
    site
}

fn rss_links(site: &TestSite, rel: &str) -> Vec<String> {
    let ch = rss::Channel::read_from(site.read(rel).as_bytes()).unwrap();
    ch.items()
        .iter()
        .filter_map(|i| i.link().map(str::to_string))
        .collect()
}

fn atom_links(site: &TestSite, rel: &str) -> Vec<String> {
    let feed: atom_syndication::Feed = site.read(rel).parse().unwrap();
    feed.entries()
        .iter()
        .flat_map(|e| e.links().iter().map(|l| l.href().to_string()))
        .collect()
}

fn json_links(site: &TestSite, rel: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(&site.read(rel)).unwrap();
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["url"].as_str().unwrap().to_string())
        .collect()
}

fn sitemap_urls(site: &TestSite) -> Vec<String> {
    let text = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text().map(str::to_string))
        .collect()
}

const DUE_URL: &str = "https://example.org/briefings/due/";

fn assert_not_published(site: &TestSite) {
    assert!(!site.public().join("briefings/due").exists());
    assert!(!site.public().join("tags/only-later").exists());
    let index = site.html("index.html");
    assert_eq!(
        texts(&index, ".card-title a"),
        ["Newest published", "Older"],
        "front page"
    );
    for (rel, links) in [
        ("rss.xml", rss_links(site, "rss.xml")),
        ("atom.xml", atom_links(site, "atom.xml")),
        ("feed.json", json_links(site, "feed.json")),
        (
            "tags/energy/rss.xml",
            rss_links(site, "tags/energy/rss.xml"),
        ),
        (
            "tags/energy/atom.xml",
            atom_links(site, "tags/energy/atom.xml"),
        ),
        (
            "tags/energy/feed.json",
            json_links(site, "tags/energy/feed.json"),
        ),
    ] {
        assert!(!links.iter().any(|l| l == DUE_URL), "{rel}: {links:?}");
        assert!(
            links
                .iter()
                .any(|l| l == "https://example.org/briefings/newest/"),
            "{rel}: {links:?}"
        );
    }
    assert!(!sitemap_urls(site).iter().any(|u| u == DUE_URL));
    let tag = site.html("tags/energy/index.html");
    assert_eq!(texts(&tag, ".card-title a"), ["Newest published", "Older"]);
    let archive = site.html("archive/index.html");
    assert!(!attrs(&archive, "a", "href").iter().any(|h| h == DUE_URL));
    let newest = site.html("briefings/newest/index.html");
    assert!(
        attrs(&newest, "a", "href").iter().all(|h| h != DUE_URL),
        "previous/next link to a scheduled briefing"
    );
    let not_found = site.html("404.html");
    assert!(!attrs(&not_found, "a", "href").iter().any(|h| h == DUE_URL));
    let opml = site.read("feeds.opml");
    assert!(!opml.contains("only-later"), "{opml}");
    assert!(!site.public().join("briefings/due/email.html").exists());
    // Nothing anywhere links to it.
    assert_eq!(everywhere_mentions(site, "due"), Vec::<String>::new());
}

fn assert_published(site: &TestSite) {
    assert!(site.public().join("briefings/due/index.html").is_file());
    assert!(site.public().join("tags/only-later/index.html").is_file());
    let index = site.html("index.html");
    assert_eq!(
        texts(&index, ".card-title a"),
        ["Due later", "Newest published", "Older"]
    );
    assert_eq!(rss_links(site, "rss.xml")[0], DUE_URL);
    assert_eq!(atom_links(site, "atom.xml")[0], DUE_URL);
    assert_eq!(json_links(site, "feed.json")[0], DUE_URL);
    assert!(sitemap_urls(site).iter().any(|u| u == DUE_URL));
    let not_found = site.html("404.html");
    assert!(attrs(&not_found, "a", "href").iter().any(|h| h == DUE_URL));
    // No banner in a build, ever.
    let page = site.html("briefings/due/index.html");
    assert!(texts(&page, ".notice").is_empty());
}

#[test]
fn a_briefing_due_at_ten_is_out_at_one_second_to_ten_and_in_at_ten() {
    let site = scheduled_site("2026-12-01T10:00:00Z", "UTC");
    let out = run_env(&site, &["build", "--now", "2026-12-01T09:59:59Z"], &[]);
    let stdout = ok(&out);
    assert!(
        stdout.contains("Scheduled: 1 briefing not yet published; the next, content/briefings/2026-12-01-due.md, is due 2026-12-01T10:00:00+00:00"),
        "{stdout}"
    );
    assert_not_published(&site);

    // The same moment in another offset, through the environment.
    let out = run_env(
        &site,
        &["build"],
        &[("BRIEF_NOW", "2026-12-01T05:00:00-05:00")],
    );
    let stdout = ok(&out);
    assert!(!stdout.contains("Scheduled"), "{stdout}");
    assert_published(&site);
}

#[test]
fn a_date_without_a_time_is_due_at_midnight_in_the_site_time_zone() {
    // Midnight in New York on 1 December 2026 is 05:00 UTC.
    let site = scheduled_site("2026-12-01", "America/New_York");
    ok(&run_env(
        &site,
        &["build", "--now", "2026-12-01T04:59:59Z"],
        &[],
    ));
    assert_not_published(&site);
    ok(&run_env(
        &site,
        &["build", "--now", "2026-12-01T05:00:00Z"],
        &[],
    ));
    assert_published(&site);
}

#[test]
fn future_includes_scheduled_briefings_by_flag_or_setting() {
    let site = scheduled_site("2026-12-01T10:00:00Z", "UTC");
    ok(&run_env(
        &site,
        &["build", "--future", "--now", "2026-11-30T00:00:00Z"],
        &[],
    ));
    assert_published(&site);
    ok(&run_env(
        &site,
        &["build", "-F", "--now", "2026-11-30T00:00:00Z"],
        &[],
    ));
    assert_published(&site);

    site.write("site.toml", format!("{}future = true\n", common::SITE_TOML));
    ok(&run_env(
        &site,
        &["build", "--now", "2026-11-30T00:00:00Z"],
        &[],
    ));
    assert_published(&site);
}

#[test]
fn the_clock_fixes_the_output_byte_for_byte() {
    let site = scheduled_site("2026-12-01T10:00:00Z", "UTC");
    ok(&run_env(
        &site,
        &["build", "--now", "2026-11-30T12:00:00Z"],
        &[],
    ));
    let first = snapshot(&site.public());
    std::thread::sleep(std::time::Duration::from_millis(1100));
    ok(&run_env(
        &site,
        &["build", "--now", "2026-11-30T12:00:00Z"],
        &[],
    ));
    assert!(first == snapshot(&site.public()), "rebuild differs");
}

#[test]
fn a_bad_now_is_a_usage_error() {
    let site = scheduled_site("2026-12-01T10:00:00Z", "UTC");
    let out = run_env(&site, &["build", "--now", "tomorrow"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("RFC 3339"), "{}", stderr(&out));
    assert!(!site.public().exists());
}

#[test]
fn schedule_lists_what_is_due_soonest_first_and_nothing_when_none() {
    let site = scheduled_site("2026-12-01T10:00:00Z", "UTC");
    site.briefing(
        "2026-12-01-sooner",
        &fm("Sooner", "2026-12-01T04:00:00-05:00", &[]),
        "Body.\n",
    );
    // A scheduled draft waits for the editor, not the clock.
    site.briefing(
        "2026-12-02-draft",
        &format!("{}\ndraft: true", fm("Draft", "2026-12-02", &[])),
        "Body.\n",
    );
    let out = run_env(&site, &["schedule", "--now", "2026-11-30T00:00:00Z"], &[]);
    assert_eq!(
        ok(&out),
        "2026-12-01T04:00:00-05:00\tcontent/briefings/2026-12-01-sooner.md\tSooner\n\
         2026-12-01T10:00:00+00:00\tcontent/briefings/2026-12-01-due.md\tDue later\n"
    );
    let out = run_env(
        &site,
        &["schedule", "--root", ".", "--now", "2026-12-01T10:00:00Z"],
        &[],
    );
    assert_eq!(ok(&out), "");
    assert!(!site.public().exists(), "schedule writes nothing");
}

#[test]
fn a_scheduled_briefing_is_checked_now_not_when_nobody_is_watching() {
    let site = scheduled_site("2026-12-01T10:00:00Z", "UTC");
    site.briefing(
        "2026-12-01-due",
        &fm("Due later", "2026-12-01T10:00:00Z", &["Energy"]),
        "Write the lede here: what happened, in one or two sentences.\n",
    );
    site.briefing(
        "2026-11-20-clash",
        &format!("{}\nslug: due", fm("Clash", "2026-11-20", &[])),
        "Body.\n",
    );
    let out = run_env(&site, &["build", "--now", "2026-11-30T00:00:00Z"], &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(
            "content/briefings/2026-12-01-due.md:6:1: the briefing still holds the placeholder lede"
        ),
        "{err}"
    );
    assert!(
        err.contains("the URL /briefings/due/ is also used by"),
        "{err}"
    );
    assert!(!site.public().exists());
}

#[test]
fn email_for_a_draft_or_scheduled_slug_says_why() {
    let site = scheduled_site("2026-12-01T10:00:00Z", "UTC");
    site.briefing(
        "2026-11-01-wip",
        &format!("{}\ndraft: true", fm("Work in progress", "2026-11-01", &[])),
        "Body.\n",
    );
    let now = "2026-11-30T00:00:00Z";
    let out = run_env(&site, &["email", "due", "--now", now], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "`due` (content/briefings/2026-12-01-due.md) is scheduled for 2026-12-01T10:00:00+00:00"
        ),
        "{}",
        stderr(&out)
    );
    let out = run_env(&site, &["email", "wip", "--now", now], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is a draft"), "{}", stderr(&out));
    // --latest is the newest *published* briefing.
    let out = run_env(&site, &["email", "--latest", "--now", now], &[]);
    assert!(ok(&out).contains("briefings/newest/email.html"));
}

#[test]
fn the_placeholder_lede_stops_a_build_with_its_line_and_leaves_the_output() {
    let site = TestSite::new();
    site.briefing("a", &fm("A", "2025-01-01", &[]), "Real lede.\n");
    site.build().unwrap();
    let before = snapshot(&site.public());
    site.briefing(
        "b",
        &fm("B", "2025-01-02", &[]),
        "Intro.\n\nWrite the lede here: what happened, in one or two sentences.\n",
    );
    let err = site.build().unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("content/briefings/b.md:8:1: the briefing still holds the placeholder lede"),
        "{text}"
    );
    assert!(text.contains("write the lede in its place"), "{text}");
    assert!(before == snapshot(&site.public()));
}

#[test]
fn editor_leftovers_and_ignored_files_are_never_published() {
    let site = TestSite::new();
    site.briefing("a", &fm("A", "2025-01-01", &[]), "Body.\n");
    let raw_draft = "---\ntitle: Secret\ndate: 2025-01-02\ndraft: true\n---\nSecret.\n";
    for leftover in [
        "content/briefings/a.md~",
        "content/briefings/#a.md#",
        "content/briefings/.a.md.swp",
        "content/briefings/.#a.md",
        "content/briefings/secret.md.bak",
        "content/briefings/lead.jpg.tmp",
        "content/briefings/.DS_Store",
        "content/briefings/Thumbs.db",
        "content/.hidden/x.jpg",
        "static/style.css~",
        "static/.env",
        "content/notes/plan.md",
        "content/briefings/interview.docx",
    ] {
        site.write(leftover, raw_draft);
    }
    site.write(
        ".briefignore",
        "# not for readers\ncontent/notes/\n*.docx\n",
    );
    site.write("content/briefings/chart.png", b"\x89PNG\r\n\x1a\n");
    site.write(
        "static/.well-known/security.txt",
        "Contact: mailto:desk@example.org\n",
    );
    let out = site.run(&["build"]);
    let stdout = ok(&out);
    let published: Vec<String> = snapshot(&site.public())
        .iter()
        .map(|(p, _)| p.display().to_string())
        .collect();
    assert!(published.contains(&"briefings/chart.png".to_string()));
    // `.well-known/` is hidden but meant for the host: it is published.
    assert!(published.contains(&".well-known/security.txt".to_string()));
    for (path, bytes) in snapshot(&site.public()) {
        let name = path.display().to_string();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("Secret"),
            "{name} holds the draft's text"
        );
        assert!(
            !name.contains('~')
                && !name.contains('#')
                && !name.ends_with(".swp")
                && !name.ends_with(".bak")
                && !name.ends_with(".tmp")
                && !name.ends_with(".docx")
                && !name.contains("notes")
                && !name.contains("DS_Store")
                && !name.contains("Thumbs")
                && !name.contains(".hidden")
                && (!name.starts_with('.')
                    || name.starts_with(".well-known/")
                    || name == ".brief-manifest")
                && !name.ends_with(".env"),
            "{name} was published"
        );
    }
    // The ones that look like briefings are named, once, in the summary.
    let skipped: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("Skipped"))
        .collect();
    assert_eq!(skipped.len(), 1, "{stdout}");
    for name in [
        "content/briefings/#a.md#",
        "content/briefings/.#a.md",
        "content/briefings/.a.md.swp",
        "content/briefings/a.md~",
        "content/briefings/secret.md.bak",
    ] {
        assert_eq!(skipped[0].matches(name).count(), 1, "{name}: {stdout}");
    }
    assert!(!skipped[0].contains("lead.jpg.tmp"), "{stdout}");
}

#[test]
fn a_missing_lead_image_or_file_is_an_error_with_its_line() {
    let site = TestSite::new();
    site.briefing("ok", &fm("Fine", "2025-01-01", &[]), "Body.\n");
    site.build().unwrap();
    let before = snapshot(&site.public());
    let site_before = snapshot(site.root());
    site.briefing(
        "broken",
        &format!(
            "{}\nimage: {{ src: lead.jpg, alt: A map }}\nsources:\n  - {{ title: Report, url: www.example.com/report }}\n  - {{ title: Wire, url: reuters.com }}",
            fm("Broken", "2025-01-02", &[])
        ),
        "See [the PDF](files/report.pdf) and ![chart](/images/chart.png).\n",
    );
    // The build cache is brief's scratch space, not the site: a failed
    // build may add unreferenced bodies to its pack (see
    // tests/commands/incremental.rs for what it guarantees).
    let site_before = {
        let mut s = site_before;
        s.retain(|(p, _)| !p.starts_with("public") && !p.starts_with(".brief-cache"));
        s
    };
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    for expected in [
        "content/briefings/broken.md:5:15: the lead image `lead.jpg` does not exist: nothing is published at /briefings/lead.jpg",
        "content/briefings/broken.md:7:27: the source `www.example.com/report` has no scheme",
        "hint: write the full address: `https://www.example.com/report`",
        "the source `reuters.com` has no scheme",
        "content/briefings/broken.md:10:5: the linked file `files/report.pdf` does not exist",
        "content/briefings/broken.md:10:37: the image `/images/chart.png` does not exist: nothing is published at /images/chart.png",
    ] {
        assert!(err.contains(expected), "{expected}\n---\n{err}");
    }
    assert!(before == snapshot(&site.public()), "public/ changed");
    let mut site_after = snapshot(site.root());
    site_after.retain(|(p, _)| {
        !p.starts_with("public") && !p.starts_with(".brief-cache") && !p.ends_with("broken.md")
    });
    assert!(site_before == site_after, "the site folder changed");

    // With the files in place (in content/ or static/), it builds.
    site.write("content/briefings/lead.jpg", b"jpg");
    site.write("content/briefings/files/report.pdf", b"%PDF");
    site.write("static/images/chart.png", b"png");
    site.briefing(
        "broken",
        &format!(
            "{}\nimage: {{ src: lead.jpg, alt: A map }}\nsources:\n  - {{ title: Report, url: \"https://www.example.com/report\" }}",
            fm("Fixed", "2025-01-02", &[])
        ),
        "See [the PDF](files/report.pdf) and ![chart](/images/chart.png).\n",
    );
    ok(&site.run(&["build"]));
    let page = site.html("briefings/broken/index.html");
    assert_eq!(
        attrs(&page, ".lead-image img", "src"),
        ["https://example.org/briefings/lead.jpg"]
    );
    assert!(Path::new(&site.public().join("briefings/files/report.pdf")).is_file());
}
