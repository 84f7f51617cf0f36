//! The site's tags laid out for ranking: each briefing's tags in one
//! buffer, and each tag's briefings with copies of what ranking reads of
//! them, in the order it reads them.

use crate::site::Site;

/// Each briefing's tags, as indices into [`Site::tags`] in ascending
/// order, all in one buffer. A tag whose spellings clash has no group and
/// is left out.
pub(super) struct TagsOf {
    start: Vec<u32>,
    pub(super) tags: Vec<u32>,
}

impl TagsOf {
    pub(super) fn new(n: usize, site: &Site) -> Self {
        let mut start = vec![0u32; n + 1];
        for t in &site.tags {
            for &j in &t.briefings {
                start[j + 1] += 1;
            }
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut fill: Vec<u32> = start[..n].to_vec();
        let mut tags = vec![0u32; start[n] as usize];
        // Tags in ascending order, so each briefing's list is sorted.
        for (t, group) in site.tags.iter().enumerate() {
            for &j in &group.briefings {
                tags[fill[j] as usize] = t as u32;
                fill[j] += 1;
            }
        }
        TagsOf { start, tags }
    }

    pub(super) fn of(&self, i: usize) -> &[u32] {
        &self.tags[self.start[i] as usize..self.start[i + 1] as usize]
    }
}

/// Each tag's briefings that can be related, newest first (its entries),
/// each with a copy of its tags (as a list and as bits) and its date
/// beside it: walking a tag's list then reads memory in order, where
/// looking up each briefing's tags missed the cache at almost every step
/// (at 100,000 briefings, most of the time spent).
pub(super) struct Lists {
    /// Per tag `t`, its entries are `tag_start[t]..tag_start[t + 1]`.
    pub(super) tag_start: Vec<u32>,
    /// Per entry: the briefing.
    pub(super) member: Vec<u32>,
    /// Per entry (and one past the last): where its briefing's tags start
    /// in `tags`.
    pub(super) tags_start: Vec<u32>,
    /// The briefings' tags, ascending, entry after entry.
    pub(super) tags: Vec<u32>,
    /// Per entry: its briefing's tags as a set of [`bit`]s, which can
    /// tell at once that it shares only one tag with another briefing.
    pub(super) bits: Vec<u64>,
    /// Per entry: its briefing's date, in microseconds since 1970.
    pub(super) dates: Vec<i64>,
}

/// A tag's bit in [`Lists::bits`]: tags 64 apart share one.
pub(super) fn bit(t: u32) -> u64 {
    1 << (t % 64)
}

impl Lists {
    pub(super) fn new(site: &Site, eligible: &[bool], tags_of: &TagsOf, micros: &[i64]) -> Self {
        let mut lists = Lists {
            tag_start: Vec::with_capacity(site.tags.len() + 1),
            member: Vec::new(),
            tags_start: vec![0],
            tags: Vec::new(),
            bits: Vec::new(),
            dates: Vec::new(),
        };
        for group in &site.tags {
            lists.tag_start.push(lists.member.len() as u32);
            for &j in group.briefings.iter().filter(|&&j| eligible[j]) {
                lists.member.push(j as u32);
                lists.tags.extend_from_slice(tags_of.of(j));
                lists.tags_start.push(lists.tags.len() as u32);
                lists
                    .bits
                    .push(tags_of.of(j).iter().fold(0, |b, &t| b | bit(t)));
                lists.dates.push(micros[j]);
            }
        }
        lists.tag_start.push(lists.member.len() as u32);
        lists
    }

    /// The entries of tag `t`.
    pub(super) fn entries(&self, t: usize) -> std::ops::Range<usize> {
        self.tag_start[t] as usize..self.tag_start[t + 1] as usize
    }

    /// The briefings of tag `t`, newest first.
    pub(super) fn members(&self, t: usize) -> &[u32] {
        &self.member[self.entries(t)]
    }
}
