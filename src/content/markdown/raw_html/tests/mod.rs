//! The raw HTML check's unit tests.

use super::*;

mod foreign;

fn messages(pieces: &[(usize, &str)]) -> Vec<(usize, String, bool)> {
    check(pieces, &[])
        .problems
        .into_iter()
        .map(|p| (p.offset, p.message, p.error))
        .collect()
}

#[test]
fn balanced_markup_across_pieces_passes() {
    let pieces = [
        (0, "<div class=\"box\">\n"),
        (40, "<span>"),
        (60, "</span>"),
        (80, "</div>\n"),
        (100, "<img src=\"a.png\" alt=\"A chart\"><br><hr/>"),
        (150, "<!-- a note -->\n"),
        (170, "<p>optional end<li>also"),
    ];
    assert_eq!(messages(&pieces), vec![]);
}

#[test]
fn an_element_left_open_is_an_error_where_it_was_opened() {
    let got = messages(&[(5, "<b>"), (30, "<div class=\"box\">\n")]);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].0, 5);
    assert!(got[0].1.contains("`<b>` is never closed") && got[0].2);
    assert_eq!(got[1].0, 30);
    assert!(got[1].1.contains("`<div>` is never closed"));
}

#[test]
fn a_stray_or_crossed_end_tag_is_an_error() {
    let got = messages(&[(0, "</div>")]);
    assert!(got[0].1.contains("closes no `<div>`"), "{got:?}");
    let got = messages(&[(0, "<div>"), (10, "<em>"), (20, "</div>")]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, 10);
    assert!(got[0].1.contains("`<em>` is not closed before `</div>`"));
}

#[test]
fn scripts_handlers_and_code_addresses_are_errors() {
    let got = messages(&[(0, "<script>if (a < b) { x = '</div>' }</script>")]);
    assert_eq!(got.len(), 1, "the script's text is not markup: {got:?}");
    assert!(got[0].1.contains("<script>") && got[0].2);
    let got = messages(&[(0, "<a href=\" JavaScript:alert(1)\" onclick=\"x()\">x</a>")]);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got.iter().all(|g| g.2));
    let got = messages(&[(0, "<img src=\"data:image/png;base64,AA\" alt=\"dot\">")]);
    assert_eq!(got, vec![], "an image's data: address is only drawn");
}

#[test]
fn obsolete_elements_and_missing_alt_are_warnings() {
    let got = messages(&[(0, "<center>x</center>"), (20, "<img src=\"a.png\">")]);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got.iter().all(|g| !g.2));
}

#[test]
fn self_closing_syntax_on_an_element_with_content_is_an_error() {
    let got = messages(&[(0, "<div/>")]);
    assert!(
        got.iter().any(|g| g.1.contains("does not close")),
        "{got:?}"
    );
}

#[test]
fn a_flood_of_problems_is_reported_as_ten_and_a_count() {
    let html = "<div>".repeat(10_000);
    let got = messages(&[(0, &html)]);
    assert_eq!(got.len(), 11, "{:?}", &got[..3]);
    assert!(got[10].1.contains("9990 more problems") && got[10].2);
}

#[test]
fn ids_and_anchor_names_are_collected_decoded() {
    let got = check(
        &[
            (0, "<span id=\"kept\">"),
            (
                20,
                "</span> <a name=\"old\">x</a> <div name=\"not-a-target\" id=\"a&amp;b\">",
            ),
            (
                90,
                "<svg><linearGradient id=\"g\"></linearGradient></svg></div>",
            ),
        ],
        &[],
    );
    assert_eq!(got.problems, vec![]);
    assert_eq!(got.ids, ["kept", "old", "a&b", "g"]);
}

#[test]
fn a_tag_on_a_later_line_of_a_piece_points_at_that_line() {
    let got = messages(&[(100, "<div>\ntext\n<b>\n</div>\n")]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, 100 + "<div>\ntext\n".len());
}

#[test]
fn a_comment_left_open_is_an_error_where_it_opens() {
    let got = messages(&[
        (0, "<!-- a note -->\n"),
        (40, "<!-- left open\n\nMore text\n"),
    ]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, 40);
    assert!(got[0].1.contains("`<!--` is never closed") && got[0].2);
    // The open comment hides what follows, so nothing else is reported.
    let got = messages(&[(0, "<div>\n"), (10, "<!-- open <b>\n")]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, 10);
    let got = messages(&[(0, "<!-->"), (10, "<!--->"), (20, "<!-- a -- b -->")]);
    assert!(got.iter().all(|g| !g.1.contains("never closed")), "{got:?}");
}

#[test]
fn processing_instructions_doctypes_and_cdata_are_errors() {
    for (html, says) in [
        ("<?php echo 1; ?>\n", "processing instruction"),
        ("<?php echo 1;\n", "processing instruction"),
        ("<![CDATA[ open\n", "CDATA"),
        ("<!DOCTYPE html>\n", "DOCTYPE"),
        ("<!DOCTYPE html\n", "DOCTYPE"),
        ("<!x>\n", "malformed comment"),
    ] {
        let got = messages(&[(7, html)]);
        assert_eq!(got.len(), 1, "{html}: {got:?}");
        assert!(got[0].1.contains(says) && got[0].2, "{html}: {got:?}");
        assert_eq!(got[0].0, 7, "{html}");
    }
    let svg = "<svg><style><![CDATA[ circle { fill: red } ]]></style></svg>";
    let got = messages(&[(0, svg)]);
    assert_eq!(got.len(), 1, "CDATA is SVG's own: {got:?}");
    assert!(
        got[0].1.contains("styles the whole page") && !got[0].2,
        "{got:?}"
    );
}

#[test]
fn head_elements_and_srcdoc_are_errors() {
    for html in [
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">",
        "<base href=\"https://evil.example/\">",
        "<style>body{display:none}</style>",
        "<title>x</title>",
        "<link rel=\"stylesheet\" href=\"https://evil.example/a.css\">",
        "<body>",
    ] {
        let got = messages(&[(0, html)]);
        assert!(
            !got.is_empty() && got.iter().all(|g| g.2),
            "{html}: {got:?}"
        );
    }
    let fine = "<span itemscope><meta itemprop=\"name\" content=\"x\"></span>\
                <iframe src=\"https://www.example.org/embed\" title=\"Map\"></iframe>\
                <svg role=\"img\"><title>A dot</title><circle r=\"1\"/></svg>";
    assert_eq!(messages(&[(0, fine)]), vec![]);
}

#[test]
fn a_reference_to_a_forbidden_character_is_an_error() {
    let got = messages(&[(3, "<span>a &#x1; b</span>")]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].1.contains("character reference") && got[0].2);
    assert_eq!(messages(&[(0, "<span>&#xFFFE;</span>")]).len(), 1);
    assert_eq!(
        messages(&[(0, "<span>&amp; &#xE9; &#x1F600;</span>")]),
        vec![]
    );
}

#[test]
fn the_addresses_a_browser_follows_are_collected_decoded_and_trimmed() {
    let pieces = [
        (0, "<a href=\" a&amp;b.html \" title=\"x.png\">x</a>\n"),
        (
            50,
            "<img alt=\"\" src=\"one.png\" srcset=\"one.png 1x, two.png 2x\">\n",
        ),
        (
            120,
            "<video poster=\"still.jpg\"><source src=\"clip.mp4\"></video>\n",
        ),
        (
            200,
            "<svg><image href=\"pic.svg\"/><use xlink:href=\"#icon\"/></svg>\n",
        ),
        (280, "<a href=\"\">empty</a><form action=\"/go\"></form>\n"),
    ];
    let got: Vec<(usize, String, bool)> = check(&pieces, &[])
        .urls
        .into_iter()
        .map(|u| (u.offset, u.value, u.image))
        .collect();
    let want = [
        (0, "a&b.html", false),
        (50, "one.png", true),
        (50, "one.png", true),
        (50, "two.png", true),
        (120, "still.jpg", true),
        (120, "clip.mp4", false),
        (200, "pic.svg", true),
        (200, "#icon", false),
    ];
    let want: Vec<(usize, String, bool)> = want.map(|(o, v, i)| (o, v.to_string(), i)).into();
    assert_eq!(got, want);
}

#[test]
fn deeply_nested_raw_html_is_checked_in_linear_time() {
    // Balanced raw HTML of any depth is the editor's own (see the errors
    // test deeply_nested_raw_html_still_builds_pages_feeds_and_email),
    // but each tag looked through every element open around it for an
    // `<svg>` or `<math>`: 20,000 nested `<div>`s took seconds to check.
    let depth = 20_000;
    let html = format!("{}x{}", "<div>".repeat(depth), "</div>".repeat(depth));
    let started = std::time::Instant::now();
    assert_eq!(messages(&[(7, &html)]), vec![]);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    // Foreign content is still told apart, deep inside or after it.
    let svg = format!(
        "{}<svg><path/></svg>{}<span/>",
        "<div>".repeat(300),
        "</div>".repeat(300)
    );
    let got = messages(&[(0, &svg)]);
    assert!(got.iter().any(|g| g.1.contains("`<span/>`")), "{got:?}");
    assert!(!got.iter().any(|g| g.1.contains("path")), "{got:?}");
}

#[test]
fn an_id_the_page_already_has_is_an_error_where_it_is_given_again() {
    // `<div id="site-search-q">` repeated the theme's search box's id
    // (the Nu checker: "Duplicate ID"), and its label then named the div.
    let pieces = [
        (0, "<div id=\"site-search-q\">"),
        (
            30,
            "</div> <a id=\"own\" name=\"own\"></a> <span id=\"intro\"></span>",
        ),
        (90, "<b id=\"own\">x</b> <a name=\"main\"></a>"),
    ];
    let got = check(&pieces, &["intro".to_string()]);
    let found: Vec<(usize, &str)> = got
        .problems
        .iter()
        .filter(|p| p.error)
        .map(|p| (p.offset, p.message.as_str()))
        .collect();
    let taken = |id: &str| {
        format!(
            "the raw HTML's id `{id}` is already on the page (the theme's, a heading's, a footnote's or an earlier element's)"
        )
    };
    assert_eq!(
        found,
        [
            (0, &*taken("site-search-q")),
            (30, &*taken("intro")),
            (90, &*taken("own")),
            (90, &*taken("main"))
        ]
    );
}

#[test]
fn a_style_the_email_inliner_cannot_read_is_an_error_at_its_tag() {
    // `<p style="a:b;c">` failed the whole build with an error naming
    // templates/email.html, whose CSS inlining it broke.
    for style in ["'\"x'", "\"a:b;c\"", "\"{}\""] {
        let html = format!("<p style={style}>x</p>");
        let got = check(&[(0, html.as_str())], &[]);
        let errors: Vec<&Problem> = got.problems.iter().filter(|p| p.error).collect();
        assert_eq!(errors.len(), 1, "{html}: {got:?}");
        assert!(
            errors[0]
                .message
                .starts_with("the raw HTML `<p>`'s style is not CSS"),
            "{html}: {got:?}"
        );
    }
    for style in [
        "\"color: red; margin: 0 auto\"",
        "\"\"",
        "\"color:red;\"",
        "'font-family: \"A B\"'",
    ] {
        let html = format!("<p style={style}>x</p>");
        assert_eq!(check(&[(0, html.as_str())], &[]).problems, vec![], "{html}");
    }
}
