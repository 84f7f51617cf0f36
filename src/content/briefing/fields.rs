//! The front-matter fields of a briefing, checked one by one: title,
//! tags, authors, sources, lead image and guid, and the local files they
//! point to.

use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde_saphyr::Spanned;

use super::Term;
use super::clean::clean_text;
use super::dates::check_date;
use super::links::check_url;
use super::slugs::{check_slug, default_slug, reserved_hint, reserved_on_windows};
use super::{LeadImage, LocalRef, ParseContext, SourceLink};
use crate::content::front_matter::{FrontMatter, YamlSource};
use crate::content::markdown;
use crate::error::{Diagnostic, Position};
use authors::check_authors;
use tags::check_tags;

/// Tags beyond this many on one briefing are refused: each tag is a page
/// and a feed, and thousands on one briefing are a mistake, not a choice.
pub const MAX_TAGS: usize = 100;

/// The checked fields, ready to become a [`Briefing`](super::Briefing).
pub(super) struct Fields {
    pub(super) title: String,
    pub(super) date: DateTime<FixedOffset>,
    pub(super) updated: Option<DateTime<FixedOffset>>,
    /// `updated:` as written and where (see `Briefing::updated_written`).
    pub(super) updated_written: Option<(DateTime<FixedOffset>, Diagnostic)>,
    pub(super) slug: String,
    /// Where `slug:` is written, when it is.
    pub(super) slug_at: Option<Position>,
    pub(super) summary: Option<String>,
    pub(super) tags: Vec<Term>,
    pub(super) authors: Vec<Term>,
    pub(super) draft: bool,
    /// Placeholders in the front matter: a headline that is only a
    /// placeholder word ("TODO", "Untitled"), filler or a `TKTK` in the
    /// summary, the lead image's words, a source's title or a correction.
    pub(super) placeholders: Vec<Diagnostic>,
    pub(super) sources: Vec<SourceLink>,
    pub(super) image: Option<LeadImage>,
    pub(super) extra: serde_json::Value,
    pub(super) guid: Option<String>,
    /// Where `guid:` is written, when it is.
    pub(super) guid_at: Option<Position>,
    pub(super) aliases: Vec<super::Alias>,
    pub(super) corrections: Vec<super::Correction>,
    pub(super) language: Option<String>,
}

/// Checks every field, pushing one diagnostic per problem so that an
/// editor sees them all at once.
pub(super) fn check_fields(
    fm: FrontMatter,
    src: &YamlSource<'_>,
    cx: &ParseContext<'_>,
    folder_url: &str,
    content_rel: &Path,
    local_refs: &mut Vec<LocalRef>,
    out: &mut Vec<Diagnostic>,
) -> Option<Fields> {
    let top = || Diagnostic::error(src.path, String::new()).at(src.file, 1, 1);
    let mut placeholders = Vec::new();
    let title = match fm.title {
        None => {
            out.push(match written_empty(src, "title") {
                Some(d) => d.with_hint("give the briefing a headline"),
                None => {
                    let mut d = top();
                    d.message = "missing `title`".into();
                    d.with_hint("add `title: \"…\"` to the front matter")
                }
            });
            None
        }
        Some(t) if t.value.chars().all(crate::util::is_invisible) => {
            out.push(src.error_at(&t.referenced, "`title` is empty").with_hint(
                "give the briefing a headline (zero-width and other invisible characters are none)",
            ));
            None
        }
        Some(t) => {
            let title = clean_text(&t.value);
            if super::placeholder::is_placeholder_title(&title) {
                placeholders.push(
                    src.error_at(
                        &t.referenced,
                        format!("the headline {title:?} is a placeholder"),
                    )
                    .with_hint("write the briefing's headline"),
                );
            }
            Some(title)
        }
    };
    let date = match &fm.date {
        None => {
            let hint = "add `date: 2025-08-08` or `date: 2025-08-08T17:30:00-04:00`";
            out.push(match written_empty(src, "date") {
                Some(d) => d.with_hint(hint),
                None => {
                    let mut d = top();
                    d.message = "missing `date`".into();
                    d.with_hint(hint)
                }
            });
            None
        }
        Some(d) => check_date(d, "date", src, cx.timezone, out),
    };
    let updated = fm
        .updated
        .as_ref()
        .and_then(|d| check_date(d, "updated", src, cx.timezone, out));
    // By the calendar, in the site's time zone: `updated: 2025-08-08` on
    // the day a briefing went out at 09:00 is that day's revision.
    let day = |d: chrono::DateTime<chrono::FixedOffset>| d.with_timezone(&cx.timezone).date_naive();
    if let (Some(d), Some(u), Some(written)) = (date, updated, &fm.updated)
        && day(u) < day(d)
    {
        // The page would say "Updated" before the date it went out, while
        // the feeds and the sitemap, which take the later date, disagree.
        out.push(
            src.error_at(
                &written.referenced,
                "`updated` is before `date`: a briefing cannot be revised before it is published",
            )
            .with_hint("give `updated` the date of the revision, after `date`, or remove it"),
        );
    }
    let updated_written = updated
        .zip(fm.updated.as_ref())
        .map(|(u, written)| (u, src.error_at(&written.referenced, String::new())));
    let slug = match &fm.slug {
        Some(s) => check_slug(s, src, out),
        None => default_slug(content_rel),
    };
    if slug.is_none() && fm.slug.is_none() {
        out.push(if content_rel.file_stem() == Some(std::ffi::OsStr::new("index")) {
            top_error(
                src,
                "an `index.md` names the briefing of its folder (`my-headline/index.md`), and this one has no folder of its own; brief has no section pages (the front page and the archive list the briefings)",
            )
            .with_hint("name the file after the briefing (`2025-08-08-my-headline.md`), give it a folder of its own, or add `slug: my-headline`; delete it if it was a section page from another generator")
        } else {
            top_error(src, "cannot make a URL slug from the file name")
                .with_hint("add `slug: my-briefing` to the front matter")
        });
    }
    let slug = match slug {
        Some(s) if fm.slug.is_none() && reserved_on_windows(&s) => {
            let (why, hint) = reserved_hint(&s);
            out.push(
                top_error(src, &format!("the URL slug the file name makes: {why}"))
                    .with_hint(format!("{hint}: add `slug: {s}-news` to the front matter")),
            );
            None
        }
        slug => slug,
    };
    // A tag that is only a placeholder (`tags: [TODO]`) would get a page
    // and a feed of its own.
    let tag_texts: Vec<(&str, &Spanned<String>)> = fm
        .tags
        .iter()
        .flat_map(|t| &t.value)
        .map(|t| ("a tag", t))
        .collect();
    placeholders.extend(super::placeholder::in_fields(&tag_texts, src));
    let tags = check_tags(fm.tags, src, out);
    let (written_authors, authors) = check_authors(fm.author, fm.authors, src, out);

    // Each field's text and where it is written, for placeholders.
    let mut texts: Vec<(&str, &Spanned<String>)> = Vec::new();
    texts.extend(fm.summary.iter().map(|s| ("`summary`", s)));
    texts.extend(written_authors.iter().map(|a| ("an author's name", a)));
    if let Some(img) = &fm.image {
        texts.extend(img.alt.iter().map(|a| ("the lead image's `alt`", a)));
        texts.extend(
            img.caption
                .iter()
                .map(|c| ("the lead image's `caption`", c)),
        );
    }
    for s in fm.sources.iter().flatten() {
        texts.extend(s.title.iter().map(|t| ("a source's `title`", t)));
    }
    for c in fm.corrections.iter().flatten() {
        texts.push(("a correction's `text`", &c.text));
    }
    placeholders.extend(super::placeholder::in_fields(&texts, src));

    let mut sources = Vec::new();
    for s in fm.sources.unwrap_or_default() {
        match check_url(&s.url, folder_url, cx.root_url, src, "source", local_refs) {
            Ok(url) => sources.push(SourceLink {
                title: {
                    let t = clean_text(s.title.as_ref().map_or("", |t| &t.value));
                    if t.is_empty() { url.clone() } else { t }
                },
                url,
            }),
            Err(d) => out.push(d),
        }
    }
    let image = fm.image.and_then(|img| {
        if img.alt.is_none() {
            let d = Diagnostic::warning(
                src.path,
                "the lead image has no `alt` text: screen readers, and email clients showing no images, say nothing of it",
            )
            .with_hint("add `alt: \"what the image shows\"` to `image:` (or `alt: \"\"` for an image that only decorates)");
            out.push(src.place(d, &img.src.referenced));
        }
        match check_url(
            &img.src,
            folder_url,
            cx.root_url,
            src,
            "lead image",
            local_refs,
        ) {
            Ok(url) => Some(LeadImage {
                src: url,
                alt: clean_text(img.alt.as_ref().map_or("", |a| &a.value)),
                caption: img
                    .caption
                    .map(|c| clean_text(&c.value))
                    .filter(|c| !c.is_empty()),
            }),
            Err(d) => {
                out.push(d);
                None
            }
        }
    });

    let guid_at = fm.guid.as_ref().map(|g| src.position(&g.referenced));
    let guid = fm.guid.and_then(|g| {
        let value = g.value.trim().to_string();
        // RFC 3986 and 3987 hold no space, control character or any of
        // `<>"{}|\^` and backtick: a feed validator rejects an id with one.
        let forbidden = |c: char| {
            c.is_whitespace() || c.is_control() || "<>\"{}|\\^`".contains(c)
        };
        if markdown::has_scheme(&value) && !value.chars().any(forbidden) {
            Some(value)
        } else {
            out.push(
                src.error_at(&g.referenced, format!("`guid` {value:?} is not an absolute URI"))
                    .with_hint("keep the briefing's old permalink, e.g. `guid: https://example.org/briefings/old-slug/`"),
            );
            None
        }
    });

    let aliases = super::aliases::check_aliases(fm.aliases, cx.root_url, src, out);
    let corrections = super::corrections::check_corrections(
        fm.corrections,
        date,
        src,
        cx.timezone,
        (folder_url, cx.root_url),
        out,
    );
    let language = fm.language.and_then(|l| {
        let value = l.value.trim().replace('_', "-");
        match icu_locale_core::LanguageIdentifier::try_from_str(&value) {
            Ok(id) if !value.is_empty() => Some(id.to_string()),
            _ => {
                out.push(
                    src.error_at(
                        &l.referenced,
                        format!("`language` {:?} is not a language tag", l.value),
                    )
                    .with_hint("use a BCP 47 tag such as `es`, `pt-BR` or `ar`"),
                );
                None
            }
        }
    });
    // `draft:` with no value is YAML's null: neither a draft nor not.
    // Publishing is the one that cannot be taken back, so it is refused.
    let draft = match fm.draft {
        None => Some(false),
        Some(Spanned { value: Some(d), .. }) => Some(d),
        Some(Spanned {
            value: None,
            referenced,
            ..
        }) => {
            out.push(
                src.error_at(&referenced, "`draft:` has no value")
                    .with_hint("write `draft: true` to hold the briefing back, or `draft: false` (or no `draft:` line) to publish it"),
            );
            None
        }
    };
    let summary = fm
        .summary
        .map(|s| clean_text(&s.value))
        .filter(|s| !s.chars().all(crate::util::is_invisible));
    // The newest correction revises the briefing, unless `updated` is later.
    let updated = updated.max(corrections.last().map(|c| c.date));
    Some(Fields {
        title: title?,
        date: date?,
        updated,
        updated_written,
        slug: slug?,
        slug_at: fm.slug.as_ref().map(|s| src.position(&s.referenced)),
        summary,
        tags: tags?,
        authors,
        draft: draft?,
        placeholders,
        sources,
        image,
        extra: fm.extra.unwrap_or(serde_json::Value::Null),
        guid,
        guid_at,
        aliases,
        corrections,
        language,
    })
}

/// `key: null` or `key:` with nothing after it, at its line: the key is
/// there, its value is not.
fn written_empty(src: &YamlSource<'_>, key: &str) -> Option<Diagnostic> {
    let (i, line, value) = src.yaml.lines().enumerate().find_map(|(i, line)| {
        let value = line
            .strip_prefix(key)
            .and_then(|rest| rest.trim_start().strip_prefix(':'))?;
        let v = value.split(" #").next().unwrap_or(value).trim();
        matches!(v, "" | "null" | "Null" | "NULL" | "~").then_some((i, line, v))
    })?;
    let d = if value.is_empty() {
        Diagnostic::error(src.path, format!("`{key}` is empty")).at(
            src.file,
            src.first_line + i,
            key.len() + 1,
        )
    } else {
        // `title: null`: at the word, which the editor may have meant.
        let column = line.find(value).map_or(key.len() + 1, |at| at + 1);
        Diagnostic::error(
            src.path,
            format!("`{key}` is empty: YAML reads a bare `{value}` as no value"),
        )
        .at(src.file, src.first_line + i, column)
    };
    Some(d)
}

fn top_error(src: &YamlSource<'_>, message: &str) -> Diagnostic {
    Diagnostic::error(src.path, message).at(src.file, 1, 1)
}

mod authors;
mod tags;

#[cfg(test)]
mod tests;
