//! `brief build` from end to end: the build cache read while the output
//! folder is checked, the pipeline, the commit, and the cache saved for
//! the next build.

use std::time::Instant;

use super::{
    BuildOptions, BuildReport, Clock, Scheduled, Stores, assemble, load, on_workers, parse_context,
    render_into,
};
use crate::cache::{BuildCache, Cold};
use crate::config::Config;
use crate::error::{BuildError, Diagnostic};
use crate::output::Staging;
use crate::render::memo::Memo;

/// Builds the site at `options.root` into its output folder.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    on_workers(|| match build_here(options) {
        // Found while rendering, before anything was committed: build
        // again without the cache, which the new build replaces.
        Err(BuildError::CacheDamaged { path }) if !options.no_cache => {
            let cold = BuildOptions {
                no_cache: true,
                ..options.clone()
            };
            let mut report = build_here(&cold)?;
            report.warnings.push(
                Diagnostic::warning(
                    path,
                    "the build cache was damaged, so this build ignored it",
                )
                .with_hint("nothing to do: the build replaced it"),
            );
            Ok(report)
        }
        other => other,
    })
}

fn build_here(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let mut clock = Clock::new();
    let root = &options.root;
    let config = Config::load(root, &options.overrides)?;
    if let Some(file) = &options.changes {
        crate::output::check_changes_file(root, &config.output_dir, file)?;
    }
    // Held until the cache is saved: nothing else of brief's writes into
    // the output folder, its staging folders or the cache meanwhile.
    let _lock = options.write_lock()?;
    // The cache is read and the output folder checked against it while
    // content/ and static/ are walked and the theme compiled.
    let mut cache = BuildCache::default();
    let mut cold = Some(Cold::Missing);
    let (staging, loaded) = rayon::join(
        || {
            Staging::create_over(
                root,
                &config.output_dir,
                options.overrides.output_dir.is_some(),
                options.overrides.force,
                || {
                    if !options.no_cache {
                        match BuildCache::load(root) {
                            Ok(loaded) => (cache, cold) = (loaded, None),
                            Err(why) => cold = Some(why),
                        }
                    }
                    if cache.output == config.output_dir {
                        (
                            std::mem::take(&mut cache.outputs),
                            std::mem::take(&mut cache.dirs),
                        )
                    } else {
                        Default::default()
                    }
                },
            )
        },
        || load(&config, None),
    );
    let staging =
        staging.map_err(|e| config.output_dir_error(e, options.overrides.output_dir.is_some()))?;
    clock.lap("load");
    // Bodies go to the cache's pack as they are parsed: the build holds
    // each one only while it renders it.
    let sink = cache.body_sink(root);
    let (parsed, parse) = cache.parse.parse(
        root,
        &loaded.files.markdown,
        &parse_context(&config, &loaded),
        sink.as_ref(),
    );
    if let Some(sink) = sink {
        // Unflushed bodies fail their check when read, and the build then
        // starts over without the cache.
        let _ = sink.finish();
    }
    clock.lap("parse");
    let output_dir = config.output_dir.clone();
    let mut prepared = assemble(config, loaded, parsed, &mut clock)?;
    // Bodies the parse could not store, or all of them when the pack is
    // due for compaction, go to the pack while the build renders.
    let _ = cache.write_bodies(root);
    // The memo marks the record of each file it finds unchanged as kept.
    let memo = Memo::over(
        staging.records(),
        prepared.config.output_key(),
        prepared.templates.key(),
    );
    let stores = Stores::open(root, !options.no_cache);
    let (cards, search, leftovers) =
        render_into(&prepared, &staging, &mut clock, Some(&memo), &stores)?;
    let rendered_again = memo.rendered();
    let fps = memo.into_fps();
    let output = staging.target().to_path_buf();
    let refreshed = staging.refreshed();
    // A cache whose parse changed is saved for certain: the part of it
    // that needs nothing of the output folder (two thirds of the file) is
    // written while the output is committed, which left a core idle.
    let parse_changed =
        cold.is_some() || parse.parsed > 0 || parse.dropped > 0 || parse.rehashed > 0;
    cache.output = output_dir;
    let (committed, head) = rayon::join(
        || staging.commit(&fps),
        || parse_changed.then(|| cache.save_head(root)),
    );
    let mut committed = committed?;
    let files = committed.files.len();
    stores.finish();
    clock.lap("commit");
    let mut warnings = std::mem::take(&mut prepared.warnings);
    if let Some(file) = &options.changes {
        std::fs::write(file, committed.changes.to_text()).map_err(|e| BuildError::io(file, e))?;
    }
    // Nothing new to remember: the cache on disk holds already.
    let same = !parse_changed
        && refreshed == 0
        && rendered_again == 0
        && committed.written == 0
        && committed.changes.is_empty();
    if same {
        cache.wait_bodies();
    } else {
        cache.dirs = committed.dirs;
        cache.outputs = std::mem::take(&mut committed.files);
        let saved = match head {
            Some(head) => head.and_then(|head| cache.save_rest(root, head)),
            None => cache.save(root),
        };
        if let Err(e) = saved {
            warnings.push(
                Diagnostic::warning(
                    crate::cache::CACHE_DIR,
                    format!("could not save the build cache: {e}"),
                )
                .with_hint("the next build will parse and render everything again"),
            );
        }
    }
    clock.lap("save");
    let report = BuildReport {
        briefings: prepared.site.briefings.len(),
        tags: prepared.site.tags.len(),
        files,
        written: committed.written,
        bytes: committed.bytes,
        changes: committed.changes,
        cold,
        parse,
        cards,
        search,
        output,
        base_url: prepared.config.base_url.clone(),
        elapsed: started.elapsed(),
        timings: clock.timings,
        scheduled: Scheduled::list(&prepared.site),
        skipped: std::mem::take(&mut prepared.skipped),
        warnings,
    };
    // Freeing the parsed site, the cache and the render's cards took 35
    // to 45 ms of one thread at the end of a cold build of 10,000
    // briefings, where the cards' share, freed as the render ended, kept a
    // core from the commit: a worker frees them all once the cache is
    // saved, while the report goes back (`brief build` exits first). The
    // cache's pack writer has been joined, so no file is held.
    rayon::spawn(move || drop((prepared, cache, leftovers)));
    Ok(report)
}
