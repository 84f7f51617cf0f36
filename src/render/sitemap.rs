//! `sitemap.xml` (split into an index past 50,000 URLs, the protocol's
//! limit), the Google News sitemap ([`news`]) and `robots.txt`.

pub mod news;

use std::io::Write;

use quick_xml::Writer;
use quick_xml::escape::escape;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::xml::write;

pub use crate::routes::MAX_URLS;

const NAMESPACE: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// One page in the sitemap: absolute URL and W3C date-time of last change.
pub struct Entry {
    /// The page's absolute URL.
    pub url: String,
    /// When the page last changed, as a W3C date-time, if known.
    pub lastmod: Option<String>,
}

/// The files to write, by output path: `sitemap.xml` alone, or the parts
/// (`part_paths`, one per [`MAX_URLS`] entries) plus `sitemap.xml` as their
/// index. `url_of` gives a part's absolute URL from its path.
pub fn render(
    entries: &[Entry],
    part_paths: &[String],
    url_of: &dyn Fn(&str) -> String,
) -> Vec<(String, Vec<u8>)> {
    if entries.len() <= MAX_URLS || part_paths.is_empty() {
        return vec![("sitemap.xml".into(), urlset(entries))];
    }
    let mut files = Vec::new();
    let mut index = document("sitemapindex", &[]);
    for (chunk, name) in entries.chunks(MAX_URLS).zip(part_paths) {
        line(&mut index);
        element(&mut index, "sitemap", |w| {
            text_element(w, "loc", &url_of(name));
        });
        files.push((name.clone(), urlset(chunk)));
    }
    files.push(("sitemap.xml".into(), finish(index, "sitemapindex")));
    files
}

/// A writer holding the XML declaration and the opened root element, in
/// the sitemap namespace and declaring `extensions` (prefix, namespace).
fn document(root: &str, extensions: &[(&str, &str)]) -> Writer<Vec<u8>> {
    let mut w = Writer::new(Vec::with_capacity(4096));
    write(
        &mut w,
        Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)),
    );
    w.get_mut().push(b'\n');
    let mut start = BytesStart::new(root).with_attributes([("xmlns", NAMESPACE)]);
    for (prefix, namespace) in extensions {
        start.push_attribute((format!("xmlns:{prefix}").as_str(), *namespace));
    }
    write(&mut w, Event::Start(start));
    w
}

fn finish(mut w: Writer<Vec<u8>>, root: &str) -> Vec<u8> {
    w.get_mut().push(b'\n');
    write(&mut w, Event::End(BytesEnd::new(root)));
    let mut out = w.into_inner();
    out.push(b'\n');
    out
}

/// Starts an entry on its own, indented line.
fn line(w: &mut Writer<Vec<u8>>) {
    let _ = w.get_mut().write_all(b"\n  ");
}

fn element(w: &mut Writer<Vec<u8>>, name: &str, inner: impl FnOnce(&mut Writer<Vec<u8>>)) {
    write(w, Event::Start(BytesStart::new(name)));
    inner(w);
    write(w, Event::End(BytesEnd::new(name)));
}

fn text_element(w: &mut Writer<Vec<u8>>, name: &str, text: &str) {
    element(w, name, |w| {
        write(w, Event::Text(BytesText::from_escaped(escape(text))));
    });
}

fn urlset(entries: &[Entry]) -> Vec<u8> {
    let mut w = document("urlset", &[]);
    // Sized once: doubling from 4 KB to the 2.5 MB of 16,000 URLs copied
    // it ten times into fresh memory. An entry's markup is 25 bytes, 19
    // more with a `lastmod`, its text aside (counted here with room for
    // a little escaping).
    let size: usize = entries
        .iter()
        .map(|e| 30 + e.url.len() + e.lastmod.as_ref().map_or(0, |l| 21 + l.len()))
        .sum();
    w.get_mut().reserve(size + 16);
    for e in entries {
        line(&mut w);
        element(&mut w, "url", |w| {
            text_element(w, "loc", &e.url);
            if let Some(lastmod) = &e.lastmod {
                text_element(w, "lastmod", lastmod);
            }
        });
    }
    finish(w, "urlset")
}

/// `robots.txt`: allow everything and name the sitemaps, one a line.
pub fn robots(sitemap_urls: &[String]) -> Vec<u8> {
    let mut text = String::from("User-agent: *\nAllow: /\n\n");
    for url in sitemap_urls {
        text.push_str(&format!("Sitemap: {url}\n"));
    }
    text.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_splits() {
        let e = vec![Entry {
            url: "https://e.org/?a=1&b=2".into(),
            lastmod: Some("2025-01-01T00:00:00+00:00".into()),
        }];
        let files = render(&e, &[], &|n| format!("https://e.org/{n}"));
        let text = String::from_utf8(files[0].1.clone()).unwrap();
        assert!(text.contains("<loc>https://e.org/?a=1&amp;b=2</loc>"));
        let many: Vec<Entry> = (0..MAX_URLS + 1)
            .map(|i| Entry {
                url: format!("https://e.org/{i}"),
                lastmod: None,
            })
            .collect();
        let parts = ["sitemap-1.xml".to_string(), "sitemap-2.xml".to_string()];
        let files = render(&many, &parts, &|n| format!("https://e.org/{n}"));
        assert_eq!(files.len(), 3);
        assert_eq!(files[2].0, "sitemap.xml");
        assert!(String::from_utf8_lossy(&files[2].1).contains("sitemap-2.xml"));
        let doc = String::from_utf8(files[2].1.clone()).unwrap();
        assert!(
            doc.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=")
        );
        assert!(doc.ends_with("</sitemap>\n</sitemapindex>\n"), "{doc}");
    }

    #[test]
    fn robots_names_every_sitemap() {
        let urls = [
            "https://e.org/sitemap.xml".to_string(),
            "https://e.org/sitemap-news.xml".into(),
        ];
        assert_eq!(
            String::from_utf8(robots(&urls)).unwrap(),
            "User-agent: *\nAllow: /\n\nSitemap: https://e.org/sitemap.xml\nSitemap: https://e.org/sitemap-news.xml\n"
        );
    }
}
