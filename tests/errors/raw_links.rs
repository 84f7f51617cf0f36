//! Addresses in raw HTML: published as written, so a reader's browser
//! reads them against the briefing's page, not its Markdown file. A file
//! they name that the site does not publish is refused at its line and
//! column, as a Markdown image is; a page or heading that does not exist
//! is a warning, as for a Markdown link.

use crate::common::{self, TestSite, fm};

#[test]
fn raw_html_images_the_site_does_not_publish_are_refused_where_written() {
    let (site, before) = crate::built_site();
    site.write("content/briefings/map.png", b"png");
    site.briefing(
        "figure",
        &fm("Figure", "2025-01-05", &["X"]),
        "Intro.\n\n<figure>\n<img src=\"map.png\" alt=\"A map\">\n</figure>\n\n\
         <img src=\"../map.png\" alt=\"ok\" srcset=\"../map.png 1x, ../map@2x.png 2x\">\n\n\
         <video controls poster=\"still.jpg\"></video>\n",
    );
    let ds = crate::content_errors(site.build().unwrap_err());
    let errors: Vec<_> = ds.iter().filter(|d| d.is_error()).collect();
    let at = |needle: &str| {
        let d = errors
            .iter()
            .find(|d| d.message.contains(needle))
            .unwrap_or_else(|| panic!("no {needle:?} in {ds:?}"));
        assert!(d.path.ends_with("figure.md"), "{d}");
        (d.line, d.column)
    };
    // The front matter takes 5 lines, so the body starts on line 6.
    // `map.png` sits beside the Markdown file, published at
    // /briefings/map.png; the page is /briefings/figure/.
    assert_eq!(at("`map.png`"), (Some(9), Some(11)));
    assert_eq!(at("`../map@2x.png`"), (Some(12), Some(55)));
    assert_eq!(at("`still.jpg`"), (Some(14), Some(25)));
    assert_eq!(errors.len(), 3, "{ds:?}");
    let first = errors
        .iter()
        .find(|d| d.message.contains("`map.png`"))
        .unwrap();
    assert!(
        first.message.contains("/briefings/figure/map.png"),
        "{first}"
    );
    assert!(
        first
            .hint
            .as_deref()
            .unwrap_or("")
            .contains("relative to the briefing's page"),
        "{first}"
    );
    assert_eq!(before, common::snapshot(&site.public()));
}

#[test]
fn raw_html_links_to_missing_pages_and_headings_are_warnings() {
    let site = TestSite::new();
    site.briefing(
        "other",
        &fm("Other", "2025-01-04", &["X"]),
        "## Notes\n\nText.\n",
    );
    site.briefing(
        "links",
        &fm("Links", "2025-01-05", &["X"]),
        "<p><a href=\"../other/#notes\">fine</a> <a href=\"../nowhere/\">gone</a>\n\
         <a href=\"#missing\">here</a> <a href=\"https://example.com/\">out</a></p>\n\n\
         <a href=\"other.md\">as a file</a>\n",
    );
    let report = site.build().unwrap();
    let warnings: Vec<String> = report.warnings.iter().map(|d| d.to_string()).collect();
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    // Only a Markdown link to a .md file becomes the briefing's address.
    let md = report
        .warnings
        .iter()
        .find(|d| d.message.contains("`other.md`"))
        .unwrap_or_else(|| panic!("{warnings:?}"));
    assert_eq!(md.line, Some(9), "{md}");
    assert!(
        md.hint
            .as_deref()
            .unwrap_or("")
            .contains("[text](other.md)"),
        "{md}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("`../nowhere/`") && w.contains(":6:"))
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("`#missing`") && w.contains(":7:"))
    );
}

#[test]
fn raw_html_that_points_at_published_files_builds_as_written() {
    // A bundle's files sit beside its page, so its raw HTML may name them
    // as the Markdown does.
    let site = TestSite::new();
    site.write("static/files/report.pdf", b"%PDF");
    site.write("content/briefings/chart/chart.png", b"png");
    site.write(
        "content/briefings/chart/index.md",
        format!(
            "---\n{}\n---\n<figure>\n<img src=\"chart.png\" alt=\"A chart\" srcset=\"chart.png 1x\">\n\
             <figcaption><a href=\"/files/report.pdf\">Report</a></figcaption>\n</figure>\n",
            fm("Chart", "2025-01-05", &["X"])
        ),
    );
    let report = site.build().unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let doc = site.html("briefings/chart/index.html");
    assert_eq!(
        common::attrs(&doc, ".body figure img", "src"),
        ["chart.png"]
    );
    assert!(site.public().join("briefings/chart/chart.png").is_file());
}
