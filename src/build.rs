//! `brief build`: the pipeline from end to end, with a timing per stage.
//!
//! load → parse → collect → render → write, then the swap. Each stage hands
//! the next a plain value; only [`crate::output`] touches the output folder.

use std::collections::{HashMap, HashSet};
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
    /// Briefings left out because they are dated after the build's now,
    /// soonest first.
    pub scheduled: Vec<Scheduled>,
    /// Editor leftovers that look like briefings, left out of the site.
    pub skipped: Vec<PathBuf>,
}

/// A briefing that waits for its date.
#[derive(Debug, Clone)]
pub struct Scheduled {
    pub date: chrono::DateTime<chrono::FixedOffset>,
    /// The source file, relative to the site root.
    pub source: PathBuf,
    pub title: String,
}

impl Scheduled {
    fn list(site: &site::Site) -> Vec<Scheduled> {
        site.scheduled()
            .map(|b| Scheduled {
                date: b.date,
                source: b.source.clone(),
                title: b.title.clone(),
            })
            .collect()
    }
}

/// What `brief schedule` found.
#[derive(Debug)]
pub struct ScheduleReport {
    /// Soonest first.
    pub scheduled: Vec<Scheduled>,
    pub warnings: Vec<Diagnostic>,
}

/// `brief schedule`: the briefings a build now would leave out because
/// they are dated later, soonest first (drafts are not listed: they wait
/// for the editor, not the clock).
pub fn schedule(options: &BuildOptions) -> Result<ScheduleReport, BuildError> {
    let mut overrides = options.overrides.clone();
    overrides.future = false;
    let p = on_workers(|| {
        prepare(&BuildOptions {
            root: options.root.clone(),
            overrides,
        })
    })?;
    Ok(ScheduleReport {
        scheduled: Scheduled::list(&p.site),
        warnings: p.warnings,
    })
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
    /// Editor leftovers that look like briefings, left out of the site.
    pub skipped: Vec<PathBuf>,
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
    let statics = content::walk::walk_files(&root, &root.join(STATIC_DIR));
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

    // collect
    let publish = site::Publish::of(&config);
    check_placeholders(&config, &publish, &briefings, &mut diagnostics);
    let site = match site::collect(briefings, &publish) {
        Ok(site) => Some(site),
        Err(errs) => {
            diagnostics.extend(errs);
            None
        }
    };
    let copies = match &site {
        Some(site) => {
            let generated: HashSet<String> =
                render::generated_paths(&config, site).into_iter().collect();
            let copies = plan_copies(&generated, &files.assets, &statics.files, &mut diagnostics);
            check_published(site, &generated, &copies, &templates, &mut diagnostics);
            copies
        }
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
        skipped,
    })
}

/// No placeholder text in what is published now or scheduled to be: an
/// error in a build, a warning in a preview.
fn check_placeholders(
    config: &Config,
    publish: &site::Publish,
    briefings: &[Arc<content::Briefing>],
    diagnostics: &mut Vec<Diagnostic>,
) {
    for b in briefings {
        let goes_out = matches!(publish.holds_back(b), None | Some(site::Held::Scheduled));
        if let (true, Some(d)) = (goes_out, &b.placeholder) {
            let mut d = (**d).clone();
            if config.preview {
                d.severity = crate::error::Severity::Warning;
            }
            diagnostics.push(d);
        }
    }
}

/// Every file a briefing points to, published by this build (scheduled
/// briefings too: they go out with nobody watching).
fn check_published(
    site: &site::Site,
    generated: &HashSet<String>,
    copies: &[Copy],
    templates: &Option<Arc<Templates>>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut available: HashSet<&str> = copies.iter().map(|c| c.to.as_str()).collect();
    available.extend(generated.iter().map(String::as_str));
    if let Some(t) = templates {
        available.extend(t.assets.iter().map(|(name, _)| name.as_str()));
    }
    for b in site.briefings.iter().map(|b| &**b).chain(site.scheduled()) {
        for r in &b.local_refs {
            if !available.contains(r.path.as_str()) {
                diagnostics.push(r.missing.clone());
            }
        }
    }
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
        scheduled: Scheduled::list(&prepared.site),
        skipped: prepared.skipped,
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
                if let Some(h) = p.site.held.iter().find(|h| h.briefing.slug == slug) {
                    let b = &h.briefing;
                    return BuildError::Usage(match h.reason {
                        site::Held::Draft => format!(
                            "`{slug}` ({}) is a draft, not published; set `draft: false` to publish it, or pass --drafts for a preview edition",
                            b.source.display()
                        ),
                        site::Held::Scheduled => format!(
                            "`{slug}` ({}) is scheduled for {}, not yet published; pass --future for a preview edition",
                            b.source.display(),
                            b.date.to_rfc3339()
                        ),
                    });
                }
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
    generated: &HashSet<String>,
    assets: &[(PathBuf, PathBuf)],
    statics: &[(PathBuf, PathBuf)],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Copy> {
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
