//! `site.toml` as written: the serde structs and their defaults, before
//! any checking.

use serde::Deserialize;

use super::FeedFormat;

/// The whole of `site.toml`, as written.
#[derive(Debug, Deserialize)]
pub(super) struct RawConfig {
    pub(super) title: String,
    pub(super) base_url: String,
    #[serde(default)]
    pub(super) description: String,
    #[serde(default = "default_language")]
    pub(super) language: String,
    #[serde(default = "default_timezone")]
    pub(super) timezone: String,
    #[serde(default)]
    pub(super) author: Option<String>,
    #[serde(default)]
    pub(super) build: RawBuild,
    #[serde(default)]
    pub(super) feed: RawFeed,
    #[serde(default)]
    pub(super) email: RawEmail,
    #[serde(default)]
    pub(super) deploy: RawDeploy,
    #[serde(default)]
    pub(super) publisher: RawPublisher,
    #[serde(default)]
    pub(super) sitemap: RawSitemap,
    #[serde(default)]
    pub(super) cards: RawCards,
    #[serde(default)]
    pub(super) related: RawRelated,
    #[serde(default)]
    pub(super) search: RawSearch,
    #[serde(default)]
    pub(super) translations: toml::Table,
    #[serde(default)]
    pub(super) extra: toml::Table,
}

/// The `[publisher]` table: what structured data and share cards say
/// about the site's publisher. URLs may be absolute or site paths.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct RawPublisher {
    pub(super) logo: Option<String>,
    pub(super) image: Option<String>,
    pub(super) image_alt: Option<String>,
    pub(super) corrections_policy: Option<String>,
}

/// The `[deploy]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct RawDeploy {
    pub(super) host: Host,
}

/// The `[sitemap]` table.
#[derive(Debug, Deserialize)]
#[serde(default)]
pub(super) struct RawSitemap {
    pub(super) news: bool,
}

impl Default for RawSitemap {
    fn default() -> Self {
        RawSitemap { news: true }
    }
}

/// The `[cards]` table: the share card of each briefing.
#[derive(Debug, Deserialize)]
#[serde(default)]
pub(super) struct RawCards {
    pub(super) enabled: bool,
    pub(super) fonts: Vec<String>,
}

impl Default for RawCards {
    /// Off unless site.toml turns them on: the first build draws every
    /// card (7 to 14 ms each on 2 cores, minutes at 10,000 briefings),
    /// which a site importing its archive should choose, not discover.
    /// `brief init` turns them on for a new site.
    fn default() -> Self {
        RawCards {
            enabled: false,
            fonts: Vec::new(),
        }
    }
}

/// The static host a site is published on, for the files only it reads.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Host {
    /// Any host: no host-specific files.
    #[default]
    Generic,
    /// GitHub Pages: `.nojekyll`, so that Jekyll leaves the upload alone.
    Github,
    /// Netlify: `_redirects` for aliases and `_headers` for caching.
    Netlify,
    /// Cloudflare Pages: `_redirects` and `_headers`, in its dialect.
    Cloudflare,
}

/// The `[related]` table.
#[derive(Debug, Deserialize)]
#[serde(default)]
pub(super) struct RawRelated {
    pub(super) limit: usize,
}

impl Default for RawRelated {
    fn default() -> Self {
        RawRelated { limit: 4 }
    }
}

/// The `[search]` table.
#[derive(Debug, Deserialize)]
#[serde(default)]
pub(super) struct RawSearch {
    pub(super) enabled: bool,
}

impl Default for RawSearch {
    fn default() -> Self {
        RawSearch { enabled: true }
    }
}

/// The `[email]` table.
#[derive(Debug, Deserialize)]
#[serde(default)]
pub(super) struct RawEmail {
    pub(super) enabled: bool,
    pub(super) limit: usize,
    pub(super) unsubscribe: Option<String>,
}

impl Default for RawEmail {
    fn default() -> Self {
        RawEmail {
            enabled: true,
            limit: 20,
            unsubscribe: None,
        }
    }
}

/// The `[build]` table.
#[derive(Debug, Deserialize)]
#[serde(default)]
pub(super) struct RawBuild {
    pub(super) output_dir: String,
    pub(super) per_page: usize,
    pub(super) drafts: bool,
    pub(super) future: bool,
}

impl Default for RawBuild {
    fn default() -> Self {
        RawBuild {
            output_dir: "public".into(),
            per_page: 10,
            drafts: false,
            future: false,
        }
    }
}

/// The `[feed]` table.
#[derive(Debug, Deserialize)]
#[serde(default)]
pub(super) struct RawFeed {
    pub(super) limit: usize,
    pub(super) full_content: bool,
    pub(super) formats: Vec<FeedFormat>,
    pub(super) archive: bool,
    pub(super) archive_size: Option<usize>,
}

impl Default for RawFeed {
    fn default() -> Self {
        RawFeed {
            limit: 20,
            full_content: true,
            formats: vec![FeedFormat::Rss, FeedFormat::Atom, FeedFormat::Json],
            // Off unless site.toml turns it on (`brief init` does): at
            // 10,000 briefings the archive is 169 MB more output and 15 to
            // 30% more CPU on a cold build.
            archive: false,
            archive_size: None,
        }
    }
}

fn default_language() -> String {
    "en".into()
}

fn default_timezone() -> String {
    "UTC".into()
}
