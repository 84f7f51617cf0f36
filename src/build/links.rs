//! What a build checks of the links in briefings' bodies: a link to
//! another briefing's Markdown file becomes its URL, and every link to a
//! page of the site or a `#heading` must lead to one.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::checks::url_path;
use crate::config::Config;
use crate::content;
use crate::error::{BuildError, Diagnostic};
use crate::site;

/// Turns every body link to another briefing's Markdown file into that
/// briefing's URL, its fragment kept. A link to a file that is not a
/// published briefing, or to a heading it does not have, is a warning at
/// the link (an error with `--strict`, as a broken page link is), once per
/// link in the source, however many pages and feeds carry it; a link to a
/// draft is an error.
pub(super) fn resolve_md_links(
    config: &Config,
    site: &mut site::Site,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(), BuildError> {
    use crate::content::markdown::md_placeholder;
    if site.briefings.iter().all(|b| b.md_refs.is_empty()) {
        return Ok(());
    }
    let damaged = std::sync::OnceLock::new();
    let severity = severity(config);
    let below_content = |b: &content::Briefing| {
        let rel = b
            .source
            .strip_prefix(content::CONTENT_DIR)
            .unwrap_or(&b.source);
        url_path(rel)
    };
    // Target path below content/ → (slug, anchors, why it is not out yet).
    let mut targets: HashMap<String, (String, Vec<String>, Option<site::Held>)> = HashMap::new();
    for b in &site.briefings {
        targets.insert(below_content(b), (b.slug.clone(), b.anchors.clone(), None));
    }
    for h in &site.held {
        let b = &h.briefing;
        targets.insert(
            below_content(b),
            (b.slug.clone(), b.anchors.clone(), Some(h.reason)),
        );
    }
    // In parallel: rewriting copies every body that links to another.
    let found: Vec<Vec<Diagnostic>> = site
        .briefings
        .par_iter_mut()
        .map(|b| {
        let mut diagnostics = Vec::new();
        if b.md_refs.is_empty() {
            return diagnostics;
        }
        let html = match b.html.text() {
            Ok(text) => text,
            Err(e) => {
                damaged.get_or_init(|| e);
                return diagnostics;
            }
        };
        // Each placeholder's URL, all put in at once at the end: one
        // search of the body per link made many links quadratic.
        let mut urls: HashMap<String, String> = HashMap::new();
        for r in &b.md_refs {
            let placeholder = md_placeholder(&r.target, r.fragment.as_deref());
            let warn = |message: String, hint: &str| {
                let mut d = r.at.clone();
                d.severity = severity;
                d.message = message;
                d.with_hint(hint)
            };
            let slug = match targets.get(&r.target) {
                Some((slug, anchors, held)) => {
                    match held {
                        // Refused, not warned of: the draft's address
                        // (its headline, as a rule) would go out in the
                        // page, every feed and the mailed edition.
                        Some(site::Held::Draft) => {
                            let mut d = warn(
                                format!("links to content/{}, a draft: publishing this would give out the draft's address before the draft itself", r.target),
                                "take the link out until the draft is published, or publish both in one build (remove the draft's `draft: true`)",
                            );
                            d.severity = crate::error::Severity::Error;
                            diagnostics.push(d);
                        }
                        Some(site::Held::Scheduled) => diagnostics.push(warn(
                            format!("links to content/{}, which is scheduled: the link leads nowhere until then", r.target),
                            "schedule this briefing after it, or link to it once it is out",
                        )),
                        None => {}
                    }
                    if let Some(f) = &r.fragment
                        && !anchors.contains(f)
                    {
                        diagnostics.push(warn(
                            format!("content/{} has no heading `#{f}`", r.target),
                            &nearest_heading(anchors, f, "briefing"),
                        ));
                    }
                    slug.clone()
                }
                None => {
                    diagnostics.push(warn(
                        format!("links to content/{}, which is not a briefing of this site", r.target),
                        "check the file name; links to Markdown files are relative to this file, or start with `@/` for the content folder",
                    ));
                    crate::content::briefing::default_slug(Path::new(&r.target)).unwrap_or_default()
                }
            };
            let mut url = config.url(&crate::routes::briefing_href(&slug));
            if let Some(f) = &r.fragment {
                url.push('#');
                url.push_str(&crate::util::encode_path_segment(f));
            }
            urls.insert(placeholder, quick_xml::escape::escape(url.as_str()).into_owned());
        }
        let html = replace_placeholders(&html, &urls);
        Arc::make_mut(b).html = crate::content::briefing::Body::new(html);
        diagnostics
        })
        .collect();
    diagnostics.extend(found.into_iter().flatten());
    match damaged.into_inner() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// `html` with each placeholder of a link to a briefing's Markdown file
/// (see [`md_placeholder`](crate::content::markdown::md_placeholder))
/// that `urls` knows replaced by its URL, in one pass. A placeholder is
/// written into the HTML unchanged (it holds no character HTML or URLs
/// escape), and it is taken whole: `a.md` is not read inside `a.md#x`.
fn replace_placeholders(html: &str, urls: &HashMap<String, String>) -> String {
    use crate::content::markdown::MD_SCHEME;
    let in_placeholder = |c: char| c.is_ascii_alphanumeric() || "-_./%#".contains(c);
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(MD_SCHEME) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let len = MD_SCHEME.len()
            + tail[MD_SCHEME.len()..]
                .find(|c: char| !in_placeholder(c))
                .unwrap_or(tail.len() - MD_SCHEME.len());
        let placeholder = &tail[..len];
        out.push_str(urls.get(placeholder).map_or(placeholder, String::as_str));
        rest = &tail[len..];
    }
    out.push_str(rest);
    out
}

/// Every body link to a page of the site leads to one, and every
/// `#heading` to a heading: a warning at the link in the source otherwise
/// (an error with `--strict`), once per link however many pages and feeds
/// carry it, with the nearest page or heading as a suggestion.
pub(super) fn check_page_links(
    config: &Config,
    site: &site::Site,
    generated: &HashSet<String>,
    published: &super::checks::Published<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    use crate::routes::{briefing_href, file_of, folder_file_of};
    if site.briefings.iter().all(|b| b.page_refs.is_empty()) {
        return;
    }
    let exists = |path: &str| {
        let file = file_of(path);
        let folder = folder_file_of(path.trim_end_matches('/'));
        [file, folder].iter().any(|f| published.contains(f))
    };
    let pages: HashMap<String, &content::Briefing> = site
        .briefings
        .iter()
        .map(|b| (briefing_href(&b.slug), &**b))
        .collect();
    let severity = severity(config);
    for b in &site.briefings {
        for r in &b.page_refs {
            let mut d = r.at.clone();
            d.severity = severity;
            if !exists(&r.path) {
                // Only raw HTML keeps a `.md` address as written: a
                // Markdown link to one becomes the briefing's URL.
                let markdown = crate::content::markdown::links::is_markdown(&r.path);
                let near = generated
                    .iter()
                    .filter(|p| p.ends_with("index.html"))
                    .map(|p| p.trim_end_matches("index.html"))
                    .min_by_key(|p| (strsim::levenshtein(p, &r.path), p.len()))
                    .map(|p| format!("did you mean /{p}?"))
                    .unwrap_or_default();
                let near = if markdown {
                    format!(
                        "raw HTML is published as written, so the browser asks for the .md file itself: write a Markdown link, [text]({}), which brief turns into the briefing's address",
                        r.written
                    )
                } else {
                    near
                };
                d.message = format!(
                    "the link `{}` leads to /{}, which this site does not publish",
                    r.written, r.path
                );
                diagnostics.push(d.with_hint(near));
                continue;
            }
            let (Some(fragment), Some(target)) = (&r.fragment, pages.get(&r.path)) else {
                continue;
            };
            if target.anchors.contains(fragment) {
                continue;
            }
            let near = nearest_heading(&target.anchors, fragment, "page");
            d.message = format!(
                "the link `{}` points at `#{fragment}`, but /{} has no such heading",
                r.written, r.path
            );
            diagnostics.push(d.with_hint(near));
        }
    }
}

/// How bad a link that leads nowhere is: an error with `--strict`.
fn severity(config: &Config) -> crate::error::Severity {
    if config.strict {
        crate::error::Severity::Error
    } else {
        crate::error::Severity::Warning
    }
}

/// The hint for a `#fragment` that names no heading of a `what`
/// (briefing, page): the nearest one.
fn nearest_heading(anchors: &[String], fragment: &str, what: &str) -> String {
    anchors
        .iter()
        .min_by_key(|a| strsim::levenshtein(a, fragment))
        .map(|a| format!("did you mean `#{a}`?"))
        .unwrap_or_else(|| format!("that {what} has no headings to link to"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::markdown::md_placeholder;

    #[test]
    fn placeholders_are_replaced_in_one_pass_each_by_its_own_url() {
        let urls: HashMap<String, String> = [
            (md_placeholder("a.md", None), "/briefings/a/".to_string()),
            (
                md_placeholder("a.md", Some("x")),
                "/briefings/a/#x".to_string(),
            ),
            (
                md_placeholder("b c.md", None),
                "/briefings/b-c/".to_string(),
            ),
        ]
        .into_iter()
        .collect();
        let html = format!(
            r#"<a href="{}">1</a> <a href="{}">2</a> <a href="{}">3</a> brief-md:unknown.md"#,
            md_placeholder("a.md", Some("x")),
            md_placeholder("a.md", None),
            md_placeholder("b c.md", None),
        );
        assert_eq!(
            replace_placeholders(&html, &urls),
            r#"<a href="/briefings/a/#x">1</a> <a href="/briefings/a/">2</a> <a href="/briefings/b-c/">3</a> brief-md:unknown.md"#
        );
    }

    #[test]
    fn many_links_to_briefings_are_resolved_in_linear_time() {
        // The body was searched once per link: 20,000 links to other
        // briefings' files (a 300 KB line) took ten seconds, and four
        // times as many four times as long again.
        let placeholder = md_placeholder("other.md", None);
        let urls: HashMap<String, String> = [(placeholder.clone(), "/o/".to_string())]
            .into_iter()
            .collect();
        let html = format!(r#"<a href="{placeholder}">x</a> "#).repeat(200_000);
        let started = std::time::Instant::now();
        let out = replace_placeholders(&html, &urls);
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(out, r#"<a href="/o/">x</a> "#.repeat(200_000));
    }
}
