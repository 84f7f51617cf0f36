//! What each page shows, as a fingerprint: the dev server's memo renders
//! again only the pages whose fingerprint changed.

use std::hash::{Hash, Hasher};

use super::memo;
use super::pages::{LATEST_ON_404, Shared, page_range};
use crate::routes::{Route, page_count};

impl Shared<'_> {
    /// A fingerprint of everything the page at `route` shows.
    pub(super) fn fingerprint(&self, route: Route<'_>) -> u64 {
        let site = self.site;
        let per_page = self.config.per_page;
        let mut h = memo::hasher();
        if self.site_counts {
            // A template shows a count on every page it renders.
            (site.briefings.len(), site.tags.len(), site.authors.len()).hash(&mut h);
        }
        let fps = |h: &mut crate::util::Fingerprinter, indices: &[usize]| {
            for &i in indices {
                self.fps[i].hash(h);
            }
        };
        match route {
            Route::Briefing { index: i, .. } => {
                // Its neighbours as the page shows them: links with the
                // built-in template, cards (summary, tags…) with a site's own.
                let shown = |n: usize| match self.related_links {
                    true => self.link_fps[n],
                    false => self.fps[n],
                };
                (
                    "briefing",
                    i.checked_sub(1).map(shown),
                    self.fps[i],
                    (i + 1 < site.briefings.len()).then(|| shown(i + 1)),
                )
                    .hash(&mut h);
                // Its related briefings: which they are (another
                // briefing's tags can change that) and what their cards show.
                for &r in site.related_to(i) {
                    match self.related_links {
                        true => self.link_fps[r].hash(&mut h),
                        false => self.fps[r].hash(&mut h),
                    }
                }
            }
            Route::Email { index, .. } => ("email", self.fps[index]).hash(&mut h),
            Route::Home { page } => {
                ("index", page, page_count(site.briefings.len(), per_page)).hash(&mut h);
                fps(
                    &mut h,
                    &(page_range(page, per_page, site.briefings.len()).collect::<Vec<_>>()),
                );
            }
            Route::Tag { index, page, .. } => {
                let t = &site.tags[index];
                ("tag", &t.name, page, t.briefings.len()).hash(&mut h);
                fps(
                    &mut h,
                    &t.briefings[page_range(page, per_page, t.briefings.len())],
                );
            }
            Route::Author { index, page, .. } => {
                let a = &site.authors[index];
                ("author", &a.name, page, a.briefings.len()).hash(&mut h);
                fps(
                    &mut h,
                    &a.briefings[page_range(page, per_page, a.briefings.len())],
                );
            }
            Route::Tags => {
                for t in &site.tags {
                    (&t.name, &t.slug, t.briefings.len()).hash(&mut h);
                }
            }
            Route::Archive => self.link_fps.hash(&mut h),
            Route::Search => format!("{:?}", super::search::view(self.config, site)).hash(&mut h),
            Route::Alias { index, href } => {
                let b = &site.briefings[index];
                ("alias", href, &b.slug, &b.title).hash(&mut h);
            }
            Route::NotFound => {
                let newest = site.briefings.len().min(LATEST_ON_404);
                self.link_fps[..newest].hash(&mut h);
            }
            other => other.hash(&mut h),
        }
        h.finish()
    }
}
