//! The `brief` command: parses arguments, runs the pipeline, prints the
//! outcome. Exit codes: 0 success, 1 content or template errors (or broken
//! links for `check`), 2 usage or configuration errors.

// The command line's parts live under src/cli/ rather than beside the
// library's modules in src/, where they would read as part of the library.
#[path = "cli/args.rs"]
mod args;
#[path = "cli/report.rs"]
mod report;

use std::process::ExitCode;

use clap::Parser;

use brief::config::Overrides;

use args::{Cli, Command, resolve_paths};
use report::{build, check, fail, options, schedule, shown};

// Rendering allocates many small strings on every thread; glibc's malloc
// spent about 15% of a 10,000-briefing build (perf) where mimalloc's
// per-thread heaps spend a fraction of that.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    resolve_paths(&mut cli);
    let root = cli.root;
    let result = match cli.command {
        Command::Build {
            output,
            publish,
            base_url,
            timings,
            force,
            no_cache,
            changes,
        } => build(
            brief::BuildOptions {
                no_cache,
                changes,
                ..options(
                    root,
                    Overrides {
                        output_dir: output,
                        base_url,
                        force,
                        ..publish.overrides()
                    },
                )
            },
            timings,
        ),
        Command::Serve {
            port,
            bind,
            published_only,
            drafts: _,
            open,
        } => brief::serve::serve(&brief::serve::ServeOptions {
            root,
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
        } => brief::scaffold::new_briefing(
            &root,
            &if title.to_ascii_lowercase().ends_with(".md") {
                // `brief new content/briefings/x.md`, as `hugo new` takes it.
                let path = std::path::absolute(&title).unwrap_or_else(|_| title.clone().into());
                brief::scaffold::NewBriefing {
                    title: brief::scaffold::title_from_file_name(&path),
                    tags,
                    date,
                    path: Some(path),
                }
            } else {
                brief::scaffold::NewBriefing {
                    title,
                    tags,
                    date,
                    path: None,
                }
            },
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
        Command::Eject { names } => brief::scaffold::eject(&root, &names).map(|report| {
            for kept in &report.kept {
                eprintln!("kept existing {}", kept.display());
            }
            for written in &report.written {
                println!("{}", written.display());
            }
        }),
        Command::Check { publish } => return check(root, publish.overrides()),
        Command::Schedule { clock } => schedule(
            root,
            Overrides {
                now: clock.now,
                ..Overrides::default()
            },
        ),
        Command::Email {
            slug,
            latest: _,
            output,
            publish,
            force,
            open,
        } => {
            let options = options(
                root,
                Overrides {
                    output_dir: output,
                    force,
                    ..publish.overrides()
                },
            );
            brief::build::email(&options, slug.as_deref()).map(|paths| {
                println!("{}", paths.html.display());
                println!("{}", paths.text.display());
                if open && let Err(e) = open::that_detached(&paths.html) {
                    eprintln!(
                        "warning: could not open {} in a browser: {e}",
                        paths.html.display()
                    );
                }
                if paths.unsubscribe_missing {
                    eprintln!(
                        "warning: site.toml sets no [email] unsubscribe: sending services require an unsubscribe link; see the README's table of values"
                    );
                }
            })
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}
