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
use html5ever::tokenizer::{BufferQueue, Tag, TokenSinkResult, Tokenizer, TokenizerOpts};

pub(super) use elements::raw_text;
use elements::{CLOSE_HINT, CODE_HINT, OBSOLETE, OPTIONAL_END, VOID, not_in_a_body};
use namespaces::Inside;

mod attributes;
mod comments;
mod elements;
mod namespaces;
mod tokens;

pub use attributes::RawUrl;

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

/// What reading a body's raw HTML found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Checked {
    /// What is wrong with it, in body order.
    pub problems: Vec<Problem>,
    /// The fragments it gives the page, in order: every `id`, and the
    /// `name` of every `<a>` (which browsers scroll to as well), their
    /// character references decoded.
    pub ids: Vec<String>,
    /// The addresses it points at, in order.
    pub urls: Vec<RawUrl>,
}

/// Checks `pieces`, the raw HTML of a body in order (each with its byte
/// offset in the body); `taken` are the ids the page's headings and
/// footnotes have.
pub fn check<S: AsRef<str>>(pieces: &[(usize, S)], taken: &[String]) -> Checked {
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
        starts.push(Piece {
            line,
            at: stream.len(),
            offset: *offset,
            text,
        });
        stream.push_str(text);
        line += text.matches('\n').count() as u64;
        if !text.ends_with('\n') {
            stream.push('\n');
            line += 1;
        }
    }
    let seen = super::THEME_IDS.iter().map(|s| s.to_string());
    let sink = Sink {
        starts,
        stream: &stream,
        state: RefCell::new(State {
            seen: seen.chain(taken.iter().cloned()).collect(),
            ..State::default()
        }),
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from(stream.as_str()));
    let _ = tokenizer.feed(&queue);
    tokenizer.sink.state.borrow_mut().ending = true;
    tokenizer.end();
    let sink = tokenizer.sink;
    let mut state = sink.state.into_inner();
    if state.eof_error {
        // The stream ended inside a tag: `<a href="x` and no `>`.
        let offset = sink.starts.last().map_or(0, |p| p.offset);
        state.problems.push(Problem {
            offset,
            message: "the raw HTML ends inside a tag: a `<` without its `>`".into(),
            hint: CLOSE_HINT,
            error: true,
        });
    }
    for Open { name, offset, .. } in state.open.drain(..).rev() {
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
    Checked {
        problems,
        ids: state.ids,
        urls: state.urls,
    }
}

/// At most this many problems are reported a body, then how many more:
/// ten thousand unclosed `<div>`s are one mistake, not ten thousand.
const MAX_REPORTED: usize = 10;

#[derive(Default)]
struct State {
    /// Open elements, outermost first.
    open: Vec<Open>,
    problems: Vec<Problem>,
    /// Whether the last token was a parse error: the tokenizer reports
    /// one just before a malformed comment (`<?php …>`, `<!x>`) and
    /// before anything left open at the end.
    after_error: bool,
    /// Whether the stream is being ended.
    ending: bool,
    /// Whether the end found something left open that no comment or
    /// doctype token then accounted for.
    eof_error: bool,
    /// The line of the last parse error: where a malformed comment
    /// started (its token comes where it ends).
    error_line: u64,
    /// The ids (and `<a name>`s) seen.
    ids: Vec<String>,
    /// Every id on the page so far: the theme's, the headings', these.
    seen: std::collections::HashSet<String>,
    urls: Vec<RawUrl>,
}

/// An element opened and not yet closed.
struct Open {
    name: String,
    /// The offset of the piece that opened it.
    offset: usize,
    /// Whether it is an SVG or MathML element.
    foreign: bool,
    /// What the elements opened inside it are.
    inside: Inside,
}

impl State {
    /// What an element opened now would be inside.
    fn inside(&self) -> Inside {
        self.open.last().map_or(Inside::Html, |o| o.inside)
    }

    /// Whether the element open innermost is an SVG or MathML element,
    /// where `<![CDATA[` starts a CDATA section, not a broken comment.
    fn in_foreign_element(&self) -> bool {
        self.open.last().is_some_and(|o| o.foreign)
    }
}

/// One raw piece of the body, and where it is in the stream.
struct Piece<'a> {
    /// Its first line in the stream.
    line: u64,
    /// Its byte position in the stream.
    at: usize,
    /// Its byte offset in the body.
    offset: usize,
    text: &'a str,
}

struct Sink<'a> {
    starts: Vec<Piece<'a>>,
    stream: &'a str,
    state: RefCell<State>,
}

impl Sink<'_> {
    /// The body offset of byte `at` of the stream.
    fn offset_at(&self, at: usize) -> usize {
        let i = self.starts.partition_point(|p| p.at <= at).max(1) - 1;
        let p = &self.starts[i];
        p.offset + (at - p.at).min(p.text.len())
    }

    /// The body offset of line `line` of the stream.
    fn offset(&self, line: u64) -> usize {
        let i = self.starts.partition_point(|s| s.line <= line).max(1) - 1;
        let Piece {
            line: first,
            offset,
            text,
            ..
        } = self.starts[i];
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
        let context = state.inside();
        let placed = namespaces::place(&name, tag, context);
        // Inside SVG and MathML (foreign content) `<path/>` is an empty
        // element, as in XML.
        let foreign = placed.foreign;
        let st = &mut *state;
        attributes::record_ids(
            &name,
            tag,
            offset,
            &mut st.seen,
            &mut st.problems,
            &mut st.ids,
        );
        state.urls.extend(attributes::addresses(&name, tag, offset));
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
        // Allowed, as drawings exported from charting tools carry one, but
        // a browser applies it to the whole document as it would an HTML
        // `<style>` (MathML's `<style>` is no style sheet).
        if name == "style" && context == Inside::Svg {
            problem(
                "the raw HTML `<style>` inside `<svg>` styles the whole page, the theme included: a browser applies an inline SVG's style sheet to every element".into(),
                "make sure each rule names only the drawing's own classes or ids, or save the drawing as a file and show it as an image: ![what it shows](chart.svg)",
                false,
            );
        }
        if placed.breaks_out {
            let root = if context == Inside::MathMl {
                "math"
            } else {
                "svg"
            };
            problem(
                format!(
                    "the raw HTML `<{name}>` inside `<{root}>` ends the `<{root}>`: a browser closes it there, and what follows is no longer {root}"
                ),
                "close the `<svg>` or `<math>` before it; HTML inside SVG goes in a `<foreignObject>`",
                true,
            );
        }
        for message in attributes::code_in(&name, tag) {
            problem(message, CODE_HINT, true);
        }
        if let Some(message) = attributes::unreadable_style(&name, tag) {
            problem(message, attributes::STYLE_HINT, true);
        }
        if !foreign && let Some(why) = not_in_a_body(&name, tag) {
            problem(
                format!("the raw HTML `<{name}>` {why}"),
                "remove it: a briefing's body goes inside the theme's page, whose <head> brief writes",
                true,
            );
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
            state.open.push(Open {
                name: name.clone(),
                offset,
                foreign,
                inside: placed.inside,
            });
        }
        if foreign {
            // In SVG and MathML a `<style>`, `<title>` or `<textarea>`
            // holds markup: an `<img onerror>` in one is an element.
            return TokenSinkResult::Continue;
        }
        // Text inside these is not markup: the tokenizer is told so, as a
        // browser's tree builder would tell it.
        match raw_text(&name) {
            Some(kind) => TokenSinkResult::RawData(kind),
            None => TokenSinkResult::Continue,
        }
    }

    fn end(&self, tag: &Tag, offset: usize) {
        let name = tag.name.to_string();
        if VOID.contains(&name.as_str()) {
            return;
        }
        let mut state = self.state.borrow_mut();
        let Some(at) = state.open.iter().rposition(|open| open.name == name) else {
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
        let inner: Vec<Open> = state.open.drain(at..).skip(1).collect();
        for Open {
            name: open,
            offset: opened_at,
            ..
        } in inner
        {
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

#[cfg(test)]
mod tests;
