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

/// A well-formed `tag` in the case BCP 47 recommends (its section
/// 2.1.1): the language in lower case, a four-letter script in title case,
/// a two-letter region in upper case, everything else in lower case, so
/// `EN-gb` is published as `en-GB`. Case carries no meaning in a tag, but
/// pages, feeds and structured data then all say it the usual way.
pub(super) fn conventional_case(tag: &str) -> String {
    let mut out = String::with_capacity(tag.len());
    // After a singleton (`-u-`, `-x-`) the subtags are extensions or
    // private use, which stay in lower case.
    let mut extension = false;
    for (i, subtag) in tag.split('-').enumerate() {
        if i > 0 {
            out.push('-');
        }
        extension |= i > 0 && subtag.len() == 1;
        let lower = subtag.to_ascii_lowercase();
        match subtag.len() {
            _ if i == 0 || extension => out.push_str(&lower),
            2 => out.push_str(&subtag.to_ascii_uppercase()),
            4 if subtag.bytes().all(|b| b.is_ascii_alphabetic()) => {
                out.push_str(&lower[..1].to_ascii_uppercase());
                out.push_str(&lower[1..]);
            }
            _ => out.push_str(&lower),
        }
    }
    out
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

    #[test]
    fn tags_are_published_in_the_conventional_case() {
        for (written, published) in [
            ("en", "en"),
            ("EN-gb", "en-GB"),
            ("zh-hant-tw", "zh-Hant-TW"),
            ("SR-LATN-rs", "sr-Latn-RS"),
            ("es-419", "es-419"),
            ("de-DE-u-co-PHONEBK", "de-DE-u-co-phonebk"),
            ("en-x-AB", "en-x-ab"),
            ("I-KLINGON", "i-klingon"),
            ("X-House", "x-house"),
        ] {
            assert_eq!(conventional_case(written), published, "{written}");
        }
    }
}
