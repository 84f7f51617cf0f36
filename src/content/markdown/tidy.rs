//! The rendered body's raw HTML made fit to publish: editors' comments
//! dropped, obsolete anchors made ids.

/// `html` without its comments, and with each `<a name>` an `<a id>`.
///
/// Markdown has no comments of its own, so an editor's note to self is an
/// HTML comment (`<!-- check with legal -->`), which no reader sees on the
/// page: it is not published, in the page's source, the feeds or the email
/// edition, and neither is the `<!-- more -->` marker. Text is escaped, so
/// only raw HTML makes one; the raw HTML check has made sure each is
/// closed.
///
/// `<a name="x">`, an anchor as older HTML wrote it, is obsolete: the Nu
/// checker reports it as an error. Browsers follow `#x` to an `id` just
/// the same, and the raw HTML check has already counted the name among the
/// page's ids, so it becomes one (an `a` that has an `id` too is left).
pub(super) fn tidied(html: &str) -> String {
    let rewritten = lol_html::rewrite_str(
        html,
        lol_html::RewriteStrSettings {
            element_content_handlers: vec![lol_html::element!("a[name]", |el| {
                if !el.has_attribute("id")
                    && let Some(name) = el.get_attribute("name")
                {
                    el.remove_attribute("name");
                    el.set_attribute("id", &name)?;
                }
                Ok(())
            })],
            document_content_handlers: vec![lol_html::doc_comments!(|c| {
                c.remove();
                Ok(())
            })],
            ..lol_html::RewriteStrSettings::new()
        },
    );
    rewritten.unwrap_or_else(|_| html.to_string())
}
