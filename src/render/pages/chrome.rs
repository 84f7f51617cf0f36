//! The header and footer around every page: `partials/header.html` and
//! `partials/footer.html`, which the built-in `base.html` prints as
//! `chrome.header` and `chrome.footer`.
//!
//! The built-in partials read of the page only its kind and whether it is
//! the first front page (besides `site` and the words of its language),
//! so they are rendered once for each language and such kind: rendering
//! them for each of 15,000 pages cost about 4% of a cold build's CPU at
//! 10,000 briefings. A site's own partial may read anything of the page,
//! and is rendered for every page.

use std::collections::HashMap;
use std::sync::Mutex;

use tera::{Context, Map, Value};

use super::Shared;
use crate::error::BuildError;
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
}

impl Chrome {
    /// Chrome for `templates`, with the site's front page at `home_url`.
    pub fn new(templates: &Templates, home_url: String) -> Self {
        Chrome {
            home_url,
            shared: templates.is_builtin(HEADER) && templates.is_builtin(FOOTER),
            made: Mutex::new(HashMap::new()),
        }
    }
}

impl Shared<'_> {
    /// The `chrome` of the page `meta` describes, whose context is `cx`
    /// so far: `{header, footer}`, safe strings.
    pub(super) fn chrome(&self, cx: &Context, meta: &PageMeta) -> Result<Value, BuildError> {
        let chrome = &self.chrome;
        if !chrome.shared {
            return self.render_chrome(cx);
        }
        let key = (
            meta.language.clone(),
            meta.kind,
            meta.url == chrome.home_url,
        );
        let made = |m: &Mutex<HashMap<Key, Value>>| {
            m.lock()
                .unwrap_or_else(|p| p.into_inner())
                .get(&key)
                .cloned()
        };
        if let Some(value) = made(&chrome.made) {
            return Ok(value);
        }
        let value = self.render_chrome(cx)?;
        chrome
            .made
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(key, value.clone());
        Ok(value)
    }

    fn render_chrome(&self, cx: &Context) -> Result<Value, BuildError> {
        let mut map = Map::new();
        for (name, template) in [("header", HEADER), ("footer", FOOTER)] {
            let html = self.render_template(template, cx, 2048)?;
            let html = String::from_utf8(html)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
            map.insert(name.into(), Value::safe_string(&html));
        }
        Ok(Value::from(map))
    }
}
