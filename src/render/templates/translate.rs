//! `t(key="…")`: the theme's words in the page's language, for templates.
//!
//! The language is `lang=` when given, else the page's (`lang` in every
//! template's context: the briefing's own on its page and email edition,
//! else the site's). `n=` picks the plural form and fills `{n}`; any other
//! argument fills the `{name}` of the same name.

use std::sync::Arc;

use tera::{Error, Kwargs, State, Tera, TeraResult};

use crate::i18n::Translations;

/// Registers `t` with the tables it reads.
pub(super) fn register(tera: &mut Tera, translations: Arc<Translations>) {
    tera.register_function(
        "t",
        move |kwargs: Kwargs, state: &State| -> TeraResult<String> {
            let key: &str = kwargs.must_get("key")?;
            if !translations.knows(key) {
                let nearest = translations
                    .keys()
                    .map(|k| (strsim::damerau_levenshtein(key, k), k))
                    .min()
                    .map(|(_, k)| k)
                    .unwrap_or("sources");
                return Err(Error::message(format!(
                    "no translation key `{key}` (did you mean `{nearest}`?)"
                )));
            }
            let lang: String = match kwargs.get::<String>("lang")? {
                Some(l) => l,
                None => state
                    .get::<String>("lang")?
                    .unwrap_or_else(|| crate::i18n::FALLBACK.to_string()),
            };
            let n = kwargs.get::<i64>("n")?;
            let args: Vec<(String, String)> = kwargs
                .iter()
                .filter_map(|(k, v)| {
                    let k = k.as_str()?;
                    (!matches!(k, "key" | "lang" | "n")).then(|| (k.to_string(), v.to_string()))
                })
                .collect();
            let args: Vec<(&str, &str)> =
                args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            Ok(translations.format(&lang, key, n, &args))
        },
    );
}

/// Every key the built-in templates pass to `t`, read from their text.
pub fn builtin_translation_keys() -> std::collections::BTreeSet<String> {
    let mut keys = std::collections::BTreeSet::new();
    for (_, source) in super::BUILTIN_TEMPLATES {
        let mut rest = *source;
        while let Some(at) = rest.find("t(key=\"") {
            rest = &rest[at + 7..];
            if let Some(end) = rest.find('"') {
                keys.insert(rest[..end].to_string());
            }
        }
    }
    keys
}
