//! The body HTML as feeds and email need it: every URL absolute, so that
//! it works wherever it is read.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use crate::config::Config;
use crate::content::Briefing;

/// Per-briefing HTML with every URL made absolute, computed at most once
/// per build, however many feeds carry the briefing and whether or not it
/// has an email edition: the one extra pass over a body's HTML that feeds
/// and email share.
pub struct Bodies<'a> {
    briefings: &'a [Arc<Briefing>],
    config: &'a Config,
    cache: Vec<OnceLock<String>>,
}

impl<'a> Bodies<'a> {
    /// An empty cache for `briefings`.
    pub fn new(config: &'a Config, briefings: &'a [Arc<Briefing>]) -> Self {
        Bodies {
            briefings,
            config,
            cache: (0..briefings.len()).map(|_| OnceLock::new()).collect(),
        }
    }

    /// Briefing `i`'s HTML with absolute URLs.
    pub fn get(&self, i: usize) -> Result<&str, crate::error::BuildError> {
        if let Some(done) = self.cache[i].get() {
            return Ok(done);
        }
        let html = self.make(i)?;
        Ok(self.cache[i].get_or_init(|| html))
    }

    /// Briefing `i`'s HTML with absolute URLs, made afresh.
    fn make(&self, i: usize) -> Result<String, crate::error::BuildError> {
        let b = &self.briefings[i];
        Ok(absolutize(
            &b.html.text()?,
            &super::feeds::permalink(self.config, i, b),
        ))
    }

    /// The bodies of the briefings `items`, for the documents of one
    /// archive page: each made at most once for them and dropped with the
    /// returned value (a body kept here for other feeds is borrowed). An
    /// archive holds every briefing; kept here, they would all stay in
    /// memory to the end of the build.
    pub fn run(&self, items: Range<usize>) -> RunBodies<'_> {
        RunBodies {
            own: items.clone().map(|_| OnceLock::new()).collect(),
            shared: self,
            items,
        }
    }
}

/// Where a feed's items get their bodies: the build's [`Bodies`], or the
/// [`RunBodies`] of an archive page.
pub trait BodySource: Sync {
    /// Briefing `i`'s HTML with absolute URLs.
    fn body(&self, i: usize) -> Result<&str, crate::error::BuildError>;
}

impl BodySource for Bodies<'_> {
    fn body(&self, i: usize) -> Result<&str, crate::error::BuildError> {
        self.get(i)
    }
}

/// The bodies of a run of briefings, held only as long as the documents
/// that show them: see [`Bodies::run`].
pub struct RunBodies<'b> {
    shared: &'b Bodies<'b>,
    items: Range<usize>,
    own: Vec<OnceLock<String>>,
}

impl BodySource for RunBodies<'_> {
    fn body(&self, i: usize) -> Result<&str, crate::error::BuildError> {
        if let Some(done) = self.shared.cache[i].get() {
            return Ok(done);
        }
        let Some(slot) = i
            .checked_sub(self.items.start)
            .and_then(|k| self.own.get(k))
        else {
            return self.shared.get(i);
        };
        if let Some(done) = slot.get() {
            return Ok(done);
        }
        let html = self.shared.make(i)?;
        Ok(slot.get_or_init(|| html))
    }
}

/// Resolves every relative `href`, `src`, `poster` and `srcset` URL in
/// `html` against `page_url`.
pub fn absolutize(html: &str, page_url: &str) -> String {
    if !html.contains("=\"#") && !html.contains("href=\"") && !html.contains("src=\"") {
        return html.to_string();
    }
    let Ok(base) = url::Url::parse(page_url) else {
        return html.to_string();
    };
    let absolute = |v: &str| {
        let v = v.trim();
        if v.is_empty() || crate::content::markdown::has_scheme(v) {
            return None;
        }
        base.join(v).ok().map(String::from)
    };
    let rewrite = |el: &mut lol_html::html_content::Element, attr: &str| {
        let Some(value) = el.get_attribute(attr) else {
            return;
        };
        // An empty link (`[text]()`) is the page itself, as a browser
        // reads it there; an empty `src` is no image, and is left alone.
        let abs = if attr == "href" && value.trim().is_empty() {
            Some(base.to_string())
        } else {
            absolute(&value)
        };
        if let Some(abs) = abs {
            let _ = el.set_attribute(attr, &abs);
        }
    };
    let result = lol_html::rewrite_str(
        html,
        lol_html::RewriteStrSettings {
            element_content_handlers: vec![
                lol_html::element!("[href]", |el| {
                    rewrite(el, "href");
                    Ok(())
                }),
                lol_html::element!("[src]", |el| {
                    rewrite(el, "src");
                    Ok(())
                }),
                // Every candidate of an image's `srcset`, as its `src`.
                lol_html::element!("img[srcset], source[srcset]", |el| {
                    if let Some(value) = el.get_attribute("srcset") {
                        let set = crate::content::markdown::srcset::map_urls(&value, absolute);
                        let _ = el.set_attribute("srcset", &set);
                    }
                    Ok(())
                }),
                lol_html::element!("[poster]", |el| {
                    rewrite(el, "poster");
                    Ok(())
                }),
            ],
            ..lol_html::RewriteStrSettings::new()
        },
    );
    result.unwrap_or_else(|_| html.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls_become_absolute() {
        let html = r##"<p><a href="#fn1">1</a> <img src="a.png"> <a href="/x/">x</a> <a href="https://o.org/">o</a> <a href="mailto:a@b">m</a></p>"##;
        let out = absolutize(html, "https://e.org/b/briefings/s/");
        assert!(
            out.contains(r#"href="https://e.org/b/briefings/s/#fn1""#),
            "{out}"
        );
        assert!(out.contains(r#"src="https://e.org/b/briefings/s/a.png""#));
        assert!(out.contains(r#"href="https://e.org/x/""#));
        assert!(out.contains(r#"href="https://o.org/""#));
        assert!(out.contains(r#"href="mailto:a@b""#));
    }

    #[test]
    fn an_empty_link_leads_to_the_page_as_it_does_on_the_page() {
        // `[text]()` is written `href=""`: on the page it is the page, in
        // a feed it was left relative (to the feed, or to the reader's own
        // page), and in the email edition to nothing.
        let out = absolutize(
            r#"<p><a href="">x</a> <a href=" ">y</a></p>"#,
            "https://e.org/b/briefings/s/",
        );
        assert_eq!(
            out,
            r#"<p><a href="https://e.org/b/briefings/s/">x</a> <a href="https://e.org/b/briefings/s/">y</a></p>"#
        );
    }
}
