//! Dates for readers, in a language: month names from chrono's locale data
//! (glibc's, through `pure-rust-locales`), the order and the words around
//! them from the translation table (`date_format`, `date_short_format`).
//! Machine-readable dates (`datetime=`, feeds, sitemaps, JSON-LD) never
//! come here.

use chrono::format::{Item, StrftimeItems};
use chrono::{DateTime, FixedOffset, Locale, TimeZone};

use super::Translations;

/// The locale whose month names `lang` uses: `es` → `es_ES`, `pt-BR` →
/// `pt_BR`, `ar` → `ar_EG`; none for a language glibc has no data for.
pub fn locale(lang: &str) -> Option<Locale> {
    thread_local! {
        /// Every date of every page asks: found once per language.
        static FOUND: std::cell::RefCell<std::collections::HashMap<String, Option<Locale>>> =
            std::cell::RefCell::new(std::collections::HashMap::new());
    }
    FOUND.with(|found| {
        if let Some(l) = found.borrow().get(lang) {
            return *l;
        }
        let l = find_locale(lang);
        found.borrow_mut().insert(lang.to_string(), l);
        l
    })
}

fn find_locale(lang: &str) -> Option<Locale> {
    let lang = lang.replace('-', "_");
    let mut parts = lang.split('_');
    let language = parts.next()?.to_ascii_lowercase();
    if language.is_empty() {
        return None;
    }
    let region = parts
        .find(|p| p.len() == 2 || p.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_ascii_uppercase);
    let mut candidates = Vec::new();
    if let Some(r) = &region {
        candidates.push(format!("{language}_{r}"));
    }
    if let Some((_, l)) = DEFAULT_LOCALES.iter().find(|(l, _)| *l == language) {
        candidates.push(l.to_string());
    }
    candidates.push(format!("{language}_{}", language.to_ascii_uppercase()));
    candidates
        .iter()
        .find_map(|c| Locale::try_from(c.as_str()).ok())
}

/// The usual locale of languages whose code is not also their country's.
const DEFAULT_LOCALES: &[(&str, &str)] = &[
    ("en", "en_US"),
    ("ar", "ar_EG"),
    ("he", "he_IL"),
    ("fa", "fa_IR"),
    ("ur", "ur_PK"),
    ("ja", "ja_JP"),
    ("zh", "zh_CN"),
    ("ko", "ko_KR"),
    ("sv", "sv_SE"),
    ("da", "da_DK"),
    ("el", "el_GR"),
    ("uk", "uk_UA"),
    ("cs", "cs_CZ"),
    ("hi", "hi_IN"),
    ("nb", "nb_NO"),
    ("nn", "nn_NO"),
    ("ca", "ca_ES"),
    ("eu", "eu_ES"),
    ("gl", "gl_ES"),
    ("et", "et_EE"),
    ("sl", "sl_SI"),
    ("vi", "vi_VN"),
    ("sq", "sq_AL"),
    ("sr", "sr_RS"),
    ("ga", "ga_IE"),
    ("cy", "cy_GB"),
    ("ms", "ms_MY"),
    ("sw", "sw_KE"),
    ("bn", "bn_BD"),
    ("ta", "ta_IN"),
    ("pa", "pa_IN"),
    ("ne", "ne_NP"),
    ("ka", "ka_GE"),
    ("hy", "hy_AM"),
    ("kk", "kk_KZ"),
    ("be", "be_BY"),
    ("af", "af_ZA"),
    ("ps", "ps_AF"),
    ("am", "am_ET"),
    ("so", "so_SO"),
    ("ha", "ha_NG"),
    ("yo", "yo_NG"),
    ("yi", "yi_US"),
];

/// Whether `format` is a strftime pattern chrono can use, for checking a
/// site's `date_format` before any page is rendered.
pub fn valid_format(format: &str) -> bool {
    StrftimeItems::new(format).all(|item| !matches!(item, chrono::format::Item::Error))
}

/// `d` with the table's `key` pattern (`date_format`, `date_short_format`)
/// in `lang`, in the offset it was written with.
fn formatted<Tz: TimeZone>(
    translations: &Translations,
    lang: &str,
    key: &str,
    d: &DateTime<Tz>,
) -> String
where
    Tz::Offset: std::fmt::Display,
{
    // A site's pattern was checked when site.toml was read.
    let pattern = match translations.entry(lang, key) {
        Some(super::Entry::Text(p)) => p.as_str(),
        _ => "%Y-%m-%d",
    };
    let locale = locale(lang).unwrap_or(Locale::en_US);
    with_items(pattern, locale, |items| {
        d.format_localized_with_items(items.iter(), locale)
            .to_string()
    })
}

/// Calls `f` with `pattern` parsed for `locale` (whose `%x` and `%c` are
/// its own), once per thread, pattern and locale: a site's dates use two
/// or three patterns, and parsing one each time was most of what
/// formatting a date cost.
fn with_items<R>(pattern: &str, locale: Locale, f: impl FnOnce(&[Item<'static>]) -> R) -> R {
    type Parsed = Vec<((String, Locale), Vec<Item<'static>>)>;
    thread_local! {
        static PARSED: std::cell::RefCell<Parsed> = std::cell::RefCell::default();
    }
    PARSED.with(|parsed| {
        // A handful of entries, looked up without allocating a key.
        if let Some(items) = parsed
            .borrow()
            .iter()
            .find(|((p, l), _)| p == pattern && *l == locale)
            .map(|(_, items)| items)
        {
            return f(items);
        }
        // A site's pattern was checked when site.toml was read; were it
        // not, a date is still a date.
        let items = StrftimeItems::new_with_locale(pattern, locale)
            .parse_to_owned()
            .or_else(|_| StrftimeItems::new("%Y-%m-%d").parse_to_owned())
            .unwrap_or_default();
        let result = f(&items);
        parsed
            .borrow_mut()
            .push(((pattern.to_string(), locale), items));
        result
    })
}

/// A date for readers in `lang`: `8 August 2025`, `8 de agosto de 2025`,
/// `8. August 2025`, `8 أغسطس 2025`.
pub fn human_date(translations: &Translations, lang: &str, d: &DateTime<FixedOffset>) -> String {
    formatted(translations, lang, "date_format", d)
}

/// A day and month for readers in `lang`: `8 August`, `8 de agosto`.
pub fn day_month(translations: &Translations, lang: &str, d: &DateTime<FixedOffset>) -> String {
    formatted(translations, lang, "date_short_format", d)
}

/// A date and time in a time zone, for the preview's banners:
/// (`1 December 2026`, `06:00 EST`).
pub fn date_and_time<Tz: TimeZone>(
    translations: &Translations,
    lang: &str,
    d: &DateTime<Tz>,
) -> (String, String)
where
    Tz::Offset: std::fmt::Display,
{
    (
        formatted(translations, lang, "date_format", d),
        d.format("%H:%M %Z").to_string(),
    )
}

/// A month's name standing alone, as a heading, in `lang`: `August`,
/// `Agosto`, `Август` (the nominative where the language's date uses
/// another case), with a capital where the language has them.
pub fn month_name(lang: &str, month: u32) -> String {
    let locale = locale(lang).unwrap_or(Locale::en_US);
    let index = (month.clamp(1, 12) - 1) as usize;
    let alone = pure_rust_locales::locale_match!(locale => LC_TIME::ALT_MON);
    let names = alone.unwrap_or(pure_rust_locales::locale_match!(locale => LC_TIME::MON));
    let name = names.get(index).copied().unwrap_or("");
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
