//! What a moved briefing leaves at its old address, and the files only a
//! static host reads: redirect pages for aliases, GitHub Pages'
//! `.nojekyll`, and the `_redirects` and `_headers` of Netlify and
//! Cloudflare Pages, each in its host's documented syntax.

use quick_xml::escape::escape;

use crate::config::{Config, Host};
use crate::routes::{self, Route};
use crate::site::Site;

/// The redirect page at an old address of briefing `index`: a refresh to
/// the new URL, its canonical link, `noindex`, and a link for browsers
/// that do not follow refreshes. Valid HTML on its own.
pub fn alias_page(config: &Config, site: &Site, index: usize) -> Vec<u8> {
    let b = &site.briefings[index];
    let url = Route::Briefing {
        index,
        slug: &b.slug,
    }
    .url(config);
    let url = escape(url.as_str());
    let title = escape(b.title.as_str());
    let language = b.language_or(&config.language);
    let lang = escape(language);
    let dir = crate::i18n::dir(language);
    let t = &config.translations;
    let moved = escape(
        t.text(language, "moved_title", &[("title", &b.title)])
            .as_str(),
    )
    .into_owned();
    let has_moved = escape(t.text(language, "moved_text", &[]).as_str()).into_owned();
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\" dir=\"{dir}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{moved}</title>\n<meta name=\"robots\" content=\"noindex\">\n\
         <link rel=\"canonical\" href=\"{url}\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={url}\">\n</head>\n<body>\n\
         <p>{has_moved} <a href=\"{url}\">{title}</a>.</p>\n</body>\n</html>\n"
    )
    .into_bytes()
}

/// `.nojekyll`: empty; its presence stops GitHub Pages from running Jekyll,
/// which would hide files and folders starting with `_`.
pub fn nojekyll() -> Vec<u8> {
    Vec::new()
}

/// `_redirects`: a permanent (301) redirect from every alias to its
/// briefing, as site-absolute paths. Netlify and Cloudflare Pages read the
/// same line format: `from to status`.
pub fn redirects(config: &Config, site: &Site) -> Vec<u8> {
    let mut out = String::from("# Written by brief: old addresses of moved briefings.\n");
    for route in routes::aliases(site) {
        let Route::Alias { index, .. } = route else {
            continue;
        };
        let target = Route::Briefing {
            index,
            slug: &site.briefings[index].slug,
        };
        out.push_str(&format!(
            "{} {} 301\n",
            config.path(&encoded(&route.href())),
            config.path(&encoded(&target.href()))
        ));
    }
    out.into_bytes()
}

/// A path as it travels in a URL: each segment percent-encoded (an
/// alias may hold spaces or accents; `_redirects` splits on whitespace).
fn encoded(href: &str) -> String {
    href.split('/')
        .map(crate::util::encode_path_segment)
        .collect::<Vec<_>>()
        .join("/")
}

/// How long each kind of file may be cached.
const PAGES: &str = "public, max-age=0, must-revalidate";
const FEEDS: &str = "public, max-age=300";
const THEME: &str = "public, max-age=3600";
const STATIC: &str = "public, max-age=604800";

/// `_headers`: pages are revalidated on every visit (a briefing is news),
/// feeds (their archive documents too: a correction reaches them) and
/// OPML are cached five minutes and carry their own `Content-Type`, the theme's stylesheet an hour, `static/` files a week.
/// `static_patterns` are the paths of `static/`'s top-level entries
/// (`logo.png`, `images/*`).
///
/// The first rule covers every path; the specific ones after it replace
/// its `Cache-Control`. Netlify lets the more specific rule win; Cloudflare
/// Pages joins repeated headers with a comma unless a rule first detaches
/// the inherited one (`! Cache-Control`), which Netlify does not accept.
pub fn headers(config: &Config, host: Host, static_patterns: &[String]) -> Vec<u8> {
    let mut out = String::from("# Written by brief: caching and content types.\n");
    let rule = |out: &mut String, path: &str, lines: &[(&str, &str)]| {
        out.push_str(path);
        out.push('\n');
        if host == Host::Cloudflare && path != config.path("*") {
            out.push_str("  ! Cache-Control\n");
        }
        for (name, value) in lines {
            out.push_str(&format!("  {name}: {value}\n"));
        }
    };
    out.push_str(&format!("{}\n", config.path("*")));
    out.push_str(&format!("  Cache-Control: {PAGES}\n"));
    out.push_str("  X-Content-Type-Options: nosniff\n");
    for format in &config.feed_formats {
        let kind = format!("{}; charset=utf-8", format.mime_type());
        let name = format.file_name();
        let mut paths = vec![
            name.to_string(),
            format!("tags/:tag/{name}"),
            format!("authors/:author/{name}"),
        ];
        if config.feed_archive_size > 0 {
            paths.push(format!("{}/:number/{name}", routes::FEED_ARCHIVE_DIR));
        }
        for path in paths {
            rule(
                &mut out,
                &config.path(&path),
                &[("Content-Type", &kind), ("Cache-Control", FEEDS)],
            );
        }
    }
    if !config.feed_formats.is_empty() {
        rule(
            &mut out,
            &config.path(&Route::Opml.path()),
            &[
                ("Content-Type", "text/x-opml; charset=utf-8"),
                ("Cache-Control", FEEDS),
            ],
        );
    }
    rule(
        &mut out,
        &config.path(&Route::Asset { name: "style.css" }.path()),
        &[("Cache-Control", THEME)],
    );
    for name in static_patterns {
        rule(&mut out, &config.path(name), &[("Cache-Control", STATIC)]);
    }
    out.into_bytes()
}
