//! The search index: Pagefind's, made in process from brief's own records,
//! split by calendar period ([`parts`]) so that a changed briefing costs
//! one part, and each part filed in the build cache by a hash of what went
//! into it ([`crate::cache::SearchStore`]).
//!
//! A part's files go to `/pagefind/<part>/` ([`Route::SearchIndex`]); the
//! search page (`/search/`, `search.html` and the theme's `search.js`)
//! loads the newest part and merges the others into it in the reader's
//! browser. Only what a build publishes is indexed: never a draft or a
//! scheduled briefing, even in a preview that shows them.

mod pagefind;
pub mod parts;
pub mod record;
mod view;

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::cache::SearchStore;
use crate::cache::search::PartFiles;
use crate::config::Config;
use crate::content::Briefing;
use crate::error::{BuildError, Diagnostic};
use crate::output::Sink;
use crate::render::memo::{Depends, Memo};
use crate::routes::Route;
use crate::site::{Publish, Site};

pub use parts::{PART_SIZE, Part};
use record::{Record, part_key};
pub use view::view;

/// The indexer's identity, part of every part's key (with the gzip
/// level of the vendored copy, see vendor/README.md).
pub const PAGEFIND: &str = "pagefind 1.6.0, libdeflate level 5";

/// At most this many parts are indexed at once: each holds its records'
/// words in memory (tens of megabytes for a part of 500 briefings of 700 words).
const MAX_PARALLEL: usize = 4;

/// The plain text of a briefing's body (the build reads it again from the
/// source, see [`crate::content::briefing::body_text`]).
pub type TextSource<'a> = dyn Fn(&Briefing) -> Result<String, Diagnostic> + Sync + 'a;

/// What the search stage did, for `--timings` and the tests.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SearchStats {
    /// Parts indexed by Pagefind.
    pub indexed: usize,
    /// Briefings in those parts.
    pub briefings: usize,
    /// Parts written again from the build cache.
    pub filed: usize,
    /// Parts the output folder already held whole.
    pub unchanged: usize,
}

/// The parts of `site`'s index: its published briefings, drafts and
/// scheduled ones left out even when the build shows them.
pub fn search_parts(config: &Config, site: &Site) -> Vec<Part> {
    let published = Publish {
        drafts: false,
        future: false,
        now: config.now,
    };
    parts::parts(site, &|i| {
        published.holds_back(&site.briefings[i]).is_none()
    })
}

/// The language Pagefind stems words in: the primary subtag of the site's
/// language (`en` for `en-GB`), lowercased.
pub fn language(config: &Config) -> String {
    let tag = config.language.trim();
    tag.split(['-', '_'])
        .next()
        .unwrap_or(tag)
        .to_ascii_lowercase()
}

/// One part as this build sees it.
struct Planned<'a> {
    part: &'a Part,
    key: u64,
}

/// Writes the search index of `site` into `sink`: parts the output folder
/// holds whole (per `memo`) are kept, parts on file in `store` written
/// from it, and only the others indexed, up to [`MAX_PARALLEL`] at once.
pub fn render_index(
    config: &Config,
    site: &Site,
    sink: &dyn Sink,
    memo: Option<&Memo>,
    store: &SearchStore,
    text: &TextSource<'_>,
) -> Result<SearchStats, BuildError> {
    let mut stats = SearchStats::default();
    if !config.search {
        return Ok(stats);
    }
    let language = language(config);
    let parts = search_parts(config, site);
    let planned: Vec<Planned<'_>> = parts
        .iter()
        .map(|part| Planned {
            part,
            key: part_key(config, &part.name, &language, site, &part.briefings),
        })
        .collect();
    let mut todo = Vec::new();
    for p in &planned {
        if let (Some(memo), Some(names)) = (memo, store.names(&p.part.name, p.key)) {
            let path = |n: &str| {
                Route::SearchIndex {
                    part: &p.part.name,
                    file: n,
                }
                .path()
            };
            if names.iter().all(|n| memo.fp(&path(n)) == Some(p.key)) {
                for n in names {
                    memo.stale(&path(n), p.key, Depends::Nothing);
                }
                store.record(&p.part.name, p.key, names.to_vec());
                stats.unchanged += 1;
                continue;
            }
        }
        if let Some(files) = store.get(p.key) {
            write_part(p, &files, sink, memo, store)?;
            stats.filed += 1;
            continue;
        }
        todo.push(p);
    }
    stats.indexed = todo.len();
    stats.briefings = todo.iter().map(|p| p.part.briefings.len()).sum();
    let next = AtomicUsize::new(0);
    let failures: Mutex<Vec<Diagnostic>> = Mutex::default();
    let workers = rayon::current_num_threads()
        .clamp(1, MAX_PARALLEL)
        .min(todo.len());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                while let Some(p) = todo.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let result = index_part(config, site, p, &language, text).and_then(|files| {
                        store.put(p.key, &files);
                        write_part(p, &files, sink, memo, store).map_err(|e| match e {
                            BuildError::Content(d) => d,
                            other => vec![Diagnostic::error(
                                Route::SearchIndex {
                                    part: &p.part.name,
                                    file: "",
                                }
                                .path(),
                                other.to_string(),
                            )],
                        })
                    });
                    if let Err(mut d) = result {
                        failures
                            .lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .append(&mut d);
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap_or_else(|e| e.into_inner());
    if !failures.is_empty() {
        return Err(BuildError::Content(failures));
    }
    Ok(stats)
}

/// Indexes one part: every briefing's body text, read again, then
/// Pagefind. Every briefing whose text cannot be read is reported.
fn index_part(
    config: &Config,
    site: &Site,
    p: &Planned<'_>,
    language: &str,
    text: &TextSource<'_>,
) -> Result<PartFiles, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut records = Vec::with_capacity(p.part.briefings.len());
    for &i in &p.part.briefings {
        let b = &site.briefings[i];
        match text(b) {
            Ok(body) => records.push((Record::of(config, site, b), body)),
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    pagefind::index(&records, language).map_err(|why| {
        vec![
            Diagnostic::error(
                Route::SearchIndex {
                    part: &p.part.name,
                    file: "",
                }
                .path(),
                format!("the search index could not be made: {why}"),
            )
            .with_hint("set `[search] enabled = false` in site.toml to build without search"),
        ]
    })
}

/// Writes one part's files and records them.
fn write_part(
    p: &Planned<'_>,
    files: &PartFiles,
    sink: &dyn Sink,
    memo: Option<&Memo>,
    store: &SearchStore,
) -> Result<(), BuildError> {
    for (name, bytes) in files {
        let path = Route::SearchIndex {
            part: &p.part.name,
            file: name,
        }
        .path();
        // A file the output folder holds already (its part is being
        // mended) is kept as it is.
        if memo.is_none_or(|m| m.stale(&path, p.key, Depends::Nothing)) {
            sink.write(&path, bytes)?;
        }
    }
    store.record(
        &p.part.name,
        p.key,
        files.iter().map(|(n, _)| n.clone()).collect(),
    );
    Ok(())
}
