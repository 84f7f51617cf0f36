//! File names the web cannot carry: a name that is not UTF-8 text has no
//! URL of its own. It was published under its name with U+FFFD for each
//! stray byte (another file's URL than the one the editor named), and two
//! such names met in one URL.

#![cfg(unix)]

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;

use crate::common;

#[test]
fn names_that_are_not_utf8_are_refused_and_the_output_kept() {
    let (site, before) = crate::built_site();
    let dir = site.root();
    std::fs::create_dir_all(dir.join("static")).unwrap();
    std::fs::write(
        dir.join("static").join(OsStr::from_bytes(b"caf\xe9.txt")),
        "one",
    )
    .unwrap();
    let folder = dir.join("static").join(OsStr::from_bytes(b"d\xe9j\xe0"));
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("a.txt"), "a").unwrap();
    std::fs::write(folder.join("b.txt"), "b").unwrap();
    let ds = crate::content_errors(site.build().unwrap_err());
    let errors: Vec<_> = ds.iter().filter(|d| d.is_error()).collect();
    assert_eq!(
        errors.len(),
        2,
        "one for the file, one for the folder: {ds:?}"
    );
    for d in &errors {
        assert!(d.message.contains("not UTF-8"), "{d}");
        assert!(d.hint.as_deref().unwrap_or("").contains("rename"), "{d}");
        assert!(d.path.starts_with("static"), "{d}");
    }
    assert!(errors.iter().any(|d| d.message.contains("file name")));
    assert!(errors.iter().any(|d| d.message.contains("folder name")));
    assert_eq!(before, common::snapshot(&site.public()));
}

#[test]
fn a_socket_or_pipe_in_the_site_is_named_not_skipped_in_silence() {
    // A socket (or a named pipe) called `….md` among the briefings was
    // skipped without a word: a briefing the editor may have meant went
    // unpublished, and nothing said so.
    let (site, _) = crate::built_site();
    let dir = site.root();
    let briefing = dir.join("content/briefings/2025-03-01-socket.md");
    let _briefing = std::os::unix::net::UnixListener::bind(&briefing).unwrap();
    std::fs::create_dir_all(dir.join("static")).unwrap();
    let asset = dir.join("static/editor.sock");
    let _asset = std::os::unix::net::UnixListener::bind(&asset).unwrap();
    let report = site.build().unwrap();
    let named: Vec<_> = report
        .warnings
        .iter()
        .filter(|d| d.message.contains("a socket, not a file"))
        .map(|d| d.path.to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        named,
        [
            "content/briefings/2025-03-01-socket.md",
            "static/editor.sock"
        ],
        "{:?}",
        report.warnings
    );
    assert!(!site.public().join("editor.sock").exists());
}

#[test]
fn copies_of_a_briefing_made_by_a_file_manager_or_sync_tool_are_refused() {
    // A briefing duplicated in Finder (`x copy.md`), Explorer
    // (`x - Copy.md`), saved twice by a browser (`x (1).md`), kept as a
    // backup with its extension put back (`x.bak.md`), or left by Dropbox
    // or Syncthing after a conflict was published as a briefing of its
    // own: a second item in every feed, mailed to subscribers.
    let (site, before) = crate::built_site();
    let copies = [
        "content/briefings/2025-01-01-good copy.md",
        "content/briefings/2025-01-01-good copy 2.md",
        "content/briefings/2025-01-01-good - Copy.md",
        "content/briefings/2025-01-01-good - Copy (2).md",
        "content/briefings/2025-01-01-good (1).md",
        "content/briefings/Copy of 2025-01-01-good.md",
        "content/briefings/2025-01-01-good.bak.md",
        "content/briefings/2025-01-01-good.orig.markdown",
        "content/briefings/2025-01-01-good.OLD.md",
        "content/briefings/2025-01-01-good (Ana's conflicted copy 2025-01-02).md",
        "content/briefings/2025-01-01-good (Case Conflict).md",
        "content/briefings/2025-01-01-good.sync-conflict-20250102-101010-ABCDEFG.md",
        "content/briefings/embargo copy/index.md",
    ];
    for rel in copies {
        site.write(rel, "---\ntitle: Good\ndate: 2025-01-01\n---\nFine.\n");
    }
    // Names that only look alike are briefings.
    for rel in [
        "content/briefings/2025-01-02-carbon-copy.md",
        "content/briefings/2025-01-02-top (ten).md",
        "content/briefings/2025-01-02-old.md",
    ] {
        site.write(rel, "---\ntitle: Other\ndate: 2025-01-02\n---\nText.\n");
    }
    let ds = crate::content_errors(site.build().unwrap_err());
    let mut refused: Vec<String> = ds
        .iter()
        .filter(|d| d.is_error())
        .inspect(|d| {
            assert!(d.message.contains("copy"), "{d}");
            assert!(d.hint.as_deref().unwrap_or("").contains("rename"), "{d}");
        })
        .map(|d| d.path.display().to_string())
        .collect();
    refused.sort();
    let mut expected: Vec<String> = copies
        .iter()
        .map(|c| c.trim_end_matches("/index.md").to_string())
        .collect();
    expected.sort();
    assert_eq!(refused, expected, "{ds:?}");
    assert_eq!(before, common::snapshot(&site.public()));
}
