//! What a raw HTML start tag's attributes carry: the ids it gives the
//! page, code that would run in a reader's browser, and the addresses it
//! points at (what the browser follows or loads from the briefing's page,
//! collected so that the build can check them as it checks Markdown links
//! and images; raw HTML is published as written, so each is relative to
//! the page, as in the browser).

use std::collections::HashSet;

use html5ever::tokenizer::Tag;

use super::Problem;

use crate::content::markdown::srcset;

/// An address in a raw HTML attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawUrl {
    /// The address, its character references decoded, trimmed as a browser
    /// trims it.
    pub value: String,
    /// Byte offset in the body of the raw HTML it was found in.
    pub offset: usize,
    /// Whether the page loads it as an image (`<img src>`, `srcset`,
    /// `poster`) rather than linking to it or embedding a page.
    pub image: bool,
}

/// The fragments `tag` gives the page: its `id`, and an `<a>`'s `name`
/// (which browsers scroll to as well).
pub(super) fn ids<'a>(name: &'a str, tag: &'a Tag) -> impl Iterator<Item = String> + 'a {
    tag.attrs
        .iter()
        .filter(move |a| {
            let attr = &*a.name.local;
            !a.value.is_empty() && (attr == "id" || (attr == "name" && name == "a"))
        })
        .map(|a| a.value.to_string())
}

/// Records the ids `tag` gives the page (see [`ids`]) into `ids` and
/// `seen`, with a problem for each one `seen` already holds: an id the
/// page has (the theme's `main`, a heading's) made invalid HTML, and links
/// to it lead to the first. An `<a>` may name itself as its id says.
pub(super) fn record_ids(
    name: &str,
    tag: &Tag,
    offset: usize,
    seen: &mut HashSet<String>,
    problems: &mut Vec<Problem>,
    ids: &mut Vec<String>,
) {
    let mut given: Vec<String> = self::ids(name, tag).collect();
    given.dedup();
    for id in given {
        if !seen.insert(id.clone()) {
            problems.push(Problem {
                offset,
                message: format!("the raw HTML's id `{id}` is already on the page (the theme's, a heading's, a footnote's or an earlier element's)"),
                hint: "give the element an id of its own: ids are unique on a page, and links to #id lead to the first",
                error: true,
            });
        }
        ids.push(id);
    }
}

/// What to do about a `style` the email edition's CSS inliner cannot read.
pub(super) const STYLE_HINT: &str =
    "write the style as CSS declarations, `name: value` separated by `;`, or remove it";

/// A problem with `tag`'s `style` attribute, if css-inline (which inlines
/// the email edition's CSS) cannot read it as CSS declarations: a style
/// such as `color` with no value, or an unclosed quote, failed the whole
/// build with an error naming templates/email.html.
pub(super) fn unreadable_style(name: &str, tag: &Tag) -> Option<String> {
    let style = tag.attrs.iter().find(|a| &*a.name.local == "style")?;
    let quoted = quick_xml::escape::escape(&*style.value);
    let doc = format!(
        "<html><head><style>*{{margin:0}}</style></head><body><p style=\"{quoted}\"></p></body></html>"
    );
    let inliner = css_inline::CSSInliner::options()
        .load_remote_stylesheets(false)
        .build();
    let e = inliner.inline(&doc).err()?;
    Some(format!(
        "the raw HTML `<{name}>`'s style is not CSS the email edition can carry ({e})"
    ))
}

/// What in `tag`'s attributes would run code in a reader's browser: an
/// iframe's `srcdoc` page, an event handler, a `javascript:` address, an
/// SVG animation of a link's address or a handler.
pub(super) fn code_in(name: &str, tag: &Tag) -> Vec<String> {
    let mut out = Vec::new();
    for attr in &tag.attrs {
        let attr_name = &*attr.name.local;
        if attr_name == "srcdoc" {
            out.push(format!(
                "the raw HTML `<{name}>` has a `srcdoc` page, which may carry scripts"
            ));
        } else if attr_name.starts_with("on") {
            out.push(format!(
                "the raw HTML `<{name}>` has an event handler, `{attr_name}`"
            ));
        } else if attr_name == "attributename" && {
            // SVG's `<animate attributeName="href" values="javascript:…">`
            // turns a link into code no address check sees.
            let target = attr.value.trim().to_ascii_lowercase();
            target == "href" || target.ends_with(":href") || target.starts_with("on")
        } {
            out.push(format!(
                "the raw HTML `<{name}>` animates `{}`, which can make a link run code in a reader's browser",
                attr.value.trim()
            ));
        } else if matches!(
            attr_name,
            "href" | "src" | "action" | "formaction" | "xlink:href" | "data"
        ) && let Some(scheme) =
            crate::content::markdown::runs_code(&attr.value, name == "img")
        {
            out.push(format!(
                "the raw HTML `<{name}>` has a `{scheme}:` address, which would run code in a reader's browser"
            ));
        }
    }
    out
}

/// The addresses of `tag`, an element `name`'s start tag, found at
/// `offset`.
pub(super) fn addresses(name: &str, tag: &Tag, offset: usize) -> Vec<RawUrl> {
    let mut out = Vec::new();
    let mut push = |value: &str, image: bool| {
        let value = value.trim_matches(|c: char| c.is_ascii_whitespace());
        if !value.is_empty() {
            out.push(RawUrl {
                value: value.to_string(),
                offset,
                image,
            });
        }
    };
    // `<source src>` is a video's or a sound's (a picture's sources have
    // only `srcset`).
    let image_element = matches!(name, "img" | "image");
    for attr in &tag.attrs {
        match &*attr.name.local {
            "href" | "xlink:href" => push(&attr.value, name == "image"),
            "src" => push(&attr.value, image_element),
            "poster" => push(&attr.value, true),
            "srcset" => {
                for candidate in srcset::parse(&attr.value) {
                    push(candidate.url, true);
                }
            }
            _ => {}
        }
    }
    out
}
