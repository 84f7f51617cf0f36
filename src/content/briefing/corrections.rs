//! `corrections:` in front matter: dated notices of what a briefing got
//! wrong or has since updated, each a line of Markdown.

use chrono::{DateTime, FixedOffset};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::dates::check_date;
use crate::content::front_matter::{self, YamlSource};
use crate::content::{markdown, split};
use crate::error::Diagnostic;

/// One correction, checked and rendered.
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone)]
pub struct Correction {
    /// When the correction was made.
    pub date: DateTime<FixedOffset>,
    /// The notice as inline HTML: emphasis, code and links (made absolute),
    /// raw HTML escaped.
    pub html: String,
    /// The notice as plain text, for structured data.
    pub text: String,
    /// Where its date is written: the place of an error found once the
    /// build's now is known (a correction dated in the future).
    pub at: Diagnostic,
}

/// Checks and renders a briefing's corrections, oldest first. A correction
/// dated before the briefing, or with no text, is an error at its place.
pub(super) fn check_corrections(
    written: Option<Vec<front_matter::Correction>>,
    published: Option<DateTime<FixedOffset>>,
    src: &YamlSource<'_>,
    tz: chrono_tz::Tz,
    links: (&str, &str),
    out: &mut Vec<Diagnostic>,
) -> Vec<Correction> {
    let mut corrections = Vec::new();
    for c in written.unwrap_or_default() {
        let Some(date) = check_date(&c.date, "corrections: date", src, tz, out) else {
            continue;
        };
        if let Some(published) = published
            && date < published
        {
            out.push(
                src.error_at(
                    &c.date.referenced,
                    format!(
                        "this correction is dated {}, before the briefing itself ({})",
                        date.to_rfc3339(),
                        published.to_rfc3339()
                    ),
                )
                .with_hint("a correction comes after what it corrects: check its `date`"),
            );
            continue;
        }
        let Notice { html, text, code } = inline(&c.text.value, links);
        if !code.is_empty() {
            for (dest, scheme) in code {
                out.push(
                    src.error_at(
                        &c.text.referenced,
                        format!("the correction's link `{dest}` would run code in a reader's browser"),
                    )
                    .with_hint(format!(
                        "link to an http(s) address instead; briefings may not carry `{scheme}:` links"
                    )),
                );
            }
            continue;
        }
        // A YAML escape (`\u0001`) or a character reference in the text.
        let (html, text) = (
            split::without_forbidden(&html).into_owned(),
            split::without_forbidden(&text).into_owned(),
        );
        if text.trim().is_empty() {
            out.push(
                src.error_at(&c.text.referenced, "this correction's `text` is empty")
                    .with_hint("say what was wrong and what is right now"),
            );
            continue;
        }
        corrections.push(Correction {
            date,
            html,
            text,
            at: src.error_at(&c.date.referenced, String::new()),
        });
    }
    corrections.sort_by_key(|c| c.date);
    corrections
}

/// One notice's Markdown, rendered.
struct Notice {
    /// Inline HTML.
    html: String,
    /// Plain text.
    text: String,
    /// Each link that would run code in a reader's browser (see
    /// [`markdown::runs_code`]), as written, with its scheme.
    code: Vec<(String, String)>,
}

/// Renders one notice's Markdown as inline HTML and plain text. Block
/// structure (paragraphs, lists, headings) is flattened into one line:
/// a notice is a sentence or two.
fn inline(text: &str, (base, root): (&str, &str)) -> Notice {
    let mut code = Vec::new();
    let mut plain = String::new();
    let mut events = Vec::new();
    let mut blocks = 0usize;
    for event in Parser::new_ext(text, pulldown_cmark::Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::Item) => {
                if blocks > 0 {
                    events.push(Event::Text(" ".into()));
                    plain.push(' ');
                }
                blocks += 1;
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => {}
            Event::Start(Tag::List(_) | Tag::BlockQuote(_) | Tag::CodeBlock(_)) => {}
            Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_) | TagEnd::CodeBlock) => {}
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => {}
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if let Some(scheme) = markdown::runs_code(&dest_url, false) {
                    code.push((dest_url.chars().take(60).collect(), scheme));
                }
                let dest =
                    markdown::resolve_url(&dest_url, base, root).map_or(dest_url, Into::into);
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                }));
            }
            Event::Html(t) | Event::InlineHtml(t) => {
                plain.push_str(&t);
                events.push(Event::Text(t));
            }
            e @ (Event::Text(_) | Event::Code(_)) => {
                if let Event::Text(t) | Event::Code(t) = &e {
                    plain.push_str(t);
                }
                events.push(e);
            }
            Event::SoftBreak | Event::HardBreak => {
                plain.push(' ');
                events.push(Event::Text(" ".into()));
            }
            Event::Rule | Event::TaskListMarker(_) => {}
            other => events.push(other),
        }
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Notice {
        html: html.trim().to_string(),
        text: super::clean_text(&plain),
        code,
    }
}

#[cfg(test)]
mod tests {
    use super::{Notice, inline};

    const LINKS: (&str, &str) = ("https://e.org/b/briefings/", "https://e.org/b/");

    #[test]
    fn a_notice_is_one_line_of_inline_html_with_absolute_links() {
        let Notice { html, text, .. } =
            inline("The figure was *40*; see [the note](/notes/).", LINKS);
        assert_eq!(
            html,
            r#"The figure was <em>40</em>; see <a href="https://e.org/b/notes/">the note</a>."#
        );
        assert_eq!(text, "The figure was 40; see the note.");
    }

    #[test]
    fn blocks_flatten_and_raw_html_is_escaped() {
        let Notice { html, text, .. } =
            inline("# Big\n\n- one\n- two <script>x</script>\n\npara", LINKS);
        assert!(!html.contains("<h1") && !html.contains("<li") && !html.contains("<p"));
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert_eq!(text, "Big one two <script>x</script> para");
    }
}
