//! `site.toml`: read as written (`RawConfig`, in `raw.rs`), then checked
//! into a [`Config`] the rest of the program can trust.

mod base_url;
mod cards;
mod feed_format;
mod file;
mod keys;
mod language;
mod news;
mod output_dir;
mod publisher;
mod raw;
mod text;

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;
use url::Url;

use crate::error::{BuildError, Diagnostic};

pub use base_url::{parse_base_url, reserved_host};
pub use feed_format::FeedFormat;
pub use news::NewsSitemap;
pub use publisher::Publisher;
pub use raw::Host;

use keys::{find_key, unknown_keys};
use news::google_news_language;
use raw::RawConfig;

/// The configuration file's name inside the site root.
pub const CONFIG_FILE: &str = "site.toml";

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site root: the folder holding `site.toml`.
    pub root: PathBuf,
    /// The site's name.
    pub title: String,
    /// A sentence about the site, for feeds and meta tags (may be empty).
    pub description: String,
    /// The BCP 47 language tag of the content, such as `en`.
    pub language: String,
    /// The site-wide author, if set and not blank.
    pub author: Option<String>,
    /// Absolute http(s) URL, always ending in `/`.
    pub base_url: Url,
    /// The time zone for dates written without an offset.
    pub timezone: Tz,
    /// Where `build` writes: `build.output_dir` joined onto the root, or
    /// the `--output` override as given (the command line has already made
    /// it absolute, relative to the current folder).
    pub output_dir: PathBuf,
    /// Briefings per listing page (at least 1).
    pub per_page: usize,
    /// Whether briefings marked `draft: true` are published.
    pub drafts: bool,
    /// Whether briefings dated after [`Config::now`] are published.
    pub future: bool,
    /// The build's "now": a briefing dated later is scheduled.
    pub now: DateTime<FixedOffset>,
    /// A preview for the editor (`brief serve`): drafts and scheduled
    /// briefings carry a banner, and placeholder text is only a warning.
    /// Never set for `brief build`.
    pub preview: bool,
    /// How many of the newest briefings each feed holds.
    pub feed_limit: usize,
    /// Whether feed entries carry the whole briefing, not just its summary.
    pub feed_full_content: bool,
    /// Feed formats to write, without repeats, RSS first when present.
    pub feed_formats: Vec<FeedFormat>,
    /// Briefings per archive document of the site feed (RFC 5005
    /// archived feeds): `[feed] archive_size`, else `limit`. 0 when
    /// there are none: `archive = false`, or `limit = 0` (the feed then
    /// holds every briefing itself).
    pub feed_archive_size: usize,
    /// Whether to write email editions.
    pub email: bool,
    /// How many of the newest briefings get one (0 = every briefing).
    pub email_limit: usize,
    /// `[email] unsubscribe`: what the sending service replaces with each
    /// reader's unsubscribe link (`{{ unsubscribe_url }}`, `*|UNSUB|*`).
    pub email_unsubscribe: Option<String>,
    /// The static host the site is published on (`[deploy] host`).
    pub host: Host,
    /// The Google News sitemap, unless `[sitemap] news = false`.
    pub news_sitemap: Option<NewsSitemap>,
    /// The share card of each briefing (`[cards]`).
    pub cards: Cards,
    /// How many related briefings each briefing page lists (`[related]
    /// limit`; 0 lists none).
    pub related_limit: usize,
    /// Whether the build writes a search index and the `/search/` page
    /// (`[search] enabled`, default true).
    pub search: bool,
    /// Broken internal links are errors, not warnings (`--strict`).
    pub strict: bool,
    /// Free-form `[extra]`, passed to templates.
    pub extra: toml::Table,
    /// `[publisher]`: the logo, default share image and corrections
    /// policy, as absolute URLs.
    pub publisher: Publisher,
    /// The theme's words: the built-in tables with `[translations]`
    /// applied.
    pub translations: std::sync::Arc<crate::i18n::Translations>,
    /// Unknown keys, each with the nearest known one, and a language
    /// whose dates or words fall back to English.
    pub warnings: Vec<Diagnostic>,
}

/// `[cards]` in site.toml: a share card (`card.png`) beside each
/// briefing page.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Cards {
    /// Whether cards are drawn and written (default true).
    pub enabled: bool,
    /// Font files to draw them with besides the bundled and the system
    /// fonts, as written (relative to the site root).
    pub fonts: Vec<PathBuf>,
}

/// Command-line settings that win over `site.toml`.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    /// Write here instead of `build.output_dir` (`--output`).
    pub output_dir: Option<PathBuf>,
    /// Include drafts (`--drafts`).
    pub drafts: bool,
    /// Include scheduled briefings (`--future`).
    pub future: bool,
    /// Fix the clock (`--now`, `BRIEF_NOW`); the system clock when absent.
    pub now: Option<DateTime<FixedOffset>>,
    /// Build a preview for the editor (the dev server).
    pub preview: bool,
    /// Broken internal links fail the build (`--strict`).
    pub strict: bool,
    /// Use this base URL instead of site.toml's (`--base-url`).
    pub base_url: Option<String>,
    /// Replace (or write into) an output folder even when it holds files
    /// brief did not write (`--force`).
    pub force: bool,
}

impl Config {
    /// A fingerprint of every setting that decides what the output holds:
    /// everything but where it goes, the warnings, `--strict` (which only
    /// decides whether a build fails) and, outside a preview, the clock
    /// (which decides only what is published, and that is fingerprinted
    /// where it is used).
    pub fn output_key(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut neutral = self.clone();
        neutral.root = PathBuf::new();
        neutral.output_dir = PathBuf::new();
        neutral.warnings = Vec::new();
        neutral.strict = false;
        if !self.preview {
            neutral.now = DateTime::UNIX_EPOCH.fixed_offset();
        }
        let mut h = crate::util::fingerprinter();
        format!("{neutral:?}").hash(&mut h);
        h.finish()
    }

    /// Reads and checks `<root>/site.toml`, applying `overrides`.
    pub fn load(root: &Path, overrides: &Overrides) -> Result<Config, BuildError> {
        let text = file::read(root)?;
        Self::parse(root, &text, overrides)
    }

    /// Checks the text of a `site.toml` (exposed for tests).
    pub fn parse(root: &Path, text: &str, overrides: &Overrides) -> Result<Config, BuildError> {
        let mut raw: RawConfig = toml::from_str(text).map_err(|e| {
            // `Title = …` is reported as a missing `title`: the typo is
            // the better news.
            if let Some(typo) = unknown_keys(text).into_iter().find(Diagnostic::is_error) {
                return config_error(typo);
            }
            let message = crate::error::plain_words(e.message());
            let mut d = Diagnostic::error(CONFIG_FILE, message);
            if let Some(span) = e.span() {
                d = d.at_offset(text, span.start);
            }
            config_error(d.with_hint("see the site.toml reference in the README"))
        })?;
        if let Some(d) = text::forbidden_character(text) {
            return Err(config_error(d));
        }
        let at_key = |key: &str| {
            let offset = find_key(text, key);
            let d = Diagnostic::error(CONFIG_FILE, String::new());
            match offset {
                Some(o) => d.at_offset(text, o),
                None => d,
            }
        };

        let base_url_text = overrides.base_url.as_deref().unwrap_or(&raw.base_url);
        let base_url = parse_base_url(base_url_text).map_err(|message| {
            let mut d = if overrides.base_url.is_some() {
                Diagnostic::error("--base-url", String::new())
            } else {
                at_key("base_url")
            };
            d.message = message;
            config_error(d.with_hint("use an absolute URL such as \"https://example.org/\" or \"https://example.org/briefing/\""))
        })?;

        let timezone: Tz = raw.timezone.parse().map_err(|_| {
            let mut d = at_key("timezone");
            d.message = format!("unknown time zone {:?}", raw.timezone);
            // IANA names are case-sensitive: `utc`, `europe/london`.
            let wanted = raw.timezone.trim();
            let near = chrono_tz::TZ_VARIANTS
                .iter()
                .find(|tz| tz.name().eq_ignore_ascii_case(wanted));
            let hint = match near {
                Some(tz) => format!(
                    "did you mean \"{}\"? time zone names are case-sensitive",
                    tz.name()
                ),
                None => {
                    "use an IANA name such as \"UTC\", \"Europe/London\" or \"America/New_York\""
                        .into()
                }
            };
            config_error(d.with_hint(hint))
        })?;

        cards::check_fonts(root, text, &raw.cards.fonts, raw.cards.enabled)?;

        if raw.build.per_page == 0 {
            let mut d = at_key("per_page");
            d.message = "per_page must be at least 1".into();
            return Err(config_error(d));
        }
        if raw.title.trim().is_empty() {
            let mut d = at_key("title");
            d.message = "title is empty".into();
            return Err(config_error(
                d.with_hint("give the site a name readers will see"),
            ));
        }
        if raw.language.trim().is_empty() {
            let mut d = at_key("language");
            d.message = "language is empty".into();
            return Err(config_error(
                d.with_hint("use a BCP 47 tag such as \"en\" or \"en-GB\""),
            ));
        }

        if let Some(hint) = language::not_a_tag(&raw.language) {
            let mut d = at_key("language");
            d.message = format!("language {:?} is not a BCP 47 language tag", raw.language);
            return Err(config_error(d.with_hint(hint)));
        }
        raw.language = language::conventional_case(&raw.language);

        let news_sitemap = match raw.sitemap.news {
            false => None,
            true => Some(NewsSitemap {
                language: google_news_language(&raw.language).ok_or_else(|| {
                    let mut d = at_key("language");
                    d.message = format!(
                        "language {:?} has no two- or three-letter ISO 639 code, which the Google News sitemap needs",
                        raw.language
                    );
                    config_error(d.with_hint(
                        "start it with a code such as \"en\" or \"pt-BR\", or set `news = false` in [sitemap]",
                    ))
                })?,
            }),
        };

        if raw.feed.archive_size == Some(0) {
            let mut d = at_key("archive_size");
            d.message = "archive_size must be at least 1".into();
            return Err(config_error(d.with_hint(
                "leave it out to use the feed's limit, or set `archive = false` to publish no archive documents",
            )));
        }
        let feed_archive_size = match (raw.feed.archive, raw.feed.limit) {
            (false, _) | (_, 0) => 0,
            (true, limit) => raw.feed.archive_size.unwrap_or(limit),
        };

        let mut feed_formats = Vec::new();
        for f in raw.feed.formats {
            if !feed_formats.contains(&f) {
                feed_formats.push(f);
            }
        }
        feed_formats.sort_by_key(|f| *f as u8);

        // One line each, as a headline's is: a multi-line TOML string's
        // break and stray spaces folded, a direction override closed.
        let clean = crate::content::briefing::clean_text;
        let title = clean(&raw.title);
        let publisher = publisher::check(raw.publisher, &title, &base_url, &at_key)?;

        let mut warnings = unknown_keys(text);
        if let Some(at) = warnings.iter().position(Diagnostic::is_error) {
            return Err(config_error(warnings.swap_remove(at)));
        }
        let (translations, problems) =
            crate::i18n::Translations::builtin().with_overrides(&raw.translations, &raw.language);
        for p in problems {
            let mut d = at_key(&p.key);
            d.message = p.message;
            d = d.with_hint(p.hint);
            if p.error {
                return Err(config_error(d));
            }
            d.severity = crate::error::Severity::Warning;
            warnings.push(d);
        }
        if let Some(what) = crate::i18n::unsupported(&translations, &raw.language) {
            let mut d = at_key("language");
            d.severity = crate::error::Severity::Warning;
            d.message = format!(
                "language {:?}: brief has no {what} for it, so they are in English",
                raw.language
            );
            warnings.push(d.with_hint(crate::i18n::support_hint(&raw.language)));
        }

        let output_dir = match &overrides.output_dir {
            Some(dir) => dir.clone(),
            None => root.join(&raw.build.output_dir),
        };

        Ok(Config {
            root: root.to_path_buf(),
            title,
            description: clean(&raw.description),
            language: raw.language,
            author: raw.author.map(|a| clean(&a)).filter(|a| !a.is_empty()),
            base_url,
            timezone,
            output_dir,
            per_page: raw.build.per_page,
            drafts: raw.build.drafts || overrides.drafts,
            future: raw.build.future || overrides.future,
            now: overrides
                .now
                .unwrap_or_else(|| chrono::Utc::now().fixed_offset()),
            preview: overrides.preview,
            feed_limit: raw.feed.limit,
            feed_full_content: raw.feed.full_content,
            feed_formats,
            feed_archive_size,
            email: raw.email.enabled,
            email_limit: raw.email.limit,
            email_unsubscribe: raw
                .email
                .unsubscribe
                .map(|u| u.trim().to_string())
                .filter(|u| !u.is_empty()),
            host: raw.deploy.host,
            news_sitemap,
            cards: Cards {
                enabled: raw.cards.enabled,
                fonts: raw.cards.fonts.iter().map(PathBuf::from).collect(),
            },
            related_limit: raw.related.limit,
            search: raw.search.enabled,
            strict: overrides.strict,
            extra: raw.extra,
            publisher,
            translations: std::sync::Arc::new(translations),
            warnings,
        })
    }

    /// The absolute URL of a site path such as `briefings/x/` (no leading
    /// slash), honouring a base URL with a path.
    pub fn url(&self, path: &str) -> String {
        let mut url = String::with_capacity(self.base_url.as_str().len() + path.len());
        url.push_str(self.base_url.as_str());
        url.push_str(path.trim_start_matches('/'));
        url
    }

    /// The site-absolute path of a site path: `/briefing/briefings/x/` when
    /// the base URL is `https://example.org/briefing/`.
    pub fn path(&self, path: &str) -> String {
        let mut out = self.base_url.path().to_string();
        out.push_str(path.trim_start_matches('/'));
        out
    }
}

fn config_error(d: Diagnostic) -> BuildError {
    BuildError::Config(Box::new(d))
}

#[cfg(test)]
mod tests;
