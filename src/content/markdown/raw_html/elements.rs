//! What HTML says of elements, as the raw HTML check needs it: which
//! have no end tag or may leave it out, which are obsolete, which belong
//! to a document's head and not to a briefing's body.

use html5ever::tokenizer::Tag;
use html5ever::tokenizer::states::RawKind;

/// Why element `name` may not be in a body, if it may not: the parts of
/// a document's `<head>` would act on the whole page (`<base>` moves every
/// link, `<meta http-equiv="refresh">` sends the reader elsewhere,
/// `<style>` restyles the theme) and the Nu checker rejects them there.
pub(super) fn not_in_a_body(name: &str, tag: &Tag) -> Option<&'static str> {
    match name {
        "html" | "head" | "body" => Some("belongs to a whole HTML document, not a briefing's body"),
        "base" => Some("would change where every link of the page points"),
        "title" => Some("would name the whole page (the headline is the front matter's title)"),
        "style" => Some("would restyle the whole page, the theme included"),
        "link" => Some("would load a file into the whole page"),
        // `<meta itemprop>` is microdata, allowed anywhere.
        "meta" if !tag.attrs.iter().any(|a| &*a.name.local == "itemprop") => {
            Some("belongs in the page's <head>; `http-equiv` there can send readers elsewhere")
        }
        _ => None,
    }
}

/// How the text inside HTML element `name` is read, when not as markup:
/// what a browser's tree builder tells its tokenizer.
pub(in crate::content::markdown) fn raw_text(name: &str) -> Option<RawKind> {
    match name {
        "script" => Some(RawKind::ScriptData),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" => Some(RawKind::Rawtext),
        "textarea" | "title" => Some(RawKind::Rcdata),
        _ => None,
    }
}

/// Elements that have no end tag.
pub(super) const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Elements whose end tag HTML lets a writer leave out: closed by their
/// parent's end tag without complaint.
pub(super) const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup",
    "colgroup", "caption", "rb", "rp", "rt", "rtc",
];

/// Elements the HTML standard has made obsolete: the Nu checker rejects
/// each.
pub(super) const OBSOLETE: &[&str] = &[
    "acronym",
    "applet",
    "basefont",
    "bgsound",
    "big",
    "blink",
    "center",
    "dir",
    "font",
    "frame",
    "frameset",
    "isindex",
    "keygen",
    "listing",
    "marquee",
    "menuitem",
    "nobr",
    "noembed",
    "noframes",
    "plaintext",
    "rb",
    "rtc",
    "spacer",
    "strike",
    "tt",
    "xmp",
];

pub(super) const CLOSE_HINT: &str = "close each element you open in raw HTML, in the order opened; to show a tag as text, write it as \\<b> or in `backticks`";
pub(super) const CODE_HINT: &str = "briefings may not carry scripts: they would run in every reader's browser, and feed readers and email clients drop them anyway; link to the page that has the script instead";
