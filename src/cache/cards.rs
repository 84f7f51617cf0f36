//! Drawn share cards, kept in `.brief-cache/cards/` so that a card whose
//! look did not change is never drawn again: not by a warm build, not by a
//! cold one (a new brief binary, `--no-cache` aside), not by the dev
//! server.
//!
//! A card is filed under a key hashed from exactly what it shows (its SVG
//! text, the fonts' identity and the renderer's version): `<key>.png`.
//! `index` lists the key each output path used last; when a build ends,
//! every PNG no path uses is deleted, so the folder holds one file per
//! card of the site and never grows past that.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use super::CACHE_DIR;
use crate::util::Map;

/// The folder's name inside [`CACHE_DIR`].
pub const CARDS_DIR: &str = "cards";

/// The index's file name.
const INDEX: &str = "index";

/// The last twelve bytes of every PNG: the `IEND` chunk. A file that does
/// not end so was cut short, and is drawn again.
const IEND: &[u8] = &[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82];

/// The PNG signature.
const SIGNATURE: &[u8] = &[0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1A, b'\n'];

/// The store of drawn cards of one site.
#[derive(Debug)]
pub struct CardStore {
    dir: PathBuf,
    /// Whether cards on file may be used (not with `--no-cache`).
    read: bool,
    /// The key each output path used after the last finished build, and
    /// whether the build under way keeps that card as it is.
    previous: Map<String, (u64, AtomicBool)>,
    /// The key each output path uses in the build under way, when it is
    /// not a kept one.
    next: Mutex<Map<String, u64>>,
}

/// The file of `key`.
fn file_name(key: u64) -> String {
    format!("{key:016x}.png")
}

impl CardStore {
    /// The store of the site at `root`. `read: false` draws every card
    /// again (and still files what it draws).
    pub fn open(root: &Path, read: bool) -> CardStore {
        let dir = root.join(CACHE_DIR).join(CARDS_DIR);
        let previous = std::fs::read_to_string(dir.join(INDEX))
            .map(|text| {
                text.lines()
                    .filter_map(|l| {
                        let (key, path) = l.split_once(' ')?;
                        let key = u64::from_str_radix(key, 16).ok()?;
                        Some((path.to_string(), (key, AtomicBool::new(false))))
                    })
                    .collect()
            })
            .unwrap_or_default();
        CardStore {
            dir,
            read,
            previous,
            next: Mutex::default(),
        }
    }

    /// The card filed under `key`, if there is one, whole.
    pub fn get(&self, key: u64) -> Option<Vec<u8>> {
        if !self.read {
            return None;
        }
        let bytes = std::fs::read(self.dir.join(file_name(key))).ok()?;
        (bytes.starts_with(SIGNATURE) && bytes.ends_with(IEND)).then_some(bytes)
    }

    /// Files `png` under `key`: written beside and renamed into place, so
    /// that no reader sees half of it. A card that cannot be filed is
    /// drawn again next time, nothing worse.
    pub fn put(&self, key: u64, png: &[u8]) {
        if std::fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        super::files::write_atomic(&self.dir, &file_name(key), png);
    }

    /// Records that the card at output `path` shows `key`.
    pub fn record(&self, path: &str, key: u64) {
        let mut next = self.next.lock().unwrap_or_else(|e| e.into_inner());
        next.insert(path.to_string(), key);
    }

    /// Records that the card at `path` was not drawn again: it still
    /// shows what it showed last time (a mark: no allocation, no lock).
    pub fn keep(&self, path: &str) {
        if let Some((_, kept)) = self.previous.get(path) {
            kept.store(true, Ordering::Relaxed);
        }
    }

    /// Ends a build: writes the index of the cards it uses and deletes
    /// every other file in the folder. Nothing changes when the build drew
    /// nothing new and uses the same cards.
    pub fn finish(self) {
        let mut next = self.next.into_inner().unwrap_or_else(|e| e.into_inner());
        let all_kept = || {
            self.previous
                .values()
                .all(|(_, k)| k.load(Ordering::Relaxed))
        };
        if next.is_empty() && all_kept() {
            return;
        }
        let mut same = true;
        for (path, (key, kept)) in &self.previous {
            match next.get(path) {
                Some(new) => same &= new == key,
                None if kept.load(Ordering::Relaxed) => {
                    next.insert(path.clone(), *key);
                }
                None => same = false,
            }
        }
        if (same && next.len() == self.previous.len()) || !self.dir.is_dir() {
            return;
        }
        let mut lines: Vec<(&String, &u64)> = next.iter().collect();
        lines.sort_unstable();
        let mut index = String::with_capacity(next.len() * 64);
        for (path, key) in lines {
            index.push_str(&format!("{key:016x} {path}\n"));
        }
        if !super::files::write_atomic(&self.dir, INDEX, index.as_bytes()) {
            return;
        }
        let used: HashSet<String> = next.values().map(|k| file_name(*k)).collect();
        super::files::prune(&self.dir, INDEX, &used);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(tag: u8) -> Vec<u8> {
        let mut bytes = SIGNATURE.to_vec();
        bytes.push(tag);
        bytes.extend(IEND);
        bytes
    }

    fn files(root: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(root.join(CACHE_DIR).join(CARDS_DIR))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn cards_come_back_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let store = CardStore::open(dir.path(), true);
        assert_eq!(store.get(1), None);
        store.put(1, &png(1));
        assert_eq!(store.get(1), Some(png(1)));
        let file = dir
            .path()
            .join(CACHE_DIR)
            .join(CARDS_DIR)
            .join(file_name(1));
        std::fs::write(&file, &png(1)[..10]).unwrap();
        assert_eq!(store.get(1), None, "a truncated card is drawn again");
        store.put(2, &png(2));
        assert_eq!(
            CardStore::open(dir.path(), false).get(2),
            None,
            "--no-cache"
        );
    }

    #[test]
    fn a_build_leaves_only_the_cards_it_uses() {
        let dir = tempfile::tempdir().unwrap();
        let store = CardStore::open(dir.path(), true);
        for key in [1, 2, 3] {
            store.put(key, &png(key as u8));
            store.record(&format!("briefings/b{key}/card.png"), key);
        }
        store.finish();
        assert_eq!(files(dir.path()).len(), 4);

        // b1 kept as it was, b2 drawn anew, b3 gone.
        let store = CardStore::open(dir.path(), true);
        store.keep("briefings/b1/card.png");
        store.put(9, &png(9));
        store.record("briefings/b2/card.png", 9);
        store.finish();
        assert_eq!(
            files(dir.path()),
            [file_name(1), file_name(9), INDEX.to_string()]
        );
        let store = CardStore::open(dir.path(), true);
        assert_eq!(store.previous.len(), 2);
        assert_eq!(store.get(1), Some(png(1)));
    }
}
