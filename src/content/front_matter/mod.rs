//! The YAML front matter: typed fields with their positions, unknown keys
//! reported with the nearest known one.

use std::fmt;
use std::path::Path;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_saphyr::{Location, SnippetMode, Spanned};

use crate::error::{Diagnostic, Position};

mod foreign;
mod lines;

use lines::{cut_by_comments, only_known_keys};
pub use lines::{in_the_body, key_below_fence};

/// Every top-level key brief understands: the fields of [`FrontMatter`],
/// read from its `Deserialize` impl so that a new field cannot be missed.
pub fn known_keys() -> &'static [&'static str] {
    serde_aux::serde_introspection::serde_introspect::<FrontMatter>()
}

/// The front matter as written, with positions for the fields whose values
/// are checked after parsing.
#[derive(Debug, Default, Deserialize)]
pub struct FrontMatter {
    /// `title:`, the headline (required).
    pub title: Option<Spanned<String>>,
    /// `date:`, when the briefing is published (required).
    pub date: Option<Spanned<String>>,
    /// `updated:`, when the briefing was last revised.
    pub updated: Option<Spanned<String>>,
    /// `summary:`, the plain-text summary; the body's first paragraph if absent.
    pub summary: Option<Spanned<String>>,
    /// `tags:`, the briefing's tags as written.
    pub tags: Option<Spanned<Vec<Spanned<String>>>>,
    /// `authors:`, the briefing's authors, after `author` if both are given.
    pub authors: Option<Vec<Spanned<String>>>,
    /// `author:`, a single author, listed first in the byline.
    pub author: Option<Spanned<String>>,
    /// `slug:`, the URL slug, in place of the one made from the file name.
    pub slug: Option<Spanned<String>>,
    /// `draft:`, true to publish the briefing only when drafts are asked
    /// for. Present but empty (`draft:`, `draft: ~`) is `Some` of a `None`,
    /// not absent: YAML reads it as no value, and the briefing would go
    /// out as if it were not a draft.
    #[serde(default, deserialize_with = "present")]
    pub draft: Option<Spanned<Option<bool>>>,
    /// `sources:`, the reporting the briefing draws on.
    pub sources: Option<Vec<Source>>,
    /// `image:`, the lead image.
    pub image: Option<Image>,
    /// `extra:`, any further data, passed to templates as `briefing.extra`.
    pub extra: Option<serde_json::Value>,
    /// Pins the feed id of a briefing whose slug changed.
    pub guid: Option<Spanned<String>>,
    /// Old slugs or paths of a moved briefing: each gets a redirect page.
    pub aliases: Option<Spanned<Vec<Spanned<String>>>>,
    /// `corrections:`, dated notices of what was corrected or updated.
    pub corrections: Option<Vec<Correction>>,
    /// `language:`, the briefing's own language (a BCP 47 tag such as
    /// `es`), when it is not the site's.
    pub language: Option<Spanned<String>>,
}

/// A field that is present, even with no value: `Some` of what it holds.
fn present<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(d).map(Some)
}

/// One correction: when, and what (a line of Markdown).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// When the correction was made.
    pub date: Spanned<String>,
    /// What was wrong and what is right now.
    pub text: Spanned<String>,
}

/// One piece of reporting a briefing draws on.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The link text; the URL is shown when it is empty.
    #[serde(default)]
    pub title: Option<Spanned<String>>,
    /// The URL as written: absolute, or a file of the site.
    pub url: Spanned<String>,
}

/// The lead image.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Image {
    /// The image's URL as written: absolute, or a file of the site.
    pub src: Spanned<String>,
    /// Alternative text for readers who cannot see the image.
    #[serde(default)]
    pub alt: Option<Spanned<String>>,
    /// The caption shown under the image, if any.
    #[serde(default)]
    pub caption: Option<Spanned<String>>,
}

/// The top-level keys of a mapping with their positions, values skipped.
struct Keys(Vec<(String, Location, foreign::Value)>);

impl<'de> Deserialize<'de> for Keys {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeysVisitor;
        impl<'de> Visitor<'de> for KeysVisitor {
            type Value = Keys;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping of keys such as `title:` and `date:`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Keys, A::Error> {
                let mut keys = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    let value = map.next_value::<foreign::Value>()?;
                    keys.push((key.value, key.referenced, value));
                }
                Ok(Keys(keys))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Keys, E> {
                Ok(Keys(Vec::new()))
            }
        }
        d.deserialize_map(KeysVisitor)
    }
}

/// Where the YAML sits in the file, so YAML positions become file positions.
pub struct YamlSource<'a> {
    /// The briefing file, named in diagnostics.
    pub path: &'a Path,
    /// The front matter's YAML text, without its `---` fences.
    pub yaml: &'a str,
    /// The file line the YAML starts on.
    pub first_line: usize,
    /// The whole decoded file, for snippets.
    pub file: &'a str,
}

impl YamlSource<'_> {
    /// A diagnostic at a YAML location.
    pub fn error_at(&self, location: &Location, message: impl Into<String>) -> Diagnostic {
        let d = Diagnostic::error(self.path, message);
        self.place(d, location)
    }

    /// The file position of a YAML location, or the YAML's first line
    /// when the location is unknown.
    pub fn position(&self, location: &Location) -> Position {
        if location.line() == 0 {
            return Position::new(self.first_line, 1);
        }
        Position::new(
            self.first_line + location.line() as usize - 1,
            location.column() as usize,
        )
    }

    /// Positions `d` at a YAML location, or at the YAML's first line when
    /// the location is unknown.
    pub fn place(&self, d: Diagnostic, location: &Location) -> Diagnostic {
        d.placed(self.position(location)).quoting(self.file)
    }

    fn yaml_error(&self, e: serde_saphyr::Error) -> Diagnostic {
        let rendered = e.render_with_options(serde_saphyr::render_options! {
            snippets: SnippetMode::Off,
        });
        let message = library_words(&crate::error::plain_words(&tidy_message(&rendered)));
        let tab = message
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w == "tab" || w == "tabs");
        let hint = if message.contains("budget") {
            "the front matter expands to too much data (a YAML alias bomb?); brief caps it to keep builds bounded"
        } else if message.contains("written twice") {
            "each key may appear only once; remove the repeated one"
        } else if message.contains("empty value") {
            "write the value, or remove the entry"
        } else if tab {
            "indent the front matter with spaces: YAML does not allow tabs there"
        } else {
            "check the YAML syntax: strings with `:` or `#` need quotes, lists look like [a, b]"
        };
        let d = Diagnostic::error(self.path, format!("invalid front matter: {message}"))
            .with_hint(hint);
        let mut d = match e.location() {
            // A tab is reported at the value before it: point at the tab.
            Some(loc) if tab => match lines::indenting_tab(self.yaml, loc.line() as usize) {
                Some((line, column)) => d.at(self.file, self.first_line + line - 1, column),
                None => self.place(d, &loc),
            },
            Some(loc) => self.place(d, &loc),
            None => d.at(self.file, self.first_line, 1),
        };
        // `authors: [Null]`: YAML reads a bare `null`, `Null`, `NULL` or `~`
        // as no value, where the editor meant a name.
        if message.contains("empty value")
            && let (Some(line), Some(column)) = (d.snippet.as_deref(), d.column)
        {
            let word: String = line
                .chars()
                .skip(column.saturating_sub(1))
                .take_while(|c| !matches!(c, ',' | ']' | '}' | '#') && !c.is_whitespace())
                .collect();
            if matches!(word.as_str(), "null" | "Null" | "NULL" | "~") {
                d.hint = Some(format!(
                    "YAML reads a bare `{word}` as no value; to write the word, quote it: \"{word}\""
                ));
            }
        }
        // `tags: Energy`: say which key wants a list, with the fix.
        if message.contains("a list")
            && let Some((key, value)) = d.snippet.as_deref().and_then(|l| l.split_once(':'))
            && !key.starts_with([' ', '-'])
        {
            let value = value.trim();
            d.message = format!("`{key}` must be a list, even of one");
            let quoted = value.len() >= 2
                && (value.starts_with('"') && value.ends_with('"')
                    || value.starts_with('\'') && value.ends_with('\''));
            d.hint = Some(if let Some(hint) = shape_hint(key, value) {
                hint
            } else if value.starts_with('{') {
                format!("write a list of names: `{key}: [Energy, Oil]`")
            } else if quoted && value.contains(',') {
                // `tags: "a, b"` means two tags, not one with a comma.
                let items: Vec<&str> = value[1..value.len() - 1]
                    .split(',')
                    .map(str::trim)
                    .collect();
                format!("write `{key}: [{}]`", items.join(", "))
            } else {
                format!("write `{key}: [{value}]`")
            });
        }
        // `draft: 1`, `draft: [true]`: say what the key takes (`draft` is
        // the front matter's one yes-or-no key).
        if (message.contains("invalid boolean") || message.contains("string scalar"))
            && let Some((key, _)) = d.snippet.as_deref().and_then(|l| l.split_once(':'))
            && (key == "draft" || message.contains("invalid boolean"))
        {
            d.message = format!("`{key}` must be `true` or `false`");
            d.hint = Some(if key == "draft" {
                "write `draft: true` to hold the briefing back, or `draft: false` to publish it"
                    .into()
            } else {
                format!("write `{key}: true` or `{key}: false`")
            });
        }
        // `image: lead.jpg`, `sources: [https://…]`: a text where a map
        // of fields belongs.
        if message.contains("mapping start")
            && let Some((key, value)) = d.snippet.as_deref().and_then(|l| l.split_once(':'))
            && let Some(hint) = shape_hint(key, value.trim())
        {
            d.hint = Some(hint);
        }
        d
    }
}

/// The fix for `key: value` where `key` holds maps of fields (a source, a
/// correction, the lead image) and `value` gives a text, or a list of
/// texts, in their place: the shape written out with the text in it.
fn shape_hint(key: &str, value: &str) -> Option<String> {
    let inner = value.trim_start_matches('[').trim_end_matches(']').trim();
    let text = if inner.is_empty() { "…" } else { inner };
    let quoted = |t: &str| {
        if t.starts_with(['"', '\'']) {
            t.to_string()
        } else {
            format!("\"{t}\"")
        }
    };
    Some(match key {
        "sources" => format!(
            "each source is a title and a URL: `sources: [{{title: \"…\", url: {}}}]`",
            quoted(text)
        ),
        "corrections" => format!(
            "each correction is a date and a text: `corrections: [{{date: 2025-08-09, text: {}}}]`",
            quoted(text)
        ),
        "image" => format!(
            "the lead image is a file and its alt text: `image: {{src: {}, alt: \"what it shows\"}}`",
            quoted(text)
        ),
        _ => return None,
    })
}

/// serde-saphyr's messages in an editor's words: its advice to the
/// programmer (`set DuplicateKeyPolicy in Options`, `use Option<String>`)
/// is not the editor's to follow.
fn library_words(message: &str) -> String {
    if let Some(key) = message.strip_prefix("duplicate mapping key: ") {
        let key = key.split(',').next().unwrap_or(key).trim();
        return format!("the key `{key}` is written twice");
    }
    if message.starts_with("cannot deserialize null") {
        return "found an empty value (null) where a text belongs".into();
    }
    match message.split_once("; use Option<") {
        Some((before, _)) => before.to_string(),
        None => message.to_string(),
    }
}

/// Drops serde-saphyr's own " at line L, column C" suffix: brief prints
/// the position itself, counted from the top of the file.
fn tidy_message(rendered: &str) -> String {
    let first = rendered.lines().next().unwrap_or(rendered);
    let cut = first.find(" at line ").unwrap_or(first.len());
    first[..cut].trim().to_string()
}

fn options() -> serde_saphyr::Options {
    // The default budget bounds alias expansion, nesting and node counts.
    serde_saphyr::Options::default()
}

/// Parses front matter, returning the fields and warnings for unknown keys.
pub fn parse(src: &YamlSource<'_>) -> Result<(FrontMatter, Vec<Diagnostic>), Diagnostic> {
    if src.yaml.trim().is_empty() {
        return Ok((FrontMatter::default(), Vec::new()));
    }
    let read_keys = || -> Result<Keys, Diagnostic> {
        serde_saphyr::from_str_with_options(src.yaml, options()).map_err(|e| src.yaml_error(e))
    };
    let scanned = only_known_keys(src.yaml);
    let keys: Keys = if scanned {
        Keys(Vec::new())
    } else {
        read_keys()?
    };
    let mut warnings = Vec::new();
    for (key, location, value) in &keys.0 {
        if known_keys().contains(&key.as_str()) {
            continue;
        }
        if let Some((message, hint)) = foreign::refusal(key, value) {
            warnings.push(src.place(
                Diagnostic::error(src.path, message).with_hint(hint),
                location,
            ));
            continue;
        }
        // A near miss is a typo of a key that changes what is published
        // (`drafts: true` would publish a draft): refuse it. Anything else
        // is the editor's own data, probably meant for `extra:`.
        let d = match nearest_key(key) {
            Some(known) => Diagnostic::error(
                src.path,
                format!("unknown front matter key `{key}`"),
            )
            .with_hint(format!(
                "did you mean `{known}`? (brief stops here rather than guess; put data of your own under `extra:`)"
            )),
            None => Diagnostic::warning(src.path, format!("unknown front matter key `{key}`, ignored"))
                .with_hint(format!(
                    "put your own data under `extra:` (e.g. `extra: {{ {key}: … }}`); known keys: {}",
                    known_keys().join(", ")
                )),
        };
        warnings.push(src.place(d, location));
    }
    let fm: FrontMatter = match serde_saphyr::from_str_with_options(src.yaml, options()) {
        Ok(fm) => fm,
        // A syntax error is reported where the YAML breaks, which a typed
        // read may not reach (`title: [broken` is not a string first): the
        // read of keys alone says it as it would have without the scan.
        Err(e) if scanned => {
            read_keys()?;
            return Err(src.yaml_error(e));
        }
        Err(e) => return Err(src.yaml_error(e)),
    };
    warnings.extend(cut_by_comments(src));
    Ok((fm, warnings))
}

/// The known key one or two edits from `key` (ignoring case), if any.
pub fn nearest_key(key: &str) -> Option<&'static str> {
    let lower = key.to_lowercase();
    known_keys()
        .iter()
        .map(|k| (strsim::damerau_levenshtein(&lower, k), *k))
        .filter(|(d, k)| *d <= 2 && *d < k.len())
        .min()
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests;
