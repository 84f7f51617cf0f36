//! Atom 1.0, built as data with the atom_syndication crate.

use std::collections::BTreeMap;

use atom_syndication::extension::Extension;
use atom_syndication::{Category, Content, Entry, Feed, Generator, Link, Person, Text};
use chrono::{DateTime, FixedOffset};

use super::{BodySource, FeedSpec, HISTORY_NS, id, last_change, newest_change, permalink};
use crate::config::{Config, FeedFormat};

use crate::site::Site;

fn link(href: String, rel: &str, mime: &str) -> Link {
    Link {
        href,
        rel: rel.into(),
        mime_type: Some(mime.into()),
        ..Link::default()
    }
}

fn person(name: &str) -> Person {
    Person {
        name: name.into(),
        ..Person::default()
    }
}

/// Renders one Atom feed as XML, appended to `out`.
pub fn render(
    config: &Config,
    site: &Site,
    bodies: &dyn BodySource,
    spec: &FeedSpec<'_>,
    out: &mut Vec<u8>,
) -> Result<(), crate::error::BuildError> {
    let chosen = spec.chosen();
    let self_url = spec.url(config, FeedFormat::Atom);
    // An archive document is part of the subscription feed: it shares
    // its id, links to it as `current`, and carries `fh:archive`.
    let feed_id = spec.current(FeedFormat::Atom).url(config);
    let mut links = vec![
        link(spec.link.clone(), "alternate", "text/html"),
        link(self_url, "self", FeedFormat::Atom.mime_type()),
    ];
    for (rel, href) in spec.history_links(config, FeedFormat::Atom) {
        links.push(link(href, rel, FeedFormat::Atom.mime_type()));
    }
    let (namespaces, extensions) = match spec.history.archive {
        false => Default::default(),
        true => (
            BTreeMap::from([("fh".to_string(), HISTORY_NS.to_string())]),
            BTreeMap::from([(
                "fh".to_string(),
                BTreeMap::from([(
                    "archive".to_string(),
                    vec![Extension {
                        name: "fh:archive".into(),
                        ..Extension::default()
                    }],
                )]),
            )]),
        ),
    };
    // An empty feed still needs a date; the epoch keeps rebuilds identical.
    let updated = newest_change(&site.briefings, chosen)
        .unwrap_or_else(|| DateTime::<FixedOffset>::from(DateTime::UNIX_EPOCH));
    // Atom wants an author for every entry: the feed's stands in for
    // briefings that name none.
    let feed_author = config.author.as_deref().unwrap_or(&config.title);
    let feed = Feed {
        title: Text::plain(spec.title.clone()),
        id: feed_id,
        updated,
        authors: vec![person(feed_author)],
        generator: Some(Generator {
            value: "brief".into(),
            ..Generator::default()
        }),
        links,
        subtitle: (!spec.description.is_empty()).then(|| Text::plain(spec.description.clone())),
        lang: Some(config.language.clone()),
        entries: chosen
            .iter()
            .map(|&i| entry(config, site, i, bodies))
            .collect::<Result<_, _>>()?,
        extensions,
        namespaces,
        ..Feed::default()
    };
    feed.write_to(&mut *out)
        .expect("writing to a Vec cannot fail");
    out.push(b'\n');
    Ok(())
}

fn entry(
    config: &Config,
    site: &Site,
    i: usize,
    bodies: &dyn BodySource,
) -> Result<Entry, crate::error::BuildError> {
    let b = &*site.briefings[i];
    let content = match config.feed_full_content {
        true => Some(super::item_content(config, bodies, i, b)?),
        false => None,
    };
    // Atom has no language on <entry> itself: a briefing in its own
    // language marks its title, summary and content (xml:lang).
    let lang = b.own_language(&config.language).map(str::to_string);
    let text = |s: &str| Text {
        lang: lang.clone(),
        ..Text::plain(s)
    };
    Ok(Entry {
        title: text(&b.title),
        id: id(config, i, b),
        updated: last_change(b),
        published: Some(b.date),
        authors: site.author_names(b).map(person).collect(),
        categories: site
            .tag_names(b)
            .map(|t| Category {
                term: t.to_string(),
                ..Category::default()
            })
            .collect(),
        links: vec![link(permalink(config, i, b), "alternate", "text/html")],
        summary: (!b.summary.is_empty()).then(|| text(&b.summary)),
        content: content.map(|html| Content {
            value: Some(html),
            content_type: Some("html".into()),
            lang: lang.clone(),
            ..Content::default()
        }),
        ..Entry::default()
    })
}
