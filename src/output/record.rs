//! What a build knows about each file it leaves in the output folder, and
//! what changed there: the deploy list (`brief build --changes FILE`).

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

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

/// The records of an output folder's files, by path: what the build cache
/// keeps, and what a warm build checks its renders against and marks as it
/// keeps files (one table from the cache's load to its save, never copied).
pub type Records = Map<String, Tracked>;

/// A [`Record`], and whether the build under way keeps its file as it is
/// (a mark: no allocation, no lock). Stored as the record alone.
#[derive(Debug)]
pub struct Tracked {
    /// The record.
    pub record: Record,
    kept: AtomicBool,
}

impl Tracked {
    /// `record`, not kept (yet).
    pub fn new(record: Record) -> Tracked {
        Tracked {
            record,
            kept: AtomicBool::new(false),
        }
    }

    /// Marks the file as kept: its inputs did not change.
    pub fn keep(&self) {
        self.kept.store(true, Ordering::Relaxed);
    }

    /// Whether the build under way keeps the file.
    pub fn kept(&self) -> bool {
        self.kept.load(Ordering::Relaxed)
    }
}

impl Serialize for Tracked {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.record.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Tracked {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Record::deserialize(d).map(Tracked::new)
    }
}

/// Serde for [`Records`] that reads the table at its full size at once:
/// serde's own caps what it reserves (for untrusted input) and so grows a
/// table of 30,000 records twice on the way, at a page fault per new page.
pub mod records_serde {
    use serde::de::{MapAccess, Visitor};
    use serde::{Deserializer, Serialize, Serializer};

    use super::{Records, Tracked};

    /// The most records reserved up front (a checksummed cache never says
    /// more than it holds, but a reservation is never taken on trust).
    const MOST: usize = 1 << 22;

    /// Writes `records` as a map.
    pub fn serialize<S: Serializer>(records: &Records, s: S) -> Result<S::Ok, S::Error> {
        records.serialize(s)
    }

    /// Reads a map written by [`serialize`].
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Records, D::Error> {
        struct Table;
        impl<'de> Visitor<'de> for Table {
            type Value = Records;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map of output records")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Records, A::Error> {
                let mut records = Records::with_capacity_and_hasher(
                    map.size_hint().unwrap_or(0).min(MOST),
                    Default::default(),
                );
                while let Some((path, tracked)) = map.next_entry::<String, Tracked>()? {
                    records.insert(path, tracked);
                }
                Ok(records)
            }
        }
        d.deserialize_map(Table)
    }
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
    /// What changed in a folder that held `owned` now that it holds
    /// `files`, of which the build wrote `written` (each with the hash of
    /// the bytes it replaced, when known) and kept the rest as they were.
    pub fn between(
        owned: &Set<String>,
        files: &Records,
        written: &[(String, Option<u64>)],
    ) -> Changes {
        let mut changes = Changes::default();
        let mut listed = 0;
        for path in owned {
            if files.contains_key(path) {
                listed += 1;
            } else {
                changes.removed.push(path.clone());
            }
        }
        for (path, before) in written {
            let now = files.get(path).map(|t| t.record.hash);
            if owned.contains(path) && (before.is_none() || *before != now) {
                changes.changed.push(path.clone());
            }
        }
        // Files the folder did not hold: none when it held every one.
        if listed != files.len() {
            changes.added = files
                .keys()
                .filter(|p| !owned.contains(*p))
                .cloned()
                .collect();
        }
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
pub(super) fn verify(records: &mut Records, target: &Path) -> usize {
    let folder = StampDir::open(target);
    let checked: Vec<(String, Option<Stamp>)> = records
        .par_iter()
        .filter_map(|(path, t)| {
            let r = &t.record;
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
            Some(stamp) => records.get_mut(&path).expect("listed").record.stamp = stamp,
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
        // c kept; a written again with the same bytes, b with others; new
        // and unknown (no record of its bytes) written; unlisted kept
        // although the folder did not list it.
        let files: Records = [
            ("a", 1),
            ("b", 20),
            ("c", 3),
            ("new", 5),
            ("unknown", 6),
            ("unlisted", 7),
        ]
        .map(|(p, h)| (p.to_string(), Tracked::new(rec(h))))
        .into_iter()
        .collect();
        let written = [
            ("a", Some(1)),
            ("b", Some(2)),
            ("new", None),
            ("unknown", None),
        ]
        .map(|(p, h)| (p.to_string(), h));
        let changes = Changes::between(&owned, &files, &written);
        assert_eq!(changes.to_text(), "~b\n-gone\n+new\n~unknown\n+unlisted\n");
        // A folder that held every file: only what was written changed.
        let all: Set<String> = files.keys().cloned().collect();
        let changes = Changes::between(&all, &files, &written);
        assert_eq!(changes.to_text(), "~b\n~new\n~unknown\n");
    }
}
