//! Single files written into an existing output folder, each atomically,
//! for commands that add a file or two without rebuilding the site.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::ownership::{MANIFEST, inspect, manifest_text, published_names, refusal};
use super::{Sink, check_output_dir, checked_on_disk};
use crate::error::BuildError;

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
    listed: Mutex<crate::util::Set<String>>,
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
            let mut paths: Vec<&str> = listed.iter().map(String::as_str).collect();
            paths.sort_unstable();
            let text = manifest_text(paths.into_iter());
            write_atomically(&self.dir.join(MANIFEST), text.as_bytes())?;
        }
        write_atomically(&full, bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::ownership::MANIFEST_HEADER;
    use crate::output::ownership::tests::LEGACY;

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
