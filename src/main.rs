//! The `brief` command: parses arguments, runs the pipeline, prints the
//! outcome. Exit codes: 0 success, 1 content or template errors (or broken
//! links for `check`), 2 usage or configuration errors.

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, FixedOffset};
use clap::{Args, Parser, Subcommand};

use brief::config::Overrides;

// Rendering allocates many small strings on every thread; glibc's malloc
// spent about 15% of a 10,000-briefing build (perf) where mimalloc's
// per-thread heaps spend a fraction of that.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use brief::{BuildError, BuildOptions};

#[derive(Parser)]
#[command(name = "brief", version, about = "Build a briefing newsletter site from Markdown", long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args)]
struct Site {
    /// The site's folder (the one holding site.toml)
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

/// Which briefings to publish, and when "now" is.
#[derive(Args)]
struct Publish {
    /// Include briefings marked `draft: true`
    #[arg(long)]
    drafts: bool,
    /// Include scheduled briefings (dated after now), as `build.future = true` does
    #[arg(short = 'F', long)]
    future: bool,
    #[command(flatten)]
    clock: Clock,
}

/// The build's clock.
#[derive(Args)]
struct Clock {
    /// Build as if it were this moment (RFC 3339, e.g. 2026-12-01T06:00:00-05:00):
    /// briefings dated later are scheduled
    #[arg(long, env = "BRIEF_NOW", value_name = "RFC3339", value_parser = parse_now)]
    now: Option<DateTime<FixedOffset>>,
}

fn parse_now(text: &str) -> Result<DateTime<FixedOffset>, String> {
    DateTime::parse_from_rfc3339(text.trim()).map_err(|e| {
        format!(
            "{e}; write an RFC 3339 time such as 2026-12-01T06:00:00Z or 2026-12-01T06:00:00-05:00"
        )
    })
}

impl Publish {
    fn overrides(&self) -> Overrides {
        Overrides {
            drafts: self.drafts,
            future: self.future,
            now: self.clock.now,
            ..Overrides::default()
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into its output folder (public/ by default)
    Build {
        #[command(flatten)]
        site: Site,
        /// Where to write the site, instead of build.output_dir
        #[arg(long)]
        output: Option<PathBuf>,
        #[command(flatten)]
        publish: Publish,
        /// Use this base URL instead of site.toml's
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Print the wall time of each stage
        #[arg(long)]
        timings: bool,
        /// Replace the output folder even if it holds files brief did not write
        #[arg(long)]
        force: bool,
    },
    /// Serve the site locally, rebuild on every save and reload the browser
    Serve {
        #[command(flatten)]
        site: Site,
        /// Port to listen on (0 picks a free one)
        #[arg(long, default_value_t = 1111)]
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
        #[arg(long)]
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
        #[command(flatten)]
        site: Site,
    },
    /// Create a new site in DIR: site.toml, an example briefing, the theme
    Init {
        /// The folder to create (or fill, with --force)
        dir: PathBuf,
        /// Add missing files to a folder that is not empty (never replaces any)
        #[arg(long)]
        force: bool,
    },
    /// Do everything a build does without writing, and check every internal link
    Check {
        #[command(flatten)]
        site: Site,
        #[command(flatten)]
        publish: Publish,
    },
    /// List scheduled briefings, soonest first: time, file and title, tab-separated
    Schedule {
        #[command(flatten)]
        site: Site,
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
        #[command(flatten)]
        site: Site,
        /// The output folder, instead of build.output_dir
        #[arg(long)]
        output: Option<PathBuf>,
        #[command(flatten)]
        publish: Publish,
        /// Write into the output folder even if it holds files brief did not write
        #[arg(long)]
        force: bool,
    },
}

/// Makes every path the command line names absolute, once, here: a
/// relative `--root`, `--output` or `init DIR` is relative to the current
/// folder, like any Unix tool. (`build.output_dir` in site.toml is relative
/// to the site root.) Nothing downstream joins a path onto the root again.
fn resolve_paths(command: &mut Command) {
    fn resolve(path: &mut PathBuf) {
        if let Ok(absolute) = std::path::absolute(&*path) {
            *path = absolute;
        }
    }
    match command {
        Command::Build { site, output, .. } | Command::Email { site, output, .. } => {
            resolve(&mut site.root);
            if let Some(output) = output {
                resolve(output);
            }
        }
        Command::Serve { site, .. }
        | Command::New { site, .. }
        | Command::Check { site, .. }
        | Command::Schedule { site, .. } => resolve(&mut site.root),
        Command::Init { dir, .. } => resolve(dir),
    }
}

/// `path` for people: relative to the current folder when inside it.
fn shown(path: &std::path::Path) -> PathBuf {
    let inside = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(PathBuf::from));
    match inside {
        Some(rel) if rel.as_os_str().is_empty() => PathBuf::from("."),
        Some(rel) => rel,
        None => path.to_path_buf(),
    }
}

fn main() -> ExitCode {
    let mut cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(2),
            };
        }
    };
    resolve_paths(&mut cli.command);
    let result = match cli.command {
        Command::Build {
            site,
            output,
            publish,
            base_url,
            timings,
            force,
        } => build(
            site.root,
            Overrides {
                output_dir: output,
                base_url,
                force,
                ..publish.overrides()
            },
            timings,
        ),
        Command::Serve {
            site,
            port,
            bind,
            published_only,
            drafts: _,
            open,
        } => brief::serve::serve(&brief::serve::ServeOptions {
            root: site.root,
            bind,
            port,
            published_only,
            open,
        }),
        Command::New {
            title,
            tags,
            date,
            draft: _,
            site,
        } => brief::scaffold::new_briefing(
            &site.root,
            &brief::scaffold::NewBriefing { title, tags, date },
        )
        .map(|path| println!("{}", shown(&path).display())),
        Command::Init { dir, force } => brief::scaffold::init(&dir, force).map(|report| {
            for kept in &report.kept {
                eprintln!("kept existing {}", kept.display());
            }
            println!(
                "Created a site in {} ({} files). Next: cd {} && brief serve",
                shown(&dir).display(),
                report.written.len(),
                shown(&dir).display()
            );
        }),
        Command::Check { site, publish } => return check(site.root, publish.overrides()),
        Command::Schedule { site, clock } => schedule(
            site.root,
            Overrides {
                now: clock.now,
                ..Overrides::default()
            },
        ),
        Command::Email {
            slug,
            latest: _,
            site,
            output,
            publish,
            force,
        } => {
            let options = options(
                site.root,
                Overrides {
                    output_dir: output,
                    force,
                    ..publish.overrides()
                },
            );
            brief::build::email(&options, slug.as_deref()).map(|paths| {
                println!("{}", paths.html.display());
                println!("{}", paths.text.display());
            })
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}

fn options(root: PathBuf, overrides: Overrides) -> BuildOptions {
    BuildOptions { root, overrides }
}

fn print_warnings(warnings: &[brief::Diagnostic]) {
    for w in warnings {
        eprintln!("{w}\n");
    }
}

fn build(root: PathBuf, overrides: Overrides, timings: bool) -> Result<(), BuildError> {
    let report = brief::build(&options(root, overrides))?;
    print_warnings(&report.warnings);
    if timings {
        for (stage, time) in &report.timings {
            eprintln!("  {stage:<8} {:>9.1} ms", time.as_secs_f64() * 1000.0);
        }
    }
    println!(
        "Built {} briefing{}, {} tag{}, {} files ({:.1} MB) into {} in {:.0} ms{}",
        report.briefings,
        plural(report.briefings),
        report.tags,
        plural(report.tags),
        report.files,
        report.bytes as f64 / 1_000_000.0,
        report.output.display(),
        report.elapsed.as_secs_f64() * 1000.0,
        if report.warnings.is_empty() {
            String::new()
        } else {
            format!(
                ", {} warning{}",
                report.warnings.len(),
                plural(report.warnings.len())
            )
        }
    );
    if let Some(next) = report.scheduled.first() {
        println!(
            "Scheduled: {} briefing{} not yet published; the next, {}, is due {}",
            report.scheduled.len(),
            plural(report.scheduled.len()),
            next.source.display(),
            next.date.to_rfc3339(),
        );
    }
    if !report.skipped.is_empty() {
        let names: Vec<String> = report
            .skipped
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        println!(
            "Skipped (editor leftovers, not published): {}",
            names.join(", ")
        );
    }
    Ok(())
}

fn check(root: PathBuf, overrides: Overrides) -> ExitCode {
    match brief::check::check(&options(root, overrides)) {
        Ok(report) => {
            print_warnings(&report.warnings);
            for b in &report.broken {
                eprintln!("error: /{}: broken link {}: {}", b.page, b.url, b.reason);
            }
            if report.broken.is_empty() {
                println!(
                    "Checked {} pages and {} internal links: all good",
                    report.pages, report.links
                );
                ExitCode::SUCCESS
            } else {
                eprintln!(
                    "check failed: {} broken link{} in {} pages",
                    report.broken.len(),
                    plural(report.broken.len()),
                    report.pages
                );
                ExitCode::from(1)
            }
        }
        Err(e) => fail(e),
    }
}

fn schedule(root: PathBuf, overrides: Overrides) -> Result<(), BuildError> {
    let report = brief::build::schedule(&options(root, overrides))?;
    print_warnings(&report.warnings);
    for s in &report.scheduled {
        println!(
            "{}\t{}\t{}",
            s.date.to_rfc3339(),
            s.source.display(),
            s.title
        );
    }
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn fail(e: BuildError) -> ExitCode {
    match &e {
        BuildError::Content(_) => eprintln!("{e}"),
        _ => eprintln!("error: {e}"),
    }
    ExitCode::from(e.exit_code() as u8)
}
