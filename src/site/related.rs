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
//! 2. **A window into large tags.** Of a tag with more than [`WINDOW`]
//!    briefings, only the [`WINDOW`] nearest in date to the briefing are
//!    looked at. This is where exactness is given up: a briefing far away
//!    in time that shares only large tags can be missed, even when it
//!    shares more of them than the ones listed. Through any tag it shares
//!    with fewer than [`WINDOW`] briefings it is always found, and once
//!    found its score is exact. Since closeness in date is the tie-break,
//!    the window keeps what would win a tie anyway; the lists are exact
//!    for every site whose tags all have at most [`WINDOW`] briefings.
//!
//! The work is then at most (tags of the briefing) × [`WINDOW`] candidate
//! visits per briefing, each scored by merging two short sorted tag lists:
//! linear in the number of briefings, whatever the size of the tags.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;

use super::{Publish, Site};

/// How many briefings of one tag, the nearest in date, are looked at for
/// each briefing (see the module's notes on the bound).
pub const WINDOW: usize = 256;

/// Weights are fixed-point integers (millionths), so that scores add up to
/// the same number in any order and equal sets of tags tie exactly.
const SCALE: f64 = 1_000_000.0;

/// For each briefing of `site` (by index), up to `limit` related
/// briefings, best first. `now` is the build's clock: briefings dated
/// after it, like drafts, are never related.
pub fn related(site: &Site, limit: usize, now: DateTime<FixedOffset>) -> Vec<Vec<usize>> {
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
    let every = eligible.iter().all(|&e| e);
    // Each tag's briefings that can be related, newest first (by index).
    let members: Vec<Vec<u32>> = site
        .tags
        .iter()
        .map(|t| {
            t.briefings
                .iter()
                .filter(|&&j| every || eligible[j])
                .map(|&j| j as u32)
                .collect()
        })
        .collect();
    let m = eligible.iter().filter(|&&e| e).count() as f64;
    let weights: Vec<u64> = members
        .iter()
        .map(|ms| match ms.len() {
            0 => 0,
            n => ((m / n as f64).ln() * SCALE).round() as u64,
        })
        .collect();
    let tags_of = TagsOf::new(n, site);
    let micros: Vec<i64> = site
        .briefings
        .iter()
        .map(|b| b.date.timestamp_micros())
        .collect();
    let ranker = Ranker {
        site,
        limit,
        members,
        weights,
        tags_of,
        micros,
    };
    (0..n)
        .into_par_iter()
        .map_init(Scratch::new(n), |scratch, i| ranker.rank(i, scratch))
        .collect()
}

/// Each briefing's tags, as indices into [`Site::tags`] in ascending
/// order, all in one buffer. A tag whose spellings clash has no group and
/// is left out.
struct TagsOf {
    start: Vec<u32>,
    tags: Vec<u32>,
}

impl TagsOf {
    fn new(n: usize, site: &Site) -> Self {
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

    fn of(&self, i: usize) -> &[u32] {
        &self.tags[self.start[i] as usize..self.start[i + 1] as usize]
    }
}

/// A worker's reusable buffers.
struct Scratch {
    /// `seen[j] == i` when briefing `j` is already a candidate for `i`.
    seen: Vec<u32>,
    /// (score, briefing) of every candidate met.
    found: Vec<(u64, u32)>,
    /// The best `limit` scores met so far, lowest on top.
    best: BinaryHeap<Reverse<u64>>,
}

impl Scratch {
    fn new(n: usize) -> impl Fn() -> Scratch + Sync + Send {
        move || Scratch {
            seen: vec![u32::MAX; n],
            found: Vec::new(),
            best: BinaryHeap::new(),
        }
    }
}

/// What ranking needs, computed once for the whole site.
struct Ranker<'a> {
    site: &'a Site,
    limit: usize,
    /// Per tag: its briefings that can be related, newest first.
    members: Vec<Vec<u32>>,
    /// Per tag: its weight, in millionths.
    weights: Vec<u64>,
    tags_of: TagsOf,
    /// Per briefing: its date, in microseconds since 1970.
    micros: Vec<i64>,
}

impl Ranker<'_> {
    /// The related briefings of briefing `i`, best first.
    fn rank(&self, i: usize, scratch: &mut Scratch) -> Vec<usize> {
        let mine = self.tags_of.of(i);
        let mut order: Vec<u32> = mine
            .iter()
            .copied()
            .filter(|&t| !self.members[t as usize].is_empty())
            .collect();
        if order.is_empty() {
            return Vec::new();
        }
        order.sort_unstable_by_key(|&t| (Reverse(self.weights[t as usize]), t));
        // The most a briefing not met yet can score.
        let mut unseen: u64 = order.iter().map(|&t| self.weights[t as usize]).sum();
        let Scratch { seen, found, best } = scratch;
        found.clear();
        best.clear();
        let stamp = i as u32;
        for &t in &order {
            if best.len() == self.limit && best.peek().is_some_and(|&Reverse(s)| s > unseen) {
                break;
            }
            unseen -= self.weights[t as usize];
            for &j in self.nearest(&self.members[t as usize], i) {
                if j == stamp || seen[j as usize] == stamp {
                    continue;
                }
                seen[j as usize] = stamp;
                let score = self.shared(mine, j as usize);
                found.push((score, j));
                best.push(Reverse(score));
                if best.len() > self.limit {
                    best.pop();
                }
            }
        }
        let cmp = |a: &(u64, u32), b: &(u64, u32)| self.order(i, *a, *b);
        if found.len() > self.limit {
            found.select_nth_unstable_by(self.limit - 1, cmp);
            found.truncate(self.limit);
        }
        found.sort_unstable_by(cmp);
        found.iter().map(|&(_, j)| j as usize).collect()
    }

    /// The sum of the weights of the tags briefing `j` shares with `mine`.
    fn shared(&self, mine: &[u32], j: usize) -> u64 {
        let theirs = self.tags_of.of(j);
        let (mut a, mut b, mut sum) = (0, 0, 0);
        while a < mine.len() && b < theirs.len() {
            match mine[a].cmp(&theirs[b]) {
                Ordering::Less => a += 1,
                Ordering::Greater => b += 1,
                Ordering::Equal => {
                    sum += self.weights[mine[a] as usize];
                    a += 1;
                    b += 1;
                }
            }
        }
        sum
    }

    /// Best first: the higher score, then the nearer date, then the
    /// smaller slug (then the index, which only equal slugs reach: a
    /// clash, reported as an error).
    fn order(&self, i: usize, (sa, a): (u64, u32), (sb, b): (u64, u32)) -> Ordering {
        let distance = |j: u32| self.micros[i].abs_diff(self.micros[j as usize]);
        let slug = |j: u32| self.site.briefings[j as usize].slug.as_str();
        sb.cmp(&sa)
            .then_with(|| distance(a).cmp(&distance(b)))
            .then_with(|| slug(a).cmp(slug(b)))
            .then_with(|| a.cmp(&b))
    }

    /// The [`WINDOW`] members of a tag (newest first) nearest in date to
    /// briefing `i`, or all of them when there are no more.
    fn nearest<'m>(&self, members: &'m [u32], i: usize) -> &'m [u32] {
        if members.len() <= WINDOW {
            return members;
        }
        // The window [lo, lo + WINDOW) is the nearest when its newest end
        // is no farther from `i` than the first member past its oldest
        // end; `newer_is_farther` only turns from true to false as `lo`
        // grows (dates only go down), so the first such `lo` is found by
        // bisection.
        let t = i128::from(self.micros[i]);
        let date = |k: usize| i128::from(self.micros[members[k] as usize]);
        let newer_is_farther = |lo: usize| date(lo) - t > t - date(lo + WINDOW);
        let (mut lo, mut hi) = (0, members.len() - WINDOW);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if newer_is_farther(mid) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        &members[lo..lo + WINDOW]
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chrono::DateTime;

    use super::*;
    use crate::content::Briefing;
    use crate::site::collect;
    use crate::site::tests::{all, b, ok};

    /// The site of `briefings`, everything published.
    fn site(briefings: Vec<Arc<Briefing>>) -> Site {
        ok(collect(briefings, &all()))
    }

    /// The slugs related to the briefing with slug `of`.
    fn slugs(site: &Site, related: &[Vec<usize>], of: &str) -> Vec<String> {
        let i = site.briefings.iter().position(|b| b.slug == of).unwrap();
        related[i]
            .iter()
            .map(|&j| site.briefings[j].slug.clone())
            .collect()
    }

    fn now() -> DateTime<FixedOffset> {
        all().now
    }

    /// Day `d` of 2025 (from 1), at noon.
    fn day(d: u32) -> String {
        let date = chrono::NaiveDate::from_yo_opt(2025, d).unwrap();
        format!("{date}T12:00:00Z")
    }

    #[test]
    fn rarer_shared_tags_weigh_more_and_weights_add_up() {
        // 12 briefings: Rare is on 2, Mid on 3, Common on 9.
        let mut briefings = vec![
            b("me", &day(100), &["Rare", "Common", "Mid"]),
            b("rare", &day(10), &["Rare"]),
            b("common", &day(99), &["Common"]),
            b("both", &day(11), &["Mid", "Common"]),
            b("mid", &day(300), &["Mid"]),
            b("lonely", &day(101), &["Elsewhere"]),
        ];
        for k in 0..6 {
            briefings.push(b(&format!("filler-{k}"), &day(200 + k), &["Common"]));
        }
        let s = site(briefings);
        let w = |n: f64| (12.0f64 / n).ln();
        // Rare alone (1.79) outweighs Mid and Common together (1.39 +
        // 0.29), which outweigh Mid alone, which outweighs Common alone
        // however near in date.
        assert!(w(2.0) > w(3.0) + w(9.0));
        assert_eq!(
            slugs(&s, &related(&s, 4, now()), "me"),
            ["rare", "both", "mid", "common"]
        );
    }

    #[test]
    fn ties_go_to_the_nearer_date_then_the_smaller_slug() {
        let s = site(vec![
            b("me", &day(50), &["X"]),
            b("far", &day(10), &["X"]),
            b("near-later", &day(53), &["X"]),
            b("near-earlier", &day(47), &["X"]),
            b("nearest", &day(51), &["X"]),
            b("other", &day(50), &["Y"]),
        ]);
        let r = related(&s, 10, now());
        assert_eq!(
            slugs(&s, &r, "me"),
            ["nearest", "near-earlier", "near-later", "far"]
        );
    }

    #[test]
    fn the_limit_cuts_the_list_and_zero_turns_it_off() {
        let s = site(
            (0..8)
                .map(|k| b(&format!("b{k}"), &day(k + 1), &["X"]))
                .collect(),
        );
        let r = related(&s, 3, now());
        assert!(r.iter().all(|l| l.len() == 3));
        assert_eq!(slugs(&s, &r, "b4"), ["b3", "b5", "b2"]);
        assert!(related(&s, 0, now()).iter().all(Vec::is_empty));
        assert_eq!(related(&s, 0, now()).len(), 8);
    }

    #[test]
    fn never_itself_never_without_a_shared_tag() {
        let s = site(vec![
            b("a", &day(1), &["X", "Y"]),
            b("b", &day(2), &["Y"]),
            b("c", &day(3), &["Z"]),
            b("untagged", &day(4), &[]),
        ]);
        let r = related(&s, 10, now());
        assert_eq!(slugs(&s, &r, "a"), ["b"]);
        assert_eq!(slugs(&s, &r, "b"), ["a"]);
        assert!(slugs(&s, &r, "c").is_empty());
        assert!(slugs(&s, &r, "untagged").is_empty());
        for (i, list) in r.iter().enumerate() {
            assert!(!list.contains(&i));
        }
    }

    #[test]
    fn a_tag_on_every_briefing_still_relates_them() {
        // Its weight is 0, but the briefings do share it.
        let s = site(vec![b("a", &day(1), &["X"]), b("b", &day(2), &["X"])]);
        let r = related(&s, 4, now());
        assert_eq!(slugs(&s, &r, "a"), ["b"]);
    }

    #[test]
    fn drafts_and_scheduled_briefings_are_never_related_even_when_shown() {
        let mut draft = b("draft", &day(5), &["X"]);
        Arc::make_mut(&mut draft).draft = true;
        let later = b("later", "2031-01-01T00:00:00Z", &["X"]);
        let everything = Publish {
            drafts: true,
            future: true,
            ..all()
        };
        let s = ok(collect(
            vec![
                b("a", &day(4), &["X"]),
                b("b", &day(1), &["X"]),
                draft,
                later,
            ],
            &everything,
        ));
        assert_eq!(s.briefings.len(), 4);
        let r = related(&s, 10, now());
        assert_eq!(slugs(&s, &r, "a"), ["b"]);
        // They get a list of their own, of published briefings.
        assert_eq!(slugs(&s, &r, "draft"), ["a", "b"]);
        assert_eq!(slugs(&s, &r, "later"), ["a", "b"]);
        // Once its date has come, the scheduled one is related.
        let then = DateTime::parse_from_rfc3339("2031-06-01T00:00:00Z").unwrap();
        assert_eq!(slugs(&s, &related(&s, 10, then), "a"), ["b", "later"]);
    }

    /// A site of `n` briefings over `tags` tags of Zipf-like popularity,
    /// 1 to 4 tags each, from a fixed seed.
    fn zipf_site(n: usize, tags: usize) -> Site {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let names: Vec<String> = (0..tags).map(|t| format!("T{t}")).collect();
        let briefings = (0..n)
            .map(|k| {
                let count = 1 + (next() % 4) as usize;
                let mut chosen: Vec<&str> = Vec::new();
                while chosen.len() < count {
                    // Rank r with probability about 1/r.
                    let u = (next() % 1_000_000) as f64 / 1_000_000.0;
                    let r = ((tags as f64).powf(u) as usize)
                        .saturating_sub(1)
                        .min(tags - 1);
                    if !chosen.contains(&names[r].as_str()) {
                        chosen.push(&names[r]);
                    }
                }
                // A few share a date, so that slugs break ties.
                let date = DateTime::parse_from_rfc3339("2024-01-01T00:00:00Z").unwrap()
                    + chrono::Duration::hours((next() % (24 * 400)) as i64);
                b(&format!("b{k:04}"), &date.to_rfc3339(), &chosen)
            })
            .collect();
        site(briefings)
    }

    /// Every pair compared: what the bounded search must equal when no
    /// tag is larger than the window.
    fn brute_force(s: &Site, limit: usize) -> Vec<Vec<usize>> {
        let n = s.briefings.len() as f64;
        let weight = |t: &str| {
            let (_, g) = s.tag(t).unwrap();
            ((n / g.briefings.len() as f64).ln() * SCALE).round() as u64
        };
        (0..s.briefings.len())
            .map(|i| {
                let a = &s.briefings[i];
                let mut scored: Vec<(u64, u64, &str, usize)> = (0..s.briefings.len())
                    .filter(|&j| j != i)
                    .filter_map(|j| {
                        let b = &s.briefings[j];
                        let shared: Vec<&str> = a
                            .tags
                            .iter()
                            .filter(|t| b.tags.iter().any(|u| u.slug == t.slug))
                            .map(|t| t.slug.as_str())
                            .collect();
                        (!shared.is_empty()).then(|| {
                            let score: u64 = shared.iter().map(|t| weight(t)).sum();
                            let distance = a
                                .date
                                .timestamp_micros()
                                .abs_diff(b.date.timestamp_micros());
                            (u64::MAX - score, distance, b.slug.as_str(), j)
                        })
                    })
                    .collect();
                scored.sort();
                scored.into_iter().take(limit).map(|x| x.3).collect()
            })
            .collect()
    }

    #[test]
    fn the_bounded_search_is_exact_when_tags_fit_the_window() {
        let s = zipf_site(400, 60);
        assert!(s.tags.iter().all(|t| t.briefings.len() <= WINDOW));
        assert!(s.tags.iter().any(|t| t.briefings.len() > 50));
        for limit in [1, 4, 10] {
            assert_eq!(related(&s, limit, now()), brute_force(&s, limit), "{limit}");
        }
    }

    #[test]
    fn a_large_tag_is_searched_near_in_date_and_rare_tags_everywhere() {
        // Every briefing shares Big; the neighbours in date win the tie.
        let mut briefings: Vec<_> = (0..600)
            .map(|k| {
                let date = DateTime::parse_from_rfc3339("2020-01-01T00:00:00Z").unwrap()
                    + chrono::Duration::days(k);
                b(&format!("b{k:03}"), &date.to_rfc3339(), &["Big"])
            })
            .collect();
        // Two years apart, far outside each other's window of Big, but
        // sharing a rare tag.
        Arc::make_mut(&mut briefings[20])
            .tags
            .push(crate::content::Term::new("Rare".into()));
        Arc::make_mut(&mut briefings[580])
            .tags
            .push(crate::content::Term::new("Rare".into()));
        let s = site(briefings);
        assert!(s.tag("big").unwrap().1.briefings.len() > WINDOW);
        let r = related(&s, 4, now());
        assert_eq!(slugs(&s, &r, "b300"), ["b299", "b301", "b298", "b302"]);
        assert_eq!(slugs(&s, &r, "b000"), ["b001", "b002", "b003", "b004"]);
        assert_eq!(slugs(&s, &r, "b599"), ["b598", "b597", "b596", "b595"]);
        assert_eq!(slugs(&s, &r, "b020")[0], "b580");
        assert_eq!(slugs(&s, &r, "b580")[0], "b020");
    }

    #[test]
    fn the_same_lists_on_any_number_of_threads() {
        let s = zipf_site(2000, 40);
        assert!(s.tags.iter().any(|t| t.briefings.len() > WINDOW));
        let on = |threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| related(&s, 4, now()))
        };
        let one = on(1);
        assert_eq!(one, on(4));
        assert_eq!(one, related(&s, 4, now()));
        assert!(one.iter().all(|l| l.len() == 4));
    }
}
