//! Corrections, and the structured data a briefing page and listings carry,
//! read back by parsing the HTML, the JSON-LD and the feeds.

use crate::common;

use brief::config::Overrides;
use common::{SITE_TOML, TestSite, attrs, fm, texts};

const PUBLISHER: &str = "\n[publisher]\nlogo = \"/logo.png\"\nimage = \"https://cdn.example.org/share.png\"\ncorrections_policy = \"/corrections-policy/\"\n";

fn corrected_site() -> TestSite {
    let site = TestSite::with_config(&format!("{SITE_TOML}{PUBLISHER}"));
    site.briefing(
        "2025-08-08-force",
        &format!(
            "{}\nauthors: [Ana Ruiz, Bo Li]\ncorrections:\n  - date: 2025-08-10T09:00:00Z\n    text: \"The *second* figure was 40, not 14; see [the report](https://e.org/r).\"\n  - date: 2025-08-09\n    text: \"An earlier version named the wrong <b>ministry</b>.\"",
            fm("Force weighed", "2025-08-08T17:30:00-04:00", &["Mexico"])
        ),
        "Officials confirmed.\n",
    );
    site.briefing(
        "2025-08-01-calm",
        &fm("A calm week", "2025-08-01T08:00:00Z", &["Mexico"]),
        "Nothing happened.\n",
    );
    site
}

fn json_ld(doc: &scraper::Html) -> Vec<serde_json::Value> {
    texts(doc, "script[type=\"application/ld+json\"]")
        .iter()
        .map(|t| serde_json::from_str(t).unwrap())
        .collect()
}

#[test]
fn a_corrected_briefing_shows_the_newest_on_top_and_all_at_the_end() {
    let site = corrected_site();
    site.build_at_now().unwrap();
    let doc = site.html("briefings/force/index.html");
    let top = texts(&doc, "aside.correction p");
    assert_eq!(top.len(), 1);
    assert!(
        top[0].starts_with("Correction, 10 August 2025: The second figure was 40, not 14"),
        "{top:?}"
    );
    assert_eq!(
        attrs(&doc, "aside.correction a[href=\"#corrections\"]", "href").len(),
        1
    );
    // Oldest first at the end; raw HTML in a notice is shown, not obeyed.
    let all = texts(&doc, "section#corrections li");
    assert_eq!(all.len(), 2);
    assert_eq!(
        all[0],
        "9 August 2025: An earlier version named the wrong <b>ministry</b>."
    );
    assert!(all[1].starts_with("10 August 2025: The second figure"));
    assert_eq!(
        attrs(&doc, "section#corrections li a", "href"),
        ["https://e.org/r"]
    );
    // `updated` follows the newest correction.
    assert_eq!(
        attrs(&doc, "meta[property=\"article:modified_time\"]", "content"),
        ["2025-08-10T09:00:00+00:00"]
    );
    // An uncorrected briefing has neither.
    let calm = site.html("briefings/calm/index.html");
    assert!(texts(&calm, "aside.correction, section#corrections").is_empty());
}

#[test]
fn the_news_article_carries_corrections_authors_and_the_publisher() {
    let site = corrected_site();
    site.build_at_now().unwrap();
    let doc = site.html("briefings/force/index.html");
    let ld = json_ld(&doc);
    assert_eq!(ld.len(), 1);
    let a = &ld[0];
    assert_eq!(a["@type"], "NewsArticle");
    assert_eq!(a["headline"], "Force weighed");
    assert_eq!(a["datePublished"], "2025-08-08T17:30:00-04:00");
    assert_eq!(a["dateModified"], "2025-08-10T09:00:00+00:00");
    assert_eq!(a["isAccessibleForFree"], true);
    // No lead image and no share cards ([cards] is off): the site's
    // default image.
    assert_eq!(a["image"][0], "https://cdn.example.org/share.png");
    assert_eq!(
        a["mainEntityOfPage"]["@id"],
        "https://example.org/briefings/force/"
    );
    let authors = a["author"].as_array().unwrap();
    assert_eq!(authors.len(), 2);
    assert_eq!(authors[1]["name"], "Bo Li");
    assert_eq!(authors[1]["url"], "https://example.org/authors/bo-li/");
    let p = &a["publisher"];
    assert_eq!(p["@type"], "NewsMediaOrganization");
    assert_eq!(p["logo"]["url"], "https://example.org/logo.png");
    assert_eq!(
        p["correctionsPolicy"],
        "https://example.org/corrections-policy/"
    );
    let c = a["correction"].as_array().unwrap();
    assert_eq!(c.len(), 2);
    assert_eq!(c[0]["@type"], "CorrectionComment");
    assert_eq!(c[0]["datePublished"], "2025-08-09T00:00:00+00:00");
    assert_eq!(
        c[0]["text"],
        "An earlier version named the wrong <b>ministry</b>."
    );
    // Open Graph: one article:author per author page, the default image.
    assert_eq!(
        attrs(&doc, "meta[property=\"article:author\"]", "content"),
        [
            "https://example.org/authors/ana-ruiz/",
            "https://example.org/authors/bo-li/"
        ]
    );
    assert_eq!(
        attrs(&doc, "meta[property=\"og:image\"]", "content"),
        ["https://cdn.example.org/share.png"]
    );
}

#[test]
fn listings_are_collection_pages_and_the_front_page_names_the_website() {
    let site = corrected_site();
    site.build_at_now().unwrap();
    let front = json_ld(&site.html("index.html"));
    let items = front[0].as_array().unwrap();
    assert_eq!(items[0]["@type"], "WebSite");
    assert_eq!(items[0]["@context"], "https://schema.org");
    // Search engines may offer a search box that lands on the site's.
    assert_eq!(items[0]["potentialAction"]["@type"], "SearchAction");
    assert_eq!(
        items[0]["potentialAction"]["target"]["urlTemplate"],
        "https://example.org/search/?q={search_term_string}"
    );
    assert_eq!(
        items[0]["potentialAction"]["query-input"],
        "required name=search_term_string"
    );
    assert_eq!(items[1]["@type"], "CollectionPage");
    let list = items[1]["mainEntity"]["itemListElement"]
        .as_array()
        .unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["position"], 1);
    assert_eq!(list[0]["url"], "https://example.org/briefings/force/");
    let tag = json_ld(&site.html("tags/mexico/index.html"));
    let items = tag[0].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["@type"], "CollectionPage");
    assert_eq!(items[0]["name"], "Mexico");
    for page in [
        "archive/index.html",
        "tags/index.html",
        "authors/bo-li/index.html",
    ] {
        let ld = json_ld(&site.html(page));
        assert_eq!(ld[0][0]["@type"], "CollectionPage", "{page}");
    }
    // A briefing without a byline is by the site's author, else the
    // publisher: Google wants an author on every article.
    let calm = json_ld(&site.html("briefings/calm/index.html"));
    assert_eq!(calm[0]["author"][0]["@type"], "NewsMediaOrganization");
}

#[test]
fn feeds_carry_the_notice_and_the_new_date_under_the_same_id() {
    let site = corrected_site();
    site.build_at_now().unwrap();
    let atom: atom_syndication::Feed = site.read("atom.xml").parse().unwrap();
    let entry = &atom.entries()[0];
    assert_eq!(entry.title().as_str(), "Force weighed");
    assert_eq!(entry.updated().to_rfc3339(), "2025-08-10T09:00:00+00:00");
    let content = entry.content().unwrap().value().unwrap();
    assert!(
        content.starts_with("<p><strong>Correction, 10 August 2025:</strong> The <em>second</em>"),
        "{content}"
    );
    let id = entry.id().to_string();
    let json: serde_json::Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    let item = &json["items"][0];
    assert_eq!(item["date_modified"], "2025-08-10T09:00:00+00:00");
    assert!(
        item["content_html"]
            .as_str()
            .unwrap()
            .contains("Correction, 9 August 2025:")
    );
    let rss = rss::Channel::read_from(site.read("rss.xml").as_bytes()).unwrap();
    assert!(
        rss.items()[0]
            .content()
            .unwrap()
            .starts_with("<p><strong>Correction")
    );

    // Without the corrections the item keeps the same id.
    site.briefing(
        "2025-08-08-force",
        &fm("Force weighed", "2025-08-08T17:30:00-04:00", &["Mexico"]),
        "Officials confirmed.\n",
    );
    site.build_at_now().unwrap();
    let atom: atom_syndication::Feed = site.read("atom.xml").parse().unwrap();
    assert_eq!(atom.entries()[0].id(), id);
}

#[test]
fn a_correction_before_the_briefing_or_after_now_is_an_error_at_its_line() {
    let site = TestSite::new();
    site.briefing(
        "2025-08-08-early",
        &format!(
            "{}\ncorrections:\n  - date: 2025-08-01\n    text: Too early.",
            fm("Early", "2025-08-08T12:00:00Z", &["Mexico"])
        ),
        "Body.\n",
    );
    site.briefing(
        "2025-08-08-late",
        &format!(
            "{}\ncorrections:\n  - date: 2027-01-01\n    text: From the future.",
            fm("Late", "2025-08-08T12:00:00Z", &["Mexico"])
        ),
        "Body.\n",
    );
    site.briefing(
        "2025-08-08-blank",
        &format!(
            "{}\ncorrections:\n  - date: 2025-08-09\n    text: \"  \"",
            fm("Blank", "2025-08-08T12:00:00Z", &["Mexico"])
        ),
        "Body.\n",
    );
    let err = site.build_at_now().unwrap_err();
    let brief::BuildError::Content(diagnostics) = err else {
        panic!("{err:?}")
    };
    let found: Vec<(String, Option<usize>, &str)> = diagnostics
        .iter()
        .map(|d| {
            (
                d.path.file_name().unwrap().to_string_lossy().into_owned(),
                d.line,
                d.message.as_str(),
            )
        })
        .collect();
    assert!(
        found.iter().any(|(f, line, m)| f == "2025-08-08-early.md"
            && *line == Some(6)
            && m.contains("before the briefing itself")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|(f, line, m)| f == "2025-08-08-late.md"
            && *line == Some(6)
            && m.contains("after the build's now")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|(f, line, m)| f == "2025-08-08-blank.md"
            && *line == Some(7)
            && m.contains("`text` is empty")),
        "{found:?}"
    );
    // In a preview the future correction is a warning.
    std::fs::remove_file(site.root().join("content/briefings/2025-08-08-blank.md")).unwrap();
    site.briefing(
        "2025-08-08-early",
        &fm("Early", "2025-08-08T12:00:00Z", &["Mexico"]),
        "Body.\n",
    );
    site.briefing(
        "2025-08-08-late",
        &format!(
            "{}\ncorrections:\n  - date: 2027-01-01\n    text: From the future.",
            fm("Late", "2025-08-08T12:00:00Z", &["Mexico"])
        ),
        "Body.\n",
    );
    let report = site
        .build_with(Overrides {
            now: Some(common::now()),
            preview: true,
            ..Overrides::default()
        })
        .unwrap();
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.message.contains("after the build's now"))
    );
}

#[test]
fn a_publisher_url_that_is_not_one_is_a_config_error() {
    let site = TestSite::with_config(&format!(
        "{SITE_TOML}\n[publisher]\nlogo = \"my logo.png\"\n"
    ));
    site.briefing("2025-08-01-a", &fm("A", "2025-08-01", &[]), "Body.\n");
    let err = site.build().unwrap_err();
    let text = err.to_string();
    assert!(text.contains("publisher.logo"), "{text}");
}

#[test]
fn the_email_edition_shows_corrections_as_the_page_does() {
    let site = corrected_site();
    let out = site.run_at_now("email", &["force"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let doc = site.html("briefings/force/email.html");
    // The newest on top, before the body, marked; a link to them all.
    let blocks = texts(&doc, "td.content > *");
    let top = blocks
        .iter()
        .position(|t| t.starts_with("Correction, 10 August 2025: The second figure was 40, not 14"))
        .unwrap_or_else(|| panic!("no notice: {blocks:?}"));
    let body = blocks
        .iter()
        .position(|t| t == "Officials confirmed.")
        .unwrap();
    assert!(top < body, "{blocks:?}");
    assert_eq!(texts(&doc, ".correction").len(), 1);
    assert_eq!(
        attrs(&doc, ".correction a", "href"),
        [
            "https://e.org/r",
            "https://example.org/briefings/force/#corrections"
        ]
    );
    // All of them at the end, oldest first, raw HTML shown as text.
    assert_eq!(texts(&doc, "#corrections"), ["Corrections"]);
    let all = texts(&doc, "ul.corrections li");
    assert_eq!(all.len(), 2, "{all:?}");
    assert_eq!(
        all[0],
        "9 August 2025: An earlier version named the wrong <b>ministry</b>."
    );
    assert!(
        all[1].starts_with("10 August 2025: The second figure"),
        "{all:?}"
    );
    let list = blocks
        .iter()
        .position(|t| t.starts_with("9 August 2025"))
        .unwrap();
    assert!(body < list, "{blocks:?}");

    // The plain text says the same, in the same places.
    let text = site.read("briefings/force/email.txt");
    let line = |needle: &str| {
        text.lines()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no {needle:?} in:\n{text}"))
    };
    let top = line("Correction, 10 August 2025:");
    assert!(
        text.lines()
            .nth(top)
            .unwrap()
            .contains("The *second* figure"),
        "{text}"
    );
    let body = line("Officials confirmed.");
    let heading = line("## Corrections");
    let oldest = line("9 August 2025: An earlier version named the wrong <b>ministry</b>.");
    let newest = line("10 August 2025: The *second* figure");
    assert!(
        top < body && body < heading && heading < oldest && oldest < newest,
        "{text}"
    );
    assert!(text.contains("[the report][1]"), "{text}");
}

#[test]
fn an_updated_date_after_now_is_refused_at_its_line() {
    // `updated: 2027-01-01` (a slip for 2026) on a briefing out since
    // 2025 was published: every feed's lastBuildDate and <updated> took
    // the future date, so readers sorted the briefing first until then
    // and the page said "Updated 1 January 2027". A correction dated so
    // was refused; `updated` now is too (a warning in a preview). A
    // scheduled briefing's is checked against its date, so that the build
    // at its minute cannot fail.
    let site = TestSite::new();
    site.briefing(
        "2025-08-08-late",
        &format!(
            "{}\nupdated: 2027-01-01",
            fm("Late", "2025-08-08T12:00:00Z", &["Mexico"])
        ),
        "Body.\n",
    );
    site.briefing(
        "2027-02-01-ahead",
        &format!(
            "{}\nupdated: 2027-02-01",
            fm("Ahead", "2027-02-01T12:00:00Z", &["Mexico"])
        ),
        "Body.\n",
    );
    site.briefing(
        "2027-02-01-beyond",
        &format!(
            "{}\nupdated: 2027-02-02",
            fm("Beyond", "2027-02-01T12:00:00Z", &["Mexico"])
        ),
        "Body.\n",
    );
    let err = site.build_at_now().unwrap_err();
    let brief::BuildError::Content(diagnostics) = err else {
        panic!("{err:?}")
    };
    let found: Vec<(String, Option<usize>, &str)> = diagnostics
        .iter()
        .map(|d| {
            (
                d.path.file_name().unwrap().to_string_lossy().into_owned(),
                d.line,
                d.message.as_str(),
            )
        })
        .collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].0, "2025-08-08-late.md");
    assert_eq!(found[0].1, Some(5));
    assert!(found[0].2.contains("after the build's now"), "{found:?}");
    assert_eq!(found[1].0, "2027-02-01-beyond.md");
    assert_eq!(found[1].1, Some(5));
    assert!(found[1].2.contains("scheduled date"), "{found:?}");
    let report = site
        .build_with(Overrides {
            now: Some(common::now()),
            preview: true,
            ..Overrides::default()
        })
        .unwrap();
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.message.contains("after the build's now")),
        "{:?}",
        report.warnings
    );
}
