//! Links in a briefing's body mean what they mean on its page, in every
//! feed format and in the email edition; a link to another briefing's
//! Markdown file becomes that briefing's URL.

use crate::common;

use common::{TestSite, attrs, fm};

fn site() -> TestSite {
    let site = TestSite::new();
    site.briefing(
        "2025-03-01-energy-storage",
        &fm("Energy storage", "2025-03-01", &["Energy"]),
        "Intro.\n\n## Grid batteries\n\nText.\n",
    );
    site.write("content/briefings/chart.png", b"png");
    site.briefing(
        "2025-03-02-links",
        &fm("Links", "2025-03-02", &["Energy"]),
        "See [the energy briefing](../energy-storage/), \
         [its batteries](2025-03-01-energy-storage.md#grid-batteries), \
         [from the root](@/briefings/2025-03-01-energy-storage.md), \
         [this page](./), [a typo](2025-03-01-energy-storrage.md) and \
         [a bad anchor](2025-03-01-energy-storage.md#grid-batteris).\n\n![chart](chart.png)\n",
    );
    site
}

const EXPECTED: [&str; 6] = [
    "https://example.org/briefings/energy-storage/",
    "https://example.org/briefings/energy-storage/#grid-batteries",
    "https://example.org/briefings/energy-storage/",
    "https://example.org/briefings/links/",
    "https://example.org/briefings/energy-storrage/",
    "https://example.org/briefings/energy-storage/#grid-batteris",
];

fn hrefs_in(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_fragment(html);
    attrs(&doc, "a[href]", "href")
        .into_iter()
        .filter(|h| !h.contains("fnref") && !h.contains("#fn-"))
        .collect()
}

#[test]
fn pages_feeds_and_email_resolve_links_alike() {
    let site = site();
    let report = site.build().unwrap();

    let page = site.html("briefings/links/index.html");
    let body: Vec<String> = attrs(&page, ".body a[href]", "href");
    assert_eq!(body, EXPECTED, "page");
    assert_eq!(
        attrs(&page, ".body img", "src"),
        ["https://example.org/briefings/chart.png"]
    );

    let ch = rss::Channel::read_from(site.read("rss.xml").as_bytes()).unwrap();
    let item = ch
        .items()
        .iter()
        .find(|i| i.link() == Some("https://example.org/briefings/links/"))
        .unwrap();
    assert_eq!(hrefs_in(item.content().unwrap()), EXPECTED, "rss");

    let json: serde_json::Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    let item = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["url"] == "https://example.org/briefings/links/")
        .unwrap();
    assert_eq!(
        hrefs_in(item["content_html"].as_str().unwrap()),
        EXPECTED,
        "json"
    );

    let atom: atom_syndication::Feed = site.read("atom.xml").parse().unwrap();
    let entry = atom
        .entries()
        .iter()
        .find(|e| e.links()[0].href() == "https://example.org/briefings/links/")
        .unwrap();
    assert_eq!(
        hrefs_in(entry.content().unwrap().value().unwrap()),
        EXPECTED,
        "atom"
    );

    // The email edition wraps the body in a headline link and a footer
    // link; the body's own links are there, in order.
    let email = site.html("briefings/links/email.html");
    let in_email: Vec<String> = attrs(&email, "a[href]", "href");
    assert!(
        in_email.windows(EXPECTED.len()).any(|w| w == EXPECTED),
        "email: {in_email:?}"
    );

    // The broken ones are warnings at the link in the source.
    let warnings: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    let text = warnings.join("\n");
    assert!(
        text.contains("warning: content/briefings/2025-03-02-links.md:6:"),
        "{text}"
    );
    assert!(
        text.contains("links to content/briefings/2025-03-01-energy-storrage.md, which is not a briefing of this site"),
        "{text}"
    );
    assert!(
        text.contains(
            "content/briefings/2025-03-01-energy-storage.md has no heading `#grid-batteris`"
        ),
        "{text}"
    );
    assert!(text.contains("did you mean `#grid-batteries`?"), "{text}");
    assert_eq!(report.warnings.len(), 2, "{text}");
}

#[test]
fn a_build_warns_at_the_source_of_each_broken_page_link_and_strict_fails() {
    let site = site();
    site.briefing(
        "2025-03-03-broken",
        &fm("Broken", "2025-03-03", &["Energy"]),
        "See [a typo](../energy-storrage/) and [here](#nots), twice: \
         [again](../energy-storrage/).\n\n## Notes\n\nText.\n",
    );
    let report = site.build().unwrap();
    let text: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    let text = text.join("\n");
    assert!(
        text.contains("warning: content/briefings/2025-03-03-broken.md:6:5: the link `../energy-storrage/` leads to /briefings/energy-storrage/, which this site does not publish"),
        "{text}"
    );
    assert!(
        text.contains("did you mean /briefings/energy-storage/?"),
        "{text}"
    );
    assert!(
        text.contains(
            "the link `#nots` points at `#nots`, but /briefings/broken/ has no such heading"
        ),
        "{text}"
    );
    assert!(text.contains("did you mean `#notes`?"), "{text}");
    // Each link in the source once: two typos written, two warnings.
    assert_eq!(text.matches("energy-storrage/`").count(), 2, "{text}");

    let before = common::snapshot(&site.public());
    let out = site.run(&["build", "--strict"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error: content/briefings/2025-03-03-broken.md:6:5:"),
        "{stderr}"
    );
    assert!(before == common::snapshot(&site.public()));
}

/// The diagnostics of a build with `--strict` at [`common::NOW`]: its
/// errors when it fails, its warnings when it does not.
fn strict_build(site: &TestSite) -> Result<Vec<String>, Vec<String>> {
    let lines = |ds: &[brief::error::Diagnostic]| ds.iter().map(|d| d.to_string()).collect();
    match site.build_with(brief::config::Overrides {
        strict: true,
        now: Some(common::now()),
        ..Default::default()
    }) {
        Ok(report) => Ok(lines(&report.warnings)),
        Err(brief::BuildError::Content(ds)) => Err(lines(&ds)),
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn strict_fails_on_a_markdown_link_to_a_heading_the_briefing_lacks() {
    let site = TestSite::new();
    site.briefing(
        "h6",
        &fm("Six", "2025-03-01", &[]),
        "Intro.\n\n## Real\n\nText.\n",
    );
    site.briefing(
        "linker",
        &fm("Linker", "2025-03-02", &[]),
        "See [x](h6.md#nope) and [y](h6.md#real).\n",
    );
    // Without --strict: a warning, and the build succeeds.
    let report = site.build_at_now().unwrap();
    let text: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(text.len(), 1, "{text:?}");
    assert!(
        text[0].starts_with("warning: content/briefings/linker.md:6:5:")
            && text[0].contains("has no heading `#nope`"),
        "{text:?}"
    );

    let before = common::snapshot(&site.public());
    let errors = strict_build(&site).expect_err("--strict must fail");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("error: content/briefings/linker.md:6:5:")
            && errors[0].contains("content/briefings/h6.md has no heading `#nope`")
            && errors[0].contains("did you mean `#real`?"),
        "{errors:?}"
    );
    let out = site.run_at_now("build", &["--strict"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(before == common::snapshot(&site.public()));
}

#[test]
fn raw_html_on_a_page_keeps_its_heading_links_checked() {
    let site = TestSite::new();
    site.briefing(
        "h6",
        &fm("Six", "2025-03-01", &[]),
        "Intro.\n\n## Real\n\nSome <em>emphasis</em> here, <span id=\"kept\">a kept id</span> \
         and <a name=\"old\">an old anchor</a>.\n\n[n](#nope) [r](#real) [k](#kept) [o](#old)\n",
    );
    site.briefing(
        "linker",
        &fm("Linker", "2025-03-02", &[]),
        "See [a](/briefings/h6/#nope2), [b](/briefings/h6/#kept), \
         [c](h6.md#old) and [d](h6.md#nope3).\n",
    );
    let errors = strict_build(&site).expect_err("--strict must fail");
    let text = errors.join("\n");
    assert_eq!(errors.len(), 3, "{text}");
    assert!(
        text.contains("error: content/briefings/h6.md:")
            && text.contains(
                "the link `#nope` points at `#nope`, but /briefings/h6/ has no such heading"
            ),
        "{text}"
    );
    assert!(
        text.contains("the link `/briefings/h6/#nope2` points at `#nope2`"),
        "{text}"
    );
    assert!(
        text.contains("content/briefings/h6.md has no heading `#nope3`"),
        "{text}"
    );
    // The raw HTML's own ids are headings a link may point at.
    for fine in ["#real", "#kept", "#old"] {
        assert!(
            !text.contains(&format!("points at `{fine}`"))
                && !text.contains(&format!("no heading `{fine}`")),
            "{fine}: {text}"
        );
    }
}

#[test]
fn footnote_links_are_known_and_a_taken_heading_id_is_a_warning_at_its_line() {
    // A link to a footnote (`#fn-a`) was a false warning, an error under
    // --strict; `## Five {#subscribe}` silently became `subscribe-1`, so
    // a link to #subscribe went to the theme's subscribe box.
    let site = TestSite::new();
    site.briefing(
        "notes",
        &fm("Notes", "2025-03-01", &[]),
        "A claim[^a], see [the note](#fn-a).\n\n## Five {#subscribe}\n\n[^a]: The source.\n",
    );
    site.briefing(
        "other",
        &fm("Other", "2025-03-02", &[]),
        "See [that note](notes.md#fn-a).\n",
    );
    let warnings = strict_build(&site).expect("footnote links are not broken");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with("warning: content/briefings/notes.md:8:1:")
            && warnings[0].contains("id `subscribe` is taken on the page, so it is `subscribe-1`"),
        "{warnings:?}"
    );
    let doc = site.html("briefings/notes/index.html");
    assert_eq!(common::attrs(&doc, ".body h2", "id"), ["subscribe-1"]);
    assert_eq!(common::attrs(&doc, ".body li[id]", "id"), ["fn-a"]);
}

#[test]
fn raw_html_srcset_is_made_absolute_in_feeds_and_email() {
    let site = TestSite::with_config(
        "title = \"Probe\"\nbase_url = \"https://example.org/news/\"\n\
         [feed]\nformats = [\"rss\", \"atom\", \"json\"]\n\
         [cards]\nenabled = false\n[search]\nenabled = false\n",
    );
    site.write(
        "content/briefings/chart/index.md",
        format!(
            "---\n{}\n---\n<img src=\"a.png\" srcset=\"a.png 1x, b.png 2x\" alt=\"Chart\">\n\
             <picture><source srcset=\"b.png\"><img src=\"a.png\" alt=\"P\"></picture>\n",
            fm("Chart", "2025-03-01", &[])
        ),
    );
    site.write("content/briefings/chart/a.png", b"a");
    site.write("content/briefings/chart/b.png", b"b");
    site.build().unwrap();
    let folder = "https://example.org/news/briefings/chart/";
    let expected = [
        format!("{folder}a.png 1x, {folder}b.png 2x"),
        format!("{folder}b.png"),
    ];
    let srcsets = |html: &str| {
        let doc = scraper::Html::parse_fragment(html);
        attrs(&doc, "img[srcset], source[srcset]", "srcset")
    };
    let url = "https://example.org/news/briefings/chart/";
    let ch = rss::Channel::read_from(site.read("rss.xml").as_bytes()).unwrap();
    let item = ch.items().iter().find(|i| i.link() == Some(url)).unwrap();
    assert_eq!(srcsets(item.content().unwrap()), expected, "rss");
    let atom: atom_syndication::Feed = site.read("atom.xml").parse().unwrap();
    let entry = atom
        .entries()
        .iter()
        .find(|e| e.links()[0].href() == url)
        .unwrap();
    assert_eq!(
        srcsets(entry.content().unwrap().value().unwrap()),
        expected,
        "atom"
    );
    let json: serde_json::Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    let item = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["url"] == url)
        .unwrap();
    assert_eq!(
        srcsets(item["content_html"].as_str().unwrap()),
        expected,
        "json"
    );
    assert_eq!(
        srcsets(&site.read("briefings/chart/email.html")),
        expected,
        "email"
    );
    // Every candidate is a file the site publishes.
    for set in &expected {
        for candidate in set.split(", ") {
            let rel = candidate.split(' ').next().unwrap();
            let rel = rel.strip_prefix("https://example.org/news/").unwrap();
            assert!(site.public().join(rel).is_file(), "{rel}");
        }
    }
}

#[test]
fn many_links_to_another_briefings_file_are_resolved_in_linear_time() {
    // Each link to a briefing's Markdown file searched the whole body for
    // its placeholder: 20,000 such links (300 KB of Markdown) took ten
    // seconds to resolve in a release build, and the time grew with their
    // number squared (these 40,000 took 290 s here, 9 s once fixed).
    let site = TestSite::new();
    site.briefing(
        "2025-03-01-other",
        &fm("Other", "2025-03-01", &[]),
        "Text.\n",
    );
    let line = "[o](2025-03-01-other.md) ".repeat(50);
    site.briefing(
        "2025-03-02-links",
        &fm("Links", "2025-03-02", &[]),
        &format!("{line}\n").repeat(800),
    );
    let started = std::time::Instant::now();
    site.build().unwrap();
    let took = started.elapsed();
    let page = site.read("briefings/links/index.html");
    assert_eq!(
        page.matches(r#"href="https://example.org/briefings/other/">o</a>"#)
            .count(),
        40_000
    );
    assert!(took < std::time::Duration::from_secs(60), "{took:?}");
}

/// A published briefing that links to a draft's Markdown file would give
/// out the draft's address (its headline, as a rule) in the page, every
/// feed and the mailed edition: the build refuses it at the link and keeps
/// the output; with the draft published too (`--drafts`), it builds. A
/// link to a scheduled briefing stays a warning: it will lead somewhere.
#[test]
fn a_link_to_a_draft_is_refused_at_the_link_and_one_to_a_scheduled_briefing_is_a_warning() {
    let site = TestSite::new();
    site.briefing(
        "2025-03-01-merger",
        "title: \"Merger talks collapse\"\ndate: 2025-03-01\ndraft: true\ntags: [Deals]",
        "Embargoed.\n",
    );
    site.briefing(
        "2025-03-02-today",
        &fm("Today", "2025-03-02", &["Deals"]),
        "Intro.\n",
    );
    site.build().unwrap();
    let before = common::snapshot(&site.public());
    site.briefing(
        "2025-03-02-today",
        &fm("Today", "2025-03-02", &["Deals"]),
        "Intro.\n\nSee [the merger](2025-03-01-merger.md).\n",
    );
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error: content/briefings/2025-03-02-today.md:8:5: links to content/briefings/2025-03-01-merger.md, a draft"),
        "{stderr}"
    );
    assert!(
        stderr.contains("remove the draft's `draft: true`"),
        "{stderr}"
    );
    assert!(before == common::snapshot(&site.public()));

    let out = site.run(&["build", "--drafts"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = std::fs::read_to_string(site.public().join("briefings/today/index.html")).unwrap();
    assert!(hrefs_in(&page).contains(&"https://example.org/briefings/merger/".to_string()));

    // Scheduled instead: out later, so the link is only a warning.
    site.briefing(
        "2025-03-01-merger",
        "title: \"Merger talks collapse\"\ndate: 2099-03-01\ntags: [Deals]",
        "Embargoed.\n",
    );
    let report = site.build().unwrap();
    let text: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        text.iter().any(|w| w.contains("which is scheduled")),
        "{text:?}"
    );
}
