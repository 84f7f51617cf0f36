//! Share cards: a 1200×630 PNG beside each briefing page
//! (`/briefings/<slug>/card.png`), which its Open Graph and X (Twitter)
//! tags offer to social networks: the site's name, the headline sized to
//! fit in at most four lines, the date and up to three tags, in the
//! theme's light colours.
//!
//! The layout is measured here ([`layout`], with the fonts of [`fonts`]),
//! written as SVG by the theme's `card.svg` template (which a site may
//! override like any other), and drawn by resvg ([`raster`]). A drawn card
//! is filed in the build cache under a hash of its SVG text and the fonts
//! ([`crate::cache::CardStore`]), and the memo skips a card whose inputs
//! did not change without laying it out at all.

mod colours;
pub mod fonts;
pub mod layout;
pub mod measure;
mod place;
pub mod raster;
mod script;
pub mod wrap;

use std::hash::{Hash, Hasher};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use tera::{Context, Value};

pub use colours::Colours;

use super::memo::{self, Memo};
use super::{Templates, views};
use crate::cache::CardStore;
use crate::config::Config;
use crate::error::{BuildError, Diagnostic};
use crate::output::Sink;
use crate::routes::{self, Route};
use crate::site::Site;
use fonts::{FontSources, Fonts};

/// What the pixels of a card depend on besides its SVG text and fonts:
/// change it when a change of resvg or of the PNG encoding changes them.
const RENDERER: &str = "resvg 0.49, png 0.18 RGB fast, 1";

/// The template a card is written with.
pub const TEMPLATE: &str = "card.svg";

/// What the card stage did, for `--timings` and the tests.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CardStats {
    /// Cards drawn (rendered to pixels).
    pub drawn: usize,
    /// Cards laid out again whose drawing was on file.
    pub filed: usize,
    /// Cards whose inputs did not change: not even laid out.
    pub unchanged: usize,
}

/// What a card shows of briefing `index`.
fn content<'a>(
    config: &'a Config,
    site: &'a Site,
    colours: &Colours,
    index: usize,
) -> layout::Content<'a> {
    let b = &site.briefings[index];
    layout::Content {
        site_name: &config.title,
        title: &b.title,
        date: views::human_date(config, b.language_or(&config.language), &b.date),
        rtl: crate::i18n::is_rtl(b.language_or(&config.language)),
        tags: site.tag_names(b).collect(),
        colours: colours.clone(),
    }
}

/// The key a drawn card is filed under: a hash of exactly what it shows.
pub fn card_key(svg: &str, font_identity: u64) -> u64 {
    let mut bytes = format!("{RENDERER}\n{font_identity:016x}\n").into_bytes();
    bytes.extend_from_slice(svg.as_bytes());
    crate::util::content_hash(&bytes)
}

/// Everything the cards of one render share.
struct Cards<'a> {
    config: &'a Config,
    site: &'a Site,
    templates: &'a Templates,
    store: &'a CardStore,
    site_value: Value,
    refs: views::Refs,
    colours: Colours,
    sources: FontSources,
    fonts: OnceLock<Fonts>,
    /// A hash of `card.svg`, or `None` with the built-in one.
    template_key: Option<u64>,
    /// The fingerprint of what every card shows alike (site name,
    /// colours, fonts, template), to which each card adds its own.
    common: crate::util::Fingerprinter,
    drawn: AtomicUsize,
    filed: AtomicUsize,
    unchanged: AtomicUsize,
}

impl Cards<'_> {
    /// A fingerprint of what the card of briefing `index` shows: with the
    /// built-in `card.svg`, what [`layout::Content`] is made from (the
    /// words of the date come from site.toml, which the memo's key
    /// covers); with a site's own, which may show anything of the
    /// briefing, all of it.
    fn fingerprint(&self, index: usize) -> u64 {
        let mut h = self.common.clone();
        let b = &self.site.briefings[index];
        (&b.title, b.date, b.language_or(&self.config.language)).hash(&mut h);
        for tag in self.site.tag_names(b) {
            tag.hash(&mut h);
        }
        if self.template_key.is_some() {
            memo::briefing_fp(self.site, b).hash(&mut h);
        }
        h.finish()
    }

    /// The SVG text of briefing `index`'s card.
    fn svg(&self, index: usize) -> Result<String, BuildError> {
        let fonts = self.fonts.get_or_init(|| self.sources.load());
        let view = layout::lay_out(
            fonts,
            &content(self.config, self.site, &self.colours, index),
        );
        let mut cx = Context::new();
        cx.insert_value("site", self.site_value.clone());
        let lang = self.site.briefings[index].language_or(&self.config.language);
        cx.insert("lang", lang);
        cx.insert_value("words", self.templates.words.of(lang));
        cx.insert("card", &view);
        cx.insert(
            "briefing",
            &views::card(self.config, self.site, &self.refs, index),
        );
        let mut buf = Vec::with_capacity(4096);
        self.templates
            .tera
            .render_to(TEMPLATE, &cx, &mut buf)
            .map_err(|e| BuildError::Content(vec![self.templates.diagnose(&e, Some(TEMPLATE))]))?;
        String::from_utf8(buf).map_err(|_| {
            BuildError::Content(vec![Diagnostic::error(
                self.templates.path_of(TEMPLATE),
                "the card template wrote text that is not UTF-8",
            )])
        })
    }

    /// Writes the card at `route`, unless the memo says it is unchanged.
    fn run(
        &self,
        route: Route<'_>,
        memo: Option<&Memo>,
        sink: &dyn Sink,
    ) -> Result<(), BuildError> {
        let Route::ShareCard { index, .. } = route else {
            return Ok(());
        };
        let path = route.path();
        if let Some(memo) = memo
            && !memo.stale(&path, self.fingerprint(index), memo::Depends::Config)
        {
            self.store.keep(&path);
            self.unchanged.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        let svg = self.svg(index)?;
        let key = card_key(&svg, self.sources.identity());
        let png = match self.store.get(key) {
            Some(png) => {
                self.filed.fetch_add(1, Ordering::Relaxed);
                png
            }
            None => {
                let fonts = self.fonts.get_or_init(|| self.sources.load());
                let png = raster::draw(fonts, &svg).map_err(|e| {
                    BuildError::Content(vec![
                        Diagnostic::error(
                            self.templates.path_of(TEMPLATE),
                            format!("the share card of {} is not valid SVG: {e}", self.site.briefings[index].source.display()),
                        )
                        .with_hint("fix the card template (brief eject card.svg shows the built-in one), or turn cards off with `enabled = false` in [cards]"),
                    ])
                })?;
                self.store.put(key, &png);
                self.drawn.fetch_add(1, Ordering::Relaxed);
                png
            }
        };
        self.store.record(&path, key);
        sink.write(&path, &png)
    }
}

/// Writes the share card of every briefing into `sink`, drawing only those
/// neither `memo` nor `store` has.
pub fn render_cards(
    config: &Config,
    site: &Site,
    templates: &Templates,
    sink: &dyn Sink,
    memo: Option<&Memo>,
    store: &CardStore,
) -> Result<CardStats, BuildError> {
    let routes = routes::share_cards(config, site);
    if routes.is_empty() {
        return Ok(CardStats::default());
    }
    let sources = FontSources::scan(config).map_err(|d| BuildError::Content(vec![d]))?;
    let css = templates
        .assets
        .iter()
        .find(|(name, _)| name == "style.css")
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .unwrap_or_default();
    let colours = colours::from_css(&css);
    let template_key = (!templates.is_builtin(TEMPLATE)).then(|| {
        let mut h = memo::hasher();
        templates.key().hash(&mut h);
        h.finish()
    });
    let mut common = memo::hasher();
    (
        "card",
        &config.title,
        &colours,
        sources.identity(),
        template_key,
    )
        .hash(&mut common);
    let cards = Cards {
        config,
        site,
        templates,
        store,
        site_value: Value::from_serializable(&views::site_view(config, site)),
        refs: views::Refs::new(config, site),
        colours,
        sources,
        fonts: OnceLock::new(),
        template_key,
        common,
        drawn: AtomicUsize::new(0),
        filed: AtomicUsize::new(0),
        unchanged: AtomicUsize::new(0),
    };
    routes
        .par_iter()
        .try_for_each(|&route| cards.run(route, memo, sink))?;
    Ok(CardStats {
        drawn: cards.drawn.into_inner(),
        filed: cards.filed.into_inner(),
        unchanged: cards.unchanged.into_inner(),
    })
}

#[cfg(test)]
mod tests;
