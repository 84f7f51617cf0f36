//! Issue 10, point 5: brief never deletes what it did not make. It replaces
//! (or writes into) an output folder only when it is missing, empty, or
//! holds nothing but brief's own output; `--force` overrides.

use crate::common;

use std::path::Path;
use std::process::Output;

use common::{TestSite, fm, snapshot};

const MANIFEST: &str = ".brief-manifest";

fn site() -> TestSite {
    let site = TestSite::new();
    site.briefing("a", &fm("A", "2025-01-01", &["X"]), "Body.\n");
    site.briefing("b", &fm("B", "2025-01-02", &["Y"]), "Body.\n");
    site
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn ok(out: Output) -> Output {
    assert!(out.status.success(), "{}", stderr(&out));
    out
}

/// Names of the hidden staging or old folders brief makes beside `dir`.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir.parent().unwrap())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".staging-") || n.contains(".old-"))
        .collect()
}

fn manifest(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join(MANIFEST))
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn building_twice_into_the_same_folder_works_and_writes_a_manifest() {
    let site = site();
    ok(site.run(&["build"]));
    ok(site.run(&["build"]));
    let lines = manifest(&site.public());
    assert!(lines[0].starts_with("# brief"), "{lines:?}");
    assert!(lines[0].contains("format 1"), "{lines:?}");
    let paths = &lines[1..];
    let mut sorted = paths.to_vec();
    sorted.sort();
    assert_eq!(paths, sorted.as_slice());
    assert!(paths.iter().any(|p| p == "index.html"));
    assert!(paths.iter().any(|p| p == "briefings/a/index.html"));
    assert!(!paths.iter().any(|p| p == MANIFEST));
    // Every file in the folder but the manifest is listed, and only those.
    let mut files: Vec<String> = snapshot(&site.public())
        .into_iter()
        .map(|(p, _)| p.to_string_lossy().into_owned())
        .filter(|p| p != MANIFEST)
        .collect();
    files.sort();
    assert_eq!(paths, files.as_slice());
    assert!(leftovers(&site.public()).is_empty());
}

#[test]
fn output_of_a_release_without_a_manifest_is_replaced_without_force() {
    let site = site();
    site.write("static/CNAME", "news.example.org\n");
    site.write("static/img/logo.png", "png");
    site.write("templates/extra.css", "body{}");
    // A feed of one: the other briefing is in an archive document.
    site.write(
        "site.toml",
        format!("{}\n[feed]\narchive = true\nlimit = 1\n", common::SITE_TOML),
    );
    ok(site.run(&["build"]));
    assert!(site.public().join("feeds/archive/1/atom.xml").is_file());
    std::fs::remove_file(site.public().join(MANIFEST)).unwrap();
    ok(site.run(&["build"]));
    assert!(site.public().join(MANIFEST).is_file());
    assert!(site.public().join("CNAME").is_file());
}

#[test]
fn a_foreign_folder_is_refused_and_left_byte_identical() {
    let site = site();
    let parent = tempfile::tempdir().unwrap();
    let other = parent.path().join("other");
    std::fs::create_dir_all(other.join("content")).unwrap();
    std::fs::write(other.join("content/x.md"), "# someone else's site\n").unwrap();
    std::fs::write(other.join("notes.txt"), "my notes\n").unwrap();
    let before = snapshot(&other);
    let site_before = snapshot(site.root());

    let out = site.run(&["build", "--output", other.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let text = stderr(&out);
    assert!(text.contains(&other.display().to_string()), "{text}");
    assert!(text.contains("content/x.md"), "{text}");
    assert!(text.contains("notes.txt"), "{text}");
    assert!(text.contains("static/"), "{text}");
    assert!(text.contains("--force"), "{text}");
    assert_eq!(snapshot(&other), before);
    assert_eq!(snapshot(site.root()), site_before);
    assert!(leftovers(&other).is_empty(), "{:?}", leftovers(&other));
    assert!(!site.public().exists());

    // --force replaces it.
    ok(site.run(&["build", "--force", "--output", other.to_str().unwrap()]));
    assert!(other.join("index.html").is_file());
    assert!(!other.join("notes.txt").exists());
    assert!(!other.join("content").exists());
    assert!(leftovers(&other).is_empty());
    // Now it is brief's own: no --force needed.
    ok(site.run(&["build", "--output", other.to_str().unwrap()]));
}

#[test]
fn a_refusal_lists_at_most_five_files() {
    let site = site();
    let other = tempfile::tempdir().unwrap();
    for i in 1..=8 {
        std::fs::write(other.path().join(format!("file{i}.txt")), "x").unwrap();
    }
    let out = site.run(&["build", "--output", other.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let text = stderr(&out);
    assert!(
        text.contains("file1.txt, file2.txt, file3.txt, file4.txt, file5.txt and 3 more"),
        "{text}"
    );
    assert!(!text.contains("file6.txt"), "{text}");
}

#[test]
fn a_file_added_to_brief_output_is_refused_by_name() {
    let site = site();
    ok(site.run(&["build"]));
    std::fs::write(site.public().join("CNAME"), "news.example.org\n").unwrap();
    let before = snapshot(&site.public());
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let text = stderr(&out);
    assert!(text.contains("CNAME"), "{text}");
    assert!(
        !text.contains("index.html"),
        "only the unlisted file: {text}"
    );
    assert_eq!(snapshot(&site.public()), before);
    assert!(leftovers(&site.public()).is_empty());

    // The way out the hint names: publish it from static/.
    std::fs::rename(site.public().join("CNAME"), site.root().join("CNAME")).unwrap();
    site.write(
        "static/CNAME",
        std::fs::read(site.root().join("CNAME")).unwrap(),
    );
    ok(site.run(&["build"]));
    assert!(site.public().join("CNAME").is_file());
}

#[test]
fn email_into_a_foreign_folder_is_refused_and_leaves_it_alone() {
    let site = site();
    let other = tempfile::tempdir().unwrap();
    std::fs::write(other.path().join("notes.txt"), "mine\n").unwrap();
    let before = snapshot(other.path());
    let out = site.run(&[
        "email",
        "--latest",
        "--output",
        other.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let text = stderr(&out);
    assert!(text.contains("notes.txt"), "{text}");
    assert!(text.contains(&other.path().display().to_string()), "{text}");
    assert_eq!(snapshot(other.path()), before);

    // --force writes the two files beside it (and lists only those).
    ok(site.run(&[
        "email",
        "--latest",
        "--force",
        "--output",
        other.path().to_str().unwrap(),
    ]));
    assert!(other.path().join("briefings/b/email.html").is_file());
    assert!(other.path().join("notes.txt").is_file());
    assert_eq!(
        manifest(other.path())[1..],
        ["briefings/b/email.html", "briefings/b/email.txt"]
    );
}

#[test]
fn email_into_brief_output_extends_the_manifest_so_the_next_build_succeeds() {
    let site = TestSite::with_config(&format!("{}\n[email]\nlimit = 1\n", common::SITE_TOML));
    site.briefing("a", &fm("A", "2025-01-01", &["X"]), "Body.\n");
    site.briefing("b", &fm("B", "2025-01-02", &["Y"]), "Body.\n");
    ok(site.run(&["build"]));
    assert!(!site.public().join("briefings/a/email.html").exists());
    ok(site.run(&["email", "a"]));
    let lines = manifest(&site.public());
    assert!(lines.iter().any(|l| l == "briefings/a/email.html"));
    assert!(lines.iter().any(|l| l == "briefings/a/email.txt"));
    let mut sorted = lines[1..].to_vec();
    sorted.sort();
    assert_eq!(lines[1..], sorted);
    ok(site.run(&["build"]));
    assert!(leftovers(&site.public()).is_empty());

    // Into a missing folder: the manifest is created.
    let fresh = tempfile::tempdir().unwrap();
    let target = fresh.path().join("mail");
    ok(site.run(&["email", "a", "--output", target.to_str().unwrap()]));
    assert_eq!(
        manifest(&target)[1..],
        ["briefings/a/email.html", "briefings/a/email.txt"]
    );
    // And a build may then replace it.
    ok(site.run(&["build", "--output", target.to_str().unwrap()]));
}

#[test]
fn email_into_output_of_a_release_without_a_manifest() {
    let site = site();
    ok(site.run(&["build"]));
    std::fs::remove_file(site.public().join(MANIFEST)).unwrap();
    ok(site.run(&["email", "a"]));
    // The manifest it creates lists the recognised files as well.
    let lines = manifest(&site.public());
    assert!(lines.iter().any(|l| l == "index.html"), "{lines:?}");
    ok(site.run(&["build"]));
}

#[test]
fn an_empty_folder_is_used_without_force() {
    let site = site();
    let other = tempfile::tempdir().unwrap();
    std::fs::create_dir(other.path().join("empty-subfolder")).unwrap();
    ok(site.run(&["build", "--output", other.path().to_str().unwrap()]));
    assert!(other.path().join("index.html").is_file());
}

#[test]
fn a_manifest_line_outside_the_output_folder_deletes_nothing_there() {
    // A warm build removes the files the manifest lists and the build no
    // longer makes. A line edited in by hand or a bad merge (`../x`, an
    // absolute path) named files outside the output folder, which brief
    // deleted.
    let site = site();
    ok(site.run_at_now("build", &[]));
    let outside = tempfile::tempdir().unwrap();
    let elsewhere = outside.path().join("elsewhere.txt");
    std::fs::write(&elsewhere, "not brief's").unwrap();
    site.write("notes.txt", "the editor's notes");
    site.write("public/../site-notes.txt", "beside the output");
    let mut text = std::fs::read_to_string(site.public().join(MANIFEST)).unwrap();
    for line in [
        "../notes.txt".to_string(),
        "briefings/../../site-notes.txt".to_string(),
        elsewhere.display().to_string(),
    ] {
        text.push_str(&line);
        text.push('\n');
    }
    std::fs::write(site.public().join(MANIFEST), text).unwrap();
    let changes = outside.path().join("changes.txt");
    ok(site.run_at_now("build", &["--changes", changes.to_str().unwrap()]));
    assert!(site.root().join("notes.txt").exists());
    assert!(site.root().join("site-notes.txt").exists());
    assert!(elsewhere.exists());
    let list = std::fs::read_to_string(&changes).unwrap();
    assert!(!list.contains(".."), "{list}");
    assert!(!list.contains("elsewhere"), "{list}");
    // The next build still works, and still deletes nothing outside.
    ok(site.run_at_now("build", &[]));
    assert!(site.root().join("notes.txt").exists());
    assert!(elsewhere.exists());
}

#[test]
fn a_build_waits_while_another_brief_writes_the_site_and_never_takes_its_staging() {
    // A second `brief build` started while one rendered took the first's
    // staging folder for an interrupted build's and deleted it: the first
    // then swapped in a site missing the pages it had written, and said
    // it had built them all.
    let site = site();
    let other = brief::output::WriteLock::take(site.root(), || panic!("free")).unwrap();
    // What the other build's staging folder holds while it renders.
    let staging = site.root().join(".public.staging-1");
    std::fs::create_dir_all(staging.join("briefings/a")).unwrap();
    std::fs::write(staging.join("briefings/a/index.html"), "rendered").unwrap();
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .arg("build")
        .current_dir(site.root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(700));
    assert!(
        staging.join("briefings/a/index.html").is_file(),
        "the other build's staging folder is left alone while it runs"
    );
    assert!(!site.public().exists(), "nothing written while waiting");
    drop(other);
    std::fs::remove_dir_all(&staging).unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("Another brief is writing this site's output"),
        "{stderr}"
    );
    assert!(site.public().join("briefings/a/index.html").is_file());
}
