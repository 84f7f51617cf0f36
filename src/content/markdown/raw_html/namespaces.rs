//! Which namespace a browser's tree builder puts each raw HTML element
//! in, as the check needs it: inside `<svg>` and `<math>` (foreign
//! content) `<style>`, `<title>`, `<textarea>`, `<iframe>` and the like
//! hold markup, not text, so an `<img onerror>` written in one is a live
//! element; and a few HTML tags (`<p>`, `<div>`, `<img>` …) end the
//! foreign content they are written in.

use html5ever::tokenizer::Tag;

/// What the elements opened inside an element are, as a browser's tree
/// builder sees them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) enum Inside {
    /// HTML: the body's own, and what SVG's `<foreignObject>`, `<desc>`
    /// and `<title>` hold (HTML integration points).
    #[default]
    Html,
    /// SVG elements.
    Svg,
    /// MathML elements.
    MathMl,
    /// What MathML's `<mi>`, `<mo>`, `<mn>`, `<ms>` and `<mtext>` hold (text
    /// integration points): HTML, but for `<mglyph>` and `<malignmark>`.
    MathText,
}

/// Where an element opened in context `inside` goes: whether it is a
/// foreign (SVG or MathML) element, what the elements inside it are, and
/// whether it is an HTML tag that ends the foreign content it is written
/// in (a browser closes the `<svg>` or `<math>` at it).
pub(super) struct Placed {
    pub(super) foreign: bool,
    pub(super) inside: Inside,
    pub(super) breaks_out: bool,
}

/// Places the element `tag` (named `name`, in lower case) opened where
/// the elements are `inside`.
pub(super) fn place(name: &str, tag: &Tag, inside: Inside) -> Placed {
    let foreign_in = |ns: Inside| match name {
        "svg" => Inside::Svg,
        "math" => Inside::MathMl,
        _ => ns,
    };
    let (ns, breaks_out) = match inside {
        Inside::Html => (foreign_in(Inside::Html), false),
        Inside::MathText if matches!(name, "mglyph" | "malignmark") => (Inside::MathMl, false),
        Inside::MathText => (foreign_in(Inside::Html), false),
        Inside::Svg | Inside::MathMl if breaks_out(name, tag) => (Inside::Html, true),
        Inside::Svg | Inside::MathMl => (foreign_in(inside), false),
    };
    let inside = match ns {
        Inside::Svg if matches!(name, "foreignobject" | "desc" | "title") => Inside::Html,
        Inside::MathMl if matches!(name, "mi" | "mo" | "mn" | "ms" | "mtext") => Inside::MathText,
        Inside::MathMl if name == "annotation-xml" && holds_html(tag) => Inside::Html,
        other => other,
    };
    Placed {
        foreign: ns != Inside::Html,
        inside,
        breaks_out,
    }
}

/// Whether `<annotation-xml>` holds HTML (an integration point).
fn holds_html(tag: &Tag) -> bool {
    tag.attrs.iter().any(|a| {
        &*a.name.local == "encoding"
            && (a.value.eq_ignore_ascii_case("text/html")
                || a.value.eq_ignore_ascii_case("application/xhtml+xml"))
    })
}

/// The HTML tags that end foreign content: the tree builder pops the SVG
/// and MathML elements open and makes them HTML elements.
fn breaks_out(name: &str, tag: &Tag) -> bool {
    const TAGS: &[&str] = &[
        "b",
        "big",
        "blockquote",
        "body",
        "br",
        "center",
        "code",
        "dd",
        "div",
        "dl",
        "dt",
        "em",
        "embed",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "hr",
        "i",
        "img",
        "li",
        "listing",
        "menu",
        "meta",
        "nobr",
        "ol",
        "p",
        "pre",
        "ruby",
        "s",
        "small",
        "span",
        "strong",
        "strike",
        "sub",
        "sup",
        "table",
        "tt",
        "u",
        "ul",
        "var",
    ];
    TAGS.contains(&name)
        || (name == "font"
            && tag
                .attrs
                .iter()
                .any(|a| matches!(&*a.name.local, "color" | "face" | "size")))
}
