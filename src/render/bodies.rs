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
    if all_absolute(html) {
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

/// Whether no URL in `html` needs rewriting: every `href`, `src` and
/// `poster` written `name="value"` with a value that has a scheme, and no
/// `srcset`. Most bodies link only to other sites (links to this one are
/// made absolute when the Markdown is rendered), and the HTML rewriter
/// was 3% of a cold build's CPU on them. Cautious: any other spelling
/// (single quotes, no quotes, spaces around `=`, a `srcset`), or such a
/// name in the text, leaves the work to the rewriter.
fn all_absolute(html: &str) -> bool {
    let bytes = html.as_bytes();
    let finder = memchr::memmem::Finder::new("=");
    for at in finder.find_iter(bytes) {
        let name_end = bytes[..at].trim_ascii_end().len();
        let name_start = bytes[..name_end]
            .iter()
            .rposition(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_'))
            .map_or(0, |p| p + 1);
        let name = &bytes[name_start..name_end];
        let ends_with = |tail: &[u8]| {
            name.len() >= tail.len() && name[name.len() - tail.len()..].eq_ignore_ascii_case(tail)
        };
        if !(ends_with(b"href") || ends_with(b"src") || ends_with(b"poster")) {
            if ends_with(b"srcset") {
                return false;
            }
            continue;
        }
        let rest = &bytes[at + 1..];
        let Some(value) = rest.strip_prefix(b"\"") else {
            return false;
        };
        let Some(end) = memchr::memchr(b'"', value) else {
            return false;
        };
        let value = &html[at + 2..at + 2 + end];
        // A character reference cannot make a scheme of what is none:
        // `&` is no scheme's character.
        if !crate::content::markdown::has_scheme(value.trim()) {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_bodies_whose_every_url_is_absolute_skip_the_rewriter() {
        for done in [
            "<p>No links, 2 = 2.</p>",
            r#"<p><a href="https://o.org/a?b=c&amp;d=e">o</a> <img src="https://o.org/i.png" alt="i"></p>"#,
            r#"<p><a href="mailto:a@b">m</a> <video poster="https://o.org/p.jpg"></video></p>"#,
        ] {
            assert!(all_absolute(done), "{done}");
            assert_eq!(absolutize(done, "https://e.org/s/"), done);
        }
        for todo in [
            r##"<p><a href="#fn1">1</a></p>"##,
            r#"<p><a href="">x</a></p>"#,
            r#"<p><a HREF='x.html'>x</a></p>"#,
            r#"<p><img data-x="1" src=a.png></p>"#,
            r#"<p><img src = "a.png"></p>"#,
            r#"<p><a href="&#104;ttps://o.org/">o</a></p>"#,
            r#"<p><img srcset="https://o.org/a.png 1x" src="https://o.org/a.png"></p>"#,
            r#"<p><video poster="p.jpg"></video></p>"#,
        ] {
            assert!(!all_absolute(todo), "{todo}");
        }
    }

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
