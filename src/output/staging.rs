//! Builds: a staging folder filled beside the output folder, then swapped
//! in whole.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::dirs::{self, DirStamps};
use super::ownership::{Contents, inspect, manifest_text, published_names, refusal};
use super::patch::{self, Entry};
use super::record::{Changes, Record, Records, Tracked, verify};
use super::swap;
use super::{Sink, check_output_dir, checked_on_disk};
use crate::error::BuildError;
use crate::util::{Map, Set, Stamp, content_hash};

/// A staging folder that becomes the output folder on [`Staging::commit`].
///
/// Cold, it receives every file and replaces the output folder whole.
/// Given records of the previous build that the files on disk still match,
/// it receives only the files whose bytes differ from the previous ones
/// and [`Staging::commit`] moves just those into place (see
/// [`super::patch`]); a file the renderer did not render again because
/// its inputs did not change is marked kept in its record (see
/// [`Staging::records`]).
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    /// The files of brief's the output folder holds (once `walk` is done).
    owned: Set<String>,
    /// The walk of the output folder under way, for a warm build.
    walk: Mutex<Option<Walk>>,
    /// The folders' stamps the previous build recorded, when they were
    /// used to find foreign files.
    old_dirs: DirStamps,
    /// Whether the output folder's manifest was read, so that an unchanged
    /// list of files needs no new one.
    manifest_read: bool,
    /// Records whose file proved unchanged by its bytes, not its stamp.
    refreshed: usize,
    /// Whether foreign files in the output folder may be removed.
    force: bool,
    /// Records of the previous build, for the files on disk that still
    /// match them, each marked when the build keeps its file.
    previous: Records,
    /// Whether only changed files are staged.
    patch: bool,
    /// Every output path: its bytes' hash, and its stamp if written here.
    out: Mutex<Map<String, (u64, Option<Stamp>)>>,
    /// The folders made in the staging folder so far (relative paths): a
    /// folder's later files skip the `mkdir` that would fail and the
    /// `stat` that would follow it (a third of a cold build's files).
    made: Mutex<Set<PathBuf>>,
    committed: bool,
}

/// A walk of the output folder on its own thread.
type Walk = std::thread::JoinHandle<Result<Contents, BuildError>>;

/// What a committed build left in the output folder.
#[derive(Debug, Default)]
pub struct Committed {
    /// Every file's record (the previous build's table, updated: what
    /// the build cache saves).
    pub files: Records,
    /// Files written by this build (the rest were kept as they were).
    pub written: usize,
    /// Bytes of every file.
    pub bytes: u64,
    /// What changed since the previous output.
    pub changes: Changes,
    /// The stamp of every folder of the output, as the commit left it.
    pub dirs: DirStamps,
}

impl Staging {
    /// Checks that `target` is a safe output folder for the site at `root`
    /// and creates an empty staging folder beside it. An output folder
    /// outside the site root is allowed only when `explicit` (named with
    /// `--output`). A folder holding files brief did not write is refused
    /// (see [`super::inspect`]) unless `force`; a refusal creates nothing.
    pub fn create(
        root: &Path,
        target: &Path,
        explicit: bool,
        force: bool,
    ) -> Result<Staging, BuildError> {
        Self::create_over(root, target, explicit, force, Default::default)
    }

    /// [`Staging::create`], given the previous build's records of the
    /// files in `target`, which `records` reads (the output folder is
    /// walked meanwhile, on a thread of its own). Records whose file is
    /// missing or has another size, time or inode are dropped; if any
    /// remain, only changed files are staged, and the walk for foreign
    /// files goes on while the build renders ([`Staging::commit`] waits
    /// for it).
    pub fn create_over(
        root: &Path,
        target: &Path,
        explicit: bool,
        force: bool,
        records: impl FnOnce() -> (Records, DirStamps),
    ) -> Result<Staging, BuildError> {
        let target = check_output_dir(root, target, explicit)?;
        let parent = target
            .parent()
            .ok_or_else(|| BuildError::Usage("the output folder has no parent folder".into()))?
            .to_path_buf();
        let name = target
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        // Finish an interrupted commit before judging what the folder holds.
        if parent.is_dir() {
            patch::finish_interrupted(&parent, &name, &target);
        }
        let published = published_names(root);
        let (mut records, dirs) = records();
        let mut walk = None;
        let quick = (!records.is_empty() && !dirs.is_empty())
            .then(|| dirs::inspect_since(&target, &dirs))
            .flatten();
        let old_dirs = if quick.is_some() {
            dirs
        } else {
            DirStamps::default()
        };
        // Read (and so present and understood) by the quick inspection.
        let manifest_read = quick.is_some();
        let owned = if records.is_empty() || quick.is_some() {
            let contents = match quick {
                Some(contents) => contents?,
                None => inspect(&target, &published)?,
            };
            if !force && !contents.foreign.is_empty() {
                return Err(refusal(&target, &contents.foreign, true));
            }
            if !contents.foreign.is_empty() {
                // Forced over foreign files: replace the folder whole.
                records.clear();
            }
            contents.owned
        } else {
            // No folder stamps: walk the folder for foreign files while the
            // build renders (the commit waits).
            let dir = target.clone();
            walk = Some(std::thread::spawn(move || inspect(&dir, &published)));
            Set::default()
        };
        let refreshed = verify(&mut records, &target);
        let patch = !records.is_empty();
        std::fs::create_dir_all(&parent).map_err(|e| BuildError::io(&parent, e))?;
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| BuildError::io(&dir, e))?;
        }
        std::fs::create_dir(&dir).map_err(|e| BuildError::io(&dir, e))?;
        Ok(Staging {
            dir,
            target,
            owned,
            walk: Mutex::new(walk),
            old_dirs,
            manifest_read,
            refreshed,
            force,
            previous: records,
            patch,
            out: Mutex::default(),
            made: Mutex::default(),
            committed: false,
        })
    }

    /// The records of the previous build that still hold (empty for a
    /// cold build). A file whose record is [marked kept](Tracked::keep)
    /// stays as it is unless the build writes it again.
    pub fn records(&self) -> &Records {
        &self.previous
    }

    /// How many records proved true by the file's bytes rather than its
    /// stamp (their new stamps are worth saving).
    pub fn refreshed(&self) -> usize {
        self.refreshed
    }

    /// The final output folder.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Makes the staging folder's `rel` and the folders above it, unless
    /// this build made it already.
    fn make_dir(&self, rel: &Path) -> std::io::Result<()> {
        let made = || self.made.lock().unwrap_or_else(|e| e.into_inner());
        if rel.as_os_str().is_empty() || made().contains(rel) {
            return Ok(());
        }
        std::fs::create_dir_all(self.dir.join(rel))?;
        let mut made = made();
        for folder in rel.ancestors().take_while(|a| !a.as_os_str().is_empty()) {
            if !made.insert(folder.to_path_buf()) {
                break;
            }
        }
        Ok(())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Map<String, (u64, Option<Stamp>)>> {
        self.out.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Puts the new output in place. Cold: writes the manifest, then swaps
    /// the staging folder in as the output folder (the previous output is
    /// moved aside first and deleted only after the swap). Otherwise:
    /// moves the changed files into place under a journal (see
    /// [`super::patch`]).
    pub fn commit(mut self, fps: &Map<String, u64>) -> Result<Committed, BuildError> {
        let mut foreign = Vec::new();
        let walk = self
            .walk
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        if let Some(walk) = walk {
            let contents = walk
                .join()
                .map_err(|_| BuildError::Usage("the walk of the output folder failed".into()))??;
            if !contents.foreign.is_empty() && !self.force {
                return Err(refusal(&self.target, &contents.foreign, true));
            }
            self.owned = contents.owned;
            foreign = contents.foreign;
        }
        let out = std::mem::take(&mut *self.lock());
        // The previous build's table becomes this one's: records of files
        // neither kept nor written again go, the written ones are updated
        // or added, and the kept ones (most, in a warm build) stay put.
        let mut files = std::mem::take(&mut self.previous);
        files.retain(|path, t| t.kept() || out.contains_key(path));
        let mut staged = Vec::new();
        let mut written = Vec::with_capacity(out.len());
        for (path, (hash, stamp)) in out {
            let (before, kept) = files
                .get(&path)
                .map_or((None, false), |t| (Some(t.record), t.kept()));
            let stamp = match (stamp, before) {
                (Some(s), _) => {
                    staged.push(path.clone());
                    s
                }
                (None, Some(b)) => b.stamp,
                (None, None) => unreachable!("unwritten only when the same as the record"),
            };
            written.push((path.clone(), before.map(|b| b.hash)));
            // Written although found unchanged (beside a file that did
            // change): the fingerprint stands.
            let fp = fps
                .get(&path)
                .copied()
                .or_else(|| before.filter(|_| kept).and_then(|b| b.fp));
            files.insert(path, Tracked::new(Record { fp, hash, stamp }));
        }
        let mut committed = Committed {
            written: staged.len(),
            bytes: files.values().map(|t| t.record.stamp.len).sum(),
            changes: Changes::between(&self.owned, &files, &written),
            ..Committed::default()
        };
        let manifest = || {
            let mut paths: Vec<&str> = files.keys().map(String::as_str).collect();
            paths.sort_unstable();
            manifest_text(paths.into_iter())
        };
        if self.patch {
            let mut entries: Vec<Entry> = committed
                .changes
                .removed
                .iter()
                .map(|p| Entry::Remove(p.clone()))
                .collect();
            // Forced: foreign files go, as they would with the whole folder.
            entries.extend(foreign.into_iter().map(Entry::Remove));
            entries.extend(staged.into_iter().map(Entry::Move));
            let touched: Vec<&str> = entries
                .iter()
                .map(|e| match e {
                    Entry::Remove(p) | Entry::Move(p) => p.as_str(),
                })
                .collect();
            if entries.is_empty() && self.manifest_read {
                // Nothing to move or remove, so the manifest lists the same
                // files: the output folder stays exactly as it is.
                let _ = std::fs::remove_dir_all(&self.dir);
                self.committed = true;
            } else {
                // Refused before anything moves: the output stays as it was.
                patch::preflight(&self.target, &entries)
                    .map_err(|e| BuildError::io(&self.target, e))?;
                // From here on, a failure leaves the journal for the next
                // build to finish: the staging folder must stay.
                self.committed = true;
                patch::commit(&self.dir, &self.target, &entries, &manifest())
                    .map_err(|e| BuildError::io(&self.target, e))?;
            }
            committed.dirs = match std::mem::take(&mut self.old_dirs) {
                old if old.is_empty() => dirs::stamp_dirs(&self.target, files.keys()),
                old => dirs::restamp(&self.target, old, &touched),
            };
        } else {
            swap::swap(&self.dir, &self.target, &manifest())?;
            self.committed = true;
            committed.dirs = dirs::stamp_dirs(&self.target, files.keys());
        }
        committed.files = files;
        Ok(committed)
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
        let rel = checked_on_disk(path)?;
        let hash = content_hash(bytes);
        if self.patch
            && self
                .previous
                .get(path)
                .is_some_and(|p| p.record.hash == hash)
        {
            // The same bytes as the file already in place.
            self.lock().insert(path.to_string(), (hash, None));
            return Ok(());
        }
        let full = self.dir.join(rel);
        // An error names the file as it will be published, not the
        // staging folder the reader never sees.
        let failed = |e| BuildError::io(&self.target.join(rel), e);
        if let Some(parent) = rel.parent() {
            self.make_dir(parent).map_err(failed)?;
        }
        let stamp = (|| {
            let mut f = std::fs::File::create(&full)?;
            f.write_all(bytes)?;
            f.metadata().map(|m| Stamp::of(&m).moved())
        })()
        .map_err(failed)?;
        self.lock().insert(path.to_string(), (hash, Some(stamp)));
        Ok(())
    }

    fn copy(&self, from: &Path, path: &str) -> Result<(), BuildError> {
        let bytes = std::fs::read(from).map_err(|e| BuildError::io(from, e))?;
        self.write(path, &bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::MANIFEST;
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
        staging.commit(&Map::default()).unwrap();
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
            .commit(&Map::default())
            .unwrap();
        assert!(!target.join("index.html").exists());
        let leftovers: Vec<_> = std::fs::read_dir(root)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers, ["public"]);
    }

    #[test]
    fn files_share_folders_made_for_earlier_files_at_any_depth() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        let target = root.join("public");
        let staging = Staging::create(root, &target, false, false).unwrap();
        let paths = [
            "tags/x/page/2/index.html",
            "tags/x/index.html",
            "tags/x/page/2/feed.xml",
            "tags/x/page/3/index.html",
            "tags/y/rss.xml",
            "top.html",
        ];
        for (n, path) in paths.iter().enumerate() {
            staging.write(path, n.to_string().as_bytes()).unwrap();
        }
        staging.commit(&Map::default()).unwrap();
        for (n, path) in paths.iter().enumerate() {
            assert_eq!(
                std::fs::read_to_string(target.join(path)).unwrap(),
                n.to_string(),
                "{path}"
            );
        }
    }

    #[test]
    fn a_warm_commit_keeps_marked_files_updates_written_ones_and_drops_the_rest() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        let target = root.join("public");
        let staging = Staging::create(root, &target, false, false).unwrap();
        for p in ["a.html", "b.html", "c.html", "d.html"] {
            staging.write(p, p.as_bytes()).unwrap();
        }
        let first: Map<String, u64> = [("a.html", 1), ("b.html", 2), ("c.html", 3), ("d.html", 4)]
            .map(|(p, fp)| (p.to_string(), fp))
            .into_iter()
            .collect();
        let cold = staging.commit(&first).unwrap();
        assert_eq!(cold.files["a.html"].record.fp, Some(1));
        let (files, dirs) = (cold.files, cold.dirs);
        let staging =
            Staging::create_over(root, &target, false, false, move || (files, dirs)).unwrap();
        // a kept; b written anew; c written again with the same bytes
        // although found unchanged; d neither: it goes.
        staging.records()["a.html"].keep();
        staging.records()["c.html"].keep();
        staging.write("b.html", b"B").unwrap();
        staging.write("c.html", b"c.html").unwrap();
        staging.write("e.html", b"e").unwrap();
        let next: Map<String, u64> = [("b.html", 20), ("e.html", 5)]
            .map(|(p, fp)| (p.to_string(), fp))
            .into_iter()
            .collect();
        let warm = staging.commit(&next).unwrap();
        let fp = |p: &str| warm.files.get(p).map(|t| t.record.fp);
        assert_eq!(
            [
                fp("a.html"),
                fp("b.html"),
                fp("c.html"),
                fp("d.html"),
                fp("e.html")
            ],
            [
                Some(Some(1)),
                Some(Some(20)),
                Some(Some(3)),
                None,
                Some(Some(5))
            ]
        );
        assert_eq!(warm.changes.to_text(), "~b.html\n-d.html\n+e.html\n");
        assert_eq!(warm.written, 2, "b and e; c's bytes were the same");
        assert!(!target.join("d.html").exists());
        assert_eq!(std::fs::read(target.join("b.html")).unwrap(), b"B");
        assert_eq!(
            std::fs::read_to_string(target.join(MANIFEST)).unwrap(),
            format!("{MANIFEST_HEADER}\na.html\nb.html\nc.html\ne.html\n")
        );
    }
}
