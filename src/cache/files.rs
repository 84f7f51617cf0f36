//! What the cache's stores of files (drawn cards, search index parts)
//! share: writing a file so that no reader sees half of it, and clearing
//! out the files a finished build no longer uses.

use std::collections::HashSet;
use std::path::Path;

/// Writes `bytes` to `dir/name` beside and renames it into place. False
/// when it could not: the caller makes the file again next time.
pub(super) fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> bool {
    let tmp = dir.join(format!(".{name}.{}", std::process::id()));
    if std::fs::write(&tmp, bytes).is_ok() && std::fs::rename(&tmp, dir.join(name)).is_ok() {
        return true;
    }
    let _ = std::fs::remove_file(&tmp);
    false
}

/// Deletes every file of `dir` but `index` and those named in `used`.
pub(super) fn prune(dir: &Path, index: &str, used: &HashSet<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if name != index && !used.contains(&name) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
