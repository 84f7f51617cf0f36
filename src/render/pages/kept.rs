//! Cards and links made once in a render and shown many times.
//!
//! A briefing's card is shown on a front page, on each of its tags' pages
//! and on its authors' pages, and its link on the pages of the briefings
//! related to it and next to it: at 10,000 briefings, 51,000 cards and
//! 60,000 links were made for 10,000 of each. Keeping them costs about
//! 3 KB a briefing, so a render keeps them only up to [`MOST`] briefings;
//! a larger site makes each one when a page shows it, and its peak memory
//! stays flat.

use std::sync::OnceLock;

use tera::Value;

use super::Shared;
use crate::error::Diagnostic;

/// The most briefings whose cards and links a render keeps: about 60 MB.
/// Above it a build also renders its pages and its feeds one after the
/// other rather than side by side, so that their peaks do not add up.
pub const MOST: usize = 20_000;

/// The cards and links made so far in this render, by briefing.
#[derive(Default)]
pub struct Kept {
    cards: Vec<OnceLock<Value>>,
    links: Vec<OnceLock<Value>>,
}

impl Kept {
    /// Room for the views of `briefings` briefings, or none above [`MOST`].
    pub fn new(briefings: usize) -> Self {
        if briefings > MOST {
            return Kept::default();
        }
        Kept {
            cards: (0..briefings).map(|_| OnceLock::new()).collect(),
            links: (0..briefings).map(|_| OnceLock::new()).collect(),
        }
    }

    /// Briefing `i`'s card, if one is kept.
    pub fn card(&self, i: usize) -> Option<Value> {
        self.cards.get(i)?.get().cloned()
    }

    /// Keeps `card` as briefing `i`'s, unless one is kept already (made
    /// by another thread meanwhile: the same), and gives back the kept one.
    pub fn keep_card(&self, i: usize, card: Value) -> Value {
        kept(&self.cards, i, || card)
    }

    /// Briefing `i`'s link, made by `make` the first time.
    pub fn link(&self, i: usize, make: impl FnOnce() -> Value) -> Value {
        kept(&self.links, i, make)
    }
}

fn kept(views: &[OnceLock<Value>], i: usize, make: impl FnOnce() -> Value) -> Value {
    match views.get(i) {
        Some(v) => v.get_or_init(make).clone(),
        None => make(),
    }
}

/// What a failing card partial is told: how its `html` is made.
const CARD_ALONE: &str = "a card's `html` is `partials/card.html` rendered on its own, with `b`, `site`, `lang`, `words` and `heading_level` only (not `page` or `paginator`); listings of your own that need more can include the partial instead of printing `b.html`";

impl Shared<'_> {
    /// The error the card partial met rendered on its own for a card's
    /// `html`, if any, each diagnostic told how `html` is made.
    pub(super) fn card_partial_error(&self) -> Vec<Diagnostic> {
        self.card_error.told(CARD_ALONE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_is_made_once_and_shown_again() {
        let kept = Kept::new(3);
        let mut made = 0;
        for _ in 0..4 {
            let v = kept.link(1, || {
                made += 1;
                Value::from("link")
            });
            assert_eq!(v, Value::from("link"));
        }
        assert_eq!(made, 1);
        assert_eq!(kept.card(2), None);
        assert_eq!(kept.keep_card(2, Value::from("a")), Value::from("a"));
        assert_eq!(kept.keep_card(2, Value::from("b")), Value::from("a"));
        assert_eq!(kept.card(2), Some(Value::from("a")));
    }

    #[test]
    fn above_the_most_every_view_is_made_when_shown() {
        let kept = Kept::new(MOST + 1);
        let mut made = 0;
        for _ in 0..3 {
            kept.link(0, || {
                made += 1;
                Value::from("link")
            });
        }
        assert_eq!(made, 3);
        assert_eq!(kept.keep_card(0, Value::from("a")), Value::from("a"));
        assert_eq!(kept.card(0), None);
    }
}
