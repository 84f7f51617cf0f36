//! Links to a tag's or an author's page and feed, as cards and bylines
//! show them, and the shared Tera values of every one of a site's.

use serde::Serialize;
use tera::Value;

use crate::config::Config;
use crate::content::Term;
use crate::routes::{self, Route};
use crate::site::Site;

/// A link to a tag or an author: its page and its feed.
#[derive(Debug, Serialize)]
pub struct TagRef<'a> {
    /// The display name: the site's chosen spelling.
    pub name: &'a str,
    /// The URL slug the tag's page and feed are published under.
    pub slug: &'a str,
    /// The absolute URL of its page.
    pub url: String,
    /// The absolute URL of its feed, in the primary format.
    pub feed_url: String,
}

/// An author in a byline: a link to the author's page when the name has
/// one (a name with no letters or digits has none).
#[derive(Debug, Serialize)]
pub struct AuthorRef<'a> {
    /// The name as this briefing writes it.
    pub name: &'a str,
    /// The URL slug of the author's page, or none when the name has no page.
    pub slug: Option<&'a str>,
    /// The absolute URL of the author's page, or none when the name has none.
    pub url: Option<String>,
    /// The absolute URL of the author's feed, in the primary format, or none
    /// when the name has no page.
    pub feed_url: Option<String>,
}

/// The link to tag `index` of the site.
pub fn tag_ref<'a>(config: &Config, site: &'a Site, index: usize) -> TagRef<'a> {
    let t = &site.tags[index];
    let slug = t.slug.as_str();
    TagRef {
        name: &t.name,
        slug,
        url: Route::Tag {
            index,
            slug,
            page: 1,
        }
        .url(config),
        feed_url: Route::TagFeed {
            index,
            slug,
            format: routes::primary_format(config),
        }
        .url(config),
    }
}

/// The byline entry for `author`, named the site's chosen way.
pub fn author_ref<'a>(config: &Config, site: &'a Site, author: &'a Term) -> AuthorRef<'a> {
    let name = author.name.as_str();
    match site.author(&author.slug) {
        Some((index, a)) => {
            let slug = a.slug.as_str();
            AuthorRef {
                name: &a.name,
                slug: Some(slug),
                url: Some(
                    Route::Author {
                        index,
                        slug,
                        page: 1,
                    }
                    .url(config),
                ),
                feed_url: Some(
                    Route::AuthorFeed {
                        index,
                        slug,
                        format: routes::primary_format(config),
                    }
                    .url(config),
                ),
            }
        }
        None => AuthorRef {
            name,
            slug: None,
            url: None,
            feed_url: None,
        },
    }
}

/// The links to every tag and author page, made once per render as Tera
/// values. A card holds a clone of the value (a reference count), not a
/// copy: at 10,000 briefings the copies were 28 MB of the cards' 46 MB.
pub struct Refs {
    pub(super) tags: Vec<Value>,
    authors: Vec<Value>,
}

impl Refs {
    /// The links of `site`'s tags and authors.
    pub fn new(config: &Config, site: &Site) -> Refs {
        Refs {
            tags: (0..site.tags.len())
                .map(|i| Value::from_serializable(&tag_ref(config, site, i)))
                .collect(),
            authors: site
                .authors
                .iter()
                .map(|a| {
                    let term = Term {
                        name: a.name.clone(),
                        slug: a.slug.clone(),
                        at: None,
                    };
                    Value::from_serializable(&author_ref(config, site, &term))
                })
                .collect(),
        }
    }

    /// The byline entry for `author`: the author's, in the site's chosen
    /// spelling, however the briefing spells the name.
    pub(super) fn author(&self, config: &Config, site: &Site, author: &Term) -> Value {
        match site.author(&author.slug) {
            Some((i, _)) => self.authors[i].clone(),
            None => Value::from_serializable(&author_ref(config, site, author)),
        }
    }
}
