//! Feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the site and for each
//! tag, built as data with their crates, and an OPML list of them all.
//! Dates come from content, never the clock, so an unchanged site rebuilds
//! byte for byte.
//!
//! The site feed is an archived feed (RFC 5005, section 4): besides the
//! subscription feed, archive documents hold every older briefing in
//! fixed pages (see [`Archives`]), linked to each other and to the
//! subscription feed, so that a reader can fetch the whole history.

pub mod atom;
pub mod json;
pub mod opml;
pub mod rss;

pub use super::bodies::{Bodies, BodySource, absolutize};

use std::borrow::Cow;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};

use crate::config::{Config, FeedFormat};
use crate::content::Briefing;
use crate::routes::{Archives, Route};
use crate::site::Site;

/// The namespace of RFC 5005's `fh:archive`, which marks an archive
/// document.
pub const HISTORY_NS: &str = "http://purl.org/syndication/history/1.0";

/// What a feed is about.
pub struct FeedSpec<'s> {
    /// The feed's title: the site's, or the site's and the tag's or author's.
    pub title: String,
    /// The HTML page the feed mirrors.
    pub link: String,
    /// One line on what the feed carries.
    pub description: String,
    /// This feed's route, in one of its formats.
    pub route: Route<'s>,
    /// Indices into the site's briefings, newest first: the feed's
    /// briefings, or an archive document's.
    pub items: Cow<'s, [usize]>,
    /// How many of `items`, from the first, the document carries.
    pub shown: usize,
    /// Its place in the site feed's archive (RFC 5005).
    pub history: History,
}

/// A feed document's place in an archived feed (RFC 5005, section 4):
/// whether it is an archive document, and its neighbours among them.
/// A feed without archive documents has none of these.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct History {
    /// An archive document (`fh:archive`), not the subscription feed.
    pub archive: bool,
    /// The archive document just older (`prev-archive`): for the
    /// subscription feed, the newest one.
    pub prev: Option<usize>,
    /// The archive document just newer (`next-archive`).
    pub next: Option<usize>,
}

impl FeedSpec<'_> {
    /// The items this document carries, newest first.
    pub fn chosen(&self) -> &[usize] {
        &self.items[..self.shown]
    }

    /// The absolute URL of this feed document in `format`.
    pub fn url(&self, config: &Config, format: FeedFormat) -> String {
        self.route.with_format(format).url(config)
    }

    /// The subscription feed this document belongs to, in `format`: the
    /// document itself unless it is an archive document.
    pub fn current(&self, format: FeedFormat) -> Route<'_> {
        match self.route {
            Route::FeedArchive { .. } => Route::Feed { format },
            other => other.with_format(format),
        }
    }

    /// RFC 5005's links from this document in `format`, as (relation,
    /// URL): `current` from an archive document, then `prev-archive` and
    /// `next-archive` where those documents exist.
    pub fn history_links(
        &self,
        config: &Config,
        format: FeedFormat,
    ) -> Vec<(&'static str, String)> {
        let archive = |number| Route::FeedArchive { number, format }.url(config);
        let mut links = Vec::new();
        if self.history.archive {
            links.push(("current", self.current(format).url(config)));
        }
        if let Some(n) = self.history.prev {
            links.push(("prev-archive", archive(n)));
        }
        if let Some(n) = self.history.next {
            links.push(("next-archive", archive(n)));
        }
        links
    }
}

/// The date a briefing last changed: `updated`, or `date`.
pub fn last_change(b: &Briefing) -> DateTime<FixedOffset> {
    b.updated.map_or(b.date, |u| u.max(b.date))
}

/// The newest change among a feed's items: its build date, never the clock.
pub fn newest_change(
    briefings: &[Arc<Briefing>],
    items: &[usize],
) -> Option<DateTime<FixedOffset>> {
    items.iter().map(|&i| last_change(&briefings[i])).max()
}

/// The permalink of briefing `index`.
pub fn permalink(config: &Config, index: usize, b: &Briefing) -> String {
    Route::Briefing {
        index,
        slug: &b.slug,
    }
    .url(config)
}

/// The stable id of a briefing in feeds: its pinned `guid`, else its permalink.
pub fn id(config: &Config, index: usize, b: &Briefing) -> String {
    b.guid
        .clone()
        .unwrap_or_else(|| permalink(config, index, b))
}

/// Briefing `index`'s content in a feed item: its corrections, newest
/// first, each as a marked notice, then the body. The item keeps its id,
/// so readers update it in place rather than showing it as new. The body
/// itself, borrowed, when there is no correction.
pub fn item_content<'a>(
    config: &Config,
    bodies: &'a dyn BodySource,
    index: usize,
    b: &Briefing,
) -> Result<std::borrow::Cow<'a, str>, crate::error::BuildError> {
    let body = bodies.body(index)?;
    if b.corrections.is_empty() {
        return Ok(body.into());
    }
    let mut html = String::new();
    let lang = b.language_or(&config.language);
    let label = config.translations.text(lang, "correction_dated", &[]);
    for c in b.corrections.iter().rev() {
        html.push_str(&format!(
            "<p><strong>{} {}:</strong> {}</p>\n",
            quick_xml::escape::escape(&label),
            super::views::human_date(config, lang, &c.date),
            c.html
        ));
    }
    html.push_str(body);
    Ok(html.into())
}

/// Renders one feed in one format, appended to `out`.
pub fn render(
    format: FeedFormat,
    config: &Config,
    site: &Site,
    bodies: &dyn BodySource,
    spec: &FeedSpec<'_>,
    out: &mut Vec<u8>,
) -> Result<(), crate::error::BuildError> {
    match format {
        FeedFormat::Rss => rss::render(config, site, bodies, spec, out),
        FeedFormat::Atom => atom::render(config, site, bodies, spec, out),
        FeedFormat::Json => json::render(config, site, bodies, spec, out),
    }
}

/// A tag's or an author's feed ("Briefings tagged X from …", "Briefings
/// by Y from …", the translation key `relation`): the newest
/// `feed.limit`, and no archive documents.
fn of_group<'s>(
    config: &Config,
    group: &'s crate::site::Group,
    route: Route<'s>,
    page: Route<'_>,
    relation: &str,
) -> FeedSpec<'s> {
    FeedSpec {
        title: format!("{} — {}", config.title, group.name),
        link: page.url(config),
        description: config.translations.text(
            &config.language,
            relation,
            &[("name", &group.name), ("site", &config.title)],
        ),
        route,
        items: Cow::Borrowed(&group.briefings),
        shown: match config.feed_limit {
            0 => group.briefings.len(),
            limit => limit.min(group.briefings.len()),
        },
        history: History::default(),
    }
}

/// The site feed, or one of its archive documents: the site's title,
/// front page and description, with `items`, of which it shows `shown`.
fn of_site<'s>(
    config: &Config,
    route: Route<'s>,
    items: Vec<usize>,
    shown: usize,
    history: History,
) -> FeedSpec<'s> {
    FeedSpec {
        title: config.title.clone(),
        link: Route::Home { page: 1 }.url(config),
        description: if config.description.is_empty() {
            config.translations.text(
                &config.language,
                "feed_description",
                &[("site", &config.title)],
            )
        } else {
            config.description.clone()
        },
        route,
        items: Cow::Owned(items),
        shown,
        history,
    }
}

/// What the feed document at `route` is about: title, page, description,
/// items, and its place in the site feed's archive. `None` for a route
/// that is not a feed (or an archive document the site does not have).
pub fn spec<'s>(config: &Config, site: &'s Site, route: Route<'s>) -> Option<FeedSpec<'s>> {
    let archives = Archives::of(config, site.briefings.len());
    let count = archives.count();
    Some(match route {
        Route::Feed { .. } => {
            let history = History {
                prev: (count > 0).then_some(count),
                ..History::default()
            };
            let all = (0..site.briefings.len()).collect();
            of_site(config, route, all, archives.current(), history)
        }
        Route::FeedArchive { number, .. } if (1..=count).contains(&number) => {
            let history = History {
                archive: true,
                prev: (number > 1).then(|| number - 1),
                next: (number < count).then_some(number + 1),
            };
            let items: Vec<usize> = archives.items(number).collect();
            let shown = items.len();
            of_site(config, route, items, shown, history)
        }
        Route::TagFeed { index, slug, .. } => {
            let page = Route::Tag {
                index,
                slug,
                page: 1,
            };
            of_group(config, &site.tags[index], route, page, "feed_tagged")
        }
        Route::AuthorFeed { index, slug, .. } => {
            let page = Route::Author {
                index,
                slug,
                page: 1,
            };
            of_group(config, &site.authors[index], route, page, "feed_by")
        }
        _ => return None,
    })
}
