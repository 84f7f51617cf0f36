//! The `render` stage: pages through Tera, feeds through their crates, the
//! sitemap, in parallel, each streamed to the [`Sink`] as soon as it is
//! rendered so that no stage holds every page at once. Which files there
//! are, and where, comes from the route table ([`crate::routes`]).

pub mod bodies;
pub mod email;
pub mod feeds;
mod fingerprint;
pub mod host;
mod jsonld;
pub mod memo;
pub mod pages;
pub mod search;
pub mod share;
pub mod sitemap;
pub mod templates;
pub mod views;
mod xml;

use std::hash::{Hash, Hasher};
use std::sync::Mutex;

use rayon::prelude::*;
use tera::Value;

use crate::config::Config;
use crate::error::{BuildError, Diagnostic};
use crate::output::Sink;
use crate::routes::{self, EmailPart, Route};
use crate::site::Site;
use crate::util::PAR_BATCH;
use pages::Shared;
pub use templates::Templates;

/// Renders the email edition of briefing `index` into `sink`.
pub fn render_email(
    config: &Config,
    site: &Site,
    templates: &Templates,
    index: usize,
    sink: &dyn Sink,
) -> Result<(), BuildError> {
    let bodies = bodies::Bodies::new(config, &site.briefings);
    let shared = Shared {
        config,
        site,
        templates,
        bodies: &bodies,
        site_value: Value::from_serializable(&views::site_view(config, site)),
        refs: views::Refs::new(config, site),
        kept: pages::Kept::default(),
        chrome: pages::Chrome::new(templates, Route::Home { page: 1 }.url(config)),
        archive_links: false,
        related_links: false,
        sink,
        error: Mutex::new(None),
        card_error: pages::Waiting::default(),
        memo: None,
        fps: Vec::new(),
        link_fps: Vec::new(),
        site_counts: true,
    };
    shared.run(Route::Email {
        index,
        slug: &site.briefings[index].slug,
        part: EmailPart::Html,
    })
}

/// What a render made for its own use and needs no more: the cards and
/// links it kept ([`pages::Kept`]). Freeing them took one thread 20 ms at
/// 10,000 briefings, while the other committed the output: the caller
/// says when (`brief build` after everything else, where the process's
/// exit makes it moot).
pub struct Leftovers {
    /// Held for its drop alone.
    _kept: pages::Kept,
}

/// Renders every page and email edition into `sink`: how many, and what
/// the render kept.
pub fn render_pages(
    config: &Config,
    site: &Site,
    templates: &Templates,
    bodies: &bodies::Bodies<'_>,
    sink: &dyn Sink,
    memo: Option<&memo::Memo<'_>>,
) -> Result<(usize, Leftovers), BuildError> {
    let site_value = Value::from_serializable(&views::site_view(config, site));
    let fps: Vec<u64> = match memo {
        Some(_) => site
            .briefings
            .par_iter()
            .map(|b| memo::briefing_fp(site, b))
            .collect(),
        None => Vec::new(),
    };
    let shared = Shared {
        config,
        site,
        templates,
        bodies,
        site_value,
        refs: views::Refs::new(config, site),
        kept: pages::Kept::new(site.briefings.len()),
        chrome: pages::Chrome::new(templates, Route::Home { page: 1 }.url(config)),
        archive_links: templates.is_builtin("archive.html"),
        related_links: templates.is_builtin("briefing.html"),
        sink,
        error: Mutex::new(None),
        card_error: pages::Waiting::default(),
        memo,
        // The built-in archive, previous/next links and not-found page show
        // only title, URL and date; a site's own templates may show more.
        link_fps: match memo {
            Some(_)
                if ["archive.html", "briefing.html", "404.html"]
                    .iter()
                    .all(|t| templates.is_builtin(t)) =>
            {
                site.briefings.iter().map(|b| memo::link_fp(b)).collect()
            }
            Some(_) => fps.clone(),
            None => Vec::new(),
        },
        fps,
        // The archive's fingerprint covers every briefing, hence the counts.
        site_counts: ["briefing_count", "tag_count", "author_count"]
            .iter()
            .any(|w| templates.mention(w, &["archive.html"])),
    };

    let mut jobs = routes::pages(config, site);
    // Email parts come in pairs; the HTML job writes both.
    jobs.extend(routes::emails(config, site).into_iter().filter(|r| {
        matches!(
            r,
            Route::Email {
                part: EmailPart::Html,
                ..
            }
        )
    }));
    jobs.par_iter().with_max_len(PAR_BATCH).for_each(|&route| {
        if shared.error.lock().map(|e| e.is_some()).unwrap_or(true) {
            return;
        }
        if let Err(e) = shared.run(route) {
            let mut slot = shared.error.lock().unwrap_or_else(|p| p.into_inner());
            if slot.is_none() {
                *slot = Some(e);
            }
        }
    });
    if let Some(e) = shared.error.into_inner().unwrap_or_else(|p| p.into_inner()) {
        return Err(e);
    }
    Ok((jobs.len(), Leftovers { _kept: shared.kept }))
}

/// Renders the site feed with its archive documents, every tag feed and
/// every author feed, in every enabled format, and the OPML list of them,
/// into `sink`.
pub fn render_feeds(
    config: &Config,
    site: &Site,
    bodies: &bodies::Bodies<'_>,
    sink: &dyn Sink,
    memo: Option<&memo::Memo<'_>>,
) -> Result<usize, BuildError> {
    let feeds = routes::feeds(config, site);
    if feeds.is_empty() {
        return Ok(0);
    }
    let (archived, current): (Vec<Route<'_>>, Vec<Route<'_>>) = feeds
        .iter()
        .partition(|r| matches!(r, Route::FeedArchive { .. }));
    // A feed carries many briefings: each is worth a worker of its own.
    current
        .par_iter()
        .with_max_len(1)
        .try_for_each(|&route| render_feed(config, site, route, bodies, sink, memo))?;
    // Archive documents go a page at a time: its formats share the
    // page's bodies, made once and dropped with the page.
    let archives = routes::Archives::of(config, site.briefings.len());
    let number = |r: &Route<'_>| match *r {
        Route::FeedArchive { number, .. } => number,
        _ => 0,
    };
    archived
        .par_chunk_by(|a, b| number(a) == number(b))
        .try_for_each(|page| {
            let run = bodies.run(archives.items(number(&page[0])));
            page.iter()
                .try_for_each(|&route| render_feed(config, site, route, &run, sink, memo))
        })?;
    sink.write(
        &Route::Opml.path(),
        &feeds::opml::render(config, site, routes::primary_format(config)),
    )?;
    Ok(feeds.len() + 1)
}

/// Renders the feed document at `route` into `sink`, unless `memo` shows
/// it would show what it showed last time.
fn render_feed(
    config: &Config,
    site: &Site,
    route: Route<'_>,
    bodies: &dyn bodies::BodySource,
    sink: &dyn Sink,
    memo: Option<&memo::Memo<'_>>,
) -> Result<(), BuildError> {
    let (Route::Feed { format }
    | Route::FeedArchive { format, .. }
    | Route::TagFeed { format, .. }
    | Route::AuthorFeed { format, .. }) = route
    else {
        return Ok(());
    };
    let Some(spec) = feeds::spec(config, site, route) else {
        return Ok(());
    };
    let path = route.path();
    if let Some(memo) = memo {
        // With an archive document's neighbours, which stay the same as
        // briefings are added until a newer page fills.
        let mut h = memo::hasher();
        (&spec.title, spec.items.len(), spec.history).hash(&mut h);
        for &i in spec.chosen() {
            memo::briefing_fp(site, &site.briefings[i]).hash(&mut h);
        }
        if !memo.stale(&path, h.finish(), memo::Depends::Config) {
            return Ok(());
        }
    }
    // Each worker keeps one buffer for every feed it writes: a feed of
    // full bodies is a few hundred kilobytes, and a fresh buffer grown to
    // that for each of a thousand feeds touched new memory every time
    // (the kernel's zeroing of fresh pages was 5% of a cold build's CPU).
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    BUFFER.with_borrow_mut(|out| {
        out.clear();
        feeds::render(format, config, site, bodies, &spec, out)?;
        sink.write(&path, out)
    })
}

/// When the page at `route` last changed, for the sitemap.
fn lastmod(site: &Site, route: Route<'_>) -> Option<String> {
    let newest = |indices: &[usize]| {
        indices
            .first()
            .map(|&i| site.briefings[i].date.to_rfc3339())
    };
    match route {
        Route::Briefing { index, .. } => {
            let b = &site.briefings[index];
            Some(b.updated.unwrap_or(b.date).max(b.date).to_rfc3339())
        }
        Route::Tag { index, .. } => newest(&site.tags[index].briefings),
        Route::Author { index, .. } => newest(&site.authors[index].briefings),
        _ => site
            .newest()
            .map(|b| b.updated.unwrap_or(b.date).to_rfc3339()),
    }
}

/// Writes the sitemap (with its parts, past 50,000 pages), the news
/// sitemap and `robots.txt`.
pub fn render_sitemap(
    config: &Config,
    site: &Site,
    sink: &dyn Sink,
    memo: Option<&memo::Memo<'_>>,
) -> Result<usize, BuildError> {
    let pages = routes::pages(config, site);
    let entries: Vec<sitemap::Entry> = pages
        .iter()
        .filter(|r| r.in_sitemap())
        .map(|&r| sitemap::Entry {
            url: r.url(config),
            lastmod: lastmod(site, r),
        })
        .collect();
    let parts: Vec<String> = routes::sitemaps(&pages)
        .iter()
        .filter(|r| matches!(r, Route::SitemapPart { .. }))
        .map(|r| r.path())
        .collect();
    let files = sitemap::render(&entries, &parts, &|path| config.url(path));
    let mut count = files.len() + 1;
    for (name, bytes) in files {
        sink.write(&name, &bytes)?;
    }
    let mut named = vec![Route::Sitemap.url(config)];
    if let Some(route) = routes::news_sitemap(config) {
        render_news_sitemap(config, site, route, sink, memo)?;
        named.push(route.url(config));
        count += 1;
    }
    sink.write(&Route::Robots.path(), &sitemap::robots(&named))?;
    Ok(count)
}

/// Writes the news sitemap, unless `memo` shows it would list what it
/// listed last time. Its entries depend on the build's now, which the
/// config key leaves out, so the fingerprint covers exactly what the file
/// shows of them.
fn render_news_sitemap(
    config: &Config,
    site: &Site,
    route: Route<'_>,
    sink: &dyn Sink,
    memo: Option<&memo::Memo<'_>>,
) -> Result<(), BuildError> {
    let Some(news) = &config.news_sitemap else {
        return Ok(());
    };
    let entries: Vec<sitemap::news::Entry> = sitemap::news::chosen(site, config.now)
        .into_iter()
        .map(|index| {
            let b = &site.briefings[index];
            sitemap::news::Entry {
                url: Route::Briefing {
                    index,
                    slug: &b.slug,
                }
                .url(config),
                date: b.date.to_rfc3339(),
                title: &b.title,
            }
        })
        .collect();
    let path = route.path();
    if let Some(memo) = memo {
        let mut h = memo::hasher();
        entries.hash(&mut h);
        if !memo.stale(&path, h.finish(), memo::Depends::Config) {
            return Ok(());
        }
    }
    let publication = sitemap::news::Publication {
        name: &config.title,
        language: &news.language,
    };
    let front_page = Route::Home { page: 1 }.url(config);
    sink.write(
        &path,
        &sitemap::news::render(&publication, &entries, &front_page),
    )
}

/// Writes the files only the site's static host reads (`[deploy] host`).
pub fn render_host_files(
    config: &Config,
    site: &Site,
    static_patterns: &[String],
    sink: &dyn Sink,
) -> Result<(), BuildError> {
    for route in routes::host_files(config) {
        let bytes = match route {
            Route::NoJekyll => host::nojekyll(),
            Route::Redirects => host::redirects(config, site),
            Route::Headers => host::headers(config, config.host, static_patterns),
            _ => continue,
        };
        sink.write(&route.path(), &bytes)?;
    }
    Ok(())
}

/// An error for a copied file that would overwrite a generated page.
pub fn clash(path: &str, from: &std::path::Path) -> Diagnostic {
    Diagnostic::error(
        from,
        format!("would be published at /{path}, where brief writes a generated page"),
    )
    .with_hint("rename or move the file")
}
