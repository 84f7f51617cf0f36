//! The dev server's incremental rebuilds: the caches live here, outside the
//! pipeline, and every result equals a fresh build of the same inputs.
//!
//! A rebuild re-parses only changed files and re-renders only the outputs
//! whose inputs changed. Anything that can change every result (site.toml,
//! which holds the time zone and every other setting, and the templates)
//! empties every cache.

use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Files;
use crate::build::{self, Clock};
use crate::cache::ParseCache;
use crate::config::{Config, Overrides};
use crate::error::BuildError;
use crate::output::Memory;
use crate::render::Templates;
use crate::render::memo::Memo;

/// What a rebuild reuses from the last one.
pub struct Rebuilder {
    root: PathBuf,
    /// The local server's address, for links.
    base_url: String,
    /// Show only what a build would publish.
    published_only: bool,
    memo: Memo<'static>,
    cache: ParseCache,
    /// Fingerprint of site.toml and the templates.
    inputs: u64,
    /// The compiled templates, while the fingerprint holds.
    templates: Option<Arc<Templates>>,
}

/// A fingerprint of what every output depends on: site.toml's bytes and
/// each template file's name, size and modification time.
fn inputs_fingerprint(root: &Path) -> u64 {
    let mut h = crate::util::fingerprinter();
    std::fs::read(root.join(crate::config::CONFIG_FILE))
        .ok()
        .hash(&mut h);
    for entry in walkdir::WalkDir::new(root.join(crate::render::templates::TEMPLATES_DIR))
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        let meta = entry.metadata().ok();
        (
            entry.path(),
            meta.as_ref().map(|m| m.len()),
            meta.and_then(|m| m.modified().ok()),
        )
            .hash(&mut h);
    }
    h.finish()
}

impl Rebuilder {
    /// A rebuilder for the site at `root`, served at `base_url`.
    pub fn new(root: &Path, base_url: &str, published_only: bool) -> Self {
        Rebuilder {
            root: root.to_path_buf(),
            base_url: base_url.to_string(),
            published_only,
            memo: Memo::new(),
            cache: ParseCache::default(),
            inputs: 0,
            templates: None,
        }
    }

    /// The settings a preview builds with: drafts and scheduled briefings
    /// (unless `published_only`), links to the local server.
    pub fn overrides(&self) -> Overrides {
        Overrides {
            drafts: !self.published_only,
            future: !self.published_only,
            preview: true,
            base_url: Some(self.base_url.clone()),
            ..Overrides::default()
        }
    }

    /// Builds the site into memory, starting from `previous` (the files of
    /// the last good build).
    pub fn rebuild(&mut self, previous: &Files) -> Result<Files, BuildError> {
        let inputs = inputs_fingerprint(&self.root);
        if inputs != self.inputs {
            // site.toml or a template changed: nothing cached can be
            // trusted (the time zone decides every date, the base URL
            // every link, the templates every page).
            self.memo.clear();
            self.cache = ParseCache::default();
            self.templates = None;
            self.inputs = inputs;
        }
        let overrides = self.overrides();
        let result = build::on_workers(|| -> Result<Files, BuildError> {
            let config = Config::load(&self.root, &overrides)?;
            let mut clock = Clock::new();
            // The pipeline's own stages, with the parse stage served from
            // the cache where it can be.
            let loaded = build::load(&config, self.templates.clone());
            clock.lap("load");
            let (parsed, _) = self.cache.parse(
                &config.root,
                &loaded.files.markdown,
                &build::parse_context(&config, &loaded),
                None,
            );
            clock.lap("parse");
            let prepared = build::assemble(config, loaded, parsed, &mut clock)?;
            self.templates = Some(Arc::clone(&prepared.templates));
            let memory = if self.memo.is_empty() {
                Memory::new()
            } else {
                Memory::from_files(previous.clone())
            };
            // Cards drawn and index parts made for the preview are filed
            // for the next build; the build, not the preview, clears out
            // those no longer used.
            let stores = build::Stores::open(&prepared.config.root, true);
            let (_, _, leftovers) =
                build::render_into(&prepared, &memory, &mut clock, Some(&self.memo), &stores)?;
            // Freed on a worker while the preview goes out.
            rayon::spawn(move || drop(leftovers));
            self.memo.finish();
            if std::env::var_os("BRIEF_SERVE_TIMINGS").is_some() {
                let t: Vec<String> = clock
                    .timings
                    .iter()
                    .map(|(s, d)| format!("{s} {:.0}ms", d.as_secs_f64() * 1000.0))
                    .collect();
                eprintln!("{}", t.join(", "));
            }
            let written = memory.written();
            let mut files = memory.into_files();
            let kept: HashSet<&String> = self.memo.paths().collect();
            files.retain(|path, _| written.contains(path) || kept.contains(path));
            Ok(files)
        });
        if result.is_err() {
            self.memo.abandon();
        }
        result
    }
}
