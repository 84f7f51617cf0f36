//! Helpers for integration tests: fixture sites written into temp folders,
//! built with the library or the `brief` binary, and read back.

#![allow(dead_code, unreachable_pub)]

use std::path::{Path, PathBuf};
use std::process::Command;

use brief::config::Overrides;
use brief::{BuildError, BuildOptions, BuildReport};
use chrono::{DateTime, FixedOffset};

/// The fixed clock every fixture build runs with, so scheduled briefings
/// and snapshots do not depend on the day the tests run.
pub const NOW: &str = "2026-11-30T12:00:00Z";

/// [`NOW`] as the library takes it.
pub fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(NOW).unwrap()
}

/// `tests/fixtures/`: fixture sites, copied into a temp folder before use.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// insta settings shared by every snapshot: files in `tests/snapshots/`
/// named by the explicit snapshot name alone. Hold the guard of
/// `snapshot_settings().bind_to_scope()` while asserting.
pub fn snapshot_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings
}

pub const SITE_TOML: &str = r#"title = "Test Briefing"
base_url = "https://example.org/"
description = "A test site"
language = "en"
timezone = "UTC"

[build]
per_page = 10
"#;

/// A site in a temporary folder.
pub struct TestSite {
    pub dir: tempfile::TempDir,
}

impl TestSite {
    /// An empty site with the default site.toml.
    pub fn new() -> Self {
        Self::with_config(SITE_TOML)
    }

    pub fn with_config(toml: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.toml"), toml).unwrap();
        std::fs::create_dir_all(dir.path().join("content/briefings")).unwrap();
        TestSite { dir }
    }

    /// A copy of the fixture site `tests/fixtures/<name>/` in a temporary
    /// folder: builds never write inside `tests/fixtures`.
    pub fn fixture(name: &str) -> Self {
        let from = fixtures_dir().join(name);
        assert!(from.is_dir(), "no fixture {}", from.display());
        let dir = tempfile::tempdir().unwrap();
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.unwrap();
            let to = dir.path().join(entry.path().strip_prefix(&from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
        TestSite { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Writes a file relative to the site root.
    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) -> &Self {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    /// Writes a briefing `content/briefings/<name>.md`.
    pub fn briefing(&self, name: &str, front_matter: &str, body: &str) -> &Self {
        self.write(
            &format!("content/briefings/{name}.md"),
            format!("---\n{front_matter}\n---\n{body}"),
        )
    }

    pub fn build(&self) -> Result<BuildReport, BuildError> {
        self.build_with(Overrides::default())
    }

    /// Builds with the clock fixed at [`NOW`].
    pub fn build_at_now(&self) -> Result<BuildReport, BuildError> {
        self.build_with(Overrides {
            now: Some(now()),
            ..Overrides::default()
        })
    }

    pub fn build_with(&self, overrides: Overrides) -> Result<BuildReport, BuildError> {
        brief::build(&BuildOptions {
            root: self.root().to_path_buf(),
            overrides,
            ..BuildOptions::default()
        })
    }

    /// Reads an output file as text.
    pub fn read(&self, rel: &str) -> String {
        let path = self.public().join(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    pub fn html(&self, rel: &str) -> scraper::Html {
        scraper::Html::parse_document(&self.read(rel))
    }

    /// Runs the `brief` binary in the site root.
    pub fn run(&self, args: &[&str]) -> std::process::Output {
        Command::new(env!("CARGO_BIN_EXE_brief"))
            .args(args)
            .current_dir(self.root())
            .output()
            .unwrap()
    }

    /// Runs `brief <command> --now NOW` in the site root, with no
    /// `BRIEF_NOW` from the environment.
    pub fn run_at_now(&self, command: &str, args: &[&str]) -> std::process::Output {
        Command::new(env!("CARGO_BIN_EXE_brief"))
            .arg(command)
            .args(["--now", NOW])
            .args(args)
            .current_dir(self.root())
            .env_remove("BRIEF_NOW")
            .output()
            .unwrap()
    }

    /// `text` with this site's temporary folder (as given and canonical)
    /// replaced by `[SITE]`, for snapshots.
    pub fn redact(&self, text: &str) -> String {
        let mut text = text.to_string();
        let canonical = self.root().canonicalize().unwrap();
        for root in [canonical.as_path(), self.root()] {
            text = text.replace(&*root.to_string_lossy(), "[SITE]");
        }
        text
    }
}

/// The text of every element matching `selector`.
pub fn texts(doc: &scraper::Html, selector: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel)
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

/// The values of `attr` on every element matching `selector`.
pub fn attrs(doc: &scraper::Html, selector: &str, attr: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel)
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

/// Every file under `dir` with its bytes, sorted by path.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// A front matter block for a simple briefing.
pub fn fm(title: &str, date: &str, tags: &[&str]) -> String {
    let tags: Vec<String> = tags.iter().map(|t| format!("{t:?}")).collect();
    format!(
        "title: {title:?}\ndate: {date}\ntags: [{}]",
        tags.join(", ")
    )
}
