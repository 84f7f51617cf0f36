//! The ids a body gives the page: headings', footnotes' and raw HTML's,
//! unique among themselves and the theme's.

use super::*;

#[test]
fn footnotes_cited_twice_or_never_make_unique_ids_and_working_links() {
    let out = r(
        "One[^1], two[^a b], three[^a-b], again[^1].\n\n[^1]: First.\n[^a b]: Second.\n[^a-b]: Third.\n[^unused]: Never cited.\n",
    );
    let doc = scraper::Html::parse_fragment(&out.html);
    let attr = |sel: &str, name: &str| -> Vec<String> {
        let sel = scraper::Selector::parse(sel).unwrap();
        doc.select(&sel)
            .filter_map(|e| e.value().attr(name).map(str::to_string))
            .collect()
    };
    let ids = attr("[id]", "id");
    let unique: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    // Every in-page link lands on an element.
    for href in attr("a[href^='#']", "href") {
        assert!(
            ids.contains(&href[1..].to_string()),
            "{href} in {}",
            out.html
        );
    }
    // The twice-cited note links back to both citations.
    assert!(ids.contains(&"fnref-1-2".to_string()), "{ids:?}");
    assert_eq!(
        attr("#fn-1 a.footnote-backref", "href"),
        ["#fnref-1", "#fnref-1-2"]
    );
}

#[test]
fn theme_ids_are_every_id_the_built_in_briefing_page_writes() {
    // THEME_IDS repeats ids of the built-in templates: this keeps the two
    // in step when a template gains one.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    for name in [
        "base.html",
        "briefing.html",
        "email.html",
        "partials/card.html",
        "partials/header.html",
        "partials/footer.html",
    ] {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        for part in text.split(" id=\"").skip(1) {
            let id = &part[..part.find('"').unwrap()];
            if !id.contains('{') {
                assert!(
                    THEME_IDS.contains(&id),
                    "{name}: id {id:?} missing from THEME_IDS"
                );
            }
        }
    }
}

#[test]
fn headings_never_take_the_themes_or_the_footnotes_ids() {
    let out = r("## Main\n\n## Corrections\n\n## FN 1\n\nA note[^1].\n\n[^1]: Note.\n");
    assert_eq!(out.heading_ids, ["main-1", "corrections-1", "section-fn-1"]);
    assert!(out.html.contains(r#"id="fn-1""#));
}

#[test]
fn heading_ids_are_unique_and_stable() {
    let out = r("## What next\n\n## What next\n\n## Custom {#mine}\n\n## ???\n");
    assert_eq!(
        out.heading_ids,
        ["what-next", "what-next-1", "mine", "section"]
    );
    assert!(out.html.contains("<h2 id=\"what-next-1\">"));
}

#[test]
fn many_headings_with_one_text_get_their_ids_in_linear_time() {
    // Each repeat of a heading tried every suffix from -1 up before it
    // found a free one: 50,000 `## H` lines (a 250 KB file) took five
    // minutes to parse, a build that looked hung.
    let md = "## H\n\n## H 2\n\n".repeat(10_000);
    let started = std::time::Instant::now();
    let out = r(&md);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(out.heading_ids.len(), 20_000);
    assert_eq!(out.heading_ids[..4], ["h", "h-2", "h-1", "h-2-1"]);
    // `h-2` was taken by the second heading, so the third `H` skips it.
    assert_eq!(out.heading_ids[4..6], ["h-3", "h-2-2"]);
    let unique: std::collections::HashSet<&String> = out.heading_ids.iter().collect();
    assert_eq!(unique.len(), out.heading_ids.len());
}

#[test]
fn a_headings_own_id_taken_already_is_a_warning_and_footnote_ids_are_known() {
    let body = "## Five {#subscribe}\n\n## One {#x}\n\n## Two {#x}\n\nA note[^a].\n\n[^a]: Here.\n";
    let got = problems(body);
    let out = r(body);
    assert_eq!(
        got,
        [
            (
                0,
                "the heading's id `subscribe` is taken on the page, so it is `subscribe-1`: links to #subscribe go elsewhere".into(),
                false
            ),
            (
                body.find("## Two").unwrap(),
                "the heading's id `x` is taken on the page, so it is `x-1`: links to #x go elsewhere".into(),
                false
            ),
        ]
    );
    assert_eq!(out.heading_ids, ["subscribe-1", "x", "x-1"]);
    assert_eq!(out.footnote_ids, ["fnref-a", "fn-a"]);
    assert_eq!(r("## Mine {#mine}\n").markdown_problems, vec![]);
}

#[test]
fn a_heading_keeps_its_id_and_classes_and_no_other_attribute() {
    let out = r("## A {#a .wide onclick=alert(1) style=x}\n\n## B {.b}\n");
    assert_eq!(
        out.html,
        "<h2 id=\"a\" class=\"wide\">A</h2>\n<h2 id=\"b\" class=\"b\">B</h2>\n"
    );
    let errors: Vec<(usize, &str)> = out
        .markdown_problems
        .iter()
        .filter(|p| p.error)
        .map(|p| (p.offset, p.message.as_str()))
        .collect();
    assert_eq!(
        errors,
        [(
            0,
            "the heading has the attribute `onclick`: a heading may carry only its `{#id}` and `{.class}`"
        )]
    );
}

#[test]
fn raw_html_may_not_take_a_footnotes_id() {
    let body = "A note[^1].\n\n<div id=\"fn-1\">Mine</div>\n\n[^1]: Here.\n";
    let out = r(body);
    assert_eq!(out.footnote_ids, ["fnref-1", "fn-1"]);
    let errors: Vec<&str> = out
        .html_problems
        .iter()
        .filter(|p| p.error)
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(
        errors,
        [
            "the raw HTML's id `fn-1` is already on the page (the theme's, a heading's, a footnote's or an earlier element's)"
        ]
    );
}
