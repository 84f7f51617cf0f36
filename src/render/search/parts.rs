//! How the search index is split: by calendar period, a part per year,
//! quarter or month, as small as [`PART_SIZE`] asks.
//!
//! A reader's browser loads every part (Pagefind merges them), so fewer
//! parts are better for readers; a build indexes a whole part again when
//! one of its briefings changes, so smaller parts are better for editors.
//! A year is one part while it holds at most [`PART_SIZE`] briefings;
//! a larger year is split into quarters, and a quarter still too large
//! into months. Parts follow the calendar rather than counts so that a
//! briefing added, moved or deleted changes its own period's part and no
//! other: every other part keeps its key and is reused byte for byte.

use crate::site::Site;

/// The most briefings a year or quarter may hold and still be one part.
/// Pagefind takes about 1.5 to 2 ms of CPU a briefing of 700 words, so a
/// part this size is indexed again in about a second; a site publishing
/// up to 2,400 briefings a year gets four parts a year.
pub const PART_SIZE: usize = 600;

/// One part of the search index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// Its name, which is also its folder: `2024`, `2024-q3`, `2024-07`.
    pub name: String,
    /// Its briefings (indices into the site), newest first.
    pub briefings: Vec<usize>,
}

/// The parts of the index of the briefings `indexed` says to index
/// (by index into `site.briefings`), newest first.
pub fn parts(site: &Site, indexed: &dyn Fn(usize) -> bool) -> Vec<Part> {
    // The archive's months, newest first, with what each indexes.
    let months: Vec<(i32, u32, Vec<usize>)> = site
        .archive
        .iter()
        .map(|m| {
            let briefings = m
                .briefings
                .iter()
                .copied()
                .filter(|&i| indexed(i))
                .collect();
            (m.year, m.month, briefings)
        })
        .collect();
    let mut parts = Vec::new();
    let mut start = 0;
    while start < months.len() {
        let year = months[start].0;
        let end = start + months[start..].iter().take_while(|m| m.0 == year).count();
        split_year(year, &months[start..end], &mut parts);
        start = end;
    }
    parts.retain(|p| !p.briefings.is_empty());
    parts
}

/// The parts of one year's `months` (newest first).
fn split_year(year: i32, months: &[(i32, u32, Vec<usize>)], parts: &mut Vec<Part>) {
    let count = |ms: &[(i32, u32, Vec<usize>)]| ms.iter().map(|m| m.2.len()).sum::<usize>();
    let concat = |ms: &[(i32, u32, Vec<usize>)]| ms.iter().flat_map(|m| m.2.clone()).collect();
    if count(months) <= PART_SIZE {
        parts.push(Part {
            name: format!("{year}"),
            briefings: concat(months),
        });
        return;
    }
    let mut start = 0;
    while start < months.len() {
        let quarter = (months[start].1 - 1) / 3 + 1;
        let end = start
            + months[start..]
                .iter()
                .take_while(|m| (m.1 - 1) / 3 + 1 == quarter)
                .count();
        let these = &months[start..end];
        if count(these) <= PART_SIZE {
            parts.push(Part {
                name: format!("{year}-q{quarter}"),
                briefings: concat(these),
            });
        } else {
            parts.extend(these.iter().map(|m| Part {
                name: format!("{year}-{:02}", m.1),
                briefings: m.2.clone(),
            }));
        }
        start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::ArchiveMonth;

    /// A site whose archive has `counts[i]` briefings in month `i`
    /// (year, month), newest first.
    fn site(counts: &[((i32, u32), usize)]) -> Site {
        let mut next = 0;
        let archive = counts
            .iter()
            .map(|&((year, month), n)| {
                let briefings = (next..next + n).collect();
                next += n;
                ArchiveMonth {
                    year,
                    month,
                    briefings,
                }
            })
            .collect();
        Site {
            archive,
            ..Site::default()
        }
    }

    fn names(parts: &[Part]) -> Vec<(&str, usize)> {
        parts
            .iter()
            .map(|p| (p.name.as_str(), p.briefings.len()))
            .collect()
    }

    #[test]
    fn a_small_year_is_one_part() {
        let s = site(&[((2025, 2), 10), ((2025, 1), 20), ((2024, 12), 5)]);
        let parts = parts(&s, &|_| true);
        assert_eq!(names(&parts), [("2025", 30), ("2024", 5)]);
        assert_eq!(parts[0].briefings, (0..30).collect::<Vec<_>>());
    }

    #[test]
    fn a_large_year_splits_into_quarters_and_a_large_quarter_into_months() {
        let s = site(&[
            ((2025, 12), 250),
            ((2025, 11), 250),
            ((2025, 10), 250),
            ((2025, 6), 100),
            ((2025, 4), 100),
            ((2025, 2), 100),
        ]);
        let parts = parts(&s, &|_| true);
        assert_eq!(
            names(&parts),
            [
                ("2025-12", 250),
                ("2025-11", 250),
                ("2025-10", 250),
                ("2025-q2", 200),
                ("2025-q1", 100)
            ]
        );
    }

    #[test]
    fn briefings_left_out_do_not_count_and_empty_parts_go() {
        let s = site(&[((2025, 3), 2), ((2024, 3), 2)]);
        let parts = parts(&s, &|i| i < 2);
        assert_eq!(names(&parts), [("2025", 2)]);
    }
}
