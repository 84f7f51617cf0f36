//! Skipping work whose inputs did not change, for the development server.
//!
//! Every output file gets a fingerprint of what it was rendered from (the
//! briefings it shows, their neighbours, the page numbers). A rebuild
//! renders only the files whose fingerprint changed. A changed site.toml or
//! template invalidates everything: the server starts a fresh memo then.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Mutex;

use tera::Value;

use crate::content::Briefing;
use crate::site::Site;

/// Fingerprints of the last render and the one under way.
#[derive(Default)]
pub struct Memo {
    previous: HashMap<String, u64>,
    next: Mutex<HashMap<String, u64>>,
    previous_cards: HashMap<u64, Value>,
    next_cards: Mutex<HashMap<u64, Value>>,
}

impl Memo {
    /// An empty memo: its first render renders everything.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records `fp` for `path` and says whether it must be rendered.
    pub fn stale(&self, path: &str, fp: u64) -> bool {
        self.next
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string(), fp);
        self.previous.get(path) != Some(&fp)
    }

    /// The card for a briefing fingerprint, from the last render if it
    /// had one.
    pub fn card(&self, fp: u64, make: impl FnOnce() -> Value) -> Value {
        let card = self.previous_cards.get(&fp).cloned().unwrap_or_else(make);
        self.next_cards
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(fp, card.clone());
        card
    }

    /// Ends a render: what it recorded becomes what the next compares to.
    pub fn finish(&mut self) {
        self.previous = std::mem::take(self.next.get_mut().unwrap_or_else(|e| e.into_inner()));
        self.previous_cards =
            std::mem::take(self.next_cards.get_mut().unwrap_or_else(|e| e.into_inner()));
    }

    /// Drops what a failed render recorded; the last good one stands.
    pub fn abandon(&mut self) {
        self.next
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        self.next_cards
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    /// Whether nothing has been rendered with this memo yet.
    pub fn is_empty(&self) -> bool {
        self.previous.is_empty()
    }

    /// Every output path the last render produced or kept.
    pub fn paths(&self) -> impl Iterator<Item = &String> {
        self.previous.keys()
    }

    /// Forgets everything (after a change to the config or templates).
    pub fn clear(&mut self) {
        *self = Memo::default();
    }
}

/// A hasher for fingerprints.
pub fn hasher() -> DefaultHasher {
    DefaultHasher::new()
}

/// What a briefing shows wherever it appears: its source, the tag names
/// the site settled on (another briefing can change them), and, when it
/// links to other briefings' Markdown files, its body as resolved (their
/// slugs can change).
pub fn briefing_fp(site: &Site, b: &Briefing) -> u64 {
    let mut h = hasher();
    b.fingerprint.hash(&mut h);
    for name in site.tag_names(b) {
        name.hash(&mut h);
    }
    if !b.md_refs.is_empty() {
        b.html.hash(&mut h);
    }
    h.finish()
}

/// What a link to a briefing shows (the archive, previous and next): its
/// title, URL and date, not its body.
pub fn link_fp(b: &Briefing) -> u64 {
    let mut h = hasher();
    (&b.title, &b.slug, b.date, b.draft).hash(&mut h);
    h.finish()
}
