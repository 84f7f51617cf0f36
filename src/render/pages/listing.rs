//! What the pages that list briefings share: paginators, the archive's
//! years and months, and which items a page shows.

use tera::Value;

use super::Shared;
use crate::render::views;
use crate::routes::{Route, page_count};

impl Shared<'_> {
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
