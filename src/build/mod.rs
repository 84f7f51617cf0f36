//! `brief build`: the pipeline from end to end, with a timing per stage.
//!
//! load → parse → collect → render → write, then the swap. Each stage hands
//! the next a plain value; only [`crate::output`] touches the output folder.

mod aliases;
mod bundles;
mod case;
mod checks;
mod commands;
mod guids;
mod links;
mod outputs;
mod run;

use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

pub use crate::cache::Stores;
use crate::cache::{Cold, ParseStats};
use crate::config::{Config, Overrides};
use crate::content::{self, ParseContext};
use crate::error::{BuildError, Diagnostic};
use crate::output::{Changes, Sink};
use crate::render::memo::Memo;
use crate::render::search::SearchStats;
use crate::render::share::CardStats;
use crate::render::{self, Templates};
use crate::site;

pub use checks::Copy;
pub use commands::{EmailPaths, ScheduleReport, Scheduled, email, schedule};
pub use run::build;

use checks::{check_corrections, check_placeholders, quote_clashes};
use links::resolve_md_links;

/// The static folder's name inside the site root.
pub const STATIC_DIR: &str = "static";

/// What to build and how.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site root: the folder holding `site.toml`.
    pub root: PathBuf,
    /// Command-line settings that win over `site.toml`.
    pub overrides: Overrides,
    /// Ignore the build cache: parse and render everything (`--no-cache`).
    pub no_cache: bool,
    /// Write the deploy list here (`--changes FILE`).
    pub changes: Option<PathBuf>,
    /// Called once when another brief is writing this site's output, just
    /// before waiting for it to finish (see [`crate::output::WriteLock`]).
    pub waiting: Option<fn()>,
}

impl BuildOptions {
    /// The site's write lock, waiting (and saying so, through `waiting`)
    /// while another brief holds it.
    fn write_lock(&self) -> Result<crate::output::WriteLock, BuildError> {
        crate::output::WriteLock::take(&self.root, || {
            if let Some(waiting) = self.waiting {
                waiting();
            }
        })
    }
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    /// Briefings published.
    pub briefings: usize,
    /// Tags across the published briefings.
    pub tags: usize,
    /// Files in the output folder.
    pub files: usize,
    /// Files this build wrote (the others were unchanged and kept).
    pub written: usize,
    /// Bytes in the output folder.
    pub bytes: u64,
    /// Paths added, changed and removed in the output folder.
    pub changes: Changes,
    /// Why the build cache was not used, if it was not.
    pub cold: Option<Cold>,
    /// Markdown files parsed, and those whose cached parse was reused.
    pub parse: ParseStats,
    /// Share cards drawn, taken from the cache, and left as they were.
    pub cards: CardStats,
    /// Search index parts indexed, taken from the cache, and left as
    /// they were.
    pub search: SearchStats,
    /// The output folder the site now lives in.
    pub output: PathBuf,
    /// The address the site was built for (site.toml's `base_url`, or
    /// `--base-url`).
    pub base_url: url::Url,
    /// Wall time of the whole build.
    pub elapsed: Duration,
    /// (stage, wall time), in pipeline order.
    pub timings: Vec<(&'static str, Duration)>,
    /// Problems worth a look that did not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// Briefings left out because they are dated after the build's now,
    /// soonest first.
    pub scheduled: Vec<Scheduled>,
    /// Editor leftovers that look like briefings, left out of the site.
    pub skipped: Vec<PathBuf>,
}

/// Wall time per stage.
#[derive(Debug)]
pub struct Clock {
    last: Instant,
    /// (stage, wall time), in the order the laps were recorded.
    pub timings: Vec<(&'static str, Duration)>,
}

impl Default for Clock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock {
    /// A clock whose first lap starts now.
    pub fn new() -> Self {
        Clock {
            last: Instant::now(),
            timings: Vec::new(),
        }
    }

    /// Records the time since the last lap under `stage`.
    pub fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.timings.push((stage, now - self.last));
        self.last = now;
    }
}

/// A site loaded, parsed and collected: everything rendering needs.
pub struct Prepared {
    /// The checked configuration.
    pub config: Config,
    /// The briefings to publish, ordered, with their tags and archive.
    pub site: site::Site,
    /// The theme: templates and the assets published beside the pages.
    pub templates: Arc<Templates>,
    /// Content assets and static files to copy.
    pub copies: Vec<Copy>,
    /// Warnings (no errors: those stop [`prepare`]).
    pub warnings: Vec<Diagnostic>,
    /// Editor leftovers that look like briefings, left out of the site.
    pub skipped: Vec<PathBuf>,
}

/// What the load stage found: the site's files and its theme.
pub struct Loaded {
    /// Markdown sources and content assets under `content/`.
    pub files: content::ContentFiles,
    /// Files under `static/`.
    pub statics: content::walk::Walk,
    /// The compiled theme, or every template error.
    pub templates: Result<Arc<Templates>, Vec<Diagnostic>>,
    /// The output paths of every file copied from `content/` and `static/`.
    pub published: HashSet<String>,
}

/// load: walks `content/` and `static/` and compiles the theme, or reuses
/// `templates` when the caller knows they did not change.
pub fn load(config: &Config, templates: Option<Arc<Templates>>) -> Loaded {
    let root = &config.root;
    let files = content::load(root);
    let statics = content::walk::walk_files(root, &root.join(STATIC_DIR));
    let published = files
        .assets
        .iter()
        .chain(&statics.files)
        .map(|(_, rel)| checks::url_path(rel))
        .collect();
    Loaded {
        files,
        statics,
        templates: match templates {
            Some(t) => Ok(t),
            None => Templates::load(root, Arc::clone(&config.translations)).map(Arc::new),
        },
        published,
    }
}

/// Everything about the site that parsing a file depends on.
pub fn parse_context<'a>(config: &'a Config, loaded: &'a Loaded) -> ParseContext<'a> {
    ParseContext {
        timezone: config.timezone,
        root_url: config.base_url.as_str(),
        files: &loaded.published,
        page_href: &crate::routes::briefing_href,
        translations: &config.translations,
        language: &config.language,
    }
}

/// parse: every Markdown file, in parallel, in file order.
pub fn parse(config: &Config, loaded: &Loaded) -> (Vec<Arc<content::Briefing>>, Vec<Diagnostic>) {
    content::parse_all(
        &config.root,
        &loaded.files.markdown,
        &parse_context(config, loaded),
    )
}

/// collect, and the checks that need the whole site: what is published,
/// what is copied, and every content and template error at once.
pub fn assemble(
    config: Config,
    loaded: Loaded,
    parsed: (Vec<Arc<content::Briefing>>, Vec<Diagnostic>),
    clock: &mut Clock,
) -> Result<Prepared, BuildError> {
    let Loaded {
        files,
        statics,
        templates,
        ..
    } = loaded;
    let (briefings, parse_diagnostics) = parsed;
    let mut diagnostics = config.warnings.clone();
    diagnostics.extend(files.diagnostics);
    diagnostics.extend(statics.diagnostics);
    let mut skipped = files.skipped;
    skipped.extend(statics.skipped);
    diagnostics.extend(parse_diagnostics);
    let templates = match templates {
        Ok(t) => Some(t),
        Err(errs) => {
            diagnostics.extend(errs);
            None
        }
    };

    let publish = site::Publish::of(&config);
    check_placeholders(&config, &publish, &briefings, &mut diagnostics);
    check_corrections(&config, &publish, &briefings, &mut diagnostics);
    checks::check_languages(&config, &briefings, &mut diagnostics);
    let (mut site, mut clashes) = site::collect(briefings, &publish);
    quote_clashes(&config.root, &site, &mut clashes);
    diagnostics.extend(clashes);
    guids::check_feed_ids(&config, &site, &mut diagnostics);
    resolve_md_links(&config, &mut site, &mut diagnostics)?;
    let copies = outputs::plan_outputs(
        &config,
        &site,
        templates.as_deref(),
        files.assets,
        &statics.files,
        &mut diagnostics,
    );
    clock.lap("collect");
    let Some(templates) = templates else {
        return Err(BuildError::Content(diagnostics));
    };
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(BuildError::Content(diagnostics));
    }
    // Part of collecting, timed on its own: the one step of it that grows
    // with how tags are shared (see `site::related` for its bound).
    site.related = site::related::related(&site, config.related_limit, publish.now);
    clock.lap("related");
    Ok(Prepared {
        config,
        site,
        templates,
        copies,
        warnings: diagnostics,
        skipped,
    })
}

/// load → parse → collect, with the config already read. Every content and
/// template error is collected before giving up.
pub fn prepare_with(config: Config, clock: &mut Clock) -> Result<Prepared, BuildError> {
    let loaded = load(&config, None);
    clock.lap("load");
    let parsed = parse(&config, &loaded);
    clock.lap("parse");
    assemble(config, loaded, parsed, clock)
}

/// Reads the config, then [`prepare_with`].
pub fn prepare(options: &BuildOptions) -> Result<Prepared, BuildError> {
    let config = Config::load(&options.root, &options.overrides)?;
    prepare_with(config, &mut Clock::new())
}

/// render → write: every page, share card, search index part, feed and
/// file of a prepared site into `sink`. With `memo`, outputs whose inputs
/// did not change since the memo's last render are skipped; share cards
/// already drawn and index parts already made come from `stores`.
pub fn render_into(
    p: &Prepared,
    sink: &dyn Sink,
    clock: &mut Clock,
    memo: Option<&Memo>,
    stores: &Stores,
) -> Result<(CardStats, SearchStats, render::Leftovers), BuildError> {
    // The search index first: its memory (Pagefind's, a part at a time
    // per worker) is given back before the pages are rendered, whose
    // listings take the rest of a large site's peak.
    let root = &p.config.root;
    let text = |b: &content::Briefing| content::briefing::body_text(root, b);
    let search_stats =
        render::search::render_index(&p.config, &p.site, sink, memo, &stores.search, &text)
            .map_err(|e| with_warnings(e, &p.warnings))?;
    clock.lap("search");
    // Each body with absolute URLs, made once for the email editions
    // and every feed that carries it.
    let bodies = render::bodies::Bodies::new(&p.config, &p.site.briefings);
    // The pages beside the feeds, sitemap and host files (3% of a cold
    // build's wall at 10,000 briefings on two cores: no core idles at a
    // stage's end), but one after the other on a site too large to keep
    // its cards, whose peak memory they would add to. Pages' errors first.
    let pages = || render::render_pages(&p.config, &p.site, &p.templates, &bodies, sink, memo);
    let rest = || -> Result<(), BuildError> {
        render::render_feeds(&p.config, &p.site, &bodies, sink, memo)?;
        render::render_sitemap(&p.config, &p.site, sink, memo)?;
        let static_patterns = checks::static_patterns(&p.copies);
        render::render_host_files(&p.config, &p.site, &static_patterns, sink)?;
        for (name, bytes) in p.templates.published_assets(p.config.search) {
            if !p.copies.iter().any(|c| c.to == *name) {
                sink.write(name, bytes)?;
            }
        }
        Ok(())
    };
    let (pages, rest) = if p.site.briefings.len() <= render::pages::KEPT_MOST {
        rayon::join(pages, rest)
    } else {
        let pages = pages();
        let rest = if pages.is_ok() { rest() } else { Ok(()) };
        (pages, rest)
    };
    let (_, leftovers) = pages.map_err(|e| with_warnings(e, &p.warnings))?;
    rest?;
    clock.lap("render");
    let card_stats =
        render::share::render_cards(&p.config, &p.site, &p.templates, sink, memo, &stores.cards)
            .map_err(|e| with_warnings(e, &p.warnings))?;
    clock.lap("cards");
    p.copies.par_iter().try_for_each(|c| {
        if let Some(memo) = memo {
            let meta = std::fs::metadata(&c.from).map_err(|e| BuildError::io(&c.from, e))?;
            let mut h = crate::util::fingerprinter();
            (&c.from, meta.len(), meta.modified().ok()).hash(&mut h);
            if !memo.stale(&c.to, h.finish(), crate::render::memo::Depends::Nothing) {
                return Ok(());
            }
        }
        sink.copy(&c.from, &c.to)
    })?;
    clock.lap("write");
    Ok((card_stats, search_stats, leftovers))
}

/// Stack size for the worker threads. The HTML tools used for feeds and
/// email (html5ever inside css-inline and html2text) recurse once per level
/// of raw HTML nesting, which the editor controls; Markdown nesting is
/// capped at parse time. The stack is reserved, not committed: untouched
/// pages cost nothing.
const WORKER_STACK: usize = 1 << 30;

/// Runs `f` on a thread pool with deep stacks, so that deep input cannot
/// overflow them.
pub fn on_workers<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    match rayon::ThreadPoolBuilder::new()
        .stack_size(WORKER_STACK)
        .build()
    {
        Ok(pool) => pool.install(f),
        Err(_) => f(),
    }
}

/// Keeps warnings visible when a later stage fails.
fn with_warnings(e: BuildError, warnings: &[Diagnostic]) -> BuildError {
    match e {
        BuildError::Content(mut errs) if !warnings.is_empty() => {
            let mut all = warnings.to_vec();
            all.append(&mut errs);
            BuildError::Content(all)
        }
        other => other,
    }
}
