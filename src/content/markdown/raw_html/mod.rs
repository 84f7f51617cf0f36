//! The raw HTML of a body, checked before it is published: Markdown passes
//! it through untouched into the page, every feed and the email edition,
//! so an element left open there swallows the rest of the page (and the
//! theme around it), and a script runs in every reader's browser.
//!
//! The raw pieces are read in order as one stream by html5ever's
//! tokenizer (the one browsers' parsers are modelled on), so a `<div>`
//! opened before some Markdown and closed after it is one element. On the
//! way it collects the ids the raw HTML gives the page, which links may
//! point at as they point at headings.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// Something wrong with the raw HTML, at a byte offset in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Byte offset in the body of the raw HTML it was found in.
    pub offset: usize,
    /// What is wrong, naming the tag.
    pub message: String,
    /// What to do about it.
    pub hint: &'static str,
    /// Whether the build refuses the briefing (else it is a warning).
    pub error: bool,
}

/// Elements that have no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Elements whose end tag HTML lets a writer leave out: closed by their
/// parent's end tag without complaint.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup",
    "colgroup", "caption", "rb", "rp", "rt", "rtc",
];

/// Elements the HTML standard has made obsolete: the Nu checker rejects
/// each.
const OBSOLETE: &[&str] = &[
    "acronym",
    "applet",
    "basefont",
    "bgsound",
    "big",
    "blink",
    "center",
    "dir",
    "font",
    "frame",
    "frameset",
    "isindex",
    "keygen",
    "listing",
    "marquee",
    "menuitem",
    "nobr",
    "noembed",
    "noframes",
    "plaintext",
    "rb",
    "rtc",
    "spacer",
    "strike",
    "tt",
    "xmp",
];

const CLOSE_HINT: &str = "close each element you open in raw HTML, in the order opened; to show a tag as text, write it as \\<b> or in `backticks`";
const CODE_HINT: &str = "briefings may not carry scripts: they would run in every reader's browser, and feed readers and email clients drop them anyway; link to the page that has the script instead";

/// What reading a body's raw HTML found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Checked {
    /// What is wrong with it, in body order.
    pub problems: Vec<Problem>,
    /// The fragments it gives the page, in order: every `id`, and the
    /// `name` of every `<a>` (which browsers scroll to as well), their
    /// character references decoded.
    pub ids: Vec<String>,
}

/// Checks `pieces`, the raw HTML of a body in order (each with its byte
/// offset in the body).
pub fn check<S: AsRef<str>>(pieces: &[(usize, S)]) -> Checked {
    if pieces.is_empty() {
        return Checked::default();
    }
    // One stream, and where each piece starts in it (by line: the
    // tokenizer reports the line a tag ends on).
    let mut stream = String::new();
    let mut starts = Vec::with_capacity(pieces.len());
    let mut line = 1u64;
    for (offset, text) in pieces {
        let text = text.as_ref();
        starts.push((line, *offset, text));
        stream.push_str(text);
        line += text.matches('\n').count() as u64;
        if !text.ends_with('\n') {
            stream.push('\n');
            line += 1;
        }
    }
    let sink = Sink {
        starts,
        state: RefCell::default(),
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from(stream.as_str()));
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    let sink = tokenizer.sink;
    let mut state = sink.state.into_inner();
    for (name, offset) in state.open.drain(..).rev() {
        if !OPTIONAL_END.contains(&name.as_str()) {
            state.problems.push(Problem {
                offset,
                message: format!("the raw HTML `<{name}>` is never closed"),
                hint: CLOSE_HINT,
                error: true,
            });
        }
    }
    let mut problems = state.problems;
    problems.sort_by_key(|p| p.offset);
    let ids = state.ids;
    if problems.len() > MAX_REPORTED {
        let rest = problems.split_off(MAX_REPORTED);
        problems.push(Problem {
            offset: rest[0].offset,
            message: format!(
                "and {} more problems with the raw HTML after this point",
                rest.len()
            ),
            hint: CLOSE_HINT,
            error: rest.iter().any(|p| p.error),
        });
    }
    Checked { problems, ids }
}

/// At most this many problems are reported a body, then how many more:
/// ten thousand unclosed `<div>`s are one mistake, not ten thousand.
const MAX_REPORTED: usize = 10;

#[derive(Default)]
struct State {
    /// Open elements (name, offset of the piece that opened it).
    open: Vec<(String, usize)>,
    problems: Vec<Problem>,
    /// The ids (and `<a name>`s) seen.
    ids: Vec<String>,
}

struct Sink<'a> {
    /// (first line in the stream, offset in the body, text) of each piece.
    starts: Vec<(u64, usize, &'a str)>,
    state: RefCell<State>,
}

impl Sink<'_> {
    /// The body offset of line `line` of the stream.
    fn offset(&self, line: u64) -> usize {
        let i = self.starts.partition_point(|s| s.0 <= line).max(1) - 1;
        let (first, offset, text) = self.starts[i];
        let skip = (line - first) as usize;
        let within = if skip == 0 {
            0
        } else {
            text.match_indices('\n')
                .nth(skip - 1)
                .map_or(0, |(at, _)| (at + 1).min(text.len()))
        };
        offset + within
    }

    fn start(&self, tag: &Tag, offset: usize) -> TokenSinkResult<()> {
        let name = tag.name.to_string();
        let mut state = self.state.borrow_mut();
        // Inside SVG and MathML (foreign content) `<path/>` is an empty
        // element, as in XML.
        let foreign = name == "svg"
            || name == "math"
            || state
                .open
                .iter()
                .any(|(open, _)| open == "svg" || open == "math");
        let ids = tag.attrs.iter().filter(|a| {
            let attr = &*a.name.local;
            !a.value.is_empty() && (attr == "id" || (attr == "name" && name == "a"))
        });
        state.ids.extend(ids.map(|a| a.value.to_string()));
        let mut problem = |message: String, hint: &'static str, error: bool| {
            state.problems.push(Problem {
                offset,
                message,
                hint,
                error,
            })
        };
        if name == "script" {
            problem("the raw HTML has a `<script>`".into(), CODE_HINT, true);
        }
        for attr in &tag.attrs {
            let attr_name = attr.name.local.to_string();
            if attr_name.starts_with("on") {
                problem(
                    format!("the raw HTML `<{name}>` has an event handler, `{attr_name}`"),
                    CODE_HINT,
                    true,
                );
            } else if matches!(
                attr_name.as_str(),
                "href" | "src" | "action" | "formaction" | "xlink:href" | "data"
            ) && let Some(scheme) = super::runs_code(&attr.value, name == "img")
            {
                problem(
                    format!(
                        "the raw HTML `<{name}>` has a `{scheme}:` address, which would run code in a reader's browser"
                    ),
                    CODE_HINT,
                    true,
                );
            }
        }
        if OBSOLETE.contains(&name.as_str()) {
            problem(
                format!(
                    "the raw HTML `<{name}>` is obsolete: HTML checkers reject it and browsers may drop it"
                ),
                "write the passage in Markdown, or use a current element with the theme's CSS",
                false,
            );
        }
        if name == "img" && !tag.attrs.iter().any(|a| &*a.name.local == "alt") {
            problem(
                "the raw HTML `<img>` has no alt text: screen readers announce the file name"
                    .into(),
                "add alt=\"what the image shows\" (alt=\"\" for a purely decorative image)",
                false,
            );
        }
        let void = VOID.contains(&name.as_str());
        if tag.self_closing && foreign {
            return TokenSinkResult::Continue;
        }
        if tag.self_closing && !void {
            problem(
                format!("`<{name}/>` does not close the element in HTML"),
                "write the end tag: `<div></div>`, not `<div/>`",
                true,
            );
        }
        if !void {
            state.open.push((name.clone(), offset));
        }
        // Text inside these is not markup: the tokenizer is told so, as a
        // browser's tree builder would tell it.
        match name.as_str() {
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
            _ => TokenSinkResult::Continue,
        }
    }

    fn end(&self, tag: &Tag, offset: usize) {
        let name = tag.name.to_string();
        if VOID.contains(&name.as_str()) {
            return;
        }
        let mut state = self.state.borrow_mut();
        let Some(at) = state.open.iter().rposition(|(open, _)| *open == name) else {
            state.problems.push(Problem {
                offset,
                message: format!(
                    "the raw HTML `</{name}>` closes no `<{name}>` opened in raw HTML"
                ),
                hint: CLOSE_HINT,
                error: true,
            });
            return;
        };
        let inner: Vec<(String, usize)> = state.open.drain(at..).skip(1).collect();
        for (open, opened_at) in inner {
            if !OPTIONAL_END.contains(&open.as_str()) {
                state.problems.push(Problem {
                    offset: opened_at,
                    message: format!("the raw HTML `<{open}>` is not closed before `</{name}>`"),
                    hint: CLOSE_HINT,
                    error: true,
                });
            }
        }
    }
}

impl TokenSink for Sink<'_> {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        if let Token::TagToken(tag) = token {
            let offset = self.offset(line);
            match tag.kind {
                TagKind::StartTag => return self.start(&tag, offset),
                TagKind::EndTag => self.end(&tag, offset),
            }
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests;
