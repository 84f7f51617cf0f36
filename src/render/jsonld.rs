//! Schema.org structured data: `NewsArticle` for a briefing page,
//! `CollectionPage` with an `ItemList` for listings, and `WebSite` on the
//! front page. Each is a JSON-LD string, safe to embed in `<script>`.

use serde_json::{Value, json};

use crate::config::Config;
use crate::routes::Route;
use crate::site::Site;

/// Schema.org `NewsArticle` for briefing `index`.
pub(super) fn news_article(config: &Config, site: &Site, index: usize) -> String {
    let b = &site.briefings[index];
    let url = Route::Briefing {
        index,
        slug: &b.slug,
    }
    .url(config);
    let mut value = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": b.title,
        "description": b.summary,
        "datePublished": b.date.to_rfc3339(),
        "dateModified": super::feeds::last_change(b).to_rfc3339(),
        "url": url,
        "mainEntityOfPage": { "@type": "WebPage", "@id": url },
        "keywords": site.tag_names(b).collect::<Vec<_>>(),
        "inLanguage": b.language_or(&config.language),
        "isAccessibleForFree": true,
        "publisher": publisher(config),
    });
    // The lead image, else the share card (as the page's og:image), else
    // the site's default image.
    let card = config.cards.enabled.then(|| {
        crate::routes::Route::ShareCard {
            index,
            slug: &b.slug,
        }
        .url(config)
    });
    let image = b
        .image
        .as_ref()
        .map(|i| &i.src)
        .or(card.as_ref())
        .or(config.publisher.image.as_ref());
    if let Some(src) = image {
        value["image"] = json!([src]);
    }
    // Google wants an author on every article: without a byline, the
    // site's author, else the publisher itself.
    if b.authors.is_empty() {
        value["author"] = match &config.author {
            Some(name) => json!([{ "@type": "Person", "name": name }]),
            None => json!([publisher(config)]),
        };
    } else {
        value["author"] = b
            .authors
            .iter()
            .zip(site.author_names(b))
            .map(|(author, name)| {
                let mut person = json!({ "@type": "Person", "name": name });
                if let Some((i, a)) = site.author(&author.slug) {
                    person["url"] = Route::Author {
                        index: i,
                        slug: &a.slug,
                        page: 1,
                    }
                    .url(config)
                    .into();
                }
                person
            })
            .collect();
    }
    if !b.corrections.is_empty() {
        value["correction"] = b
            .corrections
            .iter()
            .map(|c| {
                json!({
                    "@type": "CorrectionComment",
                    "datePublished": c.date.to_rfc3339(),
                    "text": c.text,
                })
            })
            .collect();
    }
    script_safe(&value)
}

/// A listing page: a `CollectionPage` whose main entity lists the
/// briefings it shows, in order. On the front page, a `WebSite` too.
pub(super) fn collection(
    config: &Config,
    site: &Site,
    name: &str,
    url: &str,
    items: &[usize],
    front: bool,
) -> String {
    let list: Vec<Value> = items
        .iter()
        .enumerate()
        .map(|(n, &i)| {
            let b = &site.briefings[i];
            json!({
                "@type": "ListItem",
                "position": n + 1,
                "url": Route::Briefing { index: i, slug: &b.slug }.url(config),
                "name": b.title,
            })
        })
        .collect();
    let mut page = json!({
        "@type": "CollectionPage",
        "name": name,
        "url": url,
        "inLanguage": config.language,
        "isPartOf": { "@type": "WebSite", "name": config.title, "url": Route::Home { page: 1 }.url(config) },
    });
    if !list.is_empty() {
        page["mainEntity"] = json!({
            "@type": "ItemList",
            "numberOfItems": list.len(),
            "itemListElement": list,
        });
    }
    let mut graph = vec![page];
    if front {
        let mut website = json!({
            "@type": "WebSite",
            "name": config.title,
            "url": Route::Home { page: 1 }.url(config),
            "inLanguage": config.language,
            "publisher": publisher(config),
        });
        if !config.description.is_empty() {
            website["description"] = config.description.clone().into();
        }
        if config.search {
            // The site's search page takes its query from the address.
            let target = format!("{}?q={{search_term_string}}", Route::Search.url(config));
            website["potentialAction"] = json!({
                "@type": "SearchAction",
                "target": { "@type": "EntryPoint", "urlTemplate": target },
                "query-input": "required name=search_term_string",
            });
        }
        graph.insert(0, website);
    }
    // A list of top-level items, each with its context, rather than one
    // `@graph`: the same data, and the form more consumers read.
    for item in &mut graph {
        item["@context"] = "https://schema.org".into();
    }
    script_safe(&Value::Array(graph))
}

/// The site's publisher: a news organisation, with its logo and
/// corrections policy when site.toml names them.
fn publisher(config: &Config) -> Value {
    let mut org = json!({
        "@type": "NewsMediaOrganization",
        "name": config.title,
        "url": Route::Home { page: 1 }.url(config),
    });
    if let Some(logo) = &config.publisher.logo {
        org["logo"] = json!({ "@type": "ImageObject", "url": logo });
    }
    if let Some(policy) = &config.publisher.corrections_policy {
        org["correctionsPolicy"] = policy.clone().into();
    }
    org
}

/// `<`, `>` and `&` escaped as JSON unicode escapes cannot close the
/// script element or start a comment, whatever the content says.
fn script_safe(value: &Value) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
