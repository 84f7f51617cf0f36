//! `sitemap.xml` (split into an index past 50,000 URLs, the protocol's
//! limit) and `robots.txt`.

use quick_xml::escape::escape;

/// URLs per sitemap file, per the sitemaps.org protocol.
pub const MAX_URLS: usize = 50_000;

/// One page in the sitemap: absolute URL and W3C date-time of last change.
pub struct Entry {
    pub url: String,
    pub lastmod: Option<String>,
}

/// The files to write: `sitemap.xml` alone, or an index plus parts.
pub fn render(entries: &[Entry], url_of: &dyn Fn(&str) -> String) -> Vec<(String, Vec<u8>)> {
    if entries.len() <= MAX_URLS {
        return vec![("sitemap.xml".into(), urlset(entries))];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (n, chunk) in entries.chunks(MAX_URLS).enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        index.push_str(&format!(
            "  <sitemap><loc>{}</loc></sitemap>\n",
            escape(url_of(&name).as_str())
        ));
        files.push((name, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.push(("sitemap.xml".into(), index.into_bytes()));
    files
}

fn urlset(entries: &[Entry]) -> Vec<u8> {
    let mut out = String::with_capacity(120 * entries.len() + 200);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for e in entries {
        out.push_str("  <url><loc>");
        out.push_str(&escape(e.url.as_str()));
        out.push_str("</loc>");
        if let Some(lastmod) = &e.lastmod {
            out.push_str("<lastmod>");
            out.push_str(lastmod);
            out.push_str("</lastmod>");
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out.into_bytes()
}

/// `robots.txt`: allow everything and name the sitemap.
pub fn robots(sitemap_url: &str) -> Vec<u8> {
    format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n").into_bytes()
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
        let files = render(&e, &|n| format!("https://e.org/{n}"));
        let text = String::from_utf8(files[0].1.clone()).unwrap();
        assert!(text.contains("<loc>https://e.org/?a=1&amp;b=2</loc>"));
        let many: Vec<Entry> = (0..MAX_URLS + 1)
            .map(|i| Entry {
                url: format!("https://e.org/{i}"),
                lastmod: None,
            })
            .collect();
        let files = render(&many, &|n| format!("https://e.org/{n}"));
        assert_eq!(files.len(), 3);
        assert_eq!(files[2].0, "sitemap.xml");
        assert!(String::from_utf8_lossy(&files[2].1).contains("sitemap-2.xml"));
    }
}
