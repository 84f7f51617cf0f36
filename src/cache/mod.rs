//! What one build leaves for the next, outside the pipeline: the parse of
//! every Markdown file and a record of every output file, kept in the
//! site's cache folder ([`CACHE_DIR`]).
//!
//! Nothing in it is trusted blindly. The file carries a checksum and the
//! identity of the brief binary that wrote it: a cache that is missing,
//! truncated, corrupt or written by another binary is ignored and the
//! build runs cold. A parse is reused only for the same bytes under the
//! same parse context; an output record only while the file on disk still
//! has the size, time and inode the record says (see [`crate::build`]).
//! The file is replaced by renaming a complete new one into place, so an
//! interrupted build leaves the previous cache, never half of one.

pub mod cards;
mod files;
mod pack;
pub mod parse;
mod save;
pub mod search;
mod stores;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::content::briefing::{BodyStore, Stored};
use crate::output::{Records, records_serde};
use crate::util::{Stamp, content_hash};

pub use cards::CardStore;
pub use pack::BodySink;
pub use parse::{ParseCache, ParseStats};
pub use save::Saving;
pub use search::SearchStore;
pub use stores::Stores;

/// The cache folder's name inside the site root. `brief init` lists it in
/// the site's `.gitignore`.
pub const CACHE_DIR: &str = ".brief-cache";

/// The build cache's file inside [`CACHE_DIR`].
const FILE: &str = "build.bin";

/// The first bytes of the file; the digits are the layout's version.
const MAGIC: &[u8; 8] = b"BRIEF005";

/// How close to now a stamp must be to prove nothing (see
/// `save::racy_now`): well above any file system's clock tick.
const RACY_NS: i64 = 50_000_000;

/// A stamp no file has, so the file is checked by its bytes.
const UNPROVEN: Stamp = Stamp {
    len: u64::MAX,
    mtime_ns: -1,
    ino: 0,
    ctime_ns: -1,
};

/// What the last successful build parsed and wrote. The fields are in
/// the file in this order: those [`BuildCache::save_head`] writes while
/// the output is committed, then the output's records.
#[derive(Default, Serialize, Deserialize)]
pub struct BuildCache {
    /// The output folder the records describe.
    pub output: PathBuf,
    /// The pack holding the parses' bodies: (generation, length).
    pack: Option<(u64, u64)>,
    /// The parse of every Markdown file.
    pub parse: ParseCache,
    /// Every file of that output folder, by path.
    #[serde(with = "records_serde")]
    pub outputs: Records,
    /// Every folder of that output folder, by path (`""` for itself).
    pub dirs: crate::output::DirStamps,
    /// The bodies being written to the pack while the build goes on.
    #[serde(skip)]
    writing: Option<Writing>,
}

/// A thread appending bodies to the pack: where each went, and the pack's
/// length after.
type Writing = std::thread::JoinHandle<std::io::Result<(Vec<(PathBuf, Stored)>, u64)>>;

/// Why a cache was not used, for `--timings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cold {
    /// There was none (or `--no-cache`).
    Missing,
    /// It was truncated, corrupt, or of another layout.
    Corrupt,
    /// Another brief binary wrote it.
    OtherBinary,
}

/// The identity of the running brief: its version and its executable's
/// size and time, so that a rebuilt binary (whose pages may differ) never
/// reuses what another one made.
fn binary_identity() -> String {
    let exe = std::env::current_exe()
        .ok()
        .and_then(|p| crate::util::Stamp::read(&p));
    format!(
        "{} {:?}",
        env!("CARGO_PKG_VERSION"),
        exe.map(|s| (s.len, s.mtime_ns))
    )
}

/// The file's layout: [`MAGIC`], the payload's XXH3 checksum (8 bytes,
/// little-endian), then the payload: the binary identity and the cache,
/// in postcard.
impl BuildCache {
    /// The cache of the site at `root`, or an empty one and why.
    pub fn load(root: &Path) -> Result<BuildCache, Cold> {
        let bytes = std::fs::read(root.join(CACHE_DIR).join(FILE)).map_err(|_| Cold::Missing)?;
        let (magic, rest) = bytes.split_at_checked(MAGIC.len()).ok_or(Cold::Corrupt)?;
        let (sum, payload) = rest.split_at_checked(8).ok_or(Cold::Corrupt)?;
        if magic != MAGIC || sum != content_hash(payload).to_le_bytes() {
            return Err(Cold::Corrupt);
        }
        let (identity, cache): (String, BuildCache) =
            postcard::from_bytes(payload).map_err(|_| Cold::Corrupt)?;
        if identity != binary_identity() {
            return Err(Cold::OtherBinary);
        }
        let mut cache: BuildCache = cache;
        if let Some((generation, len)) = cache.pack {
            let path = pack::pack_path(&root.join(CACHE_DIR), generation);
            let pack = pack::Pack::open(path).map_err(|_| Cold::Corrupt)?;
            let on_disk = std::fs::metadata(pack::pack_path(&root.join(CACHE_DIR), generation))
                .map_err(|_| Cold::Corrupt)?
                .len();
            if on_disk < len {
                return Err(Cold::Corrupt);
            }
            let store: Arc<dyn BodyStore> = Arc::new(pack);
            if !cache.parse.attach(&store) {
                return Err(Cold::Corrupt);
            }
        } else if cache.parse.live_bytes() > 0 {
            return Err(Cold::Corrupt);
        }
        Ok(cache)
    }

    /// Opens the pack for the parse stage to store new bodies in as it
    /// goes ([`ParseCache::parse`]): the current one, or a new one when
    /// there is none. `None` if it cannot be opened: the bodies then stay
    /// in memory until the save.
    pub fn body_sink(&mut self, root: &Path) -> Option<BodySink> {
        let dir = root.join(CACHE_DIR);
        std::fs::create_dir_all(&dir).ok()?;
        let generation = match self.pack {
            Some((generation, _)) => generation,
            None => {
                let _ = std::fs::remove_file(pack::pack_path(&dir, 0));
                self.pack = Some((0, 0));
                0
            }
        };
        BodySink::open(&pack::pack_path(&dir, generation)).ok()
    }

    /// Starts writing the bodies not in the pack yet, on a thread of its
    /// own, so that the build renders meanwhile; [`BuildCache::save`]
    /// waits for it and records where each body went.
    pub fn write_bodies(&mut self, root: &Path) -> std::io::Result<()> {
        let dir = root.join(CACHE_DIR);
        std::fs::create_dir_all(&dir)?;
        // When most of the pack is bodies nothing refers to, every body is
        // copied into a new one.
        let live = self.parse.live_bytes();
        let on_disk = |generation| {
            std::fs::metadata(pack::pack_path(&dir, generation)).map_or(0, |m| m.len())
        };
        let (generation, fresh) = match self.pack {
            Some((generation, _)) if on_disk(generation) <= 2 * live + (1 << 20) => {
                (generation, false)
            }
            Some((generation, _)) => (generation + 1, true),
            None => (0, true),
        };
        let pack_file = pack::pack_path(&dir, generation);
        if fresh {
            let _ = std::fs::remove_file(&pack_file);
        }
        let out = BodySink::open(&pack_file)?;
        let mut bodies = self.parse.unstored_bodies(fresh);
        self.writing = Some(std::thread::spawn(move || {
            // In file order, so that the pack is the same for the same site.
            bodies.sort_unstable_by(|a, b| a.0.as_os_str().cmp(b.0.as_os_str()));
            let mut places = Vec::with_capacity(bodies.len());
            for (path, body) in bodies {
                let text = body
                    .text()
                    .map_err(|e| std::io::Error::other(e.to_string()))?;
                places.push((path, out.store(&text)?.0));
            }
            Ok((places, out.finish()?))
        }));
        self.pack = Some((generation, 0));
        Ok(())
    }

    /// Waits for the bodies being written (when the cache is not saved
    /// after all: what was appended is never referred to).
    pub fn wait_bodies(&mut self) {
        if let Some(writer) = self.writing.take() {
            let _ = writer.join();
        }
    }

    /// Deletes the cache file (before a build that cannot keep it true).
    pub fn remove(root: &Path) {
        let _ = std::fs::remove_file(root.join(CACHE_DIR).join(FILE));
    }
}

/// Serde for a JSON value inside a non-self-describing format: as its
/// JSON text.
pub mod as_json {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// Writes `value` as JSON text.
    pub fn serialize<S: Serializer>(value: &serde_json::Value, s: S) -> Result<S::Ok, S::Error> {
        value.to_string().serialize(s)
    }

    /// Reads a value written by [`serialize`].
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<serde_json::Value, D::Error> {
        let text = String::deserialize(d)?;
        serde_json::from_str(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{Record, Tracked};

    fn saved() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let mut cache = BuildCache::default();
        cache.outputs.insert(
            "index.html".into(),
            Tracked::new(Record {
                fp: Some(7),
                hash: 9,
                stamp: crate::util::Stamp {
                    len: 3,
                    mtime_ns: 4,
                    ino: 5,
                    ctime_ns: 6,
                },
            }),
        );
        cache.save(dir.path()).unwrap();
        let file = dir.path().join(CACHE_DIR).join(FILE);
        (dir, file)
    }

    #[test]
    fn a_saved_cache_loads_back() {
        let (dir, _) = saved();
        let cache = BuildCache::load(dir.path()).unwrap();
        assert_eq!(cache.outputs["index.html"].record.hash, 9);
    }

    #[test]
    fn stamps_taken_within_a_clock_tick_of_the_save_prove_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as i64;
        let stamp = |mtime_ns| Stamp {
            len: 1,
            mtime_ns,
            ino: 1,
            ctime_ns: mtime_ns,
        };
        let mut cache = BuildCache::default();
        for (path, s) in [("old", stamp(now - 10_000_000_000)), ("new", stamp(now))] {
            let r = Record {
                fp: None,
                hash: 1,
                stamp: s,
            };
            cache.outputs.insert(path.into(), Tracked::new(r));
            cache.dirs.insert(path.into(), s);
        }
        cache.save(dir.path()).unwrap();
        let loaded = BuildCache::load(dir.path()).unwrap();
        assert_eq!(
            loaded.outputs["old"].record.stamp,
            stamp(now - 10_000_000_000)
        );
        assert_eq!(loaded.outputs["new"].record.stamp, UNPROVEN);
        assert_eq!(loaded.dirs["new"], UNPROVEN);
    }

    #[test]
    fn a_damaged_cache_is_ignored() {
        let (dir, file) = saved();
        let good = std::fs::read(&file).unwrap();
        // Truncated (an interrupted write by hand), a flipped bit, garbage.
        for bad in [
            good[..good.len() / 2].to_vec(),
            {
                let mut b = good.clone();
                let last = b.len() - 1;
                b[last] ^= 1;
                b
            },
            b"not a cache".to_vec(),
            Vec::new(),
        ] {
            std::fs::write(&file, &bad).unwrap();
            assert_eq!(BuildCache::load(dir.path()).err(), Some(Cold::Corrupt));
        }
        std::fs::remove_file(&file).unwrap();
        assert_eq!(BuildCache::load(dir.path()).err(), Some(Cold::Missing));
    }

    #[test]
    fn a_cache_from_another_binary_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let payload =
            postcard::to_stdvec(&("0.0.0 other".to_string(), BuildCache::default())).unwrap();
        let mut bytes = MAGIC.to_vec();
        bytes.extend(content_hash(&payload).to_le_bytes());
        bytes.extend(payload);
        std::fs::create_dir_all(dir.path().join(CACHE_DIR)).unwrap();
        std::fs::write(dir.path().join(CACHE_DIR).join(FILE), bytes).unwrap();
        assert_eq!(BuildCache::load(dir.path()).err(), Some(Cold::OtherBinary));
    }
}
