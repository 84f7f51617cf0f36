//! `brief build`: the pipeline from end to end, with a timing per stage.
//!
//! load → parse → collect → render → write, then the swap. Each stage hands
//! the next a plain value; only [`crate::output`] touches the output folder.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::{Config, Overrides};
use crate::content::{self, ParseContext};
use crate::error::{BuildError, Diagnostic};
use crate::output::{Sink, Staging};
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

struct Clock {
    last: Instant,
    timings: Vec<(&'static str, Duration)>,
}

impl Clock {
    fn new() -> Self {
        Clock {
            last: Instant::now(),
            timings: Vec::new(),
        }
    }
    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.timings.push((stage, now - self.last));
        self.last = now;
    }
}

/// A file copied verbatim into the output.
struct Copy {
    from: PathBuf,
    to: String,
}

/// Builds the site at `options.root` into its output folder.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let mut clock = Clock::new();
    let root = &options.root;
    let config = Config::load(root, &options.overrides)?;
    let staging = Staging::create(
        root,
        &config.output_dir,
        options.overrides.output_dir.is_some(),
    )?;

    // load
    let files = content::load(root);
    let templates = Templates::load(root);
    let (statics, static_diagnostics) = content::walk_files(root, &root.join(STATIC_DIR));
    clock.lap("load");

    // parse
    let root_url = config.base_url.as_str().to_string();
    let cx = ParseContext {
        timezone: config.timezone,
        root_url: &root_url,
    };
    let (briefings, parse_diagnostics) = content::parse_all(root, &files.markdown, &cx);
    clock.lap("parse");

    let mut diagnostics = files.diagnostics;
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
    let copies = match (&site, &templates) {
        (Some(site), Some(_)) => {
            plan_copies(&config, site, &files.assets, &statics, &mut diagnostics)
        }
        _ => Vec::new(),
    };
    clock.lap("collect");
    let (Some(site), Some(templates)) = (site, templates) else {
        return Err(BuildError::Content(diagnostics));
    };
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(BuildError::Content(diagnostics));
    }

    // render
    render::render_pages(&config, &site, &templates, &staging)
        .map_err(|e| with_warnings(e, &diagnostics))?;
    clock.lap("render");
    render::render_feeds(&config, &site, &staging)?;
    clock.lap("feeds");

    // write: what is copied rather than rendered
    render::render_sitemap(&config, &site, &staging)?;
    for (name, bytes) in &templates.assets {
        if !copies.iter().any(|c| c.to == *name) {
            staging.write(name, bytes)?;
        }
    }
    copies
        .par_iter()
        .try_for_each(|c| staging.copy(&c.from, &c.to))?;
    clock.lap("write");

    let report = BuildReport {
        briefings: site.briefings.len(),
        tags: site.tags.len(),
        files: staging.files(),
        bytes: staging.bytes(),
        output: staging.target().to_path_buf(),
        elapsed: Duration::ZERO,
        timings: Vec::new(),
        warnings: diagnostics,
    };
    staging.commit()?;
    clock.lap("swap");
    Ok(BuildReport {
        elapsed: started.elapsed(),
        timings: clock.timings,
        ..report
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
