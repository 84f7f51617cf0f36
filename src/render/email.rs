//! The email edition of a briefing: `email.html`, a self-contained HTML
//! email (CSS inlined by css-inline, table layout 600 px wide, absolute
//! URLs, no scripts), and `email.txt`, its plain-text twin wrapped at 72
//! columns with links as numbered references.

use crate::config::Config;
use crate::content::Briefing;
use crate::site::Site;

/// The width of the email's content column (600 px less its padding).
pub const IMAGE_WIDTH: &str = "536";

/// Text width of `email.txt`.
pub const TEXT_WIDTH: usize = 72;

/// Prepares a briefing's body for email, from the body with absolute URLs
/// the feeds share ([`super::bodies::Bodies`]): every image with a width
/// and an alt, no scripts, frames, forms or embeds, and a task list's
/// checkboxes as the characters ☐ and ☑.
pub fn prepare_body(html: &str) -> String {
    let rewritten = lol_html::rewrite_str(
        html,
        lol_html::RewriteStrSettings {
            element_content_handlers: vec![
                lol_html::element!(
                    "script, noscript, iframe, object, embed, form, style, link",
                    |el| {
                        el.remove();
                        Ok(())
                    }
                ),
                // Mail clients drop form controls (Gmail and Outlook do),
                // and a plain-text part has none: a task list's checkbox
                // became nothing, done or not. A ballot box is text.
                lol_html::element!("input[type=checkbox]", |el| {
                    let mark = if el.has_attribute("checked") {
                        "\u{2611}"
                    } else {
                        "\u{2610}"
                    };
                    el.replace(mark, lol_html::html_content::ContentType::Text);
                    Ok(())
                }),
                lol_html::element!("img", |el| {
                    if !el.has_attribute("width") {
                        el.set_attribute("width", IMAGE_WIDTH)?;
                    }
                    if !el.has_attribute("alt") {
                        el.set_attribute("alt", "")?;
                    }
                    Ok(())
                }),
                lol_html::element!("*", |el| {
                    // Inline event handlers are scripts too.
                    let handlers: Vec<String> = el
                        .attributes()
                        .iter()
                        .map(|a| a.name())
                        .filter(|n| n.starts_with("on"))
                        .collect();
                    for name in handlers {
                        el.remove_attribute(&name);
                    }
                    Ok(())
                }),
            ],
            ..lol_html::RewriteStrSettings::new()
        },
    );
    rewritten.unwrap_or_else(|_| html.to_string())
}

/// Moves every `<style>` rule into `style` attributes and drops the
/// `<style>` elements: many mail clients ignore them.
pub fn inline_css(html: &str) -> Result<String, String> {
    let inliner = css_inline::CSSInliner::options()
        .keep_style_tags(false)
        .keep_link_tags(false)
        .load_remote_stylesheets(false)
        .build();
    inliner.inline(html).map_err(|e| e.to_string())
}

/// The plain-text edition, from the briefing itself rather than the
/// email's layout tables: the newest correction on top, the lead image's
/// alternative text and caption, footnotes as numbered notes at the end,
/// the sources, every correction (oldest first), and the links a
/// reader needs (the web version, the feed, and the sending service's
/// unsubscribe link when `[email] unsubscribe` names it).
pub fn text(config: &Config, site: &Site, url: &str, b: &Briefing, body: &str) -> String {
    let mut html = String::with_capacity(body.len() + 1024);
    let esc = |s: &str| quick_xml::escape::escape(s).into_owned();
    let lang = b.language_or(&config.language);
    let word = |key: &str| config.translations.text(lang, key, &[]);
    html.push_str(&format!("<p>{}</p>", esc(&config.title)));
    html.push_str(&format!("<h1>{}</h1>", esc(&b.title)));
    let mut meta = super::views::human_date(config, lang, &b.date);
    if !b.authors.is_empty() {
        let names: Vec<&str> = site.author_names(b).collect();
        meta.push_str(&format!(" · {} {}", word("by"), names.join(", ")));
    }
    html.push_str(&format!("<p>{}</p>", esc(&meta)));
    if let Some(newest) = b.corrections.last() {
        html.push_str(&format!(
            "<p><strong>{} {}:</strong> {}</p>",
            esc(&word("correction_dated")),
            esc(&super::views::human_date(config, lang, &newest.date)),
            newest.html
        ));
    }
    if let Some(img) = &b.image {
        if !img.alt.is_empty() {
            html.push_str(&format!(
                "<p>[{}: {}]</p>",
                esc(&word("image")),
                esc(&img.alt)
            ));
        }
        if let Some(caption) = &img.caption {
            html.push_str(&format!("<p>{}</p>", esc(caption)));
        }
    }
    html.push_str(&notes_for_text(body, &word("notes")));
    if !b.sources.is_empty() {
        html.push_str(&format!("<h2>{}</h2><ul>", esc(&word("sources"))));
        for s in &b.sources {
            html.push_str(&format!(
                "<li><a href=\"{}\">{}</a></li>",
                esc(&s.url),
                esc(&s.title)
            ));
        }
        html.push_str("</ul>");
    }
    if !b.corrections.is_empty() {
        html.push_str(&format!("<h2>{}</h2><ul>", esc(&word("corrections"))));
        for c in &b.corrections {
            html.push_str(&format!(
                "<li>{}: {}</li>",
                esc(&super::views::human_date(config, lang, &c.date)),
                c.html
            ));
        }
        html.push_str("</ul>");
    }
    html.push_str(&format!(
        "<hr><p>{read}: <a href=\"{u}\">{u}</a></p>",
        read = esc(&word("read_on_the_web")),
        u = esc(url),
    ));
    // No feed to point at when `[feed] formats` is empty.
    if !config.feed_formats.is_empty() {
        html.push_str(&format!(
            "<p>{subscribe}: <a href=\"{f}\">{f}</a></p>",
            subscribe = esc(&word("subscribe")),
            f = esc(&crate::routes::site_feed(config).url(config)),
        ));
    }
    // Links are listed at the end whole: a long one (a news site's article
    // address is often 100 characters) cut at 72 columns left mail clients
    // a link to its first line only.
    let mut text = html2text::config::plain()
        .no_link_wrapping()
        .string_from_read(html.as_bytes(), TEXT_WIDTH)
        .unwrap_or_else(|_| b.summary.clone());
    // Last, and as written: the service replaces the placeholder, which
    // must not be wrapped or taken for a link.
    if let Some(unsubscribe) = &config.email_unsubscribe {
        text.push_str(&format!("\n{}: {unsubscribe}\n", word("unsubscribe_short")));
    }
    text
}

/// The body with footnotes made for plain text: each reference becomes
/// `(1)` (links are `[1]` in plain text, so notes must differ), the notes'
/// back-links go, and the notes come under a heading (`notes`: "Notes"),
/// numbered.
fn notes_for_text(body: &str, notes: &str) -> String {
    let heading = format!("<h2>{}</h2>", quick_xml::escape::escape(notes));
    let rewritten = lol_html::rewrite_str(
        body,
        lol_html::RewriteStrSettings {
            element_content_handlers: vec![
                lol_html::element!("sup.footnote-reference", |el| {
                    el.remove_and_keep_content();
                    el.before("(", lol_html::html_content::ContentType::Text);
                    el.after(")", lol_html::html_content::ContentType::Text);
                    Ok(())
                }),
                lol_html::element!("sup.footnote-reference a", |el| {
                    el.remove_and_keep_content();
                    Ok(())
                }),
                lol_html::element!("a.footnote-backref", |el| {
                    el.remove();
                    Ok(())
                }),
                lol_html::element!("section.footnotes", |el| {
                    el.before(&heading, lol_html::html_content::ContentType::Html);
                    Ok(())
                }),
            ],
            ..lol_html::RewriteStrSettings::new()
        },
    );
    rewritten.unwrap_or_else(|_| body.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_is_made_safe_for_email() {
        let out = prepare_body(&crate::render::bodies::absolutize(
            r##"<p onclick="x()">Hi <img src="a.png"><script>alert(1)</script><iframe src="x"></iframe><a href="#f">f</a></p>"##,
            "https://e.org/briefings/s/",
        ));
        assert_eq!(
            out,
            r##"<p>Hi <img src="https://e.org/briefings/s/a.png" width="536" alt=""><a href="https://e.org/briefings/s/#f">f</a></p>"##
        );
    }

    #[test]
    fn footnotes_become_numbered_notes_in_plain_text() {
        let body = r##"<p>Said.<sup class="footnote-reference"><a href="#fn-1" id="fnref-1">1</a></sup></p>
<section class="footnotes"><ol><li id="fn-1"><p>A note. <a href="#fnref-1" class="footnote-backref">↩︎</a></p></li></ol></section>"##;
        let html = notes_for_text(body, "Notes");
        let text = html2text::from_read(html.as_bytes(), TEXT_WIDTH).unwrap();
        assert!(text.contains("Said.(1)"), "{text}");
        assert!(text.contains("## Notes"), "{text}");
        assert!(text.contains("1. A note."), "{text}");
        assert!(!text.contains("^{") && !text.contains('↩'), "{text}");
    }

    #[test]
    fn css_moves_into_style_attributes() {
        let out = inline_css(
            "<html><head><style>p { color: red }</style></head><body><p>x</p></body></html>",
        )
        .unwrap();
        assert!(!out.contains("<style"), "{out}");
        assert!(out.contains(r#"<p style="color: red;">x</p>"#), "{out}");
    }
}
