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
use crate::error::BuildError;

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

/// Appends bodies to a pack file.
pub(super) struct Appender {
    path: PathBuf,
    file: std::io::BufWriter<File>,
    at: u64,
}

impl Appender {
    /// Opens `path` for appending, creating it if need be.
    pub(super) fn open(path: &Path) -> std::io::Result<Appender> {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)?;
        let at = file.metadata()?.len();
        Ok(Appender {
            path: path.to_path_buf(),
            file: std::io::BufWriter::with_capacity(1 << 20, file),
            at,
        })
    }

    /// Where the next body goes.
    pub(super) fn at(&self) -> u64 {
        self.at
    }

    /// Appends `bodies` in file order (so that the pack is the same for
    /// the same site), returning where each one is.
    pub(super) fn write(
        &mut self,
        mut bodies: Vec<(PathBuf, Body)>,
    ) -> Result<Vec<(PathBuf, Stored)>, BuildError> {
        bodies.sort_unstable_by(|a, b| a.0.as_os_str().cmp(b.0.as_os_str()));
        let mut places = Vec::with_capacity(bodies.len());
        for (path, body) in bodies {
            let text = body.text()?;
            self.file
                .write_all(text.as_bytes())
                .map_err(|e| BuildError::io(&self.path, e))?;
            let place = Stored {
                at: self.at,
                len: text.len() as u64,
                hash: match body.place() {
                    Some(p) => p.hash,
                    None => crate::util::content_hash(text.as_bytes()),
                },
            };
            self.at += place.len;
            places.push((path, place));
        }
        Ok(places)
    }

    /// Flushes what was appended; returns the file's length.
    pub(super) fn finish(mut self) -> std::io::Result<u64> {
        self.file.flush()?;
        Ok(self.at)
    }
}

/// A pack that parse workers store bodies in as they parse. Writes are
/// buffered: the bodies can be read back once [`BodySink::finish`] has
/// flushed them (a body read before would fail its check, and the build
/// would start over without the cache).
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

    /// Flushes what was stored, so that it can be read back.
    pub fn finish(self) -> std::io::Result<()> {
        let (mut file, _) = self.file.into_inner().unwrap_or_else(|e| e.into_inner());
        file.flush()
    }
}
