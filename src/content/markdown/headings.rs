//! Every heading's id: its own `{#id}` where that is free, else a slug of
//! its text, never one the theme's page has or an earlier heading took;
//! and the attributes a heading may not carry.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::raw_html::Problem;

/// Ids the built-in templates give elements of a briefing's page (and its
/// email edition), which no heading may take.
pub(super) const THEME_IDS: &[&str] = &[
    "main",
    "corrections",
    "corrections-title",
    "related-title",
    "sources-title",
    "subscribe",
    "subscribe-title",
    "site-search-q",
];

/// Gives every heading a unique, stable id: its own `{#id}` where it is
/// free, else a slug of its text, repeats getting `-1`, `-2`…
/// Returns the ids in order, and the headings whose own id was taken (by
/// the theme's page or an earlier heading): (which heading, from 0, the id
/// written, the id given).
fn assign_heading_ids(events: &mut [Event<'_>]) -> (Vec<String>, Vec<(usize, String, String)>) {
    // The built-in theme's own ids on a briefing's page: `## Corrections`
    // or `## Main` would otherwise repeat one.
    let mut used: HashSet<String> = THEME_IDS.iter().map(|s| s.to_string()).collect();
    // The last suffix taken for each base: ids are only ever added, so the
    // next repeat's search starts there, not at `-1` (which made many
    // headings of one text quadratic: 50,000 took minutes).
    let mut last_suffix: HashMap<String, usize> = HashMap::new();
    let mut ids = Vec::new();
    let mut renamed = Vec::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { id, .. }) = &events[i] {
            let explicit = id.as_ref().map(|s| s.to_string());
            let written = explicit.clone();
            let mut j = i + 1;
            let mut text = String::new();
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let mut base = explicit.unwrap_or_else(|| slug::slugify(&text));
            if base.is_empty() {
                base = "section".into();
            }
            // Footnotes' ids (`extras.rs`): a heading `FN 1` is not one.
            if base.starts_with("fn-") || base.starts_with("fnref-") {
                base = format!("section-{base}");
            }
            let mut candidate = base.clone();
            if used.contains(&candidate) {
                let n = last_suffix.entry(base.clone()).or_insert(0);
                loop {
                    *n += 1;
                    candidate = format!("{base}-{n}");
                    if !used.contains(&candidate) {
                        break;
                    }
                }
            }
            used.insert(candidate.clone());
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                *id = Some(CowStr::from(candidate.clone()));
            }
            if let Some(written) = written
                && written != candidate
            {
                renamed.push((ids.len(), written, candidate.clone()));
            }
            ids.push(candidate);
            i = j;
        }
        i += 1;
    }
    (ids, renamed)
}

/// Gives every heading a unique id (see [`assign_heading_ids`]) and takes
/// away the attributes other than its id and classes (`{onclick=…}`,
/// `{style=…}`), which Markdown's heading attributes would otherwise write
/// into the page, every feed and the email edition as they are: a handler
/// ran code in a reader's browser past the raw HTML check, and a style
/// broke the email edition's CSS inlining. `offsets` are the headings'
/// byte offsets in the body. Returns the ids in order and the problems:
/// an attribute is an error, an id taken a warning.
pub(super) fn assign_ids(
    events: &mut [Event<'_>],
    offsets: &[usize],
) -> (Vec<String>, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut k = 0;
    for event in events.iter_mut() {
        if let Event::Start(Tag::Heading { attrs, .. }) = event {
            if let Some((name, _)) = attrs.first() {
                problems.push(Problem {
                    offset: offsets.get(k).copied().unwrap_or(0),
                    message: format!("the heading has the attribute `{name}`: a heading may carry only its `{{#id}}` and `{{.class}}`"),
                    hint: "remove it from the braces after the heading; for markup of your own, write the heading in raw HTML",
                    error: true,
                });
                attrs.clear();
            }
            k += 1;
        }
    }
    let (ids, renamed) = assign_heading_ids(events);
    for (k, written, given) in renamed {
        problems.push(Problem {
            offset: offsets.get(k).copied().unwrap_or(0),
            message: format!(
                "the heading's id `{written}` is taken on the page, so it is `{given}`: links to #{written} go elsewhere"
            ),
            hint: "give the heading an id of its own: `## Heading {#another-id}`",
            error: false,
        });
    }
    problems.sort_by_key(|p| p.offset);
    (ids, problems)
}
