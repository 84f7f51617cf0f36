//! The walk over `content/` and `static/`: which files are the site's.
//!
//! Only what the editor meant is published. Hidden files and folders,
//! editor backups and swap files ([`LEFTOVERS`], in any case), copies of
//! Markdown files (`x.md.bak`, `x.md.orig`) and whatever the site's
//! optional `.briefignore` (gitignore syntax, at the site root) names are
//! left out; leftovers that look like briefings are reported, so an editor
//! who saved `x.md~` by accident learns why it is not on the site.

mod names;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use ignore::gitignore::{Gitignore, GitignoreBuilder};

use names::looks_like_briefing;
pub use names::{LEFTOVERS, MERGE_COPIES, is_copy_name, is_leftover};

use crate::error::Diagnostic;

/// The ignore file's name, at the site root.
pub const IGNORE_FILE: &str = ".briefignore";

/// What a walk found.
#[derive(Debug, Default)]
pub struct Walk {
    /// (absolute path, path relative to the walked folder), sorted by name.
    pub files: Vec<(PathBuf, PathBuf)>,
    /// Leftovers that look like briefings, relative to the site root.
    pub skipped: Vec<PathBuf>,
    /// Problems met on the way: unreadable files, bad symlinks, a broken
    /// `.briefignore`.
    pub diagnostics: Vec<Diagnostic>,
}

/// The site's `.briefignore`, if it has one.
fn site_ignore(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<Gitignore> {
    let path = root.join(IGNORE_FILE);
    if !path.is_file() {
        return None;
    }
    let mut b = GitignoreBuilder::new(root);
    if let Some(e) = b.add(&path) {
        diagnostics.push(
            Diagnostic::error(IGNORE_FILE, format!("cannot use the ignore file: {e}")).with_hint(
                "write one gitignore pattern per line, e.g. `content/notes/` or `*.docx`",
            ),
        );
    }
    match b.build() {
        Ok(g) => Some(g),
        Err(e) => {
            diagnostics.push(Diagnostic::error(
                IGNORE_FILE,
                format!("cannot use the ignore file: {e}"),
            ));
            None
        }
    }
}

/// Every file under `dir` that belongs to the site, sorted by name.
/// Symlinks are followed only to files inside the site root; others are
/// reported.
pub fn walk_files(root: &Path, dir: &Path) -> Walk {
    let mut walk = Walk::default();
    if !dir.is_dir() {
        return walk;
    }
    let ignore = site_ignore(root, &mut walk.diagnostics);
    let skipped = Arc::new(Mutex::new(Vec::new()));
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let walker = {
        let skipped = Arc::clone(&skipped);
        // Unsorted: the files and what is said about them are sorted once
        // at the end (walkdir's sorting parsed both paths for every
        // comparison, 20 ms of a build of 10,000 briefings on one core).
        walkdir::WalkDir::new(dir)
            .follow_links(false)
            .into_iter()
            .filter_entry(move |e| {
                if e.depth() == 0 {
                    return true;
                }
                let name = e.file_name().to_string_lossy();
                if is_leftover(&name) {
                    if !e.file_type().is_dir() && looks_like_briefing(&name) {
                        skipped
                            .lock()
                            .unwrap_or_else(|p| p.into_inner())
                            .push(e.path().to_path_buf());
                    }
                    return false;
                }
                let ignored = ignore.as_ref().is_some_and(|g| {
                    g.matched_path_or_any_parents(e.path(), e.file_type().is_dir())
                        .is_ignore()
                });
                !ignored
            })
    };
    let mut walker = walker;
    let found_from = walk.diagnostics.len();
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| super::rel_to(root, p))
                    .unwrap_or_else(|| super::rel_to(root, dir));
                walk.diagnostics
                    .push(Diagnostic::error(path, format!("cannot read: {e}")));
                continue;
            }
        };
        let path = entry.path();
        // Made only for a message.
        let shown = || super::rel_to(root, path);
        if entry.depth() > 0 && entry.file_name().to_str().is_none() {
            // Its URL would be the name with U+FFFD for each byte that is
            // not UTF-8, which is not the file the editor named (and two
            // such names may meet in one URL).
            let what = if entry.file_type().is_dir() {
                walker.skip_current_dir();
                "folder"
            } else {
                "file"
            };
            walk.diagnostics.push(
                Diagnostic::error(
                    shown(),
                    format!("the {what} name is not UTF-8 text, so no URL can name it"),
                )
                .with_hint("rename it with UTF-8 (e.g. save the name again on this system), or move it out of the site"),
            );
            continue;
        }
        if entry.path_is_symlink() {
            match path.canonicalize() {
                Err(_) => {
                    walk.diagnostics.push(
                        Diagnostic::error(shown(), "broken symlink (or a symlink loop)")
                            .with_hint("remove the link or point it at a file inside the site"),
                    );
                    continue;
                }
                Ok(target) if !target.starts_with(&canonical_root) => {
                    walk.diagnostics.push(
                        Diagnostic::error(shown(), format!("symlink points outside the site, to {}", target.display()))
                            .with_hint("copy the file into the site instead; brief does not follow links out of it"),
                    );
                    continue;
                }
                // Inside the site but outside this folder (`static/x ->
                // ../content/briefings/draft.md`), or a Markdown file
                // under another name: the site's own source, a draft's
                // text included, would be published as it is.
                Ok(target)
                    if !target.starts_with(dir.canonicalize().as_deref().unwrap_or(dir))
                        || (is_markdown(&target) && !is_markdown(path)) =>
                {
                    let to = super::rel_to(&canonical_root, &target);
                    walk.diagnostics.push(
                        Diagnostic::error(
                            shown(),
                            format!("symlink points at {}, which would be published as it is", to.display()),
                        )
                        .with_hint("copy the file you mean to publish into this folder instead; brief publishes no source of the site through a link"),
                    );
                    continue;
                }
                // `latest.md -> 2025-08-09-x.md`: one briefing at two URLs,
                // and two items in every feed.
                Ok(target)
                    if is_markdown(path)
                        && is_markdown(&target)
                        && dir == root.join(super::CONTENT_DIR) =>
                {
                    let to = super::rel_to(&canonical_root, &target);
                    walk.diagnostics.push(
                        Diagnostic::error(
                            shown(),
                            format!("symlink to the briefing {}, which would be published twice, at two URLs and twice in every feed", to.display()),
                        )
                        .with_hint("remove the link; to give that briefing a second address, list it under `aliases:` in its front matter"),
                    );
                    continue;
                }
                Ok(target) if target.is_dir() => {
                    walk.diagnostics.push(
                        Diagnostic::warning(shown(), "symlinked folder not followed").with_hint(
                            "links to folders can form loops; move or copy the folder in instead",
                        ),
                    );
                    continue;
                }
                Ok(_) => {}
            }
        } else if !entry.file_type().is_file() {
            // A named pipe, a socket or a device: nothing to read (a pipe
            // named `x.md` would hang the build, a device read forever),
            // and never silently left out.
            if let Some(what) = special_kind(entry.file_type()) {
                walk.diagnostics.push(
                    Diagnostic::warning(shown(), format!("{what}, not a file: not published"))
                        .with_hint(
                            "brief reads only regular files; remove it, or move it out of the site",
                        ),
                );
            }
            continue;
        }
        let rel = path.strip_prefix(dir).unwrap_or(path).to_path_buf();
        walk.files.push((path.to_path_buf(), rel));
    }
    // By path, component by component: the order of a walk that visits
    // each folder's entries sorted by name. Stable, so each file's
    // diagnostics keep their order.
    walk.files.sort_by_cached_key(|f| order_key(&f.1));
    walk.diagnostics[found_from..].sort_by(|a, b| a.path.cmp(&b.path));
    let mut skipped = std::mem::take(&mut *skipped.lock().unwrap_or_else(|p| p.into_inner()));
    skipped.sort();
    walk.skipped = skipped.iter().map(|p| super::rel_to(root, p)).collect();
    walk
}

/// Where `path` sorts in a walk by sorted names, as bytes that compare as
/// its components do (`a/x.md` before `a-b.md`): each component followed
/// by a 0 byte, which sorts below any byte a name can hold. Comparing
/// paths themselves parsed both at every comparison (25 ms of a build of
/// 10,000 briefings, on one core).
fn order_key(path: &Path) -> Vec<u8> {
    let mut key = Vec::with_capacity(path.as_os_str().len() + 4);
    for c in path.components() {
        key.extend_from_slice(c.as_os_str().as_encoded_bytes());
        key.push(0);
    }
    key
}

/// What a file that is neither a regular file, a folder nor a symlink is,
/// in an editor's words; `None` for those three.
fn special_kind(t: std::fs::FileType) -> Option<&'static str> {
    if t.is_file() || t.is_dir() || t.is_symlink() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a named pipe");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_block_device() || t.is_char_device() {
            return Some("a device");
        }
    }
    Some("a special file")
}

/// Whether `path` names a Markdown file (`.md`, `.markdown`, any case).
fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftovers_are_recognised() {
        for name in [
            "x.md~",
            "#x.md#",
            ".#x.md",
            ".x.md.swp",
            "x.md.swo",
            "x.bak",
            "x.tmp",
            ".DS_Store",
            "Thumbs.db",
            ".hidden",
            "a.md.BAK",
            "f.md.Tmp",
            "d.md.orig",
            "c.md.backup",
            "i.md.kate-swp",
            "j.md.crswap",
            "k.md.sb-abc",
            "x.md.save",
            "backup.md.old",
            "rej.md.rej",
            "x.MD.html",
            "x.markdown.2",
            "lead.JPG.Bak",
            "data.csv.temp",
            "x.png.part",
            "~$report.docx",
            "a_BASE_1234.md",
            "a_REMOTE_99.md",
            "THUMBS.DB",
        ] {
            assert!(is_leftover(name), "{name}");
        }
        for name in [
            "x.md",
            "lead.jpg",
            "report.pdf",
            "tmp.md",
            "swp.md",
            "old.md",
            "backup.png",
            "readme.markdown",
            "rate_base_2024.csv",
            "movie.swf",
            ".well-known",
        ] {
            assert!(!is_leftover(name), "{name}");
        }
    }

    #[test]
    fn copy_names_are_recognised() {
        for stem in [
            "x copy",
            "x Copy 12",
            "x - Copy",
            "x - Copy (3)",
            "x (1)",
            "Copy of x",
            "Copy (2) of x",
            "x (Ana's conflicted copy 2025-01-02)",
            "x (Case Conflict 1)",
            "x.sync-conflict-20250102-101010-ABCDEFG",
            "x.bak",
            "x.ORIG",
            "x.old",
            "x.tmp",
        ] {
            assert!(is_copy_name(stem), "{stem}");
        }
        for stem in [
            "x",
            "carbon-copy",
            "copy",
            "copyright",
            "the copy editors",
            "top (ten)",
            "x(1)",
            "old",
            "bak",
            "2025-01-01-x.v2",
            "copy of",
        ] {
            assert!(!is_copy_name(stem), "{stem}");
        }
    }

    #[test]
    fn walk_skips_leftovers_and_ignored_files_and_names_briefing_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let content = root.join("content");
        for rel in [
            "a.md",
            "a.md~",
            "#a.md#",
            ".a.md.swp",
            "lead.jpg.bak",
            "notes/private.md",
            "draft.docx",
            ".git/config",
            "keep.jpg",
        ] {
            let p = content.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        }
        std::fs::write(root.join(IGNORE_FILE), "content/notes/\n*.docx\n").unwrap();
        let walk = walk_files(root, &content);
        let files: Vec<_> = walk.files.iter().map(|(_, rel)| rel.clone()).collect();
        assert_eq!(files, [PathBuf::from("a.md"), PathBuf::from("keep.jpg")]);
        assert_eq!(
            walk.skipped,
            [
                PathBuf::from("content/#a.md#"),
                PathBuf::from("content/.a.md.swp"),
                PathBuf::from("content/a.md~"),
            ]
        );
        assert!(walk.diagnostics.is_empty(), "{:?}", walk.diagnostics);
    }

    #[test]
    fn files_come_in_the_order_of_a_walk_by_sorted_names() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let content = root.join("content");
        // Written out of order; a folder sorts before a file that starts
        // with its name, as a walk that enters each folder in turn gives.
        for rel in [
            "b.md", "a.md", "a/z.md", "a/b/c.md", "a-b.md", "B.md", "a/a.md",
        ] {
            let p = content.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        }
        let walk = walk_files(root, &content);
        let files: Vec<_> = walk.files.iter().map(|(_, rel)| rel.clone()).collect();
        let expected = [
            "B.md", "a/a.md", "a/b/c.md", "a/z.md", "a-b.md", "a.md", "b.md",
        ];
        assert_eq!(files, expected.map(PathBuf::from));
    }

    #[test]
    fn order_keys_compare_as_paths_do() {
        let names = [
            "a",
            "a.md",
            "a-b.md",
            "a/b",
            "a/b.md",
            "a/b/c",
            "a b/c",
            "ab",
            "B",
            "é.md",
            "é/a",
            "z",
            "a/a-b",
            "a/a/b",
            "0",
            "2025/01/x.md",
            "2025-01.md",
        ];
        for x in names {
            for y in names {
                let (px, py) = (Path::new(x), Path::new(y));
                assert_eq!(
                    order_key(px).cmp(&order_key(py)),
                    px.cmp(py),
                    "{x:?} against {y:?}"
                );
            }
        }
    }
}
