//! A briefing as templates see it: the card listings show, the full
//! briefing its page and email edition show, and the dated links of the
//! archive and neighbours (tags and bylines: `refs.rs`).

use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use tera::Value;

use super::Refs;
use crate::config::Config;
use crate::content::Briefing;
use crate::i18n::{self, dates};
use crate::routes::Route;
use crate::site::Site;

/// A date in every form a template may want.
#[derive(Debug, Serialize)]
pub struct DateView {
    /// ISO 8601 / RFC 3339, for `<time datetime>`.
    pub iso: String,
    /// For readers, in the page's language: `8 August 2025`, `8 de
    /// agosto de 2025`.
    pub human: String,
    /// The day and month for readers: `8 August`, `8 de agosto`.
    pub short: String,
    /// The year, e.g. `2025`.
    pub year: i32,
    /// The month of the year, from 1 (January) to 12.
    pub month: u32,
    /// The day of the month, from 1.
    pub day: u32,
}

impl DateView {
    /// The view of `d` for readers of `lang`, in the offset it was
    /// written with.
    pub fn new(config: &Config, lang: &str, d: &DateTime<FixedOffset>) -> Self {
        use chrono::Datelike;
        let t = &config.translations;
        DateView {
            iso: d.to_rfc3339(),
            human: dates::human_date(t, lang, d),
            short: dates::day_month(t, lang, d),
            year: d.year(),
            month: d.month(),
            day: d.day(),
        }
    }
}

/// A date for readers of `lang`: `8 August 2025`, `8 de agosto de 2025`,
/// in the offset it was written with.
pub fn human_date(config: &Config, lang: &str, d: &DateTime<FixedOffset>) -> String {
    dates::human_date(&config.translations, lang, d)
}

/// A briefing's lead image: `image` on a card.
#[derive(Debug, Serialize)]
pub struct ImageView<'a> {
    /// The absolute URL of the image.
    pub src: &'a str,
    /// Alternative text for readers who cannot see the image.
    pub alt: &'a str,
    /// The caption shown under the image, if any.
    pub caption: Option<&'a str>,
}

/// One entry of `briefing.sources`: a piece of reporting the briefing
/// draws on.
#[derive(Debug, Serialize)]
pub struct SourceView<'a> {
    /// The link text: the source's title, or its URL when none is given.
    pub title: &'a str,
    /// The absolute URL of the source.
    pub url: &'a str,
}

/// What listings show of a briefing.
#[derive(Debug, Serialize)]
pub struct Card<'a> {
    /// The headline.
    pub title: &'a str,
    /// The URL slug: the briefing is published at `briefings/<slug>/`.
    pub slug: &'a str,
    /// Absolute URL of the briefing page.
    pub url: String,
    /// When the briefing is published.
    pub date: DateView,
    /// When the briefing was last revised, if its front matter says so.
    pub updated: Option<DateView>,
    /// The summary, as plain text.
    pub summary: &'a str,
    /// The briefing's tags, each spelled the site's chosen way: a
    /// [`TagRef`] each, shared with every other card (see [`Refs`]).
    pub tags: Vec<Value>,
    /// The byline: the briefing's authors, each spelled the site's chosen
    /// way: an [`AuthorRef`] each, shared like the tags.
    pub authors: Vec<Value>,
    /// Estimated minutes to read the body.
    pub reading_minutes: usize,
    /// Words in the body.
    pub word_count: usize,
    /// The lead image, if any.
    pub image: Option<ImageView<'a>>,
    /// Whether the briefing is a draft: true only when drafts are included
    /// (`--drafts`, `brief serve`).
    pub draft: bool,
    /// In a preview (`brief serve`) only: why this briefing is not
    /// published yet. Never set in a build.
    pub notice: Option<Notice>,
    /// The briefing's own language (`language:` in its front matter), or
    /// none when it is the site's: listings mark such a card `lang=`.
    pub language: Option<&'a str>,
    /// `rtl` or `ltr`: the direction of the briefing's language.
    pub dir: &'static str,
}

/// A banner on a briefing that is not published: `kind` is `draft` or
/// `scheduled`; `text` says so in words ("Scheduled: 1 December 2026,
/// 06:00 EST").
#[derive(Debug, Serialize)]
pub struct Notice {
    /// Why the briefing is not published: `draft` or `scheduled`.
    pub kind: &'static str,
    /// The banner's words, e.g. "Draft: not published".
    pub text: String,
}

/// The banner for `b`, in a preview.
pub fn notice(config: &Config, b: &Briefing) -> Option<Notice> {
    if !config.preview {
        return None;
    }
    let lang = b.language_or(&config.language);
    let t = &config.translations;
    if b.draft {
        return Some(Notice {
            kind: "draft",
            text: t.text(lang, "draft_banner", &[]),
        });
    }
    (b.date > config.now).then(|| {
        let (date, time) = dates::date_and_time(t, lang, &b.date.with_timezone(&config.timezone));
        Notice {
            kind: "scheduled",
            text: t.text(
                lang,
                "scheduled_banner",
                &[("date", &date), ("time", &time)],
            ),
        }
    })
}

/// A briefing page's `briefing`: the card plus the body and the rest.
#[derive(Debug, Serialize)]
pub struct FullBriefing<'a> {
    /// The card's fields, flattened into `briefing` itself.
    #[serde(flatten)]
    pub card: Card<'a>,
    /// The body as HTML (already safe: no `| safe` needed).
    pub content: Value,
    /// The reporting this briefing draws on, in front-matter order.
    pub sources: Vec<SourceView<'a>>,
    /// The front matter's `extra:` map (or none).
    pub extra: &'a serde_json::Value,
    /// Corrections and updates, oldest first.
    pub corrections: Vec<CorrectionView<'a>>,
    /// The share card (`card.png`), or none when `[cards]` is off.
    pub share_card: Option<super::share::ShareImage<'a>>,
    /// The related briefings, best first (see [`crate::site::related`]):
    /// cards, or links ([`Link`]) with the built-in `briefing.html`. The
    /// briefing page fills them in; the email edition leaves them out.
    pub related: Vec<Value>,
}

/// One entry of `briefing.corrections`.
#[derive(Debug, Serialize)]
pub struct CorrectionView<'a> {
    /// When the correction was made.
    pub date: DateView,
    /// The notice as inline HTML (already safe).
    pub html: Value,
    /// The notice as plain text.
    pub text: &'a str,
}

/// What the built-in archive shows of a briefing: a dated link. Three
/// fields for a briefing in the site's language, not five: Tera's map of
/// four takes twice the room of three, and the archive holds one for
/// every briefing.
#[derive(Debug, Serialize)]
pub struct Link<'a> {
    /// The headline.
    pub title: &'a str,
    /// Absolute URL of the briefing page.
    pub url: String,
    /// When the briefing is published.
    pub date: DateView,
    /// The briefing's own language when it is not the site's (its title
    /// and date are in it): mark the link `lang` and `dir`, as a card.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<&'a str>,
    /// `rtl` or `ltr` for that language; none with it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dir: Option<&'static str>,
}

/// The link to briefing `index`, for the built-in archive.
pub fn link<'a>(config: &Config, site: &'a Site, index: usize) -> Link<'a> {
    let b = &*site.briefings[index];
    let language = b.own_language(&config.language);
    Link {
        title: &b.title,
        url: Route::Briefing {
            index,
            slug: &b.slug,
        }
        .url(config),
        date: DateView::new(config, b.language_or(&config.language), &b.date),
        language,
        dir: language.map(i18n::dir),
    }
}

/// The card of briefing `index`.
pub fn card<'a>(config: &Config, site: &'a Site, refs: &Refs, index: usize) -> Card<'a> {
    let b = &*site.briefings[index];
    let lang = b.language_or(&config.language);
    Card {
        title: &b.title,
        slug: &b.slug,
        url: Route::Briefing {
            index,
            slug: &b.slug,
        }
        .url(config),
        date: DateView::new(config, lang, &b.date),
        updated: b.updated.as_ref().map(|d| DateView::new(config, lang, d)),
        summary: &b.summary,
        tags: b
            .tags
            .iter()
            .filter_map(|t| site.tag(&t.slug))
            .map(|(i, _)| refs.tags[i].clone())
            .collect(),
        authors: b
            .authors
            .iter()
            .map(|a| refs.author(config, site, a))
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
        language: b.own_language(&config.language),
        dir: i18n::dir(lang),
    }
}

/// The whole of briefing `index`, for its page and its email edition.
pub fn full<'a>(
    config: &Config,
    site: &'a Site,
    refs: &Refs,
    index: usize,
) -> Result<FullBriefing<'a>, crate::error::BuildError> {
    let b = &*site.briefings[index];
    Ok(FullBriefing {
        card: card(config, site, refs, index),
        content: Value::safe_string(&b.html.text()?),
        sources: b
            .sources
            .iter()
            .map(|s| SourceView {
                title: &s.title,
                url: &s.url,
            })
            .collect(),
        extra: &b.extra,
        corrections: b
            .corrections
            .iter()
            .map(|c| CorrectionView {
                date: DateView::new(config, b.language_or(&config.language), &c.date),
                html: Value::safe_string(&c.html),
                text: &c.text,
            })
            .collect(),
        share_card: config.cards.enabled.then(|| super::share::ShareImage {
            url: Route::ShareCard {
                index,
                slug: &b.slug,
            }
            .url(config),
            width: crate::render::share::layout::WIDTH,
            height: crate::render::share::layout::HEIGHT,
            alt: &b.title,
        }),
        related: Vec::new(),
    })
}
