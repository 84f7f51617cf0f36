//! Markup that reads one way to a checker and another to a browser: raw
//! HTML inside SVG and MathML, Markdown in front-matter fields. Each is
//! refused at its line, and the previous output is kept.

use crate::common::{self, fm};

#[test]
fn an_event_handler_inside_an_svg_style_or_title_is_refused_at_its_line() {
    // Inside `<svg>` and `<math>` a browser reads what a `<style>` or a
    // `<title>` holds as markup: the `<img onerror>` in one was taken for
    // text, and published live in the page, every feed and the email.
    let (site, before) = crate::built_site();
    site.briefing(
        "svg-style",
        &fm("SVG style", "2025-01-05", &["X"]),
        "Para.\n\n<svg><style><img src=x alt=\"\" onerror=alert(1)></style></svg>\n\n\
         <math><mtext><mglyph><title><img src=y alt=\"\" onerror=alert(2)></title></mglyph></mtext></math>\n",
    );
    let ds = crate::content_errors(site.build().unwrap_err());
    let handlers: Vec<(Option<usize>, Option<usize>)> = ds
        .iter()
        .filter(|d| d.is_error() && d.message.contains("event handler, `onerror`"))
        .map(|d| {
            assert!(d.path.ends_with("svg-style.md"), "{d}");
            (d.line, d.column)
        })
        .collect();
    // The front matter takes 5 lines, so the body starts on line 6.
    assert_eq!(
        handlers,
        [(Some(8), Some(13)), (Some(10), Some(29))],
        "{ds:?}"
    );
    assert_eq!(before, common::snapshot(&site.public()));
}

#[test]
fn a_link_that_runs_code_in_a_correction_is_refused_at_its_line() {
    // A correction is a line of Markdown: its `javascript:` link was
    // published live in the page's notice, the email edition and every
    // feed, past the check every link in the body gets.
    let (site, before) = crate::built_site();
    site.briefing(
        "corrected",
        &format!(
            "{}\ncorrections:\n  - date: 2025-01-06\n    text: \"See [the note](javascript:alert(1)).\"\n  - date: 2025-01-07\n    text: \"And <JaVaScRiPt:alert(2)>.\"",
            fm("Corrected", "2025-01-05", &["X"])
        ),
        "Para.\n",
    );
    let ds = crate::content_errors(site.build().unwrap_err());
    let got: Vec<(Option<usize>, Option<usize>, &str)> = ds
        .iter()
        .map(|d| (d.line, d.column, d.message.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                Some(7),
                Some(11),
                "the correction's link `javascript:alert(1)` would run code in a reader's browser"
            ),
            (
                Some(9),
                Some(11),
                "the correction's link `JaVaScRiPt:alert(2)` would run code in a reader's browser"
            ),
        ]
    );
    assert_eq!(before, common::snapshot(&site.public()));
}
