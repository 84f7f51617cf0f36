//! The feed formats a site can publish.

use serde::Deserialize;

/// A feed format brief can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FeedFormat {
    /// RSS 2.0: `rss.xml`.
    Rss,
    /// Atom 1.0: `atom.xml`.
    Atom,
    /// JSON Feed 1.1: `feed.json`.
    Json,
}

impl FeedFormat {
    /// The file name under the site root or a tag's folder.
    pub fn file_name(self) -> &'static str {
        match self {
            FeedFormat::Rss => "rss.xml",
            FeedFormat::Atom => "atom.xml",
            FeedFormat::Json => "feed.json",
        }
    }

    /// The MIME type for autodiscovery links.
    pub fn mime_type(self) -> &'static str {
        match self {
            FeedFormat::Rss => "application/rss+xml",
            FeedFormat::Atom => "application/atom+xml",
            FeedFormat::Json => "application/feed+json",
        }
    }

    /// A short name for people: `RSS`, `Atom`, `JSON Feed`.
    pub fn label(self) -> &'static str {
        match self {
            FeedFormat::Rss => "RSS",
            FeedFormat::Atom => "Atom",
            FeedFormat::Json => "JSON Feed",
        }
    }
}
