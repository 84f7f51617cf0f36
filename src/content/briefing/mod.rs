//! One briefing: a source file checked and turned into the value every
//! later stage uses.
//!
//! [`parse_file`] splits the file, reads its front matter, checks every
//! field (`fields.rs`: dates in `dates.rs`, slugs in `slugs.rs`, URLs and
//! local files in `links.rs`) and renders the body.

mod again;
mod aliases;
mod body;
mod clean;
mod corrections;
mod dates;
mod fields;
mod links;
mod markup;
mod placeholder;
mod slugs;
mod term;

use std::path::Path;

use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;

use super::front_matter::{self, YamlSource};
use super::{markdown, split};
use crate::error::{Diagnostic, Position};

pub use again::{body_text, source_text};
pub use aliases::Alias;
pub use body::{Body, BodyStore, Stored};
pub use clean::clean_text;
pub use corrections::Correction;
pub use dates::parse_date;
pub use fields::MAX_TAGS;
pub use links::{folder_url, looks_like_web_address, output_path};
pub use placeholder::PLACEHOLDER_LEDE;
pub use slugs::{
    BRIEFINGS_FOLDER, MAX_SLUG, default_slug, is_valid_slug, name_key, reserved_on_windows, slug_of,
};
pub use term::Term;

use fields::check_fields;

/// A file a briefing points to inside the site (its lead image, a local
/// source, an image or a file link in the body), checked against what the
/// build publishes once every file is known.
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone)]
pub struct LocalRef {
    /// The output path something must be published at: `briefings/lead.jpg`.
    pub path: String,
    /// The error to report when nothing is.
    pub missing: Diagnostic,
}

/// A link in the body to another briefing's Markdown file, resolved to its
/// URL once every briefing is known.
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone)]
pub struct MdRef {
    /// The target's path below `content/`, `/`-separated.
    pub target: String,
    /// The fragment, if the link has one (`notes` for `x.md#notes`).
    pub fragment: Option<String>,
    /// A warning placed at the link, to be worded when it leads nowhere.
    pub at: Diagnostic,
}

/// A link in the body to a page of the site, checked once every page is
/// known.
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone)]
pub struct PageRef {
    /// The page's path below the base URL: `briefings/x/`, `about/`.
    pub path: String,
    /// The heading it points at, if any.
    pub fragment: Option<String>,
    /// The link as written.
    pub written: String,
    /// A warning placed at the link, to be worded when it leads nowhere.
    pub at: Diagnostic,
}

/// A link to a piece of reporting.
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct SourceLink {
    /// The link text: the source's title, or its URL when none is given.
    pub title: String,
    /// Absolute URL.
    pub url: String,
}

/// The lead image.
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct LeadImage {
    /// Absolute URL.
    pub src: String,
    /// Alternative text for readers who cannot see the image.
    pub alt: String,
    /// The caption shown under the image, if any.
    pub caption: Option<String>,
}

impl Briefing {
    /// The language the briefing is written in: its own `language:`, else
    /// `site`'s (the site's language).
    pub fn language_or<'a>(&'a self, site: &'a str) -> &'a str {
        self.language.as_deref().unwrap_or(site)
    }

    /// The briefing's own language when it differs from `site`'s (`es` on
    /// an English site), for marking its card, feed entry or item.
    pub fn own_language(&self, site: &str) -> Option<&str> {
        self.language
            .as_deref()
            .filter(|l| !crate::i18n::same_language(l, site))
    }
}

/// A parsed, checked briefing.
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone)]
pub struct Briefing {
    /// The source file, relative to the site root.
    pub source: std::path::PathBuf,
    /// The URL slug: the briefing is published at `briefings/<slug>/`.
    pub slug: String,
    /// Where `slug:` gives the slug in the file; `None` when the slug is
    /// made from the file name.
    pub slug_at: Option<Position>,
    /// The headline, whitespace folded.
    pub title: String,
    /// When the briefing is published (and, if later than now, scheduled).
    pub date: DateTime<FixedOffset>,
    /// When the briefing was last revised, if front matter says so.
    pub updated: Option<DateTime<FixedOffset>>,
    /// `updated:` as front matter wrote it, and where: the place of an
    /// error found once the build's now is known (a date in the future).
    pub updated_written: Option<(DateTime<FixedOffset>, Diagnostic)>,
    /// Tags as written, without repeats by slug. The site owns the
    /// display name each slug is shown by.
    pub tags: Vec<Term>,
    /// Authors: `author` first, then `authors`, blanks dropped. A name with
    /// no letters or digits has an empty slug (and no author page).
    pub authors: Vec<Term>,
    /// Plain text: front matter's `summary`, or the body's first paragraph.
    pub summary: String,
    /// The rendered body: most of a briefing's size, shared by clones, and
    /// read back from the build cache only when a page shows it. The
    /// build cache stores it apart from the rest.
    #[serde(skip)]
    pub html: Body,
    /// Words in the body.
    pub word_count: usize,
    /// Estimated minutes to read the body.
    pub reading_minutes: usize,
    /// Marked `draft: true`: published only when drafts are asked for.
    pub draft: bool,
    /// The reporting this briefing draws on, in front-matter order.
    pub sources: Vec<SourceLink>,
    /// The lead image, if any.
    pub image: Option<LeadImage>,
    /// Free-form `extra` from front matter, passed to templates (null when absent).
    #[serde(with = "crate::cache::as_json")]
    pub extra: serde_json::Value,
    /// The feed id pinned in front matter; the permalink when absent.
    pub guid: Option<String>,
    /// Where `guid:` is written, when it is.
    pub guid_at: Option<Position>,
    /// Old addresses (paths below the base URL) that redirect here.
    pub aliases: Vec<Alias>,
    /// Corrections and updates, oldest first. `updated` is at least the
    /// newest one's date.
    pub corrections: Vec<Correction>,
    /// `language:`, the briefing's own language when it is not the
    /// site's, as a normalised BCP 47 tag (`pt-BR`).
    pub language: Option<String>,
    /// Whether the body has raw HTML (whose links the feeds must resolve).
    pub has_raw_html: bool,
    /// Files inside the site this briefing points to.
    pub local_refs: Vec<LocalRef>,
    /// Links to other briefings' Markdown files.
    pub md_refs: Vec<MdRef>,
    /// Links to pages of the site (and to headings on this one).
    pub page_refs: Vec<PageRef>,
    /// The ids a link can point at with `#`: the headings', those the raw
    /// HTML gives (`id`, `<a name>`), and the footnotes'.
    pub anchors: Vec<String>,
    /// Placeholder text in the front matter or the body (such as
    /// [`PLACEHOLDER_LEDE`]): each an error for a build, a warning for a
    /// preview.
    pub placeholders: Vec<Diagnostic>,
    /// A hash of the source file's path and bytes: equal fingerprints mean
    /// an equal briefing (under the same configuration).
    pub fingerprint: u64,
}

/// What the parser needs to know about the site.
pub struct ParseContext<'a> {
    /// The site's time zone, for dates written without an offset.
    pub timezone: Tz,
    /// The site base URL, ending in `/`.
    pub root_url: &'a str,
    /// The output paths of the files the site publishes from `content/`
    /// and `static/`: a body link to a file resolves to one of them.
    pub files: &'a std::collections::HashSet<String>,
    /// The path below the base URL of the page of the briefing with a
    /// given slug (the route table's, handed down by the build).
    pub page_href: &'a (dyn Fn(&str) -> String + Sync),
    /// The site's tables of words, for those the Markdown renderer writes
    /// into a body itself (see [`markdown::Words`]).
    pub translations: &'a crate::i18n::Translations,
    /// The site's language: a briefing's own unless its front matter says.
    pub language: &'a str,
}

/// The outcome for one file: a briefing (or none) and every problem found.
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone)]
pub struct Parsed {
    /// The briefing, or `None` when the file has errors.
    pub briefing: Option<std::sync::Arc<Briefing>>,
    /// Every error and warning found in the file.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses one file. `rel` is its path relative to the site root and
/// `content_rel` relative to `content/` (which decides its asset folder).
pub fn parse_file(rel: &Path, content_rel: &Path, bytes: &[u8], cx: &ParseContext<'_>) -> Parsed {
    let mut diagnostics = Vec::new();
    let briefing =
        parse_inner(rel, content_rel, bytes, cx, &mut diagnostics).map(std::sync::Arc::new);
    Parsed {
        briefing,
        diagnostics,
    }
}

/// A stable hash of a file's path and bytes.
pub fn fingerprint(rel: &Path, bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = crate::util::fingerprinter();
    rel.hash(&mut h);
    bytes.hash(&mut h);
    h.finish()
}

/// Whether `rel` lies in a `_drafts/` folder, where Jekyll keeps drafts:
/// a briefing there is one (published only with `--drafts`), so a site
/// moved from Jekyll does not publish its drafts folder at once.
fn in_drafts_folder(rel: &Path) -> bool {
    rel.parent()
        .is_some_and(|p| p.components().any(|c| c.as_os_str() == "_drafts"))
}

fn parse_inner(
    rel: &Path,
    content_rel: &Path,
    bytes: &[u8],
    cx: &ParseContext<'_>,
    out: &mut Vec<Diagnostic>,
) -> Option<Briefing> {
    let text = split::decode(rel, bytes).map_err(|d| out.push(d)).ok()?;
    let parts = split::split(rel, &text).map_err(|d| out.push(d)).ok()?;
    let src = YamlSource {
        path: rel,
        yaml: parts.yaml,
        first_line: parts.yaml_line,
        file: &text,
    };
    let errors_before = out.iter().filter(|d| d.is_error()).count();
    let folder_url = folder_url(cx.root_url, content_rel);
    let mut local_refs = Vec::new();
    let parsed = front_matter::parse(&src).map_err(|d| out.push(d)).ok();
    let checked = parsed.and_then(|(fm, key_diagnostics)| {
        out.extend(key_diagnostics);
        check_fields(fm, &src, cx, &folder_url, content_rel, &mut local_refs, out)
    });
    // The body is checked even when the front matter has errors, so that
    // one build reports every error in the file (with the slug the file
    // name makes, should `slug:` be one of them).
    let fields = checked.filter(|_| out.iter().filter(|d| d.is_error()).count() == errors_before);
    let slug = fields.as_ref().map(|f| f.slug.clone());
    let slug = slug
        .or_else(|| default_slug(content_rel))
        .unwrap_or_default();
    let page_url = format!("{}{}", cx.root_url, (cx.page_href)(&slug));
    let rendered = markdown::render(
        parts.body,
        &markdown::Links {
            folder: &folder_url,
            page: &page_url,
            root: cx.root_url,
            source: content_rel,
            files: cx.files,
            words: markdown::Words {
                translations: cx.translations,
                lang: fields
                    .as_ref()
                    .and_then(|f| f.language.as_deref())
                    .unwrap_or(cx.language),
            },
        },
    );
    let at_body = |offset: usize| {
        let (line, column) = crate::error::line_column(parts.body, offset);
        (parts.body_line + line - 1, column)
    };
    let refused = markup::refused(rel, &text, &rendered, &at_body, out);
    if let Some((offset, message, hint)) = front_matter::in_the_body(parts.body) {
        let (line, column) = at_body(offset);
        out.push(
            Diagnostic::error(rel, message)
                .at(&text, line, column)
                .with_hint(hint),
        );
        return None;
    }
    let fields = fields.filter(|_| !refused)?;
    // The body's first paragraph leaves its own element as a summary, and
    // gets a front-matter summary's bidirectional marks closed.
    let summary = fields
        .summary
        .unwrap_or_else(|| clean_text(&rendered.summary));
    let links::BodyRefs { md_refs, page_refs } = links::body_refs(
        rel,
        &text,
        &rendered.local_links,
        &at_body,
        cx.root_url,
        &mut local_refs,
    );
    let mut placeholders = fields.placeholders;
    // A briefing of front matter alone went out as an empty page, a
    // "1 min read" and an empty item in every feed: held back like
    // placeholder text (an error in a build, a warning in a preview). So
    // is one whose text shows nothing once published (only a comment).
    let blank = parts.body.trim().is_empty();
    if blank || markdown::shows_nothing(&rendered.html) {
        let (line, column) = at_body(0);
        let (what, hint) = if blank {
            (
                "the briefing has no text below its front matter",
                "write the briefing below the closing `---`",
            )
        } else {
            (
                "the briefing's text shows a reader nothing",
                "comments, invisible characters and empty markup are not published: write the briefing",
            )
        };
        placeholders.push(
            Diagnostic::error(rel, what)
                .at(&text, line, column)
                .with_hint(format!("{hint}, or add `draft: true` until it is ready")),
        );
    } else if let Some((offset, what, hint)) = placeholder::find_in_body(parts.body) {
        let (line, column) = at_body(offset);
        placeholders.push(
            Diagnostic::error(rel, what)
                .at(&text, line, column)
                .with_hint(hint),
        );
    }
    Some(Briefing {
        source: rel.to_path_buf(),
        slug: fields.slug,
        slug_at: fields.slug_at,
        title: fields.title,
        date: fields.date,
        updated: fields.updated,
        updated_written: fields.updated_written,
        tags: fields.tags,
        authors: fields.authors,
        summary,
        html: Body::new(rendered.html),
        word_count: rendered.word_count,
        reading_minutes: rendered.reading_minutes,
        draft: fields.draft || in_drafts_folder(rel),
        sources: fields.sources,
        image: fields.image,
        extra: fields.extra,
        guid: fields.guid,
        guid_at: fields.guid_at,
        aliases: fields.aliases,
        corrections: fields.corrections,
        language: fields.language,
        has_raw_html: rendered.has_raw_html,
        local_refs,
        md_refs,
        page_refs,
        anchors: [
            &rendered.heading_ids[..],
            &rendered.html_ids[..],
            &rendered.footnote_ids[..],
        ]
        .concat(),
        placeholders,
        fingerprint: fingerprint(rel, bytes),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::America::New_York;

    fn cx() -> ParseContext<'static> {
        static FILES: std::sync::OnceLock<std::collections::HashSet<String>> =
            std::sync::OnceLock::new();
        ParseContext {
            timezone: New_York,
            root_url: "https://example.org/",
            files: FILES.get_or_init(Default::default),
            page_href: &crate::routes::briefing_href,
            translations: markdown::Words::english().translations,
            language: "en",
        }
    }

    /// Parses `text` as `content/briefings/2025-08-08-cartels.md`.
    pub(super) fn parse(text: &str) -> Parsed {
        parse_file(
            Path::new("content/briefings/2025-08-08-cartels.md"),
            Path::new("briefings/2025-08-08-cartels.md"),
            text.as_bytes(),
            &cx(),
        )
    }

    #[test]
    fn a_good_briefing() {
        let p = parse(
            "---\ntitle: \" A  title \"\ndate: 2025-08-08\ntags: [Mexico, mexico, Latin America]\nauthor: A\nauthors: [B]\nsources:\n  - {title: R, url: \"https://r.com/x\"}\nimage: {src: lead.jpg, alt: Alt}\n---\nFirst para.\n",
        );
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        let b = p.briefing.unwrap();
        assert_eq!(b.title, "A title");
        assert_eq!(b.slug, "cartels");
        let names = |terms: &[Term]| terms.iter().map(|t| t.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(&b.tags), ["Mexico", "Latin America"]);
        assert_eq!(b.tags[1].slug, "latin-america");
        assert_eq!(names(&b.authors), ["A", "B"]);
        assert_eq!(b.summary, "First para.");
        assert_eq!(
            b.image.as_ref().unwrap().src,
            "https://example.org/briefings/lead.jpg"
        );
    }
}
