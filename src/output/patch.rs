//! Committing a warm build: only the changed files move into the output
//! folder, under a journal.
//!
//! Everything is rendered into the staging folder first, so a build that
//! fails leaves the output folder untouched. Then the staging folder gets
//! the new manifest and a journal (`.brief-journal`) listing every file to
//! remove and to move into place, written and synced before the first
//! change to the output folder. If the commit is interrupted (a crash, a
//! full disk, a kill), the next build finds the journal and finishes the
//! commit before doing anything else: every step can be repeated, and the
//! files it moves were complete before the journal was written.
//!
//! Removals come first, pruning folders they leave empty, so that a path
//! that turns from a folder into a file (or back) never meets the old one.

use std::io::Write;
use std::path::Path;

use super::MANIFEST;

/// The journal's name inside a staging folder.
const JOURNAL: &str = ".brief-journal";

/// One step of a commit, by path relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Entry {
    /// Delete the file brief wrote there before.
    Remove(String),
    /// Move the staged file into place.
    Move(String),
}

/// Commits the staging folder `dir` into `target`: manifest, journal, then
/// the steps, then the staging folder goes.
pub(super) fn commit(
    dir: &Path,
    target: &Path,
    entries: &[Entry],
    manifest: &str,
) -> std::io::Result<()> {
    std::fs::write(dir.join(MANIFEST), manifest)?;
    let mut journal = String::new();
    for e in entries {
        let (mark, path) = match e {
            Entry::Remove(p) => ('-', p),
            Entry::Move(p) => ('~', p),
        };
        journal.push(mark);
        journal.push_str(path);
        journal.push('\n');
    }
    let mut f = std::fs::File::create(dir.join(JOURNAL))?;
    f.write_all(journal.as_bytes())?;
    f.sync_all()?;
    apply(dir, target, entries)
}

/// Checks, before anything moves, that every file can go where it
/// should: no folder stands at a file's path and no file (other than one
/// being removed) where its folders go. A move that failed half-way
/// through would leave the output part old, part new, with a journal that
/// could never finish.
pub(super) fn preflight(target: &Path, entries: &[Entry]) -> std::io::Result<()> {
    let removed: std::collections::HashSet<&str> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::Remove(p) => Some(p.as_str()),
            Entry::Move(_) => None,
        })
        .collect();
    let in_the_way = |what: String| Err(std::io::Error::other(what));
    for e in entries {
        let Entry::Move(path) = e else { continue };
        // A folder whose files all go is pruned before the moves.
        let folder = target.join(path);
        if folder.is_dir()
            && walkdir::WalkDir::new(&folder)
                .into_iter()
                .flatten()
                .filter(|f| !f.file_type().is_dir())
                .any(|f| {
                    let rel = f.path().strip_prefix(target).unwrap_or(f.path());
                    !removed.contains(super::ownership::rel_string(rel).as_str())
                })
        {
            return in_the_way(format!(
                "{path} is a folder in the output, where the build puts a file"
            ));
        }
        let mut rest = path.as_str();
        while let Some((parent, _)) = rest.rsplit_once('/') {
            if !removed.contains(parent) && target.join(parent).is_file() {
                return in_the_way(format!(
                    "{parent} is a file in the output, where the build needs a folder for {path}"
                ));
            }
            rest = parent;
        }
    }
    Ok(())
}

/// Carries out `entries`; each step may already have been done. A path
/// that would leave the output folder (`../x`) is refused before any step.
fn apply(dir: &Path, target: &Path, entries: &[Entry]) -> std::io::Result<()> {
    for e in entries {
        let (Entry::Remove(path) | Entry::Move(path)) = e;
        if super::checked(path).is_err() {
            return Err(std::io::Error::other(format!(
                "refusing to touch {path:?}: it is not a path inside the output folder"
            )));
        }
    }
    for e in entries {
        if let Entry::Remove(path) = e {
            let file = target.join(path);
            match std::fs::remove_file(&file) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
            prune(target, &file);
        }
    }
    for e in entries {
        if let Entry::Move(path) = e {
            let from = dir.join(path);
            if !from.exists() {
                continue; // moved before an interruption
            }
            let to = target.join(path);
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::rename(&from, &to)?;
        }
    }
    let manifest = dir.join(MANIFEST);
    if manifest.exists() {
        std::fs::rename(&manifest, target.join(MANIFEST))?;
    }
    std::fs::remove_dir_all(dir)
}

/// Removes the folders between `file` and `target` that are now empty.
fn prune(target: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == target || !d.starts_with(target) || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// Reads a journal back.
fn read_journal(text: &str) -> Vec<Entry> {
    text.lines()
        .filter_map(|line| match line.split_at_checked(1)? {
            ("-", p) if super::checked(p).is_ok() => Some(Entry::Remove(p.to_string())),
            ("~", p) if super::checked(p).is_ok() => Some(Entry::Move(p.to_string())),
            _ => None,
        })
        .collect()
}

/// Finishes the commits that interrupted builds of the output folder
/// `name` (in `parent`) journaled, and removes the staging and old folders
/// they left without one.
pub(super) fn finish_interrupted(parent: &Path, name: &str, target: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let staging = format!(".{name}.staging-");
    let old = format!(".{name}.old-");
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().to_string();
        if !(file_name.starts_with(&staging) || file_name.starts_with(&old))
            || !entry.file_type().is_ok_and(|t| t.is_dir())
        {
            continue;
        }
        let dir = entry.path();
        if file_name.starts_with(&staging)
            && target.is_dir()
            && let Ok(journal) = std::fs::read_to_string(dir.join(JOURNAL))
            && apply(&dir, target, &read_journal(&journal)).is_ok()
        {
            continue;
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(dir: &Path) -> Vec<String> {
        let mut all: Vec<String> = walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .flatten()
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
                match std::fs::read_to_string(e.path()) {
                    Ok(text) => format!("{rel}={text}"),
                    Err(_) => format!("{rel}/"),
                }
            })
            .collect();
        all.sort();
        all
    }

    #[test]
    fn a_move_that_cannot_happen_is_refused_before_anything_moves() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("public");
        std::fs::create_dir_all(target.join("archive")).unwrap();
        std::fs::write(target.join("archive/index.html"), "kept").unwrap();
        std::fs::write(target.join("rss.xml"), "a file").unwrap();
        let moves = |paths: &[&str]| {
            paths
                .iter()
                .map(|p| Entry::Move(p.to_string()))
                .collect::<Vec<_>>()
        };
        let e = preflight(&target, &moves(&["a.txt", "archive"])).unwrap_err();
        assert!(e.to_string().contains("archive is a folder"), "{e}");
        let e = preflight(&target, &moves(&["rss.xml/x"])).unwrap_err();
        assert!(e.to_string().contains("rss.xml is a file"), "{e}");
        // The folder's files go first, or the file is removed first.
        let mut entries = vec![Entry::Remove("archive/index.html".into())];
        entries.extend(moves(&["archive"]));
        preflight(&target, &entries).unwrap();
        let mut entries = vec![Entry::Remove("rss.xml".into())];
        entries.extend(moves(&["rss.xml/x"]));
        preflight(&target, &entries).unwrap();
    }

    #[test]
    fn an_interrupted_commit_is_finished_by_the_next_build() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("public");
        std::fs::create_dir_all(target.join("briefings/old")).unwrap();
        std::fs::write(target.join("briefings/old/index.html"), "old").unwrap();
        std::fs::write(target.join("index.html"), "home v1").unwrap();
        std::fs::write(target.join("feed"), "a file that becomes a folder").unwrap();
        let dir = root.path().join(".public.staging-1");
        std::fs::create_dir_all(dir.join("feed")).unwrap();
        std::fs::write(dir.join("index.html"), "home v2").unwrap();
        std::fs::write(dir.join("feed/index.xml"), "xml").unwrap();
        let entries = [
            Entry::Remove("briefings/old/index.html".into()),
            Entry::Remove("feed".into()),
            Entry::Move("index.html".into()),
            Entry::Move("feed/index.xml".into()),
        ];
        let expected = {
            let done = tempfile::tempdir().unwrap();
            let copy = |from: &Path, to: &Path| {
                for e in walkdir::WalkDir::new(from).min_depth(1) {
                    let e = e.unwrap();
                    let dest = to.join(e.path().strip_prefix(from).unwrap());
                    if e.file_type().is_dir() {
                        std::fs::create_dir_all(dest).unwrap();
                    } else {
                        std::fs::copy(e.path(), dest).unwrap();
                    }
                }
            };
            let (t, d) = (done.path().join("public"), done.path().join("s"));
            std::fs::create_dir_all(&t).unwrap();
            std::fs::create_dir_all(&d).unwrap();
            copy(&target, &t);
            copy(&dir, &d);
            commit(&d, &t, &entries, "manifest").unwrap();
            assert!(!d.exists());
            tree(&t)
        };
        assert_eq!(
            expected,
            [
                ".brief-manifest=manifest",
                "feed/",
                "feed/index.xml=xml",
                "index.html=home v2"
            ]
        );
        // The same commit, stopped after its first move: the journal and
        // the manifest are written, one file has moved.
        std::fs::write(dir.join(MANIFEST), "manifest").unwrap();
        std::fs::write(
            dir.join(JOURNAL),
            "-briefings/old/index.html\n-feed\n~index.html\n~feed/index.xml\n",
        )
        .unwrap();
        std::fs::rename(dir.join("index.html"), target.join("index.html")).unwrap();
        finish_interrupted(root.path(), "public", &target);
        assert_eq!(tree(&target), expected);
        assert!(!dir.exists());
        // A staging folder without a journal is only discarded.
        let stray = root.path().join(".public.staging-2");
        std::fs::create_dir_all(&stray).unwrap();
        std::fs::write(stray.join("index.html"), "half a build").unwrap();
        finish_interrupted(root.path(), "public", &target);
        assert!(!stray.exists());
        assert_eq!(tree(&target), expected);
    }

    #[test]
    fn a_journal_step_outside_the_output_folder_is_never_taken() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("public");
        std::fs::create_dir_all(&target).unwrap();
        std::fs::write(root.path().join("site.toml"), "mine").unwrap();
        let dir = root.path().join(".public.staging-1");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(JOURNAL), "-../site.toml\n~../moved\n").unwrap();
        assert_eq!(read_journal("-../site.toml\n~/etc/x\n-a/../../b\n"), []);
        finish_interrupted(root.path(), "public", &target);
        assert!(root.path().join("site.toml").exists());
        let e = apply(&dir, &target, &[Entry::Remove("../site.toml".into())]).unwrap_err();
        assert!(e.to_string().contains("not a path inside"), "{e}");
        assert!(root.path().join("site.toml").exists());
    }
}
