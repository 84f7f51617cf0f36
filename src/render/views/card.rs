//! A briefing as templates see it: the card listings show, the full
//! briefing its page and email edition show, and the links inside them.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use tera::Value;

use crate::config::Config;
use crate::content::{Briefing, Term};
use crate::routes::{self, Route};
use crate::site::Site;

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
