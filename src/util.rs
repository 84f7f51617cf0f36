//! Small helpers shared by several stages.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// Characters escaped in one URL path segment.
/// The most items (files to parse, pages to render) a worker takes as
/// one piece of a parallel loop. Rayon otherwise cuts a list into a few
/// pieces per thread and splits one further only when another thread
/// steals it, so a cold build ended its parse with one thread working
/// through its last piece for 35 ms while the other waited.
pub const PAR_BATCH: usize = 8;

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

/// `scheme:` per RFC 3986: a letter, then letters, digits, `+`, `-`, `.`.
pub fn has_scheme(s: &str) -> bool {
    match s.find(':') {
        Some(i) if i > 0 => {
            let scheme = &s[..i];
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && !scheme.contains('/')
        }
        _ => false,
    }
}

/// Characters that HTML and XML 1.0 forbid in text: C0 and C1 controls
/// other than tab, newline and carriage return; and the non-characters
/// (U+FDD0 to U+FDEF, and the last two code points of every plane), which
/// the Nu checker rejects as forbidden code points.
pub fn is_forbidden_control(c: char) -> bool {
    matches!(c, '\u{1}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{FDD0}'..='\u{FDEF}')
        || (c as u32) & 0xFFFE == 0xFFFE
}

/// Whether `c` draws nothing: white space, or a default-ignorable code
/// point (Unicode's DerivedCoreProperties: zero-width spaces and joiners,
/// the soft hyphen, bidirectional marks, variation selectors, tags). A
/// text of these alone reads as blank.
pub fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '\u{AD}' | '\u{34F}' | '\u{61C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
            | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}')
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_folder_reads_the_same_stamps_as_a_path() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
        std::fs::write(dir.path().join("a/b/index.html"), "hello").unwrap();
        let folder = super::StampDir::open(dir.path());
        let stamp = folder.read("a/b/index.html").unwrap();
        assert_eq!(
            Some(stamp),
            super::Stamp::read(&dir.path().join("a/b/index.html"))
        );
        assert_eq!(stamp.len, 5);
        assert_eq!(
            folder.read("a/b"),
            super::Stamp::read(&dir.path().join("a/b"))
        );
        assert_eq!(folder.read("a/missing.html"), None);
    }

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
    /// An `i64` reaches the year 2262, and keeps the stamp 32 bytes: a
    /// warm build holds one in several maps for every output file, and
    /// `i128`'s alignment made it 48.
    pub mtime_ns: i64,
    /// The inode number on Unix; 0 elsewhere.
    pub ino: u64,
    /// The status-change time on Unix, nanoseconds; 0 elsewhere.
    pub ctime_ns: i64,
}

/// `secs` seconds and `nsec` nanoseconds as nanoseconds, saturating past
/// `i64`'s range (the years before 1678 and after 2262).
fn nanos(secs: i64, nsec: i64) -> i64 {
    secs.saturating_mul(1_000_000_000).saturating_add(nsec)
}

impl Stamp {
    /// The stamp of `meta`.
    pub fn of(meta: &std::fs::Metadata) -> Stamp {
        let mtime_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| {
                nanos(d.as_secs() as i64, i64::from(d.subsec_nanos()))
            });
        #[cfg(unix)]
        let (ino, ctime_ns) = {
            use std::os::unix::fs::MetadataExt;
            (meta.ino(), nanos(meta.ctime(), meta.ctime_nsec()))
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

/// A folder whose files' stamps are read by their paths relative to it.
/// On Unix through an open handle of the folder (`fstatat`): a warm build
/// stamps every file of the output folder, and walking the folder's own
/// path again for each was an eighth of its time.
#[derive(Debug)]
pub struct StampDir {
    path: std::path::PathBuf,
    #[cfg(unix)]
    handle: Option<std::fs::File>,
}

impl StampDir {
    /// The folder at `path` (read by joined paths if it cannot be opened).
    pub fn open(path: &std::path::Path) -> StampDir {
        StampDir {
            path: path.to_path_buf(),
            #[cfg(unix)]
            handle: std::fs::File::open(path).ok(),
        }
    }

    /// [`Stamp::read`] of the file at `rel` (a relative path) in the folder.
    pub fn read(&self, rel: &str) -> Option<Stamp> {
        #[cfg(unix)]
        if let Some(dir) = &self.handle {
            let st = rustix::fs::statat(dir, rel, rustix::fs::AtFlags::SYMLINK_NOFOLLOW).ok()?;
            // As `Metadata::modified` since the epoch: 0 before it.
            let mtime_ns = nanos(st.st_mtime as i64, st.st_mtime_nsec as i64).max(0);
            return Some(Stamp {
                len: st.st_size as u64,
                mtime_ns,
                ino: st.st_ino as u64,
                ctime_ns: nanos(st.st_ctime as i64, st.st_ctime_nsec as i64),
            });
        }
        Stamp::read(&self.path.join(rel))
    }
}

/// The content hash brief keeps for files it reads or writes (XXH3, 64 bits).
pub fn content_hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// The hasher of every fingerprint brief keeps between builds (what a
/// page, card or parse was made from): XXH3's 64 bits, as
/// [`content_hash`], streamed through [`std::hash::Hash`]. std's SipHash
/// gave the same guarantees at a tenth of the speed, and hashing every
/// source file's bytes with it was 1.5% of a cold build.
pub type Fingerprinter = xxhash_rust::xxh3::Xxh3Default;

/// A new [`Fingerprinter`].
pub fn fingerprinter() -> Fingerprinter {
    Fingerprinter::new()
}

/// A hash map with foldhash's hasher instead of std's SipHash. The build's
/// big maps are keyed by output paths (tens of thousands a build, each
/// hashed several times on every warm build), where SipHash took about a
/// tenth of a warm build's time; the keys come from the site itself, and
/// foldhash's per-process seed still keeps their order unpredictable.
pub type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// A hash set with [`Map`]'s hasher, for the same keys.
pub type Set<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;
