//! Tera's errors in a template author's words, placed where the problem
//! starts.

use crate::error::Diagnostic;

/// Tera's message in a template author's words.
pub(super) fn plain(message: &str) -> String {
    let message = message.trim().trim_start_matches("error: ");
    if message.starts_with("Found `%` but expected") || message.contains("must use tag syntax") {
        return "a `{%` tag is not closed with `%}`".into();
    }
    if message == "Unknown tag" {
        return "this tag does not belong here: is an `{% if %}`, `{% for %}` or `{% block %}` above it left open?".into();
    }
    if let Some(rest) = message.strip_prefix("Unknown filter ") {
        return format!("there is no filter named {rest}");
    }
    let message = message
        .replace("Invalid type for the value, expected", "expected")
        .replace("`&[Value]`", "a list")
        .replace(
            "`undefined`",
            "a value that is not defined (a misspelt name?)",
        );
    crate::error::plain_words(&message)
}

/// Points an error about a tag that is never closed at the tag that opens
/// it, which Tera only notices lines later: the last `{%` with no `%}`,
/// or the innermost `{% if %}`/`{% for %}` still open.
pub(super) fn where_it_starts(d: Diagnostic, source: &str, message: &str) -> Diagnostic {
    let Some(error_line) = d.line else {
        return d;
    };
    let upto: usize = source
        .split_inclusive('\n')
        .take(error_line.saturating_sub(1))
        .map(str::len)
        .sum();
    let before = &source[..upto.min(source.len())];
    let message = message.trim();
    if message.starts_with("Found `%` but expected") || message.contains("must use tag syntax") {
        if let Some(open) = before.rfind("{%")
            && !before[open..].contains("%}")
        {
            return d.at_offset(source, open);
        }
        return d;
    }
    // Tera meets an unclosed tag at the next `{% end… %}` that does not
    // match it, or at the end of the file.
    let at_end = message.contains("Unexpected end of input");
    if message != "Unknown tag" && !at_end {
        return d;
    }
    let before = if at_end { source } else { before };
    let mut open: Vec<(&str, usize)> = Vec::new();
    let mut rest = before;
    let mut offset = 0;
    while let Some(start) = rest.find("{%") {
        let tag_start = offset + start;
        let inner = &rest[start + 2..];
        let end = inner.find("%}").unwrap_or(inner.len());
        let word = inner[..end]
            .trim_start_matches('-')
            .split_whitespace()
            .next()
            .unwrap_or("");
        match word {
            "if" | "for" | "block" | "macro" | "filter" | "raw" => open.push((word, tag_start)),
            w if w.starts_with("end") => {
                if let Some(i) = open.iter().rposition(|(kind, _)| w == format!("end{kind}")) {
                    open.truncate(i);
                }
            }
            _ => {}
        }
        offset = tag_start + 2 + end;
        rest = &before[offset.min(before.len())..];
    }
    match open.last() {
        Some((kind, at)) => {
            let mut d = d.at_offset(source, *at);
            let place = if at_end {
                "at the end of the file".to_string()
            } else {
                format!("before line {error_line}")
            };
            d.message = format!(
                "template syntax error: this `{{% {kind} %}}` is never closed: add `{{% end{kind} %}}` {place}"
            );
            d
        }
        None => d,
    }
}

pub(super) fn hint_for(message: &str) -> String {
    let lower = message.to_lowercase();
    if lower.contains("not found in context")
        || lower.contains("undefined")
        || lower.contains("is not defined")
    {
        "see docs/templates.md for the variables each template receives".into()
    } else if lower.contains("filter") {
        "see docs/templates.md for the filters available".into()
    } else {
        "check the Tera syntax near this line".into()
    }
}
