//! Parts of the search index, kept in `.brief-cache/search/` so that a
//! part whose briefings did not change is never indexed again: not by a
//! warm build, not by a cold one, not by the dev server.
//!
//! A part is filed under a key hashed from exactly what went into it (see
//! [`crate::render::search`]): `<key>.part`, one file holding every file
//! Pagefind made for it, with a checksum. `index` lists, for each part of
//! the last finished build, its key and its files' names, so that a warm
//! build can tell that the output folder already holds a part whole
//! without opening it. When a build ends, every part no longer used is
//! deleted: the folder holds one file per part of the site.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::CACHE_DIR;
use crate::util::content_hash;

/// The folder's name inside [`CACHE_DIR`].
pub const SEARCH_DIR: &str = "search";

/// The index's file name.
const INDEX: &str = "index";

/// The first bytes of a part's file; the digit is the layout's version.
const MAGIC: &[u8; 8] = b"BRIEFIX1";

/// The files of one part of the index: (path inside the part's folder,
/// bytes), in Pagefind's order.
pub type PartFiles = Vec<(String, Vec<u8>)>;

/// The store of search index parts of one site.
#[derive(Debug)]
pub struct SearchStore {
    dir: PathBuf,
    /// Whether parts on file may be used (not with `--no-cache`).
    read: bool,
    /// Each part's key and file names after the last finished build.
    previous: BTreeMap<String, (u64, Vec<String>)>,
    /// Each part's key and file names in the build under way.
    next: Mutex<BTreeMap<String, (u64, Vec<String>)>>,
}

/// The file of `key`.
fn file_name(key: u64) -> String {
    format!("{key:016x}.part")
}

/// `files` as one checksummed blob.
fn encode(files: &PartFiles) -> Vec<u8> {
    let size: usize = files.iter().map(|(n, b)| 8 + n.len() + b.len()).sum();
    let mut out = Vec::with_capacity(MAGIC.len() + 4 + size + 8);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(files.len() as u32).to_le_bytes());
    for (name, bytes) in files {
        out.extend_from_slice(&(name.len() as u32).to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
        out.extend_from_slice(bytes);
    }
    let sum = content_hash(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

/// The files of a blob [`encode`] made, or `None` if it is damaged.
fn decode(blob: &[u8]) -> Option<PartFiles> {
    let (body, sum) = blob.split_at_checked(blob.len().checked_sub(8)?)?;
    if content_hash(body).to_le_bytes() != sum || !body.starts_with(MAGIC) {
        return None;
    }
    let mut rest = &body[MAGIC.len()..];
    let mut take = |n: usize| -> Option<&[u8]> {
        let (head, tail) = rest.split_at_checked(n)?;
        rest = tail;
        Some(head)
    };
    let u32_at = |bytes: &[u8]| u32::from_le_bytes(bytes.try_into().unwrap_or_default()) as usize;
    let count = u32_at(take(4)?);
    let mut files = Vec::with_capacity(count.min(1 << 16));
    for _ in 0..count {
        let len = u32_at(take(4)?);
        let name = String::from_utf8(take(len)?.to_vec()).ok()?;
        let len = u32_at(take(4)?);
        files.push((name, take(len)?.to_vec()));
    }
    Some(files)
}

impl SearchStore {
    /// The store of the site at `root`. `read: false` indexes every part
    /// again (and still files what it makes).
    pub fn open(root: &Path, read: bool) -> SearchStore {
        let dir = root.join(CACHE_DIR).join(SEARCH_DIR);
        let previous = std::fs::read_to_string(dir.join(INDEX))
            .map(|text| {
                text.lines()
                    .filter_map(|l| {
                        let mut fields = l.split('\t');
                        let key = u64::from_str_radix(fields.next()?, 16).ok()?;
                        let part = fields.next()?.to_string();
                        Some((part, (key, fields.map(str::to_string).collect())))
                    })
                    .collect()
            })
            .unwrap_or_default();
        SearchStore {
            dir,
            read,
            previous,
            next: Mutex::default(),
        }
    }

    /// The names of the files `part` had under `key` in the last finished
    /// build, if it had that key.
    pub fn names(&self, part: &str, key: u64) -> Option<&[String]> {
        match self.previous.get(part) {
            Some((k, names)) if *k == key && self.read => Some(names),
            _ => None,
        }
    }

    /// The part filed under `key`, if there is one, whole.
    pub fn get(&self, key: u64) -> Option<PartFiles> {
        if !self.read {
            return None;
        }
        decode(&std::fs::read(self.dir.join(file_name(key))).ok()?)
    }

    /// Files `files` under `key`: written beside and renamed into place,
    /// so that no reader sees half of it. A part that cannot be filed is
    /// indexed again next time, nothing worse.
    pub fn put(&self, key: u64, files: &PartFiles) {
        if std::fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        super::files::write_atomic(&self.dir, &file_name(key), &encode(files));
    }

    /// Records that `part` is made of `names` under `key` in this build.
    pub fn record(&self, part: &str, key: u64, names: Vec<String>) {
        let mut next = self.next.lock().unwrap_or_else(|e| e.into_inner());
        next.insert(part.to_string(), (key, names));
    }

    /// Ends a build: writes the index of the parts it uses and deletes
    /// every other part on file. Nothing changes when the build uses the
    /// same parts as the last one.
    pub fn finish(self) {
        let next = self.next.into_inner().unwrap_or_else(|e| e.into_inner());
        if next == self.previous || !self.dir.is_dir() {
            return;
        }
        let mut index = String::new();
        for (part, (key, names)) in &next {
            index.push_str(&format!("{key:016x}\t{part}"));
            for name in names {
                index.push('\t');
                index.push_str(name);
            }
            index.push('\n');
        }
        if !super::files::write_atomic(&self.dir, INDEX, index.as_bytes()) {
            return;
        }
        let used: HashSet<String> = next.values().map(|(k, _)| file_name(*k)).collect();
        super::files::prune(&self.dir, INDEX, &used);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(tag: u8) -> PartFiles {
        vec![
            ("pagefind-entry.json".into(), vec![b'{', tag, b'}']),
            ("fragment/en_1.pf_fragment".into(), vec![tag; 300]),
        ]
    }

    #[test]
    fn parts_come_back_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let store = SearchStore::open(dir.path(), true);
        assert_eq!(store.get(1), None);
        store.put(1, &part(1));
        assert_eq!(store.get(1), Some(part(1)));
        let file = dir
            .path()
            .join(CACHE_DIR)
            .join(SEARCH_DIR)
            .join(file_name(1));
        let bytes = std::fs::read(&file).unwrap();
        std::fs::write(&file, &bytes[..bytes.len() - 1]).unwrap();
        assert_eq!(store.get(1), None, "a truncated part is indexed again");
        let mut flipped = bytes.clone();
        flipped[20] ^= 1;
        std::fs::write(&file, &flipped).unwrap();
        assert_eq!(store.get(1), None, "a damaged part is indexed again");
        store.put(2, &part(2));
        assert_eq!(
            SearchStore::open(dir.path(), false).get(2),
            None,
            "--no-cache"
        );
    }

    #[test]
    fn a_build_leaves_only_the_parts_it_uses_and_remembers_their_files() {
        let dir = tempfile::tempdir().unwrap();
        let store = SearchStore::open(dir.path(), true);
        for (key, name) in [(1, "2024"), (2, "2025-q1"), (3, "2025-q2")] {
            store.put(key, &part(key as u8));
            store.record(
                name,
                key,
                part(key as u8).into_iter().map(|f| f.0).collect(),
            );
        }
        store.finish();

        let store = SearchStore::open(dir.path(), true);
        assert_eq!(
            store.names("2024", 1).unwrap(),
            ["pagefind-entry.json", "fragment/en_1.pf_fragment"]
        );
        assert_eq!(store.names("2024", 9), None, "another key");
        // 2024 kept, 2025-q1 indexed anew, 2025-q2 gone.
        store.record("2024", 1, vec!["pagefind-entry.json".into()]);
        store.put(9, &part(9));
        store.record("2025-q1", 9, vec!["pagefind-entry.json".into()]);
        store.finish();
        let mut files: Vec<String> = std::fs::read_dir(dir.path().join(CACHE_DIR).join(SEARCH_DIR))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        files.sort();
        assert_eq!(files, [file_name(1), file_name(9), INDEX.to_string()]);
    }
}
