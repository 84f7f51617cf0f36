//! The bodies of cached parses, apart from the rest: one append-only file,
//! `bodies-<generation>.pack`, read back a body at a time when a page that
//! shows it is rendered.
//!
//! A save appends the bodies it has not stored yet and leaves the rest
//! where they are. When more than half of the file is bodies no entry
//! refers to any more, the save writes a fresh file under the next
//! generation instead and removes the old one only after the cache that
//! names the new one is in place. Every body is checked against its hash
//! when read ([`crate::content::briefing::Body::text`]).

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::content::briefing::{Body, BodyStore, Stored};

/// An open pack file.
pub(super) struct Pack {
    path: PathBuf,
    file: File,
}

/// The pack file of `generation` in the cache folder `dir`.
pub(super) fn pack_path(dir: &Path, generation: u64) -> PathBuf {
    dir.join(format!("bodies-{generation}.pack"))
}

impl Pack {
    /// Opens a pack for reading.
    pub(super) fn open(path: PathBuf) -> std::io::Result<Pack> {
        let file = File::open(&path)?;
        Ok(Pack { path, file })
    }
}

impl BodyStore for Pack {
    fn read(&self, at: u64, len: u64) -> std::io::Result<Vec<u8>> {
        let mut buf = vec![0; usize::try_from(len).map_err(std::io::Error::other)?];
        #[cfg(unix)]
        std::os::unix::fs::FileExt::read_exact_at(&self.file, &mut buf, at)?;
        #[cfg(windows)]
        {
            let mut done = 0;
            while done < buf.len() {
                let n = std::os::windows::fs::FileExt::seek_read(
                    &self.file,
                    &mut buf[done..],
                    at + done as u64,
                )?;
                if n == 0 {
                    return Err(std::io::ErrorKind::UnexpectedEof.into());
                }
                done += n;
            }
        }
        Ok(buf)
    }

    fn path(&self) -> &Path {
        &self.path
    }
}

/// Appends bodies to a pack: the parse workers as they parse, and the
/// save for whatever is left. Writes are buffered: the bodies can be read
/// back once [`BodySink::finish`] has flushed them (a body read before
/// would fail its check, and the build would start over without the
/// cache).
pub struct BodySink {
    file: std::sync::Mutex<(std::io::BufWriter<File>, u64)>,
    reader: std::sync::Arc<dyn BodyStore>,
}

impl BodySink {
    /// Opens `path` for appending, and for reading back.
    pub(super) fn open(path: &Path) -> std::io::Result<BodySink> {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)?;
        let at = file.metadata()?.len();
        Ok(BodySink {
            file: std::sync::Mutex::new((std::io::BufWriter::with_capacity(1 << 20, file), at)),
            reader: std::sync::Arc::new(Pack::open(path.to_path_buf())?),
        })
    }

    /// Stores `text`, returning where it is and a body that reads it from
    /// there.
    pub fn store(&self, text: &str) -> std::io::Result<(Stored, Body)> {
        let hash = crate::util::content_hash(text.as_bytes());
        let mut guard = self.file.lock().unwrap_or_else(|e| e.into_inner());
        let (file, at) = &mut *guard;
        file.write_all(text.as_bytes())?;
        let place = Stored {
            at: *at,
            len: text.len() as u64,
            hash,
        };
        *at += place.len;
        drop(guard);
        Ok((
            place,
            Body::stored(std::sync::Arc::clone(&self.reader), place),
        ))
    }

    /// Flushes what was stored, so that it can be read back; returns the
    /// pack's length.
    pub fn finish(self) -> std::io::Result<u64> {
        let (mut file, at) = self.file.into_inner().unwrap_or_else(|e| e.into_inner());
        file.flush()?;
        Ok(at)
    }
}
