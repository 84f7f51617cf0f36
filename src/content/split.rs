//! Turning a file's bytes into text and splitting off the front matter.
//!
//! This stage is byte-level and knows nothing of YAML or Markdown: it checks
//! the encoding, drops a UTF-8 byte-order mark, turns CRLF and lone CR line
//! endings into LF (so that line numbers match what an editor shows), and
//! finds the `---` fences.

use std::borrow::Cow;
use std::path::Path;

use crate::error::Diagnostic;

/// The largest briefing brief will read. Larger files are refused with an
/// error rather than slowing every build to a crawl.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;

/// A source file split into its parts. Line numbers are 1-based and counted
/// from the file's first line.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the fences.
    pub yaml: &'a str,
    /// The line the YAML starts on (the line after the opening fence).
    pub yaml_line: usize,
    /// Everything after the closing fence.
    pub body: &'a str,
    /// The line the body starts on.
    pub body_line: usize,
}

/// Decodes `bytes` as UTF-8 text with LF line endings and no BOM.
pub fn decode<'a>(path: &Path, bytes: &'a [u8]) -> Result<Cow<'a, str>, Diagnostic> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            path,
            format!(
                "the file is {} MB; briefings are limited to {} MB",
                bytes.len() / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        )
        .with_hint("split it into several briefings or move large data out of content/"));
    }
    let text = crate::error::utf8_text(path, bytes)?;
    if !needs_cleaning(text.as_bytes()) {
        return Ok(Cow::Borrowed(text));
    }
    // Control characters other than tab and newline are not allowed in HTML
    // text or XML 1.0 at all, escaped or not: they become U+FFFD.
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else if is_forbidden_control(c) {
            out.push('\u{FFFD}');
        } else {
            out.push(c);
        }
    }
    Ok(Cow::Owned(out))
}

/// Whether text has a carriage return or a forbidden character: a byte
/// scan, as most files have neither. In UTF-8, C1 controls are `0xC2
/// 0x80..=0x9F`; U+FFFE and U+FFFF are `0xEF 0xBF 0xBE/0xBF`; U+FDD0 to
/// U+FDEF are `0xEF 0xB7 0x90..=0xAF`; the last two code points of the
/// other planes are four bytes ending `0xBF 0xBE/0xBF`, the second's low
/// bits all set.
fn needs_cleaning(bytes: &[u8]) -> bool {
    // Most of a briefing is printable ASCII, tabs and newlines: 64 bytes at
    // a time without a branch a byte (this scan was 2% of a cold build),
    // and only a block with anything else is looked at byte by byte. A
    // character never starts in a plain block, so one that runs past its
    // block's end is still seen whole.
    let plain = |b: u8| (0x20..0x7F).contains(&b) || b == b'\n' || b == b'\t';
    bytes.chunks(64).enumerate().any(|(k, block)| {
        !block.iter().fold(true, |all, &b| all & plain(b))
            && (k * 64..k * 64 + block.len()).any(|i| forbidden_at(bytes, i))
    })
}

/// Whether the byte at `i` is a carriage return or starts a forbidden
/// character (see [`needs_cleaning`]).
fn forbidden_at(bytes: &[u8], i: usize) -> bool {
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    match at(i) {
        b'\r' => true,
        b'\t' | b'\n' => false,
        0..0x20 | 0x7F => true,
        0xC2 => (0x80..=0x9F).contains(&at(i + 1)),
        0xEF => {
            (at(i + 1) == 0xBF && matches!(at(i + 2), 0xBE | 0xBF))
                || (at(i + 1) == 0xB7 && (0x90..=0xAF).contains(&at(i + 2)))
        }
        0xF0..=0xF4 => {
            at(i + 1) & 0x0F == 0x0F && at(i + 2) == 0xBF && matches!(at(i + 3), 0xBE | 0xBF)
        }
        _ => false,
    }
}

/// `text` with each character HTML and XML forbid (see
/// [`is_forbidden_control`]; NUL too) replaced by U+FFFD: for text that
/// did not come straight from a checked file, such as what a character
/// reference (`&#x1;`) or a YAML escape stands for.
pub fn without_forbidden(text: &str) -> Cow<'_, str> {
    if !text.contains(|c: char| c == '\0' || is_forbidden_control(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if c == '\0' || is_forbidden_control(c) {
                    '\u{FFFD}'
                } else {
                    c
                }
            })
            .collect(),
    )
}

pub use crate::util::is_forbidden_control;

fn is_fence(line: &str, fence: &str) -> bool {
    line.strip_prefix(fence)
        .is_some_and(|rest| rest.trim_end_matches([' ', '\t']).is_empty())
}

/// Splits decoded text into front matter and body.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if !is_fence(first.trim_end_matches('\n'), "---") {
        let hint = "begin the file with `---`, then `title: …` and `date: …`, then `---`";
        if is_fence(first.trim_end_matches(['\r', '\n']), "+++") {
            // Zola's and Hugo's TOML front matter, in a site moved over.
            return Err(Diagnostic::error(
                path,
                "TOML front matter (`+++`, as Zola and Hugo write it): brief reads YAML between `---` lines",
            )
            .at(text, 1, 1)
            .with_hint("rewrite it as YAML: `---`, then `title: \"…\"` and `date: 2025-08-08` (`key: value`, not `key = value`), then `---`"));
        }
        // Blank lines or spaces above the fence: the front matter is
        // there, a line or two down.
        let leading = text.len() - text.trim_start().len();
        let rest = text[leading..].split('\n').next().unwrap_or("");
        if leading > 0 && is_fence(rest.trim_end_matches('\r'), "---") {
            let line = text[..leading].matches('\n').count() + 1;
            let column = text[..leading]
                .rsplit('\n')
                .next()
                .map_or(0, |s| s.chars().count())
                + 1;
            return Err(Diagnostic::error(
                path,
                format!(
                    "the front matter's `---` is on line {line}: it must be the file's first line"
                ),
            )
            .at(text, line, column)
            .with_hint("delete the blank lines and spaces above it"));
        }
        let message = if text.trim().is_empty() {
            "the file is empty"
        } else {
            "no front matter: a briefing must start with a line `---`"
        };
        return Err(Diagnostic::error(path, message)
            .at(text, 1, 1)
            .with_hint(hint));
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    let mut line_no = 1;
    for line in lines {
        line_no += 1;
        let content = line.trim_end_matches('\n');
        if is_fence(content, "---") || is_fence(content, "...") {
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[offset + line.len()..],
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(path, "the front matter is never closed")
        .at(text, 1, 1)
        .with_hint("add a line `---` after the last front matter key"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("a.md")
    }

    #[test]
    fn splits_front_matter_and_body() {
        let s = split(p(), "---\ntitle: x\n---\nBody\n").unwrap();
        assert_eq!(s.yaml, "title: x\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!((s.yaml_line, s.body_line), (2, 4));
    }

    #[test]
    fn fence_may_carry_trailing_spaces_and_file_may_end_at_fence() {
        let s = split(p(), "---  \ntitle: x\n---").unwrap();
        assert_eq!(s.yaml, "title: x\n");
        assert_eq!(s.body, "");
    }

    #[test]
    fn a_dash_rule_in_the_body_is_not_a_fence() {
        let s = split(p(), "---\na: 1\n---\ntext\n\n---\n\nmore\n").unwrap();
        assert_eq!(s.body, "text\n\n---\n\nmore\n");
    }

    #[test]
    fn missing_and_unclosed_front_matter_are_errors() {
        let e = split(p(), "# Title\n").unwrap_err();
        assert!(e.message.contains("no front matter"));
        let e = split(Path::new("x.md"), "+++\ntitle = \"T\"\n+++\nBody\n").unwrap_err();
        assert!(e.message.contains("TOML front matter"), "{}", e.message);
        assert_eq!(e.line, Some(1));
        assert_eq!((e.line, e.column), (Some(1), Some(1)));
        let e = split(p(), "---\ntitle: x\nbody").unwrap_err();
        assert!(e.message.contains("never closed"));
        assert!(split(p(), "").unwrap_err().message.contains("empty"));
    }

    #[test]
    fn decode_strips_bom_and_normalises_line_endings() {
        let t = decode(p(), b"\xEF\xBB\xBF---\r\na: 1\r---\r\nx").unwrap();
        assert_eq!(t, "---\na: 1\n---\nx");
    }

    #[test]
    fn the_byte_scan_agrees_with_the_character_test() {
        let samples = [
            "plain",
            "tab\tnew\nline",
            "cr\r",
            "bell\u{7}",
            "del\u{7F}",
            "c1\u{85}",
            "é à ü",
            "\u{FFFE}",
            "\u{FFFF}",
            "\u{FFFD}",
            "\u{A0}nbsp",
            "\u{1F600}",
        ];
        for s in samples {
            let by_char = s.contains(|c: char| c == '\r' || is_forbidden_control(c));
            assert_eq!(needs_cleaning(s.as_bytes()), by_char, "{s:?}");
        }
        // At every place around the scan's 64-byte blocks, a character
        // that spans two blocks included.
        for c in [
            '\r',
            '\u{1}',
            '\u{85}',
            '\u{FFFF}',
            '\u{10FFFF}',
            'é',
            '\u{1F600}',
        ] {
            for at in 0..140 {
                let s = format!("{}{c}{}", "x".repeat(at), "y\n".repeat(40));
                let by_char = c == '\r' || is_forbidden_control(c);
                assert_eq!(
                    needs_cleaning(s.as_bytes()),
                    by_char,
                    "U+{:04X} at {at}",
                    c as u32
                );
            }
        }
        // Every character, each between two others.
        // (NUL is refused before the scan.)
        for c in (1..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            let by_char = c == '\r' || is_forbidden_control(c);
            assert_eq!(needs_cleaning(s.as_bytes()), by_char, "U+{:04X}", c as u32);
        }
        for c in [
            '\u{FDD0}',
            '\u{FDEF}',
            '\u{1FFFE}',
            '\u{10FFFF}',
            '\u{EFFFF}',
        ] {
            assert!(is_forbidden_control(c), "U+{:04X}", c as u32);
        }
        for c in [
            '\u{FDCF}',
            '\u{FDF0}',
            '\u{1FFFD}',
            '\u{10FFFD}',
            '\u{FFFD}',
        ] {
            assert!(!is_forbidden_control(c), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn utf16_is_named() {
        let e = decode(p(), b"\xFF\xFE-\0-\0-\0").unwrap_err();
        assert!(e.message.contains("UTF-16"), "{}", e.message);
    }

    #[test]
    fn decode_reports_invalid_utf8_offset() {
        let e = decode(p(), b"---\nab\xFFc").unwrap_err();
        assert!(e.message.contains("offset 6"), "{}", e.message);
        assert_eq!((e.line, e.column), (Some(2), Some(3)));
    }

    #[test]
    fn decode_replaces_control_characters() {
        let t = decode(p(), "---\na\u{1}b\u{85}\tc".as_bytes()).unwrap();
        assert_eq!(t, "---\na\u{FFFD}b\u{FFFD}\tc");
    }

    #[test]
    fn decode_rejects_nul_and_huge_files() {
        assert!(
            decode(p(), b"---\na\0")
                .unwrap_err()
                .message
                .contains("NUL")
        );
        let big = vec![b'a'; MAX_FILE_BYTES + 1];
        assert!(decode(p(), &big).unwrap_err().message.contains("limited"));
    }
}
