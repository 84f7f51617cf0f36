//! What pulldown-cmark leaves out for readers of assistive technology:
//! labels on task-list checkboxes, and footnotes gathered into a numbered
//! list with links back to where each was cited.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// Task-list checkboxes get a label, and footnotes become a numbered list
/// at the end, each with a link back to where it was cited: pulldown-cmark
/// writes unlabeled checkboxes and back-link-less footnotes where they
/// stand, which screen readers and axe flag.
pub(super) fn accessible_extras(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let has_footnotes = events.iter().any(|e| {
        matches!(
            e,
            Event::FootnoteReference(_) | Event::Start(Tag::FootnoteDefinition(_))
        )
    });
    let has_tasks = events.iter().any(|e| matches!(e, Event::TaskListMarker(_)));
    if !has_footnotes && !has_tasks {
        return events;
    }
    // Number footnotes in order of first citation.
    let mut numbers: Vec<String> = Vec::new();
    let number_of =
        |numbers: &mut Vec<String>, label: &str| match numbers.iter().position(|l| l == label) {
            Some(i) => i + 1,
            None => {
                numbers.push(label.to_string());
                numbers.len()
            }
        };
    let id_of = |label: &str, n: usize| {
        let slug = slug::slugify(label);
        if slug.is_empty() { n.to_string() } else { slug }
    };
    let mut body = Vec::with_capacity(events.len());
    let mut definitions: Vec<(usize, Vec<Event<'_>>)> = Vec::new();
    let mut current: Option<(usize, String, Vec<Event<'_>>)> = None;
    for event in events {
        match event {
            Event::TaskListMarker(done) => {
                let (checked, label) = if done {
                    (" checked", "Done")
                } else {
                    ("", "Not done")
                };
                let html =
                    format!("<input type=\"checkbox\" disabled{checked} aria-label=\"{label}\"> ");
                push(
                    &mut body,
                    &mut current,
                    Event::InlineHtml(CowStr::from(html)),
                );
            }
            Event::FootnoteReference(label) => {
                let n = number_of(&mut numbers, &label);
                let id = id_of(&label, n);
                let html = format!(
                    "<sup class=\"footnote-reference\"><a href=\"#fn-{id}\" id=\"fnref-{id}\" aria-label=\"Footnote {n}\">{n}</a></sup>"
                );
                push(
                    &mut body,
                    &mut current,
                    Event::InlineHtml(CowStr::from(html)),
                );
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let n = number_of(&mut numbers, &label);
                current = Some((n, id_of(&label, n), Vec::new()));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some((n, id, mut inner)) = current.take() {
                    let back = format!(
                        " <a href=\"#fnref-{id}\" class=\"footnote-backref\" aria-label=\"Back to reference {n}\">\u{21a9}\u{fe0e}</a>"
                    );
                    // The back link goes inside the last paragraph.
                    match inner
                        .iter()
                        .rposition(|e| matches!(e, Event::End(TagEnd::Paragraph)))
                    {
                        Some(at) => inner.insert(at, Event::InlineHtml(CowStr::from(back))),
                        None => inner.push(Event::InlineHtml(CowStr::from(back))),
                    }
                    let mut def = vec![Event::Html(CowStr::from(format!("<li id=\"fn-{id}\">")))];
                    def.extend(inner);
                    def.push(Event::Html(CowStr::from("</li>\n")));
                    definitions.push((n, def));
                }
            }
            other => push(&mut body, &mut current, other),
        }
    }
    if !definitions.is_empty() {
        definitions.sort_by_key(|(n, _)| *n);
        body.push(Event::Html(CowStr::from(
            "<section class=\"footnotes\" aria-label=\"Footnotes\">\n<ol>\n",
        )));
        for (_, def) in definitions {
            body.extend(def);
        }
        body.push(Event::Html(CowStr::from("</ol>\n</section>\n")));
    }
    body
}

/// Appends to the open footnote definition if there is one, else the body.
fn push<'a>(
    body: &mut Vec<Event<'a>>,
    current: &mut Option<(usize, String, Vec<Event<'a>>)>,
    event: Event<'a>,
) {
    match current {
        Some((_, _, inner)) => inner.push(event),
        None => body.push(event),
    }
}
