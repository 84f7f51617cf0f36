//! Tests of related briefings on small sites made by hand; the
//! references the bounded search is checked against are in [`reference`].

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

mod reference;
mod scale;
