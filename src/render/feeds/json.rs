//! JSON Feed 1.1 (<https://jsonfeed.org/version/1.1>), with serde_json.

use serde_json::{Value, json};

use super::{BodySource, FeedSpec, id, last_change, permalink};
use crate::config::{Config, FeedFormat};
use crate::routes::Route;

use crate::site::Site;

/// Renders one JSON feed.
pub fn render(
    config: &Config,
    site: &Site,
    bodies: &dyn BodySource,
    spec: &FeedSpec<'_>,
) -> Result<Vec<u8>, crate::error::BuildError> {
    let chosen = spec.chosen();
    // An archive document names the subscription feed as its feed_url.
    let mut feed = json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": spec.title,
        "home_page_url": spec.link,
        "feed_url": spec.current(FeedFormat::Json).url(config),
        "language": config.language,
        "items": chosen.iter().map(|&i| item(config, site, i, bodies)).collect::<Result<Vec<_>, _>>()?,
    });
    if !spec.description.is_empty() {
        feed["description"] = json!(spec.description);
    }
    // JSON Feed's pagination: next_url leads to the older items, from
    // the subscription feed to the newest archive document and from each
    // archive document to the one before it.
    if let Some(number) = spec.history.prev {
        feed["next_url"] = json!(
            Route::FeedArchive {
                number,
                format: FeedFormat::Json
            }
            .url(config)
        );
    }
    if let Some(author) = &config.author {
        feed["authors"] = json!([{ "name": author }]);
    }
    let mut out = serde_json::to_vec_pretty(&feed).expect("a JSON value always serializes");
    out.push(b'\n');
    Ok(out)
}

fn item(
    config: &Config,
    site: &Site,
    i: usize,
    bodies: &dyn BodySource,
) -> Result<Value, crate::error::BuildError> {
    let b = &*site.briefings[i];
    let mut item = json!({
        "id": id(config, i, b),
        "url": permalink(config, i, b),
        "title": b.title,
        "date_published": b.date.to_rfc3339(),
        "date_modified": last_change(b).to_rfc3339(),
    });
    // Every item needs content_html or content_text.
    if config.feed_full_content {
        item["content_html"] = json!(super::item_content(config, bodies, i, b)?);
    } else {
        item["content_text"] = json!(b.summary);
    }
    if !b.summary.is_empty() {
        item["summary"] = json!(b.summary);
    }
    if !b.tags.is_empty() {
        item["tags"] = json!(site.tag_names(b).collect::<Vec<_>>());
    }
    if !b.authors.is_empty() {
        item["authors"] = site
            .author_names(b)
            .map(|name| json!({ "name": name }))
            .collect();
    }
    if let Some(img) = &b.image {
        item["image"] = json!(img.src);
    }
    // JSON Feed 1.1: an item in another language than the feed's.
    if let Some(lang) = b.own_language(&config.language) {
        item["language"] = json!(lang);
    }
    Ok(item)
}
