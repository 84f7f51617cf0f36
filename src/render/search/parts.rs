//! How the search index is split: by calendar period, a part per year,
//! quarter or month, as small as [`PART_SIZE`] asks.
//!
//! A reader's browser loads every part (Pagefind merges them), so fewer
//! parts are better for readers; a build indexes a whole part again when
//! one of its briefings changes, so smaller parts are better for editors.
//! A year is one part while it holds at most [`PART_SIZE`] briefings;
//! a larger year is split into quarters, a quarter still too large into
//! months, and a month still too large into blocks of [`PART_SIZE`]: no
//! part is larger, which bounds the memory indexing one takes. Parts
//! follow the calendar rather than counts so that a briefing added, moved
//! or deleted changes its own period's part (or month's blocks) and no
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
    /// Its name, which is also its folder: `2024`, `2024-q3`, `2024-07`,
    /// `2024-07-2`; it begins with the year (the search page's year filter
    /// reads it there).
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
            for m in these {
                split_month(year, m.1, &m.2, parts);
            }
        }
        start = end;
    }
}

/// The parts of one month's `briefings` (newest first): the month while it
/// holds at most [`PART_SIZE`], else blocks of [`PART_SIZE`] counted from
/// its oldest briefing (`2024-07-1` the oldest), so that a briefing added
/// to the month changes its newest block only.
fn split_month(year: i32, month: u32, briefings: &[usize], parts: &mut Vec<Part>) {
    if briefings.len() <= PART_SIZE {
        parts.push(Part {
            name: format!("{year}-{month:02}"),
            briefings: briefings.to_vec(),
        });
        return;
    }
    let blocks = briefings.len().div_ceil(PART_SIZE);
    for block in (1..=blocks).rev() {
        // Block 1 holds the oldest PART_SIZE, counted from the end.
        let end = briefings.len() - (block - 1) * PART_SIZE;
        let start = end.saturating_sub(PART_SIZE);
        parts.push(Part {
            name: format!("{year}-{month:02}-{block}"),
            briefings: briefings[start..end].to_vec(),
        });
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
    fn a_month_larger_than_a_part_splits_into_blocks_counted_from_its_oldest() {
        let s = site(&[((2025, 12), PART_SIZE * 2 + 7), ((2025, 11), PART_SIZE)]);
        let parts = parts(&s, &|_| true);
        assert_eq!(
            names(&parts),
            [
                ("2025-12-3", 7),
                ("2025-12-2", PART_SIZE),
                ("2025-12-1", PART_SIZE),
                ("2025-11", PART_SIZE)
            ]
        );
        // Newest first throughout, every briefing once.
        let all: Vec<usize> = parts.iter().flat_map(|p| p.briefings.clone()).collect();
        assert_eq!(all, (0..PART_SIZE * 3 + 7).collect::<Vec<_>>());
        // One more briefing in December changes its newest block only.
        let more = site(&[((2025, 12), PART_SIZE * 2 + 8), ((2025, 11), PART_SIZE)]);
        let again = super::parts(&more, &|_| true);
        assert_eq!(again[0].briefings.len(), 8);
        for (a, b) in parts[1..].iter().zip(&again[1..]) {
            assert_eq!(a.name, b.name);
            assert_eq!(a.briefings.len(), b.briefings.len());
        }
    }

    #[test]
    fn briefings_left_out_do_not_count_and_empty_parts_go() {
        let s = site(&[((2025, 3), 2), ((2024, 3), 2)]);
        let parts = parts(&s, &|i| i < 2);
        assert_eq!(names(&parts), [("2025", 2)]);
    }
}
