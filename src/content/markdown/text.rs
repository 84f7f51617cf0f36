//! The plain text of a body: its summary, and every word for the search
//! index.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::options;

pub(super) fn plain_text(events: &[Event<'_>]) -> String {
    let mut out = String::new();
    let mut in_footnote = 0usize;
    for event in events {
        match event {
            Event::Start(Tag::FootnoteDefinition(_)) => in_footnote += 1,
            Event::End(TagEnd::FootnoteDefinition) => in_footnote = in_footnote.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if in_footnote == 0 => out.push_str(t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::Start(Tag::Item)
            | Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => out.push(' '),
            _ => {}
        }
    }
    collapse_whitespace(&out)
}

/// The plain text of a whole body, for the search index: the text of its
/// headings, paragraphs, lists, tables, quotes, code and footnotes, a line
/// each, then the text of its raw HTML (a `<figcaption>`, a body written
/// in HTML).
pub fn body_text(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut raw = String::new();
    for event in Parser::new_ext(body, options()) {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => raw.push_str(&html),
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock
                | TagEnd::FootnoteDefinition,
            ) => out.push('\n'),
            _ => {}
        }
    }
    if !raw.is_empty() {
        out.push_str(&super::html_text::visible_text(&raw));
    }
    out
}

/// The plain text of the first paragraph outside footnote definitions: a
/// note written above the text is no summary of it. A body with no
/// paragraph (a digest written as a list of points) gives its first
/// point's text, and one with neither (headings, a table) all its text:
/// it had no summary at all, so no meta description, and an empty
/// description in every feed item.
pub(super) fn first_paragraph(events: &[Event<'_>]) -> String {
    first_block(events, |t| matches!(t, Tag::Paragraph))
        .or_else(|| first_block(events, |t| matches!(t, Tag::Item)))
        .unwrap_or_else(|| plain_text(events))
}

/// The plain text of the first element outside footnote definitions that
/// `is` picks, if it has any.
fn first_block(events: &[Event<'_>], is: impl Fn(&Tag<'_>) -> bool) -> Option<String> {
    let mut in_footnote = 0usize;
    let start = events.iter().position(|e| {
        match e {
            Event::Start(Tag::FootnoteDefinition(_)) => in_footnote += 1,
            Event::End(TagEnd::FootnoteDefinition) => in_footnote = in_footnote.saturating_sub(1),
            _ => {}
        }
        in_footnote == 0 && matches!(e, Event::Start(t) if is(t))
    })?;
    let mut depth = 0usize;
    let end = events[start..]
        .iter()
        .position(|e| {
            match e {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth = depth.saturating_sub(1),
                _ => {}
            }
            depth == 0
        })
        .map_or(events.len(), |n| start + n);
    Some(plain_text(&events[start..end])).filter(|s| !s.is_empty())
}

/// The number of words in the text of `events`. A word may run across
/// events where only inline markup lies between them: `foo*bar*` is one
/// word, and so is `words</b>.`'s `words.` (counted a text at a time,
/// the full stop after a link or emphasis was a word of its own).
pub(super) fn count_text_words(events: &[Event<'_>]) -> usize {
    let mut words = 0;
    // Whether the text before ended inside a word, with only inline
    // markup since.
    let mut in_word = false;
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => {
                let n = count_words(t);
                let continues = in_word && t.starts_with(|c: char| !c.is_whitespace());
                // Starting on a word, the text has at least one.
                words += n - usize::from(continues);
                if !t.is_empty() {
                    in_word = t.ends_with(|c: char| !c.is_whitespace());
                }
            }
            Event::InlineHtml(_)
            | Event::FootnoteReference(_)
            | Event::Start(
                Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. },
            )
            | Event::End(
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link,
            ) => {}
            _ => in_word = false,
        }
    }
    words
}

/// The number of words in `s`: runs of characters between whitespace, as
/// `s.split_whitespace().count()` counts them, a byte at a time when `s`
/// is ASCII (in a profile of a cold build, the Unicode-aware count took 4%
/// of the build, and a byte-pair count that the compiler left scalar 4%).
pub(super) fn count_words(s: &str) -> usize {
    if !s.is_ascii() {
        return s.split_whitespace().count();
    }
    // The ASCII characters `char::is_whitespace` takes: tab, line feed,
    // vertical tab, form feed, carriage return and space.
    let space = |b: u8| matches!(b, b'\t'..=b'\r' | b' ');
    let bytes = s.as_bytes();
    let Some(&first) = bytes.first() else {
        return 0;
    };
    // A word starts at the first byte if it is no space, and wherever a
    // space is followed by something else. Pairs are counted in blocks of
    // 255 into a byte, a form the compiler turns into vector instructions
    // (3.5 times as fast on the benchmark corpus's text).
    let mut words = usize::from(!space(first));
    for (a, b) in bytes.chunks(255).zip(bytes[1..].chunks(255)) {
        let starts = a.iter().zip(b).fold(0u8, |n, (&x, &y)| {
            n.wrapping_add(u8::from(space(x) & !space(y)))
        });
        words += usize::from(starts);
    }
    words
}

fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Elements a reader sees without any text in them.
const MEDIA: &[&str] = &[
    "img", "svg", "video", "audio", "iframe", "picture", "object", "embed", "canvas", "math",
];

/// Whether the rendered body `html` (its comments gone) shows a reader
/// nothing: no visible character outside its tags (white space, `&nbsp;`
/// and zero-width characters are not) and no image or other media. A body
/// of only an editor's `<!-- note -->`, an empty heading or a rule is one.
pub fn shows_nothing(html: &str) -> bool {
    let mut rest = html;
    loop {
        let (text, tag) = match rest.find('<') {
            Some(at) => (&rest[..at], Some(&rest[at + 1..])),
            None => (rest, None),
        };
        if shows_text(text) {
            return false;
        }
        let Some(tag) = tag else { return true };
        let name_end = tag
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(tag.len());
        if MEDIA.contains(&tag[..name_end].to_ascii_lowercase().as_str()) {
            return false;
        }
        match tag.find('>') {
            Some(end) => rest = &tag[end + 1..],
            None => return true,
        }
    }
}

/// Whether HTML text (between tags) holds a character a reader sees:
/// a reference stands for its character (`&nbsp;` none, `&amp;` one).
fn shows_text(text: &str) -> bool {
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let (shown, len) = match c {
            '&' => match rest.find(';').map(|end| (&rest[1..end], end + 1)) {
                Some(("nbsp" | "ZeroWidthSpace" | "shy" | "zwj" | "zwnj", len)) => (' ', len),
                Some((num, len)) if num.starts_with('#') => {
                    let n = match num[1..].strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16),
                        None => num[1..].parse(),
                    };
                    (n.ok().and_then(char::from_u32).unwrap_or('&'), len)
                }
                _ => ('&', 1),
            },
            c => (c, c.len_utf8()),
        };
        if !crate::util::is_invisible(shown) {
            return true;
        }
        rest = &rest[len..];
    }
    false
}

#[cfg(test)]
mod tests {
    use super::count_words;

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        let texts = [
            "",
            " ",
            "one",
            "  two words  ",
            "tab\tseparated\nlines\r\nand\x0bvertical\x0cfeeds",
            "control\x1fnot\x1cspace",
            "café au lait",
            "no\u{a0}break\u{2003}em\u{3000}ideographic",
            "東京 大阪",
            "trailing\n",
        ];
        // Longer than a block of 255 pairs, with words starting on each
        // side of a block's edge.
        let long = [
            "a b".repeat(200),
            " x\t".repeat(300),
            "word ".repeat(51),
            format!("{}y z", " ".repeat(254)),
            format!("{}y z", " ".repeat(255)),
            format!("{}y z", " ".repeat(256)),
        ];
        for t in texts.into_iter().chain(long.iter().map(String::as_str)) {
            assert_eq!(count_words(t), t.split_whitespace().count(), "{t:?}");
        }
    }
}
