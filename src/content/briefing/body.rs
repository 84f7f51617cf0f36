//! A briefing's rendered body: in memory, or in the build cache's store,
//! read back each time a page that shows it is rendered.
//!
//! Most of a briefing's size is its body, and a build that reuses a cached
//! parse needs the bodies only of the pages it renders again: the rest of
//! the briefing (title, date, tags, summary) is what every other stage
//! reads.

use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

use crate::error::BuildError;

/// Where stored bodies are read back from (the build cache implements it;
/// the parse stage does not know about caches).
pub trait BodyStore: Send + Sync {
    /// The `len` bytes at `at`.
    fn read(&self, at: u64, len: u64) -> std::io::Result<Vec<u8>>;
    /// The file the bodies are stored in, for messages.
    fn path(&self) -> &Path;
}

/// Where a stored body is, and the hash its bytes must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stored {
    /// Offset in the store.
    pub at: u64,
    /// Length in bytes.
    pub len: u64,
    /// [`crate::util::content_hash`] of the bytes.
    pub hash: u64,
}

enum Inner {
    Text(Arc<str>),
    Stored {
        store: Arc<dyn BodyStore>,
        place: Stored,
    },
}

/// The rendered HTML of a briefing's body. Cheap to clone.
#[derive(Clone)]
pub struct Body(Arc<Inner>);

impl Default for Body {
    fn default() -> Self {
        Body::new("")
    }
}

impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &*self.0 {
            Inner::Text(t) => f.debug_tuple("Body").field(t).finish(),
            Inner::Stored { place, .. } => f.debug_tuple("Body").field(place).finish(),
        }
    }
}

impl Body {
    /// A body held in memory.
    pub fn new(text: impl Into<Arc<str>>) -> Body {
        Body(Arc::new(Inner::Text(text.into())))
    }

    /// A body to read from `store` when first needed.
    pub fn stored(store: Arc<dyn BodyStore>, place: Stored) -> Body {
        Body(Arc::new(Inner::Stored { store, place }))
    }

    /// The HTML. A stored body is read from its store each time and not
    /// kept, so that a build holds a body only while it renders it. A
    /// store that cannot give back the bytes it was given is damaged:
    /// [`BuildError::CacheDamaged`]. A stored body is the bytes read,
    /// not copied again.
    pub fn text(&self) -> Result<Cow<'_, str>, BuildError> {
        match &*self.0 {
            Inner::Text(t) => Ok(Cow::Borrowed(t)),
            Inner::Stored { store, place } => {
                let damaged = || BuildError::CacheDamaged {
                    path: store.path().to_path_buf(),
                };
                let bytes = store.read(place.at, place.len).map_err(|_| damaged())?;
                if crate::util::content_hash(&bytes) != place.hash {
                    return Err(damaged());
                }
                Ok(Cow::Owned(String::from_utf8(bytes).map_err(|_| damaged())?))
            }
        }
    }

    /// The HTML if it is held in memory, without reading a store.
    pub fn loaded(&self) -> Option<&str> {
        match &*self.0 {
            Inner::Text(t) => Some(t),
            Inner::Stored { .. } => None,
        }
    }

    /// Where the body is stored, if it came from a store.
    pub fn place(&self) -> Option<Stored> {
        match &*self.0 {
            Inner::Text(_) => None,
            Inner::Stored { place, .. } => Some(*place),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Bytes(Vec<u8>);
    impl BodyStore for Bytes {
        fn read(&self, at: u64, len: u64) -> std::io::Result<Vec<u8>> {
            self.0
                .get(at as usize..(at + len) as usize)
                .map(<[u8]>::to_vec)
                .ok_or_else(|| std::io::Error::other("short"))
        }
        fn path(&self) -> &Path {
            Path::new("store")
        }
    }

    #[test]
    fn a_stored_body_is_read_once_and_checked() {
        let store: Arc<dyn BodyStore> = Arc::new(Bytes(b"xx<p>hi</p>".to_vec()));
        let place = Stored {
            at: 2,
            len: 9,
            hash: crate::util::content_hash(b"<p>hi</p>"),
        };
        let body = Body::stored(Arc::clone(&store), place);
        assert_eq!(body.loaded(), None);
        assert_eq!(&*body.text().unwrap(), "<p>hi</p>");
        assert_eq!(body.loaded(), None, "read each time, never kept");
        let wrong = Body::stored(Arc::clone(&store), Stored { at: 1, ..place });
        assert!(matches!(wrong.text(), Err(BuildError::CacheDamaged { .. })));
        let short = Body::stored(store, Stored { len: 99, ..place });
        assert!(matches!(short.text(), Err(BuildError::CacheDamaged { .. })));
    }
}
