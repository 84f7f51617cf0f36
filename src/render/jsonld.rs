//! Schema.org structured data for a briefing page.

use crate::config::Config;
use crate::routes::Route;
use crate::site::Site;

/// Schema.org `NewsArticle` for briefing `index`, safe to embed in
/// `<script>`.
pub(super) fn news_article(config: &Config, site: &Site, index: usize) -> String {
    let b = &site.briefings[index];
    let url = Route::Briefing {
        index,
        slug: &b.slug,
    }
    .url(config);
    let mut value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": b.title,
        "datePublished": b.date.to_rfc3339(),
        "dateModified": b.updated.unwrap_or(b.date).to_rfc3339(),
        "url": url,
        "mainEntityOfPage": url,
        "description": b.summary,
        "keywords": site.tag_names(b).collect::<Vec<_>>(),
        "publisher": {
            "@type": "Organization",
            "name": config.title,
            "url": Route::Home { page: 1 }.url(config),
        },
    });
    if !b.authors.is_empty() {
        value["author"] = b
            .authors
            .iter()
            .map(|author| {
                let mut person = serde_json::json!({ "@type": "Person", "name": author.name });
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
    if let Some(img) = &b.image {
        value["image"] = serde_json::json!([img.src]);
    }
    // `<`, `>` and `&` escaped as JSON unicode escapes cannot close the
    // script element or start a comment, whatever the content says.
    serde_json::to_string(&value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
