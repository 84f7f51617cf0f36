//! The route table: every file a build writes, its output path and its
//! URL, made in one place.
//!
//! Rendering, the sitemap, OPML, the clash check, JSON-LD, the template
//! views and the feeds all ask a [`Route`] for paths and URLs, and
//! [`plan`] lists every route of a site. A new kind of page is a new
//! variant: the compiler then points at every `match` that must learn it
//! (the path, whether it is in the sitemap, what it renders).

use crate::config::{Config, FeedFormat};

mod archive;
mod plan;

pub use archive::Archives;
pub use plan::{
    aliases, email_count, emails, feeds, host_files, news_sitemap, page_count, pages, plan,
    primary_format, share_cards, site_feed, sitemaps,
};

/// The file a site path is served from, under pretty URLs: a folder
/// (`briefings/x/`, or `""` for the front page) is its `index.html`; any
/// other path is the file itself. The route table, the dev server and
/// `brief check` all map paths to files with this one rule.
pub fn file_of(href: &str) -> String {
    let mut file = href.to_string();
    to_file(&mut file);
    file
}

/// [`file_of`] in place.
fn to_file(path: &mut String) {
    if path.is_empty() || path.ends_with('/') {
        path.push_str("index.html");
    }
}

/// The file a folder path written without its final slash is served
/// from (`briefings/x` → `briefings/x/index.html`), which a server answers
/// with a redirect to the folder.
pub fn folder_file_of(href: &str) -> String {
    file_of(&format!("{href}/"))
}

/// The path below the base URL of the briefing with this slug.
pub fn briefing_href(slug: &str) -> String {
    let mut href = String::with_capacity(slug.len() + 11);
    push_briefing_href(&mut href, slug);
    href
}

/// [`briefing_href`], appended to `out`.
fn push_briefing_href(out: &mut String, slug: &str) {
    out.push_str("briefings/");
    out.push_str(slug);
    out.push('/');
}

/// The folder of the site feed's archive documents: one subfolder per
/// document, named by its number, holding it in each format. Nothing
/// else of the site lives under `feeds/`.
pub const FEED_ARCHIVE_DIR: &str = "feeds/archive";

/// The folder of the search index: one subfolder per part of the index
/// (see [`crate::render::search`]), holding Pagefind's files for it.
/// Nothing else of the site lives under it.
pub const SEARCH_INDEX_DIR: &str = "pagefind";

/// URLs per sitemap file, per the sitemaps.org protocol.
pub const MAX_URLS: usize = 50_000;

/// One of the two files of a briefing's email edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EmailPart {
    /// `email.html`: inlined CSS, a 600 px table layout.
    Html,
    /// `email.txt`: the plain-text part.
    Text,
}

/// One output of the site. Briefings, tags and authors are named by their
/// index in [`Site`] (for rendering) and their slug (for the path).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Route<'a> {
    /// The front page: `/`, then `/page/2/`, ….
    Home {
        /// The page number, from 1.
        page: usize,
    },
    /// One briefing: `/briefings/<slug>/`.
    Briefing {
        /// The briefing's index in [`Site::briefings`].
        index: usize,
        /// The briefing's URL slug.
        slug: &'a str,
    },
    /// A briefing's email edition: `/briefings/<slug>/email.html|txt`.
    Email {
        /// The briefing's index in [`Site::briefings`].
        index: usize,
        /// The briefing's URL slug.
        slug: &'a str,
        /// Which of the two files.
        part: EmailPart,
    },
    /// A briefing's share card, the image its page offers to social
    /// networks: `/briefings/<slug>/card.png` (`[cards]`).
    ShareCard {
        /// The briefing's index in [`Site::briefings`].
        index: usize,
        /// The briefing's URL slug.
        slug: &'a str,
    },
    /// Every tag: `/tags/`.
    Tags,
    /// One tag: `/tags/<slug>/`, then `/tags/<slug>/page/2/`, ….
    Tag {
        /// The tag's index in [`Site::tags`].
        index: usize,
        /// The tag's URL slug.
        slug: &'a str,
        /// The page number, from 1.
        page: usize,
    },
    /// One tag's feed: `/tags/<slug>/rss.xml`, ….
    TagFeed {
        /// The tag's index in [`Site::tags`].
        index: usize,
        /// The tag's URL slug.
        slug: &'a str,
        /// The feed's format.
        format: FeedFormat,
    },
    /// One author: `/authors/<slug>/`, then `/authors/<slug>/page/2/`, ….
    Author {
        /// The author's index in [`Site::authors`].
        index: usize,
        /// The author's URL slug.
        slug: &'a str,
        /// The page number, from 1.
        page: usize,
    },
    /// One author's feed: `/authors/<slug>/rss.xml`, ….
    AuthorFeed {
        /// The author's index in [`Site::authors`].
        index: usize,
        /// The author's URL slug.
        slug: &'a str,
        /// The feed's format.
        format: FeedFormat,
    },
    /// Every briefing by month: `/archive/`.
    Archive,
    /// The search page: `/search/` (`[search]`).
    Search,
    /// A file of one part of the search index:
    /// `/pagefind/<part>/<file>`, named by Pagefind.
    SearchIndex {
        /// The part's name: `2024`, `2024-q3` or `2024-07`.
        part: &'a str,
        /// The file's path inside the part's folder.
        file: &'a str,
    },
    /// The not-found page: `/404.html`.
    NotFound,
    /// The site feed: `/rss.xml`, `/atom.xml`, `/feed.json`.
    Feed {
        /// The feed's format.
        format: FeedFormat,
    },
    /// An archive document of the site feed (RFC 5005):
    /// `/feeds/archive/<n>/rss.xml`, `atom.xml`, `feed.json`, numbered
    /// from the oldest (see [`Archives`]).
    FeedArchive {
        /// The document's number, from 1 (the oldest briefings).
        number: usize,
        /// The feed's format.
        format: FeedFormat,
    },
    /// Every feed, for a feed reader: `/feeds.opml`.
    Opml,
    /// The sitemap, or the sitemap index past [`MAX_URLS`]: `/sitemap.xml`.
    Sitemap,
    /// A part of a split sitemap: `/sitemap-<n>.xml`.
    SitemapPart {
        /// The part's number, from 1.
        number: usize,
    },
    /// The Google News sitemap: `/sitemap-news.xml` (`[sitemap] news`).
    NewsSitemap,
    /// `/robots.txt`.
    Robots,
    /// A redirect page at a moved briefing's old address (an alias).
    Alias {
        /// The briefing it redirects to: its index in the site.
        index: usize,
        /// The old address, below the base URL: `briefings/old/`.
        href: &'a str,
    },
    /// `/.nojekyll`, for GitHub Pages.
    NoJekyll,
    /// `/_redirects`, for Netlify and Cloudflare Pages.
    Redirects,
    /// `/_headers`, for Netlify and Cloudflare Pages.
    Headers,
    /// A theme asset such as `/style.css` (copied, not rendered).
    Asset {
        /// The asset's file name, e.g. `style.css`.
        name: &'a str,
    },
}

/// Appends `page/N/` for a listing's page past the first.
fn push_page(out: &mut String, page: usize) {
    if page > 1 {
        out.push_str("page/");
        out.push_str(&page.to_string());
        out.push('/');
    }
}

impl Route<'_> {
    /// The URL path below the base URL, without a leading slash: a folder
    /// (`briefings/x/`, `""` for the front page) for pages, the file name
    /// for files (`rss.xml`).
    pub fn href(&self) -> String {
        let mut out = String::with_capacity(64);
        self.push_href(&mut out);
        out
    }

    /// [`Route::href`], appended to `out`. Pieces pushed one after the
    /// other: `format!` grew its string a piece at a time, and the routes'
    /// URLs were 1.7% of a cold build's CPU.
    fn push_href(&self, out: &mut String) {
        let push = |out: &mut String, parts: &[&str]| parts.iter().for_each(|p| out.push_str(p));
        match *self {
            Route::Home { page } => push_page(out, page),
            Route::Briefing { slug, .. } => push_briefing_href(out, slug),
            Route::Email { slug, part, .. } => {
                push_briefing_href(out, slug);
                out.push_str(match part {
                    EmailPart::Html => "email.html",
                    EmailPart::Text => "email.txt",
                });
            }
            Route::ShareCard { slug, .. } => {
                push_briefing_href(out, slug);
                out.push_str("card.png");
            }
            Route::Tags => push(out, &["tags/"]),
            Route::Tag { slug, page, .. } => {
                push(out, &["tags/", slug, "/"]);
                push_page(out, page);
            }
            Route::TagFeed { slug, format, .. } => {
                push(out, &["tags/", slug, "/", format.file_name()])
            }
            Route::Author { slug, page, .. } => {
                push(out, &["authors/", slug, "/"]);
                push_page(out, page);
            }
            Route::AuthorFeed { slug, format, .. } => {
                push(out, &["authors/", slug, "/", format.file_name()]);
            }
            Route::Archive => push(out, &["archive/"]),
            Route::Search => push(out, &["search/"]),
            Route::SearchIndex { part, file } => {
                push(out, &[SEARCH_INDEX_DIR, "/", part, "/", file])
            }
            Route::NotFound => push(out, &["404.html"]),
            Route::Feed { format } => push(out, &[format.file_name()]),
            Route::FeedArchive { number, format } => push(
                out,
                &[
                    FEED_ARCHIVE_DIR,
                    "/",
                    &number.to_string(),
                    "/",
                    format.file_name(),
                ],
            ),
            Route::Opml => push(out, &["feeds.opml"]),
            Route::Sitemap => push(out, &["sitemap.xml"]),
            Route::SitemapPart { number } => {
                push(out, &["sitemap-", &number.to_string(), ".xml"]);
            }
            Route::NewsSitemap => push(out, &["sitemap-news.xml"]),
            Route::Robots => push(out, &["robots.txt"]),
            Route::Alias { href, .. } => push(out, &[href]),
            Route::NoJekyll => push(out, &[".nojekyll"]),
            Route::Redirects => push(out, &["_redirects"]),
            Route::Headers => push(out, &["_headers"]),
            Route::Asset { name } => push(out, &[name]),
        }
    }

    /// The output file, `/`-separated: `briefings/x/index.html`, `rss.xml`.
    pub fn path(&self) -> String {
        let mut out = String::with_capacity(80);
        self.push_href(&mut out);
        to_file(&mut out);
        out
    }

    /// The absolute URL, honouring a base URL with a path.
    pub fn url(&self, config: &Config) -> String {
        config.url(&self.href())
    }

    /// The same feed in another format; any other route unchanged.
    pub fn with_format(self, format: FeedFormat) -> Self {
        match self {
            Route::Feed { .. } => Route::Feed { format },
            Route::FeedArchive { number, .. } => Route::FeedArchive { number, format },
            Route::TagFeed { index, slug, .. } => Route::TagFeed {
                index,
                slug,
                format,
            },
            Route::AuthorFeed { index, slug, .. } => Route::AuthorFeed {
                index,
                slug,
                format,
            },
            other => other,
        }
    }

    /// Whether search engines should find it in the sitemap: pages, not
    /// feeds, editions or the not-found page.
    pub fn in_sitemap(&self) -> bool {
        match self {
            Route::Home { .. }
            | Route::Briefing { .. }
            | Route::Tags
            | Route::Tag { .. }
            | Route::Author { .. }
            | Route::Archive => true,
            Route::Email { .. }
            | Route::ShareCard { .. }
            | Route::Search
            | Route::SearchIndex { .. }
            | Route::TagFeed { .. }
            | Route::AuthorFeed { .. }
            | Route::NotFound
            | Route::Feed { .. }
            | Route::FeedArchive { .. }
            | Route::Opml
            | Route::Sitemap
            | Route::SitemapPart { .. }
            | Route::NewsSitemap
            | Route::Robots
            | Route::Alias { .. }
            | Route::NoJekyll
            | Route::Redirects
            | Route::Headers
            | Route::Asset { .. } => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_hrefs() {
        let cases = [
            (Route::Home { page: 1 }, "", "index.html"),
            (Route::Home { page: 3 }, "page/3/", "page/3/index.html"),
            (
                Route::Briefing {
                    index: 0,
                    slug: "x",
                },
                "briefings/x/",
                "briefings/x/index.html",
            ),
            (
                Route::Email {
                    index: 0,
                    slug: "x",
                    part: EmailPart::Text,
                },
                "briefings/x/email.txt",
                "briefings/x/email.txt",
            ),
            (
                Route::Tag {
                    index: 0,
                    slug: "t",
                    page: 2,
                },
                "tags/t/page/2/",
                "tags/t/page/2/index.html",
            ),
            (
                Route::AuthorFeed {
                    index: 0,
                    slug: "a",
                    format: FeedFormat::Json,
                },
                "authors/a/feed.json",
                "authors/a/feed.json",
            ),
            (
                Route::ShareCard {
                    index: 0,
                    slug: "x",
                },
                "briefings/x/card.png",
                "briefings/x/card.png",
            ),
            (Route::NotFound, "404.html", "404.html"),
            (Route::Search, "search/", "search/index.html"),
            (
                Route::SearchIndex {
                    part: "2024-q3",
                    file: "fragment/en_1a2b3c4.pf_fragment",
                },
                "pagefind/2024-q3/fragment/en_1a2b3c4.pf_fragment",
                "pagefind/2024-q3/fragment/en_1a2b3c4.pf_fragment",
            ),
            (
                Route::SitemapPart { number: 2 },
                "sitemap-2.xml",
                "sitemap-2.xml",
            ),
            (Route::NewsSitemap, "sitemap-news.xml", "sitemap-news.xml"),
            (
                Route::FeedArchive {
                    number: 12,
                    format: FeedFormat::Json,
                },
                "feeds/archive/12/feed.json",
                "feeds/archive/12/feed.json",
            ),
        ];
        for (route, href, path) in cases {
            assert_eq!(route.href(), href, "{route:?}");
            assert_eq!(route.path(), path, "{route:?}");
        }
    }
}
