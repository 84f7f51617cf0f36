//! The template contract: every value a template receives, in one file.
//!
//! These are views of the domain types, built for templates and documented
//! in `docs/templates.md`. Briefing cards are converted to Tera values once
//! and then shared (cheaply, by reference count) by every listing page.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use tera::Value;

use crate::config::Config;
use crate::content::{Briefing, Term};
use crate::routes::{self, Route};
use crate::site::{Group, Site};

/// A date in every form a template may want.
#[derive(Debug, Serialize)]
pub struct DateView {
    /// ISO 8601 / RFC 3339, for `<time datetime>`.
    pub iso: String,
    /// For readers: `8 August 2025`.
    pub human: String,
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl DateView {
    pub fn new(d: &DateTime<FixedOffset>) -> Self {
        use chrono::Datelike;
        DateView {
            iso: d.to_rfc3339(),
            human: d.format("%-d %B %Y").to_string(),
            year: d.year(),
            month: d.month(),
            day: d.day(),
        }
    }
}

/// A link to a tag or an author: its page and its feed.
#[derive(Debug, Serialize)]
pub struct TagRef<'a> {
    /// The display name: the site's chosen spelling.
    pub name: &'a str,
    pub slug: &'a str,
    /// The absolute URL of its page.
    pub url: String,
    /// The absolute URL of its feed, in the primary format.
    pub feed_url: String,
}

/// An author in a byline: a link to the author's page when the name has
/// one (a name with no letters or digits has none).
#[derive(Debug, Serialize)]
pub struct AuthorRef<'a> {
    /// The name as this briefing writes it.
    pub name: &'a str,
    pub slug: Option<&'a str>,
    pub url: Option<String>,
    pub feed_url: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ImageView<'a> {
    pub src: &'a str,
    pub alt: &'a str,
    pub caption: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct SourceView<'a> {
    pub title: &'a str,
    pub url: &'a str,
}

/// What listings show of a briefing.
#[derive(Debug, Serialize)]
pub struct Card<'a> {
    pub title: &'a str,
    pub slug: &'a str,
    /// Absolute URL of the briefing page.
    pub url: String,
    pub date: DateView,
    pub updated: Option<DateView>,
    pub summary: &'a str,
    pub tags: Vec<TagRef<'a>>,
    pub authors: Vec<AuthorRef<'a>>,
    pub reading_minutes: usize,
    pub word_count: usize,
    pub image: Option<ImageView<'a>>,
    pub draft: bool,
    /// In a preview (`brief serve`) only: why this briefing is not
    /// published yet. Never set in a build.
    pub notice: Option<Notice>,
}

/// A banner on a briefing that is not published: `kind` is `draft` or
/// `scheduled`; `text` says so in words ("Scheduled: 1 December 2026,
/// 06:00 EST").
#[derive(Debug, Serialize)]
pub struct Notice {
    pub kind: &'static str,
    pub text: String,
}

/// The banner for `b`, in a preview.
pub fn notice(config: &Config, b: &Briefing) -> Option<Notice> {
    if !config.preview {
        return None;
    }
    if b.draft {
        return Some(Notice {
            kind: "draft",
            text: "Draft: not published".into(),
        });
    }
    (b.date > config.now).then(|| Notice {
        kind: "scheduled",
        text: format!(
            "Scheduled: {}",
            b.date
                .with_timezone(&config.timezone)
                .format("%-d %B %Y, %H:%M %Z")
        ),
    })
}

/// A briefing page's `briefing`: the card plus the body and the rest.
#[derive(Debug, Serialize)]
pub struct FullBriefing<'a> {
    #[serde(flatten)]
    pub card: Card<'a>,
    /// The body as HTML (already safe: no `| safe` needed).
    pub content: Value,
    pub sources: Vec<SourceView<'a>>,
    pub extra: &'a serde_json::Value,
}

/// The link to tag `index` of the site.
pub fn tag_ref<'a>(config: &Config, site: &'a Site, index: usize) -> TagRef<'a> {
    let t = &site.tags[index];
    let slug = t.slug.as_str();
    TagRef {
        name: &t.name,
        slug,
        url: Route::Tag {
            index,
            slug,
            page: 1,
        }
        .url(config),
        feed_url: Route::TagFeed {
            index,
            slug,
            format: routes::primary_format(config),
        }
        .url(config),
    }
}

/// The byline entry for `name`.
pub fn author_ref<'a>(config: &Config, site: &'a Site, author: &'a Term) -> AuthorRef<'a> {
    let name = author.name.as_str();
    match site.author(&author.slug) {
        Some((index, a)) => {
            let slug = a.slug.as_str();
            AuthorRef {
                name,
                slug: Some(slug),
                url: Some(
                    Route::Author {
                        index,
                        slug,
                        page: 1,
                    }
                    .url(config),
                ),
                feed_url: Some(
                    Route::AuthorFeed {
                        index,
                        slug,
                        format: routes::primary_format(config),
                    }
                    .url(config),
                ),
            }
        }
        None => AuthorRef {
            name,
            slug: None,
            url: None,
            feed_url: None,
        },
    }
}

/// The card of briefing `index`.
pub fn card<'a>(config: &Config, site: &'a Site, index: usize) -> Card<'a> {
    let b = &*site.briefings[index];
    Card {
        title: &b.title,
        slug: &b.slug,
        url: Route::Briefing {
            index,
            slug: &b.slug,
        }
        .url(config),
        date: DateView::new(&b.date),
        updated: b.updated.as_ref().map(DateView::new),
        summary: &b.summary,
        tags: b
            .tags
            .iter()
            .filter_map(|t| site.tag(&t.slug))
            .map(|(i, _)| tag_ref(config, site, i))
            .collect(),
        authors: b
            .authors
            .iter()
            .map(|a| author_ref(config, site, a))
            .collect(),
        reading_minutes: b.reading_minutes,
        word_count: b.word_count,
        image: b.image.as_ref().map(|i| ImageView {
            src: &i.src,
            alt: &i.alt,
            caption: i.caption.as_deref(),
        }),
        draft: b.draft,
        notice: notice(config, b),
    }
}

/// The whole of briefing `index`, for its page and its email edition.
pub fn full<'a>(config: &Config, site: &'a Site, index: usize) -> FullBriefing<'a> {
    let b = &*site.briefings[index];
    FullBriefing {
        card: card(config, site, index),
        content: Value::safe_string(&b.html),
        sources: b
            .sources
            .iter()
            .map(|s| SourceView {
                title: &s.title,
                url: &s.url,
            })
            .collect(),
        extra: &b.extra,
    }
}

/// `site`, in every template.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub language: &'a str,
    pub author: Option<&'a str>,
    /// The base URL, ending in `/`.
    pub base_url: &'a str,
    pub home_url: String,
    pub tags_url: String,
    pub archive_url: String,
    pub feed_url: String,
    pub sitemap_url: String,
    pub stylesheet_url: String,
    /// The OPML list of every feed, or none when feeds are off.
    pub opml_url: Option<String>,
    /// The site's feeds, one per format: `{title, url, type}`.
    pub feeds: Vec<FeedLink>,
    /// Whether each briefing has an email edition (`email.html`, `email.txt`).
    pub email: bool,
    pub briefing_count: usize,
    pub tag_count: usize,
    pub author_count: usize,
    pub extra: &'a toml::Table,
}

pub fn site_view<'a>(config: &'a Config, site: &Site) -> SiteView<'a> {
    SiteView {
        title: &config.title,
        description: &config.description,
        language: &config.language,
        author: config.author.as_deref(),
        base_url: config.base_url.as_str(),
        home_url: Route::Home { page: 1 }.url(config),
        tags_url: Route::Tags.url(config),
        archive_url: Route::Archive.url(config),
        feed_url: routes::site_feed(config).url(config),
        sitemap_url: Route::Sitemap.url(config),
        stylesheet_url: Route::Asset { name: "style.css" }.url(config),
        opml_url: (!config.feed_formats.is_empty()).then(|| Route::Opml.url(config)),
        feeds: super::pages::feed_links(config, &config.title, routes::site_feed(config)),
        email: config.email,
        briefing_count: site.briefings.len(),
        tag_count: site.tags.len(),
        author_count: site.authors.len(),
        extra: &config.extra,
    }
}

/// A feed a page links to in its `<head>`.
#[derive(Debug, Serialize)]
pub struct FeedLink {
    pub title: String,
    pub url: String,
    /// MIME type, e.g. `application/rss+xml`.
    #[serde(rename = "type")]
    pub kind: &'static str,
}

/// `page`, in every template: what the `<head>` needs.
#[derive(Debug, Serialize)]
pub struct PageMeta {
    /// `index`, `briefing`, `tags`, `tag`, `archive` or `404`.
    pub kind: &'static str,
    /// The `<title>` text, without the site name.
    pub title: String,
    pub description: String,
    /// Canonical absolute URL.
    pub url: String,
    pub feeds: Vec<FeedLink>,
}

/// One entry in a paginator's page list.
#[derive(Debug, Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
    /// Whether numbers were skipped before this one.
    pub gap_before: bool,
}

/// `paginator`, on the front page and tag pages.
#[derive(Debug, Serialize)]
pub struct Paginator {
    /// This page's number, from 1.
    pub number: usize,
    pub total_pages: usize,
    pub total_items: usize,
    pub per_page: usize,
    /// The briefing cards on this page.
    pub items: Value,
    pub previous_url: Option<String>,
    pub next_url: Option<String>,
    pub first_url: String,
    pub last_url: String,
    /// The first, the last, and the pages near this one.
    pub pages: Vec<PageLink>,
}

/// How many page numbers either side of the current one are listed.
const PAGE_WINDOW: usize = 2;

/// Builds a paginator. `url_of(n)` is the absolute URL of page `n`.
pub fn paginator(
    number: usize,
    total_pages: usize,
    total_items: usize,
    per_page: usize,
    items: Value,
    url_of: &dyn Fn(usize) -> String,
) -> Paginator {
    let mut numbers = vec![1, total_pages];
    numbers.extend(
        number.saturating_sub(PAGE_WINDOW).max(1)..=(number + PAGE_WINDOW).min(total_pages),
    );
    numbers.sort_unstable();
    numbers.dedup();
    let mut last_listed = 0;
    let pages = numbers
        .into_iter()
        .map(|n| {
            let link = PageLink {
                number: n,
                url: url_of(n),
                current: n == number,
                gap_before: n > last_listed + 1,
            };
            last_listed = n;
            link
        })
        .collect();
    Paginator {
        number,
        total_pages,
        total_items,
        per_page,
        items,
        previous_url: (number > 1).then(|| url_of(number - 1)),
        next_url: (number < total_pages).then(|| url_of(number + 1)),
        first_url: url_of(1),
        last_url: url_of(total_pages),
        pages,
    }
}

/// A tag on the tag index and tag pages, or an author on author pages.
#[derive(Debug, Serialize)]
pub struct TagView<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    /// The absolute URL of its first page.
    pub url: String,
    /// The absolute URL of its feed, in the primary format.
    pub feed_url: String,
    /// How many briefings carry it.
    pub count: usize,
}

fn group_view<'a>(
    group: &'a Group,
    page: Route<'_>,
    feed: Route<'_>,
    config: &Config,
) -> TagView<'a> {
    TagView {
        name: &group.name,
        slug: &group.slug,
        url: page.url(config),
        feed_url: feed.url(config),
        count: group.briefings.len(),
    }
}

/// Tag `index` of the site, for the tag index and its page.
pub fn tag_view<'a>(config: &Config, site: &'a Site, index: usize) -> TagView<'a> {
    let t = &site.tags[index];
    let slug = t.slug.as_str();
    group_view(
        t,
        Route::Tag {
            index,
            slug,
            page: 1,
        },
        Route::TagFeed {
            index,
            slug,
            format: routes::primary_format(config),
        },
        config,
    )
}

/// Author `index` of the site, for the author's page.
pub fn author_view<'a>(config: &Config, site: &'a Site, index: usize) -> TagView<'a> {
    let a = &site.authors[index];
    let slug = a.slug.as_str();
    group_view(
        a,
        Route::Author {
            index,
            slug,
            page: 1,
        },
        Route::AuthorFeed {
            index,
            slug,
            format: routes::primary_format(config),
        },
        config,
    )
}

/// A month of `archive`.
#[derive(Debug, Serialize)]
pub struct MonthView {
    pub year: i32,
    pub month: u32,
    /// `August`.
    pub name: String,
    /// Briefing cards, newest first.
    pub briefings: Value,
}

/// A year of `archive`.
#[derive(Debug, Serialize)]
pub struct YearView {
    pub year: i32,
    pub count: usize,
    pub months: Vec<MonthView>,
}

/// The month's name, from chrono's calendar: `August`.
pub fn month_name(year: i32, month: u32) -> String {
    chrono::NaiveDate::from_ymd_opt(year, month, 1)
        .map(|d| d.format("%B").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paginator_lists_a_window_not_every_page() {
        let p = paginator(50, 100, 1000, 10, Value::none(), &|n| format!("/p/{n}"));
        let numbers: Vec<_> = p.pages.iter().map(|l| (l.number, l.gap_before)).collect();
        assert_eq!(
            numbers,
            [
                (1, false),
                (48, true),
                (49, false),
                (50, false),
                (51, false),
                (52, false),
                (100, true)
            ]
        );
        assert_eq!(p.previous_url.as_deref(), Some("/p/49"));
        let p = paginator(1, 1, 3, 10, Value::none(), &|n| format!("/p/{n}"));
        assert_eq!(p.pages.len(), 1);
        assert!(p.previous_url.is_none() && p.next_url.is_none());
    }
}
