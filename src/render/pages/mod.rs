//! Pages through Tera: one [`Route`] in, one file out to the sink.
//!
//! What each page shows is decided here, what it is called and where it
//! lives by the route table. A briefing's own page and email edition are
//! in `briefing.rs`, what listing pages share (paginators, the archive)
//! in `listing.rs`.

mod briefing;
mod chrome;
mod kept;
mod listing;
mod waiting;

pub use chrome::Chrome;
pub use kept::{Kept, MOST as KEPT_MOST};
use listing::GroupKind;
pub use listing::page_range;
pub use waiting::Waiting;

use std::sync::Mutex;

use tera::{Context, Value};

use super::bodies::Bodies;
use super::views::{self, FeedLink, PageMeta};
use super::{Templates, jsonld, memo};
use crate::config::Config;
use crate::error::BuildError;
use crate::output::Sink;
use crate::routes::{EmailPart, Route, site_feed};
use crate::site::Site;

/// The partial a card's `html` is rendered with.
pub const CARD_PARTIAL: &str = "partials/card.html";

/// How many of the newest briefings the not-found page suggests.
pub const LATEST_ON_404: usize = 5;

/// Autodiscovery links for one feed in every enabled format.
pub fn feed_links(config: &Config, name: &str, feed: Route<'_>) -> Vec<FeedLink> {
    config
        .feed_formats
        .iter()
        .map(|&f| FeedLink {
            title: format!("{name} ({})", f.label()),
            url: feed.with_format(f).url(config),
            kind: f.mime_type(),
            label: f.label(),
        })
        .collect()
}

/// Everything the page renderers share, computed once.
pub struct Shared<'a> {
    /// The site's configuration.
    pub config: &'a Config,
    /// The collected site being rendered.
    pub site: &'a Site,
    /// The compiled templates pages are rendered with.
    pub templates: &'a Templates,
    /// Bodies with absolute URLs, shared with the feeds.
    pub bodies: &'a Bodies<'a>,
    /// The `site` view as a Tera value, the same in every template.
    pub site_value: Value,
    /// The tag and author links the cards share.
    pub refs: views::Refs,
    /// The cards and links made so far in this render.
    pub kept: Kept,
    /// The header and footer made so far in this render.
    pub chrome: Chrome,
    /// Whether the archive's months list links ([`views::Link`]) rather
    /// than cards: with the built-in `archive.html`, which shows no more.
    /// A page of 100,000 cards held 220 MB at once.
    pub archive_links: bool,
    /// Whether `briefing.related`, `newer` and `older` are links
    /// ([`views::Link`]) rather than cards: with the built-in
    /// `briefing.html`, which shows no more.
    /// In a profile of a cold build of 10,000 briefings, a link took half
    /// the CPU of a card to make, and the 40,000 related links 2.3% of the
    /// build; and a page listing a briefing is not rendered again when
    /// only that briefing's body changes.
    pub related_links: bool,
    /// Where rendered pages are written.
    pub sink: &'a dyn Sink,
    /// The first template error; later pages stop early once it is set.
    pub error: Mutex<Option<BuildError>>,
    /// The first error of the card partial rendered on its own for a
    /// card's `html`: reported with the first page that fails, which a
    /// card missing its `html` makes fail. A site whose own listings
    /// include its own partial, reading the page around it, never prints
    /// `html` and builds.
    pub card_error: Waiting,
    /// When set, pages whose inputs are unchanged are skipped.
    pub memo: Option<&'a memo::Memo<'a>>,
    /// [`memo::briefing_fp`] of each briefing, when a memo is used.
    pub fps: Vec<u64>,
    /// [`memo::link_fp`] of each briefing: what a link to it shows.
    pub link_fps: Vec<u64>,
    /// Whether a template shows the site's counts (`site.briefing_count`
    /// and the like), which every page's fingerprint must then include.
    pub site_counts: bool,
}

impl Shared<'_> {
    fn meta(
        &self,
        kind: &'static str,
        title: String,
        description: String,
        route: Route<'_>,
    ) -> PageMeta {
        PageMeta {
            kind,
            title,
            description,
            url: route.url(self.config),
            feeds: feed_links(self.config, &self.config.title, site_feed(self.config)),
            language: self.config.language.clone(),
            dir: crate::i18n::dir(&self.config.language),
        }
    }

    /// The page's `meta` in briefing `i`'s language.
    fn in_language_of(&self, mut meta: PageMeta, i: usize) -> PageMeta {
        let lang = self.site.briefings[i].language_or(&self.config.language);
        meta.language = lang.to_string();
        meta.dir = crate::i18n::dir(lang);
        meta
    }

    /// `key`'s text in the site's language, with `args` filled in.
    fn word(&self, key: &str, n: Option<usize>, args: &[(&str, &str)]) -> String {
        self.config
            .translations
            .format(&self.config.language, key, n.map(|n| n as i64), args)
    }

    fn context(&self, meta: &PageMeta) -> Context {
        let mut cx = Context::new();
        cx.insert_value("site", self.site_value.clone());
        cx.insert("lang", &meta.language);
        cx.insert_value("words", self.templates.words.of(&meta.language));
        cx.insert("page", meta);
        cx.insert_value("json_ld", Value::none());
        let chrome = self.chrome(&cx, meta);
        cx.insert_value("chrome", chrome);
        cx
    }

    /// Sets the page's structured data: a `CollectionPage` listing
    /// `items` (briefing indices), with the `WebSite` on the front page.
    fn collection_ld(&self, cx: &mut Context, meta: &PageMeta, items: &[usize], front: bool) {
        let name = if meta.title.is_empty() {
            &self.config.title
        } else {
            &meta.title
        };
        let ld = jsonld::collection(self.config, self.site, name, &meta.url, items, front);
        cx.insert_value("json_ld", Value::safe_string(&ld));
    }

    /// Briefing `i`'s card, with its `html`: made once in this render on
    /// a site of up to [`kept::MOST`] briefings, else each time a page
    /// shows it (keeping every card cost 2.2 KB a briefing, 216 MB at
    /// 100,000, the largest part of the peak; making one again costs about
    /// a microsecond, and its HTML about 12).
    fn card(&self, i: usize) -> Value {
        if let Some(card) = self.kept.card(i) {
            return card;
        }
        let make = || Value::from_serializable(&views::card(self.config, self.site, &self.refs, i));
        let card = match self.memo {
            Some(m) => m.card(self.fps[i], make),
            None => make(),
        };
        self.kept.keep_card(i, self.with_html(card))
    }

    /// `card` with `html`: the card as [`CARD_PARTIAL`] shows it at
    /// heading level 2 in the site's language, which is how tag, author
    /// and later front pages show it. Rendered once a briefing rather than
    /// on each of the five or so pages that list it: including the partial
    /// in those pages' loops was 15% of a cold build's CPU at 10,000
    /// briefings. When the partial cannot be rendered so, the card has no
    /// `html` and the error waits in `card_error`.
    fn with_html(&self, card: Value) -> Value {
        let lang = &self.config.language;
        let mut cx = Context::new();
        cx.insert_value("site", self.site_value.clone());
        cx.insert("lang", lang);
        cx.insert_value("words", self.templates.words.of(lang));
        cx.insert("heading_level", &2);
        cx.insert_value("b", card.clone());
        let html = match self.render_template(CARD_PARTIAL, &cx, 1024) {
            Ok(html) => html,
            Err(e) => {
                self.card_error.keep(e);
                return card;
            }
        };
        // The context's copy goes first, so that the card's map is taken
        // over rather than copied.
        drop(cx);
        let html = String::from_utf8(html)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        let mut map = card.into_map().unwrap_or_default();
        map.insert("html".into(), Value::safe_string(&html));
        Value::from(map)
    }

    /// What the built-in archive shows of briefing `i`: a link.
    fn link(&self, i: usize) -> Value {
        self.kept.link(i, || {
            Value::from_serializable(&views::link(self.config, self.site, i))
        })
    }

    fn cards_of(&self, indices: &[usize]) -> Value {
        Value::from(indices.iter().map(|&i| self.card(i)).collect::<Vec<_>>())
    }

    /// Renders `template`, turning a Tera error into a located diagnostic.
    fn render_bytes(&self, template: &str, cx: &Context) -> Result<Vec<u8>, BuildError> {
        self.render_sized(template, cx, 16 * 1024)
    }

    /// Renders `template` into a buffer of `size` bytes to start with: a
    /// page far larger than 16 KB (the archive: 100 MB at 300,000
    /// briefings) would otherwise grow by doubling, holding the old
    /// buffer and one twice its size at once.
    fn render_sized(
        &self,
        template: &str,
        cx: &Context,
        size: usize,
    ) -> Result<Vec<u8>, BuildError> {
        self.render_template(template, cx, size).map_err(|e| {
            let BuildError::Content(page) = e else {
                return e;
            };
            // Partials rendered on their own that failed first: a page
            // missing their part fails for that reason.
            let mut all = self.card_partial_error();
            all.extend(self.chrome.error());
            all.extend(page);
            BuildError::Content(all)
        })
    }

    /// [`Shared::render_sized`] without the card partial's error.
    fn render_template(
        &self,
        template: &str,
        cx: &Context,
        size: usize,
    ) -> Result<Vec<u8>, BuildError> {
        let mut buf = Vec::with_capacity(size);
        self.templates
            .tera
            .render_to(template, cx, &mut buf)
            .map_err(|e| BuildError::Content(vec![self.templates.diagnose(&e, Some(template))]))?;
        Ok(buf)
    }

    fn render(&self, template: &str, cx: &Context, route: Route<'_>) -> Result<(), BuildError> {
        self.sink
            .write(&route.path(), &self.render_bytes(template, cx)?)
    }

    /// Renders the page at `route` into the sink, unless the memo says it
    /// is unchanged.
    pub fn run(&self, route: Route<'_>) -> Result<(), BuildError> {
        if let Some(memo) = self.memo {
            let fp = self.fingerprint(route);
            // The text edition goes with the HTML one: the job renders
            // both, so it runs if either is stale.
            let text_stale = match route {
                Route::Email { index, slug, .. } => {
                    let text = Route::Email {
                        index,
                        slug,
                        part: EmailPart::Text,
                    };
                    memo.stale(&text.path(), fp, memo::Depends::Theme)
                }
                _ => false,
            };
            if !memo.stale(&route.path(), fp, memo::Depends::Theme) && !text_stale {
                return Ok(());
            }
        }
        let config = self.config;
        let site = self.site;
        match route {
            Route::Briefing { index, .. } => self.briefing_page(index, route),
            Route::Email { index, slug, .. } => self.email_edition(index, slug, route),
            Route::Home { page } => {
                let total = site.briefings.len();
                let indices: Vec<usize> = page_range(page, config.per_page, total).collect();
                let title = if page == 1 {
                    String::new()
                } else {
                    self.word("page_title", Some(page), &[])
                };
                let meta = self.meta("index", title, config.description.clone(), route);
                let mut cx = self.context(&meta);
                self.collection_ld(&mut cx, &meta, &indices, page == 1);
                let p = self.paginator(page, total, &indices, &|n| Route::Home { page: n });
                cx.insert("paginator", &p);
                self.render("index.html", &cx, route)
            }
            Route::Tags => {
                let meta = self.meta(
                    "tags",
                    self.word("tags", None, &[]),
                    self.word("every_tag_on", None, &[("site", &config.title)]),
                    route,
                );
                let mut cx = self.context(&meta);
                self.collection_ld(&mut cx, &meta, &[], false);
                let tags: Vec<_> = (0..site.tags.len())
                    .map(|i| views::tag_view(config, site, i))
                    .collect();
                cx.insert("tags", &tags);
                self.render("tags.html", &cx, route)
            }
            Route::Tag { index, slug, page } => {
                self.group_page(GroupKind::Tag, index, slug, page, route)
            }
            Route::Author { index, slug, page } => {
                self.group_page(GroupKind::Author, index, slug, page, route)
            }
            Route::Archive => {
                let meta = self.meta(
                    "archive",
                    self.word("archive", None, &[]),
                    self.word("every_briefing_on", None, &[("site", &config.title)]),
                    route,
                );
                let mut cx = self.context(&meta);
                // A CollectionPage without the list: at 100,000 briefings
                // the list would add 12 MB to a page readers load.
                self.collection_ld(&mut cx, &meta, &[], false);
                cx.insert("archive", &self.archive());
                // The built-in archive writes about 215 bytes a briefing; pages
                // reserved and never written are never resident.
                let size = 16 * 1024 + 300 * site.briefings.len();
                let page = self.render_sized("archive.html", &cx, size)?;
                self.sink.write(&route.path(), &page)
            }
            Route::Search => {
                let meta = self.meta(
                    "search",
                    self.word("search", None, &[]),
                    self.word("search_description", None, &[("site", &config.title)]),
                    route,
                );
                let mut cx = self.context(&meta);
                cx.insert("search", &super::search::view(config, site));
                self.render("search.html", &cx, route)
            }
            Route::NotFound => {
                let meta = self.meta(
                    "404",
                    self.word("page_not_found", None, &[]),
                    String::new(),
                    route,
                );
                let mut cx = self.context(&meta);
                let newest: Vec<usize> = (0..site.briefings.len().min(LATEST_ON_404)).collect();
                cx.insert_value("latest", self.cards_of(&newest));
                self.render("404.html", &cx, route)
            }
            Route::Alias { index, .. } => self
                .sink
                .write(&route.path(), &super::host::alias_page(config, site, index)),
            Route::TagFeed { .. }
            | Route::AuthorFeed { .. }
            | Route::ShareCard { .. }
            | Route::SearchIndex { .. }
            | Route::NoJekyll
            | Route::Redirects
            | Route::Headers
            | Route::Feed { .. }
            | Route::FeedArchive { .. }
            | Route::Opml
            | Route::Sitemap
            | Route::SitemapPart { .. }
            | Route::NewsSitemap
            | Route::Robots
            | Route::Asset { .. } => Ok(()),
        }
    }
}
