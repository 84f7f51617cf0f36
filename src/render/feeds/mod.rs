//! Feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the site and for each
//! tag, built as data with their crates, and an OPML list of them all.
//! Dates come from content, never the clock, so an unchanged site rebuilds
//! byte for byte.

pub mod atom;
pub mod json;
pub mod opml;
pub mod rss;

pub use super::bodies::{Bodies, absolutize};

use std::borrow::Cow;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};

use crate::config::{Config, FeedFormat};
use crate::content::Briefing;
use crate::routes::Route;
use crate::site::Site;

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
    /// Indices into the site's briefings, newest first.
    pub items: Cow<'s, [usize]>,
}

impl FeedSpec<'_> {
    /// The items this feed carries: the newest `feed.limit`.
    pub fn chosen(&self, config: &Config) -> &[usize] {
        let limit = if config.feed_limit == 0 {
            usize::MAX
        } else {
            config.feed_limit
        };
        &self.items[..self.items.len().min(limit)]
    }

    /// The absolute URL of this feed in `format`.
    pub fn url(&self, config: &Config, format: FeedFormat) -> String {
        self.route.with_format(format).url(config)
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
/// so readers update it in place rather than showing it as new.
pub fn item_content(
    bodies: &Bodies<'_>,
    index: usize,
    b: &Briefing,
) -> Result<String, crate::error::BuildError> {
    let body = bodies.get(index)?;
    if b.corrections.is_empty() {
        return Ok(body.to_string());
    }
    let mut html = String::new();
    for c in b.corrections.iter().rev() {
        html.push_str(&format!(
            "<p><strong>Correction, {}:</strong> {}</p>\n",
            super::views::human_date(&c.date),
            c.html
        ));
    }
    html.push_str(body);
    Ok(html)
}

/// Renders one feed in one format.
pub fn render(
    format: FeedFormat,
    config: &Config,
    site: &Site,
    bodies: &Bodies<'_>,
    spec: &FeedSpec<'_>,
) -> Result<Vec<u8>, crate::error::BuildError> {
    match format {
        FeedFormat::Rss => rss::render(config, site, bodies, spec),
        FeedFormat::Atom => atom::render(config, site, bodies, spec),
        FeedFormat::Json => json::render(config, site, bodies, spec),
    }
}

/// The title, page, description and items of a tag's or an author's feed:
/// "Briefings tagged X", "Briefings by Y".
fn of_group<'s>(
    config: &Config,
    group: &'s crate::site::Group,
    page: Route<'_>,
    relation: &str,
) -> (String, String, String, Cow<'s, [usize]>) {
    (
        format!("{} — {}", config.title, group.name),
        page.url(config),
        format!("Briefings {relation} {} from {}", group.name, config.title),
        Cow::Borrowed(&group.briefings),
    )
}

/// What the feed at `route` is about: title, page, description, items.
/// `None` for a route that is not a feed.
pub fn spec<'s>(config: &Config, site: &'s Site, route: Route<'s>) -> Option<FeedSpec<'s>> {
    let (title, link, description, items): (String, String, String, Cow<'s, [usize]>) = match route
    {
        Route::Feed { .. } => (
            config.title.clone(),
            Route::Home { page: 1 }.url(config),
            if config.description.is_empty() {
                format!("Briefings from {}", config.title)
            } else {
                config.description.clone()
            },
            Cow::Owned((0..site.briefings.len()).collect()),
        ),
        Route::TagFeed { index, slug, .. } => {
            let page = Route::Tag {
                index,
                slug,
                page: 1,
            };
            of_group(config, &site.tags[index], page, "tagged")
        }
        Route::AuthorFeed { index, slug, .. } => {
            let page = Route::Author {
                index,
                slug,
                page: 1,
            };
            of_group(config, &site.authors[index], page, "by")
        }
        _ => return None,
    };
    Some(FeedSpec {
        title,
        link,
        description,
        route,
        items,
    })
}
