//! JSON Feed 1.1 (<https://jsonfeed.org/version/1.1>), with serde_json.
//!
//! Written from borrowed structs, their fields in the order of their JSON
//! names (the order a `serde_json::Value` gave them, which the output has
//! always had): building a `Value` tree for each item cost a third of the
//! JSON feeds' time. An item's HTML, most of a feed's bytes, is escaped by
//! json-escape-simd rather than serde_json's byte-at-a-time loop (see
//! [`json_string`]).

use serde::Serialize;
use serde_json::value::RawValue;

use super::{BodySource, FeedSpec, id, last_change, permalink};
use crate::config::{Config, FeedFormat};
use crate::routes::Route;

use crate::site::Site;

#[derive(Serialize)]
struct Feed<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    authors: Option<[Author<'a>; 1]>,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    feed_url: String,
    home_page_url: &'a str,
    items: Vec<Item<'a>>,
    language: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_url: Option<String>,
    title: &'a str,
    version: &'static str,
}

#[derive(Serialize)]
struct Author<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct Item<'a> {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<Author<'a>>,
    // Every item needs content_html or content_text.
    #[serde(skip_serializing_if = "Option::is_none")]
    content_html: Option<Box<RawValue>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_text: Option<&'a str>,
    date_modified: String,
    date_published: String,
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    // JSON Feed 1.1: an item in another language than the feed's.
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    #[serde(skip_serializing_if = "str::is_empty")]
    summary: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<&'a str>,
    title: &'a str,
    url: String,
}

/// Renders one JSON feed, appended to `out`.
pub fn render(
    config: &Config,
    site: &Site,
    bodies: &dyn BodySource,
    spec: &FeedSpec<'_>,
    out: &mut Vec<u8>,
) -> Result<(), crate::error::BuildError> {
    let feed = Feed {
        authors: config.author.as_deref().map(|name| [Author { name }]),
        description: &spec.description,
        // An archive document names the subscription feed as its feed_url.
        feed_url: spec.current(FeedFormat::Json).url(config),
        home_page_url: &spec.link,
        items: spec
            .chosen()
            .iter()
            .map(|&i| item(config, site, i, bodies))
            .collect::<Result<_, _>>()?,
        language: &config.language,
        // JSON Feed's pagination: next_url leads to the older items, from
        // the subscription feed to the newest archive document and from
        // each archive document to the one before it.
        next_url: spec.history.prev.map(|number| {
            Route::FeedArchive {
                number,
                format: FeedFormat::Json,
            }
            .url(config)
        }),
        title: &spec.title,
        version: "https://jsonfeed.org/version/1.1",
    };
    serde_json::to_writer_pretty(&mut *out, &feed).expect("a feed of strings always serializes");
    out.push(b'\n');
    Ok(())
}

fn item<'a>(
    config: &Config,
    site: &'a Site,
    i: usize,
    bodies: &dyn BodySource,
) -> Result<Item<'a>, crate::error::BuildError> {
    let b = &*site.briefings[i];
    let (content_html, content_text) = match config.feed_full_content {
        true => (
            Some(json_string(&super::item_content(config, bodies, i, b)?)),
            None,
        ),
        false => (None, Some(b.summary.as_str())),
    };
    Ok(Item {
        authors: site.author_names(b).map(|name| Author { name }).collect(),
        content_html,
        content_text,
        date_modified: last_change(b).to_rfc3339(),
        date_published: b.date.to_rfc3339(),
        id: id(config, i, b),
        image: b.image.as_ref().map(|img| img.src.as_str()),
        language: b.own_language(&config.language),
        summary: &b.summary,
        tags: site.tag_names(b).collect(),
        title: &b.title,
        url: permalink(config, i, b),
    })
}

/// `s` as a JSON string, the bytes serde_json would write for it (its
/// escapes: `\"`, `\\`, `\n` and the other short forms, `\u00XX` for the
/// other control characters, everything else as it is), escaped 16 or 32
/// bytes at a time: serde_json looks each byte up in a table, and the
/// feeds' full bodies made that 2% of a cold build's CPU.
fn json_string(s: &str) -> Box<RawValue> {
    RawValue::from_string(json_escape_simd::escape(s))
        .expect("an escaped string is one JSON string")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_string_is_escaped_as_serde_json_escapes_it() {
        let mut cases: Vec<String> = (0u8..=127).map(|b| char::from(b).to_string()).collect();
        cases.extend(
            [
                "",
                "plain",
                r#"<p class="lead">Tom's "quote" \ path\n</p>"#,
                "line\nbreak\ttab\r\u{8}\u{c}\u{1f}\u{7f}",
                "caf\u{e9} \u{2028}\u{2029} \u{1F4F0} \u{FEFF}",
            ]
            .map(String::from),
        );
        // Escapes at every offset around the 16- and 32-byte blocks.
        for n in 0..70 {
            cases.push(format!("{}\"{}\\\u{1}é", "a".repeat(n), "b".repeat(n % 7)));
        }
        cases.push("<p>x</p>\n".repeat(2000));
        for case in &cases {
            assert_eq!(
                json_string(case).get(),
                serde_json::to_string(case).unwrap(),
                "{case:?}"
            );
        }
    }
}
