//! Parse results by file, reused while a file's bytes and the parse
//! context stay the same. The dev server keeps one in memory between
//! rebuilds; `brief build` keeps one in `.brief-cache/` between builds.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::pack::BodySink;
use crate::content::briefing::{Body, BodyStore, Parsed, Stored};
use crate::content::{Briefing, ParseContext, briefing, rel_to};
use crate::error::Diagnostic;
use crate::util::{Stamp, content_hash};

/// One file's last parse.
#[derive(Clone, Serialize, Deserialize)]
struct Entry {
    stamp: Option<Stamp>,
    hash: u64,
    /// The briefing, its body left out (see `body`).
    parsed: Parsed,
    /// Where the body is in the build cache's pack, once stored.
    body: Option<Stored>,
}

/// Parse results by file (relative to the site root), all made under one
/// [`ParseContext`].
#[derive(Default, Serialize, Deserialize)]
pub struct ParseCache {
    /// A fingerprint of the [`ParseContext`] every entry was parsed with.
    context: u64,
    entries: HashMap<PathBuf, Entry>,
}

/// What a parse through the cache did.
#[derive(Debug, Default, Clone, Copy)]
pub struct ParseStats {
    /// Files parsed.
    pub parsed: usize,
    /// Files whose last parse was reused.
    pub reused: usize,
    /// Cached parses of files that are gone.
    pub dropped: usize,
    /// Files whose parse was reused because their bytes, not their stamp,
    /// were unchanged.
    pub rehashed: usize,
}

/// A fingerprint of everything a parse depends on besides the file: the
/// time zone, the base URL, which files exist (where a body's file links
/// lead), and the words the renderer writes into bodies, in every
/// language, with the site's.
fn context_key(cx: &ParseContext<'_>) -> u64 {
    let mut h = crate::util::fingerprinter();
    (cx.timezone.name(), cx.root_url, cx.language).hash(&mut h);
    for lang in cx.translations.languages() {
        for key in crate::content::markdown::WORD_KEYS {
            (lang, key, cx.translations.entry(lang, key)).hash(&mut h);
        }
    }
    let mut files: Vec<&String> = cx.files.iter().collect();
    files.sort_unstable();
    files.hash(&mut h);
    h.finish()
}

impl ParseCache {
    /// The parse stage, reusing every file whose last parse still holds:
    /// entries are keyed by the hash of the file's bytes, and a file whose
    /// [`Stamp`] is the one it had when it was hashed is taken to have the
    /// same bytes, as git's index assumes, so only files whose stamp
    /// changed are read. Briefings and diagnostics come back in file
    /// order, as from [`crate::content::parse_all`].
    pub fn parse(
        &mut self,
        root: &Path,
        files: &[(PathBuf, PathBuf)],
        cx: &ParseContext<'_>,
        sink: Option<&BodySink>,
    ) -> ((Vec<Arc<Briefing>>, Vec<Diagnostic>), ParseStats) {
        let key = context_key(cx);
        if key != self.context {
            self.entries.clear();
            self.context = key;
        }
        let entries = &self.entries;
        let results: Vec<(PathBuf, Entry, Reuse)> = files
            .par_iter()
            .with_max_len(crate::util::PAR_BATCH)
            .map(|(abs, rel_content)| {
                let rel = rel_to(root, abs);
                let (mut entry, reuse) = one(entries.get(&rel), &rel, abs, rel_content, cx);
                if reuse == Reuse::Parsed
                    && let Some(sink) = sink
                {
                    store_body(&mut entry, sink);
                }
                (rel, entry, reuse)
            })
            .collect();
        let mut briefings = Vec::with_capacity(results.len());
        let mut diagnostics = Vec::new();
        let mut stats = ParseStats::default();
        let mut next = HashMap::with_capacity(results.len());
        for (rel, entry, reuse) in results {
            match reuse {
                Reuse::Reused => stats.reused += 1,
                Reuse::Rehashed => {
                    stats.reused += 1;
                    stats.rehashed += 1;
                }
                Reuse::Parsed | Reuse::Unreadable => stats.parsed += 1,
            }
            briefings.extend(entry.parsed.briefing.clone());
            diagnostics.extend(entry.parsed.diagnostics.iter().cloned());
            if reuse != Reuse::Unreadable {
                next.insert(rel, entry);
            }
        }
        stats.dropped = self.entries.len().saturating_sub(stats.reused);
        self.entries = next;
        ((briefings, diagnostics), stats)
    }
}

/// Moves a freshly parsed body into the pack, so that the build does not
/// hold it; if the pack cannot take it, it stays in memory (and is stored
/// when the cache is saved).
fn store_body(entry: &mut Entry, sink: &BodySink) {
    let Some(b) = entry.parsed.briefing.as_mut() else {
        return;
    };
    let Some(text) = b.html.loaded() else {
        return;
    };
    let Ok((place, body)) = sink.store(text) else {
        return;
    };
    if let Some(b) = Arc::get_mut(b) {
        b.html = body;
        entry.body = Some(place);
    }
}

/// How a file's entry came about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reuse {
    /// The last parse still holds, by the file's stamp.
    Reused,
    /// The last parse still holds, by the file's bytes.
    Rehashed,
    /// Parsed now.
    Parsed,
    /// The file could not be read: reported, never cached.
    Unreadable,
}

/// A file's stamp and bytes, from one opening of it: a file the cache
/// knows nothing of is read anyway, and stating it by its path first cost
/// a second lookup of the path (0.75% of a cold build's CPU). The stamp
/// is taken before the bytes are read, so a file written meanwhile has a
/// stamp older than its bytes and is read again next time.
fn read_stamped(abs: &Path) -> (Option<Stamp>, std::io::Result<Vec<u8>>) {
    use std::io::Read;
    let mut file = match std::fs::File::open(abs) {
        Ok(f) => f,
        Err(e) => return (None, Err(e)),
    };
    let meta = file.metadata().ok();
    let mut bytes = Vec::with_capacity(meta.as_ref().map_or(0, |m| m.len() as usize + 1));
    let read = file.read_to_end(&mut bytes).map(|_| bytes);
    (meta.map(|m| Stamp::of(&m)), read)
}

/// One file through the cache.
fn one(
    old: Option<&Entry>,
    rel: &Path,
    abs: &Path,
    rel_content: &Path,
    cx: &ParseContext<'_>,
) -> (Entry, Reuse) {
    let (stamp, read) = match old {
        Some(old) => {
            let stamp = std::fs::metadata(abs).ok().map(|m| Stamp::of(&m));
            if stamp.is_some() && old.stamp == stamp {
                return (old.clone(), Reuse::Reused);
            }
            (stamp, std::fs::read(abs))
        }
        None => read_stamped(abs),
    };
    let bytes = match read {
        Ok(bytes) => bytes,
        Err(e) => {
            let parsed = Parsed {
                briefing: None,
                diagnostics: vec![Diagnostic::error(rel, format!("cannot read: {e}"))],
            };
            let entry = Entry {
                stamp: None,
                hash: 0,
                parsed,
                body: None,
            };
            return (entry, Reuse::Unreadable);
        }
    };
    let hash = content_hash(&bytes);
    if let Some(old) = old
        && old.hash == hash
    {
        return (
            Entry {
                stamp,
                ..old.clone()
            },
            Reuse::Rehashed,
        );
    }
    let parsed = briefing::parse_file(rel, rel_content, &bytes, cx);
    (
        Entry {
            stamp,
            hash,
            parsed,
            body: None,
        },
        Reuse::Parsed,
    )
}

impl ParseCache {
    /// After loading from disk: points every briefing's body at its place
    /// in `store`. False when an entry has no stored body (a damaged
    /// cache).
    pub(super) fn attach(&mut self, store: &Arc<dyn BodyStore>) -> bool {
        for entry in self.entries.values_mut() {
            if let Some(b) = &mut entry.parsed.briefing {
                let Some(place) = entry.body else {
                    return false;
                };
                Arc::make_mut(b).html = Body::stored(Arc::clone(store), place);
            }
        }
        true
    }

    /// Drops the stamps `racy` says prove nothing: those files are read
    /// and hashed again next time.
    pub(super) fn forget_stamps(&mut self, racy: impl Fn(&Stamp) -> bool) {
        for e in self.entries.values_mut() {
            if e.stamp.as_ref().is_some_and(&racy) {
                e.stamp = None;
            }
        }
    }

    /// Bytes of stored bodies that entries refer to.
    pub(super) fn live_bytes(&self) -> u64 {
        self.entries
            .values()
            .filter(|e| e.parsed.briefing.is_some())
            .filter_map(|e| e.body.map(|p| p.len))
            .sum()
    }

    /// The bodies not in the pack yet (every body when `fresh`, for a new
    /// pack), by file.
    pub(super) fn unstored_bodies(&self, fresh: bool) -> Vec<(PathBuf, Body)> {
        self.entries
            .iter()
            .filter_map(|(path, entry)| {
                let b = entry.parsed.briefing.as_ref()?;
                let stored = b.html.place();
                if !fresh && stored.is_some() && stored == entry.body {
                    return None;
                }
                Some((path.clone(), b.html.clone()))
            })
            .collect()
    }

    /// Records where the bodies of these files now are.
    pub(super) fn set_places(&mut self, places: Vec<(PathBuf, Stored)>) {
        for (path, place) in places {
            if let Some(entry) = self.entries.get_mut(&path) {
                entry.body = Some(place);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unreadable_file_is_reported_and_tried_again() {
        let dir = tempfile::tempdir().unwrap();
        let files = std::collections::HashSet::new();
        let cx = ParseContext {
            timezone: chrono_tz::UTC,
            root_url: "https://example.org/",
            files: &files,
            page_href: &|s| format!("briefings/{s}/"),
            translations: crate::content::markdown::Words::english().translations,
            language: "en",
        };
        let abs = dir.path().join("content/missing.md");
        let list = vec![(abs, PathBuf::from("missing.md"))];
        let mut cache = ParseCache::default();
        for _ in 0..2 {
            let ((briefings, diags), stats) = cache.parse(dir.path(), &list, &cx, None);
            assert!(briefings.is_empty());
            assert_eq!(diags.len(), 1);
            assert_eq!(stats.parsed, 1, "never served from the cache");
        }
    }

    #[test]
    fn a_first_read_stamps_a_file_as_a_later_build_stats_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.md");
        std::fs::write(&file, "---\ntitle: A\n---\nBody.\n").unwrap();
        let (stamp, bytes) = read_stamped(&file);
        assert_eq!(bytes.unwrap(), b"---\ntitle: A\n---\nBody.\n");
        let later = std::fs::metadata(&file).map(|m| Stamp::of(&m)).unwrap();
        assert_eq!(stamp, Some(later), "a warm build finds the stamp unchanged");
        let (stamp, read) = read_stamped(&dir.path().join("missing.md"));
        assert_eq!(stamp, None);
        assert!(read.is_err());
    }
}
