//! The `write` stage: the only module that touches the output folder.
//!
//! A build writes into a fresh staging folder beside the output and swaps
//! it in only when everything succeeded, so a failed or interrupted build
//! leaves the previous site exactly as it was.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::error::BuildError;

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

/// A staging folder that becomes the output folder on [`Staging::commit`].
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    files: AtomicUsize,
    bytes: AtomicU64,
    committed: bool,
}

impl Staging {
    /// Checks that `target` is a safe output folder for the site at `root`
    /// and creates an empty staging folder beside it. An output folder
    /// outside the site root is allowed only when `explicit` (named with
    /// `--output`).
    pub fn create(root: &Path, target: &Path, explicit: bool) -> Result<Staging, BuildError> {
        let target = check_output_dir(root, target, explicit)?;
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

    /// Swaps the staging folder in as the output folder; the previous
    /// output is moved aside first and deleted only after the swap.
    pub fn commit(mut self) -> Result<(), BuildError> {
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

impl Sink for Staging {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), BuildError> {
        let full = self.dir.join(checked(path)?);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).map_err(|e| BuildError::io(parent, e))?;
        }
        std::fs::write(&full, bytes).map_err(|e| BuildError::io(&full, e))?;
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    fn copy(&self, from: &Path, path: &str) -> Result<(), BuildError> {
        let full = self.dir.join(checked(path)?);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).map_err(|e| BuildError::io(parent, e))?;
        }
        let n = std::fs::copy(from, &full).map_err(|e| BuildError::io(from, e))?;
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

/// Makes `path` absolute and removes `.` and `..` without touching the disk
/// (beyond resolving the longest existing prefix through symlinks).
fn absolute(base: &Path, path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        base.join(path)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    // Resolve symlinks in the part that exists, so comparisons are honest.
    let mut existing = out.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(n), Some(p)) => {
                rest.push(n);
                existing = p.to_path_buf();
            }
            _ => return out,
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for part in rest.into_iter().rev() {
        resolved.push(part);
    }
    resolved
}

/// Refuses output folders that would destroy the site or write elsewhere,
/// and returns `target` normalised.
///
/// Both paths are expected absolute: the command line resolves every path
/// it is given once, against the current folder, and `build.output_dir` is
/// joined onto the (absolute) root when `site.toml` is read. A relative
/// path is still taken relative to the current folder, never to `root`, so
/// no path is ever joined onto the root twice.
pub fn check_output_dir(root: &Path, target: &Path, explicit: bool) -> Result<PathBuf, BuildError> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
    let root = absolute(&cwd, root);
    let target = absolute(&cwd, target);
    let refuse = |why: &str| {
        Err(BuildError::Usage(format!(
            "refusing to use {} as the output folder: {why}",
            target.display()
        )))
    };
    if target.parent().is_none() {
        return refuse("it is a filesystem root");
    }
    if root.starts_with(&target) {
        return refuse(
            "it is the site root or contains it, and building replaces the whole folder",
        );
    }
    for protected in ["content", "templates", "static", "site.toml"] {
        let p = root.join(protected);
        if target.starts_with(&p) {
            return refuse(&format!("it lies inside the site's {protected}"));
        }
    }
    if !target.starts_with(&root) && !explicit {
        return refuse("it lies outside the site root; name it with --output to allow that");
    }
    if target.exists() && !target.is_dir() {
        return refuse("it exists and is not a folder");
    }
    Ok(target)
}

/// Writes single files into an existing output folder, each atomically
/// (a temporary file renamed into place), for commands that add a file or
/// two without rebuilding the site.
#[derive(Debug)]
pub struct Direct {
    dir: PathBuf,
}

impl Direct {
    /// Checks `target` like a build would, then writes into it.
    pub fn new(root: &Path, target: &Path, explicit: bool) -> Result<Direct, BuildError> {
        Ok(Direct {
            dir: check_output_dir(root, target, explicit)?,
        })
    }

    /// Where `path` ends up.
    pub fn path_of(&self, path: &str) -> PathBuf {
        self.dir.join(path)
    }
}

impl Sink for Direct {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), BuildError> {
        let full = self.dir.join(checked(path)?);
        let parent = full.parent().unwrap_or(&self.dir);
        std::fs::create_dir_all(parent).map_err(|e| BuildError::io(parent, e))?;
        let name = full.file_name().unwrap_or_default().to_string_lossy();
        let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        std::fs::write(&tmp, bytes).map_err(|e| BuildError::io(&tmp, e))?;
        std::fs::rename(&tmp, &full).map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            BuildError::io(&full, e)
        })
    }
}

/// Files kept in memory (for tests and the development server). Contents
/// are shared, so a rebuild can start from the previous files cheaply.
#[derive(Debug, Default)]
pub struct Memory {
    files: Mutex<HashMap<String, Arc<[u8]>>>,
    written: Mutex<HashSet<String>>,
}

impl Memory {
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts from an earlier set of files (which writes then replace).
    pub fn from_files(files: HashMap<String, Arc<[u8]>>) -> Self {
        Memory {
            files: Mutex::new(files),
            written: Mutex::default(),
        }
    }

    /// The paths written since this memory was made.
    pub fn written(&self) -> HashSet<String> {
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Takes the files out.
    pub fn into_files(self) -> HashMap<String, Arc<[u8]>> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for Memory {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), BuildError> {
        checked(path)?;
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string());
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string(), Arc::from(bytes));
        Ok(())
    }
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

    #[test]
    fn dangerous_output_folders_are_refused() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        std::fs::create_dir(root.join("content")).unwrap();
        assert!(check_output_dir(root, root, true).is_err());
        assert!(check_output_dir(root, &root.join(".."), true).is_err());
        assert!(check_output_dir(root, &root.join("content/out"), true).is_err());
        assert!(check_output_dir(root, &root.join("public/../content"), true).is_err());
        assert!(check_output_dir(root, &root.join("site.toml"), true).is_err());
        assert!(check_output_dir(root, Path::new("/"), true).is_err());
        assert!(check_output_dir(root, &root.join("public"), false).is_ok());
        std::fs::write(root.join("file"), "x").unwrap();
        assert!(check_output_dir(root, &root.join("file"), true).is_err());
        let elsewhere = tempfile::tempdir().unwrap();
        let out = elsewhere.path().join("out");
        assert!(check_output_dir(root, &out, false).is_err());
        assert!(check_output_dir(root, &out, true).is_ok());
    }

    #[test]
    fn commit_swaps_and_drop_discards() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        let target = root.join("public");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("old.txt"), "old").unwrap();

        let staging = Staging::create(root, &target, false).unwrap();
        staging.write("index.html", b"new").unwrap();
        drop(staging);
        assert_eq!(
            std::fs::read_to_string(target.join("old.txt")).unwrap(),
            "old"
        );

        let staging = Staging::create(root, &target, false).unwrap();
        staging.write("index.html", b"new").unwrap();
        staging.commit().unwrap();
        assert!(!target.join("old.txt").exists());
        assert_eq!(
            std::fs::read_to_string(target.join("index.html")).unwrap(),
            "new"
        );
        let leftovers: Vec<_> = std::fs::read_dir(root)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers, ["public"]);
    }
}
