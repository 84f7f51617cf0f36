//! Hostile and broken input: every error reported at once, with file, line
//! and column; nothing panics; the previous output is never damaged.

mod clash_positions;
#[path = "../common/mod.rs"]
mod common;
mod config;
mod file_names;
mod front_matter;
mod hostile;
mod hostile_markup;
mod hostile_names;
mod raw_links;

use brief::BuildError;
use brief::error::Diagnostic;
use common::{TestSite, fm, snapshot};

/// A site with one good briefing, built once so there is output to protect.
fn built_site() -> (TestSite, Vec<(std::path::PathBuf, Vec<u8>)>) {
    let site = TestSite::new();
    site.briefing("good", &fm("Good", "2025-01-01", &["Tag"]), "Fine.\n");
    site.build().unwrap();
    let before = snapshot(&site.public());
    (site, before)
}

fn content_errors(err: BuildError) -> Vec<Diagnostic> {
    match err {
        BuildError::Content(d) => d,
        other => panic!("expected content errors, got: {other}"),
    }
}

/// (path, line, column, message) of each diagnostic.
fn summary(ds: &[Diagnostic]) -> Vec<(String, Option<usize>, Option<usize>, String)> {
    ds.iter()
        .map(|d| {
            (
                d.path.to_string_lossy().into_owned(),
                d.line,
                d.column,
                d.message.clone(),
            )
        })
        .collect()
}

fn find<'a>(ds: &'a [Diagnostic], path: &str) -> &'a Diagnostic {
    ds.iter()
        .find(|d| d.path.to_string_lossy() == path)
        .unwrap_or_else(|| panic!("no diagnostic for {path}: {ds:#?}"))
}

#[test]
fn every_content_error_is_reported_in_one_build() {
    let (site, before) = built_site();
    let cases: &[(&str, &str)] = &[
        ("no-fm", "# Just a heading\n"),
        ("unclosed", "---\ntitle: x\ndate: 2025-01-01\n\nBody\n"),
        ("bad-yaml", "---\ntitle: [unclosed\ndate: 2025-01-01\n---\n"),
        (
            "tags-int",
            "---\ntitle: x\ndate: 2025-01-01\ntags: 5\n---\n",
        ),
        ("date-word", "---\ntitle: x\ndate: yesterday\n---\n"),
        ("no-title", "---\ndate: 2025-01-01\n---\n"),
        ("no-date", "---\ntitle: x\n---\n"),
        ("feb-30", "---\ntitle: x\ndate: 2025-02-30\n---\n"),
        ("empty-title", "---\ntitle: \"  \"\ndate: 2025-01-01\n---\n"),
        (
            "slug-dots",
            "---\ntitle: x\ndate: 2025-01-01\nslug: ../../etc\n---\n",
        ),
        (
            "slug-upper",
            "---\ntitle: x\ndate: 2025-01-01\nslug: Hello World\n---\n",
        ),
    ];
    for (name, text) in cases {
        site.write(&format!("content/briefings/{name}.md"), text);
    }
    let ds = content_errors(site.build().unwrap_err());
    let at = |name: &str| find(&ds, &format!("content/briefings/{name}.md"));

    let d = at("no-fm");
    assert_eq!((d.line, d.column), (Some(1), Some(1)));
    assert_eq!(
        d.message,
        "no front matter: a briefing must start with a line `---`"
    );
    assert_eq!(at("unclosed").message, "the front matter is never closed");
    // The YAML parser notices the unclosed list where the next key starts.
    let d = at("bad-yaml");
    assert_eq!((d.line, d.column), (Some(3), Some(5)));
    assert!(
        d.message.starts_with("invalid front matter:"),
        "{}",
        d.message
    );
    let d = at("tags-int");
    assert_eq!((d.line, d.column), (Some(4), Some(7)));
    assert_eq!(d.message, "`tags` must be a list, even of one");
    assert_eq!(d.hint.as_deref(), Some("write `tags: [5]`"));
    let d = at("date-word");
    assert_eq!((d.line, d.column), (Some(3), Some(7)));
    assert_eq!(d.message, "`date`: \"yesterday\" is not a date");
    assert_eq!(at("no-title").message, "missing `title`");
    assert_eq!(at("no-date").message, "missing `date`");
    let d = at("feb-30");
    assert_eq!((d.line, d.column), (Some(3), Some(7)));
    assert_eq!(d.message, "`date`: \"2025-02-30\" is not a real date");
    let d = at("empty-title");
    assert_eq!((d.line, d.column), (Some(2), Some(8)));
    assert_eq!(d.message, "`title` is empty");
    let d = at("slug-dots");
    assert_eq!((d.line, d.column), (Some(4), Some(7)));
    assert_eq!(
        d.message,
        "`slug` \"../../etc\" may only hold a-z, 0-9 and `-`"
    );
    assert_eq!(
        at("slug-upper").hint.as_deref(),
        Some("use lowercase letters a-z, digits and hyphens, e.g. `slug: hello-world`")
    );
    assert_eq!(
        ds.iter().filter(|d| d.is_error()).count(),
        cases.len(),
        "{:#?}",
        summary(&ds)
    );

    // The snippet quotes the offending line.
    assert_eq!(at("tags-int").snippet.as_deref(), Some("tags: 5"));
    // Nothing was written.
    assert_eq!(before, snapshot(&site.public()));
}

#[test]
fn a_near_miss_key_is_an_error_and_other_unknown_keys_are_warnings() {
    let site = TestSite::new();
    // `drafts:` is one edit from `draft:`: taking it as unknown would
    // publish a draft, so the build stops.
    site.briefing(
        "typo",
        "title: x\ndate: 2025-01-01\ndrafts: true\ntag: [a]",
        "Body.\n",
    );
    let Err(BuildError::Content(ds)) = site.build() else {
        panic!("a near-miss key must fail the build")
    };
    let errors: Vec<_> = ds.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 2, "{ds:?}");
    assert_eq!(
        (errors[0].line, errors[0].message.as_str()),
        (Some(4), "unknown front matter key `drafts`")
    );
    assert!(
        errors[0]
            .hint
            .as_deref()
            .unwrap()
            .starts_with("did you mean `draft`?"),
        "{:?}",
        errors[0].hint
    );
    assert_eq!(errors[1].line, Some(5));
    assert!(!site.public().exists(), "nothing was published");

    // A key of the editor's own is a warning pointing to `extra:`.
    site.briefing("typo", "title: x\ndate: 2025-01-01\ncolour: red", "Body.\n");
    let report = site.build().unwrap();
    let w = summary(&report.warnings);
    assert_eq!(
        w,
        [(
            "content/briefings/typo.md".into(),
            Some(4),
            Some(1),
            "unknown front matter key `colour`, ignored".into()
        )]
    );
    assert!(
        report.warnings[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("extra:"),
        "{:?}",
        report.warnings[0].hint
    );
}

#[test]
fn clashing_slugs_and_tags_name_both_files() {
    let (site, before) = built_site();
    site.briefing(
        "2025-01-02-same",
        &fm("One", "2025-01-02", &["Côte"]),
        "x\n",
    );
    site.briefing(
        "2025-01-03-same",
        &fm("Two", "2025-01-03", &["Cote"]),
        "x\n",
    );
    let ds = content_errors(site.build().unwrap_err());
    let text: Vec<String> = ds.iter().map(|d| d.to_string()).collect();
    let text = text.join("\n");
    assert!(text.contains("content/briefings/2025-01-02-same.md: the URL /briefings/same/ is also used by content/briefings/2025-01-03-same.md"), "{text}");
    assert!(text.contains("content/briefings/2025-01-02-same.md:4:8: tag \"Côte\" and tag \"Cote\" (in content/briefings/2025-01-03-same.md:4:8) would share the URL /tags/cote/"), "{text}");
    assert_eq!(before, snapshot(&site.public()));
}

#[test]
fn content_files_may_not_overwrite_generated_pages() {
    let (site, before) = built_site();
    site.write("content/tags/index.html", "<p>mine</p>");
    site.write("content/archive/index.html", "<p>mine</p>");
    let ds = content_errors(site.build().unwrap_err());
    assert_eq!(ds.len(), 2, "{ds:#?}");
    assert_eq!(
        find(&ds, "content/tags/index.html").message,
        "would be published at /tags/index.html, where brief writes a generated page"
    );
    assert_eq!(before, snapshot(&site.public()));
}

#[test]
fn template_errors_name_the_file_and_line_and_never_fall_back() {
    let cases: &[(&str, &str, usize, &str)] = &[
        (
            "tags.html",
            "{% extends \"base.html\" %}\n{% block content %}\n{% if %}\n{% endblock content %}\n",
            3,
            "template syntax error",
        ),
        (
            "tags.html",
            "{% extends \"base.html\" %}\n{% block content %}\n{{ nonsense.deep }}\n{% endblock content %}\n",
            3,
            "template error: Variable `nonsense` is not defined",
        ),
        (
            "archive.html",
            "{% extends \"base.html\" %}\n{% block content %}\n\n{{ site.title | shout_loudly }}\n{% endblock content %}\n",
            4,
            "there is no filter named `shout_loudly`",
        ),
        (
            "404.html",
            "\n\n{% extends \"missing.html\" %}\n",
            3,
            "extends \"missing.html\", which does not exist",
        ),
        // Rendered once a briefing for the listings, outside any page.
        (
            "partials/card.html",
            "<article>\n{{ b.nonsense.deep }}\n</article>\n",
            2,
            "template error",
        ),
        // Printed by the built-in base.html as `chrome.header` and
        // `chrome.footer`, rendered apart from the page.
        (
            "partials/header.html",
            "<header>\n\n{{ page.nonsense.deep }}\n</header>\n",
            3,
            "template error",
        ),
        (
            "partials/footer.html",
            "<footer>\n{% if %}\n</footer>\n",
            2,
            "",
        ),
    ];
    for (name, text, line, message) in cases {
        let (site, before) = built_site();
        site.write(&format!("templates/{name}"), text);
        let err = site.build().unwrap_err();
        assert_eq!(err.exit_code(), 1);
        let ds = content_errors(err);
        let d = &ds[0];
        assert_eq!(d.path.to_string_lossy(), format!("templates/{name}"), "{d}");
        assert_eq!(d.line, Some(*line), "{d}");
        assert!(d.message.contains(message), "{d}");
        assert_eq!(before, snapshot(&site.public()));
    }
}

/// The built-in listings print each card's `html`, the partial rendered
/// on its own: a partial reading the page around it fails there, and
/// the error says why, before the page's.
#[test]
fn a_card_partial_that_reads_its_page_is_told_how_a_cards_html_is_made() {
    let (site, before) = built_site();
    site.write(
        "templates/partials/card.html",
        "<article>\n{{ page.kind }}: {{ b.title }}\n</article>\n",
    );
    let ds = content_errors(site.build().unwrap_err());
    assert_eq!(ds[0].path.to_string_lossy(), "templates/partials/card.html");
    assert_eq!(ds[0].line, Some(2), "{}", ds[0]);
    let hint = ds[0].hint.as_deref().unwrap_or_default();
    assert!(hint.contains("rendered on its own"), "{}", ds[0]);
    assert!(ds.len() >= 2, "{ds:?}");
    assert_eq!(before, snapshot(&site.public()));
}

#[test]
fn a_missing_included_template_is_reported() {
    let (site, _) = built_site();
    site.write("templates/tag.html", "{% extends \"base.html\" %}\n{% block content %}\n{% include \"partials/nope.html\" %}\n{% endblock content %}\n");
    let ds = content_errors(site.build().unwrap_err());
    assert_eq!(ds[0].path.to_string_lossy(), "templates/tag.html");
    assert!(ds[0].message.contains("partials/nope.html"), "{}", ds[0]);
}

#[test]
fn site_toml_errors_are_configuration_errors_with_positions() {
    let cases: &[(&str, usize, &str)] = &[
        (
            "title = \"T\"\nbase_url = \"https://e.org/\"\n[build\n",
            3,
            "",
        ),
        (
            "title = \"T\"\nbase_url = \"https://e.org/\"\n[build]\nper_page = \"ten\"\n",
            4,
            "",
        ),
        ("title = \"T\"\n", 1, "base_url"),
        (
            "title = \"T\"\nbase_url = \"example.org\"\n",
            2,
            "not an absolute URL",
        ),
        (
            "title = \"T\"\nbase_url = \"javascript:alert(1)//\"\n",
            2,
            "http",
        ),
        // `<html lang="en_US">` fails the HTML checker.
        (
            "title = \"T\"\nbase_url = \"https://e.org/\"\nlanguage = \"en_US\"\n",
            3,
            "language \"en_US\" is not a BCP 47 language tag",
        ),
        (
            "title = \"T\"\nbase_url = \"https://e.org/\"\nlanguage = \"en \"\n",
            3,
            "not a BCP 47",
        ),
        (
            "title = \"T\"\nbase_url = \"https://e.org/\"\nlanguage = \"english!\"\n",
            3,
            "not a BCP 47",
        ),
    ];
    for (toml, line, message) in cases {
        let site = TestSite::with_config(toml);
        let err = site.build().unwrap_err();
        assert_eq!(err.exit_code(), 2, "{toml}");
        let BuildError::Config(d) = &err else {
            panic!("{err}")
        };
        assert_eq!(d.path.to_string_lossy(), "site.toml");
        assert_eq!(d.line, Some(*line), "{toml}: {d}");
        assert!(d.message.contains(message), "{d}");
    }
    let site = TestSite::with_config(
        "title = \"T\"\nbase_url = \"https://e.org/\"\nlanguage = \"en_US\"\n",
    );
    let err = site.build().unwrap_err().to_string();
    assert!(err.contains("write it as \"en-US\""), "{err}");
    // Any case, and extensions, as BCP 47 allows.
    for tag in ["en-us", "zh-Hant-TW", "de-DE-u-co-phonebk"] {
        let site = TestSite::with_config(&format!(
            "title = \"T\"\nbase_url = \"https://e.org/\"\nlanguage = \"{tag}\"\n[sitemap]\nnews = false\n"
        ));
        site.build().unwrap_or_else(|e| panic!("{tag}: {e}"));
    }
}

#[test]
fn dangerous_output_folders_are_refused_and_nothing_is_deleted() {
    let (site, _) = built_site();
    for out in [
        ".",
        "content",
        "content/x",
        "..",
        ".brief-cache",
        ".git",
        "templates/out",
        "site.toml",
    ] {
        let o = site.run(&["build", "--output", out, "--force"]);
        assert_eq!(o.status.code(), Some(2), "{out}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("refusing to use"), "{err}");
    }
    assert!(site.root().join("content/briefings/good.md").is_file());
    assert!(site.root().join("site.toml").is_file());
    // The cache holds the built site's records: it survived.
    assert!(site.root().join(".brief-cache").is_dir());

    // Outside the root only when named explicitly with --output.
    let elsewhere = tempfile::tempdir().unwrap();
    site.write(
        "site.toml",
        format!(
            "{}\n",
            common::SITE_TOML.replace(
                "per_page = 10",
                &format!(
                    "per_page = 10\noutput_dir = {:?}",
                    elsewhere.path().join("out").to_string_lossy()
                )
            )
        ),
    );
    let ds = site.build().unwrap_err();
    assert_eq!(ds.exit_code(), 2);
    assert!(ds.to_string().contains("outside the site root"), "{ds}");
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_site_and_loops_are_reported_not_followed() {
    let (site, before) = built_site();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.md"),
        "---\ntitle: s\ndate: 2025-01-01\n---\nsecret\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.md"),
        site.root().join("content/briefings/secret.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        site.root().join("content"),
        site.root().join("content/briefings/loop"),
    )
    .unwrap();
    let err = site.build().unwrap_err();
    let ds = content_errors(err);
    let d = find(&ds, "content/briefings/secret.md");
    assert!(
        d.message.starts_with("symlink points outside the site"),
        "{d}"
    );
    let w = find(&ds, "content/briefings/loop");
    assert!(!w.is_error() && w.message.contains("not followed"));
    assert_eq!(before, snapshot(&site.public()));

    // Inside the site, a link from static/ into content/, or to a
    // Markdown file under another name, published the briefing's source
    // (a draft's text included) as it is.
    std::fs::remove_file(site.root().join("content/briefings/secret.md")).unwrap();
    std::fs::remove_file(site.root().join("content/briefings/loop")).unwrap();
    site.write("static/logo.png", "png");
    let link = |target: &str, at: &str| {
        std::os::unix::fs::symlink(site.root().join(target), site.root().join(at)).unwrap()
    };
    link("content/briefings/good.md", "static/leak.txt");
    link("content/briefings/good.md", "content/briefings/leak.txt");
    link("static/logo.png", "static/logo-copy.png");
    let ds = content_errors(site.build().unwrap_err());
    assert_eq!(ds.len(), 2, "{ds:?}");
    for at in ["static/leak.txt", "content/briefings/leak.txt"] {
        let d = find(&ds, at);
        assert!(
            d.message
                == "symlink points at content/briefings/good.md, which would be published as it is",
            "{d}"
        );
    }
    std::fs::remove_file(site.root().join("static/leak.txt")).unwrap();
    std::fs::remove_file(site.root().join("content/briefings/leak.txt")).unwrap();
    site.build().unwrap();
    assert!(site.public().join("logo-copy.png").is_file());

    // A Markdown link to a briefing published it twice: at two URLs, and
    // as two items in every feed.
    link("content/briefings/good.md", "content/briefings/latest.md");
    let ds = content_errors(site.build().unwrap_err());
    assert_eq!(ds.len(), 1, "{ds:?}");
    let d = find(&ds, "content/briefings/latest.md");
    assert!(
        d.message.starts_with(
            "symlink to the briefing content/briefings/good.md, which would be published twice"
        ),
        "{d}"
    );
}

#[test]
fn odd_bytes_end_in_clear_errors_or_correct_pages() {
    let (site, before) = built_site();
    site.write(
        "content/briefings/latin1.md",
        b"---\ntitle: caf\xe9\ndate: 2025-01-01\n---\n".as_slice(),
    );
    site.write(
        "content/briefings/nul.md",
        b"---\ntitle: a\0b\ndate: 2025-01-01\n---\n".as_slice(),
    );
    site.write(
        "content/briefings/huge.md",
        format!(
            "---\ntitle: h\ndate: 2025-01-01\n---\n{}",
            "word ".repeat(2_000_000)
        ),
    );
    let tags: Vec<String> = (0..10_000).map(|i| format!("t{i}")).collect();
    site.write(
        "content/briefings/tags.md",
        format!(
            "---\ntitle: t\ndate: 2025-01-01\ntags: [{}]\n---\n",
            tags.join(", ")
        ),
    );
    site.briefing(
        "deeper",
        &fm("Deeper", "2025-01-04", &[]),
        &format!("Intro.\n\n{} deep\n", ">".repeat(10_000)),
    );
    site.briefing(
        "deep-list",
        &fm("Deep list", "2025-01-04", &[]),
        &("- ".repeat(10_000) + "x\n"),
    );
    let bomb = "---\ntitle: x\ndate: 2025-01-01\nextra:\n  a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n  e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n  f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n  g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n  h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n  i: [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n---\n";
    site.write("content/briefings/bomb.md", bomb);
    let started = std::time::Instant::now();
    let ds = content_errors(site.build().unwrap_err());
    assert!(
        started.elapsed().as_secs() < 20,
        "took {:?}",
        started.elapsed()
    );

    let d = find(&ds, "content/briefings/latin1.md");
    assert_eq!(
        d.message,
        "the file is not valid UTF-8 (bad byte at offset 14)"
    );
    assert_eq!((d.line, d.column), (Some(2), Some(11)));
    let d = find(&ds, "content/briefings/nul.md");
    assert_eq!(d.message, "the file contains a NUL byte");
    assert_eq!((d.line, d.column), (Some(2), Some(9)));
    assert_eq!(
        find(&ds, "content/briefings/huge.md").message,
        "the file is 9 MB; briefings are limited to 8 MB"
    );
    assert_eq!(
        find(&ds, "content/briefings/tags.md").message,
        "10000 tags; a briefing may have at most 100"
    );
    let d = find(&ds, "content/briefings/deeper.md");
    assert_eq!(d.message, "the Markdown nests more than 256 levels deep");
    assert_eq!((d.line, d.column), (Some(8), Some(257)));
    assert!(ds.iter().any(|d| d.path.ends_with("deep-list.md")));
    let d = find(&ds, "content/briefings/bomb.md");
    assert!(d.message.contains("budget"), "{d}");
    assert_eq!(before, snapshot(&site.public()));
}

#[test]
fn bom_crlf_lone_cr_and_deep_nesting_build() {
    // (An empty body is held back: hostile::a_briefing_with_no_text_is_held_back_like_a_placeholder.)
    let site = TestSite::new();
    site.write(
        "content/briefings/bom.md",
        b"\xEF\xBB\xBF---\r\ntitle: BOM\r\ndate: 2025-01-01\r\n---\r\nBody **bold**\r\n".as_slice(),
    );
    site.write(
        "content/briefings/cr.md",
        "---\rtitle: CR\rdate: 2025-01-02\r---\rOld Mac\r\rSecond\r",
    );
    site.briefing(
        "deep",
        &fm("Deep", "2025-01-04", &[]),
        &format!("{} deep\n", ">".repeat(200)),
    );
    let report = site.build().unwrap();
    assert_eq!(report.briefings, 3);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let doc = site.html("briefings/bom/index.html");
    assert_eq!(common::texts(&doc, "h1"), ["BOM"]);
    assert_eq!(common::texts(&doc, ".body strong"), ["bold"]);
    assert_eq!(
        common::texts(&site.html("briefings/cr/index.html"), ".body p"),
        ["Old Mac", "Second"]
    );
    assert!(site.read("briefings/deep/index.html").contains("deep"));
}

#[test]
fn javascript_urls_in_sources_and_images_are_rejected() {
    let site = TestSite::new();
    site.briefing(
        "js",
        "title: x\ndate: 2025-01-01\nsources:\n  - { title: \"Evil\", url: \"javascript:alert(1)\" }\nimage: { src: \"JaVaScRiPt:alert(1)\", alt: \"a\" }",
        "Body.\n",
    );
    let ds = content_errors(site.build().unwrap_err());
    let s = summary(&ds);
    assert_eq!(s.len(), 2, "{s:?}");
    assert_eq!(s[0].1, Some(5));
    assert_eq!(s[0].3, "the URL scheme `javascript:` is not allowed");
    assert_eq!(s[1].1, Some(6));
}

#[test]
fn markup_in_every_field_is_escaped_everywhere() {
    let site = TestSite::new();
    // Controls and non-characters (U+FDD0, the last two of a plane) are
    // forbidden in HTML and XML text, escaped or not.
    let nasty =
        "<script>alert(\"x\")</script> & 'q' ]]> \u{7} \u{FDD0}\u{1FFFE}\u{10FFFF} \u{202E}שלום";
    // The override left open is closed at the field's end.
    let expected = "<script>alert(\"x\")</script> & 'q' ]]> \u{FFFD} \u{FFFD}\u{FFFD}\u{FFFD} \u{202E}שלום\u{202C}";
    let yaml = |s: &str| serde_json::to_string(s).unwrap();
    site.briefing(
        "nasty",
        &format!(
            "title: {t}\ndate: 2025-01-01\nsummary: {t}\ntags: [{t}, \"<b>Bold</b>\"]\nauthors: [{t}]\nsources:\n  - {{ title: {t}, url: \"https://e.org/?q=\\\"x\\\"&a=<b>\" }}",
            t = yaml(nasty)
        ),
        "Body with <em>raw HTML</em> kept.\n",
    );
    site.build().unwrap();

    let doc = site.html("briefings/nasty/index.html");
    assert_eq!(common::texts(&doc, "h1"), [expected]);
    assert_eq!(
        common::texts(&doc, "title"),
        [format!("{expected} · Test Briefing")]
    );
    assert_eq!(
        common::attrs(&doc, "meta[name=description]", "content"),
        [expected]
    );
    assert_eq!(
        common::texts(&doc, "article header .tags a")[1],
        "<b>Bold</b>"
    );
    assert_eq!(common::texts(&doc, ".sources a"), [expected]);
    assert_eq!(
        common::attrs(&doc, ".sources a", "href"),
        ["https://e.org/?q=%22x%22&a=%3Cb%3E"]
    );
    assert_eq!(common::texts(&doc, ".body em"), ["raw HTML"]);
    // No element was injected.
    assert!(common::texts(&doc, "body script").is_empty());
    let json = common::texts(&doc, "script[type=\"application/ld+json\"]");
    let ld: serde_json::Value = serde_json::from_str(&json[0]).unwrap();
    assert_eq!(ld["headline"], expected);
    assert_eq!(ld["author"][0]["name"], expected);

    let ch = rss::Channel::read_from(site.read("rss.xml").as_bytes()).unwrap();
    let item = &ch.items()[0];
    assert_eq!(item.title(), Some(expected));
    // An RSS description is HTML to a reader: the plain summary escaped.
    let as_html = expected
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    assert_eq!(item.description(), Some(as_html.as_str()));
    assert_eq!(item.categories()[0].name(), expected);
    assert_eq!(item.dublin_core_ext().unwrap().creators(), [expected]);
    roxmltree::Document::parse(&site.read("sitemap.xml")).unwrap();
    for (path, _) in snapshot(&site.public()) {
        let p = path.to_string_lossy().into_owned();
        if p.ends_with(".xml") {
            roxmltree::Document::parse(&site.read(&p)).unwrap_or_else(|e| panic!("{p}: {e}"));
        }
    }
}

#[test]
fn deeply_nested_raw_html_still_builds_pages_feeds_and_email() {
    // Balanced raw HTML is the editor's own and passes through; the email
    // and feed tools downstream must survive its depth.
    let site = TestSite::new();
    site.briefing(
        "deep-html",
        &fm("Deep HTML", "2025-01-04", &["X"]),
        &format!("{}text{}", "<div>".repeat(10_000), "</div>".repeat(10_000)),
    );
    let report = site.build().unwrap();
    assert_eq!(report.briefings, 1);
    assert!(site.read("briefings/deep-html/index.html").contains("text"));
    assert!(
        site.public()
            .join("briefings/deep-html/email.html")
            .is_file()
    );
    rss::Channel::read_from(site.read("rss.xml").as_bytes()).unwrap();

    // Left open, the same markup is refused in a handful of lines, not
    // one a `<div>`.
    site.briefing(
        "deep-html",
        &fm("Deep HTML", "2025-01-04", &["X"]),
        &format!("{}text", "<div>".repeat(10_000)),
    );
    let ds = content_errors(site.build().unwrap_err());
    assert_eq!(ds.len(), 11, "{:?}", &ds[..3]);
    assert!(ds[10].message.contains("9990 more problems"), "{}", ds[10]);
}

/// The classes of content error in `tests/fixtures/errors/`: each is the
/// file `<class>.md`, or the files `<class>-*.md` for a clash.
const ERROR_CLASSES: &[&str] = &[
    "bad-date",
    "broken-yaml",
    "drafts-typo",
    "foreign-schedule",
    "invalid-slug",
    "missing-lead-image",
    "missing-title",
    "placeholder-filler",
    "placeholder-headline",
    "placeholder-lede",
    "script-link",
    "slug-clash",
    "source-without-scheme",
    "tag-clash",
    "tag-signs",
    "tags-wrong-type",
];

/// Runs `brief build` on a copy of the error zoo and returns what it
/// printed on stderr, with the temp folder replaced by `[SITE]`.
fn zoo_stderr(site: &TestSite) -> String {
    let out = site.run_at_now("build", &[]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(out.stdout.is_empty(), "{out:?}");
    assert!(!site.public().exists(), "a failed build wrote public/");
    site.redact(&String::from_utf8_lossy(&out.stderr))
}

#[test]
fn the_error_zoo_has_one_snapshot_per_class() {
    let _settings = common::snapshot_settings().bind_to_scope();
    let dir = common::fixtures_dir().join("errors/content/briefings");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let of_class = |class: &str, file: &str| {
        let stem = file.strip_suffix(".md").unwrap();
        stem == class || stem.starts_with(&format!("{class}-"))
    };
    // Every file in the zoo belongs to exactly one class.
    for file in &files {
        let n = ERROR_CLASSES.iter().filter(|c| of_class(c, file)).count();
        assert_eq!(n, 1, "{file} is in {n} classes");
    }
    for class in ERROR_CLASSES {
        let site = TestSite::fixture("errors");
        for file in files.iter().filter(|f| !of_class(class, f)) {
            std::fs::remove_file(site.root().join("content/briefings").join(file)).unwrap();
        }
        let stderr = zoo_stderr(&site);
        // Parsed: one error, naming the class's (first) file with its
        // position when it has one, and a hint.
        let first = files.iter().find(|f| of_class(class, f)).unwrap();
        assert!(
            stderr.starts_with(&format!("error: content/briefings/{first}")),
            "{stderr}"
        );
        assert!(stderr.contains("= hint: "), "{stderr}");
        assert!(
            stderr.ends_with("build failed: 1 error; the previous output was left as it was\n"),
            "{stderr}"
        );
        insta::assert_snapshot!(format!("errors-{class}"), stderr);
    }
}

#[test]
fn the_whole_error_zoo_in_one_build() {
    // Every class at once, each reported: a slug or tag clash no longer
    // hides the missing lead image and the source without a scheme, which
    // are checked after collecting.
    let site = TestSite::fixture("errors");
    let stderr = zoo_stderr(&site);
    for class in [
        "bad-date",
        "broken-yaml",
        "drafts-typo",
        "foreign-schedule",
        "invalid-slug",
        "missing-title",
        "placeholder-filler",
        "placeholder-headline",
        "placeholder-lede",
        "script-link",
        "slug-clash-one",
        "tag-clash-one",
        "tag-signs",
        "tags-wrong-type",
        "missing-lead-image",
        "source-without-scheme",
    ] {
        assert!(
            stderr.contains(&format!("error: content/briefings/{class}.md")),
            "{class}: {stderr}"
        );
    }
    let _settings = common::snapshot_settings().bind_to_scope();
    insta::assert_snapshot!("errors-whole-zoo", stderr);
}

#[test]
fn site_toml_errors_and_cut_titles_read_in_plain_words() {
    let site = TestSite::with_config(&format!(
        "{}per_page = \"ten\"\n",
        common::SITE_TOML.replace("per_page = 10\n", "")
    ));
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = site.redact(&String::from_utf8_lossy(&out.stderr));
    assert!(!stderr.contains("error: error:"), "{stderr}");
    assert!(!stderr.contains("usize"), "{stderr}");
    let _settings = common::snapshot_settings().bind_to_scope();
    insta::assert_snapshot!("errors-site-toml-wrong-type", stderr);

    let site = TestSite::new();
    site.briefing(
        "aramco",
        "title: Aramco becomes #1 again\ndate: 2025-01-01",
        "Body.\n",
    );
    let out = site.run(&["build"]);
    assert!(out.status.success());
    let stderr = site.redact(&String::from_utf8_lossy(&out.stderr));
    insta::assert_snapshot!("warnings-title-cut-by-a-comment", stderr);
}

#[test]
fn template_errors_point_where_the_problem_starts_in_plain_words() {
    let cases = [
        ("unclosed-tag", "{% if x %"),
        ("unclosed-if", "{% if true %}<p>x</p>"),
        ("unknown-filter", "{{ briefing.title | nosuchfilter }}"),
        ("misspelt-field", "{{ briefing.tagz | join(sep=\", \") }}"),
    ];
    let _settings = common::snapshot_settings().bind_to_scope();
    for (name, line) in cases {
        let site = TestSite::new();
        site.briefing("a", &fm("A", "2025-01-01", &[]), "Body.\n");
        site.write(
            "templates/briefing.html",
            format!(
                "{{% extends \"base.html\" %}}{{% block content %}}\n{line}\n\n<p>more</p>\n{{% endblock content %}}\n"
            ),
        );
        let out = site.run(&["build"]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        let stderr = site.redact(&String::from_utf8_lossy(&out.stderr));
        assert!(
            !stderr.contains("&[Value]") && !stderr.contains("error: error"),
            "{stderr}"
        );
        assert!(
            stderr.contains("templates/briefing.html:2:"),
            "{name}: {stderr}"
        );
        insta::assert_snapshot!(format!("errors-template-{name}"), stderr);
    }
    // A tag left open at the end of a template without blocks: Tera says
    // only "Unexpected end of input", at the last line.
    for (template, kind, line) in [
        (
            "<p>a</p>\n{% if site.title %}\n<p>{{ site.title }}</p>\n",
            "if",
            2,
        ),
        (
            "{% for b in paginator.items %}\n{{ b.title }}\n\n",
            "for",
            1,
        ),
    ] {
        let site = TestSite::new();
        site.briefing("a", &fm("A", "2025-01-01", &[]), "Body.\n");
        site.write("templates/index.html", template);
        let stderr = site.build().unwrap_err().to_string();
        assert!(
            stderr.contains(&format!(
                "templates/index.html:{line}:1: template syntax error: this `{{% {kind} %}}` is never closed: add `{{% end{kind} %}}` at the end of the file"
            )),
            "{stderr}"
        );
    }
    // A variable no template receives points at the variables' docs.
    let site = TestSite::new();
    site.write("templates/index.html", "<p>{{ nosuch.thing }}</p>\n");
    let stderr = site.build().unwrap_err().to_string();
    assert!(stderr.contains("templates/index.html:1:7"), "{stderr}");
    assert!(stderr.contains("see docs/templates.md"), "{stderr}");
}
