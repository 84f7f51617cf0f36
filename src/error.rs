//! Errors and warnings the user sees.
//!
//! Every message names a file and, where known, the line and column counted
//! from the file's first line, quotes the offending source line and, when the
//! fix is knowable, says what to do.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Severity {
    /// The build cannot succeed.
    Error,
    /// Worth the editor's attention; the build goes on.
    Warning,
}

/// One problem in one file, with its position when known.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    /// Whether it fails the build or only warns.
    pub severity: Severity,
    /// The file, relative to the site root where possible.
    pub path: PathBuf,
    /// 1-based line, counted from the file's first line.
    pub line: Option<usize>,
    /// 1-based column, in characters.
    pub column: Option<usize>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The source line the position points into.
    pub snippet: Option<String>,
    /// How to fix it, shown after the message as `= hint:`.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error in `path` with no position.
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
            snippet: None,
            hint: None,
        }
    }

    /// A warning in `path` with no position.
    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    /// Points the diagnostic at `line`:`column` (1-based) of `source`, quoting
    /// that line as the snippet.
    pub fn at(self, source: &str, line: usize, column: usize) -> Self {
        self.placed(Position::new(line, column)).quoting(source)
    }

    /// Points the diagnostic at `position` where the source is not at hand
    /// (a check across briefings): the line is quoted later, with
    /// [`Diagnostic::quoting`].
    pub fn placed(mut self, position: Position) -> Self {
        self.line = Some((position.line as usize).max(1));
        self.column = Some((position.column as usize).max(1));
        self
    }

    /// Quotes the line the diagnostic points at from `source` (the whole
    /// file) as its snippet.
    pub fn quoting(mut self, source: &str) -> Self {
        if let Some(line) = self.line {
            self.snippet = source_line(source, line).map(str::to_owned);
        }
        self
    }

    /// Points the diagnostic at a byte offset of `source`.
    pub fn at_offset(self, source: &str, offset: usize) -> Self {
        let (line, column) = line_column(source, offset);
        self.at(source, line, column)
    }

    /// Adds a hint on how to fix the problem.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this diagnostic fails the build (rather than warns).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A place in a file, kept where the file's text is not: a 1-based line
/// and column (in characters), as [`Diagnostic::at`] takes them. Two
/// numbers, not a copy of the line, so that parsed briefings stay small.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Position {
    /// 1-based line, counted from the file's first line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

impl Position {
    /// The position at `line`:`column`; numbers beyond `u32` (a file over
    /// 4 GB, which brief refuses to read) are capped.
    pub fn new(line: usize, column: usize) -> Self {
        let cap = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Position {
            line: cap(line),
            column: cap(column),
        }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// The 1-based line and column (in characters) of a byte offset.
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Line `line` (1-based) of `source`, without its line ending, shortened to
/// a readable length.
pub fn source_line(source: &str, line: usize) -> Option<&str> {
    let text = source.split('\n').nth(line.checked_sub(1)?)?;
    let text = text.strip_suffix('\r').unwrap_or(text);
    Some(match text.char_indices().nth(160) {
        Some((cut, _)) => &text[..cut],
        None => text,
    })
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)?;
        if let (Some(line), Some(snippet)) = (self.line, &self.snippet) {
            let gutter = line.to_string().len();
            let printable: String = snippet
                .chars()
                .map(|c| {
                    if c.is_control() && c != '\t' {
                        '\u{FFFD}'
                    } else {
                        c
                    }
                })
                .collect();
            write!(f, "\n{:gutter$} |\n{line} | {printable}", "")?;
            if let Some(column) = self.column {
                let pad: String = snippet
                    .chars()
                    .take(column.saturating_sub(1))
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                write!(f, "\n{:gutter$} | {pad}^", "")?;
            }
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// A parser's message in an editor's words: no Rust type names, no parser
/// jargon. `invalid type: string "ten", expected usize` becomes `found the
/// text "ten" where a whole number (such as 10) belongs`.
pub fn plain_words(message: &str) -> String {
    const WORDS: &[(&str, &str)] = &[
        ("usize", "a whole number (such as 10)"),
        ("u64", "a whole number (such as 10)"),
        ("u32", "a whole number (such as 10)"),
        ("u16", "a whole number (such as 10)"),
        ("u8", "a whole number (such as 10)"),
        ("i64", "a whole number (such as 10)"),
        ("i32", "a whole number (such as 10)"),
        ("f64", "a number"),
        ("a boolean", "true or false"),
        ("a sequence", "a list, such as [a, b]"),
        ("sequence start", "a list, such as [a, b]"),
        ("a map", "a table of keys and values"),
        ("struct ", "a table of keys and values "),
        ("a borrowed string", "a text"),
        ("a string", "a text in quotes"),
    ];
    let message = message.trim();
    // `invalid type: X, expected Y` → `found X where Y belongs`.
    let reworded = match message
        .strip_prefix("invalid type: ")
        .and_then(|rest| rest.split_once(", expected "))
    {
        Some((found, expected)) => {
            let found = found
                .replace("string ", "the text ")
                .replace("integer ", "the number ")
                .replace("boolean ", "")
                .replace("floating point ", "the number ")
                // A number too large for any whole-number setting.
                .replace(" as i128", " (far too large)");
            // `struct RawBuild`: the name of a type of brief's, not a
            // word the reader wrote; a table is what belongs there.
            let expected = match expected.strip_prefix("struct ") {
                Some(name) if name.chars().all(|c| c.is_alphanumeric() || c == '_') => {
                    "a table of keys and values"
                }
                _ => expected,
            };
            format!("found {found} where {expected} belongs")
        }
        None => message.to_string(),
    };
    let mut out = reworded;
    for (jargon, words) in WORDS {
        // Whole words only: `usize` but not a name that contains it.
        let mut result = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(i) = rest.find(jargon) {
            let before = rest[..i].chars().last();
            let after = rest[i + jargon.len()..].chars().next();
            let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() && c != '_');
            result.push_str(&rest[..i]);
            if boundary(before) && boundary(after) {
                result.push_str(words);
            } else {
                result.push_str(jargon);
            }
            rest = &rest[i + jargon.len()..];
        }
        result.push_str(rest);
        out = result;
    }
    out
}

/// Everything that can stop a build, by the exit code it maps to.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The command line or the output folder is unusable (exit 2).
    #[error("{0}")]
    Usage(String),
    /// `site.toml` is missing or wrong (exit 2).
    #[error("{0}")]
    Config(Box<Diagnostic>),
    /// One or more briefings or templates are wrong (exit 1).
    #[error("{}", render_list(.0))]
    Content(Vec<Diagnostic>),
    /// The build cache gave back something other than what it was given
    /// (exit 1). `brief build` then builds again without it.
    #[error("the build cache {} is damaged; run `brief build --no-cache`", path.display())]
    CacheDamaged {
        /// The damaged cache file.
        path: PathBuf,
    },
    /// Reading or writing a file failed (exit 1).
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder that could not be read or written.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
}

fn render_list(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&d.to_string());
        out.push_str("\n\n");
    }
    out.push_str(&format!(
        "build failed: {errors} error{}; the previous output was left as it was",
        if errors == 1 { "" } else { "s" }
    ));
    out
}

impl BuildError {
    /// The process exit code: 1 for content, template and I/O errors, 2 for
    /// usage and configuration errors.
    pub fn exit_code(&self) -> i32 {
        match self {
            BuildError::Usage(_) | BuildError::Config(_) => 2,
            BuildError::Content(_) | BuildError::Io { .. } | BuildError::CacheDamaged { .. } => 1,
        }
    }

    /// An I/O error on `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        BuildError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// The bytes of a file an editor writes (a briefing, `site.toml`, a
/// template) as UTF-8 text, without a UTF-8 byte-order mark; or an error
/// at `path`, at the first place they are not text brief can read: a
/// UTF-16 byte-order mark, a byte that is not UTF-8 (Latin-1 and
/// Windows-1252 files), a NUL (a binary file, or UTF-16 without its mark).
/// One wording for every such file, and what to do.
pub fn utf8_text(path: impl Into<PathBuf>, bytes: &[u8]) -> Result<&str, Diagnostic> {
    const SAVE: &str = "save the file as UTF-8 text in your editor";
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(
            Diagnostic::error(path, "the file is UTF-16; brief reads UTF-8")
                .at("", 1, 1)
                .with_hint(SAVE),
        );
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let offset = e.valid_up_to();
            let valid = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
            return Err(Diagnostic::error(
                path,
                format!("the file is not valid UTF-8 (bad byte at offset {offset})"),
            )
            .at_offset(valid, offset)
            .with_hint(format!("{SAVE} (it may be Latin-1 or Windows-1252)")));
        }
    };
    match memchr::memchr(0, text.as_bytes()) {
        Some(offset) => Err(Diagnostic::error(path, "the file contains a NUL byte")
            .at_offset(text, offset)
            .with_hint(format!(
                "{SAVE}: a NUL byte after every letter is UTF-16; is it a binary file?"
            ))),
        None => Ok(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parser_messages_are_put_in_plain_words() {
        assert_eq!(
            plain_words("invalid type: string \"ten\", expected usize"),
            "found the text \"ten\" where a whole number (such as 10) belongs"
        );
        assert_eq!(
            plain_words("expected sequence start"),
            "expected a list, such as [a, b]"
        );
        assert_eq!(
            plain_words("invalid type: integer `5`, expected a boolean"),
            "found the number `5` where true or false belongs"
        );
        // Never the name of one of brief's types.
        assert_eq!(
            plain_words("invalid type: string \"x\", expected struct RawBuild"),
            "found the text \"x\" where a table of keys and values belongs"
        );
        assert_eq!(
            plain_words("invalid type: integer `99999999999999999999` as i128, expected usize"),
            "found the number `99999999999999999999` (far too large) where a whole number (such as 10) belongs"
        );
        assert_eq!(
            plain_words("invalid type: floating point `1000.0`, expected usize"),
            "found the number `1000.0` where a whole number (such as 10) belongs"
        );
        assert_eq!(
            plain_words("unknown field `usizes`"),
            "unknown field `usizes`"
        );
    }

    #[test]
    fn line_and_column_count_characters() {
        let src = "ab\ncdé\nxyz";
        assert_eq!(line_column(src, 0), (1, 1));
        assert_eq!(line_column(src, 3), (2, 1));
        // 'x' comes after the two-byte 'é'
        assert_eq!(line_column(src, src.find('x').unwrap()), (3, 1));
        assert_eq!(line_column(src, src.find('é').unwrap() + 2), (2, 4));
    }

    #[test]
    fn display_shows_position_snippet_and_hint() {
        let d = Diagnostic::error("content/a.md", "bad thing")
            .at("one\ntwo three\n", 2, 5)
            .with_hint("do this");
        let text = d.to_string();
        assert!(text.starts_with("error: content/a.md:2:5: bad thing"));
        assert!(text.contains("2 | two three"));
        assert!(text.contains("  |     ^"));
        assert!(text.ends_with("= hint: do this"));
    }
}
