//! The `write` stage: the only module that touches the output folder.
//!
//! A build writes into a fresh staging folder beside the output and swaps
//! it in only when everything succeeded, so a failed or interrupted build
//! leaves the previous site exactly as it was.
//!
//! brief replaces or writes into an output folder only when it is missing,
//! empty, or holds nothing but brief's own output (see [`inspect`]); every
//! build leaves a [`MANIFEST`] there listing the files it wrote.

use std::collections::{BTreeSet, HashMap, HashSet};
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
///
/// Like a build, it writes only into a folder that is missing, empty or
/// brief's own (unless forced), and it adds every file it writes to the
/// folder's [`MANIFEST`] (creating it if need be), so that the next build
/// recognises those files as brief's.
#[derive(Debug)]
pub struct Direct {
    dir: PathBuf,
    /// What the manifest lists; the lock also serialises manifest updates.
    listed: Mutex<BTreeSet<String>>,
}

impl Direct {
    /// Checks `target` like a build would (safety and ownership, the latter
    /// skipped when `force`), then writes into it.
    pub fn new(
        root: &Path,
        target: &Path,
        explicit: bool,
        force: bool,
    ) -> Result<Direct, BuildError> {
        let dir = check_output_dir(root, target, explicit)?;
        let contents = inspect(&dir, &published_names(root))?;
        if !force && !contents.foreign.is_empty() {
            return Err(refusal(&dir, &contents.foreign, false));
        }
        Ok(Direct {
            dir,
            listed: Mutex::new(contents.owned),
        })
    }

    /// Where `path` ends up.
    pub fn path_of(&self, path: &str) -> PathBuf {
        self.dir.join(path)
    }
}

/// Writes `bytes` at `full` through a temporary file renamed into place.
fn write_atomically(full: &Path, bytes: &[u8]) -> Result<(), BuildError> {
    let parent = full.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| BuildError::io(parent, e))?;
    let name = full.file_name().unwrap_or_default().to_string_lossy();
    let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(|e| BuildError::io(&tmp, e))?;
    std::fs::rename(&tmp, full).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        BuildError::io(full, e)
    })
}

impl Sink for Direct {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), BuildError> {
        let full = self.dir.join(checked_on_disk(path)?);
        // The manifest first: listing a file that is not there yet is
        // harmless, an unlisted file would make the next build refuse.
        {
            let mut listed = self.listed.lock().unwrap_or_else(|e| e.into_inner());
            listed.insert(path.to_string());
            let text = manifest_text(listed.iter().map(String::as_str));
            write_atomically(&self.dir.join(MANIFEST), text.as_bytes())?;
        }
        write_atomically(&full, bytes)
    }
}

/// The file, inside every output folder brief writes, that lists the files
/// it wrote there (one `/`-separated relative path a line, sorted, after a
/// comment line naming the format). It does not list itself.
pub const MANIFEST: &str = ".brief-manifest";

/// The manifest's first line; the number is the format version.
const MANIFEST_HEADER: &str = "# brief output manifest, format 1";

/// The manifest listing `paths` (already sorted).
fn manifest_text<'a>(paths: impl Iterator<Item = &'a str>) -> String {
    let mut text = format!("{MANIFEST_HEADER}\n");
    for p in paths {
        text.push_str(p);
        text.push('\n');
    }
    text
}

/// The paths a manifest lists, or `None` when `text` is not a manifest
/// brief understands.
fn parse_manifest(text: &str) -> Option<BTreeSet<String>> {
    let mut lines = text.lines();
    let header = lines.next()?;
    let version = header.strip_prefix("# brief output manifest, format ")?;
    if version.trim() != "1" {
        return None;
    }
    Some(
        lines
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
    )
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

/// The top-level files the builds of every release write.
const FIXED_TOP_LEVEL: &[&str] = &[
    "index.html",
    "404.html",
    "style.css",
    "robots.txt",
    "sitemap.xml",
    "rss.xml",
    "atom.xml",
    "feed.json",
    "feeds.opml",
];

/// Folders whose whole content brief generates.
const GENERATED_FOLDERS: &[&str] = &["briefings", "tags", "page", "archive"];

/// Top-level files every build writes: an output folder without a manifest
/// must hold all four to be recognised as brief's.
const MARKERS: &[&str] = &["index.html", "404.html", "sitemap.xml", "robots.txt"];

/// The top-level names the site at `root` publishes files under: the
/// entries of `static/` and `content/` (copied to the output root) and of
/// `templates/` (theme assets are published at the root), hidden ones
/// excepted as the build skips them.
pub fn published_names(root: &Path) -> HashSet<String> {
    let mut names = HashSet::new();
    for dir in [
        crate::build::STATIC_DIR,
        crate::content::CONTENT_DIR,
        crate::render::templates::TEMPLATES_DIR,
    ] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if !name.starts_with('.') {
                names.insert(name);
            }
        }
    }
    names
}

/// Whether `path` (relative, `/`-separated) has a shape brief writes:
/// a fixed top-level file, a `sitemap-N.xml`, anything under a generated
/// folder, or anything under a top-level name in `published`.
fn brief_shaped(path: &str, published: &HashSet<String>) -> bool {
    let first = path.split('/').next().unwrap_or(path);
    if first != path {
        return GENERATED_FOLDERS.contains(&first) || published.contains(first);
    }
    FIXED_TOP_LEVEL.contains(&path)
        || published.contains(path)
        || path
            .strip_prefix("sitemap-")
            .and_then(|p| p.strip_suffix(".xml"))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// What an existing output folder holds, as far as replacing it goes.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Contents {
    /// Files brief wrote there, relative, `/`-separated.
    pub owned: BTreeSet<String>,
    /// Files brief did not write, sorted.
    pub foreign: Vec<String>,
}

/// Sorts the files in the output folder `target` into brief's and others.
///
/// The rule: a missing folder, or one holding no files (empty folders do
/// not count), holds nothing to lose. A folder with a [`MANIFEST`] is
/// brief's when every file in it is listed there (or is the manifest).
/// A folder without one (output of a release that wrote no manifest) is
/// brief's when it holds `index.html`, `404.html`, `sitemap.xml` and
/// `robots.txt` at its top level and every file in it has a shape brief
/// writes: the fixed top-level files (`index.html`, `404.html`,
/// `style.css`, `robots.txt`, `sitemap.xml`, `sitemap-N.xml`, `rss.xml`,
/// `atom.xml`, `feed.json`, `feeds.opml`), anything under `briefings/`,
/// `tags/`, `page/` or `archive/`, or anything under a top-level name the
/// site publishes from `static/`, `content/` or `templates/`
/// (`published`, see [`published_names`]). Otherwise every file in it
/// counts as foreign. The folder is walked without following symlinks; a
/// symlink counts as a file.
pub fn inspect(target: &Path, published: &HashSet<String>) -> Result<Contents, BuildError> {
    if !target.exists() {
        return Ok(Contents::default());
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(target)
        .follow_links(false)
        .min_depth(1)
    {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(target).to_path_buf();
            BuildError::io(&path, std::io::Error::other(e))
        })?;
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = entry.path().strip_prefix(target).unwrap_or(entry.path());
        files.push(
            rel.components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
        );
    }
    files.sort();
    Ok(classify(target, files, published))
}

/// [`inspect`] on a list of files (sorted), reading the manifest if listed.
fn classify(target: &Path, files: Vec<String>, published: &HashSet<String>) -> Contents {
    let manifest = files
        .iter()
        .any(|f| f == MANIFEST)
        .then(|| std::fs::read(target.join(MANIFEST)).ok())
        .flatten()
        .and_then(|bytes| parse_manifest(&String::from_utf8_lossy(&bytes)));
    let mut contents = Contents::default();
    match manifest {
        Some(listed) => {
            for f in files {
                if f == MANIFEST {
                    continue;
                }
                if listed.contains(&f) {
                    contents.owned.insert(f);
                } else {
                    contents.foreign.push(f);
                }
            }
        }
        None => {
            let marked = MARKERS.iter().all(|m| files.iter().any(|f| f == m));
            for f in files {
                if marked && brief_shaped(&f, published) {
                    contents.owned.insert(f);
                } else {
                    contents.foreign.push(f);
                }
            }
        }
    }
    contents
}

/// The error for an output folder holding files brief did not write:
/// it names the folder and up to five of those files. `replace` says
/// whether a build (which replaces the folder) or a single-file command
/// (which writes into it) was refused.
fn refusal(target: &Path, foreign: &[String], replace: bool) -> BuildError {
    let mut shown: Vec<&str> = foreign.iter().take(5).map(String::as_str).collect();
    let rest = foreign.len() - shown.len();
    let listed = if rest > 0 {
        format!("{} and {rest} more", shown.join(", "))
    } else if shown.len() > 1 {
        let last = shown.pop().unwrap_or_default();
        format!("{} and {last}", shown.join(", "))
    } else {
        shown.join("")
    };
    let (what, anyway) = if replace {
        (
            format!(
                "refusing to replace {}: it holds files brief did not write, which building would delete: {listed}",
                target.display()
            ),
            "replace it",
        )
    } else {
        (
            format!(
                "refusing to write into {}: it is not brief's output folder; it holds files brief did not write: {listed}",
                target.display()
            ),
            "write into it",
        )
    };
    BuildError::Usage(format!(
        "{what}\n  = hint: put files you want published in static/, choose another --output, or pass --force to {anyway} anyway"
    ))
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

    /// Writes `files` (relative paths) under a fresh folder.
    fn folder(files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for f in files {
            let path = dir.path().join(f);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        dir
    }

    fn foreign(files: &[&str], published: &[&str]) -> Vec<String> {
        let dir = folder(files);
        let published = published.iter().map(|s| s.to_string()).collect();
        inspect(dir.path(), &published).unwrap().foreign
    }

    const LEGACY: &[&str] = &["index.html", "404.html", "sitemap.xml", "robots.txt"];

    #[test]
    fn missing_and_empty_folders_hold_nothing_to_lose() {
        let dir = tempfile::tempdir().unwrap();
        let none = HashSet::new();
        assert_eq!(
            inspect(&dir.path().join("missing"), &none).unwrap(),
            Contents::default()
        );
        std::fs::create_dir_all(dir.path().join("empty/sub")).unwrap();
        assert_eq!(
            inspect(&dir.path().join("empty"), &none).unwrap(),
            Contents::default()
        );
    }

    #[test]
    fn a_manifest_must_list_every_file() {
        let dir = folder(&["index.html", "briefings/a/index.html", "CNAME"]);
        std::fs::write(
            dir.path().join(MANIFEST),
            manifest_text(["briefings/a/index.html", "index.html"].into_iter()),
        )
        .unwrap();
        let contents = inspect(dir.path(), &HashSet::new()).unwrap();
        assert_eq!(contents.foreign, ["CNAME"]);
        assert_eq!(contents.owned.len(), 2);
        std::fs::remove_file(dir.path().join("CNAME")).unwrap();
        assert!(
            inspect(dir.path(), &HashSet::new())
                .unwrap()
                .foreign
                .is_empty()
        );
        // A listed file does not vouch for its neighbours.
        std::fs::write(dir.path().join("briefings/a/notes.txt"), "x").unwrap();
        assert_eq!(
            inspect(dir.path(), &HashSet::new()).unwrap().foreign,
            ["briefings/a/notes.txt"]
        );
    }

    #[test]
    fn a_file_that_is_not_a_manifest_vouches_for_nothing() {
        let dir = folder(LEGACY);
        std::fs::write(dir.path().join(MANIFEST), "index.html\n").unwrap();
        assert_eq!(
            inspect(dir.path(), &HashSet::new()).unwrap().foreign,
            [MANIFEST]
        );
        std::fs::write(
            dir.path().join(MANIFEST),
            "# brief output manifest, format 99\nindex.html\n",
        )
        .unwrap();
        assert_eq!(
            inspect(dir.path(), &HashSet::new()).unwrap().foreign,
            [MANIFEST]
        );
    }

    #[test]
    fn output_without_a_manifest_is_recognised_by_its_shape() {
        let mut files = LEGACY.to_vec();
        files.extend([
            "style.css",
            "rss.xml",
            "atom.xml",
            "feed.json",
            "feeds.opml",
            "sitemap-2.xml",
            "briefings/a/index.html",
            "briefings/a/email.txt",
            "tags/x/page/2/index.html",
            "page/2/index.html",
            "archive/index.html",
            "images/logo.png",
            "favicon.ico",
        ]);
        assert!(foreign(&files, &["images", "favicon.ico"]).is_empty());
        // The same files without the site's static names are not all brief's.
        assert_eq!(foreign(&files, &[]), ["favicon.ico", "images/logo.png"]);
        // All four markers are needed.
        for missing in LEGACY {
            let rest: Vec<&str> = files.iter().copied().filter(|f| f != missing).collect();
            assert_eq!(foreign(&rest, &["images", "favicon.ico"]).len(), rest.len());
        }
        // Names brief never writes at the top level.
        for odd in [
            "CNAME",
            "notes.txt",
            "sitemap-x.xml",
            "sitemap-.xml",
            "content/x.md",
        ] {
            let mut with = LEGACY.to_vec();
            with.push(odd);
            assert_eq!(foreign(&with, &[]), [odd], "{odd}");
        }
    }

    #[test]
    fn published_names_come_from_static_content_and_templates() {
        let site = folder(&[
            "static/CNAME",
            "static/.hidden",
            "static/img/a.png",
            "content/briefings/a.md",
            "templates/logo.svg",
        ]);
        let mut names: Vec<String> = published_names(site.path()).into_iter().collect();
        names.sort();
        assert_eq!(names, ["CNAME", "briefings", "img", "logo.svg"]);
    }

    #[test]
    fn refusals_name_up_to_five_files() {
        let files: Vec<String> = (1..=7).map(|i| format!("f{i}")).collect();
        let text = refusal(Path::new("/out"), &files, true).to_string();
        assert!(text.contains("/out"), "{text}");
        assert!(text.contains("f1, f2, f3, f4, f5 and 2 more"), "{text}");
        assert!(!text.contains("f6"), "{text}");
        assert!(text.contains("--force"), "{text}");
        let text = refusal(Path::new("/out"), &files[..2], false).to_string();
        assert!(text.contains("f1 and f2\n"), "{text}");
        assert_eq!(refusal(Path::new("/o"), &files, true).exit_code(), 2);
    }

    #[test]
    fn direct_writes_extend_the_manifest() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        let target = root.join("public");
        for f in LEGACY {
            std::fs::create_dir_all(&target).unwrap();
            std::fs::write(target.join(f), "x").unwrap();
        }
        let direct = Direct::new(root, &target, false, false).unwrap();
        direct.write("briefings/a/email.txt", b"mail").unwrap();
        let manifest = std::fs::read_to_string(target.join(MANIFEST)).unwrap();
        assert_eq!(
            manifest,
            format!(
                "{MANIFEST_HEADER}\n404.html\nbriefings/a/email.txt\nindex.html\nrobots.txt\nsitemap.xml\n"
            )
        );
        std::fs::write(target.join("notes.txt"), "mine").unwrap();
        assert!(Direct::new(root, &target, false, false).is_err());
        assert!(Direct::new(root, &target, false, true).is_ok());
    }
}
