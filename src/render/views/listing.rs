//! The views of pages that list briefings: the paginator, tag and author
//! pages and the archive's years and months.

use serde::Serialize;
use tera::Value;

use crate::config::Config;
use crate::routes::{self, Route};
use crate::site::{Group, Site};

/// One entry in a paginator's page list.
#[derive(Debug, Serialize)]
pub struct PageLink {
    /// The page's number, from 1.
    pub number: usize,
    /// The absolute URL of the page.
    pub url: String,
    /// Whether this is the page being rendered.
    pub current: bool,
    /// Whether numbers were skipped before this one.
    pub gap_before: bool,
}

/// `paginator`, on the front page and tag pages.
#[derive(Debug, Serialize)]
pub struct Paginator {
    /// This page's number, from 1.
    pub number: usize,
    /// How many pages the listing has.
    pub total_pages: usize,
    /// How many briefings the listing holds, on all its pages.
    pub total_items: usize,
    /// How many briefings a full page holds.
    pub per_page: usize,
    /// The briefing cards on this page.
    pub items: Value,
    /// The absolute URL of the page before this one, or none on the first.
    pub previous_url: Option<String>,
    /// The absolute URL of the page after this one, or none on the last.
    pub next_url: Option<String>,
    /// The absolute URL of the first page.
    pub first_url: String,
    /// The absolute URL of the last page.
    pub last_url: String,
    /// The first, the last, and the pages near this one.
    pub pages: Vec<PageLink>,
}

/// How many page numbers either side of the current one are listed.
const PAGE_WINDOW: usize = 2;

/// Builds a paginator. `url_of(n)` is the absolute URL of page `n`.
pub fn paginator(
    number: usize,
    total_pages: usize,
    total_items: usize,
    per_page: usize,
    items: Value,
    url_of: &dyn Fn(usize) -> String,
) -> Paginator {
    let mut numbers = vec![1, total_pages];
    numbers.extend(
        number.saturating_sub(PAGE_WINDOW).max(1)..=(number + PAGE_WINDOW).min(total_pages),
    );
    numbers.sort_unstable();
    numbers.dedup();
    let mut last_listed = 0;
    let pages = numbers
        .into_iter()
        .map(|n| {
            let link = PageLink {
                number: n,
                url: url_of(n),
                current: n == number,
                gap_before: n > last_listed + 1,
            };
            last_listed = n;
            link
        })
        .collect();
    Paginator {
        number,
        total_pages,
        total_items,
        per_page,
        items,
        previous_url: (number > 1).then(|| url_of(number - 1)),
        next_url: (number < total_pages).then(|| url_of(number + 1)),
        first_url: url_of(1),
        last_url: url_of(total_pages),
        pages,
    }
}

/// A tag on the tag index and tag pages, or an author on author pages.
#[derive(Debug, Serialize)]
pub struct TagView<'a> {
    /// The display name: the site's chosen spelling.
    pub name: &'a str,
    /// The URL slug its page and feed are published under.
    pub slug: &'a str,
    /// The absolute URL of its first page.
    pub url: String,
    /// The absolute URL of its feed, in the primary format.
    pub feed_url: String,
    /// How many briefings carry it.
    pub count: usize,
}

fn group_view<'a>(
    group: &'a Group,
    page: Route<'_>,
    feed: Route<'_>,
    config: &Config,
) -> TagView<'a> {
    TagView {
        name: &group.name,
        slug: &group.slug,
        url: page.url(config),
        feed_url: feed.url(config),
        count: group.briefings.len(),
    }
}

/// Tag `index` of the site, for the tag index and its page.
pub fn tag_view<'a>(config: &Config, site: &'a Site, index: usize) -> TagView<'a> {
    let t = &site.tags[index];
    let slug = t.slug.as_str();
    group_view(
        t,
        Route::Tag {
            index,
            slug,
            page: 1,
        },
        Route::TagFeed {
            index,
            slug,
            format: routes::primary_format(config),
        },
        config,
    )
}

/// Author `index` of the site, for the author's page.
pub fn author_view<'a>(config: &Config, site: &'a Site, index: usize) -> TagView<'a> {
    let a = &site.authors[index];
    let slug = a.slug.as_str();
    group_view(
        a,
        Route::Author {
            index,
            slug,
            page: 1,
        },
        Route::AuthorFeed {
            index,
            slug,
            format: routes::primary_format(config),
        },
        config,
    )
}

/// A month of `archive`.
#[derive(Debug, Serialize)]
pub struct MonthView {
    /// The year the month is in, e.g. `2025`.
    pub year: i32,
    /// The month of the year, from 1 (January) to 12.
    pub month: u32,
    /// The month's name: `August`.
    pub name: String,
    /// Briefing cards, newest first.
    pub briefings: Value,
}

/// A year of `archive`.
#[derive(Debug, Serialize)]
pub struct YearView {
    /// The year, e.g. `2025`.
    pub year: i32,
    /// How many briefings were published in the year.
    pub count: usize,
    /// The year's months that have briefings, newest first.
    pub months: Vec<MonthView>,
}

/// The month's name standing alone in `lang`: `August`, `Diciembre`.
pub fn month_name(lang: &str, month: u32) -> String {
    crate::i18n::dates::month_name(lang, month)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paginator_lists_a_window_not_every_page() {
        let p = paginator(50, 100, 1000, 10, Value::none(), &|n| format!("/p/{n}"));
        let numbers: Vec<_> = p.pages.iter().map(|l| (l.number, l.gap_before)).collect();
        assert_eq!(
            numbers,
            [
                (1, false),
                (48, true),
                (49, false),
                (50, false),
                (51, false),
                (52, false),
                (100, true)
            ]
        );
        assert_eq!(p.previous_url.as_deref(), Some("/p/49"));
        let p = paginator(1, 1, 3, 10, Value::none(), &|n| format!("/p/{n}"));
        assert_eq!(p.pages.len(), 1);
        assert!(p.previous_url.is_none() && p.next_url.is_none());
    }
}

/// What `search.html` gets as `search`.
#[derive(Debug, Serialize)]
pub struct SearchView {
    /// What the search page's script says, as JSON: `{name: text}`, or
    /// `{name: {category: text}}` for a text with plural forms.
    pub words: String,
    /// The site's base URL: result links are below it.
    pub base: String,
    /// The URL of each part of the search index, newest first.
    pub parts: Vec<String>,
    /// Every tag's display name, by name.
    pub tags: Vec<String>,
    /// Every year with briefings, newest first.
    pub years: Vec<i32>,
    /// How many briefings the index holds.
    pub count: usize,
}
