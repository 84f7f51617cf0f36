//! How the site feed's briefings split between its archive documents and
//! the subscription feed (RFC 5005, section 4: archived feeds).
//!
//! Archive documents hold fixed pages of `[feed] archive_size` briefings
//! (the feed's `limit` unless set), counted from the oldest briefing:
//! document 1 holds the oldest page. Only full pages are archive
//! documents, so a document, once published, keeps the same briefings
//! however many are published after it. The newest, incomplete page is
//! left to the subscription feed, which therefore carries at least every
//! briefing newer than the newest archive document, even when that is
//! more than `limit` (only possible when `archive_size` is larger than
//! `limit`). It may also repeat some of the newest archive document's
//! briefings, which RFC 5005 allows: readers merge entries by id.

use std::ops::Range;

use crate::config::Config;

/// The site feed's archive documents, for a site of `total` briefings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Archives {
    /// Briefings per archive document; 0 when there are none.
    size: usize,
    /// The subscription feed's `limit`; 0 for every briefing.
    limit: usize,
    /// The site's briefings.
    total: usize,
}

impl Archives {
    /// `total` briefings in documents of `size` (0: no archive documents)
    /// beside a subscription feed of the newest `limit` (0: all).
    pub fn new(size: usize, limit: usize, total: usize) -> Self {
        Archives { size, limit, total }
    }

    /// The archive documents of a site of `total` briefings under `config`.
    pub fn of(config: &Config, total: usize) -> Self {
        Self::new(config.feed_archive_size, config.feed_limit, total)
    }

    /// How many archive documents there are: one per full page.
    pub fn count(&self) -> usize {
        self.total.checked_div(self.size).unwrap_or(0)
    }

    /// The briefings of archive document `number` (1, the oldest, to
    /// [`Archives::count`]) as indices into the site's briefings, which
    /// are newest first: so newest first too.
    pub fn items(&self, number: usize) -> Range<usize> {
        debug_assert!((1..=self.count()).contains(&number), "no archive {number}");
        self.total - number * self.size..self.total - (number - 1) * self.size
    }

    /// How many of the newest briefings the subscription feed carries:
    /// `limit` (all at 0), and never fewer than the briefings newer than
    /// the newest archive document, so that none falls between the two.
    pub fn current(&self) -> usize {
        // Without archive documents, the feed's limit alone.
        let after_archives = self.total.checked_rem(self.size).unwrap_or(0);
        match self.limit {
            0 => self.total,
            limit => limit.max(after_archives).min(self.total),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every briefing is in the feed or an archive document, each archive
    /// document is a full page, no briefing is in two of them, and the
    /// feed keeps its limit unless archive documents are larger.
    fn check(size: usize, limit: usize, total: usize) {
        let a = Archives::new(size, limit, total);
        let feed = match limit {
            0 => total,
            limit => limit.min(total),
        };
        if size == 0 {
            // No archive documents: the feed as it always was.
            assert_eq!((a.count(), a.current()), (0, feed), "{a:?}");
            return;
        }
        let mut seen = vec![0; total];
        for n in &mut seen[..a.current()] {
            *n += 1;
        }
        for number in 1..=a.count() {
            let items = a.items(number);
            assert_eq!(items.len(), size, "{a:?}: archive {number} is not full");
            for i in items {
                seen[i] += 1;
            }
        }
        for (i, n) in seen.iter().enumerate() {
            assert!(*n >= 1, "{a:?}: briefing {i} is in no document");
            // At most in the feed and one archive document.
            assert!(*n <= 2, "{a:?}: briefing {i} is in {n} documents");
        }
        if limit == 0 || size <= limit {
            assert_eq!(a.current(), feed, "{a:?}: the feed keeps its limit");
        }
    }

    #[test]
    fn every_briefing_is_reached_at_every_size() {
        for size in 0..=12 {
            for limit in 0..=14 {
                for total in 0..=50 {
                    check(size, limit, total);
                }
            }
        }
    }

    #[test]
    fn the_edges() {
        // No briefings: no archive, an empty feed.
        let a = Archives::new(10, 10, 0);
        assert_eq!((a.count(), a.current()), (0, 0));
        // One page short of full: the feed alone.
        let a = Archives::new(10, 10, 9);
        assert_eq!((a.count(), a.current()), (0, 9));
        // Exactly one page: archived, and the feed repeats it.
        let a = Archives::new(10, 10, 10);
        assert_eq!((a.count(), a.items(1), a.current()), (1, 0..10, 10));
        // A page and one: the feed has the new one and nine archived.
        let a = Archives::new(10, 10, 11);
        assert_eq!((a.count(), a.items(1), a.current()), (1, 1..11, 10));
        // 45 in pages of 10: four archives, five newer in the feed of 10.
        let a = Archives::new(10, 10, 45);
        assert_eq!(a.count(), 4);
        assert_eq!(a.items(4), 5..15);
        assert_eq!(a.items(1), 35..45);
        assert_eq!(a.current(), 10);
        // Archive pages larger than the feed: the feed grows to the page.
        let a = Archives::new(25, 10, 49);
        assert_eq!((a.count(), a.items(1), a.current()), (1, 24..49, 24));
        let a = Archives::new(25, 10, 50);
        assert_eq!((a.count(), a.current()), (2, 10));
        // No archive documents: the feed's limit alone.
        let a = Archives::new(0, 10, 45);
        assert_eq!((a.count(), a.current()), (0, 10));
        // limit = 0: every briefing in the feed.
        assert_eq!(Archives::new(0, 0, 45).current(), 45);
    }

    #[test]
    fn a_full_archive_keeps_its_briefings_as_more_are_published() {
        for size in 1..=6 {
            for total in 0..40 {
                let (before, after) = (
                    Archives::new(size, 5, total),
                    Archives::new(size, 5, total + 1),
                );
                assert!(after.count() >= before.count());
                for number in 1..=before.count() {
                    // The same briefings, counted from the oldest: one
                    // more briefing shifts every index by one.
                    let (b, a) = (before.items(number), after.items(number));
                    assert_eq!((b.start + 1, b.end + 1), (a.start, a.end));
                }
            }
        }
    }
}
