//! The addresses raw HTML points at: what a reader's browser follows or
//! loads from the briefing's page, collected so that the build can check
//! them as it checks Markdown links and images. Raw HTML is published as
//! written, so each address is relative to the page, as in the browser.

use html5ever::tokenizer::Tag;

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
