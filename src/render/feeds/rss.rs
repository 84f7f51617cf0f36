//! RSS 2.0, built as data with the rss crate.

use std::collections::BTreeMap;

use ::rss::extension::Extension;
use ::rss::extension::atom::{AtomExtension, Link};
use ::rss::extension::dublincore::DublinCoreExtension;
use ::rss::{Category, Channel, Guid, Item};

use super::{BodySource, FeedSpec, HISTORY_NS, id, newest_change, permalink};
use crate::config::{Config, FeedFormat};

use crate::site::Site;

/// Renders one RSS feed as XML, appended to `out`.
pub fn render(
    config: &Config,
    site: &Site,
    bodies: &dyn BodySource,
    spec: &FeedSpec<'_>,
    out: &mut Vec<u8>,
) -> Result<(), crate::error::BuildError> {
    let chosen = spec.chosen();
    let items: Vec<Item> = chosen
        .iter()
        .map(|&i| item(config, site, i, bodies))
        .collect::<Result<_, _>>()?;
    let mut channel = Channel::default();
    channel.set_title(spec.title.clone());
    channel.set_link(spec.link.clone());
    channel.set_description(spec.description.clone());
    channel.set_language(config.language.clone());
    channel.set_generator("brief".to_string());
    // The newest briefing's date, never the wall clock.
    if let Some(newest) = newest_change(&site.briefings, chosen) {
        channel.set_last_build_date(newest.to_rfc2822());
    }
    // RFC 5005's links and archive mark, as its appendix B puts them in
    // RSS 2.0: atom:link elements and fh:archive in the channel.
    let link = |rel: &str, href: String| Link {
        href,
        rel: rel.into(),
        mime_type: Some(FeedFormat::Rss.mime_type().into()),
        ..Link::default()
    };
    let mut links = vec![link("self", spec.url(config, FeedFormat::Rss))];
    for (rel, href) in spec.history_links(config, FeedFormat::Rss) {
        links.push(link(rel, href));
    }
    channel.set_atom_ext(AtomExtension { links });
    if spec.history.archive {
        channel.set_namespaces(BTreeMap::from([("fh".to_string(), HISTORY_NS.to_string())]));
        let archive = Extension {
            name: "fh:archive".into(),
            ..Extension::default()
        };
        channel.set_extensions(BTreeMap::from([(
            "fh".to_string(),
            BTreeMap::from([("archive".to_string(), vec![archive])]),
        )]));
    }
    channel.set_items(items);
    channel
        .write_to(&mut *out)
        .expect("writing to a Vec cannot fail");
    out.push(b'\n');
    Ok(())
}

fn item(
    config: &Config,
    site: &Site,
    i: usize,
    bodies: &dyn BodySource,
) -> Result<Item, crate::error::BuildError> {
    let b = &*site.briefings[i];
    let url = permalink(config, i, b);
    let mut item = Item::default();
    item.set_title(b.title.clone());
    item.set_link(url.clone());
    // A pinned guid is an old permalink that may no longer resolve.
    item.set_guid(Guid {
        permalink: b.guid.is_none(),
        value: id(config, i, b),
    });
    item.set_pub_date(b.date.to_rfc2822());
    item.set_categories(
        site.tag_names(b)
            .map(|t| Category {
                name: t.to_string(),
                domain: None,
            })
            .collect::<Vec<_>>(),
    );
    if !b.authors.is_empty() {
        // RSS's own <author> must be an e-mail address; names go in dc:creator.
        item.set_dublin_core_ext(DublinCoreExtension {
            creators: site.author_names(b).map(str::to_string).collect(),
            ..DublinCoreExtension::default()
        });
    }
    // RSS readers take an item's description as HTML (the spec allows
    // entity-encoded HTML there), and the summary is plain text: escaped,
    // `<details>` in a summary reads as written instead of hiding the rest.
    item.set_description(quick_xml::escape::partial_escape(&b.summary).into_owned());
    if config.feed_full_content {
        item.set_content(super::item_content(config, bodies, i, b)?.into_owned());
    }
    Ok(item)
}
