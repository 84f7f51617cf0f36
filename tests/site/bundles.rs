//! A page bundle (`content/briefings/<name>/index.md` with its files
//! beside it) publishes its files with its briefing, never before: a
//! draft's or a scheduled briefing's chart is embargoed with it.

use crate::common;

use brief::config::Overrides;
use common::{TestSite, fm, now};

/// A published briefing, and the bundle `embargo/` held back by
/// `held` (front matter added to its own), with a chart and a nested file.
fn bundle_site(date: &str, held: &str) -> TestSite {
    let site = TestSite::new();
    site.briefing("2025-01-01-open", &fm("Open", "2025-01-01", &[]), "Body.\n");
    site.write(
        "content/briefings/open-bundle/index.md",
        format!(
            "---\n{}\n---\n![Map](map.png)\n",
            fm("Open bundle", "2025-01-02", &[])
        ),
    );
    site.write("content/briefings/open-bundle/map.png", b"map");
    site.write(
        "content/briefings/embargo/index.md",
        format!(
            "---\n{}{held}\n---\nThe figures.\n\n![Chart](chart.png)\n\n[Table](data/table.csv)\n",
            fm("Embargoed", date, &[])
        ),
    );
    site.write("content/briefings/embargo/chart.png", b"embargoed chart");
    site.write(
        "content/briefings/embargo/data/table.csv",
        b"embargoed,table",
    );
    site
}

fn build(site: &TestSite, drafts: bool, future: bool) {
    site.build_with(Overrides {
        now: Some(now()),
        drafts,
        future,
        ..Overrides::default()
    })
    .unwrap();
}

fn embargoed_files(site: &TestSite) -> Vec<&'static str> {
    [
        "briefings/embargo/chart.png",
        "briefings/embargo/data/table.csv",
    ]
    .into_iter()
    .filter(|rel| site.public().join(rel).exists())
    .collect()
}

#[test]
fn a_drafts_bundle_files_are_published_only_with_it() {
    let site = bundle_site("2025-01-03", "\ndraft: true");
    build(&site, false, false);
    assert!(!site.public().join("briefings/embargo/index.html").exists());
    assert_eq!(embargoed_files(&site), Vec::<&str>::new());
    // A published bundle's files are published as before.
    assert!(
        site.public()
            .join("briefings/open-bundle/map.png")
            .is_file()
    );
    build(&site, true, false);
    assert!(site.public().join("briefings/embargo/index.html").is_file());
    assert_eq!(
        embargoed_files(&site),
        [
            "briefings/embargo/chart.png",
            "briefings/embargo/data/table.csv"
        ]
    );
    // Back to a draft: the files go with the page.
    build(&site, false, false);
    assert_eq!(embargoed_files(&site), Vec::<&str>::new());
}

#[test]
fn a_scheduled_bundles_files_wait_for_its_date() {
    // A day after the fixed clock.
    let site = bundle_site("2026-12-01T12:00:00Z", "");
    build(&site, false, false);
    assert!(!site.public().join("briefings/embargo/index.html").exists());
    assert_eq!(embargoed_files(&site), Vec::<&str>::new());
    assert!(
        site.public()
            .join("briefings/open-bundle/map.png")
            .is_file()
    );
    build(&site, false, true);
    assert_eq!(
        embargoed_files(&site),
        [
            "briefings/embargo/chart.png",
            "briefings/embargo/data/table.csv"
        ]
    );
    // `[build] future = true` publishes them too, as does the date.
    let by_setting = bundle_site("2026-12-01T12:00:00Z", "");
    by_setting.write(
        "site.toml",
        common::SITE_TOML.replace("[build]\n", "[build]\nfuture = true\n"),
    );
    build(&by_setting, false, false);
    assert_eq!(embargoed_files(&by_setting).len(), 2);
    let due = bundle_site("2026-11-30T12:00:00Z", "");
    build(&due, false, false);
    assert_eq!(embargoed_files(&due).len(), 2);
}

#[test]
fn a_published_briefing_may_not_point_into_an_unpublished_bundle() {
    let site = bundle_site("2025-01-03", "\ndraft: true");
    site.briefing(
        "2025-01-04-leak",
        &fm("Leak", "2025-01-04", &[]),
        "See ![the chart](embargo/chart.png).\n",
    );
    let err = site.build_at_now().unwrap_err().to_string();
    assert!(
        err.contains("content/briefings/2025-01-04-leak.md:"),
        "{err}"
    );
    assert!(err.contains("/briefings/embargo/chart.png"), "{err}");
    assert!(
        err.contains("content/briefings/embargo/index.md, a draft"),
        "{err}"
    );
}
