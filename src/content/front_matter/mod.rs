//! The YAML front matter: typed fields with their positions, unknown keys
//! reported with the nearest known one.

use std::fmt;
use std::path::Path;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_saphyr::{Location, Spanned};

use crate::error::{Diagnostic, Position};

mod foreign;
mod lines;
mod yaml_errors;

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
