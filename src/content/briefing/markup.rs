//! What the rendered body's markup says is wrong: Markdown nested too
//! deep, links that would run code, the raw HTML's problems (see
//! [`markdown::raw_html`]) and the Markdown's (footnotes defined twice or
//! never, a heading's own id taken), each at its line in the file.

use std::path::Path;

use super::markdown;
use crate::error::Diagnostic;

/// Reports the body's markup problems into `out` (`at_body` turns a byte
/// offset in the body into a line and column of the file `text`), and
/// whether the briefing is refused for them.
pub(super) fn refused(
    rel: &Path,
    text: &str,
    rendered: &markdown::Rendered,
    at_body: &dyn Fn(usize) -> (usize, usize),
    out: &mut Vec<Diagnostic>,
) -> bool {
    if let Some(offset) = rendered.too_deep_at {
        let (line, column) = at_body(offset);
        out.push(
            Diagnostic::error(rel, format!("the Markdown nests more than {} levels deep", markdown::MAX_NESTING))
                .at(text, line, column)
                .with_hint("close some quotes or lists; brief caps nesting so that no reader or tool downstream overflows"),
        );
        return true;
    }
    for (dest, scheme, offset) in &rendered.unsafe_links {
        let (line, column) = at_body(*offset);
        let shown: String = dest.chars().take(60).collect();
        let more = if shown.len() < dest.len() { "…" } else { "" };
        out.push(
            Diagnostic::error(
                rel,
                format!("the link `{shown}{more}` would run code in a reader's browser"),
            )
            .at(text, line, column)
            .with_hint(format!(
                "link to an http(s) address instead; briefings may not carry `{scheme}:` links"
            )),
        );
    }
    let problems = rendered.html_problems.iter();
    for problem in problems.chain(&rendered.markdown_problems) {
        let (line, column) = at_body(problem.offset);
        let d = if problem.error {
            Diagnostic::error(rel, problem.message.clone())
        } else {
            Diagnostic::warning(rel, problem.message.clone())
        };
        out.push(d.at(text, line, column).with_hint(problem.hint));
    }
    !rendered.unsafe_links.is_empty()
        || rendered.html_problems.iter().any(|p| p.error)
        || rendered.markdown_problems.iter().any(|p| p.error)
}
