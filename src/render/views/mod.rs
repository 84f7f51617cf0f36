//! The template contract: every value a template receives.
//!
//! These are views of the domain types, built for templates and documented
//! in `docs/templates.md`. Briefing cards are converted to Tera values once
//! and then shared (cheaply, by reference count) by every listing page.
//!
//! This file holds what every template receives (`site`, `page`); `card.rs`
//! holds the views of one briefing, `refs.rs` the links to tags and
//! authors, and `listing.rs` those of the pages that list briefings
//! (paginators, tags, authors, the archive).

mod card;
mod listing;
mod refs;
pub mod share;

pub use card::{
    Card, CorrectionView, DateView, FullBriefing, ImageView, Link, Notice, SourceView, card, full,
    human_date, link, notice,
};
pub use listing::{
    MonthView, PageLink, Paginator, SearchView, TagView, YearView, author_view, month_name,
    paginator, tag_view,
};
pub use refs::{AuthorRef, Refs, TagRef, author_ref, tag_ref};

use serde::Serialize;

use crate::config::Config;
use crate::routes::{self, Route};
use crate::site::Site;

/// `site`, in every template.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    /// The site's title, from `site.toml`.
    pub title: &'a str,
    /// The site's description, from `site.toml`.
    pub description: &'a str,
    /// The site's language (e.g. `en`), from `site.toml`.
    pub language: &'a str,
    /// `rtl` or `ltr`: the direction of the site's language.
    pub dir: &'static str,
    /// The site's author, from `site.toml`, if it names one.
    pub author: Option<&'a str>,
    /// The base URL, ending in `/`.
    pub base_url: &'a str,
    /// The absolute URL of the front page.
    pub home_url: String,
    /// The absolute URL of the tag index.
    pub tags_url: String,
    /// The absolute URL of the archive.
    pub archive_url: String,
    /// The absolute URL of the site feed in the first enabled format (RSS
    /// when on), or none when `[feed] formats` is empty.
    pub feed_url: Option<String>,
    /// The absolute URL of the sitemap.
    pub sitemap_url: String,
    /// The absolute URL of the theme's stylesheet, `style.css`.
    pub stylesheet_url: String,
    /// The absolute URL of the search page, or none when `[search]` is
    /// off.
    pub search_url: Option<String>,
    /// The absolute URL of the search page's script, `search.js`.
    pub search_script_url: String,
    /// The OPML list of every feed, or none when feeds are off.
    pub opml_url: Option<String>,
    /// The site's feeds, one per format: `{title, url, type}`.
    pub feeds: Vec<FeedLink>,
    /// Whether each briefing has an email edition (`email.html`, `email.txt`).
    pub email: bool,
    /// `[email] unsubscribe`: the sending service's placeholder for each
    /// reader's unsubscribe link, or none.
    pub email_unsubscribe: Option<&'a str>,
    /// How many briefings the site publishes.
    pub briefing_count: usize,
    /// How many tags the site has.
    pub tag_count: usize,
    /// How many authors the site has (names with a page).
    pub author_count: usize,
    /// The image shared for a page that has none of its own
    /// (`[publisher] image`), as an absolute URL.
    pub image: Option<&'a str>,
    /// The default image's alternative text (`[publisher] image_alt`, else
    /// the site's title).
    pub image_alt: &'a str,
    /// The publisher's logo (`[publisher] logo`), as an absolute URL.
    pub logo: Option<&'a str>,
    /// The `[extra]` table of `site.toml`.
    pub extra: &'a toml::Table,
}

/// The `site` value of every template, for `site` built with `config`.
pub fn site_view<'a>(config: &'a Config, site: &Site) -> SiteView<'a> {
    SiteView {
        title: &config.title,
        description: &config.description,
        language: &config.language,
        dir: crate::i18n::dir(&config.language),
        author: config.author.as_deref(),
        base_url: config.base_url.as_str(),
        home_url: Route::Home { page: 1 }.url(config),
        tags_url: Route::Tags.url(config),
        archive_url: Route::Archive.url(config),
        feed_url: (!config.feed_formats.is_empty()).then(|| routes::site_feed(config).url(config)),
        sitemap_url: Route::Sitemap.url(config),
        stylesheet_url: Route::Asset { name: "style.css" }.url(config),
        search_url: config.search.then(|| Route::Search.url(config)),
        search_script_url: Route::Asset { name: "search.js" }.url(config),
        opml_url: (!config.feed_formats.is_empty()).then(|| Route::Opml.url(config)),
        feeds: super::pages::feed_links(config, &config.title, routes::site_feed(config)),
        email: config.email,
        email_unsubscribe: config.email_unsubscribe.as_deref(),
        briefing_count: site.briefings.len(),
        tag_count: site.tags.len(),
        author_count: site.authors.len(),
        image: config.publisher.image.as_deref(),
        image_alt: &config.publisher.image_alt,
        logo: config.publisher.logo.as_deref(),
        extra: &config.extra,
    }
}

/// A feed a page links to in its `<head>`.
#[derive(Debug, Serialize)]
pub struct FeedLink {
    /// The feed's title: the site's or the tag's name and the format,
    /// e.g. `Morning Brief (RSS)`.
    pub title: String,
    /// The absolute URL of the feed.
    pub url: String,
    /// MIME type, e.g. `application/rss+xml`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The format's name for readers: `RSS`, `Atom` or `JSON Feed`.
    pub label: &'static str,
}

/// `page`, in every template: what the `<head>` needs.
#[derive(Debug, Serialize)]
pub struct PageMeta {
    /// `index`, `briefing`, `tags`, `tag`, `author`, `archive`, `404` or
    /// `email`.
    pub kind: &'static str,
    /// The `<title>` text, without the site name.
    pub title: String,
    /// The text for `<meta name="description">`.
    pub description: String,
    /// Canonical absolute URL.
    pub url: String,
    /// The feeds for `<link rel="alternate">`: the site's in every enabled
    /// format, and on tag and author pages theirs too.
    pub feeds: Vec<FeedLink>,
    /// The page's language, for `<html lang>` and `t()`: a briefing's own
    /// on its page and email edition, else the site's.
    pub language: String,
    /// `rtl` or `ltr`: which way the page's language runs, for `dir=`.
    pub dir: &'static str,
}
