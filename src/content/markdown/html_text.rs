//! The text of a body's raw HTML (`<div><p>…</p></div>`), which Markdown's
//! events do not hold: for the summary of a body written in it, its word
//! count and the search index. Read with html5ever's tokenizer, which
//! decodes character references as a browser does.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// Elements whose content a reader does not see as text.
const HIDDEN: &[&str] = &[
    "script", "style", "template", "noscript", "textarea", "title", "iframe", "noembed", "noframes",
];

/// Elements that end a line of text: their edges separate words.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "td",
    "th",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "section",
    "article",
    "aside",
    "figure",
    "figcaption",
    "dt",
    "dd",
    "hr",
    "header",
    "footer",
    "table",
    "ul",
    "ol",
    "dl",
    "details",
    "summary",
    "address",
];

/// The plain text of the first `<p>` of `html` that has any, else of the
/// whole of it, white space collapsed: what a reader would take for its
/// opening paragraph.
pub(super) fn first_paragraph(html: &str) -> String {
    let state = read(html);
    let text = match state.paragraph {
        Some(p) if !p.trim().is_empty() => p,
        _ => state.all,
    };
    collapse(&text)
}

/// All the text of `html` a reader sees, white space collapsed.
pub(super) fn visible_text(html: &str) -> String {
    collapse(&read(html).all)
}

fn read(html: &str) -> State {
    let sink = Sink::default();
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from(html));
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    tokenizer.sink.state.into_inner()
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Default)]
struct Sink {
    state: RefCell<State>,
}

#[derive(Default)]
struct State {
    /// All the visible text.
    all: String,
    /// The text of the first `<p>` with any, once one has begun.
    paragraph: Option<String>,
    /// Whether that paragraph is still open.
    in_paragraph: bool,
    /// Depth inside elements whose content is hidden.
    hidden: usize,
}

impl State {
    fn push(&mut self, text: &str) {
        self.all.push_str(text);
        if self.in_paragraph
            && let Some(p) = &mut self.paragraph
        {
            p.push_str(text);
        }
    }
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        match token {
            Token::TagToken(tag) => {
                let name = &*tag.name;
                if BLOCKS.contains(&name) {
                    state.push(" ");
                }
                match tag.kind {
                    TagKind::StartTag if HIDDEN.contains(&name) && !tag.self_closing => {
                        state.hidden += 1;
                        // Read as the raw HTML check reads it.
                        if let Some(kind) = super::raw_html::raw_text(name) {
                            return TokenSinkResult::RawData(kind);
                        }
                    }
                    TagKind::EndTag if HIDDEN.contains(&name) => {
                        state.hidden = state.hidden.saturating_sub(1);
                    }
                    // A `<p>` ends an open one, as in HTML, and replaces
                    // an empty first one.
                    TagKind::StartTag if name == "p" => {
                        let has_text = state
                            .paragraph
                            .as_deref()
                            .is_some_and(|p| !p.trim().is_empty());
                        if has_text {
                            state.in_paragraph = false;
                        } else {
                            state.paragraph = Some(String::new());
                            state.in_paragraph = true;
                        }
                    }
                    TagKind::EndTag if name == "p" => state.in_paragraph = false,
                    _ => {}
                }
            }
            Token::CharacterTokens(text) if state.hidden == 0 => state.push(&text),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_paragraph_with_text_is_taken_entities_decoded() {
        assert_eq!(
            first_paragraph(
                "<div><p> </p><p>Tom &amp; <b>Jerry</b>\n  ran.</p><p>Later.</p></div>"
            ),
            "Tom & Jerry ran."
        );
        // An unclosed paragraph ends where the next begins.
        assert_eq!(first_paragraph("<p>One<p>Two"), "One");
    }

    #[test]
    fn without_a_paragraph_all_visible_text_is_taken() {
        assert_eq!(
            first_paragraph(
                "<style>p{}</style><div>One<br>two</div><script>x()</script><table><tr><td>a</td><td>b</td></tr></table>"
            ),
            "One two a b"
        );
        assert_eq!(first_paragraph("<div><img src=x alt=y></div>"), "");
        assert_eq!(
            visible_text(
                "<figure><img src=x alt=y><figcaption>A &lt;b&gt; map</figcaption></figure><!-- note -->"
            ),
            "A <b> map"
        );
    }
}
