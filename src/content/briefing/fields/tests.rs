use super::MAX_TAGS;
use crate::content::briefing::tests::parse;

#[test]
fn every_field_error_is_reported_at_once() {
    let p = parse(
        "---\ntitle: \"\"\ndate: 2025-02-30\nslug: ../etc\nsources:\n  - {title: x, url: \"javascript:alert(1)\"}\n---\n",
    );
    let msgs: Vec<_> = p
        .diagnostics
        .iter()
        .map(|d| (d.line, d.message.clone()))
        .collect();
    assert!(p.briefing.is_none());
    assert_eq!(msgs.len(), 4, "{msgs:?}");
    assert_eq!(msgs[0].0, Some(2));
    assert_eq!(msgs[1].0, Some(3));
    assert_eq!(msgs[2].0, Some(4));
    assert_eq!(msgs[3].0, Some(6));
    assert!(msgs[3].1.contains("javascript"));
}

#[test]
fn missing_title_and_date() {
    let p = parse("---\ntags: [a]\n---\n");
    let msgs: Vec<_> = p.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(msgs, ["missing `title`", "missing `date`"]);
}

#[test]
fn too_many_tags_is_an_error() {
    let tags: Vec<String> = (0..=MAX_TAGS).map(|i| format!("t{i}")).collect();
    let p = parse(&format!(
        "---\ntitle: x\ndate: 2025-01-01\ntags: [{}]\n---\n",
        tags.join(",")
    ));
    assert!(p.diagnostics[0].message.contains("at most 100"));
}

#[test]
fn tags_that_only_share_a_url_are_an_error_at_the_tags_line() {
    // Before: `[C++, C]` kept "C++" alone, and the briefing about C
    // was listed and fed as one about C++.
    let p = parse("---\ntitle: x\ndate: 2025-01-01\ntags: [C++, C]\n---\n");
    assert_eq!(p.diagnostics.len(), 1, "{:?}", p.diagnostics);
    let d = &p.diagnostics[0];
    assert_eq!(d.line, Some(4));
    assert!(d.message.contains("/tags/c/"), "{}", d.message);
    let p = parse("---\ntitle: x\ndate: 2025-01-01\ntags: [Trade, trade, TRADE]\n---\n");
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    let tags = &p.briefing.expect("parsed").tags;
    assert_eq!(tags.len(), 1, "one tag, kept once");
}
