//! Which plural form a number takes in a language: CLDR's rules, from
//! ICU4X (`icu_plurals`), so Arabic gets its six forms and French counts
//! 0 as singular.

use icu_plurals::{PluralCategory, PluralRules};

/// The CLDR plural categories a table entry may give forms for.
pub(super) const CATEGORIES: &[&str] = &["zero", "one", "two", "few", "many", "other"];

/// The plural category of `n` in `lang` (`other` for a language CLDR does
/// not know).
pub(super) fn category(lang: &str, n: i64) -> &'static str {
    let Ok(locale) = icu_locale_core::Locale::try_from_str(&lang.replace('_', "-")) else {
        return "other";
    };
    let Ok(rules) = PluralRules::try_new_cardinal((&locale).into()) else {
        return "other";
    };
    match rules.category_for(n.unsigned_abs()) {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}
