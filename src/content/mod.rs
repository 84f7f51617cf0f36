//! The `load` and `parse` stages: find the files under `content/`, then
//! turn each Markdown file into a [`Briefing`], in parallel.
//!
//! Every problem in every file is collected; nothing stops at the first.

pub mod briefing;
pub mod front_matter;
pub mod markdown;
pub mod split;
pub mod walk;

use std::path::{Path, PathBuf};

use std::sync::Arc;

use rayon::prelude::*;

pub use briefing::{Briefing, LeadImage, ParseContext, SourceLink, Term};

use crate::error::Diagnostic;

/// The content folder's name inside the site root.
pub const CONTENT_DIR: &str = "content";

/// What `load` found under `content/`.
#[derive(Debug, Default)]
pub struct ContentFiles {
    /// Markdown files: (absolute path, path relative to `content/`).
    pub markdown: Vec<(PathBuf, PathBuf)>,
    /// Everything else (images and the like), published beside the pages:
    /// (absolute path, path relative to `content/`).
    pub assets: Vec<(PathBuf, PathBuf)>,
    /// Editor leftovers that look like briefings (`x.md~`, `#x.md#`), left
    /// out of the site: relative to the site root.
    pub skipped: Vec<PathBuf>,
    /// Problems met on the way: unreadable files, bad symlinks, a broken
    /// `.briefignore`.
    pub diagnostics: Vec<Diagnostic>,
}

/// Walks `<root>/content`, sorted by name so that builds are deterministic,
/// and sorts Markdown from assets.
pub fn load(root: &Path) -> ContentFiles {
    let walk = walk::walk_files(root, &root.join(CONTENT_DIR));
    let mut out = ContentFiles {
        diagnostics: walk.diagnostics,
        skipped: walk.skipped,
        ..ContentFiles::default()
    };
    for (abs, rel) in walk.files {
        let is_md = abs
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
        if is_md {
            if let Some(d) = copy_of_a_briefing(root, &abs) {
                out.diagnostics.push(d);
                continue;
            }
            out.markdown.push((abs, rel));
        } else {
            out.assets.push((abs, rel));
        }
    }
    out
}

/// An error for a Markdown file whose name, or whose page bundle's
/// folder's (`embargo copy/index.md`), is a copy's or a backup's (see
/// [`walk::is_copy_name`]): it is not read, so that its slug clashes with
/// nothing and nothing of it is published.
fn copy_of_a_briefing(root: &Path, abs: &Path) -> Option<Diagnostic> {
    let stem = abs.file_stem()?.to_str()?;
    let (stem, named) = if stem.eq_ignore_ascii_case("index") {
        let folder = abs.parent()?;
        (folder.file_name()?.to_str()?, folder)
    } else {
        (stem, abs)
    };
    walk::is_copy_name(stem).then(|| {
        Diagnostic::error(
            rel_to(root, named),
            "the name is one a file manager, browser or sync tool gives a copy (or a backup's): it would be published as a briefing of its own, a second item in every feed",
        )
        .with_hint("delete it if it is a copy; if it is a briefing of its own, rename it (e.g. `2025-08-08-new-slug.md`)")
    })
}

/// `path` relative to `root`, for messages.
pub fn rel_to(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Reads and parses one file: `abs` on disk, `rel_content` relative to
/// `content/`.
pub fn parse_one(
    root: &Path,
    abs: &Path,
    rel_content: &Path,
    cx: &ParseContext<'_>,
) -> briefing::Parsed {
    let rel = rel_to(root, abs);
    match std::fs::read(abs) {
        Ok(bytes) => briefing::parse_file(&rel, rel_content, &bytes, cx),
        Err(e) => briefing::Parsed {
            briefing: None,
            diagnostics: vec![Diagnostic::error(rel, format!("cannot read: {e}"))],
        },
    }
}

/// Reads and parses every Markdown file in parallel. Briefings come back in
/// file order; diagnostics in file order too.
pub fn parse_all(
    root: &Path,
    files: &[(PathBuf, PathBuf)],
    cx: &ParseContext<'_>,
) -> (Vec<Arc<Briefing>>, Vec<Diagnostic>) {
    let results: Vec<briefing::Parsed> = files
        .par_iter()
        .with_max_len(crate::util::PAR_BATCH)
        .map(|(abs, rel_content)| parse_one(root, abs, rel_content, cx))
        .collect();
    let mut briefings = Vec::with_capacity(results.len());
    let mut diagnostics = Vec::new();
    for r in results {
        briefings.extend(r.briefing);
        diagnostics.extend(r.diagnostics);
    }
    (briefings, diagnostics)
}
