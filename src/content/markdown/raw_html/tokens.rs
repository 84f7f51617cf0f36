//! What each of the tokenizer's tokens does to the check: tags open and
//! close elements, a comment after a parse error is a malformed one,
//! character references to forbidden characters and doctypes are
//! reported.

use html5ever::tokenizer::{TagKind, Token, TokenSink, TokenSinkResult};

use super::Sink;

impl TokenSink for Sink<'_> {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        let after_error = {
            let mut state = self.state.borrow_mut();
            let error = matches!(token, Token::ParseError(_));
            if state.ending {
                state.eof_error = match token {
                    Token::ParseError(_) => true,
                    Token::CommentToken(_) | Token::DoctypeToken(_) => false,
                    _ => state.eof_error,
                };
            }
            if error && !state.after_error {
                state.error_line = line;
            }
            std::mem::replace(&mut state.after_error, error)
        };
        match token {
            Token::TagToken(tag) => {
                let offset = self.offset(line);
                match tag.kind {
                    TagKind::StartTag => return self.start(&tag, offset),
                    TagKind::EndTag => self.end(&tag, offset),
                }
            }
            Token::CommentToken(text) if after_error => self.malformed_comment(&text, line),
            // The file was cleaned of these when read: a character
            // reference (`&#x1;`, `&#xFFFE;`) brings them back, and every
            // feed would then be XML no reader parses.
            Token::CharacterTokens(text)
                if text.contains(|c: char| crate::content::split::is_forbidden_control(c)) =>
            {
                self.problem(
                    self.offset(line),
                    "the raw HTML has a character reference to a control character or a non-character, which HTML and XML forbid".into(),
                    "remove the reference (such as `&#x1;`)",
                );
            }
            Token::DoctypeToken(_) => {
                let ending = self.state.borrow().ending;
                let open_at = ending
                    .then(|| self.stream.to_ascii_lowercase().rfind("<!doctype"))
                    .flatten();
                let offset = match open_at {
                    Some(at) => self.offset_at(at),
                    None => self.offset(line),
                };
                self.problem(
                    offset,
                    "the raw HTML has a `<!DOCTYPE>`, which only starts a whole HTML document"
                        .into(),
                    "remove it: a briefing's body goes inside the theme's page",
                );
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }

    /// Inside an SVG or MathML element `<![CDATA[ … ]]>` is text, as a
    /// browser reads it, not a broken comment ending at the first `>`.
    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.state.borrow().in_foreign_element()
    }
}
