//! Which routes a site has: its pages, email editions, feeds and sitemap
//! files, listed from the collected site, in a fixed order.

use super::{Archives, EmailPart, MAX_URLS, Route};
use crate::config::{Config, FeedFormat, Host};
use crate::site::{self, Site};

/// The feed pages link to: the site feed in the first enabled format (RSS
/// when enabled; RSS when feeds are off, which templates should then not
/// link to).
pub fn primary_format(config: &Config) -> FeedFormat {
    config
        .feed_formats
        .first()
        .copied()
        .unwrap_or(FeedFormat::Rss)
}

/// The site feed in the primary format.
pub fn site_feed(config: &Config) -> Route<'static> {
    Route::Feed {
        format: primary_format(config),
    }
}

/// How many pages `items` fill at `per_page` (at least one).
pub fn page_count(items: usize, per_page: usize) -> usize {
    site::pages(items, per_page).count()
}

/// How many of the newest briefings get an email edition.
pub fn email_count(config: &Config, site: &Site) -> usize {
    match (config.email, config.email_limit) {
        (false, _) => 0,
        (true, 0) => site.briefings.len(),
        (true, limit) => limit.min(site.briefings.len()),
    }
}

/// The pages (rendered with templates) of a site, in the order the
/// sitemap lists them: front pages, briefings, tags, authors, the archive,
/// the search page (not in the sitemap), then the not-found page. The
/// search index's files are named by the indexer, so only the render stage
/// lists them (as [`Route::SearchIndex`]).
pub fn pages<'a>(config: &Config, site: &'a Site) -> Vec<Route<'a>> {
    let per_page = config.per_page;
    let mut routes: Vec<Route<'a>> = Vec::with_capacity(site.briefings.len() * 2 + 64);
    routes
        .extend((1..=page_count(site.briefings.len(), per_page)).map(|page| Route::Home { page }));
    routes.extend(
        site.briefings
            .iter()
            .enumerate()
            .map(|(index, b)| Route::Briefing {
                index,
                slug: &b.slug,
            }),
    );
    routes.push(Route::Tags);
    for (index, t) in site.tags.iter().enumerate() {
        routes.extend(
            (1..=page_count(t.briefings.len(), per_page)).map(|page| Route::Tag {
                index,
                slug: &t.slug,
                page,
            }),
        );
    }
    for (index, a) in site.authors.iter().enumerate() {
        routes.extend(
            (1..=page_count(a.briefings.len(), per_page)).map(|page| Route::Author {
                index,
                slug: &a.slug,
                page,
            }),
        );
    }
    routes.push(Route::Archive);
    if config.search {
        routes.push(Route::Search);
    }
    routes.push(Route::NotFound);
    routes.extend(aliases(site));
    routes
}

/// The redirect pages at the old addresses of moved briefings.
pub fn aliases(site: &Site) -> impl Iterator<Item = Route<'_>> {
    site.briefings.iter().enumerate().flat_map(|(index, b)| {
        b.aliases.iter().map(move |a| Route::Alias {
            index,
            href: &a.href,
        })
    })
}

/// The email editions of a site.
pub fn emails<'a>(config: &Config, site: &'a Site) -> Vec<Route<'a>> {
    site.briefings[..email_count(config, site)]
        .iter()
        .enumerate()
        .flat_map(|(index, b)| {
            [EmailPart::Html, EmailPart::Text].map(|part| Route::Email {
                index,
                slug: &b.slug,
                part,
            })
        })
        .collect()
}

/// The share cards of a site: one per briefing, unless `[cards] enabled
/// = false`.
pub fn share_cards<'a>(config: &Config, site: &'a Site) -> Vec<Route<'a>> {
    if !config.cards.enabled {
        return Vec::new();
    }
    site.briefings
        .iter()
        .enumerate()
        .map(|(index, b)| Route::ShareCard {
            index,
            slug: &b.slug,
        })
        .collect()
}

/// Every feed of a site: the site's with its archive documents (oldest
/// first), each tag's and each author's, in every enabled format.
pub fn feeds<'a>(config: &Config, site: &'a Site) -> Vec<Route<'a>> {
    let mut routes = Vec::new();
    for &format in &config.feed_formats {
        routes.push(Route::Feed { format });
    }
    for number in 1..=Archives::of(config, site.briefings.len()).count() {
        for &format in &config.feed_formats {
            routes.push(Route::FeedArchive { number, format });
        }
    }
    for (index, t) in site.tags.iter().enumerate() {
        for &format in &config.feed_formats {
            routes.push(Route::TagFeed {
                index,
                slug: &t.slug,
                format,
            });
        }
    }
    for (index, a) in site.authors.iter().enumerate() {
        for &format in &config.feed_formats {
            routes.push(Route::AuthorFeed {
                index,
                slug: &a.slug,
                format,
            });
        }
    }
    routes
}

/// The sitemap files: `sitemap.xml`, plus its parts when the site has more
/// than [`MAX_URLS`] pages.
pub fn sitemaps(pages: &[Route<'_>]) -> Vec<Route<'static>> {
    let urls = pages.iter().filter(|r| r.in_sitemap()).count();
    let mut routes = vec![Route::Sitemap];
    if urls > MAX_URLS {
        routes.extend((1..=urls.div_ceil(MAX_URLS)).map(|number| Route::SitemapPart { number }));
    }
    routes
}

/// The Google News sitemap, unless `[sitemap] news = false`.
pub fn news_sitemap(config: &Config) -> Option<Route<'static>> {
    config.news_sitemap.as_ref().map(|_| Route::NewsSitemap)
}

/// Every output a build renders, in a fixed order: pages, email editions,
/// share cards, feeds, OPML, the sitemaps and `robots.txt`. (Theme assets, content
/// assets and static files are copied beside these.)
pub fn plan<'a>(config: &Config, site: &'a Site) -> Vec<Route<'a>> {
    let mut routes = pages(config, site);
    let sitemaps = sitemaps(&routes);
    routes.extend(emails(config, site));
    routes.extend(share_cards(config, site));
    let feeds = feeds(config, site);
    let has_feeds = !feeds.is_empty();
    routes.extend(feeds);
    if has_feeds {
        routes.push(Route::Opml);
    }
    routes.extend(sitemaps);
    routes.extend(news_sitemap(config));
    routes.push(Route::Robots);
    routes.extend(host_files(config));
    routes
}

/// The files only the site's static host reads (`[deploy] host`).
pub fn host_files(config: &Config) -> Vec<Route<'static>> {
    match config.host {
        Host::Generic => vec![],
        Host::Github => vec![Route::NoJekyll],
        Host::Netlify | Host::Cloudflare => vec![Route::Redirects, Route::Headers],
    }
}
