//! Schema.org structured data: `NewsArticle` for a briefing page,
//! `CollectionPage` with an `ItemList` for listings, and `WebSite` on the
//! front page. Each is a JSON-LD string, safe to embed in `<script>`.
//!
//! Written from borrowed structs, their fields in the order of their JSON
//! names (the order the output has always had): building a
//! `serde_json::Value` tree for each of 15,000 pages took 4% of a cold
//! build.

use serde::Serialize;

use crate::config::Config;
use crate::routes::Route;
use crate::site::Site;

const CONTEXT: &str = "https://schema.org";

#[derive(Serialize)]
struct Article<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    author: Vec<Author<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    correction: Vec<Correction<'a>>,
    #[serde(rename = "dateModified")]
    date_modified: String,
    #[serde(rename = "datePublished")]
    date_published: String,
    description: &'a str,
    headline: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<[&'a str; 1]>,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    #[serde(rename = "isAccessibleForFree")]
    free: bool,
    keywords: Vec<&'a str>,
    #[serde(rename = "mainEntityOfPage")]
    main_entity: WebPage<'a>,
    publisher: Publisher<'a>,
    url: &'a str,
}

#[derive(Serialize)]
struct WebPage<'a> {
    #[serde(rename = "@id")]
    id: &'a str,
    #[serde(rename = "@type")]
    kind: &'static str,
}

/// A byline: a person, or the publisher when nobody is named.
#[derive(Serialize)]
#[serde(untagged)]
enum Author<'a> {
    Person(Person<'a>),
    Publisher(Publisher<'a>),
}

#[derive(Serialize)]
struct Person<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct Correction<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "datePublished")]
    date_published: String,
    text: &'a str,
}

/// The site's publisher: a news organisation, with its logo and
/// corrections policy when site.toml names them.
#[derive(Serialize)]
struct Publisher<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "correctionsPolicy", skip_serializing_if = "Option::is_none")]
    corrections_policy: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    logo: Option<ImageObject<'a>>,
    name: &'a str,
    url: String,
}

#[derive(Serialize)]
struct ImageObject<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: &'a str,
}

fn empty(s: &&str) -> bool {
    s.is_empty()
}

fn publisher(config: &Config) -> Publisher<'_> {
    Publisher {
        kind: "NewsMediaOrganization",
        corrections_policy: config.publisher.corrections_policy.as_deref(),
        logo: config.publisher.logo.as_deref().map(|url| ImageObject {
            kind: "ImageObject",
            url,
        }),
        name: &config.title,
        url: Route::Home { page: 1 }.url(config),
    }
}

/// Schema.org `NewsArticle` for briefing `index`.
pub(super) fn news_article(config: &Config, site: &Site, index: usize) -> String {
    let b = &site.briefings[index];
    let url = Route::Briefing {
        index,
        slug: &b.slug,
    }
    .url(config);
    // The lead image, else the share card (as the page's og:image), else
    // the site's default image.
    let card = config.cards.enabled.then(|| {
        Route::ShareCard {
            index,
            slug: &b.slug,
        }
        .url(config)
    });
    let image = b
        .image
        .as_ref()
        .map(|i| i.src.as_str())
        .or(card.as_deref())
        .or(config.publisher.image.as_deref());
    // Google wants an author on every article: without a byline, the
    // site's author, else the publisher itself.
    let author = if b.authors.is_empty() {
        vec![match &config.author {
            Some(name) => Author::Person(Person {
                kind: "Person",
                name,
                url: None,
            }),
            None => Author::Publisher(publisher(config)),
        }]
    } else {
        b.authors
            .iter()
            .zip(site.author_names(b))
            .map(|(author, name)| {
                Author::Person(Person {
                    kind: "Person",
                    name,
                    url: site.author(&author.slug).map(|(i, a)| {
                        Route::Author {
                            index: i,
                            slug: &a.slug,
                            page: 1,
                        }
                        .url(config)
                    }),
                })
            })
            .collect()
    };
    script_safe(&Article {
        context: CONTEXT,
        kind: "NewsArticle",
        author,
        correction: b
            .corrections
            .iter()
            .map(|c| Correction {
                kind: "CorrectionComment",
                date_published: c.date.to_rfc3339(),
                text: &c.text,
            })
            .collect(),
        date_modified: super::feeds::last_change(b).to_rfc3339(),
        date_published: b.date.to_rfc3339(),
        description: &b.summary,
        headline: &b.title,
        image: image.map(|src| [src]),
        in_language: b.language_or(&config.language),
        free: true,
        keywords: site.tag_names(b).collect(),
        main_entity: WebPage {
            id: &url,
            kind: "WebPage",
        },
        publisher: publisher(config),
        url: &url,
    })
}

/// One item of a listing's graph.
#[derive(Serialize)]
#[serde(untagged)]
enum Node<'a> {
    WebSite(WebSite<'a>),
    Collection(Collection<'a>),
}

#[derive(Serialize)]
struct WebSite<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "empty")]
    description: &'a str,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    name: &'a str,
    #[serde(rename = "potentialAction", skip_serializing_if = "Option::is_none")]
    potential_action: Option<SearchAction>,
    publisher: Publisher<'a>,
    url: String,
}

#[derive(Serialize)]
struct SearchAction {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "query-input")]
    query_input: &'static str,
    target: EntryPoint,
}

#[derive(Serialize)]
struct EntryPoint {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "urlTemplate")]
    url_template: String,
}

#[derive(Serialize)]
struct Collection<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    #[serde(rename = "isPartOf")]
    is_part_of: PartOf<'a>,
    #[serde(rename = "mainEntity", skip_serializing_if = "Option::is_none")]
    main_entity: Option<ItemList<'a>>,
    name: &'a str,
    url: &'a str,
}

#[derive(Serialize)]
struct PartOf<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: String,
}

#[derive(Serialize)]
struct ItemList<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "itemListElement")]
    elements: Vec<ListItem<'a>>,
    #[serde(rename = "numberOfItems")]
    count: usize,
}

#[derive(Serialize)]
struct ListItem<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    position: usize,
    url: String,
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
    let home = || Route::Home { page: 1 }.url(config);
    let elements: Vec<ListItem<'_>> = items
        .iter()
        .enumerate()
        .map(|(n, &i)| {
            let b = &site.briefings[i];
            ListItem {
                kind: "ListItem",
                name: &b.title,
                position: n + 1,
                url: Route::Briefing {
                    index: i,
                    slug: &b.slug,
                }
                .url(config),
            }
        })
        .collect();
    let page = Collection {
        context: CONTEXT,
        kind: "CollectionPage",
        in_language: &config.language,
        is_part_of: PartOf {
            kind: "WebSite",
            name: &config.title,
            url: home(),
        },
        main_entity: (!elements.is_empty()).then_some(ItemList {
            kind: "ItemList",
            count: elements.len(),
            elements,
        }),
        name,
        url,
    };
    // A list of top-level items, each with its context, rather than one
    // `@graph`: the same data, and the form more consumers read.
    let mut graph = Vec::with_capacity(2);
    if front {
        graph.push(Node::WebSite(WebSite {
            context: CONTEXT,
            kind: "WebSite",
            description: &config.description,
            in_language: &config.language,
            name: &config.title,
            // The site's search page takes its query from the address.
            potential_action: config.search.then(|| SearchAction {
                kind: "SearchAction",
                query_input: "required name=search_term_string",
                target: EntryPoint {
                    kind: "EntryPoint",
                    url_template: format!("{}?q={{search_term_string}}", Route::Search.url(config)),
                },
            }),
            publisher: publisher(config),
            url: home(),
        }));
    }
    graph.push(Node::Collection(page));
    script_safe(&graph)
}

/// `value` as JSON with `<`, `>` and `&` written as JSON unicode escapes:
/// it cannot close the script element or start a comment, whatever the
/// content says.
fn script_safe(value: &impl Serialize) -> String {
    // Serialising these structs to memory cannot fail.
    let json = serde_json::to_vec(value).unwrap_or_default();
    let special = |b: &u8| matches!(b, b'<' | b'>' | b'&');
    let out = if json.iter().any(special) {
        let mut out = Vec::with_capacity(json.len() + 64);
        for &b in &json {
            match b {
                b'<' => out.extend_from_slice(b"\\u003c"),
                b'>' => out.extend_from_slice(b"\\u003e"),
                b'&' => out.extend_from_slice(b"\\u0026"),
                _ => out.push(b),
            }
        }
        out
    } else {
        json
    };
    // Only ASCII escapes were added to serde_json's UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_the_data_cannot_close_the_script() {
        let text = script_safe(&["</script><!-- a & b -->"]);
        assert_eq!(
            text,
            r#"["\u003c/script\u003e\u003c!-- a \u0026 b --\u003e"]"#
        );
        let back: Vec<String> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, ["</script><!-- a & b -->"]);
    }
}
