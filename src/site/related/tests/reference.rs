//! The bounded search against references: synthetic sites, every pair
//! compared, and an exhaustive ranking with no bound (which `scale.rs`
//! also measures against).

use super::*;

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

/// Every pair compared: what the bounded search must equal when each
/// briefing's tags fit the budget.
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
fn the_bounded_search_is_exact_when_tags_fit_the_budget() {
    // With 200 tags, some briefings carry two with the same bit.
    for (n, tags) in [(400, 60), (800, 200)] {
        let s = zipf_site(n, tags);
        let ids = |b: &Briefing| -> Vec<usize> {
            s.tag_names(b)
                .map(|name| s.tag(&slug::slugify(name)).unwrap().0)
                .collect()
        };
        let total =
            |b: &Briefing| -> usize { ids(b).iter().map(|&t| s.tags[t].briefings.len()).sum() };
        assert!(s.briefings.iter().all(|b| total(b) <= BUDGET));
        assert!(s.tags.iter().any(|t| t.briefings.len() > 50));
        if tags > 64 {
            assert!(s.briefings.iter().any(|b| {
                let ids = ids(b);
                ids.iter()
                    .any(|&t| ids.iter().any(|&u| u != t && u % 64 == t % 64))
            }));
        }
        for limit in [1, 4, 10] {
            assert_eq!(
                related(&s, limit, now()),
                brute_force(&s, limit),
                "{n} briefings, {tags} tags, limit {limit}"
            );
        }
    }
}

#[test]
fn a_large_tag_is_searched_near_in_date_and_rare_tags_everywhere() {
    // Every briefing shares Big, too many to look at all of them: the
    // neighbours in date win the tie.
    let n = BUDGET as i64 + 600;
    let start = DateTime::parse_from_rfc3339("2020-01-01T00:00:00Z").unwrap();
    let mut briefings: Vec<_> = (0..n)
        .map(|k| {
            let date = start + chrono::Duration::days(k);
            b(&format!("b{k:04}"), &date.to_rfc3339(), &["Big"])
        })
        .collect();
    // Far apart, outside each other's part of Big, but sharing a rare
    // tag.
    let far = n as usize - 20;
    for k in [20, far] {
        Arc::make_mut(&mut briefings[k])
            .tags
            .push(crate::content::Term::new("Rare".into()));
    }
    // Near b0020, sharing Rare but not Big: the far one shares both,
    // though Big is not walked as far as it, and comes first.
    briefings.push(b("x", "2020-01-22T00:00:00Z", &["Rare"]));
    let s = site(briefings);
    let far = format!("b{far:04}");
    assert!(s.tag("big").unwrap().1.briefings.len() > BUDGET);
    let r = related(&s, 4, now());
    assert_eq!(slugs(&s, &r, "b0300"), ["b0299", "b0301", "b0298", "b0302"]);
    assert_eq!(slugs(&s, &r, "b0000"), ["b0001", "b0002", "b0003", "b0004"]);
    let newest = format!("b{:04}", n - 1);
    let before = |d: i64| format!("b{:04}", n - 1 - d);
    assert_eq!(
        slugs(&s, &r, &newest),
        [before(1), before(2), before(3), before(4)]
    );
    assert_eq!(slugs(&s, &r, "b0020")[..2], [far.as_str(), "x"]);
    assert_eq!(slugs(&s, &r, &far)[0], "b0020");
}

#[test]
fn a_briefing_missed_in_one_tag_is_met_in_another_once() {
    // Alpha and Beta are as rare as each other, so nothing is skipped;
    // Alpha is walked first and spends the budget around `i` on the
    // briefings of the hours either side of it. `j`, just past them,
    // is met through Beta, and counts both tags.
    let side = BUDGET as i64 / 2 + 50;
    let t0 = DateTime::parse_from_rfc3339("2020-01-01T00:00:00Z").unwrap();
    let at = |minutes: i64| (t0 + chrono::Duration::minutes(minutes)).to_rfc3339();
    let mut briefings = vec![
        b("i", &at(0), &["Alpha", "Beta"]),
        b("j", &at(side + 1), &["Alpha", "Beta"]),
    ];
    for m in 1..=side {
        briefings.push(b(&format!("newer-{m:04}"), &at(m), &["Alpha"]));
        briefings.push(b(&format!("older-{m:04}"), &at(-m), &["Alpha"]));
    }
    for d in 1..=2 * side {
        briefings.push(b(&format!("beta-{d:04}"), &at(d * 1440), &["Beta"]));
    }
    let s = site(briefings);
    let (alpha, beta) = (s.tag("alpha").unwrap().1, s.tag("beta").unwrap().1);
    assert!(BUDGET < alpha.briefings.len());
    assert_eq!(alpha.briefings.len(), beta.briefings.len());
    let r = related(&s, 4, now());
    assert_eq!(
        slugs(&s, &r, "i"),
        ["j", "newer-0001", "older-0001", "newer-0002"]
    );
    let r = related(&s, 50, now());
    for l in &r {
        let mut unique = l.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), l.len());
    }
}

/// Every candidate of every tag scored, with nothing skipped and no
/// bound: the lists the bounded search approximates. Independent of
/// [`Ranker`] but for the weights, which are the definition.
pub(super) fn exhaustive(s: &Site, limit: usize, now: DateTime<FixedOffset>) -> Vec<Vec<usize>> {
    let n = s.briefings.len();
    let published = Publish {
        drafts: false,
        future: false,
        now,
    };
    let eligible: Vec<bool> = s
        .briefings
        .iter()
        .map(|b| published.holds_back(b).is_none())
        .collect();
    let m = eligible.iter().filter(|&&e| e).count() as f64;
    let members: Vec<Vec<usize>> = s
        .tags
        .iter()
        .map(|t| {
            t.briefings
                .iter()
                .copied()
                .filter(|&j| eligible[j])
                .collect()
        })
        .collect();
    let weight = |t: usize| match members[t].len() {
        0 => 0,
        k => ((m / k as f64).ln() * SCALE).round() as u64,
    };
    let tags_of = TagsOf::new(n, s);
    let rank = |i: usize, score: &mut [Option<u64>], touched: &mut Vec<usize>| {
        touched.clear();
        for &t in tags_of.of(i) {
            let w = weight(t as usize);
            for &j in members[t as usize].iter().filter(|&&j| j != i) {
                let sc = &mut score[j];
                if sc.is_none() {
                    touched.push(j);
                }
                *sc = Some(sc.unwrap_or(0) + w);
            }
        }
        let date = s.briefings[i].date.timestamp_micros();
        let mut ranked: Vec<(Reverse<u64>, u64, &str, usize)> = touched
            .iter()
            .map(|&j| {
                let b = &s.briefings[j];
                let distance = date.abs_diff(b.date.timestamp_micros());
                (
                    Reverse(score[j].take().unwrap()),
                    distance,
                    b.slug.as_str(),
                    j,
                )
            })
            .collect();
        ranked.sort_unstable();
        // Not `into_iter`: collecting in place would keep all of
        // `ranked`'s buffer behind each short list.
        ranked.iter().take(limit).map(|r| r.3).collect::<Vec<_>>()
    };
    // A score per briefing for each chunk of briefings ranked, not per
    // rayon job: those can be one briefing each.
    const CHUNK: usize = 1024;
    let chunks: Vec<Vec<Vec<usize>>> = (0..n.div_ceil(CHUNK))
        .into_par_iter()
        .map(|c| {
            let (mut score, mut touched) = (vec![None; n], Vec::new());
            (c * CHUNK..n.min((c + 1) * CHUNK))
                .map(|i| rank(i, &mut score, &mut touched))
                .collect()
        })
        .collect();
    chunks.into_iter().flatten().collect()
}

#[test]
fn the_exhaustive_reference_agrees_with_comparing_every_pair() {
    let s = zipf_site(800, 200);
    for limit in [1, 4, 10] {
        assert_eq!(exhaustive(&s, limit, now()), brute_force(&s, limit));
    }
}

#[test]
fn without_a_bound_the_search_is_exhaustive() {
    let s = zipf_site(4000, 40);
    assert!(s.tags.iter().any(|t| t.briefings.len() > BUDGET));
    assert_eq!(
        related_within(&s, 4, now(), usize::MAX, usize::MAX),
        exhaustive(&s, 4, now())
    );
}

#[test]
fn the_same_lists_on_any_number_of_threads() {
    let s = zipf_site(4000, 40);
    assert!(s.tags.iter().any(|t| t.briefings.len() > BUDGET));
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
