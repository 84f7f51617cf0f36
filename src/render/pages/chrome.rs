//! The header and footer around every page: `partials/header.html` and
//! `partials/footer.html`, which the built-in `base.html` prints as
//! `chrome.header` and `chrome.footer`.
//!
//! The built-in partials read of the page only its kind and whether it is
//! the first front page (besides `site` and the words of its language),
//! so they are rendered once for each language and such kind: rendering
//! them for each of 15,000 pages cost about 4% of a cold build's CPU at
//! 10,000 briefings. A site's own partial may read anything of the page,
//! and is rendered for every page. One that cannot be rendered so (it
//! reads `briefing`, included by a `base.html` of the site's own that
//! never prints `chrome`) leaves its part out of `chrome`, and its error
//! waits: it is reported only with the first page that fails, as one
//! printing the missing part does.

use std::collections::HashMap;
use std::sync::Mutex;

use tera::{Context, Map, Value};

use super::{Shared, Waiting};
use crate::error::Diagnostic;
use crate::render::Templates;
use crate::render::views::PageMeta;

/// The header partial.
const HEADER: &str = "partials/header.html";
/// The footer partial.
const FOOTER: &str = "partials/footer.html";

/// What a page's chrome depends on, with the built-in partials: its
/// language, its kind, and whether it is the first front page.
type Key = (String, &'static str, bool);

/// The chrome made so far in a render.
pub struct Chrome {
    /// The front page's URL, which the built-in header marks as current.
    home_url: String,
    /// Whether both partials are the built-in ones.
    shared: bool,
    made: Mutex<HashMap<Key, Value>>,
    /// The first error of a partial rendered on its own.
    error: Waiting,
}

/// What a failing header or footer partial is told: how `chrome` is made.
const ALONE: &str = "`chrome.header` and `chrome.footer` are partials/header.html and partials/footer.html rendered on their own, with `site`, `page`, `lang` and `words` only (not `briefing`, `paginator` and the like); a base.html of your own that needs more can include the partials instead of printing `chrome`";

impl Chrome {
    /// Chrome for `templates`, with the site's front page at `home_url`.
    pub fn new(templates: &Templates, home_url: String) -> Self {
        Chrome {
            home_url,
            shared: templates.is_builtin(HEADER) && templates.is_builtin(FOOTER),
            made: Mutex::new(HashMap::new()),
            error: Waiting::default(),
        }
    }

    /// The error a partial met rendered on its own, if any, each of its
    /// diagnostics told how `chrome` is made.
    pub(super) fn error(&self) -> Vec<Diagnostic> {
        self.error.told(ALONE)
    }
}

impl Shared<'_> {
    /// The `chrome` of the page `meta` describes, whose context is `cx`
    /// so far: `{header, footer}`, safe strings; without a part whose
    /// partial failed (the error waits in the chrome).
    pub(super) fn chrome(&self, cx: &Context, meta: &PageMeta) -> Value {
        let chrome = &self.chrome;
        if !chrome.shared {
            return self.render_chrome(cx).0;
        }
        let key = (
            meta.language.clone(),
            meta.kind,
            meta.url == chrome.home_url,
        );
        let made = chrome.made.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(value) = made.get(&key) {
            return value.clone();
        }
        drop(made);
        let (value, whole) = self.render_chrome(cx);
        if whole {
            chrome
                .made
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .insert(key, value.clone());
        }
        value
    }

    /// Both partials rendered with `cx`, and whether both could be.
    fn render_chrome(&self, cx: &Context) -> (Value, bool) {
        let mut map = Map::new();
        let mut whole = true;
        for (name, template) in [("header", HEADER), ("footer", FOOTER)] {
            match self.render_template(template, cx, 2048) {
                Ok(html) => {
                    let html = String::from_utf8(html)
                        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
                    map.insert(name.into(), Value::safe_string(&html));
                }
                Err(e) => {
                    whole = false;
                    self.chrome.error.keep(e);
                }
            }
        }
        (Value::from(map), whole)
    }
}
