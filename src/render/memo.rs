//! Skipping work whose inputs did not change, for the development server.
//!
//! Every output file gets a fingerprint of what it was rendered from (the
//! briefings it shows, their neighbours, the page numbers). A rebuild
//! renders only the files whose fingerprint changed. The dev server starts
//! a fresh memo when site.toml or a template changes; a build starts from
//! the fingerprints the previous build recorded (the output folder's
//! records, which it marks as it keeps their files), mixed with keys of
//! site.toml and the templates so that a change to either invalidates the
//! outputs that depend on it.

use std::hash::{Hash, Hasher};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use tera::Value;

use crate::content::Briefing;
use crate::output::Records;
use crate::site::Site;
use crate::util::Map;

/// What an output depends on besides the inputs its fingerprint covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depends {
    /// Nothing else (a copied file).
    Nothing,
    /// site.toml (feeds, written by code, not templates).
    Config,
    /// site.toml and the templates (pages and email editions).
    Theme,
}

/// A fingerprint the last render recorded, and whether the render under
/// way found it again.
#[derive(Debug)]
struct Seen {
    fp: u64,
    again: AtomicBool,
}

/// The fingerprints of the last render.
enum Previous<'p> {
    /// The memo's own, kept from render to render (the dev server's).
    Own(Map<String, Seen>),
    /// The records of the files in the output folder (a build's): a file
    /// whose fingerprint is found again is marked kept there, for the
    /// commit.
    Output(&'p Records),
}

impl Default for Previous<'_> {
    fn default() -> Self {
        Previous::Own(Map::default())
    }
}

/// Fingerprints of the last render and the one under way.
///
/// Most outputs of a render are unchanged, so one that finds its previous
/// fingerprint again only marks it (no allocation, no lock); the new and
/// changed ones are recorded apart.
#[derive(Default)]
pub struct Memo<'p> {
    previous: Previous<'p>,
    /// What the render under way recorded that is not in `previous`.
    next: Mutex<Map<String, u64>>,
    previous_cards: Map<u64, Value>,
    next_cards: Mutex<Map<u64, Value>>,
    /// Mixed into fingerprints of outputs that depend on site.toml.
    config_key: u64,
    /// Mixed into fingerprints of outputs that depend on the templates.
    theme_key: u64,
    /// Whether cards are kept for the next render (the dev server's memo,
    /// which lives on; a build's ends with the process).
    keep_cards: bool,
}

impl<'p> Memo<'p> {
    /// An empty memo, kept between renders: its first render renders
    /// everything.
    pub fn new() -> Self {
        Memo {
            keep_cards: true,
            ..Self::default()
        }
    }

    /// A memo of its own that starts from `previous` fingerprints, under
    /// the given keys of site.toml and the templates: a fingerprint made
    /// under other keys never matches. (A build starts from the output
    /// folder's records instead, [`Memo::over`].)
    #[cfg(test)]
    fn with_previous(
        previous: impl IntoIterator<Item = (String, u64)>,
        config_key: u64,
        theme_key: u64,
    ) -> Self {
        Memo {
            previous: Previous::Own(previous.into_iter().map(|(p, fp)| (p, seen(fp))).collect()),
            config_key,
            theme_key,
            ..Memo::default()
        }
    }

    /// A build's memo: it starts from the fingerprints in `records` (the
    /// output folder's, see [`crate::output::Staging::records`]) and marks
    /// the record of every file whose fingerprint it finds again as kept.
    /// What it records anew is [taken](Memo::into_fps) for the commit.
    pub fn over(records: &'p Records, config_key: u64, theme_key: u64) -> Self {
        Memo {
            previous: Previous::Output(records),
            config_key,
            theme_key,
            ..Memo::default()
        }
    }

    /// Records `fp` for `path` and says whether it must be rendered.
    pub fn stale(&self, path: &str, fp: u64, depends: Depends) -> bool {
        let fp = match depends {
            Depends::Nothing => fp,
            Depends::Config => mix(fp, self.config_key, 0),
            Depends::Theme => mix(fp, self.config_key, self.theme_key),
        };
        let found = match &self.previous {
            Previous::Own(map) => map
                .get(path)
                .filter(|seen| seen.fp == fp)
                .map(|seen| seen.again.store(true, Ordering::Relaxed)),
            Previous::Output(records) => records
                .get(path)
                .filter(|t| t.record.fp == Some(fp))
                .map(|t| t.keep()),
        };
        if found.is_some() {
            return false;
        }
        self.lock_next().insert(path.to_string(), fp);
        true
    }

    /// The fingerprints the render under way recorded (of its new and
    /// changed files), for the output folder's records.
    pub fn into_fps(self) -> Map<String, u64> {
        self.next.into_inner().unwrap_or_else(|e| e.into_inner())
    }

    fn lock_next(&self) -> std::sync::MutexGuard<'_, Map<String, u64>> {
        self.next.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The paths recorded in the render under way whose fingerprint is the
    /// previous one: their files need not be written again.
    #[cfg(test)]
    fn unchanged(&self) -> Vec<&str> {
        let next = self.lock_next();
        let found: Vec<&str> = match &self.previous {
            Previous::Own(map) => map
                .iter()
                .filter(|(_, seen)| seen.again.load(Ordering::Relaxed))
                .map(|(path, _)| path.as_str())
                .collect(),
            Previous::Output(records) => records
                .iter()
                .filter(|(_, t)| t.kept())
                .map(|(path, _)| path.as_str())
                .collect(),
        };
        found
            .into_iter()
            .filter(|path| !next.contains_key(*path))
            .collect()
    }

    /// How many paths the render under way recorded.
    #[cfg(test)]
    fn recorded(&self) -> usize {
        self.unchanged().len() + self.rendered()
    }

    /// How many paths the render under way found new or changed.
    pub fn rendered(&self) -> usize {
        self.lock_next().len()
    }

    /// The fingerprint the last finished render recorded for `path`.
    pub fn fp(&self, path: &str) -> Option<u64> {
        match &self.previous {
            Previous::Own(map) => map.get(path).map(|s| s.fp),
            Previous::Output(records) => records.get(path).and_then(|t| t.record.fp),
        }
    }

    /// The card for a briefing fingerprint, from the last render if it
    /// had one.
    pub fn card(&self, fp: u64, make: impl FnOnce() -> Value) -> Value {
        if !self.keep_cards {
            return make();
        }
        let card = self.previous_cards.get(&fp).cloned().unwrap_or_else(make);
        self.next_cards
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(fp, card.clone());
        card
    }

    /// Ends a render: what it recorded becomes what the next compares to.
    /// (A build's memo ends with [`Memo::into_fps`] instead: the output
    /// folder's records are the commit's to update.)
    pub fn finish(&mut self) {
        let next = std::mem::take(self.next.get_mut().unwrap_or_else(|e| e.into_inner()));
        let previous = self.own();
        previous
            .retain(|path, seen| std::mem::take(seen.again.get_mut()) && !next.contains_key(path));
        previous.extend(next.into_iter().map(|(path, fp)| (path, seen(fp))));
        self.previous_cards =
            std::mem::take(self.next_cards.get_mut().unwrap_or_else(|e| e.into_inner()));
    }

    /// Drops what a failed render recorded; the last good one stands.
    pub fn abandon(&mut self) {
        self.next
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        for seen in self.own().values_mut() {
            *seen.again.get_mut() = false;
        }
        self.next_cards
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    /// Whether nothing has been rendered with this memo yet.
    pub fn is_empty(&self) -> bool {
        match &self.previous {
            Previous::Own(map) => map.is_empty(),
            Previous::Output(records) => records.is_empty(),
        }
    }

    /// Every output path the last render produced or kept.
    pub fn paths(&self) -> impl Iterator<Item = &String> {
        let (own, records) = match &self.previous {
            Previous::Own(map) => (Some(map.keys()), None),
            Previous::Output(records) => (None, Some(records.keys())),
        };
        own.into_iter()
            .flatten()
            .chain(records.into_iter().flatten())
    }

    /// The memo's own fingerprints, which a build's memo (over the output
    /// folder's records) starts empty: only the dev server's memo, which
    /// lives on, keeps what it renders.
    fn own(&mut self) -> &mut Map<String, Seen> {
        if let Previous::Output(_) = self.previous {
            self.previous = Previous::default();
        }
        match &mut self.previous {
            Previous::Own(map) => map,
            Previous::Output(_) => unreachable!("replaced above"),
        }
    }

    /// Forgets everything (after a change to the config or templates).
    pub fn clear(&mut self) {
        *self = Memo::new();
    }
}

fn seen(fp: u64) -> Seen {
    Seen {
        fp,
        again: AtomicBool::new(false),
    }
}

/// `fp` under the given keys.
fn mix(fp: u64, a: u64, b: u64) -> u64 {
    let mut bytes = [0; 24];
    for (chunk, n) in bytes.chunks_exact_mut(8).zip([fp, a, b]) {
        chunk.copy_from_slice(&n.to_le_bytes());
    }
    crate::util::content_hash(&bytes)
}

/// A hasher for fingerprints.
pub fn hasher() -> crate::util::Fingerprinter {
    crate::util::fingerprinter()
}

/// What a briefing shows wherever it appears: its source, the tag and
/// author names the site settled on (another briefing can change them),
/// and, when it
/// links to other briefings' Markdown files, its body as resolved (their
/// slugs can change).
pub fn briefing_fp(site: &Site, b: &Briefing) -> u64 {
    let mut h = hasher();
    b.fingerprint.hash(&mut h);
    for name in site.tag_names(b) {
        name.hash(&mut h);
    }
    0xffu8.hash(&mut h);
    for name in site.author_names(b) {
        name.hash(&mut h);
    }
    if !b.md_refs.is_empty() {
        // Resolved by the build, so always in memory.
        b.html.loaded().hash(&mut h);
    }
    h.finish()
}

/// What a link to a briefing shows (the archive, previous and next): its
/// title, URL, date and language, not its body.
pub fn link_fp(b: &Briefing) -> u64 {
    let mut h = hasher();
    (&b.title, &b.slug, b.date, b.draft, &b.language).hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_render_keeps_what_it_found_again_and_forgets_the_rest() {
        let previous = [("a", 1), ("b", 2), ("gone", 3)].map(|(p, fp)| (p.to_string(), fp));
        let mut memo = Memo::with_previous(previous, 7, 8);
        assert!(!memo.stale("a", 1, Depends::Nothing));
        assert!(memo.stale("b", 20, Depends::Nothing), "changed");
        assert!(memo.stale("new", 4, Depends::Nothing));
        assert!(memo.stale("gone", 3, Depends::Config), "another key");
        assert_eq!(memo.unchanged(), ["a"]);
        assert_eq!(memo.recorded(), 4);
        // A failed render changes nothing.
        memo.abandon();
        assert_eq!(memo.recorded(), 0);
        assert_eq!(memo.fp("gone"), Some(3));
        assert!(!memo.stale("a", 1, Depends::Nothing));
        assert!(memo.stale("new", 4, Depends::Nothing));
        memo.finish();
        let mut paths: Vec<&String> = memo.paths().collect();
        paths.sort();
        assert_eq!(paths, ["a", "new"]);
        assert_eq!((memo.fp("a"), memo.fp("new")), (Some(1), Some(4)));
        // What the next render finds again is marked afresh.
        assert!(memo.unchanged().is_empty());
        assert!(!memo.stale("new", 4, Depends::Nothing));
        assert_eq!(memo.unchanged(), ["new"]);
    }

    #[test]
    fn a_builds_memo_marks_the_records_it_finds_again_and_hands_over_the_rest() {
        let stamp = crate::util::Stamp {
            len: 1,
            mtime_ns: 1,
            ino: 1,
            ctime_ns: 1,
        };
        let record = |fp| crate::output::Record { fp, hash: 0, stamp };
        let records: Records = [("a", Some(1)), ("b", Some(2)), ("c", None)]
            .map(|(p, fp)| (p.to_string(), crate::output::Tracked::new(record(fp))))
            .into_iter()
            .collect();
        let memo = Memo::over(&records, 7, 8);
        assert!(!memo.stale("a", 1, Depends::Nothing));
        assert!(memo.stale("b", 1, Depends::Nothing), "changed");
        assert!(
            memo.stale("c", 3, Depends::Nothing),
            "no fingerprint on record"
        );
        assert!(memo.stale("new", 4, Depends::Nothing));
        assert_eq!(memo.unchanged(), ["a"]);
        assert_eq!(memo.fp("b"), Some(2), "the record's, until the commit");
        let fps = memo.into_fps();
        let kept: Vec<bool> = ["a", "b", "c"].map(|p| records[p].kept()).to_vec();
        assert_eq!(kept, [true, false, false]);
        let mut recorded: Vec<(&str, u64)> = fps.iter().map(|(p, &fp)| (p.as_str(), fp)).collect();
        recorded.sort();
        assert_eq!(recorded, [("b", 1), ("c", 3), ("new", 4)]);
    }
}
