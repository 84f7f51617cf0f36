//! Related briefings: for each briefing, the published briefings that
//! share its most informative tags.
//!
//! A shared tag weighs by its rarity, as in IDF: `ln(M / n)`, where `M` is
//! how many briefings can be related and `n` how many of them carry the
//! tag. A tag on every briefing says nothing (weight 0); a tag on two says
//! a lot. A candidate's score is the sum of the weights of the tags it
//! shares; ties go to the candidate closer in date, then to the smaller
//! slug, so the order never depends on the machine or the thread count.
//!
//! Only published briefings can be related: never a draft, never one
//! dated after the build's now, even in a build or preview that shows them
//! (`--drafts`, `--future`, `brief serve`); those still get a list of
//! their own. A briefing is never related to itself, and never to one it
//! shares no tag with.
//!
//! # The bound on the work
//!
//! Comparing every pair of briefings is quadratic; so is adding up scores
//! over every member of each of a briefing's tags, when a tag has
//! thousands of briefings (the sum over tags of their size squared). The
//! work per briefing is bounded instead, in two ways:
//!
//! 1. **Rarest tag first, stop when nothing unseen can win.** A briefing's
//!    tags are looked at from the heaviest (rarest) down, and every
//!    candidate met is scored exactly, over all the tags it shares. A
//!    briefing not met yet shares none of the tags looked at so far, so it
//!    can score at most the sum of the weights still to look at; once
//!    `limit` candidates score more than that, the remaining (common,
//!    light) tags are skipped. This loses nothing.
//! 2. **A budget, spent near in date.** At most [`BUDGET`] briefings are
//!    looked at for one briefing, rarest tag first: each tag's list is
//!    walked whole if it fits what is left of the budget, and otherwise
//!    only as many of its briefings as are left (but at least
//!    [`WINDOW`]), those around the briefing in date order (half newer,
//!    half older). This is where exactness is given up: a briefing far
//!    away in time whose shared tags are all too large to be walked whole
//!    can be missed, even when it shares more of them than the ones
//!    listed. Once met, a briefing's score is exact. The lists are exact
//!    for every briefing whose tags together have at most [`BUDGET`]
//!    briefings; closeness in date is the tie-break, so the budget goes
//!    to what would win a tie anyway.
//!
//! The work is then at most [`BUDGET`] + [`WINDOW`] × (its tags − 1)
//! candidate visits per briefing, whatever the size of the tags: linear in
//! the number of briefings. A visit reads only memory laid out in the
//! order it is walked (each tag's list carries a copy of its briefings'
//! tags and dates, see `Lists`: per briefing, its number of tags squared),
//! and most visits tell from one bit mask that the candidate shares only
//! the tag being walked.
//!
//! On a site shaped like the benchmark corpus (307 tags of Zipf
//! popularity, 1 to 5 a briefing; see the `related_at_scale` test, which
//! compares with an exhaustive search), the lists are exact at 10,000
//! briefings, for 30 ms of CPU; at 20,000, 0.17% of them differ from the
//! exhaustive ones (0.03% of their first entries), at 40,000 1.5% (0.3%),
//! for 240 ms. The window of 256 per tag this replaced cost 3 times as
//! much (100 ms at 10,000, 700 ms at 40,000) and missed more: 2.0% (0.3%)
//! at 10,000, 6.4% (1.6%) at 20,000, 17% (5.4%) at 40,000.

use std::cmp::Reverse;

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;

use super::{Publish, Site};
use lists::{Lists, TagsOf, bit};

mod lists;

/// How many briefings, at most, are looked at to rank one briefing's
/// related ones, besides the [`WINDOW`] each of its tags gets at least
/// (see the module's notes on the bound).
pub const BUDGET: usize = 1024;

/// How many briefings of each tag are looked at, at least, when its list
/// is longer than what is left of the [`BUDGET`].
pub const WINDOW: usize = 64;

/// Weights are fixed-point integers (millionths), so that scores add up to
/// the same number in any order and equal sets of tags tie exactly.
const SCALE: f64 = 1_000_000.0;

/// For each briefing of `site` (by index), up to `limit` related
/// briefings, best first. `now` is the build's clock: briefings dated
/// after it, like drafts, are never related.
pub fn related(site: &Site, limit: usize, now: DateTime<FixedOffset>) -> Vec<Vec<usize>> {
    related_within(site, limit, now, BUDGET, WINDOW)
}

/// [`related`], looking at up to `budget` briefings per briefing, and at
/// least `window` of each tag.
fn related_within(
    site: &Site,
    limit: usize,
    now: DateTime<FixedOffset>,
    budget: usize,
    window: usize,
) -> Vec<Vec<usize>> {
    let n = site.briefings.len();
    if limit == 0 || site.tags.is_empty() {
        return vec![Vec::new(); n];
    }
    let published = Publish {
        drafts: false,
        future: false,
        now,
    };
    let eligible: Vec<bool> = site
        .briefings
        .iter()
        .map(|b| published.holds_back(b).is_none())
        .collect();
    let tags_of = TagsOf::new(n, site);
    let micros: Vec<i64> = site
        .briefings
        .iter()
        .map(|b| b.date.timestamp_micros())
        .collect();
    let lists = Lists::new(site, &eligible, &tags_of, &micros);
    let m = eligible.iter().filter(|&&e| e).count() as f64;
    let weights: Vec<u64> = (0..site.tags.len())
        .map(|t| match lists.members(t).len() {
            0 => 0,
            n => ((m / n as f64).ln() * SCALE).round() as u64,
        })
        .collect();
    let ranker = Ranker {
        site,
        limit,
        budget,
        window,
        lists,
        weights,
        tags_of,
        micros,
    };
    (0..n)
        .into_par_iter()
        .map_init(Scratch::default, |scratch, i| ranker.rank(i, scratch))
        .collect()
}

/// A worker's reusable buffers.
#[derive(Default)]
struct Scratch {
    /// The briefing's tags that have candidates, heaviest first.
    order: Vec<u32>,
    /// Per tag of the site: what it counts for the briefing being ranked
    /// (nothing for the tags it does not carry). Set for one briefing at
    /// a time, and put back after.
    table: Vec<TagState>,
    /// The best `limit` candidates met so far, best first.
    best: Vec<Candidate>,
}

/// What a tag counts for the briefing being ranked, and how far it has
/// been walked.
#[derive(Debug, Clone, Copy)]
struct TagState {
    /// Its weight if the briefing carries it, else 0.
    weight: u64,
    /// Once its window has been walked: the first and last briefing in it
    /// (by index); an empty span before, and for the other tags.
    span: (u32, u32),
}

impl Default for TagState {
    fn default() -> Self {
        TagState {
            weight: 0,
            span: (1, 0),
        }
    }
}

/// A briefing that shares a tag with the one being ranked.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    /// The sum of the weights of the tags it shares.
    score: u64,
    /// How far apart the two are in time, in microseconds.
    distance: u64,
    /// Its index.
    j: u32,
}

/// What ranking needs, computed once for the whole site.
struct Ranker<'a> {
    site: &'a Site,
    limit: usize,
    /// How many briefings may be looked at per briefing, over all its
    /// tags: [`BUDGET`].
    budget: usize,
    /// How many briefings of one tag are looked at, at least, whatever is
    /// left of the budget: [`WINDOW`].
    window: usize,
    lists: Lists,
    /// Per tag: its weight, in millionths.
    weights: Vec<u64>,
    tags_of: TagsOf,
    /// Per briefing: its date, in microseconds since 1970.
    micros: Vec<i64>,
}

impl Ranker<'_> {
    /// The related briefings of briefing `i`, best first.
    fn rank(&self, i: usize, scratch: &mut Scratch) -> Vec<usize> {
        let Scratch { order, table, best } = scratch;
        order.clear();
        order.extend(
            self.tags_of
                .of(i)
                .iter()
                .copied()
                .filter(|&t| !self.lists.members(t as usize).is_empty()),
        );
        if order.is_empty() {
            return Vec::new();
        }
        order.sort_unstable_by_key(|&t| (Reverse(self.weights[t as usize]), t));
        table.resize(self.weights.len(), TagState::default());
        for &t in order.iter() {
            table[t as usize].weight = self.weights[t as usize];
        }
        best.clear();
        // The most a briefing not met yet can score.
        let mut unseen: u64 = order.iter().map(|&t| self.weights[t as usize]).sum();
        let mut used = 0;
        let all_bits = order.iter().fold(0, |b, &t| b | bit(t));
        for &t in order.iter() {
            if best.len() == self.limit && best[self.limit - 1].score > unseen {
                // Nothing unseen can beat `limit` candidates already met.
                break;
            }
            unseen -= self.weights[t as usize];
            let window = self.nearest(
                t as usize,
                i,
                self.budget.saturating_sub(used).max(self.window),
            );
            used += window.len();
            let members = &self.lists.member[window.clone()];
            let starts = &self.lists.tags_start[window.start..=window.end];
            let bits = &self.lists.bits[window.clone()];
            let dates = &self.lists.dates[window];
            let weight = self.weights[t as usize];
            // When no other tag of `i` has this tag's bit, a briefing with
            // none of the others' bits shares this tag alone: most do.
            let own = bit(t);
            let alone = order.iter().filter(|&&o| bit(o) == own).count() == 1;
            let entries = members.iter().zip(starts.windows(2)).zip(bits).zip(dates);
            for (((&j, at), &theirs), &date) in entries {
                if j as usize == i {
                    continue;
                }
                let score = if alone && theirs & all_bits == own {
                    weight
                } else {
                    // The weights of the tags `j` shares with `i` (the
                    // others weigh 0 here), and whether an earlier window
                    // met it already: it carries that window's tag and
                    // lies within it, a window being all of its tag's
                    // briefings between its first and last.
                    let (mut score, mut met) = (0, false);
                    for &tag in &self.lists.tags[at[0] as usize..at[1] as usize] {
                        let TagState { weight, span } = table[tag as usize];
                        score += weight;
                        met |= (span.0 <= j) & (j <= span.1);
                    }
                    if met {
                        continue;
                    }
                    score
                };
                // Worse than the `limit` best met so far, it cannot make
                // the list; the score alone mostly tells.
                let full = best.len() == self.limit;
                if full && score < best[self.limit - 1].score {
                    continue;
                }
                let c = Candidate {
                    score,
                    distance: self.micros[i].abs_diff(date),
                    j,
                };
                if full && !self.better(c, best[self.limit - 1]) {
                    continue;
                }
                let at = best.partition_point(|&b| !self.better(c, b));
                best.insert(at, c);
                best.truncate(self.limit);
            }
            table[t as usize].span = (members[0], members[members.len() - 1]);
        }
        for &t in order.iter() {
            table[t as usize] = TagState::default();
        }
        best.iter().map(|c| c.j as usize).collect()
    }

    /// Whether `a` goes before `b`: the higher score, then the nearer
    /// date, then the smaller slug (then the index, which only equal
    /// slugs reach: a clash, reported as an error).
    fn better(&self, a: Candidate, b: Candidate) -> bool {
        let slug = |j: u32| self.site.briefings[j as usize].slug.as_str();
        b.score
            .cmp(&a.score)
            .then_with(|| a.distance.cmp(&b.distance))
            .then_with(|| slug(a.j).cmp(slug(b.j)))
            .then_with(|| a.j.cmp(&b.j))
            .is_lt()
    }

    /// The entries of tag `t` for the `window` briefings around briefing
    /// `i` in date order (half newer, half older, more on one side near
    /// either end), or all of them when there are no more.
    fn nearest(&self, t: usize, i: usize, window: usize) -> std::ops::Range<usize> {
        let entries = self.lists.entries(t);
        let members = self.lists.members(t);
        if members.len() <= window {
            return entries;
        }
        // Members are in date order, by index: `i` would be at `at`.
        let at = members.partition_point(|&j| (j as usize) < i);
        let lo = at.saturating_sub(window / 2).min(members.len() - window);
        entries.start + lo..entries.start + lo + window
    }
}

#[cfg(test)]
mod tests;
