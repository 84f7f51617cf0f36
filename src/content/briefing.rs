//! One briefing: a source file checked and turned into the value every
//! later stage uses.

use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use serde_saphyr::Spanned;

use super::front_matter::{self, FrontMatter, YamlSource};
use super::{markdown, split};
use crate::error::Diagnostic;

/// Tags beyond this many on one briefing are refused: each tag is a page
/// and a feed, and thousands on one briefing are a mistake, not a choice.
pub const MAX_TAGS: usize = 100;

/// The placeholder lede `brief new` writes into a new briefing: a build
/// refuses to publish a briefing that still holds it.
pub const PLACEHOLDER_LEDE: &str = "Write the lede here: what happened, in one or two sentences.";

/// A file a briefing points to inside the site (its lead image, a local
/// source, an image or a file link in the body), checked against what the
/// build publishes once every file is known.
#[derive(Debug, Clone)]
pub struct LocalRef {
    /// The output path something must be published at: `briefings/lead.jpg`.
    pub path: String,
    /// The error to report when nothing is.
    pub missing: Diagnostic,
}

/// A link to a piece of reporting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLink {
    pub title: String,
    /// Absolute URL.
    pub url: String,
}

/// The lead image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadImage {
    /// Absolute URL.
    pub src: String,
    pub alt: String,
    pub caption: Option<String>,
}

/// A parsed, checked briefing.
#[derive(Debug, Clone)]
pub struct Briefing {
    /// The source file, relative to the site root.
    pub source: std::path::PathBuf,
    pub slug: String,
    pub title: String,
    pub date: DateTime<FixedOffset>,
    pub updated: Option<DateTime<FixedOffset>>,
    /// Display names as written (the site's chosen spelling after
    /// collecting), without repeats by slug.
    pub tags: Vec<String>,
    /// The URL slug of each tag, in the same order.
    pub tag_slugs: Vec<String>,
    pub authors: Vec<String>,
    /// Plain text.
    pub summary: String,
    /// The rendered body, shared: briefings are cloned by the server's
    /// parse cache, and this is most of their size.
    pub html: std::sync::Arc<str>,
    pub word_count: usize,
    pub reading_minutes: usize,
    pub draft: bool,
    pub sources: Vec<SourceLink>,
    pub image: Option<LeadImage>,
    pub extra: serde_json::Value,
    /// The feed id pinned in front matter; the permalink when absent.
    pub guid: Option<String>,
    /// Whether the body has raw HTML (whose links the feeds must resolve).
    pub has_raw_html: bool,
    /// Files inside the site this briefing points to.
    pub local_refs: Vec<LocalRef>,
    /// Where the body still holds [`PLACEHOLDER_LEDE`]: an error for a
    /// build, a warning for a preview.
    pub placeholder: Option<Box<Diagnostic>>,
    /// A hash of the source file's path and bytes: equal fingerprints mean
    /// an equal briefing (under the same configuration).
    pub fingerprint: u64,
}

/// What the parser needs to know about the site.
pub struct ParseContext<'a> {
    pub timezone: Tz,
    /// The site base URL, ending in `/`.
    pub root_url: &'a str,
}

/// The outcome for one file: a briefing (or none) and every problem found.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub briefing: Option<std::sync::Arc<Briefing>>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses one file. `rel` is its path relative to the site root and
/// `content_rel` relative to `content/` (which decides its asset folder).
pub fn parse_file(rel: &Path, content_rel: &Path, bytes: &[u8], cx: &ParseContext<'_>) -> Parsed {
    let mut diagnostics = Vec::new();
    let briefing =
        parse_inner(rel, content_rel, bytes, cx, &mut diagnostics).map(std::sync::Arc::new);
    Parsed {
        briefing,
        diagnostics,
    }
}

/// A stable hash of a file's path and bytes.
pub fn fingerprint(rel: &Path, bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    rel.hash(&mut h);
    bytes.hash(&mut h);
    h.finish()
}

fn parse_inner(
    rel: &Path,
    content_rel: &Path,
    bytes: &[u8],
    cx: &ParseContext<'_>,
    out: &mut Vec<Diagnostic>,
) -> Option<Briefing> {
    let text = split::decode(rel, bytes).map_err(|d| out.push(d)).ok()?;
    let parts = split::split(rel, &text).map_err(|d| out.push(d)).ok()?;
    let src = YamlSource {
        path: rel,
        yaml: parts.yaml,
        first_line: parts.yaml_line,
        file: &text,
    };
    let errors_before = out.iter().filter(|d| d.is_error()).count();
    let (fm, key_diagnostics) = front_matter::parse(&src).map_err(|d| out.push(d)).ok()?;
    out.extend(key_diagnostics);

    let folder_url = folder_url(cx.root_url, content_rel);
    let mut local_refs = Vec::new();
    let checked = check_fields(fm, &src, cx, &folder_url, content_rel, &mut local_refs, out);
    if out.iter().filter(|d| d.is_error()).count() > errors_before {
        return None;
    }
    let fields = checked?;
    let rendered = markdown::render(parts.body, &folder_url, cx.root_url);
    if let Some(offset) = rendered.too_deep_at {
        let (line, column) = crate::error::line_column(parts.body, offset);
        out.push(
            Diagnostic::error(rel, format!("the Markdown nests more than {} levels deep", markdown::MAX_NESTING))
                .at(&text, parts.body_line + line - 1, column)
                .with_hint("close some quotes or lists; brief caps nesting so that no reader or tool downstream overflows"),
        );
        return None;
    }
    let summary = fields.summary.unwrap_or(rendered.summary);
    let at_body = |offset: usize| {
        let (line, column) = crate::error::line_column(parts.body, offset);
        (parts.body_line + line - 1, column)
    };
    for link in &rendered.local_links {
        let Some(path) = output_path(&link.url, cx.root_url) else {
            continue;
        };
        if !is_file_path(&path) && !link.image {
            // A page (`../other/`): checked by `brief check`.
            continue;
        }
        let (line, column) = at_body(link.offset);
        let what = if link.image { "image" } else { "linked file" };
        local_refs.push(LocalRef {
            missing: missing_file(rel, what, &link.written, &path).at(&text, line, column),
            path,
        });
    }
    let placeholder = parts.body.find(PLACEHOLDER_LEDE).map(|offset| {
        let (line, column) = at_body(offset);
        Box::new(
            Diagnostic::error(
                rel,
                "the briefing still holds the placeholder lede from `brief new`",
            )
            .at(&text, line, column)
            .with_hint("write the lede in its place: what happened, in one or two sentences"),
        )
    });
    Some(Briefing {
        source: rel.to_path_buf(),
        slug: fields.slug,
        title: fields.title,
        date: fields.date,
        updated: fields.updated,
        tags: fields.tags.iter().map(|(name, _)| name.clone()).collect(),
        tag_slugs: fields.tags.into_iter().map(|(_, slug)| slug).collect(),
        authors: fields.authors,
        summary,
        html: rendered.html.into(),
        word_count: rendered.word_count,
        reading_minutes: rendered.reading_minutes,
        draft: fields.draft,
        sources: fields.sources,
        image: fields.image,
        extra: fields.extra,
        guid: fields.guid,
        has_raw_html: rendered.has_raw_html,
        local_refs,
        placeholder,
        fingerprint: fingerprint(rel, bytes),
    })
}

struct Fields {
    title: String,
    date: DateTime<FixedOffset>,
    updated: Option<DateTime<FixedOffset>>,
    slug: String,
    summary: Option<String>,
    tags: Vec<(String, String)>,
    authors: Vec<String>,
    draft: bool,
    sources: Vec<SourceLink>,
    image: Option<LeadImage>,
    extra: serde_json::Value,
    guid: Option<String>,
}

/// Checks every field, pushing one diagnostic per problem so that an
/// editor sees them all at once.
fn check_fields(
    fm: FrontMatter,
    src: &YamlSource<'_>,
    cx: &ParseContext<'_>,
    folder_url: &str,
    content_rel: &Path,
    local_refs: &mut Vec<LocalRef>,
    out: &mut Vec<Diagnostic>,
) -> Option<Fields> {
    let top = || Diagnostic::error(src.path, String::new()).at(src.file, 1, 1);
    let title = match fm.title {
        None => {
            let mut d = top();
            d.message = "missing `title`".into();
            out.push(d.with_hint("add `title: \"…\"` to the front matter"));
            None
        }
        Some(t) if clean_text(&t.value).is_empty() => {
            out.push(
                src.error_at(&t.referenced, "`title` is empty")
                    .with_hint("give the briefing a headline"),
            );
            None
        }
        Some(t) => Some(clean_text(&t.value)),
    };
    let date = match &fm.date {
        None => {
            let mut d = top();
            d.message = "missing `date`".into();
            out.push(d.with_hint("add `date: 2025-08-08` or `date: 2025-08-08T17:30:00-04:00`"));
            None
        }
        Some(d) => check_date(d, "date", src, cx.timezone, out),
    };
    let updated = fm
        .updated
        .as_ref()
        .and_then(|d| check_date(d, "updated", src, cx.timezone, out));
    let slug = match &fm.slug {
        Some(s) => check_slug(s, src, out),
        None => default_slug(content_rel),
    };
    if slug.is_none() && fm.slug.is_none() {
        out.push(
            top_error(src, "cannot make a URL slug from the file name")
                .with_hint("add `slug: my-briefing` to the front matter"),
        );
    }
    let tags = check_tags(fm.tags, src, out);
    let mut authors: Vec<String> = fm.authors.unwrap_or_default();
    if let Some(a) = fm.author {
        authors.insert(0, a);
    }
    let authors = authors
        .iter()
        .map(|a| clean_text(a))
        .filter(|a| !a.is_empty())
        .collect();

    let mut sources = Vec::new();
    for s in fm.sources.unwrap_or_default() {
        match check_url(&s.url, folder_url, cx.root_url, src, "source", local_refs) {
            Ok(url) => sources.push(SourceLink {
                title: {
                    let t = clean_text(&s.title);
                    if t.is_empty() { url.clone() } else { t }
                },
                url,
            }),
            Err(d) => out.push(d),
        }
    }
    let image = fm.image.and_then(|img| {
        match check_url(
            &img.src,
            folder_url,
            cx.root_url,
            src,
            "lead image",
            local_refs,
        ) {
            Ok(url) => Some(LeadImage {
                src: url,
                alt: clean_text(&img.alt),
                caption: img
                    .caption
                    .map(|c| clean_text(&c))
                    .filter(|c| !c.is_empty()),
            }),
            Err(d) => {
                out.push(d);
                None
            }
        }
    });

    let guid = fm.guid.and_then(|g| {
        let value = g.value.trim().to_string();
        if markdown::has_scheme(&value) && !value.chars().any(char::is_whitespace) {
            Some(value)
        } else {
            out.push(
                src.error_at(&g.referenced, format!("`guid` {value:?} is not an absolute URI"))
                    .with_hint("keep the briefing's old permalink, e.g. `guid: https://example.org/briefings/old-slug/`"),
            );
            None
        }
    });

    Some(Fields {
        title: title?,
        date: date?,
        updated,
        slug: slug?,
        summary: fm.summary.map(|s| clean_text(&s)).filter(|s| !s.is_empty()),
        tags: tags?,
        authors,
        draft: fm.draft.unwrap_or(false),
        sources,
        image,
        extra: fm.extra.unwrap_or(serde_json::Value::Null),
        guid,
    })
}

fn top_error(src: &YamlSource<'_>, message: &str) -> Diagnostic {
    Diagnostic::error(src.path, message).at(src.file, 1, 1)
}

/// Trims and folds runs of whitespace (newlines included) to one space, and
/// replaces control characters (which YAML escapes like `"\u0007"` can
/// produce) with U+FFFD: HTML and XML forbid them, escaped or not.
pub fn clean_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(|c| {
            if split::is_forbidden_control(c) || c == '\0' {
                '\u{FFFD}'
            } else {
                c
            }
        }));
    }
    out
}

/// Reads a date as RFC 3339, or as a date or local date-time in the site's
/// time zone.
pub fn parse_date(text: &str, tz: Tz) -> Result<DateTime<FixedOffset>, String> {
    let text = text.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(text) {
        return Ok(d);
    }
    if let Ok(d) = DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%:z") {
        return Ok(d);
    }
    let local = if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        d.and_hms_opt(0, 0, 0).expect("midnight exists")
    } else {
        let mut parsed = None;
        for format in [
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M",
        ] {
            if let Ok(d) = NaiveDateTime::parse_from_str(text, format) {
                parsed = Some(d);
                break;
            }
        }
        match parsed {
            Some(d) => d,
            None => return Err(explain_bad_date(text)),
        }
    };
    match tz.from_local_datetime(&local).earliest() {
        Some(d) => Ok(d.fixed_offset()),
        None => Err(format!(
            "{text} does not exist in the time zone {tz} (a daylight-saving gap)"
        )),
    }
}

fn explain_bad_date(text: &str) -> String {
    // Looks like a date but is not one (2025-02-30): say so.
    let digits: Vec<&str> = text.get(..10).unwrap_or("").split('-').collect();
    if digits.len() == 3
        && digits.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
        && let (Ok(y), Ok(m), Ok(d)) = (
            digits[0].parse::<i32>(),
            digits[1].parse::<u32>(),
            digits[2].parse::<u32>(),
        )
        && NaiveDate::from_ymd_opt(y, m, d).is_none()
    {
        return format!("{text:?} is not a real date");
    }
    format!("{text:?} is not a date")
}

fn check_date(
    value: &Spanned<String>,
    key: &str,
    src: &YamlSource<'_>,
    tz: Tz,
    out: &mut Vec<Diagnostic>,
) -> Option<DateTime<FixedOffset>> {
    match parse_date(&value.value, tz) {
        Ok(d) => Some(d),
        Err(message) => {
            out.push(
                src.error_at(&value.referenced, format!("`{key}`: {message}"))
                    .with_hint("write `2025-08-08`, `2025-08-08T17:30:00` (site time zone) or `2025-08-08T17:30:00-04:00`"),
            );
            None
        }
    }
}

/// A slug is lowercase ASCII letters, digits and single hyphens.
pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 200
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

fn check_slug(
    value: &Spanned<String>,
    src: &YamlSource<'_>,
    out: &mut Vec<Diagnostic>,
) -> Option<String> {
    let s = value.value.trim();
    if is_valid_slug(s) {
        return Some(s.to_string());
    }
    let suggestion = slug::slugify(s);
    let hint = if suggestion.is_empty() {
        "use lowercase letters a-z, digits and hyphens".to_string()
    } else {
        format!("use lowercase letters a-z, digits and hyphens, e.g. `slug: {suggestion}`")
    };
    out.push(
        src.error_at(
            &value.referenced,
            format!("`slug` {s:?} may only hold a-z, 0-9 and `-`"),
        )
        .with_hint(hint),
    );
    None
}

/// The slug from a file name: `2025-08-08-cartels.md` → `cartels`, and
/// `cartels/index.md` → `cartels`.
pub fn default_slug(content_rel: &Path) -> Option<String> {
    let stem = content_rel.file_stem()?.to_str()?;
    let stem = if stem == "index" {
        content_rel.parent()?.file_name()?.to_str()?
    } else {
        stem
    };
    let without_date = strip_date_prefix(stem);
    let slug = slug::slugify(if without_date.is_empty() {
        stem
    } else {
        without_date
    });
    (!slug.is_empty()).then_some(slug)
}

fn strip_date_prefix(stem: &str) -> &str {
    let b = stem.as_bytes();
    let is_date = b.len() >= 10
        && b[..10].iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
    if !is_date {
        return stem;
    }
    stem[10..].trim_start_matches(['-', '_'])
}

fn check_tags(
    tags: Option<Spanned<Vec<String>>>,
    src: &YamlSource<'_>,
    out: &mut Vec<Diagnostic>,
) -> Option<Vec<(String, String)>> {
    let Some(tags) = tags else {
        return Some(Vec::new());
    };
    if tags.value.len() > MAX_TAGS {
        out.push(
            src.error_at(
                &tags.referenced,
                format!(
                    "{} tags; a briefing may have at most {MAX_TAGS}",
                    tags.value.len()
                ),
            )
            .with_hint("keep the few tags readers will follow"),
        );
        return None;
    }
    let mut seen = std::collections::HashSet::new();
    let mut kept = Vec::new();
    let mut ok = true;
    for tag in &tags.value {
        let name = clean_text(tag);
        let slug = slug::slugify(&name);
        if slug.is_empty() {
            out.push(
                src.error_at(
                    &tags.referenced,
                    format!("tag {tag:?} has no letters or digits to make a URL from"),
                )
                .with_hint("remove it or give it a name"),
            );
            ok = false;
        } else if seen.insert(slug.clone()) {
            kept.push((name, slug));
        }
    }
    ok.then_some(kept)
}

/// Schemes a link in front matter may use.
const ALLOWED_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// Checks a front-matter URL. A local one (`lead.jpg`, `/files/x.pdf`) is
/// resolved and recorded in `local_refs`, to be checked against the files
/// the build publishes.
fn check_url(
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
fn missing_file(source: &Path, what: &str, written: &str, path: &str) -> Diagnostic {
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
    Diagnostic::error(
        source,
        format!("the {what} `{written}` does not exist: nothing is published at /{path}"),
    )
    .with_hint(format!(
        "add the file at {places}, or fix the path (it is relative to the briefing's folder)"
    ))
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
fn is_file_path(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !ext.is_empty() => {
            !matches!(ext.to_ascii_lowercase().as_str(), "md" | "markdown")
        }
        _ => false,
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::{America::New_York, UTC};

    fn cx() -> ParseContext<'static> {
        ParseContext {
            timezone: New_York,
            root_url: "https://example.org/",
        }
    }

    fn parse(text: &str) -> Parsed {
        parse_file(
            Path::new("content/briefings/2025-08-08-cartels.md"),
            Path::new("briefings/2025-08-08-cartels.md"),
            text.as_bytes(),
            &cx(),
        )
    }

    #[test]
    fn dates_in_every_accepted_form() {
        let d = parse_date("2025-08-08T17:30:00-04:00", UTC).unwrap();
        assert_eq!(d.to_rfc3339(), "2025-08-08T17:30:00-04:00");
        let d = parse_date("2025-08-08", New_York).unwrap();
        assert_eq!(d.to_rfc3339(), "2025-08-08T00:00:00-04:00");
        let d = parse_date("2025-01-08 09:15", New_York).unwrap();
        assert_eq!(d.to_rfc3339(), "2025-01-08T09:15:00-05:00");
        assert!(
            parse_date("2025-02-30", UTC)
                .unwrap_err()
                .contains("not a real date")
        );
        assert!(
            parse_date("yesterday", UTC)
                .unwrap_err()
                .contains("not a date")
        );
        assert!(
            parse_date("2025-03-09T02:30:00", New_York)
                .unwrap_err()
                .contains("gap")
        );
    }

    #[test]
    fn slugs_from_file_names() {
        assert_eq!(
            default_slug(Path::new("briefings/2025-08-08-us-cartels.md")).as_deref(),
            Some("us-cartels")
        );
        assert_eq!(
            default_slug(Path::new("briefings/Hello World.md")).as_deref(),
            Some("hello-world")
        );
        assert_eq!(
            default_slug(Path::new("briefings/cartels/index.md")).as_deref(),
            Some("cartels")
        );
        assert_eq!(
            default_slug(Path::new("briefings/2025-08-08.md")).as_deref(),
            Some("2025-08-08")
        );
        assert!(is_valid_slug("a-b-1"));
        for bad in ["A", "a/b", "..", "a b", "", "-a", "é"] {
            assert!(!is_valid_slug(bad), "{bad}");
        }
    }

    #[test]
    fn a_good_briefing() {
        let p = parse(
            "---\ntitle: \" A  title \"\ndate: 2025-08-08\ntags: [Mexico, mexico, Latin America]\nauthor: A\nauthors: [B]\nsources:\n  - {title: R, url: \"https://r.com/x\"}\nimage: {src: lead.jpg, alt: Alt}\n---\nFirst para.\n",
        );
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        let b = p.briefing.unwrap();
        assert_eq!(b.title, "A title");
        assert_eq!(b.slug, "cartels");
        assert_eq!(b.tags, ["Mexico", "Latin America"]);
        assert_eq!(b.authors, ["A", "B"]);
        assert_eq!(b.summary, "First para.");
        assert_eq!(
            b.image.as_ref().unwrap().src,
            "https://example.org/briefings/lead.jpg"
        );
    }

    #[test]
    fn every_field_error_is_reported_at_once() {
        let p = parse(
            "---\ntitle: \"\"\ndate: 2025-02-30\nslug: ../etc\nsources:\n  - {title: x, url: \"javascript:alert(1)\"}\n---\n",
        );
        let msgs: Vec<_> = p
            .diagnostics
            .iter()
            .map(|d| (d.line, d.message.clone()))
            .collect();
        assert!(p.briefing.is_none());
        assert_eq!(msgs.len(), 4, "{msgs:?}");
        assert_eq!(msgs[0].0, Some(2));
        assert_eq!(msgs[1].0, Some(3));
        assert_eq!(msgs[2].0, Some(4));
        assert_eq!(msgs[3].0, Some(6));
        assert!(msgs[3].1.contains("javascript"));
    }

    #[test]
    fn missing_title_and_date() {
        let p = parse("---\ntags: [a]\n---\n");
        let msgs: Vec<_> = p.diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(msgs, ["missing `title`", "missing `date`"]);
    }

    #[test]
    fn too_many_tags_is_an_error() {
        let tags: Vec<String> = (0..=MAX_TAGS).map(|i| format!("t{i}")).collect();
        let p = parse(&format!(
            "---\ntitle: x\ndate: 2025-01-01\ntags: [{}]\n---\n",
            tags.join(",")
        ));
        assert!(p.diagnostics[0].message.contains("at most 100"));
    }
}
