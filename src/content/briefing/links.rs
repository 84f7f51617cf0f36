//! Links in front matter and the body: web addresses checked, local
//! files resolved to the output paths they must be published at.

use std::path::Path;

use serde_saphyr::Spanned;

use super::{LocalRef, MdRef, PageRef};
use crate::content::front_matter::YamlSource;
use crate::content::markdown::{self, LocalLink};
use crate::error::Diagnostic;

/// Schemes a link in front matter may use.
const ALLOWED_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// Checks a front-matter URL. A local one (`lead.jpg`, `/files/x.pdf`) is
/// resolved and recorded in `local_refs`, to be checked against the files
/// the build publishes.
pub(super) fn check_url(
    value: &Spanned<String>,
    folder_url: &str,
    root_url: &str,
    src: &YamlSource<'_>,
    what: &str,
    local_refs: &mut Vec<LocalRef>,
) -> Result<String, Diagnostic> {
    let raw = value.value.trim();
    let bad = |message: String| {
        src.error_at(&value.referenced, message)
            .with_hint("use an http(s) URL, or a path relative to the briefing such as `lead.jpg`")
    };
    if raw.is_empty() {
        return Err(bad("the URL is empty".into()));
    }
    if raw.chars().any(|c| c.is_control()) {
        return Err(bad(format!("the URL {raw:?} contains control characters")));
    }
    if markdown::has_scheme(raw) || raw.starts_with("//") {
        let parsed = url::Url::parse(raw)
            .or_else(|_| url::Url::parse(&format!("https:{raw}")))
            .map_err(|e| bad(format!("{raw:?} is not a valid URL ({e})")))?;
        if !ALLOWED_SCHEMES.contains(&parsed.scheme()) {
            return Err(bad(format!(
                "the URL scheme `{}:` is not allowed",
                parsed.scheme()
            )));
        }
        return Ok(parsed.into());
    }
    let url = markdown::resolve_url(raw, folder_url, root_url)
        .ok_or_else(|| bad(format!("{raw:?} is not a valid URL")))?;
    if let Some(path) = output_path(&url, root_url) {
        local_refs.push(LocalRef {
            missing: src.place(missing_file(src.path, what, raw, &path), &value.referenced),
            path,
        });
    }
    Ok(url)
}

/// The error for a local reference with nothing published at `path`. A
/// web address written without its scheme gets the fix spelled out.
pub(super) fn missing_file(source: &Path, what: &str, written: &str, path: &str) -> Diagnostic {
    if looks_like_web_address(written) {
        return Diagnostic::error(
            source,
            format!("the {what} `{written}` has no scheme, so it would point inside this site"),
        )
        .with_hint(format!("write the full address: `https://{written}`"));
    }
    let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
    let places = if folder.is_empty() {
        format!("content/{name} or static/{name}")
    } else {
        format!("content/{folder}/{name} or static/{folder}/{name}")
    };
    // `my chart #1.png`: in an address `#` starts a fragment and `?` a
    // query, so the file of that name is not the one asked for.
    let hint = match written.trim_start_matches(['#', '?']).find(['#', '?']) {
        Some(_) => "in an address `#` starts a fragment and `?` a query: write them in a file name as `%23` and `%3F`, or rename the file".to_string(),
        None => format!(
            "add the file at {places}, or fix the path (it is relative to the briefing's folder)"
        ),
    };
    Diagnostic::error(
        source,
        format!("the {what} `{written}` does not exist: nothing is published at /{path}"),
    )
    .with_hint(hint)
}

/// The body's links to other briefings and to pages, checked once every
/// briefing is known.
pub(super) struct BodyRefs {
    pub(super) md_refs: Vec<MdRef>,
    pub(super) page_refs: Vec<PageRef>,
}

/// Sorts the body's local links (`links`) into links to briefings' Markdown
/// files, links to pages, and files that must be published (into
/// `local_refs`), each with a diagnostic placed at the link (`at_body`
/// turns a body offset into a line and column of `text`).
pub(super) fn body_refs(
    rel: &Path,
    text: &str,
    links: &[LocalLink],
    at_body: &dyn Fn(usize) -> (usize, usize),
    root_url: &str,
    local_refs: &mut Vec<LocalRef>,
) -> BodyRefs {
    let mut refs = BodyRefs {
        md_refs: Vec::new(),
        page_refs: Vec::new(),
    };
    for link in links {
        let (line, column) = at_body(link.offset);
        let at = |d: Diagnostic| d.at(text, line, column);
        if let Some((target, fragment)) = markdown::parse_md_placeholder(&link.url) {
            refs.md_refs.push(MdRef {
                target,
                fragment,
                at: at(Diagnostic::warning(rel, String::new())),
            });
            continue;
        }
        let Some(path) = output_path(&link.url, root_url) else {
            continue;
        };
        if !is_file_path(&path) && !link.image {
            // A page (`../other/`, `#notes`): checked once every page is
            // known.
            let fragment = link
                .url
                .split_once('#')
                .map(|(_, f)| {
                    percent_encoding::percent_decode_str(f)
                        .decode_utf8_lossy()
                        .into_owned()
                })
                .filter(|f| !f.is_empty());
            refs.page_refs.push(PageRef {
                path,
                fragment,
                written: link.written.clone(),
                at: at(Diagnostic::warning(rel, String::new())),
            });
            continue;
        }
        let what = if link.image { "image" } else { "linked file" };
        let missing = if link.raw {
            missing_raw_file(rel, what, &link.written, &path)
        } else {
            missing_file(rel, what, &link.written, &path)
        };
        local_refs.push(LocalRef {
            missing: at(missing),
            path,
        });
    }
    refs
}

/// The error for a file that raw HTML points at and the site does not
/// publish. Raw HTML goes out as written, so its address is relative to
/// the briefing's page, not to the Markdown file as a Markdown link's is.
fn missing_raw_file(source: &Path, what: &str, written: &str, path: &str) -> Diagnostic {
    if looks_like_web_address(written) {
        return missing_file(source, what, written, path);
    }
    Diagnostic::error(
        source,
        format!("the raw HTML's {what} `{written}` does not exist: a reader's browser would ask for /{path}, which the site does not publish"),
    )
    .with_hint(
        "in raw HTML an address is relative to the briefing's page, not to its Markdown file: write it in Markdown (`![alt](file)`, `[text](file)`), whose address brief resolves from the Markdown file's folder, or fix the path",
    )
}

/// `www.example.com/x`, `example.com/report`, `reuters.com`: a web
/// address without `https://`, not a file name such as `lead.jpg`.
pub fn looks_like_web_address(written: &str) -> bool {
    let written = written.trim();
    let host = written.split(['/', '?', '#']).next().unwrap_or("");
    if host.starts_with("www.") && host.len() > 4 {
        return true;
    }
    let labels: Vec<&str> = host.split('.').collect();
    let Some(tld) = labels.last() else {
        return false;
    };
    let host_like = labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && tld.len() >= 2
        && tld.chars().all(|c| c.is_ascii_alphabetic());
    const FILE_TYPES: &[&str] = &[
        "jpg", "jpeg", "png", "gif", "webp", "avif", "svg", "pdf", "html", "htm", "md", "txt",
        "csv", "json", "xml", "mp3", "mp4", "webm", "zip", "doc", "docx", "xls", "xlsx", "ppt",
        "pptx",
    ];
    let followed_by_path = written.len() > host.len() && written[host.len()..].starts_with('/');
    host_like && (followed_by_path || !FILE_TYPES.contains(&tld.to_ascii_lowercase().as_str()))
}

/// The output path of an absolute URL inside the site (`briefings/lead.jpg`
/// for `https://example.org/briefings/lead.jpg`), decoded, without query
/// or fragment. `None` for a URL outside the site.
pub fn output_path(url: &str, root_url: &str) -> Option<String> {
    let rest = url.strip_prefix(root_url)?;
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_encoding::percent_decode_str(rest)
        .decode_utf8()
        .ok()?;
    Some(decoded.into_owned())
}

/// Whether an output path names a file (`x/report.pdf`), not a page
/// (`x/`, `x/y`) or a Markdown source (which links to pages).
pub(super) fn is_file_path(path: &str) -> bool {
    use crate::content::markdown::links::{is_file, is_markdown};
    is_file(path) && !is_markdown(path)
}

/// The absolute URL of the folder a content file sits in: assets beside it
/// are published under the same path.
pub fn folder_url(root_url: &str, content_rel: &Path) -> String {
    let mut url = root_url.to_string();
    if let Some(parent) = content_rel.parent() {
        for part in parent.components() {
            let part = part.as_os_str().to_string_lossy();
            url.push_str(&crate::util::encode_path_segment(&part));
            url.push('/');
        }
    }
    url
}
