//! A tag or an author as a briefing names it.

use super::slug_of;
use crate::error::Position;

/// A tag or an author of a briefing: the name as written and its URL slug.
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq, Eq, Hash)]
pub struct Term {
    /// The name as this briefing writes it, whitespace folded.
    pub name: String,
    /// The URL slug (`/tags/<slug>/`, `/authors/<slug>/`).
    pub slug: String,
    /// Where the name is written in the briefing's file, for an error
    /// when it clashes with another name (see `site::groups`); `None` for
    /// a term not read from a file.
    pub at: Option<Position>,
}

impl Term {
    /// A term for `name`, with its slug.
    pub fn new(name: String) -> Self {
        let slug = slug_of(&name);
        Term {
            name,
            slug,
            at: None,
        }
    }

    /// A term for `name` as written at `at` in the briefing's file.
    pub fn written(name: String, at: Position) -> Self {
        Term {
            at: Some(at),
            ..Term::new(name)
        }
    }
}
