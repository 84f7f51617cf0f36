//! Tests of reading site.toml.

use super::*;

/// Checks `text` as the `site.toml` of a site at `/site`.
pub(super) fn parse(text: &str) -> Result<Config, BuildError> {
    Config::parse(Path::new("/site"), text, &Overrides::default())
}

#[test]
fn base_url_gains_a_trailing_slash_and_keeps_its_path() {
    let c = parse("title = \"T\"\nbase_url = \"https://example.org/briefing\"\n").unwrap();
    assert_eq!(c.base_url.as_str(), "https://example.org/briefing/");
    assert_eq!(
        c.url("briefings/a/"),
        "https://example.org/briefing/briefings/a/"
    );
    assert_eq!(c.path("tags/"), "/briefing/tags/");
    assert_eq!(c.per_page, 10);
    assert_eq!(c.timezone, chrono_tz::UTC);
}

#[test]
fn relative_base_url_is_an_error_at_its_line() {
    let err = parse("title = \"T\"\nbase_url = \"/blog/\"\n").unwrap_err();
    let BuildError::Config(d) = err else { panic!() };
    assert_eq!((d.line, d.column), (Some(2), Some(12)));
    assert!(d.message.contains("not an absolute URL"), "{}", d.message);
}

#[test]
fn wrong_type_reports_line_and_column() {
    let err = parse("title = \"T\"\nbase_url = \"https://e.org/\"\n[build]\nper_page = \"ten\"\n")
        .unwrap_err();
    let BuildError::Config(d) = err else { panic!() };
    assert_eq!(d.line, Some(4));
    assert_eq!(err_code(&d), 2);
}

fn err_code(_d: &Diagnostic) -> i32 {
    BuildError::Config(Box::new(_d.clone())).exit_code()
}

#[test]
fn feed_formats_and_email_switches() {
    let c = parse("title = \"T\"\nbase_url = \"https://e.org/\"\n").unwrap();
    assert_eq!(
        c.feed_formats,
        [FeedFormat::Rss, FeedFormat::Atom, FeedFormat::Json]
    );
    assert!(c.email);
    let c = parse("title = \"T\"\nbase_url = \"https://e.org/\"\n[feed]\nformats = [\"json\", \"rss\", \"json\"]\n[email]\nenabled = false\n").unwrap();
    assert_eq!(c.feed_formats, [FeedFormat::Rss, FeedFormat::Json]);
    assert!(!c.email);
    let err = parse("title = \"T\"\nbase_url = \"https://e.org/\"\n[feed]\nformats = [\"rdf\"]\n")
        .unwrap_err();
    let BuildError::Config(d) = err else { panic!() };
    assert_eq!(d.line, Some(4));
}

#[test]
fn feed_archives_follow_the_limit_unless_sized() {
    let toml =
        |feed: &str| format!("title = \"T\"\nbase_url = \"https://e.org/\"\n[feed]\n{feed}\n");
    let size = |feed: &str| parse(&toml(feed)).unwrap().feed_archive_size;
    // Off unless asked for.
    assert_eq!(size(""), 0);
    assert_eq!(size("archive = true"), 20);
    assert_eq!(size("archive = true\nlimit = 10"), 10);
    assert_eq!(size("archive = true\nlimit = 10\narchive_size = 50"), 50);
    assert_eq!(size("archive = false\narchive_size = 50"), 0);
    // Every briefing is in the feed itself: nothing to archive.
    assert_eq!(size("archive = true\nlimit = 0\narchive_size = 50"), 0);
    let err = parse(&toml("archive = true\nlimit = 10\narchive_size = 0")).unwrap_err();
    let BuildError::Config(d) = err else { panic!() };
    assert_eq!(d.line, Some(6));
    assert!(d.message.contains("archive_size"), "{}", d.message);
}

#[test]
fn missing_base_url_is_reported() {
    let err = parse("title = \"T\"\n").unwrap_err();
    assert!(err.to_string().contains("base_url"), "{err}");
}

#[test]
fn unknown_timezone_is_reported() {
    let err = parse("title = \"T\"\nbase_url = \"https://e.org/\"\ntimezone = \"Mars/Olympus\"\n")
        .unwrap_err();
    assert!(err.to_string().contains("Mars/Olympus"), "{err}");
}

#[test]
fn a_publisher_url_naming_another_host_without_a_scheme_is_an_error() {
    let base = "title = \"T\"\nbase_url = \"https://example.org/b/\"\n[publisher]\n";
    let e = parse(&format!("{base}logo = \"//evil.example/x.png\"\n")).unwrap_err();
    assert!(e.to_string().contains("publisher.logo"), "{e}");
    let c = parse(&format!("{base}logo = \"/logo.png\"\n")).unwrap();
    assert_eq!(
        c.publisher.logo.as_deref(),
        Some("https://example.org/b/logo.png")
    );
}

#[test]
fn a_time_zone_in_the_wrong_case_is_refused_with_its_right_spelling() {
    let base = "title = \"T\"\nbase_url = \"https://example.org/\"\n";
    let e = parse(&format!("{base}timezone = \"europe/london\"\n")).unwrap_err();
    let BuildError::Config(d) = e else {
        panic!("{e}")
    };
    assert_eq!(d.line, Some(3), "{d}");
    assert!(
        d.hint
            .as_deref()
            .unwrap_or("")
            .contains("\"Europe/London\""),
        "{d}"
    );
}

#[test]
fn the_language_is_published_in_the_conventional_case() {
    let c = parse("title = \"T\"\nbase_url = \"https://e.org/\"\nlanguage = \"EN-gb\"\n").unwrap();
    assert_eq!(c.language, "en-GB");
    assert_eq!(c.news_sitemap.unwrap().language, "en");
}
