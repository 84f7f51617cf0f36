//! Text from front matter made fit to set inside other text: one line,
//! no control characters, no bidirectional marks left open.

use crate::content::split;

/// Trims and folds runs of whitespace (newlines included) to one space,
/// replaces control characters (which YAML escapes like `"\u0007"` can
/// produce) with U+FFFD: HTML and XML forbid them, escaped or not; and
/// closes the bidirectional embeddings, overrides and isolates it leaves
/// open (see [`close_bidi`]).
pub fn clean_text(s: &str) -> String {
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
