//! The raw HTML check inside SVG and MathML (foreign content), read as a
//! browser reads it.

use super::{check, messages};

#[test]
fn self_closing_elements_inside_svg_and_mathml_are_empty_elements() {
    let svg = "<svg viewBox=\"0 0 10 10\" role=\"img\"><title>Dot</title>\
               <circle cx=\"5\" cy=\"5\" r=\"4\"/><linearGradient id=\"g\">\
               <stop offset=\"0\"/></linearGradient></svg>";
    assert_eq!(messages(&[(0, svg)]), vec![]);
    assert_eq!(
        messages(&[(0, "<math><mspace width=\"1em\"/></math>")]),
        vec![]
    );
    assert_eq!(messages(&[(0, "<svg/>")]), vec![]);
}

#[test]
fn a_style_sheet_in_svg_is_a_warning_and_in_mathml_nothing() {
    let got = messages(&[(5, "<svg><style>body { display: none }</style></svg>")]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, 5);
    assert!(
        got[0].1.contains("`<style>` inside `<svg>`") && !got[0].2,
        "{got:?}"
    );
    // MathML has an element named style that is no style sheet.
    assert_eq!(messages(&[(0, "<math><style>x</style></math>")]), vec![]);
}

#[test]
fn an_svg_animation_of_a_links_address_is_code() {
    // `<animate attributeName="href" values="javascript:…">` inside an
    // SVG link ran code on a click, past the address check (an XSS
    // cheat-sheet classic); `<set attributeName="onclick">` is refused too.
    for html in [
        "<svg><a><animate attributeName=\"href\" values=\"javascript:alert(1)\"/><text>x</text></a></svg>",
        "<svg><a><set attributeName=\"xlink:href\" to=\"javascript:alert(1)\"/></a></svg>",
        "<svg><set attributeName=\" onclick\" to=\"alert(1)\"/></svg>",
    ] {
        let got = check(&[(0, html)], &[]);
        assert!(
            got.problems
                .iter()
                .any(|p| p.error && p.message.contains("can make a link run code")),
            "{html}: {got:?}"
        );
    }
    let fine = "<svg><circle r=\"4\"><animate attributeName=\"r\" values=\"4;8;4\" dur=\"2s\"/></circle></svg>";
    assert_eq!(check(&[(0, fine)], &[]).problems, vec![]);
}

#[test]
fn text_elements_inside_svg_and_mathml_hold_markup_and_it_is_checked() {
    // In SVG and MathML a `<style>`, `<title>`, `<iframe>` or `<textarea>`
    // holds markup, not text, as a browser reads it: the `<img onerror>`
    // in each was taken for text and published, a live event handler.
    for html in [
        "<svg><style><img src=x alt=\"\" onerror=alert(1)></style></svg>",
        "<math><style><img src=x alt=\"\" onerror=alert(1)></style></math>",
        "<svg><title><img src=x alt=\"\" onerror=alert(1)></title></svg>",
        "<svg><iframe><img src=x alt=\"\" onerror=alert(1)></iframe></svg>",
        "<math><textarea><img src=x alt=\"\" onerror=alert(1)></textarea></math>",
        "<math><mtext><mglyph><style><img src=x alt=\"\" onerror=alert(1)></style></mglyph></mtext></math>",
    ] {
        let got = messages(&[(0, html)]);
        assert!(
            got.iter().any(|g| g.2 && g.1.contains("event handler")),
            "{html}: {got:?}"
        );
    }
    // An HTML tag ends the SVG it is written in: a browser closes it.
    let got = messages(&[(0, "<svg><p>x</p></svg>")]);
    assert!(
        got.iter().any(|g| g.2 && g.1.contains("ends the `<svg>`")),
        "{got:?}"
    );
    // What SVG's `<foreignObject>` and `<desc>` hold is HTML again: a
    // `<style>` there restyles the page, and a `<textarea>` holds text.
    let got = messages(&[(
        0,
        "<svg><foreignObject><style>p{}</style></foreignObject></svg>",
    )]);
    assert!(
        got.iter().any(|g| g.2 && g.1.contains("restyle")),
        "{got:?}"
    );
    let fine = "<svg><desc><textarea><b></textarea></desc>\
                <style><![CDATA[ a > b { fill: red } ]]></style></svg>\
                <math><mtext><b>x</b></mtext><annotation-xml encoding=\"text/html\"><p>y</p></annotation-xml></math>";
    // Only the SVG's style sheet is worth a warning.
    let got = messages(&[(0, fine)]);
    assert!(
        got.len() == 1 && !got[0].2 && got[0].1.contains("inside `<svg>`"),
        "{got:?}"
    );
}
