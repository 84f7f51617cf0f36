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
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => out.push(' '),
            _ => {}
        }
    }
    collapse_whitespace(&out)
}

/// The plain text of a whole body, for the search index: the text of its
/// headings, paragraphs, lists, tables, quotes, code and footnotes, a line
/// each; raw HTML left out.
pub fn body_text(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    for event in Parser::new_ext(body, options()) {
        match event {
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
    out
}

/// The plain text of the first paragraph outside footnote definitions: a
/// note written above the text is no summary of it.
pub(super) fn first_paragraph(events: &[Event<'_>]) -> String {
    let mut in_footnote = 0usize;
    let Some(start) = events.iter().position(|e| {
        match e {
            Event::Start(Tag::FootnoteDefinition(_)) => in_footnote += 1,
            Event::End(TagEnd::FootnoteDefinition) => in_footnote = in_footnote.saturating_sub(1),
            _ => {}
        }
        in_footnote == 0 && matches!(e, Event::Start(Tag::Paragraph))
    }) else {
        return String::new();
    };
    let end = events[start..]
        .iter()
        .position(|e| matches!(e, Event::End(TagEnd::Paragraph)))
        .map_or(events.len(), |n| start + n);
    plain_text(&events[start..end])
}

/// The number of words in `s`: runs of characters between whitespace, as
/// `s.split_whitespace().count()` counts them, a byte at a time when `s`
/// is ASCII (in a profile of a cold build, the Unicode-aware count took 4%
/// of the build).
pub(super) fn count_words(s: &str) -> usize {
    if !s.is_ascii() {
        return s.split_whitespace().count();
    }
    // The ASCII characters `char::is_whitespace` takes: tab, line feed,
    // vertical tab, form feed, carriage return and space.
    let space = |b: u8| matches!(b, b'\t'..=b'\r' | b' ');
    let bytes = s.as_bytes();
    // A word starts at the first byte if it is no space, and wherever a
    // space is followed by something else: a form the compiler vectorises.
    let first = bytes.first().is_some_and(|&b| !space(b));
    usize::from(first)
        + bytes
            .windows(2)
            .filter(|w| space(w[0]) && !space(w[1]))
            .count()
}

fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
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
        for t in texts {
            assert_eq!(count_words(t), t.split_whitespace().count(), "{t:?}");
        }
    }
}
