//! YAML errors in an editor's words: serde-saphyr's message without its
//! advice to the programmer, placed where the editor must look (a tab
//! where it indents, a bare `null` at its word), with the fix for the
//! mistakes editors make (a text where a list or a map of fields belongs).

use serde_saphyr::SnippetMode;

use super::{YamlSource, lines};
use crate::error::Diagnostic;

impl YamlSource<'_> {
    /// The diagnostic for a YAML error in this front matter.
    pub(super) fn yaml_error(&self, e: serde_saphyr::Error) -> Diagnostic {
        let rendered = e.render_with_options(serde_saphyr::render_options! {
            snippets: SnippetMode::Off,
        });
        let message = library_words(&crate::error::plain_words(&tidy_message(&rendered)));
        let tab = message
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w == "tab" || w == "tabs");
        let hint = if message.contains("budget") {
            "the front matter expands to too much data (a YAML alias bomb?); brief caps it to keep builds bounded"
        } else if message.contains("written twice") {
            "each key may appear only once; remove the repeated one"
        } else if message.contains("empty value") {
            "write the value, or remove the entry"
        } else if tab {
            "indent the front matter with spaces: YAML does not allow tabs there"
        } else {
            "check the YAML syntax: strings with `:` or `#` need quotes, lists look like [a, b]"
        };
        let d = Diagnostic::error(self.path, format!("invalid front matter: {message}"))
            .with_hint(hint);
        let mut d = match e.location() {
            // A tab is reported at the value before it: point at the tab.
            Some(loc) if tab => match lines::indenting_tab(self.yaml, loc.line() as usize) {
                Some((line, column)) => d.at(self.file, self.first_line + line - 1, column),
                None => self.place(d, &loc),
            },
            Some(loc) => self.place(d, &loc),
            None => d.at(self.file, self.first_line, 1),
        };
        // `authors: [Null]`: YAML reads a bare `null`, `Null`, `NULL` or `~`
        // as no value, where the editor meant a name.
        if message.contains("empty value")
            && let (Some(line), Some(column)) = (d.snippet.as_deref(), d.column)
        {
            let word: String = line
                .chars()
                .skip(column.saturating_sub(1))
                .take_while(|c| !matches!(c, ',' | ']' | '}' | '#') && !c.is_whitespace())
                .collect();
            if matches!(word.as_str(), "null" | "Null" | "NULL" | "~") {
                d.hint = Some(format!(
                    "YAML reads a bare `{word}` as no value; to write the word, quote it: \"{word}\""
                ));
            }
        }
        // `tags: Energy`: say which key wants a list, with the fix.
        if message.contains("a list")
            && let Some((key, value)) = d.snippet.as_deref().and_then(|l| l.split_once(':'))
            && !key.starts_with([' ', '-'])
        {
            let value = value.trim();
            d.message = format!("`{key}` must be a list, even of one");
            let quoted = value.len() >= 2
                && (value.starts_with('"') && value.ends_with('"')
                    || value.starts_with('\'') && value.ends_with('\''));
            d.hint = Some(if let Some(hint) = shape_hint(key, value) {
                hint
            } else if value.starts_with('{') {
                format!("write a list of names: `{key}: [Energy, Oil]`")
            } else if quoted && value.contains(',') {
                // `tags: "a, b"` means two tags, not one with a comma.
                let items: Vec<&str> = value[1..value.len() - 1]
                    .split(',')
                    .map(str::trim)
                    .collect();
                format!("write `{key}: [{}]`", items.join(", "))
            } else {
                format!("write `{key}: [{value}]`")
            });
        }
        // `draft: 1`, `draft: [true]`: say what the key takes (`draft` is
        // the front matter's one yes-or-no key).
        if (message.contains("invalid boolean") || message.contains("string scalar"))
            && let Some((key, _)) = d.snippet.as_deref().and_then(|l| l.split_once(':'))
            && (key == "draft" || message.contains("invalid boolean"))
        {
            d.message = format!("`{key}` must be `true` or `false`");
            d.hint = Some(if key == "draft" {
                "write `draft: true` to hold the briefing back, or `draft: false` to publish it"
                    .into()
            } else {
                format!("write `{key}: true` or `{key}: false`")
            });
        }
        // `image: lead.jpg`, `sources: [https://…]`: a text where a map
        // of fields belongs.
        if message.contains("mapping start")
            && let Some((key, value)) = d.snippet.as_deref().and_then(|l| l.split_once(':'))
            && let Some(hint) = shape_hint(key, value.trim())
        {
            d.hint = Some(hint);
        }
        d
    }
}

/// The fix for `key: value` where `key` holds maps of fields (a source, a
/// correction, the lead image) and `value` gives a text, or a list of
/// texts, in their place: the shape written out with the text in it.
fn shape_hint(key: &str, value: &str) -> Option<String> {
    let inner = value.trim_start_matches('[').trim_end_matches(']').trim();
    let text = if inner.is_empty() { "…" } else { inner };
    let quoted = |t: &str| {
        if t.starts_with(['"', '\'']) {
            t.to_string()
        } else {
            format!("\"{t}\"")
        }
    };
    Some(match key {
        "sources" => format!(
            "each source is a title and a URL: `sources: [{{title: \"…\", url: {}}}]`",
            quoted(text)
        ),
        "corrections" => format!(
            "each correction is a date and a text: `corrections: [{{date: 2025-08-09, text: {}}}]`",
            quoted(text)
        ),
        "image" => format!(
            "the lead image is a file and its alt text: `image: {{src: {}, alt: \"what it shows\"}}`",
            quoted(text)
        ),
        _ => return None,
    })
}

/// serde-saphyr's messages in an editor's words: its advice to the
/// programmer (`set DuplicateKeyPolicy in Options`, `use Option<String>`)
/// is not the editor's to follow.
fn library_words(message: &str) -> String {
    if let Some(key) = message.strip_prefix("duplicate mapping key: ") {
        let key = key.split(',').next().unwrap_or(key).trim();
        return format!("the key `{key}` is written twice");
    }
    if message.starts_with("cannot deserialize null") {
        return "found an empty value (null) where a text belongs".into();
    }
    match message.split_once("; use Option<") {
        Some((before, _)) => before.to_string(),
        None => message.to_string(),
    }
}

/// Drops serde-saphyr's own " at line L, column C" suffix: brief prints
/// the position itself, counted from the top of the file.
fn tidy_message(rendered: &str) -> String {
    let first = rendered.lines().next().unwrap_or(rendered);
    let cut = first.find(" at line ").unwrap_or(first.len());
    first[..cut].trim().to_string()
}
