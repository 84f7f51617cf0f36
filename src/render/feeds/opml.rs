//! `feeds.opml`: the site feed, every tag feed and every author feed, so
//! that a reader can subscribe to chosen topics and writers in one import.
//! Written with quick-xml, which escapes every attribute.

use std::io::Write;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use crate::config::{Config, FeedFormat};
use crate::render::xml::write;
use crate::routes::Route;
use crate::site::Site;

type W = Writer<Vec<u8>>;

/// A newline and `depth` levels of two-space indentation.
fn line(w: &mut W, depth: usize) {
    let _ = w.get_mut().write_all(b"\n");
    let _ = w.get_mut().write_all(&b"  ".repeat(depth));
}

/// One feed's outline.
fn outline(w: &mut W, depth: usize, format: FeedFormat, title: &str, feed: &str, page: &str) {
    let kind = match format {
        FeedFormat::Rss => "rss",
        FeedFormat::Atom => "atom",
        FeedFormat::Json => "json",
    };
    line(w, depth);
    write(
        w,
        Event::Empty(BytesStart::new("outline").with_attributes([
            ("type", kind),
            ("text", title),
            ("title", title),
            ("xmlUrl", feed),
            ("htmlUrl", page),
        ])),
    );
}

/// A titled group of outlines, left out when it is empty. A folder carries
/// only `text`: the W3C feed validator warns about an outline with a
/// `title` but no `type`.
fn group(w: &mut W, title: &str, feeds: &[(String, String, String)], format: FeedFormat) {
    if feeds.is_empty() {
        return;
    }
    line(w, 2);
    write(
        w,
        Event::Start(BytesStart::new("outline").with_attributes([("text", title)])),
    );
    for (title, feed, page) in feeds {
        outline(w, 3, format, title, feed, page);
    }
    line(w, 2);
    write(w, Event::End(BytesEnd::new("outline")));
}

/// The OPML 2.0 document listing the site's feeds in `format`.
pub fn render(config: &Config, site: &Site, format: FeedFormat) -> Vec<u8> {
    let mut w = Writer::new(Vec::with_capacity(4096));
    write(
        &mut w,
        Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)),
    );
    line(&mut w, 0);
    write(
        &mut w,
        Event::Start(BytesStart::new("opml").with_attributes([("version", "2.0")])),
    );
    line(&mut w, 1);
    write(&mut w, Event::Start(BytesStart::new("head")));
    line(&mut w, 2);
    write(&mut w, Event::Start(BytesStart::new("title")));
    write(
        &mut w,
        Event::Text(BytesText::new(&format!("{} feeds", config.title))),
    );
    write(&mut w, Event::End(BytesEnd::new("title")));
    if let Some(newest) = site.newest() {
        line(&mut w, 2);
        write(&mut w, Event::Start(BytesStart::new("dateModified")));
        write(
            &mut w,
            Event::Text(BytesText::new(&newest.date.to_rfc2822())),
        );
        write(&mut w, Event::End(BytesEnd::new("dateModified")));
    }
    line(&mut w, 1);
    write(&mut w, Event::End(BytesEnd::new("head")));
    line(&mut w, 1);
    write(&mut w, Event::Start(BytesStart::new("body")));
    outline(
        &mut w,
        2,
        format,
        &config.title,
        &Route::Feed { format }.url(config),
        &Route::Home { page: 1 }.url(config),
    );
    let tags: Vec<(String, String, String)> = site
        .tags
        .iter()
        .enumerate()
        .map(|(index, t)| {
            let slug = t.slug.as_str();
            (
                format!("{} — {}", config.title, t.name),
                Route::TagFeed {
                    index,
                    slug,
                    format,
                }
                .url(config),
                Route::Tag {
                    index,
                    slug,
                    page: 1,
                }
                .url(config),
            )
        })
        .collect();
    group(&mut w, "Tags", &tags, format);
    let authors: Vec<(String, String, String)> = site
        .authors
        .iter()
        .enumerate()
        .map(|(index, a)| {
            let slug = a.slug.as_str();
            (
                format!("{} — {}", config.title, a.name),
                Route::AuthorFeed {
                    index,
                    slug,
                    format,
                }
                .url(config),
                Route::Author {
                    index,
                    slug,
                    page: 1,
                }
                .url(config),
            )
        })
        .collect();
    group(&mut w, "Authors", &authors, format);
    line(&mut w, 1);
    write(&mut w, Event::End(BytesEnd::new("body")));
    line(&mut w, 0);
    write(&mut w, Event::End(BytesEnd::new("opml")));
    let mut out = w.into_inner();
    out.push(b'\n');
    out
}
