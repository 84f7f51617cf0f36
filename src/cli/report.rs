//! What `brief` prints: each command's outcome for people, warnings and
//! errors on stderr, and the exit code a failure maps to.

use std::path::PathBuf;
use std::process::ExitCode;

use brief::config::Overrides;
use brief::{BuildError, BuildOptions};

/// `path` for people: relative to the current folder when inside it.
pub(crate) fn shown(path: &std::path::Path) -> PathBuf {
    let inside = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(PathBuf::from));
    match inside {
        Some(rel) if rel.as_os_str().is_empty() => PathBuf::from("."),
        Some(rel) => rel,
        None => path.to_path_buf(),
    }
}

/// What to build: the site at `root`, with `overrides`.
pub(crate) fn options(root: PathBuf, overrides: Overrides) -> BuildOptions {
    BuildOptions {
        root,
        overrides,
        waiting: Some(|| {
            eprintln!(
                "Another brief is writing this site's output (a build, or `brief email`); waiting for it to finish…"
            )
        }),
        ..BuildOptions::default()
    }
}

/// Prints each warning on stderr, a blank line after each.
fn print_warnings(warnings: &[brief::Diagnostic]) {
    for w in warnings {
        eprintln!("{w}\n");
    }
}

/// `brief build`: builds, then prints a summary, what is scheduled and
/// what was skipped (and the stage timings when asked).
pub(crate) fn build(options: BuildOptions, timings: bool) -> Result<(), BuildError> {
    let report = brief::build(&options)?;
    print_warnings(&report.warnings);
    if let Some(host) = brief::config::reserved_host(&report.base_url) {
        // Not a content warning: a build for a preview may well be meant.
        print_warnings(&[brief::Diagnostic::warning(
            "site.toml",
            format!(
                "the site was built for {}, and {host} is a name reserved for examples: the feeds, the sitemap and every page's links lead there, where no reader can follow them",
                report.base_url
            ),
        )
        .with_hint("set `base_url` in site.toml to the address the site is published at (or pass --base-url) before you deploy public/")]);
    }
    if timings {
        for (stage, time) in &report.timings {
            eprintln!("  {stage:<8} {:>9.1} ms", time.as_secs_f64() * 1000.0);
        }
        eprintln!(
            "  cache: {}; parsed {} of {} Markdown files",
            match report.cold {
                None => "used",
                Some(brief::cache::Cold::Missing) => "none",
                Some(brief::cache::Cold::Corrupt) => "damaged, ignored",
                Some(brief::cache::Cold::OtherBinary) => "from another brief, ignored",
            },
            report.parse.parsed,
            report.parse.parsed + report.parse.reused,
        );
    }
    println!(
        "Built {} briefing{}, {} tag{}, {} files ({:.1} MB, {} written) into {} in {:.0} ms{}",
        report.briefings,
        plural(report.briefings),
        report.tags,
        plural(report.tags),
        report.files,
        report.bytes as f64 / 1_000_000.0,
        report.written,
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

/// `brief check`: prints broken links and returns 1 when there are any.
pub(crate) fn check(root: PathBuf, overrides: Overrides) -> ExitCode {
    match brief::check::check(&options(root, overrides)) {
        Ok(report) => {
            print_warnings(&report.warnings);
            // One line per broken link, however many pages and feeds
            // repeat it; links written in a briefing were named at their
            // source line above.
            let mut seen: Vec<(&str, &str, Vec<&str>)> = Vec::new();
            for b in &report.broken {
                match seen
                    .iter_mut()
                    .find(|(url, reason, _)| *url == b.url && *reason == b.reason)
                {
                    Some((_, _, pages)) => pages.push(&b.page),
                    None => seen.push((&b.url, &b.reason, vec![&b.page])),
                }
            }
            for (url, reason, pages) in &seen {
                let more = match pages.len() {
                    1 => String::new(),
                    n => format!(" (and {} more page{} and feeds)", n - 1, plural(n - 1)),
                };
                eprintln!("error: /{}{more}: broken link {url}: {reason}", pages[0]);
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

/// `brief schedule`: prints one scheduled briefing a line: time, file
/// and title, tab-separated.
pub(crate) fn schedule(root: PathBuf, overrides: Overrides) -> Result<(), BuildError> {
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

/// The plural ending for `n` things: `""` for one, `"s"` otherwise.
fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Prints a failure on stderr and returns its exit code.
pub(crate) fn fail(e: BuildError) -> ExitCode {
    match &e {
        // These print as `error: path:line:col: …` themselves.
        BuildError::Content(_) | BuildError::Config(_) => eprintln!("{e}"),
        _ => eprintln!("error: {e}"),
    }
    ExitCode::from(e.exit_code() as u8)
}
