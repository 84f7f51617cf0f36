//! The `write` stage: the only module that touches the output folder.
//!
//! A build writes into a fresh staging folder beside the output and swaps
//! it in only when everything succeeded, so a failed or interrupted build
//! leaves the previous site exactly as it was.
//!
//! brief replaces or writes into an output folder only when it is missing,
//! empty, or holds nothing but brief's own output (see [`inspect`]); every
//! build leaves a [`MANIFEST`] there listing the files it wrote.

mod direct;
mod dirs;
mod lock;
mod memory;
mod ownership;
mod patch;
mod record;
mod safety;
mod staging;
mod swap;

use std::path::{Component, Path};

use crate::error::BuildError;

pub use direct::Direct;
pub use dirs::DirStamps;
pub use lock::WriteLock;
pub use memory::Memory;
pub use ownership::{Contents, MANIFEST, inspect, published_names};
pub use record::{Changes, Record, Records, Tracked, records_serde};
pub use safety::{check_changes_file, check_output_dir};
pub use staging::{Committed, Staging};

/// Where rendered files go: a staging folder on disk, or memory.
pub trait Sink: Sync {
    /// Writes `bytes` at `path`, relative to the output root, `/`-separated.
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), BuildError>;
    /// Copies a file from disk to `path`.
    fn copy(&self, from: &Path, path: &str) -> Result<(), BuildError> {
        let bytes = std::fs::read(from).map_err(|e| BuildError::io(from, e))?;
        self.write(path, &bytes)
    }
}

/// Rejects output paths that could escape the output root.
fn checked(path: &str) -> Result<&Path, BuildError> {
    let p = Path::new(path);
    let safe = !path.is_empty() && p.components().all(|c| matches!(c, Component::Normal(_)));
    if safe {
        Ok(p)
    } else {
        Err(BuildError::Usage(format!(
            "refusing to write outside the output folder: {path:?}"
        )))
    }
}

/// Like [`checked`], and also keeps the manifest brief's own.
fn checked_on_disk(path: &str) -> Result<&Path, BuildError> {
    if path == MANIFEST {
        return Err(BuildError::Usage(format!(
            "refusing to write {MANIFEST}: brief keeps its list of output files there"
        )));
    }
    checked(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_paths_are_refused() {
        let m = Memory::new();
        for bad in ["../x", "/etc/passwd", "a/../../b", ""] {
            assert!(m.write(bad, b"x").is_err(), "{bad}");
        }
        assert!(m.write("a/b/index.html", b"x").is_ok());
    }
}
