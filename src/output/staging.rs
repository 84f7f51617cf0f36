//! Builds: a staging folder filled beside the output folder, then swapped
//! in whole.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use super::ownership::{MANIFEST, inspect, manifest_text, published_names, refusal};
use super::{Sink, check_output_dir, checked_on_disk};
use crate::error::BuildError;

/// A staging folder that becomes the output folder on [`Staging::commit`].
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    files: AtomicUsize,
    bytes: AtomicU64,
    /// Every path written, for the manifest.
    paths: Mutex<Vec<String>>,
    committed: bool,
}

impl Staging {
    /// Checks that `target` is a safe output folder for the site at `root`
    /// and creates an empty staging folder beside it. An output folder
    /// outside the site root is allowed only when `explicit` (named with
    /// `--output`). A folder holding files brief did not write is refused
    /// (see [`inspect`]) unless `force`; a refusal creates nothing.
    pub fn create(
        root: &Path,
        target: &Path,
        explicit: bool,
        force: bool,
    ) -> Result<Staging, BuildError> {
        let target = check_output_dir(root, target, explicit)?;
        if !force {
            let contents = inspect(&target, &published_names(root))?;
            if !contents.foreign.is_empty() {
                return Err(refusal(&target, &contents.foreign, true));
            }
        }
        let parent = target
            .parent()
            .ok_or_else(|| BuildError::Usage("the output folder has no parent folder".into()))?;
        std::fs::create_dir_all(parent).map_err(|e| BuildError::io(parent, e))?;
        let name = target
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        remove_leftovers(parent, &name);
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| BuildError::io(&dir, e))?;
        }
        std::fs::create_dir(&dir).map_err(|e| BuildError::io(&dir, e))?;
        Ok(Staging {
            dir,
            target,
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            paths: Mutex::default(),
            committed: false,
        })
    }

    /// Files written so far.
    pub fn files(&self) -> usize {
        self.files.load(Ordering::Relaxed)
    }

    /// Bytes written so far.
    pub fn bytes(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }

    /// The final output folder.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Writes the manifest, then swaps the staging folder in as the output
    /// folder; the previous output is moved aside first and deleted only
    /// after the swap.
    pub fn commit(mut self) -> Result<(), BuildError> {
        let mut paths = std::mem::take(&mut *self.paths.lock().unwrap_or_else(|e| e.into_inner()));
        paths.sort_unstable();
        paths.dedup();
        let manifest = self.dir.join(MANIFEST);
        std::fs::write(&manifest, manifest_text(paths.iter().map(String::as_str)))
            .map_err(|e| BuildError::io(&manifest, e))?;
        let parent = self
            .target
            .parent()
            .expect("checked in create")
            .to_path_buf();
        let name = self
            .target
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        let had_previous = self.target.exists();
        if had_previous {
            std::fs::rename(&self.target, &old).map_err(|e| BuildError::io(&self.target, e))?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.target) {
            if had_previous {
                let _ = std::fs::rename(&old, &self.target);
            }
            return Err(BuildError::io(&self.target, e));
        }
        self.committed = true;
        if had_previous {
            // The new site is in place; failing to tidy the old one is harmless.
            let _ = std::fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

impl Staging {
    fn record(&self, path: &str) {
        self.paths
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(path.to_string());
    }
}

impl Sink for Staging {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), BuildError> {
        let full = self.dir.join(checked_on_disk(path)?);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).map_err(|e| BuildError::io(parent, e))?;
        }
        std::fs::write(&full, bytes).map_err(|e| BuildError::io(&full, e))?;
        self.record(path);
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    fn copy(&self, from: &Path, path: &str) -> Result<(), BuildError> {
        let full = self.dir.join(checked_on_disk(path)?);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).map_err(|e| BuildError::io(parent, e))?;
        }
        let n = std::fs::copy(from, &full).map_err(|e| BuildError::io(from, e))?;
        self.record(path);
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(n, Ordering::Relaxed);
        Ok(())
    }
}

/// Removes staging and old folders that an interrupted build left behind.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let staging = format!(".{name}.staging-");
    let old = format!(".{name}.old-");
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().to_string();
        if (file_name.starts_with(&staging) || file_name.starts_with(&old))
            && entry.file_type().is_ok_and(|t| t.is_dir())
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::ownership::MANIFEST_HEADER;

    #[test]
    fn commit_swaps_and_drop_discards() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        let target = root.join("public");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("old.txt"), "old").unwrap();

        let staging = Staging::create(root, &target, false, true).unwrap();
        staging.write("index.html", b"new").unwrap();
        drop(staging);
        assert_eq!(
            std::fs::read_to_string(target.join("old.txt")).unwrap(),
            "old"
        );

        let staging = Staging::create(root, &target, false, false);
        assert!(staging.is_err(), "old.txt is not brief's");
        let staging = Staging::create(root, &target, false, true).unwrap();
        staging.write("index.html", b"new").unwrap();
        staging.write("a/b.css", b"b").unwrap();
        staging.commit().unwrap();
        assert!(!target.join("old.txt").exists());
        assert_eq!(
            std::fs::read_to_string(target.join(MANIFEST)).unwrap(),
            format!("{MANIFEST_HEADER}\na/b.css\nindex.html\n")
        );
        assert_eq!(
            std::fs::read_to_string(target.join("index.html")).unwrap(),
            "new"
        );
        // Its own output is replaced without force.
        Staging::create(root, &target, false, false)
            .unwrap()
            .commit()
            .unwrap();
        assert!(!target.join("index.html").exists());
        let leftovers: Vec<_> = std::fs::read_dir(root)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers, ["public"]);
    }
}
