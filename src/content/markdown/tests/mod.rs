use super::*;

mod ids;

#[test]
fn email_autolinks_are_mail_links_not_local_files() {
    let out = r("Write to <desk@e.org> or <https://e.org/a>.\n");
    assert!(out.local_links.is_empty(), "{:?}", out.local_links);
    assert!(
        out.html.contains(r#"href="mailto:desk@e.org""#),
        "{}",
        out.html
    );
}

#[test]
fn schemes_that_run_code_whatever_their_spelling() {
    for (dest, image) in [
        ("javascript:alert(1)", false),
        ("JavaScript:alert(1)", true),
        (" java\tscript:x", false),
        ("vbscript:msgbox", false),
        ("data:text/html,<script>", false),
    ] {
        assert!(runs_code(dest, image).is_some(), "{dest}");
    }
    for (dest, image) in [
        ("data:image/png;base64,AAAA", true),
        ("https://e.org/javascript:x", false),
        ("/javascript/", false),
        ("javascript", false),
        ("#javascript:x", false),
        ("mailto:desk@e.org", false),
    ] {
        assert_eq!(runs_code(dest, image), None, "{dest}");
    }
}

#[test]
fn body_text_is_every_word_without_markup() {
    let text = body_text(
        "## The *essentials*\n\n- One [link](/x/)\n- `code`\n\n<div>raw</div>\n\n| a | b |\n|---|---|\n| c | d |\n\nA note[^1].\n\n[^1]: The footnote.\n",
    );
    assert_eq!(
        text.split_whitespace().collect::<Vec<_>>(),
        [
            "The",
            "essentials",
            "One",
            "link",
            "code",
            "a",
            "b",
            "c",
            "d",
            "A",
            "note.",
            "The",
            "footnote.",
            "raw"
        ]
    );
    assert!(!text.contains("div"), "no markup: {text}");
}

const BASE: &str = "https://example.org/b/briefings/";
const ROOT: &str = "https://example.org/b/";

fn r(md: &str) -> Rendered {
    let files = std::collections::HashSet::new();
    render(
        md,
        &Links {
            folder: BASE,
            page: "https://example.org/b/briefings/slug/",
            root: ROOT,
            source: std::path::Path::new("briefings/x.md"),
            files: &files,
            words: Words::english(),
        },
    )
}

#[test]
fn extensions_are_on() {
    let out = r(
        "| a |\n|---|\n| 1 |\n\n~~x~~\n\n- [x] done\n\n\"quoted\" -- dash\n\nNote[^1]\n\n[^1]: Foot.\n",
    );
    assert!(out.html.contains("<table>"));
    assert!(out.html.contains("<del>x</del>"));
    assert!(out.html.contains("\u{201c}quoted\u{201d} \u{2013} dash"));
    assert!(
        out.html
            .contains(r##"<section class="footnotes" aria-label="Footnotes">"##),
        "{}",
        out.html
    );
    assert!(
        out.html
            .contains(r##"<a href="#fn-1" id="fnref-1" aria-label="Footnote 1">1</a>"##),
        "{}",
        out.html
    );
    assert!(out.html.contains(r##"<li id="fn-1">"##));
    assert!(
        out.html
            .contains(r##"href="#fnref-1" class="footnote-backref""##)
    );
    assert!(
        out.html
            .contains(r#"<input type="checkbox" disabled checked aria-label="Done">"#),
        "{}",
        out.html
    );
}

#[test]
fn summary_is_the_first_paragraph_or_the_part_before_more() {
    assert_eq!(
        r("# T\n\nFirst *para*\nline.\n\nSecond.").summary,
        "First para line."
    );
    assert_eq!(
        r("One.\n\nTwo.\n\n<!-- more -->\n\nThree.").summary,
        "One. Two."
    );
    assert!(!r("One.\n\n<!-- more -->\n").has_raw_html);
    assert!(r("<div>x</div>\n").has_raw_html);
    // A body written in raw HTML has its summary there.
    assert_eq!(
        r("<div>\n<p>Raw &amp; <b>ready</b>.</p><p>No.</p>\n</div>\n").summary,
        "Raw & ready."
    );
}

#[test]
fn a_more_marker_with_nothing_before_it_leaves_the_first_paragraph_as_summary() {
    // `<!-- more -->` written first gave an empty summary: no meta
    // description, and feed items with none.
    assert_eq!(
        r("<!-- more -->\n\nReal lede.\n\nMore.\n").summary,
        "Real lede."
    );
    assert_eq!(
        r("## Heading\n\n<!-- more -->\n\nReal lede.\n").summary,
        "Heading"
    );
}

#[test]
fn summary_skips_footnote_definitions_written_first() {
    assert_eq!(r("[^1]: note first\n\nText[^1]").summary, "Text");
    assert_eq!(
        r("[^a]: One.\n\n    Two.\n\n[^b]: Three.\n\nBody[^a][^b] here.\n").summary,
        "Body here."
    );
    assert_eq!(r("[^1]: only a note\n").summary, "");
}

#[test]
fn word_count_and_reading_time() {
    let out = r(&"word ".repeat(500));
    assert_eq!(out.word_count, 500);
    assert_eq!(out.reading_minutes, 3);
    assert_eq!(r("").reading_minutes, 1);
    // A word runs on across inline markup, and stops at a block's edge.
    for (md, words) in [
        ("Two <b>words</b>.\n", 2),
        ("foo*bar* baz\n", 2),
        ("A [link](/x/), then `code`; done.\n", 5),
        ("Note[^1] here.\n\n[^1]: Foot.\n", 3),
        ("One\n\nTwo\n", 2),
        ("- a\n- b\n", 2),
        ("One\ntwo\n", 2),
    ] {
        assert_eq!(r(md).word_count, words, "{md:?}");
    }
    // Raw HTML's words count; its tags and inline HTML's do not twice.
    let out = r(
        "<figure>\n<figcaption>Three &amp; more words</figcaption>\n</figure>\n\nTwo <b>words</b>\n",
    );
    assert_eq!(out.word_count, 6);
}

#[test]
fn relative_links_resolve_against_the_folder_and_root() {
    let out = r("![a](lead.jpg) [b](/tags/x/) [c](https://x.org/) [d](#top) [e](mailto:a@b.c)");
    assert!(
        out.html
            .contains("src=\"https://example.org/b/briefings/lead.jpg\"")
    );
    assert!(out.html.contains("href=\"https://example.org/b/tags/x/\""));
    assert!(out.html.contains("href=\"https://x.org/\""));
    assert!(out.html.contains("href=\"#top\""));
    assert!(out.html.contains("href=\"mailto:a@b.c\""));
}

#[test]
fn deep_nesting_renders_without_overflow_and_is_flagged() {
    let md = ">".repeat(10_000) + " deep\n";
    let out = r(&md);
    assert!(out.html.contains("deep"));
    assert_eq!(out.too_deep_at, Some(MAX_NESTING));
    let md = "- ".repeat(10_000) + "x\n";
    assert!(r(&md).too_deep_at.is_some());
    assert_eq!(r("> > - *a*\n").too_deep_at, None);
}

/// The Markdown problems of `body`: (offset, message, whether an error).
fn problems(body: &str) -> Vec<(usize, String, bool)> {
    r(body)
        .markdown_problems
        .into_iter()
        .map(|p| (p.offset, p.message, p.error))
        .collect()
}

#[test]
fn a_footnote_defined_twice_is_an_error_and_one_never_defined_a_warning() {
    let body = "Text[^a] and [^missing].\n\n[^a]: one\n[^A]: two\n";
    let got = problems(body);
    assert_eq!(
        got,
        [
            (
                13,
                "`[^missing]` cites a footnote that is not defined: it is shown as written".into(),
                false
            ),
            (
                body.find("[^A]:").unwrap(),
                "the footnote `[^A]` is defined twice".into(),
                true
            ),
        ]
    );
    for fine in [
        "One[^1].\n\n[^1]: First.\n",
        "An array [^1] is [x] and a[^b] [ ^c ].\n\n[^1]: a\n[^b]: b\n",
        "Brackets: [ and ] and [^] alone.\n",
    ] {
        assert_eq!(r(fine).markdown_problems, vec![], "{fine}");
    }
}

#[test]
fn references_to_forbidden_characters_become_the_replacement_character() {
    let out = r("body &#x1; x &#xFFFE; &#65; &amp;\n");
    assert_eq!(out.html, "<p>body \u{FFFD} x \u{FFFD} A &amp;</p>\n");
    assert!(!out.summary.contains('\u{1}'), "{:?}", out.summary);
}

#[test]
fn a_body_shows_nothing_without_visible_text_or_media() {
    use super::shows_nothing;
    for html in [
        "",
        "\n",
        "<p>\u{a0}</p>",
        "<h1 id=\"x\"></h1><hr />",
        "<p>&nbsp;&#x200B;</p>",
    ] {
        assert!(shows_nothing(html), "{html:?}");
    }
    for html in [
        "<p>a</p>",
        "<p><img src=\"x.png\" alt=\"\"></p>",
        "&amp;",
        "<p>&#65;</p>",
        "<SVG></SVG>",
        "&#bad;",
    ] {
        assert!(!shows_nothing(html), "{html:?}");
    }
}

#[test]
fn a_body_without_a_paragraph_is_summed_up_by_its_first_point() {
    // A digest written as a list of points had no summary: no meta
    // description, and an empty description in every feed item.
    assert_eq!(
        r("# Today\n\n- Oil fell 3% on *Monday*.\n  - Brent too.\n- Gold rose.\n").summary,
        "Oil fell 3% on Monday. Brent too."
    );
    assert_eq!(
        r("## Only\n\n| a | b |\n|---|---|\n| 1 | 2 |\n").summary,
        "Only a b 1 2"
    );
    // A paragraph still comes first, wherever it is.
    assert_eq!(r("- Point.\n\nLede.\n").summary, "Lede.");
}
