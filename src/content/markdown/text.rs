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

fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
