//! Atom 1.0, written with quick-xml, element by element in the order
//! atom_syndication writes them (which `brief check` and the tests use to
//! read the feeds back).
//!
//! Not built as an `atom_syndication::Feed`: that crate escapes an entry's
//! content only through quick-xml's byte-at-a-time loop, and the feeds'
//! full bodies made it 3% of a cold build's CPU at 10,000 briefings. Here
//! the content is escaped by pulldown-cmark's SIMD escaper, as text (`<`,
//! `>`, `&`), straight into the output.

use chrono::{DateTime, FixedOffset};
use pulldown_cmark_escape::{IoWriter, escape_html_body_text};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::{BodySource, FeedSpec, HISTORY_NS, id, last_change, newest_change, permalink};
use crate::config::{Config, FeedFormat};
use crate::render::xml::write;
use crate::site::Site;

const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

type W<'a> = Writer<&'a mut Vec<u8>>;

/// `<name attrs…>text</name>`, the text escaped.
fn element(w: &mut W<'_>, name: &str, attrs: &[(&str, &str)], text: &str) {
    write(
        w,
        Event::Start(BytesStart::new(name).with_attributes(attrs.iter().copied())),
    );
    write(w, Event::Text(BytesText::new(text)));
    write(w, Event::End(BytesEnd::new(name)));
}

fn link(w: &mut W<'_>, href: &str, rel: &str, mime: &str) {
    write(
        w,
        Event::Empty(BytesStart::new("link").with_attributes([
            ("href", href),
            ("rel", rel),
            ("type", mime),
        ])),
    );
}

fn person(w: &mut W<'_>, name: &str) {
    write(w, Event::Start(BytesStart::new("author")));
    element(w, "name", &[], name);
    write(w, Event::End(BytesEnd::new("author")));
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
    let atom = FeedFormat::Atom.mime_type();
    let mut w = Writer::new(&mut *out);
    write(&mut w, Event::Decl(BytesDecl::new("1.0", None, None)));
    w.get_mut().push(b'\n');
    let mut feed = BytesStart::new("feed");
    feed.push_attribute(("xmlns", ATOM_NS));
    // An archive document is part of the subscription feed: it shares
    // its id, links to it as `current`, and carries `fh:archive`.
    if spec.history.archive {
        feed.push_attribute(("xmlns:fh", HISTORY_NS));
    }
    feed.push_attribute(("xml:lang", config.language.as_str()));
    write(&mut w, Event::Start(feed));
    element(&mut w, "title", &[], &spec.title);
    element(
        &mut w,
        "id",
        &[],
        &spec.current(FeedFormat::Atom).url(config),
    );
    // An empty feed still needs a date; the epoch keeps rebuilds identical.
    let updated = newest_change(&site.briefings, chosen)
        .unwrap_or_else(|| DateTime::<FixedOffset>::from(DateTime::UNIX_EPOCH));
    element(&mut w, "updated", &[], &updated.to_rfc3339());
    // Atom wants an author for every entry: the feed's stands in for
    // briefings that name none.
    person(&mut w, config.author.as_deref().unwrap_or(&config.title));
    element(&mut w, "generator", &[], "brief");
    link(&mut w, &spec.link, "alternate", "text/html");
    link(&mut w, &spec.url(config, FeedFormat::Atom), "self", atom);
    for (rel, href) in spec.history_links(config, FeedFormat::Atom) {
        link(&mut w, &href, rel, atom);
    }
    if !spec.description.is_empty() {
        element(&mut w, "subtitle", &[], &spec.description);
    }
    for &i in chosen {
        entry(&mut w, config, site, i, bodies)?;
    }
    if spec.history.archive {
        write(&mut w, Event::Start(BytesStart::new("fh:archive")));
        write(&mut w, Event::End(BytesEnd::new("fh:archive")));
    }
    write(&mut w, Event::End(BytesEnd::new("feed")));
    out.push(b'\n');
    Ok(())
}

fn entry(
    w: &mut W<'_>,
    config: &Config,
    site: &Site,
    i: usize,
    bodies: &dyn BodySource,
) -> Result<(), crate::error::BuildError> {
    let b = &*site.briefings[i];
    // Atom has no language on <entry> itself: a briefing in its own
    // language marks its title, summary and content (xml:lang).
    let lang: &[(&str, &str)] = match b.own_language(&config.language) {
        Some(lang) => &[("xml:lang", lang)],
        None => &[],
    };
    write(w, Event::Start(BytesStart::new("entry")));
    element(w, "title", lang, &b.title);
    element(w, "id", &[], &id(config, i, b));
    element(w, "updated", &[], &last_change(b).to_rfc3339());
    for name in site.author_names(b) {
        person(w, name);
    }
    for term in site.tag_names(b) {
        write(
            w,
            Event::Empty(BytesStart::new("category").with_attributes([("term", term)])),
        );
    }
    link(w, &permalink(config, i, b), "alternate", "text/html");
    element(w, "published", &[], &b.date.to_rfc3339());
    if !b.summary.is_empty() {
        element(w, "summary", lang, &b.summary);
    }
    if config.feed_full_content {
        let html = super::item_content(config, bodies, i, b)?;
        let mut start = BytesStart::new("content").with_attributes(lang.iter().copied());
        start.push_attribute(("type", "html"));
        write(w, Event::Start(start));
        escape_html_body_text(IoWriter(w.get_mut()), &html).expect("writing to a Vec cannot fail");
        write(w, Event::End(BytesEnd::new("content")));
    }
    write(w, Event::End(BytesEnd::new("entry")));
    Ok(())
}
