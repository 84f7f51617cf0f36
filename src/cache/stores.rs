//! The stores a render takes what it made before from: share cards and
//! search index parts, opened together and finished together.

use super::{CardStore, SearchStore};

/// The stores of drawn share cards and search index parts a render takes
/// what it made before from, and files what it makes in.
pub struct Stores {
    /// Drawn share cards.
    pub cards: CardStore,
    /// Search index parts.
    pub search: SearchStore,
}

impl Stores {
    /// The stores of the site at `root`; `read: false` makes everything
    /// again (`--no-cache`).
    pub fn open(root: &std::path::Path, read: bool) -> Stores {
        Stores {
            cards: CardStore::open(root, read),
            search: SearchStore::open(root, read),
        }
    }

    /// Ends a build: each store keeps only what this build used.
    pub fn finish(self) {
        self.cards.finish();
        self.search.finish();
    }
}
