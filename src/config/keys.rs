//! The keys `site.toml` knows: unknown ones become warnings naming the
//! nearest known key, and any key can be found for pointing at it.

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

/// Warnings for keys brief does not know (a typo, or another tool's
/// setting), each pointing at the key with the closest known one.
pub(super) fn unknown_keys(text: &str) -> Vec<Diagnostic> {
    let Ok(table) = text.parse::<toml::Table>() else {
        return Vec::new();
    };
    let mut warnings = Vec::new();
    for (section, known) in known() {
        let keys: Vec<&String> = if section.is_empty() {
            table.keys().collect()
        } else {
            match table.get(section) {
                Some(toml::Value::Table(t)) => t.keys().collect(),
                _ => continue,
            }
        };
        for key in keys {
            if known.contains(&key.as_str()) {
                continue;
            }
            let shown = if section.is_empty() {
                key.clone()
            } else {
                format!("{section}.{key}")
            };
            let mut w =
                Diagnostic::warning(CONFIG_FILE, format!("unknown setting `{shown}`, ignored"));
            let offset = find_key(text, key).or_else(|| text.find(&format!("[{key}]")));
            if let Some(o) = offset {
                let line_start = text[..o].rfind('\n').map_or(0, |i| i + 1);
                let column_start =
                    line_start + text[line_start..].len() - text[line_start..].trim_start().len();
                w = w.at_offset(text, column_start.min(o));
            }
            let nearest = known
                .iter()
                .map(|k| (strsim::damerau_levenshtein(key, k), *k))
                .filter(|(d, k)| *d <= 2.max(k.len() / 3))
                .min();
            w = match nearest {
                Some((_, k)) => w.with_hint(format!("did you mean `{k}`?")),
                None => w.with_hint(format!("known here: {}", known.join(", "))),
            };
            warnings.push(w);
        }
    }
    warnings
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

    #[test]
    fn unknown_settings_are_warnings_with_the_nearest_key() {
        let c = parse("title = \"T\"\nbase_url = \"https://e.org/\"\ntimezon = \"UTC\"\n[build]\nper_pge = 5\n[taxonomies]\nx = 1\n").unwrap();
        let w: Vec<_> = c
            .warnings
            .iter()
            .map(|w| (w.message.as_str(), w.line, w.hint.as_deref()))
            .collect();
        assert_eq!(
            w,
            [
                (
                    "unknown setting `taxonomies`, ignored",
                    Some(6),
                    Some(
                        "known here: title, base_url, description, language, timezone, author, build, feed, email, deploy, publisher, sitemap, cards, related, search, translations, extra"
                    )
                ),
                (
                    "unknown setting `timezon`, ignored",
                    Some(3),
                    Some("did you mean `timezone`?")
                ),
                (
                    "unknown setting `build.per_pge`, ignored",
                    Some(5),
                    Some("did you mean `per_page`?")
                ),
            ]
        );
    }
}
