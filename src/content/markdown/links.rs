//! Where a link in a briefing's body leads, as a reader's browser would
//! see it on the briefing's page.
//!
//! - `#notes` stays on the page; `https://…` and `mailto:` stay as written.
//! - `/about/` is relative to the site root (the base URL).
//! - A page (`../energy-storage/`, `./`) is relative to the briefing's
//!   page, `/briefings/<slug>/`, as in a browser.
//! - A file (`map.png`, `files/report.pdf`) is the one beside the Markdown
//!   file, published at the same path below `content/`; when there is
//!   none there but there is one relative to the page, that one.
//! - Another briefing's Markdown file (`2025-03-02-energy.md#notes`,
//!   relative to this file, or `@/briefings/2025-03-02-energy.md` from the
//!   content root, as Zola writes it) becomes that briefing's URL, its
//!   fragment kept. It is marked here ([`MD_SCHEME`]) and replaced once
//!   every briefing's slug is known.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

use super::has_scheme;

/// The scheme a `.md` link carries until the briefing it names is known:
/// `brief-md:briefings/2025-03-02-energy.md#notes`.
pub const MD_SCHEME: &str = "brief-md:";

/// What a placeholder escapes: everything but letters, digits, `-`, `_`,
/// `.` and `/`, so that HTML writes it unchanged and it can be found again.
const PLACEHOLDER: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'/');

/// The placeholder URL of a link to the briefing at `target` (below
/// `content/`), with its fragment.
pub fn md_placeholder(target: &str, fragment: Option<&str>) -> String {
    let mut out = format!("{MD_SCHEME}{}", utf8_percent_encode(target, PLACEHOLDER));
    if let Some(f) = fragment {
        out.push('#');
        out.extend(utf8_percent_encode(f, PLACEHOLDER));
    }
    out
}

/// The target and fragment of a placeholder URL.
pub fn parse_md_placeholder(url: &str) -> Option<(String, Option<String>)> {
    let rest = url.strip_prefix(MD_SCHEME)?;
    let decode = |s: &str| percent_decode_str(s).decode_utf8_lossy().into_owned();
    Some(match rest.split_once('#') {
        Some((t, f)) => (decode(t), Some(decode(f))),
        None => (decode(rest), None),
    })
}

/// A written destination as a URL reference: a space and the other
/// characters a URL may not hold raw (`"`, `<`, `>`, `` ` ``, `{`, `}`)
/// escaped, and a `%` that starts no escape written `%25`, so that
/// `/files/Annual report 100%.pdf` is `/files/Annual%20report%20100%25.pdf`.
/// Joining against a base escapes spaces but keeps a bare `%`, and a
/// `/`-rooted path was used as written: both gave addresses validators
/// refuse and servers may answer with 400. `#` and `?` keep their meaning.
pub(crate) fn as_reference(dest: &str) -> std::borrow::Cow<'_, str> {
    let hex = |b: Option<&u8>| b.is_some_and(u8::is_ascii_hexdigit);
    let bytes = dest.as_bytes();
    let bad = |i: usize| match bytes[i] {
        b' ' | b'"' | b'<' | b'>' | b'`' | b'{' | b'}' => true,
        b'%' => !(hex(bytes.get(i + 1)) && hex(bytes.get(i + 2))),
        _ => false,
    };
    if !(0..bytes.len()).any(bad) {
        return dest.into();
    }
    let mut out = String::with_capacity(dest.len() + 8);
    for (i, c) in dest.char_indices() {
        if c.is_ascii() && bad(i) {
            out.push_str(&format!("%{:02X}", c as u8));
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// What resolving a body link needs to know.
pub struct Links<'a> {
    /// The absolute URL of the Markdown file's folder: files beside it.
    pub folder: &'a str,
    /// The absolute URL of the briefing's page.
    pub page: &'a str,
    /// The site's base URL, ending in `/`.
    pub root: &'a str,
    /// This file's path below `content/`.
    pub source: &'a Path,
    /// The output paths of the files the site publishes from `content/`
    /// and `static/`.
    pub files: &'a HashSet<String>,
    /// The words the renderer writes itself, in the briefing's language.
    pub words: super::Words<'a>,
}

impl Links<'_> {
    /// The resolved destination, or `None` to keep it as written.
    pub fn resolve(&self, dest: &str) -> Option<String> {
        let dest = dest.trim();
        if dest.is_empty() || dest.starts_with('#') || dest.starts_with("//") || has_scheme(dest) {
            return None;
        }
        let dest = &*as_reference(dest);
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        if is_markdown(path) {
            let target = match path.strip_prefix("@/") {
                Some(from_root) => PathBuf::from(from_root),
                None => self.source.parent().unwrap_or(Path::new("")).join(path),
            };
            let target = normalise(&target)?;
            let target: Vec<String> = target
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            let decode = |s: &str| percent_decode_str(s).decode_utf8_lossy().into_owned();
            let fragment = fragment.map(decode);
            return Some(md_placeholder(
                &decode(&target.join("/")),
                fragment.as_deref(),
            ));
        }
        if let Some(rest) = dest.strip_prefix('/') {
            return Some(format!("{}{rest}", self.root));
        }
        let join = |base: &str| {
            url::Url::parse(base)
                .ok()?
                .join(dest)
                .ok()
                .map(String::from)
        };
        if is_file(path) {
            let beside = join(self.folder)?;
            let on_page = join(self.page);
            let exists = |url: &str| {
                crate::content::briefing::output_path(url, self.root)
                    .is_some_and(|p| self.files.contains(&p))
            };
            return Some(match on_page {
                Some(p) if !exists(&beside) && exists(&p) => p,
                _ => beside,
            });
        }
        join(self.page)
    }
}

/// Whether a link path names a Markdown file.
pub(crate) fn is_markdown(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

/// Whether a link path names a file (`report.pdf`), not a page (`x/`).
pub(crate) fn is_file(path: &str) -> bool {
    let name = path.split('?').next().unwrap_or(path);
    let name = name.rsplit('/').next().unwrap_or(name);
    matches!(name.rsplit_once('.'), Some((stem, ext)) if !stem.is_empty() && !ext.is_empty())
}

/// `a/./b/../c` → `a/c`; `None` when `..` climbs out of `content/`.
fn normalise(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::Normal(part) => out.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(files: &HashSet<String>) -> Links<'_> {
        Links {
            folder: "https://example.org/b/briefings/",
            page: "https://example.org/b/briefings/my-slug/",
            root: "https://example.org/b/",
            source: Path::new("briefings/2025-03-01-mine.md"),
            files,
            words: super::super::Words::english(),
        }
    }

    #[test]
    fn links_mean_what_they_mean_on_the_page() {
        let files: HashSet<String> = ["briefings/map.png", "briefings/my-slug/chart.svg"]
            .map(String::from)
            .into();
        let l = links(&files);
        let cases = [
            ("#notes", None),
            ("https://o.org/x", None),
            ("mailto:a@b.c", None),
            ("/about/", Some("https://example.org/b/about/")),
            (
                "../energy-storage/",
                Some("https://example.org/b/briefings/energy-storage/"),
            ),
            ("./", Some("https://example.org/b/briefings/my-slug/")),
            ("map.png", Some("https://example.org/b/briefings/map.png")),
            (
                "chart.svg",
                Some("https://example.org/b/briefings/my-slug/chart.svg"),
            ),
            (
                "missing.pdf",
                Some("https://example.org/b/briefings/missing.pdf"),
            ),
            (
                "2025-03-02-energy.md#notes",
                Some("brief-md:briefings/2025-03-02-energy.md#notes"),
            ),
            ("../2025/x.md", Some("brief-md:2025/x.md")),
            ("@/briefings/y.md", Some("brief-md:briefings/y.md")),
        ];
        for (dest, expected) in cases {
            assert_eq!(l.resolve(dest).as_deref(), expected, "{dest}");
        }
        assert_eq!(l.resolve("../../../x.md"), None);
    }
}
