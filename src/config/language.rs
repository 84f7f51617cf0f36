//! The site's `language`, written as pages need it: `<html lang>`,
//! `xml:lang` and RSS's `<language>` take it as it is, and `en_US` or
//! `en-us ` there fails the HTML checker.

/// What to write instead of `tag`, if it is not shaped like a BCP 47
/// tag. The shape is checked, not the registry, which also holds tags
/// ICU does not read (`i-klingon`, `x-…`); any case is allowed, as BCP 47
/// allows it.
pub(super) fn not_a_tag(tag: &str) -> Option<String> {
    let mut subtags = tag.split('-');
    let well_formed = subtags.next().is_some_and(|first| {
        (1..=8).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_alphabetic())
    }) && subtags
        .all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()));
    if well_formed {
        return None;
    }
    let fixed = tag.trim().replace('_', "-");
    Some(match icu_locale_core::Locale::try_from_str(&fixed) {
        Ok(locale) => format!("write it as {:?}", locale.to_string()),
        Err(_) => "use a tag such as \"en\", \"en-GB\" or \"pt-BR\"".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_checked_by_their_shape() {
        for fine in [
            "en",
            "en-us",
            "zh-Hant-TW",
            "de-DE-u-co-phonebk",
            "i-klingon",
            "x-house",
        ] {
            assert_eq!(not_a_tag(fine), None, "{fine}");
        }
        assert_eq!(not_a_tag("en_US").as_deref(), Some("write it as \"en-US\""));
        assert_eq!(not_a_tag("en ").as_deref(), Some("write it as \"en\""));
        assert!(not_a_tag("english!").is_some_and(|h| h.contains("such as")));
        assert!(not_a_tag("").is_some());
        assert!(not_a_tag("en--US").is_some());
    }
}
