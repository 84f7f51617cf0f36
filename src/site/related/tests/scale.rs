//! The bounded search's cost and accuracy at the benchmark's sizes, on a
//! site shaped like its corpus (ignored by default: a measurement, not a
//! check).

use super::reference::exhaustive;
use super::*;

/// A site shaped like the benchmark corpus (`bench/gen_corpus.py`):
/// 307 tags of Zipf popularity (s = 0.9), 1 to 5 tags a briefing,
/// dates over five years in working hours.
fn corpus_like(n: usize) -> Site {
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let names: Vec<String> = (0..307).map(|t| format!("Tag {t}")).collect();
    let mut cum = Vec::new();
    let mut acc = 0.0;
    for r in 0..names.len() {
        acc += 1.0 / ((r + 1) as f64).powf(0.9);
        cum.push(acc);
    }
    let start = DateTime::parse_from_rfc3339("2020-10-01T00:00:00Z").unwrap();
    let briefings = (0..n)
        .map(|k| {
            let u = next();
            let count = [0.05, 0.30, 0.70, 0.92, 1.0]
                .iter()
                .position(|&c| u < c)
                .unwrap()
                + 1;
            let mut tags: Vec<&str> = Vec::new();
            while tags.len() < count {
                let x = next() * acc;
                let r = cum.partition_point(|&c| c < x).min(names.len() - 1);
                if !tags.contains(&names[r].as_str()) {
                    tags.push(&names[r]);
                }
            }
            let minutes = (next() * 1826.0) as i64 * 1440 + 480 + (next() * 600.0) as i64;
            let date = start + chrono::Duration::minutes(minutes);
            b(&format!("b{k:06}"), &date.to_rfc3339(), &tags)
        })
        .collect();
    site(briefings)
}

/// The cost of the search, and what the bound gives up against the
/// exhaustive lists, at the benchmark's sizes: `cargo test --release
/// --lib related_at_scale -- --ignored --nocapture` (`BRIEF_RELATED_N`
/// sets the size).
#[test]
#[ignore = "a measurement, not a check: run by hand in release mode"]
fn related_at_scale() {
    let n = std::env::var("BRIEF_RELATED_N").map_or(100_000, |v| v.parse().unwrap());
    let s = corpus_like(n);
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    // CPU time of the whole process (all but one thread idle), less
    // disturbed by other work on the machine than wall time.
    let cpu = || {
        let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
        let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or("").split(' ').collect();
        let ticks = |k: usize| {
            fields
                .get(k)
                .and_then(|f| f.parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        (ticks(12) + ticks(13)) * 10.0
    };
    let time = |search: &(dyn Fn() -> Vec<Vec<usize>> + Sync)| {
        let mut runs: Vec<(f64, Vec<Vec<usize>>)> = (0..3)
            .map(|_| {
                let t = cpu();
                let r = one.install(search);
                (cpu() - t, r)
            })
            .collect();
        runs.sort_by(|a, b| a.0.total_cmp(&b.0));
        runs.swap_remove(0)
    };
    let exact = exhaustive(&s, 4, now());
    let report = |what: &str, ms: f64, r: &[Vec<usize>]| {
        let differ = r.iter().zip(&exact).filter(|(a, b)| a != b).count();
        let first = r
            .iter()
            .zip(&exact)
            .filter(|(a, b)| a.first() != b.first())
            .count();
        println!(
            "n={n} {what}: {ms:.0} ms of CPU (least of 3); lists unlike the \
             exhaustive ones: {differ} ({:.2}%), first entries: {first} ({:.2}%)",
            100.0 * differ as f64 / n as f64,
            100.0 * first as f64 / n as f64
        );
    };
    for (budget, window) in [
        (0, 256),
        (512, WINDOW),
        (BUDGET, WINDOW),
        (2 * BUDGET, WINDOW),
        (usize::MAX, usize::MAX),
    ] {
        let (ms, r) = time(&|| related_within(&s, 4, now(), budget, window));
        report(&format!("budget={budget} window={window}"), ms, &r);
    }
}
