//! Issue 19: every path the command line takes is resolved once, against
//! the current folder. A relative `--root` must not put the output one
//! folder too deep, and a relative `--output` is relative to where brief
//! runs, not to the site.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::fm;

/// A parent folder holding a site `mysite` with one briefing.
struct Parent {
    dir: tempfile::TempDir,
}

impl Parent {
    fn new() -> Self {
        Self::with_config(common::SITE_TOML)
    }

    fn with_config(toml: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("mysite");
        std::fs::create_dir_all(site.join("content/briefings")).unwrap();
        std::fs::write(site.join("site.toml"), toml).unwrap();
        std::fs::write(
            site.join("content/briefings/a.md"),
            format!("---\n{}\n---\nBody.\n", fm("A", "2025-01-01", &["X"])),
        )
        .unwrap();
        Parent { dir }
    }

    /// The parent folder, as the binary sees it (symlinks resolved).
    fn path(&self) -> PathBuf {
        self.dir.path().canonicalize().unwrap()
    }

    fn site(&self) -> PathBuf {
        self.path().join("mysite")
    }

    /// Runs `brief` in `dir`, insisting on success.
    fn run_in(&self, dir: &Path, args: &[&str]) -> Output {
        let out = Command::new(env!("CARGO_BIN_EXE_brief"))
            .args(args)
            .current_dir(dir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "brief {args:?} in {}: {}",
            dir.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_in(&self.path(), args)
    }

    /// Nothing was written at the doubled path `mysite/mysite`.
    fn assert_not_doubled(&self) {
        let doubled = self.site().join("mysite");
        assert!(!doubled.exists(), "{} exists", doubled.display());
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn build_with_a_relative_root_writes_into_the_sites_output_folder() {
    let p = Parent::new();
    let out = p.run(&["build", "--root", "mysite"]);
    assert!(p.site().join("public/index.html").is_file());
    assert!(p.site().join("public/briefings/a/index.html").is_file());
    p.assert_not_doubled();
    // The summary names the absolute output folder.
    let line = stdout(&out);
    let expected = format!(" into {} in ", p.site().join("public").display());
    assert!(line.contains(&expected), "{line}");

    // Also with a `./` and a trailing slash, and with `..` in the path.
    p.run(&["build", "--root", "./mysite/"]);
    std::fs::create_dir(p.path().join("other")).unwrap();
    p.run(&["build", "--root", "other/../mysite"]);
    assert!(!p.path().join("other/public").exists());
    p.assert_not_doubled();
}

#[test]
fn build_output_dir_in_site_toml_is_relative_to_the_site_root() {
    let p = Parent::with_config(
        &common::SITE_TOML.replace("[build]\n", "[build]\noutput_dir = \"dist\"\n"),
    );
    p.run(&["build", "--root", "mysite"]);
    assert!(p.site().join("dist/index.html").is_file());
    assert!(!p.path().join("dist").exists());
    p.assert_not_doubled();
}

#[test]
fn build_inside_the_site_without_root() {
    let p = Parent::new();
    let out = p.run_in(&p.site(), &["build"]);
    assert!(p.site().join("public/index.html").is_file());
    assert!(
        stdout(&out).contains(&format!("{}", p.site().join("public").display())),
        "{}",
        stdout(&out)
    );
    p.assert_not_doubled();
    // A relative --output from inside the site is relative to the site
    // folder because that is where brief runs.
    p.run_in(&p.site(), &["build", "--output", "../elsewhere"]);
    assert!(p.path().join("elsewhere/index.html").is_file());
}

#[test]
fn a_relative_output_is_relative_to_the_current_folder() {
    let p = Parent::new();
    let out = p.run(&["build", "--root", "mysite", "--output", "out"]);
    assert!(p.path().join("out/index.html").is_file());
    assert!(!p.site().join("out").exists());
    assert!(!p.site().join("public").exists());
    assert!(
        stdout(&out).contains(&format!(" into {} in ", p.path().join("out").display())),
        "{}",
        stdout(&out)
    );
    p.assert_not_doubled();
}

#[test]
fn an_absolute_output_is_used_as_given() {
    let p = Parent::new();
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().canonicalize().unwrap().join("site-out");
    p.run(&[
        "build",
        "--root",
        "mysite",
        "--output",
        target.to_str().unwrap(),
    ]);
    assert!(target.join("index.html").is_file());
    assert!(!p.site().join("public").exists());
    p.assert_not_doubled();
}

#[test]
fn email_latest_with_a_relative_root() {
    let p = Parent::new();
    p.run(&["build", "--root", "mysite"]);
    std::fs::remove_file(p.site().join("public/briefings/a/email.html")).unwrap();
    let out = p.run(&["email", "--latest", "--root", "mysite"]);
    let html = p.site().join("public/briefings/a/email.html");
    assert!(html.is_file());
    let printed = stdout(&out);
    assert_eq!(printed.lines().next(), Some(html.to_str().unwrap()));
    p.assert_not_doubled();

    // Inside the site, without --root.
    std::fs::remove_file(&html).unwrap();
    p.run_in(&p.site(), &["email", "--latest"]);
    assert!(html.is_file());

    // With a relative --output: relative to the current folder.
    p.run(&["email", "--latest", "--root", "mysite", "--output", "mail"]);
    assert!(p.path().join("mail/briefings/a/email.html").is_file());
    assert!(p.path().join("mail/briefings/a/email.txt").is_file());
    assert!(!p.site().join("mail").exists());
    p.assert_not_doubled();
}

#[test]
fn new_with_a_relative_root() {
    let p = Parent::new();
    let out = p.run(&["new", "Second", "--date", "2025-02-02", "--root", "mysite"]);
    let rel = "mysite/content/briefings/2025-02-02-second.md";
    assert_eq!(stdout(&out).trim(), rel);
    assert!(p.path().join(rel).is_file());
    p.assert_not_doubled();

    // Inside the site the printed path stays relative to it.
    let out = p.run_in(&p.site(), &["new", "Third", "--date", "2025-02-03"]);
    assert_eq!(stdout(&out).trim(), "content/briefings/2025-02-03-third.md");
    assert!(
        p.site()
            .join("content/briefings/2025-02-03-third.md")
            .is_file()
    );
}

#[test]
fn check_with_a_relative_root_and_inside_the_site() {
    let p = Parent::new();
    let out = p.run(&["check", "--root", "mysite"]);
    assert!(stdout(&out).contains("all good"), "{}", stdout(&out));
    let out = p.run_in(&p.site(), &["check"]);
    assert!(stdout(&out).contains("all good"), "{}", stdout(&out));
    assert!(!p.site().join("public").exists(), "check writes nothing");
    p.assert_not_doubled();
}

#[test]
fn init_with_a_relative_folder_then_build_from_the_parent() {
    let p = Parent::new();
    let out = p.run(&["init", "news"]);
    assert!(p.path().join("news/site.toml").is_file());
    assert!(
        stdout(&out).contains("Created a site in news (")
            && stdout(&out).contains("cd news && brief serve"),
        "{}",
        stdout(&out)
    );
    p.run(&["build", "--root", "news"]);
    assert!(p.path().join("news/public/index.html").is_file());
    assert!(!p.path().join("news/news").exists());

    // A nested relative folder, from inside another folder.
    p.run_in(&p.site(), &["init", "../deeper/news"]);
    assert!(p.path().join("deeper/news/site.toml").is_file());
}
