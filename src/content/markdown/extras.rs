//! What pulldown-cmark leaves out for readers of assistive technology:
//! labels on task-list checkboxes, and footnotes gathered into a numbered
//! list with links back to where each was cited.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::i18n::Translations;

/// The translation keys of the words the renderer writes into a body
/// itself: the parse cache's key covers their texts.
pub const WORD_KEYS: &[&str] = &[
    "task_done",
    "task_not_done",
    "footnote_ref",
    "footnote_back",
    "footnote_back_citation",
    "footnotes",
];

/// The words the renderer writes into a body itself (a checkbox's label,
/// a footnote link's), in the briefing's language, as `[translations]`
/// may override them.
#[derive(Clone, Copy)]
pub struct Words<'a> {
    /// The site's tables.
    pub translations: &'a Translations,
    /// The briefing's language.
    pub lang: &'a str,
}

impl Words<'static> {
    /// The built-in English words, for tests.
    #[cfg(test)]
    pub fn english() -> Words<'static> {
        static BUILTIN: std::sync::OnceLock<Translations> = std::sync::OnceLock::new();
        Words {
            translations: BUILTIN.get_or_init(Translations::builtin),
            lang: "en",
        }
    }
}

impl Words<'_> {
    /// `key`'s text with `args` filled in, escaped for an attribute.
    fn get(&self, key: &str, args: &[(&str, &str)]) -> String {
        let text = self.translations.text(self.lang, key, args);
        quick_xml::escape::escape(text.as_str()).into_owned()
    }
}

/// Task-list checkboxes get a label, and footnotes become a numbered list
/// at the end, each with a link back to where it was cited: pulldown-cmark
/// writes unlabeled checkboxes and back-link-less footnotes where they
/// stand, which screen readers and axe flag.
/// Returns the events and the ids the footnotes take (`fn-…`, `fnref-…`),
/// which links may point at.
pub(super) fn accessible_extras<'e>(
    events: Vec<Event<'e>>,
    words: &Words<'_>,
) -> (Vec<Event<'e>>, Vec<String>) {
    let has_footnotes = events.iter().any(|e| {
        matches!(
            e,
            Event::FootnoteReference(_) | Event::Start(Tag::FootnoteDefinition(_))
        )
    });
    let has_tasks = events.iter().any(|e| matches!(e, Event::TaskListMarker(_)));
    if !has_footnotes && !has_tasks {
        return (events, Vec::new());
    }
    let mut ids = Vec::new();
    // Number footnotes in order of first citation, each with an id made
    // from its label, unique even where two labels slugify alike.
    let mut notes = Notes::default();
    // How often each label is cited: every citation gets its own id and
    // its own link back, as GitHub writes them.
    let mut cited: Vec<(String, usize)> = Vec::new();
    for e in &events {
        if let Event::FootnoteReference(label) = e {
            match cited.iter_mut().find(|(l, _)| same_label(l, label)) {
                Some((_, n)) => *n += 1,
                None => cited.push((label.to_string(), 1)),
            }
        }
    }
    let citations = |label: &str| {
        cited
            .iter()
            .find(|(l, _)| same_label(l, label))
            .map_or(0, |(_, n)| *n)
    };
    let mut body = Vec::with_capacity(events.len());
    let mut definitions: Vec<(usize, Vec<Event<'_>>)> = Vec::new();
    let mut current: Option<(usize, String, Vec<Event<'_>>)> = None;
    let mut back_links = 0;
    for event in events {
        match event {
            Event::TaskListMarker(done) => {
                let (checked, label) = if done {
                    (" checked", words.get("task_done", &[]))
                } else {
                    ("", words.get("task_not_done", &[]))
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
                let (n, id, k) = notes.cite(&label);
                ids.push(ref_id(&id, k));
                let label = words.get("footnote_ref", &[("n", &n.to_string())]);
                let html = format!(
                    "<sup class=\"footnote-reference\"><a href=\"#fn-{id}\" id=\"{}\" aria-label=\"{label}\">{n}</a></sup>",
                    ref_id(&id, k)
                );
                push(
                    &mut body,
                    &mut current,
                    Event::InlineHtml(CowStr::from(html)),
                );
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let (n, id) = notes.of(&label);
                current = Some((n, id, Vec::new()));
                back_links = citations(&label);
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some((n, id, mut inner)) = current.take() {
                    // A link back to each citation; none for a note never
                    // cited (a link to no element).
                    let back: String = (1..=back_links)
                        .map(|k| {
                            let (num, cite) = (n.to_string(), k.to_string());
                            let (label, mark) = if k == 1 {
                                (words.get("footnote_back", &[("n", &num)]), String::new())
                            } else {
                                let args = [("n", num.as_str()), ("k", cite.as_str())];
                                (words.get("footnote_back_citation", &args), format!("<sup>{k}</sup>"))
                            };
                            format!(
                                " <a href=\"#{}\" class=\"footnote-backref\" aria-label=\"{label}\">\u{21a9}\u{fe0e}{mark}</a>",
                                ref_id(&id, k)
                            )
                        })
                        .collect();
                    // The back link goes inside the last paragraph.
                    match inner
                        .iter()
                        .rposition(|e| matches!(e, Event::End(TagEnd::Paragraph)))
                    {
                        Some(at) => inner.insert(at, Event::InlineHtml(CowStr::from(back))),
                        None => inner.push(Event::InlineHtml(CowStr::from(back))),
                    }
                    ids.push(format!("fn-{id}"));
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
        body.push(Event::Html(CowStr::from(format!(
            "<section class=\"footnotes\" aria-label=\"{}\">\n<ol>\n",
            words.get("footnotes", &[])
        ))));
        for (_, def) in definitions {
            body.extend(def);
        }
        body.push(Event::Html(CowStr::from("</ol>\n</section>\n")));
    }
    (body, ids)
}

/// Footnotes numbered in order of first citation (or definition), each
/// with its id and how often it has been cited so far.
#[derive(Default)]
struct Notes {
    /// Label, id and citations so far, by number less one.
    known: Vec<(String, String, usize)>,
}

impl Notes {
    /// The number and id of the footnote labelled `label`. The id is the
    /// label's slug, or its number when the label has none; a slug
    /// another label took already (`a b`, `a-b`) gets the number added.
    fn of(&mut self, label: &str) -> (usize, String) {
        let i = self.index(label);
        (i + 1, self.known[i].1.clone())
    }

    /// [`Notes::of`] for a citation, with which citation of the note it
    /// is (from 1).
    fn cite(&mut self, label: &str) -> (usize, String, usize) {
        let i = self.index(label);
        let note = &mut self.known[i];
        note.2 += 1;
        (i + 1, note.1.clone(), note.2)
    }

    fn index(&mut self, label: &str) -> usize {
        if let Some(i) = self.known.iter().position(|(l, ..)| same_label(l, label)) {
            return i;
        }
        let n = self.known.len() + 1;
        let slug = slug::slugify(label);
        let id = if slug.is_empty() {
            n.to_string()
        } else if self.known.iter().any(|(_, id, _)| *id == slug) {
            format!("{slug}-{n}")
        } else {
            slug
        };
        self.known.push((label.to_string(), id, 0));
        n - 1
    }
}

/// Whether two footnote labels name one note: Markdown matches them
/// whatever their case (`[^A]` cites `[^a]: …`), as pulldown-cmark does,
/// with Unicode case folding.
fn same_label(a: &str, b: &str) -> bool {
    unicase::UniCase::new(a) == unicase::UniCase::new(b)
}

/// The id of the `k`th citation of the footnote with id `id`.
fn ref_id(id: &str, k: usize) -> String {
    if k == 1 {
        format!("fnref-{id}")
    } else {
        format!("fnref-{id}-{k}")
    }
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

/// Footnotes an editor got wrong, seen event by event as the body is
/// parsed: a label defined twice (both definitions were published, under
/// one id), and a citation of a label never defined (pulldown-cmark shows
/// it as written, `[^label]`, split into `[`, `^label` and `]`).
#[derive(Default)]
pub(super) struct FootnoteCheck {
    defined: std::collections::HashSet<unicase::UniCase<String>>,
    problems: Vec<super::raw_html::Problem>,
    /// Where a text event `[` just was, and the `^label` text after it,
    /// if that came next: the start of an undefined citation.
    open: Option<(usize, Option<String>)>,
}

impl FootnoteCheck {
    pub(super) fn see(&mut self, event: &Event<'_>, offset: usize) {
        if let Event::Start(Tag::FootnoteDefinition(label)) = event
            && !self
                .defined
                .insert(unicase::UniCase::new(label.to_string()))
        {
            self.problems.push(super::raw_html::Problem {
                offset,
                message: format!("the footnote `[^{label}]` is defined twice"),
                hint: "give each footnote a label of its own, or delete the second definition",
                error: true,
            });
        }
        let Event::Text(text) = event else {
            self.open = None;
            return;
        };
        self.open = match (self.open.take(), &**text) {
            (_, "[") => Some((offset, None)),
            (Some((at, None)), label) if label.len() > 1 && label.starts_with('^') => {
                Some((at, Some(label.to_string())))
            }
            (Some((at, Some(label))), "]") => {
                self.problems.push(super::raw_html::Problem {
                    offset: at,
                    message: format!(
                        "`[{label}]` cites a footnote that is not defined: it is shown as written"
                    ),
                    hint: "add the footnote, `[^label]: text`, on a line of its own, or remove the citation",
                    error: false,
                });
                None
            }
            _ => None,
        };
    }

    pub(super) fn problems(self) -> Vec<super::raw_html::Problem> {
        self.problems
    }
}
