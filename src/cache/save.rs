//! Writing the cache file: in two parts, so that `brief build` can write
//! the larger one, which needs nothing of the output folder, while the
//! output is committed.

use std::fs::File;
use std::io::{BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::{BuildCache, CACHE_DIR, FILE, MAGIC, RACY_NS, UNPROVEN, binary_identity, pack};
use crate::util::Stamp;

/// A writer that hashes what goes through it, as [`crate::util::content_hash`]
/// would hash it all at once.
struct Checksummed<W> {
    inner: W,
    hasher: xxhash_rust::xxh3::Xxh3,
}

impl<W: Write> Write for Checksummed<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// A cache file being written, under a temporary name until
/// [`BuildCache::save_rest`] renames it into place; removed if dropped
/// before that (when the commit it was written beside failed).
pub struct Saving {
    tmp: PathBuf,
    out: Option<BufWriter<Checksummed<File>>>,
}

impl Drop for Saving {
    fn drop(&mut self) {
        if self.out.take().is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Whether a stamp was taken too close to now to prove anything: file
/// systems keep times at the clock's tick (milliseconds), so a file
/// changed again within the tick in which its stamp was taken keeps the
/// same stamp. As with git's "racy" index entries, such a file is checked
/// by its bytes next time (a source is hashed again; an output is
/// rendered again and compared; a folder is listed again). "Now" is when
/// the part of the file that holds the stamp is written, after the stamp
/// was taken.
fn racy_now() -> impl Fn(&Stamp) -> bool {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(i64::MAX, |d| {
            i64::try_from(d.as_nanos()).unwrap_or(i64::MAX)
        });
    move |s: &Stamp| now - s.mtime_ns.max(s.ctime_ns) < RACY_NS
}

fn encode<T: serde::Serialize + ?Sized>(value: &T, out: &mut impl Write) -> std::io::Result<()> {
    postcard::to_io(value, out)
        .map(drop)
        .map_err(std::io::Error::other)
}

impl BuildCache {
    /// Writes the cache for the site at `root`, replacing the old one
    /// whole. A cache that cannot be written costs the next build its
    /// speed, nothing else, so failures are returned for a warning.
    pub fn save(&mut self, root: &Path) -> std::io::Result<()> {
        let head = self.save_head(root)?;
        self.save_rest(root, head)
    }

    /// The part of [`BuildCache::save`] that needs nothing of the output
    /// folder: waits for the bodies' pack, then streams the file's magic,
    /// room for its checksum, the binary's identity, the output folder's
    /// name, the pack and the parse of every Markdown file (two thirds of
    /// the file, 6 of 9 MB at 10,000 briefings) into a temporary file.
    /// Streamed rather than serialized into a buffer first: at 100,000
    /// briefings the file is 88 MB, and a buffer cost 190 MB of peak.
    pub fn save_head(&mut self, root: &Path) -> std::io::Result<Saving> {
        let dir = root.join(CACHE_DIR);
        if self.writing.is_none() {
            self.write_bodies(root)?;
        }
        let writer = self.writing.take().expect("started above");
        let (places, len) = writer
            .join()
            .map_err(|_| std::io::Error::other("the bodies pack writer failed"))??;
        self.parse.set_places(places);
        if let Some((_, pack_len)) = &mut self.pack {
            *pack_len = len;
        }
        self.parse.forget_stamps(racy_now());
        let mut saving = Saving {
            tmp: dir.join(format!(".{FILE}.{}", std::process::id())),
            out: None,
        };
        let mut f = File::create(&saving.tmp)?;
        f.write_all(MAGIC)?;
        f.write_all(&[0; 8])?;
        // The hasher sits behind the buffer: postcard writes a field at a
        // time, and hashing each few bytes on its own cost more than the
        // writing (a third of the save at 10,000 briefings).
        let out = saving.out.insert(BufWriter::with_capacity(
            1 << 16,
            Checksummed {
                inner: f,
                hasher: xxhash_rust::xxh3::Xxh3::new(),
            },
        ));
        // Postcard writes a tuple or a struct as its fields one after the
        // other: these are the payload `(identity, cache)` up to the
        // records, in `BuildCache`'s order.
        encode(&binary_identity(), out)?;
        encode(&self.output, out)?;
        encode(&self.pack, out)?;
        encode(&self.parse, out)?;
        Ok(saving)
    }

    /// The rest of [`BuildCache::save`] after [`BuildCache::save_head`]:
    /// the output's records, the checksum, the file renamed into place,
    /// and packs no cache refers to any more removed.
    pub fn save_rest(&mut self, root: &Path, mut saving: Saving) -> std::io::Result<()> {
        let racy = racy_now();
        for t in self.outputs.values_mut() {
            if racy(&t.record.stamp) {
                t.record.stamp = UNPROVEN;
            }
        }
        for stamp in self.dirs.values_mut() {
            if racy(stamp) {
                *stamp = UNPROVEN;
            }
        }
        let out = saving.out.as_mut().expect("a head is written once");
        encode(&self.outputs, out)?;
        encode(&self.dirs, out)?;
        let out = saving.out.take().expect("a head is written once");
        let dir = root.join(CACHE_DIR);
        let result = finish(out).and_then(|()| std::fs::rename(&saving.tmp, dir.join(FILE)));
        if result.is_err() {
            let _ = std::fs::remove_file(&saving.tmp);
            return result;
        }
        // Packs of other generations: no cache refers to them any more.
        let pack_file = pack::pack_path(&dir, self.pack.map_or(0, |(g, _)| g));
        for entry in std::fs::read_dir(&dir)?.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if name.starts_with("bodies-") && name.ends_with(".pack") && entry.path() != pack_file {
                let _ = std::fs::remove_file(entry.path());
            }
        }
        Ok(())
    }
}

/// Flushes the payload and writes its checksum after the magic.
fn finish(out: BufWriter<Checksummed<File>>) -> std::io::Result<()> {
    let Checksummed {
        inner: mut f,
        hasher,
    } = out.into_inner().map_err(|e| e.into_error())?;
    let sum = hasher.digest();
    f.seek(SeekFrom::Start(MAGIC.len() as u64))?;
    f.write_all(&sum.to_le_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_head_whose_commit_failed_leaves_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut cache = BuildCache::default();
        let head = cache.save_head(dir.path()).unwrap();
        let tmp = head.tmp.clone();
        assert!(tmp.exists());
        drop(head);
        assert!(!tmp.exists(), "the temporary file is removed");
        assert!(!dir.path().join(CACHE_DIR).join(FILE).exists());
        assert!(BuildCache::load(dir.path()).is_err());
    }

    #[test]
    fn a_head_and_its_rest_are_a_cache_that_loads() {
        let dir = tempfile::tempdir().unwrap();
        let mut cache = BuildCache {
            output: "public".into(),
            ..BuildCache::default()
        };
        let head = cache.save_head(dir.path()).unwrap();
        // What the commit records meanwhile.
        cache.dirs.insert("briefings".into(), UNPROVEN);
        cache.save_rest(dir.path(), head).unwrap();
        let loaded = BuildCache::load(dir.path()).unwrap();
        assert_eq!(loaded.output, PathBuf::from("public"));
        assert_eq!(loaded.dirs["briefings"], UNPROVEN);
        let names: Vec<_> = std::fs::read_dir(dir.path().join(CACHE_DIR))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert!(!names.iter().any(|n| n.starts_with('.')), "{names:?}");
    }
}
