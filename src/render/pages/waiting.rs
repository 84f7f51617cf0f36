//! The first error of a partial rendered on its own (a card's `html`, the
//! page's `chrome`), waiting for a page that fails for want of its part:
//! a site whose own templates never print that part builds.

use std::sync::Mutex;

use crate::error::{BuildError, Diagnostic};

/// The first error a partial rendered on its own met, if any.
#[derive(Default)]
pub struct Waiting(Mutex<Option<BuildError>>);

impl Waiting {
    /// Keeps `e`, unless an error waits already.
    pub(super) fn keep(&self, e: BuildError) {
        let mut first = self.0.lock().unwrap_or_else(|p| p.into_inner());
        first.get_or_insert(e);
    }

    /// The waiting error's diagnostics, each told `hint` (how the part is
    /// made); none when nothing waits.
    pub(super) fn told(&self, hint: &str) -> Vec<Diagnostic> {
        match self.0.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
            Some(BuildError::Content(ds)) => {
                ds.iter().cloned().map(|d| d.with_hint(hint)).collect()
            }
            _ => Vec::new(),
        }
    }
}
