//! `brief build --changes FILE` writes the deploy list, never over the
//! site itself: not site.toml, nothing in content/, templates/, static/
//! or the build cache (however the path is spelt), and not a folder. Each
//! is a usage error that names the flag and the path and says what to do,
//! before anything is built.

use crate::common;

use std::path::Path;
use std::process::Command;

use common::{TestSite, fm, snapshot};

fn site() -> TestSite {
    let site = TestSite::new();
    site.briefing("x", &fm("X", "2025-01-01", &["T"]), "Body.\n");
    site.write("templates/README.md", "Theme overrides go here.\n");
    site.write("static/logo.png", b"png");
    let out = site.run_at_now("build", &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(site.root().join(".brief-cache").is_dir());
    site
}

#[test]
fn the_deploy_list_may_not_overwrite_the_sites_sources_or_a_folder() {
    let site = site();
    std::fs::create_dir(site.root().join("reports")).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("site.toml", site.root().join("link.txt")).unwrap();
        std::os::unix::fs::symlink("content", site.root().join("sources")).unwrap();
        // A dangling link into content/: writing it would create the file.
        std::os::unix::fs::symlink("content/briefings/new.md", site.root().join("dangling"))
            .unwrap();
    }
    let before = snapshot(site.root());
    let mut cases = vec![
        ("site.toml", "site.toml"),
        ("./content/../site.toml", "site.toml"),
        ("content/briefings/x.md", "content/"),
        ("content/briefings/new.md", "content/"),
        ("templates/changes.txt", "templates/"),
        ("static/changes.txt", "static/"),
        (".brief-cache/changes.txt", ".brief-cache/"),
        (".", "a folder"),
        ("reports", "a folder"),
        ("reports/", "a folder"),
        ("missing/changes.txt", "does not exist"),
    ];
    if cfg!(unix) {
        cases.extend([
            ("link.txt", "site.toml"),
            ("sources/briefings/y.md", "content/"),
            ("dangling", "content/"),
        ]);
    }
    for (arg, why) in cases {
        let out = site.run_at_now("build", &["--changes", arg]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{arg}: {err}");
        assert!(err.contains("--changes"), "{arg}: {err}");
        let name = Path::new(arg.trim_end_matches('/'))
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned());
        assert!(err.contains(&name), "{arg}: the path is not named: {err}");
        assert!(err.contains(why), "{arg}: {err}");
        assert!(err.contains("hint:"), "{arg}: no advice: {err}");
        assert!(before == snapshot(site.root()), "{arg}: the site changed");
    }
}

#[test]
fn a_deploy_list_elsewhere_is_written_with_any_spelling_of_its_path() {
    let site = site();
    let parent = site.root().parent().unwrap().to_path_buf();
    // From outside the site, with --root: relative to where brief runs.
    let refused = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["build", "--root"])
        .arg(site.root())
        .args(["--now", common::NOW, "--changes"])
        .arg(site.root().join("content/../site.toml"))
        .current_dir(&parent)
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    let list = site.root().join("deploy/changes.txt");
    std::fs::create_dir(site.root().join("deploy")).unwrap();
    site.write(
        "content/briefings/y.md",
        format!("---\n{}\n---\nBody.\n", fm("Y", "2025-01-02", &[])),
    );
    let out = site.run_at_now("build", &["--changes", "deploy/../deploy/changes.txt"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&list).unwrap();
    assert!(
        text.lines().any(|l| l == "+briefings/y/index.html"),
        "{text}"
    );
}
