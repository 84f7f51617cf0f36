//! One writer at a time: a build, or a command that writes into the
//! output folder, holds an exclusive lock on the site's folder from
//! before it looks at the output folder until it has committed (and
//! saved its cache).
//!
//! Without it, a second `brief build` started while one runs (a
//! scheduled publish meeting an editor's, a deploy script run twice)
//! took the first one's staging folder for an interrupted build's and
//! deleted it half-way through its render: the first build then swapped
//! in a site missing the pages it had already written, and said it had
//! built them all. The lock is the operating system's (`flock`), so a
//! build that dies releases it, and on Unix it is taken on the site's
//! folder itself, so that taking it writes nothing (a refused build
//! leaves the site as it was); elsewhere, where a folder cannot be
//! locked, on `.brief-cache/build.lock`.

use std::fs::{File, TryLockError};
use std::path::Path;

use crate::error::BuildError;

/// The lock, held until dropped.
#[derive(Debug)]
pub struct WriteLock {
    /// `None` where the file system takes no locks (some network file
    /// systems): the build then goes ahead as it did before locks.
    _file: Option<File>,
}

impl WriteLock {
    /// Takes the lock of the site at `root`, waiting for it while another
    /// brief holds it (`waiting` is called once, first, so that a person
    /// is told why nothing happens).
    pub fn take(root: &Path, waiting: impl FnOnce()) -> Result<WriteLock, BuildError> {
        let file = lockable(root)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                waiting();
                file.lock().map_err(|e| BuildError::io(root, e))?;
            }
            Err(TryLockError::Error(_)) => return Ok(WriteLock { _file: None }),
        }
        Ok(WriteLock { _file: Some(file) })
    }
}

/// What is locked: the site's folder.
#[cfg(unix)]
fn lockable(root: &Path) -> Result<File, BuildError> {
    File::open(root).map_err(|e| BuildError::io(root, e))
}

/// What is locked: a file in the site's cache folder.
#[cfg(not(unix))]
fn lockable(root: &Path) -> Result<File, BuildError> {
    let dir = root.join(crate::cache::CACHE_DIR);
    std::fs::create_dir_all(&dir).map_err(|e| BuildError::io(&dir, e))?;
    let path = dir.join("build.lock");
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| BuildError::io(&path, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    #[test]
    fn a_second_writer_waits_for_the_first() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path().to_path_buf();
        let first = WriteLock::take(&root, || panic!("nobody holds it yet")).unwrap();
        let waited = AtomicBool::new(false);
        let done = AtomicBool::new(false);
        std::thread::scope(|s| {
            let second = s.spawn(|| {
                let lock = WriteLock::take(&root, || waited.store(true, Ordering::SeqCst));
                done.store(true, Ordering::SeqCst);
                lock
            });
            std::thread::sleep(Duration::from_millis(200));
            assert!(
                !done.load(Ordering::SeqCst),
                "it waits while the first holds it"
            );
            drop(first);
            second.join().unwrap().unwrap();
        });
        assert!(waited.load(Ordering::SeqCst));
        assert!(done.load(Ordering::SeqCst));
    }
}
