//! Related briefings on a briefing page: the section a reader sees, read
//! back from the built HTML.

use crate::common;

use brief::config::Overrides;
use common::{TestSite, attrs, fm, texts};

/// A site where Cartels is on three briefings and Mexico on five: sharing
/// Cartels counts for more.
fn site(config: &str) -> TestSite {
    let site = TestSite::with_config(config);
    for (name, date, tags) in [
        ("force", "2026-11-20T10:00:00Z", &["Mexico", "Cartels"][..]),
        ("designation", "2026-02-20T10:00:00Z", &["Cartels"]),
        ("sanctions", "2026-11-10T10:00:00Z", &["Cartels", "Mexico"]),
        ("peso", "2026-11-19T10:00:00Z", &["Mexico"]),
        ("border", "2026-11-18T10:00:00Z", &["Mexico"]),
        ("remittances", "2026-11-01T10:00:00Z", &["Mexico"]),
        ("grain", "2026-11-21T10:00:00Z", &["Ukraine"]),
    ] {
        site.briefing(
            &format!("{}-{name}", &date[..10]),
            &fm(&format!("The {name} story"), date, tags),
            "Body.\n",
        );
    }
    site
}

#[test]
fn a_briefing_page_lists_its_related_briefings_best_first() {
    let site = site(common::SITE_TOML);
    site.build_at_now().unwrap();
    let page = site.html("briefings/force/index.html");
    let heading = texts(&page, "section.related h2");
    assert_eq!(heading, ["Related briefings"]);
    // The section is labelled by its heading.
    assert_eq!(
        attrs(&page, "section.related", "aria-labelledby"),
        attrs(&page, "section.related h2", "id")
    );
    // Both tags, then Cartels (rarer, though ten months old), then Mexico
    // by closeness in date: four, the default limit.
    assert_eq!(
        texts(&page, "section.related li a"),
        [
            "The sanctions story",
            "The designation story",
            "The peso story",
            "The border story"
        ]
    );
    assert_eq!(
        attrs(&page, "section.related li a", "href")[0],
        "https://example.org/briefings/sanctions/"
    );
    assert_eq!(
        texts(&page, "section.related li time")[0],
        "10 November 2026"
    );
    assert_eq!(
        attrs(&page, "section.related li time", "datetime")[0],
        "2026-11-10T10:00:00+00:00"
    );
    // Sharing no tag, nothing is related, and there is no empty section.
    let lonely = site.html("briefings/grain/index.html");
    assert!(texts(&lonely, "section.related").is_empty());
    // Not in the email edition.
    let email = site.read("briefings/force/email.html");
    assert!(!email.contains("Related briefings"), "{email}");
    assert!(!email.contains("The designation story"), "{email}");
}

#[test]
fn the_limit_is_set_in_site_toml_and_zero_turns_the_list_off() {
    let site = site(&format!("{}\n[related]\nlimit = 2\n", common::SITE_TOML));
    site.build_at_now().unwrap();
    let page = site.html("briefings/force/index.html");
    assert_eq!(
        texts(&page, "section.related li a"),
        ["The sanctions story", "The designation story"]
    );

    let off = self::site(&format!("{}\n[related]\nlimit = 0\n", common::SITE_TOML));
    off.build_at_now().unwrap();
    for slug in ["force", "sanctions", "peso"] {
        let page = off.read(&format!("briefings/{slug}/index.html"));
        assert!(!page.contains("Related briefings"), "{slug}");
    }
}

#[test]
fn drafts_and_scheduled_briefings_are_never_listed_even_in_a_preview() {
    let site = site(common::SITE_TOML);
    site.briefing(
        "draft",
        &format!(
            "{}\ndraft: true",
            fm("A draft", "2026-11-20T09:00:00Z", &["Cartels", "Mexico"])
        ),
        "Body.\n",
    );
    site.briefing(
        "later",
        &fm("Scheduled", "2026-12-01T09:00:00Z", &["Cartels", "Mexico"]),
        "Body.\n",
    );
    // What `brief serve` asks for: drafts and scheduled briefings shown.
    site.build_with(Overrides {
        now: Some(common::now()),
        drafts: true,
        future: true,
        preview: true,
        ..Overrides::default()
    })
    .unwrap();
    // Both have pages, with lists of their own...
    for slug in ["draft", "later"] {
        let page = site.html(&format!("briefings/{slug}/index.html"));
        assert_eq!(
            texts(&page, "section.related li a")[..2],
            ["The force story", "The sanctions story"],
            "{slug}"
        );
    }
    // ...but never appear in another's, though they share both tags.
    let page = site.html("briefings/force/index.html");
    assert_eq!(
        texts(&page, "section.related li a"),
        [
            "The sanctions story",
            "The designation story",
            "The peso story",
            "The border story"
        ]
    );
}
