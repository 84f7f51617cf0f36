//! The `collect` stage: briefings in reading order, tags, the archive, and
//! the checks that need every briefing at once (clashing slugs and tags).

use std::sync::Arc;

use chrono::Datelike;

use crate::content::Briefing;
use crate::error::Diagnostic;
use crate::util::Map;

mod groups;
mod publish;
pub mod related;

pub use groups::Group;
pub use publish::{Held, HeldBack, Publish};

/// A tag and the briefings that carry it.
pub type Tag = Group;

/// An author and the briefings they wrote.
pub type Author = Group;

/// One month of the archive.
#[derive(Debug, Clone)]
pub struct ArchiveMonth {
    /// The year, e.g. `2025`.
    pub year: i32,
    /// The month of the year, from 1 (January) to 12.
    pub month: u32,
    /// Indices into [`Site::briefings`], newest first.
    pub briefings: Vec<usize>,
}

/// Everything the renderer needs, in the order readers see it.
#[derive(Debug, Default)]
pub struct Site {
    /// Newest first; ties broken by slug so order never depends on the disk.
    /// Shared, so that the server's parse cache hands them over cheaply.
    pub briefings: Vec<Arc<Briefing>>,
    /// Sorted by name, case-insensitively.
    pub tags: Vec<Tag>,
    /// Sorted by name, case-insensitively.
    pub authors: Vec<Author>,
    /// Index into `tags` by slug.
    pub tag_ids: crate::util::Map<String, usize>,
    /// Index into `authors` by slug.
    pub author_ids: crate::util::Map<String, usize>,
    /// Newest month first.
    pub archive: Vec<ArchiveMonth>,
    /// Briefings left out of this build: scheduled ones soonest first,
    /// then drafts by file.
    pub held: Vec<HeldBack>,
    /// Per briefing (by index), the related briefings, best first: empty
    /// until [`related::related`] fills it (see [`Site::related_to`]).
    pub related: Vec<Vec<usize>>,
}

impl Site {
    /// The newest date on the site (the feeds' build date), if any.
    pub fn newest(&self) -> Option<&Briefing> {
        self.briefings.first().map(|b| &**b)
    }

    /// The tag with this slug and its index. Every tag slug of a published
    /// briefing has one.
    pub fn tag(&self, slug: &str) -> Option<(usize, &Tag)> {
        let &i = self.tag_ids.get(slug)?;
        Some((i, &self.tags[i]))
    }

    /// The author with this slug and its index.
    pub fn author(&self, slug: &str) -> Option<(usize, &Author)> {
        let &i = self.author_ids.get(slug)?;
        Some((i, &self.authors[i]))
    }

    /// The display names of a briefing's tags: the site's chosen spelling,
    /// whatever this briefing wrote.
    pub fn tag_names<'a>(&'a self, b: &'a Briefing) -> impl Iterator<Item = &'a str> {
        b.tags.iter().map(|t| {
            self.tag(&t.slug)
                .map_or(t.name.as_str(), |(_, group)| &group.name)
        })
    }

    /// The names of a briefing's authors: the site's chosen spelling of
    /// each (the most common among the briefings), whatever this briefing
    /// wrote; a name with no page (no letters or digits) as written.
    pub fn author_names<'a>(&'a self, b: &'a Briefing) -> impl Iterator<Item = &'a str> {
        b.authors.iter().map(|a| {
            self.author(&a.slug)
                .map_or(a.name.as_str(), |(_, group)| &group.name)
        })
    }

    /// The briefings related to briefing `index`, best first: none when
    /// they were not computed.
    pub fn related_to(&self, index: usize) -> &[usize] {
        self.related.get(index).map_or(&[], Vec::as_slice)
    }

    /// The scheduled briefings this build left out, soonest first.
    pub fn scheduled(&self) -> impl Iterator<Item = &Briefing> {
        self.held
            .iter()
            .filter(|h| h.reason == Held::Scheduled)
            .map(|h| &*h.briefing)
    }
}

/// Sorts, groups and checks. Drafts and scheduled briefings are left out
/// (into [`Site::held`]) unless `publish` includes them.
///
/// Every problem found (clashing slugs and names) comes back beside the
/// site, which is then complete enough for the checks that follow to find
/// theirs too, but must not be rendered.
pub fn collect(briefings: Vec<Arc<Briefing>>, publish: &Publish) -> (Site, Vec<Diagnostic>) {
    let mut held = Vec::new();
    let mut briefings: Vec<Arc<Briefing>> = briefings
        .into_iter()
        .filter_map(|b| match publish.holds_back(&b) {
            Some(reason) => {
                held.push(HeldBack {
                    briefing: b,
                    reason,
                });
                None
            }
            None => Some(b),
        })
        .collect();
    held.sort_by(|a, b| {
        (a.reason == Held::Draft, a.briefing.date, &a.briefing.source).cmp(&(
            b.reason == Held::Draft,
            b.briefing.date,
            &b.briefing.source,
        ))
    });
    briefings.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then_with(|| a.slug.cmp(&b.slug))
            .then_with(|| a.source.cmp(&b.source))
    });

    let mut errors = Vec::new();
    // Scheduled briefings take their URLs later, with nobody watching:
    // a clash with one is reported now.
    let claimants: Vec<&Arc<Briefing>> = briefings
        .iter()
        .chain(
            held.iter()
                .filter(|h| h.reason == Held::Scheduled)
                .map(|h| &h.briefing),
        )
        .collect();
    let mut by_slug: Map<&str, usize> = Map::default();
    by_slug.reserve(claimants.len());
    for (i, b) in claimants.iter().enumerate() {
        if let Some(&first) = by_slug.get(b.slug.as_str()) {
            let other = claimants[first];
            // `café.md` typed with é as one character and as e plus a
            // combining accent: two files whose names look the same.
            let typed_twice = {
                use unicode_normalization::UnicodeNormalization;
                let nfc = |p: &std::path::Path| p.to_string_lossy().nfc().collect::<String>();
                b.source != other.source && nfc(&b.source) == nfc(&other.source)
            };
            let (also, hint) = if typed_twice {
                (
                    ", a file of the same name typed another way (an accented letter as one character in one name, as a letter and a combining accent in the other)",
                    "keep one of the two files, or rename one",
                )
            } else {
                (
                    "",
                    "give one of them a different `slug:` in its front matter",
                )
            };
            // At the `slug:` line when the slug is written; a slug made
            // from the file name has none.
            let mut d = Diagnostic::error(
                &b.source,
                format!(
                    "the URL /briefings/{}/ is also used by {}{}{also}",
                    b.slug,
                    other.source.display(),
                    other.slug_at.map(|at| format!(":{at}")).unwrap_or_default()
                ),
            )
            .with_hint(hint);
            if let Some(at) = b.slug_at {
                d = d.placed(at);
            }
            errors.push(d);
        } else {
            by_slug.insert(&b.slug, i);
        }
    }

    let tags = groups::group(
        &briefings,
        |b| b.tags.iter().collect(),
        "tag",
        "tags",
        &mut errors,
    );
    let authors = groups::group(
        &briefings,
        |b| b.authors.iter().filter(|a| !a.slug.is_empty()).collect(),
        "author",
        "authors",
        &mut errors,
    );
    let tag_ids = groups::ids(&tags);
    let author_ids = groups::ids(&authors);

    let mut archive: Vec<ArchiveMonth> = Vec::new();
    for (i, b) in briefings.iter().enumerate() {
        let (year, month) = (b.date.year(), b.date.month());
        match archive.last_mut() {
            Some(m) if m.year == year && m.month == month => m.briefings.push(i),
            _ => archive.push(ArchiveMonth {
                year,
                month,
                briefings: vec![i],
            }),
        }
    }
    // Dates in different offsets can interleave months; regroup if needed.
    archive.sort_by_key(|m| std::cmp::Reverse((m.year, m.month)));
    let mut merged: Vec<ArchiveMonth> = Vec::with_capacity(archive.len());
    for m in archive {
        match merged.last_mut() {
            Some(last) if last.year == m.year && last.month == m.month => {
                last.briefings.extend(m.briefings);
                last.briefings.sort_unstable();
            }
            _ => merged.push(m),
        }
    }

    errors.sort_by(|a, b| a.path.cmp(&b.path));
    let site = Site {
        briefings,
        tags,
        authors,
        tag_ids,
        author_ids,
        archive: merged,
        held,
        related: Vec::new(),
    };
    (site, errors)
}

/// Splits `total` items into pages of `per_page`: (page number from 1, range).
pub fn pages(
    total: usize,
    per_page: usize,
) -> impl Iterator<Item = (usize, std::ops::Range<usize>)> {
    let count = total.div_ceil(per_page).max(1);
    (0..count).map(move |p| (p + 1, p * per_page..((p + 1) * per_page).min(total)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Term;
    use chrono::DateTime;

    /// The site, asserting that collecting found no problem.
    pub(super) fn ok((site, errors): (Site, Vec<Diagnostic>)) -> Site {
        assert!(errors.is_empty(), "{errors:?}");
        site
    }

    pub(super) fn all() -> Publish {
        Publish {
            drafts: false,
            future: false,
            now: DateTime::parse_from_rfc3339("2030-01-01T00:00:00Z").unwrap(),
        }
    }

    pub(super) fn b(slug: &str, date: &str, tags: &[&str]) -> Arc<Briefing> {
        Arc::new(Briefing {
            source: format!("content/{slug}.md").into(),
            slug: slug.into(),
            slug_at: None,
            title: slug.into(),
            date: DateTime::parse_from_rfc3339(date).unwrap(),
            updated: None,
            updated_written: None,
            tags: tags.iter().map(|t| Term::new(t.to_string())).collect(),

            authors: vec![],
            summary: String::new(),
            html: Default::default(),
            word_count: 0,
            reading_minutes: 1,
            draft: false,
            sources: vec![],
            image: None,
            extra: serde_json::Value::Null,
            guid: None,
            guid_at: None,
            aliases: vec![],
            corrections: vec![],
            language: None,
            has_raw_html: false,
            local_refs: vec![],
            md_refs: vec![],
            page_refs: vec![],
            anchors: vec![],
            placeholders: Vec::new(),
            fingerprint: 0,
        })
    }

    #[test]
    fn newest_first_with_ties_by_slug() {
        let site = ok(collect(
            vec![
                b("b", "2025-01-01T00:00:00Z", &[]),
                b("c", "2025-02-01T00:00:00Z", &[]),
                b("a", "2025-01-01T00:00:00Z", &[]),
            ],
            &all(),
        ));
        let slugs: Vec<_> = site.briefings.iter().map(|b| b.slug.as_str()).collect();
        assert_eq!(slugs, ["c", "a", "b"]);
        assert_eq!(site.archive.len(), 2);
        assert_eq!((site.archive[0].year, site.archive[0].month), (2025, 2));
    }

    #[test]
    fn tag_spellings_merge_under_the_most_common() {
        let site = ok(collect(
            vec![
                b("a", "2025-01-03T00:00:00Z", &["latin america"]),
                b("b", "2025-01-02T00:00:00Z", &["Latin America"]),
                b("c", "2025-01-01T00:00:00Z", &["Latin-America", "Mexico"]),
                b("d", "2025-01-01T00:00:00Z", &["Latin America"]),
            ],
            &all(),
        ));
        assert_eq!(site.tags.len(), 2);
        assert_eq!(site.tags[0].name, "Latin America");
        assert_eq!(site.tags[0].slug, "latin-america");
        assert_eq!(site.tags[0].briefings.len(), 4);
        // Briefings carry the display name, whatever they wrote.
        assert_eq!(
            site.tag_names(&site.briefings[0]).collect::<Vec<_>>(),
            ["Latin America"]
        );
    }

    #[test]
    fn clashing_slugs_and_tags_name_both_files() {
        let errs = collect(
            vec![
                b("a", "2025-01-01T00:00:00Z", &["C++"]),
                b("a", "2025-01-02T00:00:00Z", &[]),
                b("x", "2025-01-02T00:00:00Z", &["Côte"]),
                b("y", "2025-01-02T00:00:00Z", &["Cote"]),
            ],
            &all(),
        )
        .1;
        assert_eq!(errs.len(), 2, "{errs:?}");
        let text: String = errs.iter().map(|e| e.to_string()).collect();
        assert!(text.contains("content/a.md"));
        assert!(text.contains("/tags/cote/"), "{text}");
    }

    #[test]
    fn drafts_are_dropped_unless_asked_for() {
        let mut d = b("d", "2025-01-01T00:00:00Z", &[]);
        Arc::make_mut(&mut d).draft = true;
        let site = ok(collect(vec![d.clone()], &all()));
        assert!(site.briefings.is_empty());
        assert_eq!(site.held[0].reason, Held::Draft);
        let drafts = Publish {
            drafts: true,
            ..all()
        };
        assert_eq!(ok(collect(vec![d], &drafts)).briefings.len(), 1);
    }

    #[test]
    fn scheduled_briefings_wait_for_their_minute() {
        let due = b("due", "2026-12-01T10:00:00Z", &["Later"]);
        let at = |now: &str| Publish {
            now: DateTime::parse_from_rfc3339(now).unwrap(),
            ..all()
        };
        let before = ok(collect(vec![due.clone()], &at("2026-12-01T09:59:59Z")));
        assert!(before.briefings.is_empty());
        assert!(before.tags.is_empty());
        assert_eq!(before.scheduled().count(), 1);
        let on_time = ok(collect(vec![due.clone()], &at("2026-12-01T10:00:00Z")));
        assert_eq!(on_time.briefings.len(), 1);
        assert_eq!(on_time.scheduled().count(), 0);
        let future = Publish {
            future: true,
            ..at("2026-12-01T09:59:59Z")
        };
        assert_eq!(ok(collect(vec![due], &future)).briefings.len(), 1);
    }

    #[test]
    fn pagination_ranges() {
        let p: Vec<_> = pages(25, 10).collect();
        assert_eq!(p, [(1, 0..10), (2, 10..20), (3, 20..25)]);
        assert_eq!(pages(0, 10).collect::<Vec<_>>(), [(1, 0..0)]);
    }
}
