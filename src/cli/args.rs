//! The command line: every subcommand and flag `brief` accepts, as clap
//! parses them, and the one place relative paths are made absolute.

use std::net::IpAddr;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use clap::{Args, Parser, Subcommand};

use brief::config::Overrides;

/// The whole command line: one subcommand and its flags.
#[derive(Parser)]
#[command(name = "brief", version, about = "Build a briefing newsletter site from Markdown", long_about = None)]
pub(crate) struct Cli {
    /// The site's folder (the one holding site.toml), before or after the subcommand
    #[arg(short = 'r', long, default_value = ".", global = true)]
    pub root: PathBuf,
    /// The subcommand to run.
    #[command(subcommand)]
    pub command: Command,
}

/// Which briefings to publish, and when "now" is.
#[derive(Args)]
pub(crate) struct Publish {
    /// Include briefings marked `draft: true`
    #[arg(short = 'D', long)]
    pub drafts: bool,
    /// Include scheduled briefings (dated after now), as `build.future = true` does
    #[arg(short = 'F', long)]
    pub future: bool,
    /// Fail (exit 1) on a broken internal link or #heading, instead of warning (for CI)
    #[arg(long)]
    pub strict: bool,
    /// When "now" is.
    #[command(flatten)]
    pub clock: Clock,
}

/// The build's clock.
#[derive(Args)]
pub(crate) struct Clock {
    /// Build as if it were this moment (RFC 3339, e.g. 2026-12-01T06:00:00-05:00):
    /// briefings dated later are scheduled
    #[arg(long, env = "BRIEF_NOW", value_name = "RFC3339", value_parser = parse_now)]
    pub now: Option<DateTime<FixedOffset>>,
}

/// Reads `--now`: an RFC 3339 time, or an error saying how to write one.
fn parse_now(text: &str) -> Result<DateTime<FixedOffset>, String> {
    DateTime::parse_from_rfc3339(text.trim()).map_err(|e| {
        format!(
            "{e}; write an RFC 3339 time such as 2026-12-01T06:00:00Z or 2026-12-01T06:00:00-05:00{}",
            if std::env::var_os("BRIEF_NOW").is_some() {
                " (given with --now, or else by the BRIEF_NOW environment variable)"
            } else {
                ""
            }
        )
    })
}

impl Publish {
    /// These choices as overrides of `site.toml`.
    pub(crate) fn overrides(&self) -> Overrides {
        Overrides {
            drafts: self.drafts,
            future: self.future,
            strict: self.strict,
            now: self.clock.now,
            ..Overrides::default()
        }
    }
}

/// What `brief` can do.
#[derive(Subcommand)]
pub(crate) enum Command {
    /// Build the site into its output folder (public/ by default)
    Build {
        /// Where to write the site, instead of build.output_dir
        #[arg(short = 'o', long)]
        output: Option<PathBuf>,
        #[command(flatten)]
        publish: Publish,
        /// Use this base URL instead of site.toml's
        #[arg(short = 'u', long, value_name = "URL")]
        base_url: Option<String>,
        /// Print the wall time of each stage
        #[arg(long)]
        timings: bool,
        /// Replace the output folder even if it holds files brief did not write
        #[arg(long)]
        force: bool,
        /// Parse and render everything, ignoring the build cache in .brief-cache/
        #[arg(long)]
        no_cache: bool,
        /// Write the paths added (+), changed (~) and removed (-) in the output folder to FILE, one a line, for a deploy
        #[arg(long, value_name = "FILE")]
        changes: Option<PathBuf>,
    },
    /// Serve the site locally, rebuild on every save and reload the browser
    Serve {
        /// Port to listen on (0 picks a free one)
        #[arg(short = 'p', long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on; other machines can connect only if you widen it
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
        /// Show only what `brief build` would publish (by default drafts and
        /// scheduled briefings are shown too, each with a banner)
        #[arg(long)]
        published_only: bool,
        /// Drafts are shown by default (kept for old scripts)
        #[arg(long, hide = true)]
        drafts: bool,
        /// Open the site in the default browser
        #[arg(short = 'O', long)]
        open: bool,
    },
    /// Start a new briefing in content/briefings/ and print its path
    New {
        /// The headline
        title: String,
        /// Comma-separated tags, e.g. --tags "Mexico,Latin America"
        #[arg(long, value_delimiter = ',')]
        tags: Vec<String>,
        /// The date, as in front matter (default: now, in the site's time zone)
        #[arg(long)]
        date: Option<String>,
        /// A new briefing is always a draft (kept for old scripts)
        #[arg(long, hide = true)]
        draft: bool,
    },
    /// Create a new site in DIR: site.toml, an example briefing, the theme
    Init {
        /// The folder to create (or fill, with --force)
        dir: PathBuf,
        /// Add missing files to a folder that is not empty (never replaces any)
        #[arg(long)]
        force: bool,
    },
    /// Copy built-in theme files into templates/ to edit them (all when none is named)
    Eject {
        /// Theme files to copy, e.g. base.html style.css
        names: Vec<String>,
    },
    /// Do everything a build does without writing, and check every internal link
    Check {
        #[command(flatten)]
        publish: Publish,
    },
    /// List scheduled briefings, soonest first: time, file and title, tab-separated
    Schedule {
        #[command(flatten)]
        clock: Clock,
    },
    /// Write a briefing's email edition (email.html, email.txt) and print their paths
    Email {
        /// The briefing's slug (its URL is /briefings/<slug>/)
        #[arg(required_unless_present = "latest", conflicts_with = "latest")]
        slug: Option<String>,
        /// Use the newest briefing
        #[arg(long)]
        latest: bool,
        /// The output folder, instead of build.output_dir
        #[arg(short = 'o', long)]
        output: Option<PathBuf>,
        #[command(flatten)]
        publish: Publish,
        /// Write into the output folder even if it holds files brief did not write
        #[arg(long)]
        force: bool,
        /// Open the HTML edition in the default browser
        #[arg(short = 'O', long)]
        open: bool,
    },
}

/// Makes every path the command line names absolute, once, here: a
/// relative `--root`, `--output` or `init DIR` is relative to the current
/// folder, like any Unix tool. (`build.output_dir` in site.toml is relative
/// to the site root.) Nothing downstream joins a path onto the root again.
pub(crate) fn resolve_paths(cli: &mut Cli) {
    fn resolve(path: &mut PathBuf) {
        if let Ok(absolute) = std::path::absolute(&*path) {
            *path = absolute;
        }
    }
    resolve(&mut cli.root);
    match &mut cli.command {
        Command::Build {
            output, changes, ..
        } => {
            for path in [output, changes].into_iter().flatten() {
                resolve(path);
            }
        }
        Command::Email { output, .. } => {
            if let Some(output) = output {
                resolve(output);
            }
        }
        Command::Serve { .. }
        | Command::Eject { .. }
        | Command::New { .. }
        | Command::Check { .. }
        | Command::Schedule { .. } => {}
        Command::Init { dir, .. } => resolve(dir),
    }
}
