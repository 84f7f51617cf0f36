//! Comments, processing instructions, CDATA and doctypes in raw HTML:
//! what the tokenizer reads as a comment but a writer did not mean as one.

use super::{Problem, Sink};

impl Sink<'_> {
    pub(super) fn problem(&self, offset: usize, message: String, hint: &'static str) {
        self.state.borrow_mut().problems.push(Problem {
            offset,
            message,
            hint,
            error: true,
        });
    }

    /// A comment the tokenizer complained about: one left open (which
    /// hides the rest of the page, the theme's end included), a
    /// processing instruction (`<?php … ?>`), a CDATA section outside
    /// SVG and MathML, or another `<!…>` that is no comment.
    pub(super) fn malformed_comment(&self, text: &str, line: u64) {
        let ending = self.state.borrow().ending;
        if ending {
            // Open to the end: it started at the first `<!--` with no
            // `-->` after it.
            let stream = self.stream;
            let at = stream
                .match_indices("<!--")
                .map(|(at, _)| at)
                .find(|&at| !stream[at + 2..].contains("-->"));
            if let Some(at) = at {
                self.problem(
                    self.offset_at(at),
                    "the raw HTML comment `<!--` is never closed: it hides the rest of the page"
                        .into(),
                    "end the comment with `-->`, or delete it",
                );
                // What follows is the comment's: no tag is left open.
                self.state.borrow_mut().open.clear();
                return;
            }
        }
        let offset = self.offset(self.state.borrow().error_line.max(1).min(line));
        if text.starts_with('?') {
            self.problem(
                offset,
                "the raw HTML has a processing instruction `<?…>` (PHP or XML), which HTML hides as a broken comment".into(),
                "remove it: a static page runs no server code; to show it as text, put it in `backticks`",
            );
        } else if text.starts_with("[CDATA[") {
            if !self.state.borrow().in_foreign_element() {
                self.problem(
                    offset,
                    "the raw HTML has a `<![CDATA[` section, which HTML allows only inside SVG and MathML".into(),
                    "write the text itself (escape < as &lt;), or put it in `backticks`",
                );
            }
        } else {
            self.problem(
                offset,
                "the raw HTML has a malformed comment `<!…>`".into(),
                "write a comment as `<!-- … -->`, or delete it",
            );
        }
    }
}
