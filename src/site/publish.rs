//! Which briefings a build publishes: not drafts, not those dated after
//! the build's now, unless asked.

use std::sync::Arc;

use chrono::{DateTime, FixedOffset};

use crate::config::Config;
use crate::content::Briefing;

/// Which briefings a build publishes.
#[derive(Debug, Clone, Copy)]
pub struct Publish {
    /// Publish drafts too.
    pub drafts: bool,
    /// Publish briefings dated after `now` too.
    pub future: bool,
    /// The build's clock.
    pub now: DateTime<FixedOffset>,
}

impl Publish {
    /// What `config` asks for.
    pub fn of(config: &Config) -> Self {
        Publish {
            drafts: config.drafts,
            future: config.future,
            now: config.now,
        }
    }

    /// Why `b` is left out, if it is.
    pub fn holds_back(&self, b: &Briefing) -> Option<Held> {
        if b.draft && !self.drafts {
            Some(Held::Draft)
        } else if b.date > self.now && !self.future {
            Some(Held::Scheduled)
        } else {
            None
        }
    }
}

/// Why a briefing is not published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    /// `draft: true`, built without `--drafts`.
    Draft,
    /// Dated after the build's now, built without `--future`.
    Scheduled,
}

/// A briefing left out of the build, and why.
#[derive(Debug, Clone)]
pub struct HeldBack {
    /// The briefing left out.
    pub briefing: Arc<Briefing>,
    /// Why: a draft, or scheduled for later.
    pub reason: Held,
}
