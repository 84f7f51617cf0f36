//! The commands that run the pipeline for something other than a whole
//! build: `brief schedule` and `brief email`.

use std::path::PathBuf;

use super::{BuildOptions, on_workers, prepare};
use crate::error::{BuildError, Diagnostic};
use crate::output::Direct;
use crate::render;
use crate::site;

/// A briefing that waits for its date.
#[derive(Debug, Clone)]
pub struct Scheduled {
    /// Its date: the first build after this moment publishes it.
    pub date: chrono::DateTime<chrono::FixedOffset>,
    /// The source file, relative to the site root.
    pub source: PathBuf,
    /// Its headline.
    pub title: String,
}

impl Scheduled {
    pub(super) fn list(site: &site::Site) -> Vec<Scheduled> {
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
    /// Problems worth a look found while reading the site.
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
            ..BuildOptions::default()
        })
    })?;
    Ok(ScheduleReport {
        scheduled: Scheduled::list(&p.site),
        warnings: p.warnings,
    })
}

/// The two files of a briefing's email edition.
#[derive(Debug)]
pub struct EmailPaths {
    /// The briefing's slug.
    pub slug: String,
    /// The HTML edition, `briefings/<slug>/email.html`.
    pub html: PathBuf,
    /// The plain-text edition, `briefings/<slug>/email.txt`.
    pub text: PathBuf,
    /// Whether site.toml names no `[email] unsubscribe`, which every
    /// sending service requires.
    pub unsubscribe_missing: bool,
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
    let explicit = options.overrides.output_dir.is_some();
    let _lock = options.write_lock()?;
    let sink = Direct::new(
        &options.root,
        &p.config.output_dir,
        explicit,
        options.overrides.force,
    )
    .map_err(|e| p.config.output_dir_error(e, explicit))?;
    render::render_email(&p.config, &p.site, &p.templates, index, &sink)?;
    let slug = p.site.briefings[index].slug.clone();
    Ok(EmailPaths {
        html: sink.path_of(&format!("briefings/{slug}/email.html")),
        text: sink.path_of(&format!("briefings/{slug}/email.txt")),
        slug,
        unsubscribe_missing: p.config.email_unsubscribe.is_none(),
    })
}
