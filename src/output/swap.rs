//! Committing a cold build: the staging folder, complete with its
//! manifest, replaces the output folder whole.

use std::path::Path;

use super::MANIFEST;
use crate::error::BuildError;

/// Writes `manifest` into the staging folder `dir`, then swaps `dir` in as
/// `target`: the previous output is moved aside first and deleted only
/// after the swap, and put back if the swap fails.
pub(super) fn swap(dir: &Path, target: &Path, manifest: &str) -> Result<(), BuildError> {
    let path = dir.join(MANIFEST);
    std::fs::write(&path, manifest).map_err(|e| BuildError::io(&path, e))?;
    let parent = target
        .parent()
        .ok_or_else(|| BuildError::Usage("the output folder has no parent folder".into()))?;
    let name = target
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .to_string();
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    let had_previous = target.exists();
    if had_previous {
        std::fs::rename(target, &old).map_err(|e| BuildError::io(target, e))?;
    }
    if let Err(e) = std::fs::rename(dir, target) {
        if had_previous {
            let _ = std::fs::rename(&old, target);
        }
        return Err(BuildError::io(target, e));
    }
    if had_previous {
        // The new site is in place; failing to tidy the old one is harmless.
        let _ = std::fs::remove_dir_all(&old);
    }
    Ok(())
}
