//! `brief build`: the pipeline from end to end, with a timing per stage.
//!
//! load → parse → collect → render → write, then the swap. Each stage hands
//! the next a plain value; only [`crate::output`] touches the output folder.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::{Config, Overrides};
use crate::content::{self, ParseCache, ParseContext};
use crate::error::{BuildError, Diagnostic};
use crate::output::{Direct, Sink, Staging};
use crate::render::memo::Memo;
use crate::render::{self, Templates};
use crate::site;

/// The static folder's name inside the site root.
pub const STATIC_DIR: &str = "static";

/// What to build and how.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub overrides: Overrides,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub briefings: usize,
    pub tags: usize,
    pub files: usize,
    pub bytes: u64,
    pub output: PathBuf,
    pub elapsed: Duration,
    /// (stage, wall time), in pipeline order.
    pub timings: Vec<(&'static str, Duration)>,
    pub warnings: Vec<Diagnostic>,
}

/// Wall time per stage.
#[derive(Debug)]
pub struct Clock {
    last: Instant,
    pub timings: Vec<(&'static str, Duration)>,
}

impl Default for Clock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock {
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

/// A file copied verbatim into the output.
#[derive(Debug, Clone)]
pub struct Copy {
    pub from: PathBuf,
    /// `/`-separated path under the output root.
    pub to: String,
}

/// A site loaded, parsed and collected: everything rendering needs.
pub struct Prepared {
    pub config: Config,
    pub site: site::Site,
    pub templates: Arc<Templates>,
    /// Content assets and static files to copy.
    pub copies: Vec<Copy>,
    /// Warnings (no errors: those stop [`prepare`]).
    pub warnings: Vec<Diagnostic>,
}

/// load → parse → collect, with the config already read. Every content and
/// template error is collected before giving up.
pub fn prepare_with(config: Config, clock: &mut Clock) -> Result<Prepared, BuildError> {
    prepare_cached(None, config, clock, None)
}

/// [`prepare_with`], reusing parse results from `cache` for unchanged files.
pub fn prepare_cached(
    reuse_templates: Option<Arc<Templates>>,
    config: Config,
    clock: &mut Clock,
    cache: Option<&mut ParseCache>,
) -> Result<Prepared, BuildError> {
    let root = config.root.clone();
    // load
    let files = content::load(&root);
    let templates = match reuse_templates {
        Some(t) => Ok(t),
        None => Templates::load(&root).map(Arc::new),
    };
    let (statics, static_diagnostics) = content::walk_files(&root, &root.join(STATIC_DIR));
    clock.lap("load");

    // parse
    let root_url = config.base_url.as_str().to_string();
    let cx = ParseContext {
        timezone: config.timezone,
        root_url: &root_url,
    };
    let (briefings, parse_diagnostics) = match cache {
        Some(cache) => content::parse_all_cached(&root, &files.markdown, &cx, cache),
        None => content::parse_all(&root, &files.markdown, &cx),
    };
    clock.lap("parse");

    let mut diagnostics = config.warnings.clone();
    diagnostics.extend(files.diagnostics);
    diagnostics.extend(static_diagnostics);
    diagnostics.extend(parse_diagnostics);
    let templates = match templates {
        Ok(t) => Some(t),
        Err(errs) => {
            diagnostics.extend(errs);
            None
        }
    };

    // collect
    let site = match site::collect(briefings, config.drafts) {
        Ok(site) => Some(site),
        Err(errs) => {
            diagnostics.extend(errs);
            None
        }
    };
    let copies = match &site {
        Some(site) => plan_copies(&config, site, &files.assets, &statics, &mut diagnostics),
        None => Vec::new(),
    };
    clock.lap("collect");
    let (Some(site), Some(templates)) = (site, templates) else {
        return Err(BuildError::Content(diagnostics));
    };
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(BuildError::Content(diagnostics));
    }
    Ok(Prepared {
        config,
        site,
        templates,
        copies,
        warnings: diagnostics,
    })
}

/// Reads the config, then [`prepare_with`].
pub fn prepare(options: &BuildOptions) -> Result<Prepared, BuildError> {
    let config = Config::load(&options.root, &options.overrides)?;
    prepare_with(config, &mut Clock::new())
}

/// render → write: every page, feed and file of a prepared site into `sink`.
pub fn render_into(p: &Prepared, sink: &dyn Sink, clock: &mut Clock) -> Result<(), BuildError> {
    render_memo(p, sink, clock, None)
}

/// [`render_into`], skipping pages, feeds and copies that `memo` says are
/// unchanged since its last render (for the development server).
pub fn render_memo(
    p: &Prepared,
    sink: &dyn Sink,
    clock: &mut Clock,
    memo: Option<&Memo>,
) -> Result<(), BuildError> {
    render::render_pages(&p.config, &p.site, &p.templates, sink, memo)
        .map_err(|e| with_warnings(e, &p.warnings))?;
    clock.lap("render");
    render::render_feeds(&p.config, &p.site, sink, memo)?;
    clock.lap("feeds");
    render::render_sitemap(&p.config, &p.site, sink)?;
    for (name, bytes) in &p.templates.assets {
        if !p.copies.iter().any(|c| c.to == *name) {
            sink.write(name, bytes)?;
        }
    }
    p.copies.par_iter().try_for_each(|c| {
        if let Some(memo) = memo {
            let meta = std::fs::metadata(&c.from).map_err(|e| BuildError::io(&c.from, e))?;
            let mut h = std::hash::DefaultHasher::new();
            (&c.from, meta.len(), meta.modified().ok()).hash(&mut h);
            if !memo.stale(&c.to, h.finish()) {
                return Ok(());
            }
        }
        sink.copy(&c.from, &c.to)
    })?;
    clock.lap("write");
    Ok(())
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

/// Builds the site at `options.root` into its output folder.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    on_workers(|| build_here(options))
}

fn build_here(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let mut clock = Clock::new();
    let config = Config::load(&options.root, &options.overrides)?;
    let staging = Staging::create(
        &options.root,
        &config.output_dir,
        options.overrides.output_dir.is_some(),
        options.overrides.force,
    )?;
    let prepared = prepare_with(config, &mut clock)?;
    render_into(&prepared, &staging, &mut clock)?;
    let report = BuildReport {
        briefings: prepared.site.briefings.len(),
        tags: prepared.site.tags.len(),
        files: staging.files(),
        bytes: staging.bytes(),
        output: staging.target().to_path_buf(),
        elapsed: Duration::ZERO,
        timings: Vec::new(),
        warnings: prepared.warnings,
    };
    staging.commit()?;
    clock.lap("swap");
    Ok(BuildReport {
        elapsed: started.elapsed(),
        timings: clock.timings,
        ..report
    })
}

/// The two files of a briefing's email edition.
#[derive(Debug)]
pub struct EmailPaths {
    pub slug: String,
    pub html: PathBuf,
    pub text: PathBuf,
}

/// `brief email`: (re)writes the email edition of the briefing `slug`, or
/// of the newest briefing when `slug` is `None`, into the output folder,
/// and says where it is. Works for briefings beyond `email.limit` too.
pub fn email(options: &BuildOptions, slug: Option<&str>) -> Result<EmailPaths, BuildError> {
    on_workers(|| email_here(options, slug))
}

fn email_here(options: &BuildOptions, slug: Option<&str>) -> Result<EmailPaths, BuildError> {
    let p = prepare(options)?;
    let index = match slug {
        None => {
            if p.site.briefings.is_empty() {
                return Err(BuildError::Usage("there are no briefings yet".into()));
            }
            0
        }
        Some(slug) => p
            .site
            .briefings
            .iter()
            .position(|b| b.slug == slug)
            .ok_or_else(|| {
                let mut near: Vec<(usize, &str)> = p
                    .site
                    .briefings
                    .iter()
                    .map(|b| (strsim::levenshtein(&b.slug, slug), b.slug.as_str()))
                    .collect();
                near.sort();
                let hint = near
                    .first()
                    .map(|(_, s)| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                BuildError::Usage(format!("no briefing has the slug `{slug}`{hint}"))
            })?,
    };
    let sink = Direct::new(
        &options.root,
        &p.config.output_dir,
        options.overrides.output_dir.is_some(),
        options.overrides.force,
    )?;
    render::render_email(&p.config, &p.site, &p.templates, index, &sink)?;
    let slug = p.site.briefings[index].slug.clone();
    Ok(EmailPaths {
        html: sink.path_of(&format!("briefings/{slug}/email.html")),
        text: sink.path_of(&format!("briefings/{slug}/email.txt")),
        slug,
    })
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

/// Decides where content assets and static files go, reporting any that
/// would overwrite a generated page or each other.
fn plan_copies(
    config: &Config,
    site: &site::Site,
    assets: &[(PathBuf, PathBuf)],
    statics: &[(PathBuf, PathBuf)],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Copy> {
    let generated: std::collections::HashSet<String> =
        render::generated_paths(config, site).into_iter().collect();
    let mut planned: HashMap<String, PathBuf> = HashMap::new();
    let mut copies = Vec::new();
    let sources = assets
        .iter()
        .map(|a| (a, content::CONTENT_DIR))
        .chain(statics.iter().map(|s| (s, STATIC_DIR)));
    for ((abs, rel), dir) in sources {
        let to = url_path(rel);
        let shown = Path::new(dir).join(rel);
        if generated.contains(&to) {
            diagnostics.push(render::clash(&to, &shown));
            continue;
        }
        if let Some(other) = planned.get(&to) {
            diagnostics.push(
                Diagnostic::error(
                    &shown,
                    format!("would be published at /{to}, like {}", other.display()),
                )
                .with_hint("rename or move one of the two files"),
            );
            continue;
        }
        planned.insert(to.clone(), shown);
        copies.push(Copy {
            from: abs.clone(),
            to,
        });
    }
    copies
}

/// A relative file path as a `/`-separated output path.
fn url_path(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
