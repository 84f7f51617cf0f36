//! `[translations]` in `site.toml`: a site's own words over the built-in
//! tables. `[translations.es]` overrides Spanish keys or adds a language;
//! keys written directly under `[translations]` are the site's language.

use super::{Entry, Translations, dates, entry_of, plural};

/// Something wrong with one override, for `site.toml`'s diagnostics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The key it is about, as written.
    pub key: String,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub hint: String,
    /// An error (the value cannot be used) rather than a warning.
    pub error: bool,
}

impl Translations {
    /// The tables with the site's `[translations]` applied; `site_lang`
    /// receives keys written directly under `[translations]`.
    pub fn with_overrides(
        mut self,
        overrides: &toml::Table,
        site_lang: &str,
    ) -> (Translations, Vec<Problem>) {
        let mut problems = Vec::new();
        let site_lang = site_lang.replace('_', "-").to_ascii_lowercase();
        for (name, value) in overrides {
            // A string, or a table whose name is a key (plural forms), is
            // an entry of the site's language; any other table a language.
            let is_entry = value.is_str() || (value.is_table() && self.knows(name));
            if is_entry {
                self.set(&site_lang, name, value, &mut problems);
            } else if let Some(table) = value.as_table() {
                let lang = name.replace('_', "-").to_ascii_lowercase();
                for (key, value) in table {
                    self.set(&lang, key, value, &mut problems);
                }
            } else {
                problems.push(Problem {
                    key: name.clone(),
                    message: format!("`translations.{name}` must be a string or a table"),
                    hint: format!(
                        "write `{name} = \"…\"`, or a language's table `[translations.{name}]`"
                    ),
                    error: true,
                });
            }
        }
        (self, problems)
    }

    fn set(&mut self, lang: &str, key: &str, value: &toml::Value, problems: &mut Vec<Problem>) {
        let entry = match entry_of(value) {
            Ok(e) => e,
            Err(message) => {
                problems.push(Problem {
                    key: key.to_string(),
                    message: format!("translation `{key}` for `{lang}`: {message}"),
                    hint: format!(
                        "write `{key} = \"…\"`, or plural forms `{key} = {{ one = \"…\", other = \"…\" }}` ({})",
                        plural::CATEGORIES.join(", ")
                    ),
                    error: true,
                });
                return;
            }
        };
        if key.ends_with("_format")
            && let Entry::Text(t) = &entry
            && !dates::valid_format(t)
        {
            problems.push(Problem {
                key: key.to_string(),
                message: format!("`{key}` {t:?} is not a date pattern chrono understands"),
                hint: "use strftime codes, e.g. \"%-d %B %Y\" (day, month name, year)".into(),
                error: true,
            });
            return;
        }
        if !self.knows(key) {
            // A key of the site's own templates is fine; one a letter or
            // two from a theme key is most likely a typo.
            let nearest = self
                .keys()
                .map(|k| (strsim::damerau_levenshtein(key, k), k))
                .filter(|(d, k)| *d <= 2.max(k.len() / 4))
                .min()
                .map(|(_, k)| k.to_string());
            if let Some(k) = nearest {
                problems.push(Problem {
                    key: key.to_string(),
                    message: format!("translation key `{key}` is not used by the built-in theme"),
                    hint: format!("did you mean `{k}`?"),
                    error: false,
                });
            }
        }
        self.tables
            .entry(lang.to_string())
            .or_default()
            .insert(key.to_string(), entry);
    }
}
