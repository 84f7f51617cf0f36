//! The `brief` binary: arguments, the summary line, exit codes.

use crate::common;

use common::{TestSite, fm};

#[test]
fn help_and_version() {
    let site = TestSite::new();
    let help = site.run(&["--help"]);
    assert!(help.status.success());
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(text.contains("build"), "{text}");
    let build_help = String::from_utf8_lossy(&site.run(&["build", "--help"]).stdout).into_owned();
    for flag in ["--root", "--output", "--drafts", "--base-url", "--timings"] {
        assert!(
            build_help.contains(flag),
            "{flag} missing from\n{build_help}"
        );
    }
    let version = site.run(&["--version"]);
    assert!(version.status.success());
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("brief {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn build_prints_a_one_line_summary() {
    let site = TestSite::new();
    site.briefing("a", &fm("A", "2025-01-01", &["X", "Y"]), "Body.\n");
    let out = site.run(&["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    assert!(
        lines[0].starts_with("Built 1 briefing, 2 tags, 35 files ("),
        "{stdout}"
    );
    assert!(lines[0].ends_with(" ms"), "{stdout}");
}

#[test]
fn a_build_for_an_example_address_warns_that_readers_cannot_follow_it() {
    // `brief init` writes base_url = "https://example.org/": a site built
    // and deployed as it was published feeds whose every link led there.
    let site = TestSite::new();
    site.briefing("a", &fm("A", "2025-01-01", &["X"]), "Body.\n");
    let out = site.run(&["build"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning: site.toml: the site was built for https://example.org/, and example.org is a name reserved for examples"),
        "{stderr}"
    );
    assert!(stderr.contains("set `base_url` in site.toml"), "{stderr}");
    let out = site.run(&["build", "--base-url", "https://news.brief-site.net/"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("reserved for examples"), "{stderr}");
}

#[test]
fn timings_name_every_stage() {
    let site = TestSite::new();
    site.briefing("a", &fm("A", "2025-01-01", &[]), "Body.\n");
    let out = site.run(&["build", "--timings"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    for stage in [
        "cache", "load", "parse", "collect", "render", "cards", "write", "commit", "save",
    ] {
        assert!(
            stderr.lines().any(|l| l.trim_start().starts_with(stage)),
            "{stage} missing from\n{stderr}"
        );
    }
}

#[test]
fn root_output_and_base_url_flags() {
    let site = TestSite::new();
    site.briefing("a", &fm("A", "2025-01-01", &[]), "Body.\n");
    let out_dir = site.root().join("elsewhere");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["build", "--root"])
        .arg(site.root())
        .arg("--output")
        .arg(&out_dir)
        .args(["--base-url", "https://news.example.com/daily"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rss = std::fs::read_to_string(out_dir.join("rss.xml")).unwrap();
    assert!(rss.contains("https://news.example.com/daily/briefings/a/"));
}

#[test]
fn exit_codes_one_for_content_two_for_usage_and_config() {
    let site = TestSite::new();
    site.briefing("bad", "title: x", "Body.\n");
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error: content/briefings/bad.md:1:1: missing `date`"),
        "{stderr}"
    );

    assert_eq!(site.run(&["build", "--nonsense"]).status.code(), Some(2));
    site.write("site.toml", "title = 1\n");
    assert_eq!(site.run(&["build"]).status.code(), Some(2));
    let empty = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["build"])
        .current_dir(empty.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no site.toml"));
}

#[test]
fn zola_and_hugo_habits_short_flags_and_root_before_the_subcommand() {
    let site = TestSite::new();
    site.briefing("a", &fm("A", "2025-01-01", &[]), "Body.\n");
    site.briefing(
        "d",
        &format!("{}\ndraft: true", fm("D", "2025-01-02", &[])),
        "Body.\n",
    );
    let parent = site.root().parent().unwrap();
    let name = site.root().file_name().unwrap().to_str().unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
            .args(args)
            .current_dir(parent)
            .output()
            .unwrap()
    };
    // `-r` before the subcommand, `-o`, `-D` and `-u` after it.
    let out_dir = site.root().join("elsewhere");
    let out = run(&[
        "-r",
        name,
        "build",
        "-o",
        out_dir.to_str().unwrap(),
        "-D",
        "-u",
        "https://mirror.example.org/",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out_dir.join("briefings/d/index.html").is_file(), "-D");
    let index = std::fs::read_to_string(out_dir.join("index.html")).unwrap();
    assert!(
        index.contains("https://mirror.example.org/briefings/a/"),
        "-u"
    );
    // `--root` after the subcommand still works.
    let out = run(&["check", "--root", name]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn new_with_a_markdown_path_creates_that_file() {
    let site = TestSite::new();
    let out = site.run(&["new", "content/briefings/2025-08-08-oil-prices-fall.md"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "content/briefings/2025-08-08-oil-prices-fall.md"
    );
    let text = std::fs::read_to_string(
        site.root()
            .join("content/briefings/2025-08-08-oil-prices-fall.md"),
    )
    .unwrap();
    assert!(text.contains("title: \"Oil prices fall\""), "{text}");
    assert!(text.contains("date: 2025-08-08T00:00:00+00:00"), "{text}");
    assert!(text.contains("draft: true"), "{text}");
    let out = site.run(&["new", "notes/x.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("outside the site's content folder"));
}

#[test]
fn new_uses_the_site_skeleton_when_it_has_one() {
    let site = TestSite::new();
    site.write(
        "templates/new.md",
        "---\ntitle: {{ title }}\ndate: {{ date }}\n{{ slug_line }}tags: {{ tags }}\ndraft: true\n---\n{{ lede }}\n\nFiled by the night desk ({{ slug }}).\n",
    );
    let out = site.run(&[
        "new",
        "Storm warning",
        "--tags",
        "Weather",
        "--date",
        "2025-09-01",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(
        site.root()
            .join("content/briefings/2025-09-01-storm-warning.md"),
    )
    .unwrap();
    assert!(text.contains("title: \"Storm warning\""), "{text}");
    assert!(text.contains("tags: [\"Weather\"]"), "{text}");
    assert!(
        text.contains("Filed by the night desk (storm-warning)."),
        "{text}"
    );
    // The skeleton is not part of the theme: never published.
    site.write(
        "content/briefings/2025-09-01-storm-warning.md",
        text.replace("draft: true", "draft: false").replace(
            brief::content::briefing::PLACEHOLDER_LEDE,
            "A storm is coming.",
        ),
    );
    site.build().unwrap();
    assert!(!site.public().join("new.md").exists());
}
