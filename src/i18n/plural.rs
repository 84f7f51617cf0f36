//! Which plural form a number takes in a language: CLDR's rules, from
//! ICU4X (`icu_plurals`), so Arabic gets its six forms and French counts
//! 0 as singular.

use std::cell::RefCell;
use std::collections::HashMap;

use icu_plurals::{PluralCategory, PluralRules};

/// The CLDR plural categories a table entry may give forms for.
pub(super) const CATEGORIES: &[&str] = &["zero", "one", "two", "few", "many", "other"];

thread_local! {
    /// The rules of each language asked for, made once per thread: every
    /// card's "3 min read" asks.
    static RULES: RefCell<HashMap<String, Option<PluralRules>>> = RefCell::new(HashMap::new());
}

/// The plural category of `n` in `lang` (`other` for a language CLDR does
/// not know).
pub(super) fn category(lang: &str, n: i64) -> &'static str {
    RULES.with(|rules| {
        let mut rules = rules.borrow_mut();
        let rules = rules.entry(lang.to_string()).or_insert_with(|| {
            let locale = icu_locale_core::Locale::try_from_str(&lang.replace('_', "-")).ok()?;
            PluralRules::try_new_cardinal((&locale).into()).ok()
        });
        match rules.as_ref().map(|r| r.category_for(n.unsigned_abs())) {
            Some(PluralCategory::Zero) => "zero",
            Some(PluralCategory::One) => "one",
            Some(PluralCategory::Two) => "two",
            Some(PluralCategory::Few) => "few",
            Some(PluralCategory::Many) => "many",
            Some(PluralCategory::Other) | None => "other",
        }
    })
}
