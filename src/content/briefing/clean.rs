//! Text from front matter made fit to set inside other text: one line,
//! no control characters, no bidirectional marks left open.

use crate::content::split;

/// Trims and folds runs of whitespace (newlines included) to one space,
/// replaces control characters (which YAML escapes like `"\u0007"` can
/// produce) with U+FFFD: HTML and XML forbid them, escaped or not; and
/// closes the bidirectional embeddings, overrides and isolates it leaves
/// open (see [`close_bidi`]).
pub fn clean_text(s: &str) -> String {
    // Most fields are printable ASCII, single-spaced and trimmed already:
    // nothing to fold, replace or close (a tenth of the parse's field
    // checks went into copying them a character at a time).
    let bytes = s.as_bytes();
    if bytes.iter().all(|b| matches!(b, b' '..=b'~'))
        && bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ')
        && !bytes.windows(2).any(|w| w == b"  ")
    {
        return s.to_string();
    }
    folded(s)
}

/// [`clean_text`] a character at a time.
fn folded(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(|c| {
            if split::is_forbidden_control(c) || c == '\0' {
                '\u{FFFD}'
            } else {
                c
            }
        }));
    }
    close_bidi(&mut out);
    out
}

/// Appends the closing marks (U+202C POP DIRECTIONAL FORMATTING, U+2069 POP
/// DIRECTIONAL ISOLATE) of every embedding, override or isolate that `text`
/// opens and leaves open, innermost first, as the Unicode bidirectional
/// algorithm pairs them. A field is set inside other text: a headline
/// pasted with a stray RIGHT-TO-LEFT OVERRIDE would otherwise run on into
/// whatever follows it on the line (` · The Briefing` in the window's
/// title, the date after a link), and show it backwards.
fn close_bidi(text: &mut String) {
    const PDF: char = '\u{202C}';
    const PDI: char = '\u{2069}';
    if !text.contains(|c| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2068}')) {
        return;
    }
    let mut open: Vec<char> = Vec::new();
    for c in text.chars() {
        match c {
            '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{202E}' => open.push(PDF),
            '\u{2066}'..='\u{2068}' => open.push(PDI),
            // A PDF closes an embedding opened inside the innermost
            // isolate, never the isolate; a PDI closes its isolate and
            // every embedding opened inside it.
            PDF if open.last() == Some(&PDF) => {
                open.pop();
            }
            PDI => {
                if let Some(at) = open.iter().rposition(|&o| o == PDI) {
                    open.truncate(at);
                }
            }
            _ => {}
        }
    }
    text.extend(open.iter().rev());
}

#[cfg(test)]
mod tests {
    use super::{clean_text, folded};

    #[test]
    fn text_that_needs_no_cleaning_comes_back_as_the_full_cleaning_gives_it() {
        for s in [
            "",
            " ",
            "Plain title",
            "Ends with a space ",
            " starts with one",
            "two  spaces",
            "tab\there",
            "new\nline",
            "bell\u{7}",
            "delete\u{7f}",
            "nul\0",
            "caf\u{e9}",
            "open \u{202e}override",
            "~!@#$%^&*()_+{}|:\"<>?`-=[]\\;',./",
        ] {
            assert_eq!(clean_text(s), folded(s), "{s:?}");
        }
    }
}
