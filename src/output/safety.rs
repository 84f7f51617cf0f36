//! Where an output folder may be: never the site root, its sources or a
//! filesystem root, and outside the site only when named explicitly. And
//! where the deploy list (`--changes FILE`) may be: never over the site.

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
    // `--force` replaces a folder brief did not write: never a home.
    if holds_home(
        &target,
        std::env::home_dir().map(|h| absolute(&cwd, &h)).as_deref(),
    ) {
        return refuse(
            "it is your home folder or contains it, and building replaces the whole folder",
        );
    }
    if root.starts_with(&target) {
        return refuse(
            "it is the site root or contains it, and building replaces the whole folder",
        );
    }
    // The site's own files (one list with the deploy list's check), and
    // its git history, which `--force` would otherwise replace whole.
    let git = [(".git", "the site's git repository .git/", true)];
    for &(name, what, _) in SOURCES.iter().chain(&git) {
        if target.starts_with(root.join(name)) {
            return refuse(&format!("it lies inside {what}"));
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

/// Whether `target` is the home folder `home` or one that contains it.
fn holds_home(target: &Path, home: Option<&Path>) -> bool {
    home.is_some_and(|home| home.parent().is_some() && home.starts_with(target))
}

/// The site's own files and folders, which a deploy list must never
/// replace: (path below the root, what to call it, a folder).
const SOURCES: &[(&str, &str, bool)] = &[
    (
        crate::config::CONFIG_FILE,
        "the site's configuration",
        false,
    ),
    (
        crate::content::walk::IGNORE_FILE,
        "the site's ignore file",
        false,
    ),
    (
        crate::content::CONTENT_DIR,
        "the site's content/ folder",
        true,
    ),
    ("templates", "the site's templates/ folder", true),
    ("static", "the site's static/ folder", true),
    (
        crate::cache::CACHE_DIR,
        "the build cache's folder .brief-cache/",
        true,
    ),
];

/// Where `file` would be written: absolute, `.` and `..` resolved by the
/// file system where they exist, and symlinks followed, even a link to a
/// file that does not exist yet (writing it would create its target).
fn resolve_file(cwd: &Path, file: &Path) -> PathBuf {
    let mut path = absolute(cwd, file);
    // A dangling link: `absolute` resolved its folder, not the link.
    for _ in 0..40 {
        match std::fs::read_link(&path) {
            Ok(target) if !path.exists() => {
                let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
                path = absolute(&folder, &target);
            }
            _ => break,
        }
    }
    path
}

/// Refuses a deploy list (`--changes FILE`) that would replace the site's
/// own files (site.toml, anything in content/, templates/, static/ or the
/// build cache), land in the output folder (where it would be published),
/// or cannot be written at all (a folder, or in a folder that does not
/// exist), before anything is built.
pub fn check_changes_file(root: &Path, output: &Path, file: &Path) -> Result<(), BuildError> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
    let resolved = resolve_file(&cwd, file);
    let root = absolute(&cwd, root);
    let output = absolute(&cwd, output);
    let shown = if resolved == cwd.join(file) {
        file.display().to_string()
    } else {
        format!("{} (that is, {})", file.display(), resolved.display())
    };
    let refuse = |why: String, hint: &str| {
        Err(BuildError::Usage(format!(
            "--changes {shown}: {why}\n  = hint: {hint}"
        )))
    };
    let elsewhere = "write the deploy list outside the site's sources and the output folder, e.g. `--changes /tmp/changes.txt`";
    if resolved.is_dir() || file.as_os_str().to_string_lossy().ends_with('/') {
        return refuse(
            "this is a folder, and the deploy list is a file".into(),
            "name a file, e.g. `--changes /tmp/changes.txt`",
        );
    }
    for &(name, what, folder) in SOURCES {
        let source = root.join(name);
        let hit = if folder {
            resolved.starts_with(&source)
        } else {
            resolved == source
        };
        if hit {
            let why = if folder {
                format!(
                    "it lies inside {what}, and writing the deploy list would overwrite the site's own files"
                )
            } else {
                format!("this is {what} ({name}), and writing the deploy list would overwrite it")
            };
            return refuse(why, elsewhere);
        }
    }
    if resolved.starts_with(&output) {
        return refuse(
            format!(
                "the deploy list must be outside the output folder {}, or it would be published",
                output.display()
            ),
            elsewhere,
        );
    }
    match resolved.parent() {
        Some(parent) if parent.is_dir() => Ok(()),
        parent => refuse(
            format!(
                "the folder {} does not exist",
                parent.unwrap_or(&resolved).display()
            ),
            "create the folder first, or name a file in one that exists",
        ),
    }
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

    #[test]
    fn a_home_folder_or_one_above_it_is_refused() {
        let home = Path::new("/home/ana");
        assert!(holds_home(Path::new("/home/ana"), Some(home)));
        assert!(holds_home(Path::new("/home"), Some(home)));
        assert!(!holds_home(Path::new("/home/ana/site/public"), Some(home)));
        assert!(!holds_home(Path::new("/home/bob"), Some(home)));
        assert!(!holds_home(Path::new("/srv/www"), None));
        // A home of `/` (some service accounts) leaves the rest to the
        // filesystem-root rule.
        assert!(!holds_home(Path::new("/srv/www"), Some(Path::new("/"))));
        if let Some(home) = std::env::home_dir().filter(|h| h.parent().is_some()) {
            let site = tempfile::tempdir().unwrap();
            let e = check_output_dir(site.path(), &home, true).unwrap_err();
            assert!(e.to_string().contains("your home folder"), "{e}");
        }
    }
}
