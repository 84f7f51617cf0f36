//! Small helpers shared by several stages.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// Characters escaped in one URL path segment.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\\')
    .add(b'^')
    .add(b'|');

/// Percent-encodes one path segment (a file or folder name) for a URL.
pub fn encode_path_segment(segment: &str) -> String {
    utf8_percent_encode(segment, SEGMENT).to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn segments_are_encoded() {
        assert_eq!(super::encode_path_segment("a b#?.jpg"), "a%20b%23%3F.jpg");
        assert_eq!(super::encode_path_segment("é.png"), "%C3%A9.png");
    }
}

/// What a file's metadata says about its content without reading it:
/// size, modification time and, on Unix, inode and status-change time, as
/// git's index keeps them. Editors and brief itself replace files by
/// renaming a new one into place, which changes the inode; a write in
/// place changes the status-change time, which (unlike the modification
/// time) no tool can set back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Stamp {
    /// Size in bytes.
    pub len: u64,
    /// Modification time, nanoseconds since the Unix epoch (0 if unknown).
    pub mtime_ns: i128,
    /// The inode number on Unix; 0 elsewhere.
    pub ino: u64,
    /// The status-change time on Unix, nanoseconds; 0 elsewhere.
    pub ctime_ns: i128,
}

impl Stamp {
    /// The stamp of `meta`.
    pub fn of(meta: &std::fs::Metadata) -> Stamp {
        let mtime_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i128);
        #[cfg(unix)]
        let (ino, ctime_ns) = {
            use std::os::unix::fs::MetadataExt;
            (
                meta.ino(),
                i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()),
            )
        };
        #[cfg(not(unix))]
        let (ino, ctime_ns) = (0, 0);
        Stamp {
            len: meta.len(),
            mtime_ns,
            ino,
            ctime_ns,
        }
    }

    /// The stamp without the status-change time, which moving a file
    /// changes: for files brief itself moves into place.
    pub fn moved(self) -> Stamp {
        Stamp {
            ctime_ns: 0,
            ..self
        }
    }

    /// The stamp of the file at `path` (not following a final symlink).
    pub fn read(path: &std::path::Path) -> Option<Stamp> {
        std::fs::symlink_metadata(path).ok().map(|m| Stamp::of(&m))
    }
}

/// The content hash brief keeps for files it reads or writes (XXH3, 64 bits).
pub fn content_hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}
