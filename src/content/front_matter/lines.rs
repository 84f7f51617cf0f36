//! What the front matter's lines tell without the YAML parser: whether
//! every key is known, where a ` #` cut a headline short, and whether a
//! key was written below the closing fence, or a second front matter
//! block below the first.

use super::{YamlSource, known_keys};
use crate::error::Diagnostic;

/// Whether the YAML's keys can be told from its lines alone, and are all
/// known: its mapping starts at the first column, and every line that
/// starts there is blank, a comment or `<known key>:`. In a block mapping
/// every key starts at the mapping's column, so a key brief does not know
/// would show as such a line. Anything else (an indented mapping, a flow
/// mapping, a quoted or complex key, a tab, a document marker) is read by
/// the YAML parser. Saves parsing every briefing's front matter twice.
pub(super) fn only_known_keys(yaml: &str) -> bool {
    // Line breaks `lines` does not split at, which a YAML parser may.
    let bytes = yaml.as_bytes();
    let lone_cr = (0..bytes.len()).any(|i| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
    if lone_cr || yaml.contains(['\u{85}', '\u{2028}', '\u{2029}']) {
        return false;
    }
    let mut first = true;
    for line in yaml.lines() {
        let trimmed = line.trim_start_matches(' ');
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indented = trimmed.len() != line.len();
        // `tags:` then `- a` on the next line: an entry of the key's list
        // (the mapping itself must start with a key).
        let entry = line == "-" || line.starts_with("- ");
        if first && (indented || entry) {
            return false;
        }
        first = false;
        if indented || entry {
            continue;
        }
        let Some((key, rest)) = line.split_once(':') else {
            return false;
        };
        if !(rest.is_empty() || rest.starts_with([' ', '\t'])) || !known_keys().contains(&key) {
            return false;
        }
    }
    true
}

/// Warnings for a headline or summary that YAML cut short: in
/// `title: Aramco becomes #1 again`, the ` #1 again` is a comment, and the
/// title is "Aramco becomes".
pub(super) fn cut_by_comments(src: &YamlSource<'_>) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for (n, line) in src.yaml.lines().enumerate() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        if !matches!(key, "title" | "summary" | "author") {
            continue;
        }
        let value = value.trim_start();
        if value.starts_with(['"', '\'', '|', '>', '[', '{']) {
            continue;
        }
        let Some(at) = value.find(" #") else {
            continue;
        };
        let kept = value[..at].trim_end();
        let column = line.len() - value.len() + at + 2;
        warnings.push(
            Diagnostic::warning(
                src.path,
                format!("`{key}` is cut to {kept:?}: in YAML, ` #` starts a comment"),
            )
            .at(src.file, src.first_line + n, column)
            .with_hint(format!(
                "put it in quotes: `{key}: {}`",
                serde_json::to_string(value).unwrap_or_default()
            )),
        );
    }
    warnings
}

/// Front matter written in the body, where it would be published as the
/// briefing's text: a key below the closing fence (see
/// [`key_below_fence`]) or a second block (see [`second_front_matter`]).
/// Its offset in `body`, what is wrong and what to do.
pub fn in_the_body(body: &str) -> Option<(usize, String, &'static str)> {
    if let Some((offset, key)) = key_below_fence(body) {
        return Some((
            offset,
            format!(
                "`{key}:` is below the front matter's closing `---`, so it is text of the briefing, not its {key}"
            ),
            "move the line above the closing `---`; to open the text with those words, write `\\:` for the colon",
        ));
    }
    let offset = second_front_matter(body)?;
    Some((
        offset,
        "a second front matter block starts here: it, and the text below it, would be published as this briefing's text".into(),
        "a briefing is a file of its own: move this block and its text into a new file, or delete them",
    ))
}

/// The first line of a body, when it is a front-matter key as YAML writes
/// it (`draft: true`, `tags:`): (its offset in `body`, the key). Written
/// below the closing `---`, it is Markdown text: `draft: true` there
/// published the briefing with "draft: true" for a summary. Only a key
/// brief knows, in its own lower case, followed by `:` and a space or the
/// line's end, so that a lede "Summary: the talks collapsed" is prose.
pub fn key_below_fence(body: &str) -> Option<(usize, &'static str)> {
    let start = body.len() - body.trim_start_matches(['\n', ' ', '\t']).len();
    let start = body[..start].rfind('\n').map_or(0, |i| i + 1);
    let line = body[start..].lines().next()?;
    let (key, rest) = line.split_once(':')?;
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let known = known_keys().iter().find(|k| **k == key.trim_start())?;
    Some((start + (line.len() - line.trim_start().len()), known))
}

/// The offset in `body` of a second front matter block's opening `---`,
/// if the body holds one: a `---` line followed at once by a key brief
/// knows (as [`key_below_fence`] reads it) and, with no blank line
/// between, by another `---` line. Two briefings pasted or merged into one
/// file published the second's front matter as a heading of the first's
/// text, and the second's text with it, a draft's too. Fenced code (front
/// matter shown as an example) is text; a rule with a blank line after it
/// is a rule.
pub(super) fn second_front_matter(body: &str) -> Option<usize> {
    // Nearly every body has no `---` at all: no lines to list.
    memchr::memmem::find(body.as_bytes(), b"---")?;
    let mut lines = Vec::new();
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        lines.push((at, line.trim_end_matches(['\n', '\r'])));
        at += line.len();
    }
    let is_fence = |line: &str| line.trim_end_matches([' ', '\t']) == "---";
    let mut code: Option<&str> = None;
    for (i, &(offset, line)) in lines.iter().enumerate() {
        let trimmed = line.trim_start_matches(' ');
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (code, marker) {
            (None, Some(m)) if line.len() - trimmed.len() < 4 => code = Some(m),
            (Some(open), Some(m)) if open == m => code = None,
            _ => {}
        }
        if code.is_some() || marker.is_some() || !is_fence(line) {
            continue;
        }
        let Some(&(_, next)) = lines.get(i + 1) else {
            continue;
        };
        if key_below_fence(next).is_none_or(|(o, _)| o != 0) {
            continue;
        }
        let closed = lines[i + 2..]
            .iter()
            .take_while(|(_, l)| !l.trim().is_empty())
            .any(|(_, l)| is_fence(l));
        if closed {
            return Some(offset);
        }
    }
    None
}

/// The line and column (from 1, in the YAML) of the first tab that
/// indents a line at or after line `from`: where YAML's "found a tab"
/// errors mean, which the parser reports at the value before it.
pub(super) fn indenting_tab(yaml: &str, from: usize) -> Option<(usize, usize)> {
    yaml.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find_map(|(i, line)| {
            let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
            line[..indent].find('\t').map(|col| (i + 1, col + 1))
        })
}
