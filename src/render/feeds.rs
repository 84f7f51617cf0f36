//! RSS 2.0 feeds, built as data with the rss crate: the site feed and one
//! per tag. Dates come from content, never the clock, so an unchanged site
//! rebuilds byte for byte.

use std::sync::OnceLock;

use rss::extension::atom::{AtomExtension, Link};
use rss::extension::dublincore::DublinCoreExtension;
use rss::{Category, Channel, Guid, Item};

use crate::config::Config;
use crate::content::Briefing;

/// Per-briefing HTML with every URL made absolute, computed at most once
/// however many feeds carry the briefing.
pub struct FeedBodies<'a> {
    briefings: &'a [Briefing],
    config: &'a Config,
    cache: Vec<OnceLock<String>>,
}

impl<'a> FeedBodies<'a> {
    pub fn new(config: &'a Config, briefings: &'a [Briefing]) -> Self {
        FeedBodies {
            briefings,
            config,
            cache: (0..briefings.len()).map(|_| OnceLock::new()).collect(),
        }
    }

    fn get(&self, i: usize) -> &str {
        self.cache[i].get_or_init(|| {
            let b = &self.briefings[i];
            let page = self.config.url(&format!("briefings/{}/", b.slug));
            absolutize(&b.html, &page)
        })
    }
}

/// Resolves every relative `href` and `src` in `html` against `page_url`.
pub fn absolutize(html: &str, page_url: &str) -> String {
    if !html.contains("=\"#") && !html.contains("href=\"") && !html.contains("src=\"") {
        return html.to_string();
    }
    let Ok(base) = url::Url::parse(page_url) else {
        return html.to_string();
    };
    let rewrite = |el: &mut lol_html::html_content::Element, attr: &str| {
        if let Some(value) = el.get_attribute(attr) {
            let v = value.trim();
            if !v.is_empty()
                && !crate::content::markdown::has_scheme(v)
                && let Ok(abs) = base.join(v)
            {
                let _ = el.set_attribute(attr, abs.as_str());
            }
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

/// What a feed is about.
pub struct FeedSpec<'s> {
    pub title: String,
    /// The HTML page the feed mirrors.
    pub link: String,
    pub description: String,
    /// The feed's own URL.
    pub self_url: String,
    /// Indices into the site's briefings, newest first.
    pub items: &'s [usize],
}

/// Renders one feed to XML bytes.
pub fn render_feed(
    config: &Config,
    briefings: &[Briefing],
    bodies: &FeedBodies<'_>,
    spec: &FeedSpec<'_>,
) -> Vec<u8> {
    let limit = if config.feed_limit == 0 {
        usize::MAX
    } else {
        config.feed_limit
    };
    let chosen = &spec.items[..spec.items.len().min(limit)];
    let items: Vec<Item> = chosen
        .iter()
        .map(|&i| item(config, &briefings[i], bodies, i))
        .collect();
    let mut channel = Channel::default();
    channel.set_title(spec.title.clone());
    channel.set_link(spec.link.clone());
    channel.set_description(spec.description.clone());
    channel.set_language(config.language.clone());
    channel.set_generator("brief".to_string());
    // The newest briefing's date, never the wall clock.
    if let Some(&newest) = chosen.iter().max_by_key(|&&i| last_change(&briefings[i])) {
        channel.set_last_build_date(last_change(&briefings[newest]).to_rfc2822());
    }
    channel.set_atom_ext(AtomExtension {
        links: vec![Link {
            href: spec.self_url.clone(),
            rel: "self".into(),
            mime_type: Some("application/rss+xml".into()),
            ..Link::default()
        }],
    });
    channel.set_items(items);
    let mut out = Vec::with_capacity(4096 + chosen.len() * 4096);
    channel
        .write_to(&mut out)
        .expect("writing to a Vec cannot fail");
    out.push(b'\n');
    out
}

fn last_change(b: &Briefing) -> chrono::DateTime<chrono::FixedOffset> {
    b.updated.map_or(b.date, |u| u.max(b.date))
}

fn item(config: &Config, b: &Briefing, bodies: &FeedBodies<'_>, i: usize) -> Item {
    let url = config.url(&format!("briefings/{}/", b.slug));
    let mut item = Item::default();
    item.set_title(b.title.clone());
    item.set_link(url.clone());
    item.set_guid(Guid {
        value: url,
        permalink: true,
    });
    item.set_pub_date(b.date.to_rfc2822());
    item.set_categories(
        b.tags
            .iter()
            .map(|t| Category {
                name: t.clone(),
                domain: None,
            })
            .collect::<Vec<_>>(),
    );
    if !b.authors.is_empty() {
        // RSS's own <author> must be an e-mail address; names go in dc:creator.
        item.set_dublin_core_ext(DublinCoreExtension {
            creators: b.authors.clone(),
            ..DublinCoreExtension::default()
        });
    }
    item.set_description(b.summary.clone());
    if config.feed_full_content {
        item.set_content(bodies.get(i).to_string());
    }
    item
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
}
