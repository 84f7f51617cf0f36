//! `sitemap-news.xml`: the briefings of the two days before the build's
//! now, for Google News, each with the publication, its date and its
//! headline.
//!
//! When no briefing is that recent, the file lists the front page alone,
//! without `<news:news>`. sitemaps.org's schema requires at least one
//! `<url>` in a `<urlset>`, and Search Console refuses an empty one
//! ("Missing XML tag: url"); a stale briefing or a made-up entry would
//! tell Google News something untrue. The front page is a real page, and
//! without news tags Google News takes nothing from it, so the file stays
//! valid against both published schemas (sitemaps.org's sitemap.xsd and
//! Google's sitemap-news.xsd: `qa/run.sh` checks it against
//! `qa/schemas/`) and holds no news entry. The file is always there when `[sitemap] news` is on, so the
//! URL named in `robots.txt` and given to Search Console never breaks.

use chrono::{DateTime, FixedOffset, TimeDelta};

use super::{document, element, finish, line, text_element};
use crate::site::Site;

/// The namespace of Google's news extension, under the prefix `news`.
const NEWS_NAMESPACE: &str = "http://www.google.com/schemas/sitemap-news/0.9";

/// How far back the news sitemap reaches: Google News wants the articles
/// published in the last two days.
pub const WINDOW: TimeDelta = TimeDelta::hours(48);

/// Google's limit on the URLs of one news sitemap.
pub const MAX_NEWS_URLS: usize = 1_000;

/// Whether a briefing dated `date` is news at `now`: dated neither after
/// `now` nor more than [`WINDOW`] before it. Both ends count: a briefing
/// exactly 48 hours old is not yet older than two days.
pub fn in_window(date: DateTime<FixedOffset>, now: DateTime<FixedOffset>) -> bool {
    date <= now && now - date <= WINDOW
}

/// The indices in `site.briefings` of the briefings the news sitemap lists
/// at `now`, newest first: those in the [window](in_window), at most the
/// newest [`MAX_NEWS_URLS`]. Drafts and scheduled briefings never, though
/// a build with `--drafts` or `--future` publishes them.
pub fn chosen(site: &Site, now: DateTime<FixedOffset>) -> Vec<usize> {
    pick(site.briefings.iter().map(|b| (b.date, b.draft)), now)
}

/// [`chosen`] over (date, draft) pairs, newest first.
fn pick(
    briefings: impl Iterator<Item = (DateTime<FixedOffset>, bool)>,
    now: DateTime<FixedOffset>,
) -> Vec<usize> {
    briefings
        .enumerate()
        .filter(|&(_, (date, draft))| !draft && in_window(date, now))
        .map(|(i, _)| i)
        .take(MAX_NEWS_URLS)
        .collect()
}

/// The publication every entry names.
pub struct Publication<'a> {
    /// The site's title.
    pub name: &'a str,
    /// The site's language, as Google News wants it (`en`, `zh-tw`).
    pub language: &'a str,
}

/// One briefing as the news sitemap shows it.
#[derive(Debug, Hash)]
pub struct Entry<'a> {
    /// The briefing's absolute URL.
    pub url: String,
    /// Its date, as a W3C date-time.
    pub date: String,
    /// Its headline.
    pub title: &'a str,
}

/// The news sitemap: a `<url>` with its `<news:news>` per entry or, with
/// no entry, `front_page` alone (see the module's comment).
pub fn render(publication: &Publication<'_>, entries: &[Entry<'_>], front_page: &str) -> Vec<u8> {
    let mut w = document("urlset", &[("news", NEWS_NAMESPACE)]);
    if entries.is_empty() {
        line(&mut w);
        element(&mut w, "url", |w| text_element(w, "loc", front_page));
    }
    for e in entries {
        line(&mut w);
        element(&mut w, "url", |w| {
            text_element(w, "loc", &e.url);
            element(w, "news:news", |w| {
                element(w, "news:publication", |w| {
                    text_element(w, "news:name", publication.name);
                    text_element(w, "news:language", publication.language);
                });
                text_element(w, "news:publication_date", &e.date);
                text_element(w, "news:title", e.title);
            });
        });
    }
    finish(w, "urlset")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn the_window_is_the_48_hours_up_to_now() {
        let now = at("2026-11-30T12:00:00Z");
        for (date, news) in [
            ("2026-11-28T12:00:00Z", true),       // exactly 48 hours old
            ("2026-11-28T12:01:00Z", true),       // a minute newer
            ("2026-11-28T11:59:00Z", false),      // a minute older
            ("2026-11-28T07:00:00-05:00", true),  // the same instant as 48 h
            ("2026-11-28T06:59:59-05:00", false), // a second before it
            ("2026-11-30T12:00:00Z", true),       // now
            ("2026-11-30T12:01:00Z", false),      // scheduled
            ("2099-01-01T00:00:00Z", false),      // far future
        ] {
            assert_eq!(in_window(at(date), now), news, "{date}");
        }
    }

    #[test]
    fn drafts_and_scheduled_briefings_never_and_the_newest_thousand_at_most() {
        let now = at("2026-11-30T12:00:00Z");
        let list = [
            (at("2026-12-01T00:00:00Z"), false), // scheduled (built with --future)
            (at("2026-11-30T11:00:00Z"), true),  // a draft (built with --drafts)
            (at("2026-11-30T10:00:00Z"), false),
            (at("2026-11-29T10:00:00Z"), false),
            (at("2026-11-20T10:00:00Z"), false), // too old
        ];
        assert_eq!(pick(list.into_iter(), now), [2, 3]);
        let minute = TimeDelta::minutes(1);
        let many = (0..MAX_NEWS_URLS as i32 + 5).map(|i| (now - minute * i, false));
        let picked = pick(many, now);
        assert_eq!(picked.len(), MAX_NEWS_URLS);
        assert_eq!(picked.last(), Some(&(MAX_NEWS_URLS - 1)), "the newest");
    }

    fn parse(bytes: &[u8]) -> String {
        let text = String::from_utf8(bytes.to_vec()).unwrap();
        roxmltree::Document::parse(&text).unwrap();
        text
    }

    const PUBLICATION: Publication<'static> = Publication {
        name: "The <Daily> & \"Co\"",
        language: "en",
    };

    #[test]
    fn entries_are_escaped_and_parse_back() {
        let title = "Rock & roll <b>\"loud\"</b> 'n' more";
        let entries = [Entry {
            url: "https://e.org/briefings/a/?x=1&y=2".into(),
            date: "2026-11-30T08:00:00-05:00".into(),
            title,
        }];
        let text = parse(&render(&PUBLICATION, &entries, "https://e.org/"));
        let doc = roxmltree::Document::parse(&text).unwrap();
        let news = "http://www.google.com/schemas/sitemap-news/0.9";
        let get = |name: &str| {
            doc.descendants()
                .find(|n| n.tag_name().namespace() == Some(news) && n.tag_name().name() == name)
                .and_then(|n| n.text())
                .unwrap()
                .to_string()
        };
        assert_eq!(get("title"), title);
        assert_eq!(get("name"), PUBLICATION.name);
        assert_eq!(get("language"), "en");
        assert_eq!(get("publication_date"), "2026-11-30T08:00:00-05:00");
        let loc = doc.descendants().find(|n| n.has_tag_name("loc")).unwrap();
        assert_eq!(loc.text(), Some("https://e.org/briefings/a/?x=1&y=2"));
        assert!(
            text.starts_with(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n  <url>"
            ),
            "{text}"
        );
        assert!(text.ends_with("</url>\n</urlset>\n"), "{text}");
    }

    #[test]
    fn with_no_entry_the_front_page_alone_without_news_tags() {
        let text = parse(&render(&PUBLICATION, &[], "https://e.org/"));
        let doc = roxmltree::Document::parse(&text).unwrap();
        let urls: Vec<_> = doc
            .root_element()
            .children()
            .filter(|n| n.is_element())
            .collect();
        assert_eq!(urls.len(), 1, "{text}");
        let children: Vec<&str> = urls[0]
            .children()
            .filter(|n| n.is_element())
            .map(|n| n.tag_name().name())
            .collect();
        assert_eq!(children, ["loc"]);
        assert_eq!(
            urls[0].first_element_child().unwrap().text(),
            Some("https://e.org/")
        );
    }
}
