//! `feeds.opml`: the site feed and every tag feed, so that a reader can
//! subscribe to chosen topics in one import.

use quick_xml::escape::escape;

use crate::config::{Config, FeedFormat};
use crate::site::Site;

/// One outline: (title, feed URL, page URL).
fn outline(out: &mut String, format: FeedFormat, title: &str, xml_url: &str, html_url: &str) {
    let kind = match format {
        FeedFormat::Rss => "rss",
        FeedFormat::Atom => "atom",
        FeedFormat::Json => "json",
    };
    out.push_str(&format!(
        "    <outline type=\"{kind}\" text=\"{t}\" title=\"{t}\" xmlUrl=\"{x}\" htmlUrl=\"{h}\"/>\n",
        t = escape(title),
        x = escape(xml_url),
        h = escape(html_url),
    ));
}

/// The OPML 2.0 document listing the feeds in `format`.
pub fn render(config: &Config, site: &Site, format: FeedFormat) -> Vec<u8> {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n");
    out.push_str(&format!(
        "    <title>{} feeds</title>\n",
        escape(config.title.as_str())
    ));
    if let Some(newest) = site.newest() {
        out.push_str(&format!(
            "    <dateModified>{}</dateModified>\n",
            newest.date.to_rfc2822()
        ));
    }
    out.push_str("  </head>\n  <body>\n");
    outline(
        &mut out,
        format,
        &config.title,
        &config.url(format.file_name()),
        &config.url(""),
    );
    out.push_str("    <outline text=\"Tags\" title=\"Tags\">\n");
    for t in &site.tags {
        out.push_str("  ");
        outline(
            &mut out,
            format,
            &format!("{} — {}", config.title, t.name),
            &config.url(&format!("tags/{}/{}", t.slug, format.file_name())),
            &config.url(&format!("tags/{}/", t.slug)),
        );
    }
    out.push_str("    </outline>\n  </body>\n</opml>\n");
    out.into_bytes()
}
