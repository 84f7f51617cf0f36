//! A hostile or careless `site.toml`: every value is either published as
//! valid HTML and XML or refused as a configuration error (exit 2) naming
//! site.toml, the line and column, and what to do.

use crate::common;

use brief::BuildError;
use common::{TestSite, fm};

/// A site with one briefing and `toml` as its site.toml.
fn site_with(toml: &str) -> TestSite {
    let site = TestSite::with_config(toml);
    site.briefing("a", &fm("A", "2025-01-01", &["X"]), "Body.\n");
    site
}

/// The configuration error a build of `site` fails with.
fn config_error(site: &TestSite) -> brief::error::Diagnostic {
    let err = site.build_at_now().unwrap_err();
    assert_eq!(err.exit_code(), 2, "{err}");
    let BuildError::Config(d) = err else {
        panic!("not a configuration error: {err}")
    };
    assert_eq!(d.path.to_string_lossy(), "site.toml", "{d}");
    *d
}

/// Every XML file of the output parses.
fn every_xml_file_parses(site: &TestSite) {
    for (path, bytes) in common::snapshot(&site.public()) {
        let p = path.to_string_lossy().into_owned();
        if p.ends_with(".xml") || p.ends_with(".opml") {
            let text = String::from_utf8(bytes).unwrap();
            roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{p}: {e}"));
        }
    }
}

#[test]
fn a_control_character_in_a_site_toml_string_is_refused_at_its_place() {
    // `title = "A\u0001"` went into every feed, the news sitemap and the
    // OPML file, which no XML parser then read.
    for (toml, line, column) in [
        (
            "title = \"Daily \\u0001 brief\"\nbase_url = \"https://e.org/\"\n",
            1,
            9,
        ),
        (
            "title = \"T\"\nbase_url = \"https://e.org/\"\nauthor = \"Desk\\b\"\n",
            3,
            10,
        ),
        (
            "title = \"T\"\nbase_url = \"https://e.org/\"\ndescription = \"\\uFFFF\"\n",
            3,
            15,
        ),
    ] {
        let site = site_with(toml);
        let d = config_error(&site);
        assert_eq!(
            (d.line, d.column),
            (Some(line), Some(column)),
            "{toml}: {d}"
        );
        assert!(d.message.contains("control character"), "{d}");
        assert!(d.hint.as_deref().unwrap_or("").contains("remove it"), "{d}");
        assert!(!site.public().exists());
    }
}

#[test]
fn markup_and_xml_specials_in_site_toml_strings_are_escaped_everywhere() {
    let site = site_with(
        "title = \"A <b>&amp; ]]> </title><script>x</script>\"\n\
         base_url = \"https://e.org/\"\n\
         description = \"\"\"Two\n\tlines & <i>more</i> ]]>\"\"\"\n\
         author = \"Ana <ana@e.org>\"\n\
         [feed]\narchive = true\nlimit = 1\n",
    );
    site.briefing("b", &fm("B", "2025-01-02", &["X"]), "Body.\n");
    site.build_at_now().unwrap();
    every_xml_file_parses(&site);
    let doc = site.html("index.html");
    assert_eq!(
        common::texts(&doc, "title")[0],
        "A <b>&amp; ]]> </title><script>x</script>"
    );
    assert!(common::texts(&doc, "script").iter().all(|s| s != "x"));
}

#[cfg(unix)]
#[test]
fn a_card_font_that_is_not_a_file_is_refused_instead_of_read_forever() {
    // `fonts = ["/dev/zero"]` (or a named pipe) was read until memory ran
    // out, or forever.
    let site = site_with(
        "title = \"T\"\nbase_url = \"https://e.org/\"\n[cards]\nenabled = true\nfonts = [\"fonts/pipe.ttf\", \"fonts\"]\n",
    );
    std::fs::create_dir_all(site.root().join("fonts")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(site.root().join("fonts/pipe.ttf"))
        .status()
        .unwrap();
    assert!(made.success());
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["build", "--now", common::NOW])
        .current_dir(site.root())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("brief build hung reading a named pipe as a font");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    // A configuration error, at the path's place in site.toml.
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("site.toml:5:11: cards.fonts: \"fonts/pipe.ttf\" is not a regular file"),
        "{err}"
    );
    // A folder is named as one.
    site.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://e.org/\"\n[cards]\nenabled = true\nfonts = [\"fonts\"]\n",
    );
    let err = site.build_at_now().unwrap_err().to_string();
    assert!(err.contains("\"fonts\" is a folder"), "{err}");
    // A missing one is named before any work, with cards on; with cards
    // off the list is not read.
    let toml = "title = \"T\"\nbase_url = \"https://e.org/\"\n[cards]\nenabled = true\nfonts = [\n  \"fonts/gone.ttf\",\n]\n";
    site.write("site.toml", toml);
    let err = site.build_at_now().unwrap_err();
    let brief::BuildError::Config(d) = &err else {
        panic!("{err}")
    };
    assert_eq!((d.line, d.column), (Some(6), Some(4)), "{d}");
    assert!(
        d.message.contains("\"fonts/gone.ttf\" does not exist"),
        "{d}"
    );
    site.write(
        "site.toml",
        toml.replace("enabled = true", "enabled = false"),
    );
    site.build_at_now().unwrap();
}

#[test]
fn with_no_feed_formats_nothing_links_to_a_feed() {
    // `formats = []` publishes no feed, but each email edition still
    // offered "Subscribe by RSS" at /rss.xml, a link `brief check` failed.
    let site = site_with("title = \"T\"\nbase_url = \"https://e.org/\"\n[feed]\nformats = []\n");
    site.build_at_now().unwrap();
    assert!(!site.public().join("rss.xml").exists());
    for page in [
        "index.html",
        "briefings/a/index.html",
        "briefings/a/email.html",
        "briefings/a/email.txt",
    ] {
        let text = site.read(page);
        for feed in ["rss.xml", "atom.xml", "feed.json", "feeds.opml"] {
            assert!(!text.contains(feed), "{page} links to {feed}");
        }
    }
    let check = site.run_at_now("check", &[]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn an_output_dir_refused_for_where_it_is_points_at_its_line_in_site_toml() {
    // The refusal named the folder but not the setting that chose it.
    let cases = [
        ("\"content\"", "inside the site's content/ folder"),
        ("\".\"", "the site root"),
        ("\"static/../templates\"", "templates/"),
        ("\"/\"", "filesystem root"),
        ("\"site.toml\"", "configuration"),
        ("\"../elsewhere\"", "outside the site root"),
    ];
    for (dir, why) in cases {
        let site = site_with(&format!(
            "title = \"T\"\nbase_url = \"https://e.org/\"\n\n[build]\noutput_dir = {dir}\n"
        ));
        let d = config_error(&site);
        assert_eq!((d.line, d.column), (Some(5), Some(14)), "{dir}: {d}");
        assert!(
            d.message.starts_with("build.output_dir: refusing to use"),
            "{d}"
        );
        assert!(d.message.contains(why), "{dir}: {d}");
        assert!(d.hint.as_deref().unwrap_or("").contains("--output"), "{d}");
        // `brief email` says the same.
        let out = site.run_at_now("email", &["a"]);
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("site.toml:5:14: build.output_dir"), "{err}");
    }
    // `--output` is the command line's, and named as given.
    let site = site_with(common::SITE_TOML);
    let out = site.run_at_now("build", &["--output", "content"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("site.toml"), "{err}");
    assert!(err.contains("refusing to use"), "{err}");
}

#[test]
fn a_site_toml_that_is_not_utf8_text_is_named_at_its_place() {
    // A Latin-1 file was reported at 1:1 with no hint; a UTF-16 one (as
    // Windows editors save) as "not valid UTF-8" at 1:1, or, without a
    // byte-order mark, as a TOML syntax error between NUL bytes.
    let utf16: Vec<u8> = "title = \"T\"\nbase_url = \"https://e.org/\"\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let mut with_bom = b"\xFF\xFE".to_vec();
    with_bom.extend(&utf16);
    let latin1 = b"title = \"Caf\xE9\"\nbase_url = \"https://e.org/\"\n".to_vec();
    for (bytes, at, words) in [
        (with_bom, (1, 1), "the file is UTF-16"),
        (utf16, (1, 2), "NUL byte"),
        (latin1, (1, 13), "not valid UTF-8"),
    ] {
        let site = site_with(common::SITE_TOML);
        site.write("site.toml", bytes);
        let d = config_error(&site);
        assert_eq!((d.line, d.column), (Some(at.0), Some(at.1)), "{d}");
        assert!(d.message.contains(words), "{d}");
        assert!(d.hint.as_deref().unwrap_or("").contains("UTF-8"), "{d}");
    }
    // A folder named site.toml is a configuration error too.
    let site = site_with(common::SITE_TOML);
    std::fs::remove_file(site.root().join("site.toml")).unwrap();
    std::fs::create_dir(site.root().join("site.toml")).unwrap();
    let d = config_error(&site);
    assert!(d.message.ends_with("site.toml is a folder"), "{d}");
}

#[test]
fn a_wrong_type_names_what_belongs_in_the_readers_words() {
    for (toml, words) in [
        ("build = \"x\"\n", "a table of keys and values belongs"),
        ("[feed]\nlimit = 99999999999999999999\n", "(far too large)"),
        ("[build]\nper_page = 1e3\n", "found the number `1000.0`"),
    ] {
        let site = site_with(&format!(
            "title = \"T\"\nbase_url = \"https://e.org/\"\n{toml}"
        ));
        let d = config_error(&site);
        assert!(d.message.contains(words), "{toml}: {d}");
        assert!(
            !d.message.contains("Raw") && !d.message.contains("i128"),
            "{d}"
        );
    }
}
