//! What a build knows about each file it leaves in the output folder, and
//! what changed there: the deploy list (`brief build --changes FILE`).

use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::util::{Map, Set, Stamp, StampDir, content_hash};

/// One output file as the build that wrote it left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The fingerprint of what it was rendered from, when the renderer
    /// keeps one (see [`crate::render::memo`]).
    pub fp: Option<u64>,
    /// The hash of its bytes ([`crate::util::content_hash`]).
    pub hash: u64,
    /// Its size, time and inode on disk after the build.
    pub stamp: Stamp,
}

/// The paths added, changed and removed by a build, relative to the output
/// folder, each list sorted.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    /// New paths.
    pub added: Vec<String>,
    /// Paths whose bytes differ from the previous build's (or may: a path
    /// the previous build left with no record of its bytes is listed).
    pub changed: Vec<String>,
    /// Paths the previous build wrote and this one did not.
    pub removed: Vec<String>,
}

impl Changes {
    /// Compares what the folder held (`owned`, with the `previous` hash of
    /// the files whose bytes are known) with what the build produced
    /// (`files`, with the hash of each one's bytes first).
    pub fn between<T>(
        owned: &Set<String>,
        previous: impl Fn(&str) -> Option<u64>,
        files: &Map<String, (u64, T)>,
    ) -> Changes {
        let mut changes = Changes::default();
        for (path, (hash, _)) in files {
            if !owned.contains(path) {
                changes.added.push(path.clone());
            } else if previous(path).is_none_or(|h| h != *hash) {
                changes.changed.push(path.clone());
            }
        }
        changes.removed = owned
            .iter()
            .filter(|p| !files.contains_key(*p))
            .cloned()
            .collect();
        changes.added.sort_unstable();
        changes.changed.sort_unstable();
        changes.removed.sort_unstable();
        changes
    }

    /// The deploy list: one path a line, prefixed `+`, `~` or `-`, in
    /// path order.
    pub fn to_text(&self) -> String {
        let mut lines: Vec<(&str, char)> = self
            .added
            .iter()
            .map(|p| (p.as_str(), '+'))
            .chain(self.changed.iter().map(|p| (p.as_str(), '~')))
            .chain(self.removed.iter().map(|p| (p.as_str(), '-')))
            .collect();
        lines.sort_unstable();
        let mut text = String::new();
        for (path, mark) in lines {
            text.push(mark);
            text.push_str(path);
            text.push('\n');
        }
        text
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }
}

/// Keeps the records that still describe the files in `target`: a record
/// holds while its file has the stamp it records, or else the bytes it
/// records (a file touched, or stamped too close to the last save to
/// tell), in which case it takes the file's stamp. Returns how many took a
/// new stamp.
pub(super) fn verify(records: &mut Map<String, Record>, target: &Path) -> usize {
    let folder = StampDir::open(target);
    let checked: Vec<(String, Option<Stamp>)> = records
        .par_iter()
        .filter_map(|(path, r)| {
            let now = folder.read(path).map(Stamp::moved);
            if now == Some(r.stamp) {
                return None;
            }
            let same = now.is_some()
                && std::fs::read(target.join(path))
                    .is_ok_and(|bytes| content_hash(&bytes) == r.hash)
                && folder.read(path).map(Stamp::moved) == now;
            Some((path.clone(), now.filter(|_| same)))
        })
        .collect();
    let refreshed = checked.iter().filter(|(_, s)| s.is_some()).count();
    for (path, stamp) in checked {
        match stamp {
            Some(stamp) => records.get_mut(&path).expect("listed").stamp = stamp,
            None => {
                records.remove(&path);
            }
        }
    }
    refreshed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_compare_bytes_not_writes() {
        let stamp = Stamp {
            len: 1,
            mtime_ns: 1,
            ino: 1,
            ctime_ns: 1,
        };
        let rec = |hash| Record {
            fp: None,
            hash,
            stamp,
        };
        let owned: Set<String> = ["a", "b", "c", "gone", "unknown"]
            .map(String::from)
            .into_iter()
            .collect();
        let previous: Map<String, Record> = [
            ("a", rec(1)),
            ("b", rec(2)),
            ("c", rec(3)),
            ("gone", rec(4)),
        ]
        .map(|(p, r)| (p.to_string(), r))
        .into_iter()
        .collect();
        let files: Map<String, (u64, ())> =
            [("a", 1), ("b", 20), ("c", 3), ("new", 5), ("unknown", 6)]
                .map(|(p, h)| (p.to_string(), (h, ())))
                .into_iter()
                .collect();
        let changes = Changes::between(&owned, |p| previous.get(p).map(|r| r.hash), &files);
        assert_eq!(changes.to_text(), "~b\n-gone\n+new\n~unknown\n");
    }
}
