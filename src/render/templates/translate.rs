//! `t(key="…")`: the theme's words in the page's language, for templates.
//!
//! The language is `lang=` when given, else the page's (`lang` in every
//! template's context: the briefing's own on its page and email edition,
//! else the site's). `n=` picks the plural form and fills `{n}`; any other
//! argument fills the `{name}` of the same name.
//!
//! `words.sources` is what `t(key="sources")` gives, read without a call:
//! every key's text in the page's language, one map a language ([`Words`]).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use tera::{Error, Kwargs, State, Tera, TeraResult, Value};

use crate::i18n::Translations;

/// Registers `t` with the tables it reads.
pub(super) fn register(tera: &mut Tera, translations: Arc<Translations>) {
    // Which registration a remembered text came from: a reloaded site
    // (the dev server) gets new tables under a new number.
    static REGISTERED: AtomicU64 = AtomicU64::new(0);
    let id = REGISTERED.fetch_add(1, Ordering::Relaxed);
    tera.register_function(
        "t",
        move |kwargs: Kwargs, state: &State| -> TeraResult<String> {
            let key: &str = kwargs.must_get("key")?;
            let lang = match kwargs.get::<Value>("lang")? {
                Some(l) => l,
                None => state
                    .get::<Value>("lang")?
                    .unwrap_or_else(|| Value::from(crate::i18n::FALLBACK)),
            };
            let lang = lang
                .as_str()
                .ok_or_else(|| Error::message("`lang` must be a string"))?;
            let n = kwargs.get::<i64>("n")?;
            let plain = kwargs
                .iter()
                .all(|(k, _)| matches!(k.as_str(), Some("key" | "lang" | "n")));
            if plain && let Some(text) = remembered(id, lang, key, n, None) {
                return Ok(text);
            }
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
            let args: Vec<(String, String)> = kwargs
                .iter()
                .filter_map(|(k, v)| {
                    let k = k.as_str()?;
                    (!matches!(k, "key" | "lang" | "n")).then(|| (k.to_string(), v.to_string()))
                })
                .collect();
            let args: Vec<(&str, &str)> =
                args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let text = translations.format(lang, key, n, &args);
            if plain {
                remembered(id, lang, key, n, Some(&text));
            }
            Ok(text)
        },
    );
}

/// The text `t` gave for (`lang`, `key`, `n`) without other arguments on
/// this thread, or, given `text`, remembers it. Every page asks for the
/// same few dozen words; looking each up and formatting it again was 6%
/// of a cold build.
fn remembered(
    id: u64,
    lang: &str,
    key: &str,
    n: Option<i64>,
    text: Option<&str>,
) -> Option<String> {
    /// Texts of one registration, by "lang NUL key NUL n", and the
    /// buffer a lookup's key is written into (no allocation when found).
    #[derive(Default)]
    struct Texts {
        id: u64,
        texts: crate::util::Map<String, String>,
        buf: String,
    }
    thread_local! {
        static TEXTS: RefCell<Texts> = RefCell::default();
    }
    /// Plenty for a theme's words times the counts they are given; past
    /// it (a runaway template), start again rather than grow.
    const MOST: usize = 50_000;
    TEXTS.with_borrow_mut(|t| {
        use std::fmt::Write;
        if t.id != id || t.texts.len() >= MOST {
            // Another registration (a reloaded site): forget the old one.
            t.id = id;
            t.texts.clear();
        }
        t.buf.clear();
        let _ = write!(t.buf, "{lang}\u{0}{key}\u{0}{n:?}");
        match text {
            None => t.texts.get(t.buf.as_str()).cloned(),
            Some(text) => {
                let k = t.buf.clone();
                t.texts.insert(k, text.to_string());
                None
            }
        }
    })
}

/// `words`: every key's text, without arguments, in one language, as
/// `t(key=…)` gives it, made once a language. A call of `t` costs Tera a
/// map of its arguments and a function call: the built-in theme's 300,000
/// calls with no arguments were 9% of a cold build's CPU at 10,000
/// briefings; reading `words.archive` is a lookup.
pub struct Words {
    translations: Arc<Translations>,
    /// The first language asked for, nearly always the site's: read
    /// without a lock by every page and card.
    first: std::sync::OnceLock<(String, Value)>,
    by_language: Mutex<BTreeMap<String, Value>>,
}

impl Words {
    /// The words of `translations`, made when a language is first asked for.
    pub fn new(translations: Arc<Translations>) -> Self {
        Words {
            translations,
            first: std::sync::OnceLock::new(),
            by_language: Mutex::default(),
        }
    }

    /// Every key's text in `lang`: a map from key to text, which Tera
    /// escapes like any other value.
    pub fn of(&self, lang: &str) -> Value {
        let (first, words) = self
            .first
            .get_or_init(|| (lang.to_string(), self.made(lang)));
        if first == lang {
            return words.clone();
        }
        self.made(lang)
    }

    /// [`Words::of`] through the map of languages made so far.
    fn made(&self, lang: &str) -> Value {
        let mut made = self.by_language.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(words) = made.get(lang) {
            return words.clone();
        }
        let t = &self.translations;
        let words: BTreeMap<String, String> = t
            .every_key()
            .into_iter()
            .map(|key| (key.to_string(), t.format(lang, key, None, &[])))
            .collect();
        let words = Value::from(words);
        made.insert(lang.to_string(), words.clone());
        words
    }
}

/// Every key the built-in templates pass to `t` or read from `words`,
/// read from their text.
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
        let mut rest = *source;
        while let Some(at) = rest.find("words.") {
            rest = &rest[at + 6..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            keys.insert(rest[..end].to_string());
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tera_with(older: &str) -> Tera {
        let overrides: toml::Table = toml::from_str(&format!("older = {older:?}")).unwrap();
        let (translations, problems) = Translations::builtin().with_overrides(&overrides, "en");
        assert!(problems.is_empty());
        let mut tera = Tera::new();
        register(&mut tera, Arc::new(translations));
        tera.add_raw_template(
            "t",
            r#"{{ t(key="older") }}|{{ t(key="older", lang="es") }}|{{ t(key="min_read", n=n) }}|{{ t(key="page_suffix", title=title, n=2) }}"#,
        )
        .unwrap();
        tera
    }

    fn render(tera: &Tera, n: i64, title: &str) -> String {
        let mut cx = tera::Context::new();
        cx.insert("lang", "en");
        cx.insert("n", &n);
        cx.insert("title", title);
        tera.render("t", &cx).unwrap()
    }

    #[test]
    fn words_print_what_t_prints_for_every_key_in_every_language() {
        let overrides: toml::Table =
            toml::from_str("older = \"Before & <after>\"\n[es]\nown_key = \"propia\"").unwrap();
        let (translations, problems) = Translations::builtin().with_overrides(&overrides, "en");
        assert!(problems.is_empty());
        let translations = Arc::new(translations);
        let mut tera = Tera::new();
        tera.autoescape_on([".html"]);
        register(&mut tera, translations.clone());
        tera.add_raw_template(
            "w.html",
            "{% for k in keys %}{{ t(key=k) }}|{{ words[k] }}\n{% endfor %}",
        )
        .unwrap();
        let words = Words::new(translations.clone());
        let keys: Vec<&str> = translations.every_key().into_iter().collect();
        assert!(keys.contains(&"own_key") && keys.len() > 40, "{keys:?}");
        for lang in ["en", "es", "ar", "pt-BR", "xx"] {
            let mut cx = tera::Context::new();
            cx.insert("lang", lang);
            cx.insert("keys", &keys);
            cx.insert_value("words", words.of(lang));
            let out = tera.render("w.html", &cx).unwrap();
            assert_eq!(out.lines().count(), keys.len());
            for line in out.lines() {
                let (called, read) = line.split_once('|').unwrap();
                assert_eq!(called, read, "{lang}");
            }
            if lang == "en" {
                assert!(out.contains("Before &amp; &lt;after&gt;|"), "{out}");
            }
        }
    }

    #[test]
    fn remembered_words_follow_the_tables_language_count_and_arguments() {
        let a = tera_with("Before");
        let b = tera_with("Earlier");
        for _ in 0..2 {
            assert_eq!(
                render(&a, 1, "X"),
                "Before|Anterior|1\u{a0}min read|X, page 2"
            );
            // A reloaded site's own words, on the same thread.
            assert_eq!(
                render(&b, 3, "Y"),
                "Earlier|Anterior|3\u{a0}min read|Y, page 2"
            );
        }
    }
}
