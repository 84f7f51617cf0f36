//! Where an output folder may be: never the site root, its sources or a
//! filesystem root, and outside the site only when named explicitly.

use std::path::{Component, Path, PathBuf};

use crate::error::BuildError;

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
