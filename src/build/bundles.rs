//! Page bundles: a briefing written as `<folder>/index.md` owns the files
//! in its folder and below it (up to a nested bundle), and they are
//! published only when it is. A draft's or a scheduled briefing's chart
//! would otherwise go out before the briefing, at a guessable address.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

use crate::content::{self, Briefing};
use crate::error::Diagnostic;
use crate::site::{Held, Site};

/// The briefing a held-back file waits for.
#[derive(Clone)]
struct Owner {
    /// Its Markdown file, relative to the site root.
    source: PathBuf,
    /// Why it is not published.
    reason: Held,
    /// Its date: a scheduled bundle's files go out at it.
    date: DateTime<FixedOffset>,
}

/// The files of bundles whose briefing this build leaves out, by output
/// path (`briefings/embargo/chart.png`).
#[derive(Default)]
pub(super) struct Withheld {
    files: HashMap<String, Owner>,
}

/// The bundle folder of a briefing (`content/briefings/embargo` for
/// `content/briefings/embargo/index.md`), if it is one. `content/` and
/// `content/briefings/` hold every briefing, so they are no bundle.
fn bundle_folder(b: &Briefing) -> Option<&Path> {
    if b.source.file_stem()? != "index" {
        return None;
    }
    let folder = b.source.parent()?;
    let content = Path::new(content::CONTENT_DIR);
    (folder != content && folder != content.join(crate::content::briefing::BRIEFINGS_FOLDER))
        .then_some(folder)
}

/// Splits content assets into those to publish and those withheld with
/// their unpublished bundle's briefing.
pub(super) fn withhold(
    site: &Site,
    assets: Vec<(PathBuf, PathBuf)>,
) -> (Vec<(PathBuf, PathBuf)>, Withheld) {
    // Every bundle, published (None) or held back, by folder.
    let mut bundles: HashMap<&Path, Option<Owner>> = HashMap::new();
    for b in &site.briefings {
        if let Some(folder) = bundle_folder(b) {
            bundles.insert(folder, None);
        }
    }
    for h in &site.held {
        if let Some(folder) = bundle_folder(&h.briefing) {
            let owner = Owner {
                source: h.briefing.source.clone(),
                reason: h.reason,
                date: h.briefing.date,
            };
            bundles.insert(folder, Some(owner));
        }
    }
    let mut withheld = Withheld::default();
    if bundles.values().all(Option::is_none) {
        return (assets, withheld);
    }
    let mut kept = Vec::with_capacity(assets.len());
    for (abs, rel) in assets {
        let shown = Path::new(content::CONTENT_DIR).join(&rel);
        // The nearest bundle folder above the file decides.
        let owner = shown.ancestors().skip(1).find_map(|f| bundles.get(f));
        match owner {
            Some(Some(owner)) => {
                let to = super::checks::url_path(&rel);
                withheld.files.insert(to, owner.clone());
            }
            _ => kept.push((abs, rel)),
        }
    }
    (kept, withheld)
}

impl Withheld {
    /// Why `b` may not point at `path`, which this build does not
    /// publish, if it is a withheld bundle file: `None` when it is one
    /// that goes out no later than `b` (a scheduled briefing pointing at
    /// its own files); otherwise `missing`, reworded.
    pub(super) fn explain(
        &self,
        b: &Briefing,
        scheduled: bool,
        path: &str,
        missing: &Diagnostic,
    ) -> Option<Diagnostic> {
        let Some(owner) = self.files.get(path) else {
            return Some(missing.clone());
        };
        if scheduled && owner.reason == Held::Scheduled && owner.date <= b.date {
            return None;
        }
        let (what, hint) = match owner.reason {
            Held::Draft => (
                "a draft".to_string(),
                "publish that briefing first (or build with --drafts), or move the file out of its folder",
            ),
            Held::Scheduled => (
                format!("scheduled for {}", owner.date.to_rfc3339()),
                "point at it once that briefing is out (or build with --future), or move the file out of its folder",
            ),
        };
        let mut d = missing.clone();
        d.message = format!(
            "/{path} is not published yet: it belongs to the bundle of {}, {what}, and goes out with it",
            owner.source.display()
        );
        d.hint = Some(hint.into());
        Some(d)
    }
}
