//! Languages: the words of the built-in theme in the site's language (or a
//! briefing's own), its dates, and which way its text runs.
//!
//! The theme's words come from translation tables, one TOML file per
//! language in `src/i18n/tables/` compiled into the binary, one line a key,
//! which `[translations.<lang>]` in `site.toml` overrides or extends
//! ([`Translations::with_overrides`]). A key missing from a language's
//! table falls back to English; `brief check` lists such keys. Dates are
//! formatted with chrono's locale data (glibc's, via `pure-rust-locales`),
//! plural forms chosen with ICU4X's CLDR plural rules.

pub mod dates;
mod overrides;
mod plural;

use std::collections::BTreeMap;

/// The built-in tables, by language: English holds every key the built-in
/// theme uses.
const BUILTIN: &[(&str, &str)] = &[
    ("en", include_str!("tables/en.toml")),
    ("es", include_str!("tables/es.toml")),
    ("fr", include_str!("tables/fr.toml")),
    ("de", include_str!("tables/de.toml")),
    ("pt", include_str!("tables/pt.toml")),
    ("ar", include_str!("tables/ar.toml")),
];

/// The language every missing key falls back to.
pub const FALLBACK: &str = "en";

/// Languages written right to left (ISO 639 codes).
const RTL: &[&str] = &[
    "ar", "he", "fa", "ur", "ps", "sd", "yi", "ug", "ckb", "dv", "iw",
];

/// One entry of a table: a text, or a text per CLDR plural category
/// (`zero`, `one`, `two`, `few`, `many`, `other`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Entry {
    /// The same text whatever the number.
    Text(String),
    /// A text per plural category; `other` is always there.
    Plural(BTreeMap<String, String>),
}

/// A language's table: key → entry.
pub type Table = BTreeMap<String, Entry>;

/// Every translation table the site can use: the built-in ones with the
/// site's overrides applied. Ordered maps, so that the configuration's
/// fingerprint is the same from one build to the next.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Translations {
    tables: BTreeMap<String, Table>,
}

impl Default for Translations {
    fn default() -> Self {
        Self::builtin()
    }
}

impl Translations {
    /// The built-in tables alone.
    pub fn builtin() -> Translations {
        let tables = BUILTIN
            .iter()
            .map(|(lang, text)| {
                let table: toml::Table = text.parse().expect("built-in tables are valid TOML");
                let table = table
                    .into_iter()
                    .filter_map(|(k, v)| Some((k, entry_of(&v).ok()?)))
                    .collect();
                (lang.to_string(), table)
            })
            .collect();
        Translations { tables }
    }

    /// The languages that have a table of their own, built in or added.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.tables.keys().map(String::as_str)
    }

    /// Whether `lang` (or its primary language) has a table of its own.
    pub fn has_table(&self, lang: &str) -> bool {
        chain(lang)
            .iter()
            .any(|l| l != FALLBACK && self.tables.contains_key(l))
            || primary(lang) == FALLBACK
    }

    /// Every key the English table holds: the keys of the built-in theme.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.tables
            .get(FALLBACK)
            .into_iter()
            .flat_map(|t| t.keys().map(String::as_str))
    }

    /// Every key any table holds, the site's own included, in order.
    pub fn every_key(&self) -> std::collections::BTreeSet<&str> {
        self.tables
            .values()
            .flat_map(|t| t.keys().map(String::as_str))
            .collect()
    }

    /// Whether any table knows `key` (a site may add keys for its own
    /// templates).
    pub fn knows(&self, key: &str) -> bool {
        self.tables.values().any(|t| t.contains_key(key))
    }

    /// The entry for `key` in `lang`: its regional table (`pt-br`), then
    /// its language's (`pt`), then English.
    pub fn entry(&self, lang: &str, key: &str) -> Option<&Entry> {
        // The common case, a plain tag (`es`, `ar`), without allocating:
        // every `t()` of every page comes here.
        if lang.bytes().all(|b| b.is_ascii_lowercase()) {
            return [lang, FALLBACK]
                .iter()
                .find_map(|l| self.tables.get(*l)?.get(key));
        }
        chain(lang)
            .iter()
            .find_map(|l| self.tables.get(l)?.get(key))
    }

    /// The English keys `lang` has no text for: shown in English.
    pub fn missing(&self, lang: &str) -> Vec<&str> {
        if primary(lang) == FALLBACK {
            return Vec::new();
        }
        let own: Vec<&Table> = chain(lang)
            .iter()
            .filter(|l| *l != FALLBACK)
            .filter_map(|l| self.tables.get(l))
            .collect();
        self.keys()
            .filter(|k| !own.iter().any(|t| t.contains_key(*k)))
            .collect()
    }

    /// The text of `key` in `lang`, in the plural form for `n` when the
    /// entry has forms, with each `{name}` in it replaced from `args`.
    /// An unknown key gives the key itself.
    pub fn format(&self, lang: &str, key: &str, n: Option<i64>, args: &[(&str, &str)]) -> String {
        let text = match self.entry(lang, key) {
            None => return key.to_string(),
            Some(Entry::Text(t)) => t.as_str(),
            Some(Entry::Plural(forms)) => {
                let category = plural::category(lang, n.unwrap_or(0));
                forms
                    .get(category)
                    .or_else(|| forms.get("other"))
                    .map_or(key, String::as_str)
            }
        };
        fill(text, n, args)
    }

    /// The text of `key` in `lang`, with `{name}`s filled from `args`.
    pub fn text(&self, lang: &str, key: &str, args: &[(&str, &str)]) -> String {
        self.format(lang, key, None, args)
    }
}

/// `text` with `{n}` and each `{name}` of `args` replaced.
fn fill(text: &str, n: Option<i64>, args: &[(&str, &str)]) -> String {
    if !text.contains('{') {
        return text.to_string();
    }
    let mut out = text.to_string();
    if let Some(n) = n {
        out = out.replace("{n}", &n.to_string());
    }
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// A table entry from its TOML value: a string, or a table of plural forms.
fn entry_of(value: &toml::Value) -> Result<Entry, String> {
    match value {
        toml::Value::String(s) => Ok(Entry::Text(s.clone())),
        toml::Value::Table(t) => {
            let mut forms = BTreeMap::new();
            for (category, text) in t {
                if !plural::CATEGORIES.contains(&category.as_str()) {
                    return Err(format!(
                        "`{category}` is not a plural category (use {})",
                        plural::CATEGORIES.join(", ")
                    ));
                }
                let Some(text) = text.as_str() else {
                    return Err(format!("the `{category}` form must be a string"));
                };
                forms.insert(category.clone(), text.to_string());
            }
            if !forms.contains_key("other") {
                return Err("plural forms need at least `other`".into());
            }
            Ok(Entry::Plural(forms))
        }
        _ => Err("a translation is a string, or a table of plural forms".into()),
    }
}

/// The lower-case primary language subtag: `pt-BR` → `pt`.
pub fn primary(lang: &str) -> String {
    lang.split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Where `lang`'s words are looked for, in order: `pt-BR` → `pt-br`,
/// `pt`, `en`.
fn chain(lang: &str) -> Vec<String> {
    let full = lang.replace('_', "-").to_ascii_lowercase();
    let mut chain = vec![full];
    let p = primary(lang);
    if !chain.contains(&p) {
        chain.push(p);
    }
    if !chain.iter().any(|l| l == FALLBACK) {
        chain.push(FALLBACK.to_string());
    }
    chain
}

/// Whether `lang` is written right to left: Arabic, Hebrew, Persian, Urdu
/// and the like, or any language in the Arabic or Hebrew script
/// (`pa-Arab`).
pub fn is_rtl(lang: &str) -> bool {
    let lower = lang.to_ascii_lowercase().replace('_', "-");
    RTL.contains(&primary(lang).as_str())
        || lower
            .split('-')
            .skip(1)
            .any(|s| matches!(s, "arab" | "hebr" | "thaa" | "syrc" | "nkoo"))
}

/// Whether a briefing's `lang` is the site's language `site`: the same
/// code but for case, the site's `_` read as `-` (`pt_BR` is `pt-BR`).
/// Compared without a copy: every card, link and feed item asks.
pub fn same_language(lang: &str, site: &str) -> bool {
    lang.len() == site.len()
        && lang
            .bytes()
            .zip(site.bytes())
            .all(|(a, b)| a.eq_ignore_ascii_case(&if b == b'_' { b'-' } else { b }))
}

/// `rtl` or `ltr`, for `dir=`.
pub fn dir(lang: &str) -> &'static str {
    if is_rtl(lang) { "rtl" } else { "ltr" }
}

/// What falls back to English for `lang`, if anything: `None` when its
/// dates and theme words are both supported.
pub fn unsupported(translations: &Translations, lang: &str) -> Option<String> {
    let dates = dates::locale(lang).is_some();
    let words = translations.has_table(lang);
    match (dates, words) {
        (true, true) => None,
        (false, false) => Some("dates and theme words".into()),
        (false, true) => Some("month and day names".into()),
        (true, false) => Some("theme words".into()),
    }
}

/// What to do about a language [`unsupported`] names.
pub fn support_hint(lang: &str) -> String {
    let code = primary(lang);
    format!(
        "use a language tag such as \"es\" or \"pt-BR\"; to translate the theme's words, add them under [translations.{code}] in site.toml (`brief check` lists the keys)"
    )
}

#[cfg(test)]
mod tests;
