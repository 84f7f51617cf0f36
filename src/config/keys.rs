//! The keys `site.toml` knows: an unknown one is an error when it is a
//! typo of a known key or a known key in the wrong table, a warning
//! otherwise; and any key can be found for pointing at it.

use serde_aux::serde_introspection::serde_introspect;

use super::CONFIG_FILE;
use super::raw::{
    RawBuild, RawCards, RawConfig, RawDeploy, RawEmail, RawFeed, RawPublisher, RawRelated,
    RawSearch, RawSitemap,
};
use crate::error::Diagnostic;

/// The keys site.toml knows, by table (`""` is the top level), read from
/// the serde structs so that a new setting cannot be missed. `[extra]` is
/// free-form.
fn known() -> [(&'static str, &'static [&'static str]); 10] {
    [
        ("", serde_introspect::<RawConfig>()),
        ("build", serde_introspect::<RawBuild>()),
        ("feed", serde_introspect::<RawFeed>()),
        ("email", serde_introspect::<RawEmail>()),
        ("deploy", serde_introspect::<RawDeploy>()),
        ("publisher", serde_introspect::<RawPublisher>()),
        ("sitemap", serde_introspect::<RawSitemap>()),
        ("cards", serde_introspect::<RawCards>()),
        ("related", serde_introspect::<RawRelated>()),
        ("search", serde_introspect::<RawSearch>()),
    ]
}

/// What brief makes of each key it does not know (a typo, a setting put
/// in the wrong table, or another tool's setting), each pointing at the
/// key. A key one or two edits from a known one, or a known key in another
/// table, is an error: ignored, it would leave its default in force (a
/// misspelt `[feed] full_content = false` would mail every briefing whole).
/// Any other key is a warning, so a site.toml shared with other tools
/// still builds.
pub(super) fn unknown_keys(text: &str) -> Vec<Diagnostic> {
    let Ok(table) = text.parse::<toml::Table>() else {
        return Vec::new();
    };
    let known = known();
    let mut found = Vec::new();
    for (section, keys_here) in known {
        let keys: Vec<&String> = if section.is_empty() {
            table.keys().collect()
        } else {
            match table.get(section) {
                Some(toml::Value::Table(t)) => t.keys().collect(),
                _ => continue,
            }
        };
        for key in keys {
            if keys_here.contains(&key.as_str()) {
                continue;
            }
            let shown = if section.is_empty() {
                key.clone()
            } else {
                format!("{section}.{key}")
            };
            let mut d = match (typo_of(key, keys_here), tables_of(key, &known)) {
                (Some(k), _) => Diagnostic::error(
                    CONFIG_FILE,
                    format!("unknown setting `{shown}`, too close to `{k}` to ignore"),
                )
                .with_hint(format!("did you mean `{k}`?")),
                (None, Some(tables)) => Diagnostic::error(
                    CONFIG_FILE,
                    format!(
                        "`{key}` is a setting of {tables}, not of {}: brief would ignore it here",
                        table_name(section)
                    ),
                )
                .with_hint(move_line(&tables)),
                (None, None) => {
                    let w = Diagnostic::warning(
                        CONFIG_FILE,
                        format!("unknown setting `{shown}`, ignored"),
                    );
                    match hint_key(key, keys_here) {
                        Some(k) => w.with_hint(format!("did you mean `{k}`?")),
                        None => w.with_hint(format!("known here: {}", keys_here.join(", "))),
                    }
                }
            };
            let offset = find_key(text, key).or_else(|| text.find(&format!("[{key}]")));
            if let Some(o) = offset {
                d = d.at_offset(text, line_start(text, o));
            }
            found.push(d);
        }
    }
    // `[extra]` is free-form, and init's site.toml ends with it: a setting
    // added at the end of the file lands there and is only data.
    if let Some(toml::Value::Table(extra)) = table.get("extra") {
        for key in extra.keys() {
            let Some(tables) = tables_of(key, &known) else {
                continue;
            };
            let mut w = Diagnostic::warning(
                CONFIG_FILE,
                format!(
                    "`extra.{key}` is data for your templates, not the setting `{key}` of {tables}"
                ),
            )
            .with_hint(format!("if you meant the setting, {}", move_line(&tables)));
            if let Some(o) = after_header(text, "extra")
                .and_then(|at| find_key(&text[at..], key).map(|o| at + o))
            {
                w = w.at_offset(text, line_start(text, o));
            }
            found.push(w);
        }
    }
    found
}

/// The offset of the first character of the line holding `offset` that
/// is not a space: where the key of a `key = value` line starts.
fn line_start(text: &str, offset: usize) -> usize {
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let indent = text[start..].len() - text[start..].trim_start().len();
    (start + indent).min(offset)
}

/// The byte offset just past the `[name]` header line, if any.
fn after_header(text: &str, name: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        offset += line.len();
        if line.trim() == format!("[{name}]") {
            return Some(offset);
        }
    }
    None
}

/// The known key one or two edits from `key` (ignoring case), as the front
/// matter reads a typo.
fn typo_of(key: &str, known: &[&'static str]) -> Option<&'static str> {
    let lower = key.to_lowercase();
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(&lower, k), *k))
        .filter(|(d, k)| *d <= 2 && *d < k.len())
        .min()
        .map(|(_, k)| k)
}

/// A known key a little further from `key`, only to suggest it.
fn hint_key(key: &str, known: &[&'static str]) -> Option<&'static str> {
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(key, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min()
        .map(|(_, k)| k)
}

/// The tables, worded for a message, whose key `key` is (`[feed]`, `the
/// top level`), if any.
fn tables_of(key: &str, known: &[(&str, &[&str])]) -> Option<String> {
    let tables: Vec<String> = known
        .iter()
        .filter(|(_, keys)| keys.contains(&key))
        .map(|(section, _)| table_name(section))
        .collect();
    match tables.as_slice() {
        [] => None,
        [one] => Some(one.clone()),
        [rest @ .., last] => Some(format!("{} or {last}", rest.join(", "))),
    }
}

/// How to move a key into `tables` (worded by [`tables_of`]).
fn move_line(tables: &str) -> String {
    let place = if tables == "the top level" {
        "above the first [table] header".to_string()
    } else {
        format!("below the header of {tables}")
    };
    format!("move the line {place}: a key belongs to the last [table] above it")
}

fn table_name(section: &str) -> String {
    if section.is_empty() {
        "the top level".into()
    } else {
        format!("[{section}]")
    }
}

/// Byte offset of the value of `key = …` in TOML text, for pointing at it.
pub(super) fn find_key(text: &str, key: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key) {
            let rest_trimmed = rest.trim_start();
            if let Some(value) = rest_trimmed.strip_prefix('=') {
                let value_start = line.len() - value.trim_start().len();
                return Some(offset + value_start);
            }
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::config::tests::parse;
    use crate::error::BuildError;

    const TOP: &str = "title = \"T\"\nbase_url = \"https://e.org/\"\n";

    /// The error `text` is refused with: (message, line, hint).
    fn refused(text: &str) -> (String, Option<usize>, Option<String>) {
        match parse(text) {
            Err(BuildError::Config(d)) => (d.message, d.line, d.hint),
            other => panic!("{text:?} was not refused: {:?}", other.map(|c| c.warnings)),
        }
    }

    #[test]
    fn a_setting_one_or_two_edits_from_a_known_one_is_an_error() {
        let (message, line, hint) = refused(&format!("{TOP}[feed]\nfull_contnet = false\n"));
        assert_eq!(
            (message.as_str(), line, hint.as_deref()),
            (
                "unknown setting `feed.full_contnet`, too close to `full_content` to ignore",
                Some(4),
                Some("did you mean `full_content`?")
            )
        );
        let (message, line, _) =
            refused(&format!("{TOP}timezon = \"UTC\"\n[build]\nper_pge = 5\n"));
        assert_eq!(
            (message.as_str(), line),
            (
                "unknown setting `timezon`, too close to `timezone` to ignore",
                Some(3)
            )
        );
        let (message, _, hint) = refused(&format!("{TOP}[search]\nenable = false\n"));
        assert!(message.contains("`search.enable`"), "{message}");
        assert_eq!(hint.as_deref(), Some("did you mean `enabled`?"));
        // A table's name too, and a key in the wrong case.
        let (message, _, _) = refused(&format!("{TOP}[feeds]\nlimit = 5\n"));
        assert!(
            message.contains("`feeds`, too close to `feed`"),
            "{message}"
        );
        let (message, line, _) = refused("Title = \"T\"\nbase_url = \"https://e.org/\"\n");
        assert_eq!(
            (message.as_str(), line),
            (
                "unknown setting `Title`, too close to `title` to ignore",
                Some(1)
            ),
            "the typo, not the missing `title` it causes"
        );
    }

    #[test]
    fn a_known_setting_in_the_wrong_table_is_an_error() {
        let (message, line, hint) = refused(&format!("{TOP}[build]\nfull_content = false\n"));
        assert_eq!(
            (message.as_str(), line, hint.as_deref()),
            (
                "`full_content` is a setting of [feed], not of [build]: brief would ignore it here",
                Some(4),
                Some(
                    "move the line below the header of [feed]: a key belongs to the last [table] above it"
                )
            )
        );
        let (message, _, hint) = refused(&format!(
            "{TOP}[cards]\nenabled = true\nauthor = \"Desk\"\n"
        ));
        assert_eq!(
            message,
            "`author` is a setting of the top level, not of [cards]: brief would ignore it here"
        );
        assert!(
            hint.unwrap()
                .starts_with("move the line above the first [table] header")
        );
        let (message, _, _) = refused(&format!("{TOP}limit = 5\n"));
        assert_eq!(
            message,
            "`limit` is a setting of [feed], [email] or [related], not of the top level: brief would ignore it here"
        );
    }

    #[test]
    fn a_setting_that_lands_in_extra_is_a_warning() {
        // init's site.toml ends with [extra]: a line added at the end is
        // data for templates, not the site's author.
        let c = parse(&format!(
            "{TOP}[extra]\nanalytics = \"x\"\nauthor = \"Desk\"\n"
        ))
        .unwrap();
        let w: Vec<_> = c
            .warnings
            .iter()
            .map(|w| (w.message.as_str(), w.line, w.column))
            .collect();
        assert_eq!(
            w,
            [(
                "`extra.author` is data for your templates, not the setting `author` of the top level",
                Some(5),
                Some(1)
            )]
        );
        assert_eq!(c.author, None);
    }

    #[test]
    fn any_other_unknown_setting_is_a_warning() {
        let c = parse(&format!(
            "{TOP}[taxonomies]\nx = 1\n[build]\nminify_html = true\n"
        ))
        .unwrap();
        let w: Vec<_> = c
            .warnings
            .iter()
            .map(|w| (w.message.as_str(), w.line, w.is_error()))
            .collect();
        assert_eq!(
            w,
            [
                ("unknown setting `taxonomies`, ignored", Some(3), false),
                (
                    "unknown setting `build.minify_html`, ignored",
                    Some(6),
                    false
                ),
            ]
        );
    }
}
