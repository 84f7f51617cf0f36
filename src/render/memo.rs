//! Skipping work whose inputs did not change, for the development server.
//!
//! Every output file gets a fingerprint of what it was rendered from (the
//! briefings it shows, their neighbours, the page numbers). A rebuild
//! renders only the files whose fingerprint changed. The dev server starts
//! a fresh memo when site.toml or a template changes; a build starts from
//! the fingerprints the previous build recorded, mixed with keys of
//! site.toml and the templates so that a change to either invalidates the
//! outputs that depend on it.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Mutex;

use tera::Value;

use crate::content::Briefing;
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

/// Fingerprints of the last render and the one under way.
#[derive(Default)]
pub struct Memo {
    previous: Map<String, u64>,
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

impl Memo {
    /// An empty memo, kept between renders: its first render renders
    /// everything.
    pub fn new() -> Self {
        Memo {
            keep_cards: true,
            ..Self::default()
        }
    }

    /// A memo that starts from the fingerprints a previous build recorded
    /// (see [`Memo::fp`]), under the given keys of site.toml and the
    /// templates: a fingerprint made under other keys never matches.
    pub fn with_previous(previous: Map<String, u64>, config_key: u64, theme_key: u64) -> Self {
        Memo {
            previous,
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
        self.next
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string(), fp);
        self.previous.get(path) != Some(&fp)
    }

    /// The paths recorded in the render under way whose fingerprint is the
    /// previous one: their files need not be written again.
    pub fn unchanged(&self) -> Vec<String> {
        let next = self.next.lock().unwrap_or_else(|e| e.into_inner());
        next.iter()
            .filter(|(path, fp)| self.previous.get(*path) == Some(fp))
            .map(|(path, _)| path.clone())
            .collect()
    }

    /// How many paths the render under way recorded.
    pub fn recorded(&self) -> usize {
        self.next.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// The fingerprint the last finished render recorded for `path`.
    pub fn fp(&self, path: &str) -> Option<u64> {
        self.previous.get(path).copied()
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
        *self = Memo::new();
    }
}

/// `fp` under the given keys.
fn mix(fp: u64, a: u64, b: u64) -> u64 {
    let mut h = hasher();
    (fp, a, b).hash(&mut h);
    h.finish()
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
        // Resolved by the build, so always in memory.
        b.html.loaded().hash(&mut h);
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
