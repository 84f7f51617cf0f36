//! The `brief` command: parses arguments, runs the pipeline, prints the
//! outcome. Exit codes: 0 built, 1 content or template errors, 2 usage or
//! configuration errors.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use brief::config::Overrides;
use brief::{BuildError, BuildOptions};

#[derive(Parser)]
#[command(name = "brief", version, about = "Build a briefing newsletter site from Markdown", long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into its output folder (public/ by default)
    Build {
        /// The site's folder (the one holding site.toml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site, instead of build.output_dir
        #[arg(long)]
        output: Option<PathBuf>,
        /// Include briefings marked `draft: true`
        #[arg(long)]
        drafts: bool,
        /// Use this base URL instead of site.toml's
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Print the wall time of each stage
        #[arg(long)]
        timings: bool,
    },
    /// Write a briefing's email edition (email.html, email.txt) and print their paths
    Email {
        /// The briefing's slug (its URL is /briefings/<slug>/)
        #[arg(required_unless_present = "latest", conflicts_with = "latest")]
        slug: Option<String>,
        /// Use the newest briefing
        #[arg(long)]
        latest: bool,
        /// The site's folder (the one holding site.toml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The output folder, instead of build.output_dir
        #[arg(long)]
        output: Option<PathBuf>,
        /// Include drafts
        #[arg(long)]
        drafts: bool,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
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
    match cli.command {
        Command::Build {
            root,
            output,
            drafts,
            base_url,
            timings,
        } => {
            let options = BuildOptions {
                root,
                overrides: Overrides {
                    output_dir: output,
                    drafts,
                    base_url,
                },
            };
            match brief::build(&options) {
                Ok(report) => {
                    for w in &report.warnings {
                        eprintln!("{w}\n");
                    }
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
                    ExitCode::SUCCESS
                }
                Err(e) => fail(e),
            }
        }
        Command::Email {
            slug,
            latest: _,
            root,
            output,
            drafts,
        } => run_email(slug, root, output, drafts),
    }
}

fn run_email(
    slug: Option<String>,
    root: PathBuf,
    output: Option<PathBuf>,
    drafts: bool,
) -> ExitCode {
    let options = BuildOptions {
        root,
        overrides: Overrides {
            output_dir: output,
            drafts,
            base_url: None,
        },
    };
    match brief::build::email(&options, slug.as_deref()) {
        Ok(paths) => {
            println!("{}", paths.html.display());
            println!("{}", paths.text.display());
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
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
