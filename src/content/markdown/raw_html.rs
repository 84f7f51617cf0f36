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
mod tests {
    use super::*;

    fn messages(pieces: &[(usize, &str)]) -> Vec<(usize, String, bool)> {
        check(pieces)
            .problems
            .into_iter()
            .map(|p| (p.offset, p.message, p.error))
            .collect()
    }

    #[test]
    fn balanced_markup_across_pieces_passes() {
        let pieces = [
            (0, "<div class=\"box\">\n"),
            (40, "<span>"),
            (60, "</span>"),
            (80, "</div>\n"),
            (100, "<img src=\"a.png\" alt=\"A chart\"><br><hr/>"),
            (150, "<!-- a note -->\n"),
            (170, "<p>optional end<li>also"),
        ];
        assert_eq!(messages(&pieces), vec![]);
    }

    #[test]
    fn an_element_left_open_is_an_error_where_it_was_opened() {
        let got = messages(&[(5, "<b>"), (30, "<div class=\"box\">\n")]);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, 5);
        assert!(got[0].1.contains("`<b>` is never closed") && got[0].2);
        assert_eq!(got[1].0, 30);
        assert!(got[1].1.contains("`<div>` is never closed"));
    }

    #[test]
    fn a_stray_or_crossed_end_tag_is_an_error() {
        let got = messages(&[(0, "</div>")]);
        assert!(got[0].1.contains("closes no `<div>`"), "{got:?}");
        let got = messages(&[(0, "<div>"), (10, "<em>"), (20, "</div>")]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, 10);
        assert!(got[0].1.contains("`<em>` is not closed before `</div>`"));
    }

    #[test]
    fn scripts_handlers_and_code_addresses_are_errors() {
        let got = messages(&[(0, "<script>if (a < b) { x = '</div>' }</script>")]);
        assert_eq!(got.len(), 1, "the script's text is not markup: {got:?}");
        assert!(got[0].1.contains("<script>") && got[0].2);
        let got = messages(&[(0, "<a href=\" JavaScript:alert(1)\" onclick=\"x()\">x</a>")]);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got.iter().all(|g| g.2));
        let got = messages(&[(0, "<img src=\"data:image/png;base64,AA\" alt=\"dot\">")]);
        assert_eq!(got, vec![], "an image's data: address is only drawn");
    }

    #[test]
    fn obsolete_elements_and_missing_alt_are_warnings() {
        let got = messages(&[(0, "<center>x</center>"), (20, "<img src=\"a.png\">")]);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got.iter().all(|g| !g.2));
    }

    #[test]
    fn self_closing_elements_inside_svg_and_mathml_are_empty_elements() {
        let svg = "<svg viewBox=\"0 0 10 10\" role=\"img\"><title>Dot</title>\
                   <circle cx=\"5\" cy=\"5\" r=\"4\"/><linearGradient id=\"g\">\
                   <stop offset=\"0\"/></linearGradient></svg>";
        assert_eq!(messages(&[(0, svg)]), vec![]);
        assert_eq!(
            messages(&[(0, "<math><mspace width=\"1em\"/></math>")]),
            vec![]
        );
        assert_eq!(messages(&[(0, "<svg/>")]), vec![]);
    }

    #[test]
    fn self_closing_syntax_on_an_element_with_content_is_an_error() {
        let got = messages(&[(0, "<div/>")]);
        assert!(
            got.iter().any(|g| g.1.contains("does not close")),
            "{got:?}"
        );
    }

    #[test]
    fn a_flood_of_problems_is_reported_as_ten_and_a_count() {
        let html = "<div>".repeat(10_000);
        let got = messages(&[(0, &html)]);
        assert_eq!(got.len(), 11, "{:?}", &got[..3]);
        assert!(got[10].1.contains("9990 more problems") && got[10].2);
    }

    #[test]
    fn ids_and_anchor_names_are_collected_decoded() {
        let got = check(&[
            (0, "<span id=\"kept\">"),
            (
                20,
                "</span> <a name=\"old\">x</a> <div name=\"not-a-target\" id=\"a&amp;b\">",
            ),
            (
                90,
                "<svg><linearGradient id=\"g\"></linearGradient></svg></div>",
            ),
        ]);
        assert_eq!(got.problems, vec![]);
        assert_eq!(got.ids, ["kept", "old", "a&b", "g"]);
    }

    #[test]
    fn a_tag_on_a_later_line_of_a_piece_points_at_that_line() {
        let got = messages(&[(100, "<div>\ntext\n<b>\n</div>\n")]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, 100 + "<div>\ntext\n".len());
    }
}
