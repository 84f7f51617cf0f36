//! Markdown to HTML with pulldown-cmark, plus what the site needs from the
//! body: stable heading ids, the summary, the word count, and links resolved
//! against the briefing's folder so that they work from any page and feed.

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag};

/// The marker that ends a hand-picked summary.
pub const MORE_MARKER: &str = "<!-- more -->";

/// Words read per minute, for the reading time.
const WORDS_PER_MINUTE: usize = 220;

/// The rendered body and what was learnt on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The body as HTML, links and images resolved.
    pub html: String,
    /// Plain text of the part before `<!-- more -->`, else of the first paragraph.
    pub summary: String,
    /// Words in the body's text and code.
    pub word_count: usize,
    /// Minutes to read at 220 words a minute, at least one.
    pub reading_minutes: usize,
    /// Whether the body holds raw HTML the feed must still make absolute.
    pub has_raw_html: bool,
    /// Ids given to headings, in order.
    pub heading_ids: Vec<String>,
    /// Where (byte offset in the body) the nesting first passes
    /// [`MAX_NESTING`], if it does.
    pub too_deep_at: Option<usize>,
    /// Links and images that point inside the site, in order.
    pub local_links: Vec<LocalLink>,
    /// Links and images whose scheme runs code in a reader's browser
    /// (see [`runs_code`]): the destination as written, its scheme and
    /// its byte offset in the body.
    pub unsafe_links: Vec<(String, String, usize)>,
    /// What is wrong with the body's raw HTML (see [`raw_html`]).
    pub html_problems: Vec<raw_html::Problem>,
    /// What else an editor got wrong in the Markdown: footnotes defined
    /// twice or never, a heading's own id (`{#subscribe}`) taken already.
    pub markdown_problems: Vec<raw_html::Problem>,
    /// The ids the footnotes take (`fn-…`, `fnref-…`).
    pub footnote_ids: Vec<String>,
    /// The ids (and `<a name>`s) the body's raw HTML gives the page.
    pub html_ids: Vec<String>,
}

/// A link or image in the body whose destination is inside the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalLink {
    /// The destination as written.
    pub written: String,
    /// The destination resolved to an absolute URL.
    pub url: String,
    /// Byte offset of the link in the body.
    pub offset: usize,
    /// An image (`![alt](src)`) rather than a link.
    pub image: bool,
    /// Written in raw HTML, so published as written: relative to the
    /// page, not to the Markdown file.
    pub raw: bool,
}

/// The deepest nesting of Markdown blocks and spans brief accepts. Real
/// briefings stay under ten; thousands only come from accidents or attacks,
/// and would make every HTML consumer downstream recurse that deep.
pub const MAX_NESTING: usize = 256;

mod extras;
mod headings;
mod html_text;
pub(crate) mod links;
pub mod raw_html;
pub mod srcset;
mod text;
mod tidy;

pub use extras::{WORD_KEYS, Words};
use headings::THEME_IDS;
pub use links::{Links, MD_SCHEME, md_placeholder, parse_md_placeholder};
pub use text::{body_text, shows_nothing};
use text::{first_paragraph, plain_text};

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Resolves a link or image destination written in a briefing. `base` is
/// the absolute URL of the briefing file's folder (for `lead.jpg`) and `root`
/// the site's base URL (for `/about/`). Absolute URLs, `#fragments`, `mailto:`
/// and the like are kept.
pub fn resolve_url(dest: &str, base: &str, root: &str) -> Option<String> {
    let dest = dest.trim();
    if dest.is_empty() || dest.starts_with('#') || dest.starts_with("//") || has_scheme(dest) {
        return None;
    }
    let dest = &*links::as_reference(dest);
    if let Some(rest) = dest.strip_prefix('/') {
        return Some(format!("{root}{rest}"));
    }
    let base = url::Url::parse(base).ok()?;
    base.join(dest).ok().map(String::from)
}

pub use crate::util::has_scheme;

/// The scheme of `dest` when a browser following or loading it would run
/// code: `javascript:` and `vbscript:` anywhere, `data:` in a link (an
/// image's `data:` URL is only drawn). Browsers ignore case, spaces and
/// control characters around the scheme, and so does this.
pub fn runs_code(dest: &str, image: bool) -> Option<String> {
    let scheme: String = dest
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take_while(|&c| c != ':')
        .take(16)
        .flat_map(char::to_lowercase)
        .collect();
    let dangerous =
        matches!(scheme.as_str(), "javascript" | "vbscript") || (scheme == "data" && !image);
    (dangerous && dest.contains(':')).then_some(scheme)
}

/// Renders `body`, resolving every link and image as [`Links`] says.
pub fn render(body: &str, links: &Links<'_>) -> Rendered {
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut depth = 0usize;
    let mut too_deep_at = None;
    let mut link_offsets = Vec::new();
    let mut raw_pieces = Vec::new();
    let mut footnotes = extras::FootnoteCheck::default();
    let mut heading_offsets = Vec::new();
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        // The file was cleaned of forbidden characters when it was read;
        // a character reference (`&#x1;`, `&#xFFFE;`) brings them back.
        let event = match event {
            Event::Text(t) if body.as_bytes().get(range.start) == Some(&b'&') => {
                match crate::content::split::without_forbidden(&t) {
                    std::borrow::Cow::Owned(clean) => Event::Text(clean.into()),
                    std::borrow::Cow::Borrowed(_) => Event::Text(t),
                }
            }
            other => other,
        };
        footnotes.see(&event, range.start);
        if matches!(event, Event::Start(Tag::Heading { .. })) {
            heading_offsets.push(range.start);
        }
        if matches!(event, Event::Start(Tag::Link { .. } | Tag::Image { .. })) {
            link_offsets.push(range.start);
        }
        if let Event::Html(html) | Event::InlineHtml(html) = &event
            && html.trim() != MORE_MARKER
        {
            raw_pieces.push((range.start, html.clone()));
        }
        match event {
            Event::Start(_) => {
                depth += 1;
                if depth > MAX_NESTING && too_deep_at.is_none() {
                    too_deep_at = Some(range.start);
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        events.push(event);
    }

    let mut has_raw_html = false;
    let mut more_at = None;
    let mut local_links = Vec::new();
    let mut unsafe_links = Vec::new();
    let mut link_offsets = link_offsets.into_iter();
    for (i, event) in events.iter_mut().enumerate() {
        match event {
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                let offset = link_offsets.next().unwrap_or(0);
                let image = matches!(tag, Tag::Image { .. });
                // `<desk@example.org>`: the HTML writer adds `mailto:` to
                // the bare address, which is no path on this site.
                let email = matches!(
                    tag,
                    Tag::Link {
                        link_type: LinkType::Email,
                        ..
                    }
                );
                let (Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = tag else {
                    continue;
                };
                if email {
                    continue;
                }
                if let Some(scheme) = runs_code(dest_url, image) {
                    unsafe_links.push((dest_url.to_string(), scheme, offset));
                } else if let Some(abs) = links.resolve(dest_url) {
                    local_links.push(LocalLink {
                        written: dest_url.to_string(),
                        url: abs.clone(),
                        offset,
                        image,
                        raw: false,
                    });
                    *dest_url = CowStr::from(abs);
                } else if dest_url.starts_with('#') && dest_url.len() > 1 {
                    // A heading on this page: kept as written, checked.
                    local_links.push(LocalLink {
                        written: dest_url.to_string(),
                        url: format!("{}{}", links.page, dest_url),
                        offset,
                        image,
                        raw: false,
                    });
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                if more_at.is_none() && html.trim() == MORE_MARKER {
                    more_at = Some(i);
                } else {
                    has_raw_html = true;
                }
            }
            _ => {}
        }
    }

    let (heading_ids, heading_problems) = headings::assign_ids(&mut events, &heading_offsets);
    let mut markdown_problems = footnotes.problems();
    markdown_problems.extend(heading_problems);

    // A marker with no text before it (written first) marks no summary:
    // the first paragraph is.
    let summary = match more_at {
        Some(end) => Some(plain_text(&events[..end])).filter(|s| !s.trim().is_empty()),
        None => None,
    }
    .unwrap_or_else(|| first_paragraph(&events));
    // Raw HTML's text is in its pieces, not in the events.
    let raw_words = match has_raw_html {
        true => text::count_words(&html_text::visible_text(
            &raw_pieces.iter().map(|(_, h)| &**h).collect::<String>(),
        )),
        false => 0,
    };
    let word_count = raw_words + text::count_text_words(&events);

    // Footnotes get their ids first: raw HTML may not take one of them.
    let (events, footnote_ids) = extras::accessible_extras(events, &links.words);
    let raw_html::Checked {
        problems: html_problems,
        ids: html_ids,
        urls,
    } = raw_html::check(&raw_pieces, &[&heading_ids[..], &footnote_ids[..]].concat());
    local_links.extend(
        urls.into_iter()
            .filter_map(|u| raw_link(u, links.page, body)),
    );
    local_links.sort_by_key(|l| l.offset);
    let mut html = String::with_capacity(body.len() + body.len() / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    let comments = html.contains("<!--");
    let named_anchors = html.contains("<a ") && html.contains(" name=");
    if comments || named_anchors {
        html = tidy::tidied(&html);
    }
    // A body written in raw HTML has its text there, not in the events.
    let summary = if summary.is_empty() && has_raw_html {
        html_text::first_paragraph(&html)
    } else {
        summary
    };
    Rendered {
        html,
        summary,
        word_count,
        reading_minutes: word_count.div_ceil(WORDS_PER_MINUTE).max(1),
        has_raw_html,
        heading_ids,
        too_deep_at,
        local_links,
        unsafe_links,
        html_problems,
        markdown_problems,
        footnote_ids,
        html_ids,
    }
}

/// A raw HTML address as the reader's browser resolves it, against the
/// page (`None` for another site's, or one that runs code, which the raw
/// HTML check reports). Placed at the address in `body` when it is written
/// there as it reads, on the tag's line, else at the line.
fn raw_link(u: raw_html::RawUrl, page: &str, body: &str) -> Option<LocalLink> {
    let value = &u.value;
    if value.starts_with("//") || has_scheme(value) || runs_code(value, u.image).is_some() {
        return None;
    }
    let url = if value.starts_with('#') {
        (value.len() > 1).then(|| format!("{page}{value}"))?
    } else {
        url::Url::parse(page).ok()?.join(value).ok()?.into()
    };
    let line = body.get(u.offset..).unwrap_or("");
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    let offset = u.offset + line.find(value.as_str()).unwrap_or(0);
    Some(LocalLink {
        written: u.value,
        url,
        offset,
        image: u.image,
        raw: true,
    })
}

#[cfg(test)]
mod tests;
