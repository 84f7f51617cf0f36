//! What the pages that list briefings share: paginators, the archive's
//! years and months, and which items a page shows.

use tera::Value;

use super::{Shared, feed_links};
use crate::config::FeedFormat;
use crate::error::BuildError;
use crate::render::views;
use crate::routes::{Route, page_count};

/// Whose briefings a group page lists: a tag's or an author's. The two
/// pages differ only in the names this chooses.
#[derive(Debug, Clone, Copy)]
pub(super) enum GroupKind {
    Tag,
    Author,
}

impl Shared<'_> {
    /// Page `page` of a tag's or an author's briefings (group `index` of
    /// that kind, published under `slug`).
    pub(super) fn group_page(
        &self,
        kind: GroupKind,
        index: usize,
        slug: &str,
        page: usize,
        route: Route<'_>,
    ) -> Result<(), BuildError> {
        let (config, site) = (self.config, self.site);
        // The page kind, its template and its view's name; the description.
        let (name, describes, group, view, feed) = match kind {
            GroupKind::Tag => (
                "tag",
                "briefings_tagged",
                &site.tags[index],
                views::tag_view(config, site, index),
                Route::TagFeed {
                    index,
                    slug,
                    format: FeedFormat::Rss,
                },
            ),
            GroupKind::Author => (
                "author",
                "briefings_by",
                &site.authors[index],
                views::author_view(config, site, index),
                Route::AuthorFeed {
                    index,
                    slug,
                    format: FeedFormat::Rss,
                },
            ),
        };
        let page_of = |page| match kind {
            GroupKind::Tag => Route::Tag { index, slug, page },
            GroupKind::Author => Route::Author { index, slug, page },
        };
        let title = if page == 1 {
            group.name.clone()
        } else {
            self.word("page_suffix", Some(page), &[("title", &group.name)])
        };
        let description = self.word(describes, None, &[("name", &group.name)]);
        let mut meta = self.meta(name, title, description, route);
        meta.feeds.extend(feed_links(config, &group.name, feed));
        let mut cx = self.context(&meta);
        cx.insert(name, &view);
        let range = page_range(page, config.per_page, group.briefings.len());
        let items = &group.briefings[range];
        self.collection_ld(&mut cx, &meta, items, false);
        let p = self.paginator(page, group.briefings.len(), items, &page_of);
        cx.insert("paginator", &p);
        self.render(&format!("{name}.html"), &cx, route)
    }

    /// The paginator of one page of `total` items showing `items`;
    /// `route_of(n)` is page `n`'s route.
    pub(super) fn paginator<'r>(
        &self,
        page: usize,
        total: usize,
        items: &[usize],
        route_of: &dyn Fn(usize) -> Route<'r>,
    ) -> views::Paginator {
        let per_page = self.config.per_page;
        views::paginator(
            page,
            page_count(total, per_page),
            total,
            per_page,
            self.cards_of(items),
            &|n| route_of(n).url(self.config),
        )
    }

    pub(super) fn archive(&self) -> Vec<views::YearView> {
        let mut years: Vec<views::YearView> = Vec::new();
        for m in &self.site.archive {
            let month = views::MonthView {
                year: m.year,
                month: m.month,
                name: views::month_name(&self.config.language, m.month),
                briefings: if self.archive_links {
                    let links = m.briefings.iter();
                    Value::from(links.map(|&i| self.link(i)).collect::<Vec<_>>())
                } else {
                    self.cards_of(&m.briefings)
                },
            };
            match years.last_mut() {
                Some(y) if y.year == m.year => {
                    y.count += m.briefings.len();
                    y.months.push(month);
                }
                _ => years.push(views::YearView {
                    year: m.year,
                    count: m.briefings.len(),
                    months: vec![month],
                }),
            }
        }
        years
    }
}

/// The items on page `number` (from 1) of `total` items.
pub fn page_range(number: usize, per_page: usize, total: usize) -> std::ops::Range<usize> {
    let start = ((number - 1) * per_page).min(total);
    start..(start + per_page).min(total)
}
