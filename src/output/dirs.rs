//! Finding foreign files in an output folder without walking all of it.
//!
//! Adding, removing or renaming an entry in a folder changes the folder's
//! modification and status-change times (git's untracked cache relies on
//! the same rule). So the build cache keeps the [`Stamp`] of every folder
//! of the output as the last build left it, when it held only brief's
//! files; a warm build lists only the folders whose stamp changed, and
//! folders it has no stamp for, instead of every folder.

use std::collections::BTreeSet;
use std::path::Path;

use rayon::prelude::*;

use super::MANIFEST;
use super::ownership::{Contents, parse_manifest, rel_string};
use crate::error::BuildError;
use crate::util::{Map, Stamp, StampDir};

/// The folders of an output folder, relative (`""` for the folder itself),
/// with their stamps.
pub type DirStamps = Map<String, Stamp>;

/// [`super::inspect`] for an output folder whose folders had `dirs` when
/// it held only brief's files: only changed and new folders are listed.
/// `None` when the folder has no manifest brief understands (the caller
/// then walks everything).
pub(super) fn inspect_since(
    target: &Path,
    dirs: &DirStamps,
) -> Option<Result<Contents, BuildError>> {
    let listed: crate::util::Set<String> =
        parse_manifest(&std::fs::read_to_string(target.join(MANIFEST)).ok()?)?;
    let folder = StampDir::open(target);
    let changed: Vec<&String> = dirs
        .par_iter()
        .filter(|(rel, stamp)| stamp_of(&folder, rel) != Some(**stamp))
        .map(|(rel, _)| rel)
        .collect();
    let mut foreign = Vec::new();
    let mut pending: Vec<String> = changed.into_iter().cloned().collect();
    while let Some(rel) = pending.pop() {
        let dir = target.join(&rel);
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Some(Err(BuildError::io(&dir, e))),
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let child = rel_string(path.strip_prefix(target).unwrap_or(&path));
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            if is_dir {
                // A folder brief did not make is listed whole.
                if !dirs.contains_key(&child) {
                    pending.push(child);
                }
            } else if child != MANIFEST && !listed.contains(&child) {
                foreign.push(child);
            }
        }
    }
    foreign.sort();
    Some(Ok(Contents {
        owned: listed,
        foreign,
    }))
}

/// The stamp of every folder that holds one of `files` (relative paths in
/// `target`), and of `target` itself.
pub(super) fn stamp_dirs<'a>(target: &Path, files: impl Iterator<Item = &'a String>) -> DirStamps {
    let folder = StampDir::open(target);
    folders(files.map(String::as_str))
        .into_par_iter()
        .filter_map(|rel| Some((rel.to_string(), stamp_of(&folder, rel)?)))
        .collect()
}

/// The stamp of the folder at `rel` in the output folder (`""` for itself).
fn stamp_of(folder: &StampDir, rel: &str) -> Option<Stamp> {
    folder.read(if rel.is_empty() { "." } else { rel })
}

/// The folders holding `files` (relative paths), and the output folder
/// itself (`""`).
fn folders<'a>(files: impl Iterator<Item = &'a str>) -> BTreeSet<&'a str> {
    let mut rels = BTreeSet::from([""]);
    for f in files {
        let mut rest = f;
        while let Some((parent, _)) = rest.rsplit_once('/') {
            if !rels.insert(parent) {
                break;
            }
            rest = parent;
        }
    }
    rels
}

/// `old` after a commit that added, replaced or removed the files at
/// `touched`: the folders on their way (and the output folder, which got
/// a new manifest) are stamped again, and dropped when they are gone.
pub(super) fn restamp(target: &Path, mut old: DirStamps, touched: &[&str]) -> DirStamps {
    if touched.is_empty() {
        return old;
    }
    let folder = StampDir::open(target);
    for rel in folders(touched.iter().copied()) {
        match stamp_of(&folder, rel) {
            Some(stamp) => old.insert(rel.to_string(), stamp),
            None => old.remove(rel),
        };
    }
    old
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changed_folders_are_listed() {
        let dir = tempfile::tempdir().unwrap();
        let t = dir.path();
        std::fs::create_dir_all(t.join("a/b")).unwrap();
        std::fs::write(t.join("a/b/index.html"), "x").unwrap();
        std::fs::write(t.join("index.html"), "x").unwrap();
        std::fs::write(
            t.join(MANIFEST),
            "# brief output manifest, format 1\na/b/index.html\nindex.html\n",
        )
        .unwrap();
        let files = ["a/b/index.html".to_string(), "index.html".to_string()];
        let dirs = stamp_dirs(t, files.iter());
        assert_eq!(dirs.len(), 3, "{dirs:?}");
        let clean = inspect_since(t, &dirs).unwrap().unwrap();
        assert!(clean.foreign.is_empty());
        // A file dropped deep inside, and a folder of someone else's.
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(t.join("a/b/notes.txt"), "mine").unwrap();
        std::fs::create_dir_all(t.join("a/mine/deeper")).unwrap();
        std::fs::write(t.join("a/mine/deeper/x.txt"), "mine").unwrap();
        let found = inspect_since(t, &dirs).unwrap().unwrap();
        assert_eq!(found.foreign, ["a/b/notes.txt", "a/mine/deeper/x.txt"]);
        // No manifest: no shortcut.
        std::fs::remove_file(t.join(MANIFEST)).unwrap();
        assert!(inspect_since(t, &dirs).is_none());
    }
}
