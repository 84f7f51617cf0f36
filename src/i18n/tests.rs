use chrono::DateTime;

use super::*;

fn date(s: &str) -> DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

#[test]
fn dates_are_written_in_the_language() {
    let t = Translations::builtin();
    let d = date("2026-12-01T06:00:00-05:00");
    let cases = [
        ("en", "1 December 2026"),
        ("es", "1 de diciembre de 2026"),
        ("fr", "1 décembre 2026"),
        ("de", "1. Dezember 2026"),
        ("pt", "1 de dezembro de 2026"),
        ("pt-BR", "1 de dezembro de 2026"),
        ("ar", "1 ديسمبر 2026"),
    ];
    for (lang, want) in cases {
        assert_eq!(dates::human_date(&t, lang, &d), want, "{lang}");
    }
    assert_eq!(dates::day_month(&t, "es", &d), "1 de diciembre");
    assert_eq!(dates::day_month(&t, "de", &d), "1. Dezember");
}

#[test]
fn month_names_stand_alone_with_a_capital() {
    assert_eq!(dates::month_name("en", 8), "August");
    assert_eq!(dates::month_name("es", 12), "Diciembre");
    assert_eq!(dates::month_name("ar", 12), "ديسمبر");
    // Russian dates use the genitive; a heading the nominative.
    assert_eq!(dates::month_name("ru", 12), "Декабрь");
}

#[test]
fn an_unknown_language_falls_back_to_english() {
    let t = Translations::builtin();
    let d = date("2026-12-01T06:00:00Z");
    assert_eq!(dates::human_date(&t, "tlh", &d), "1 December 2026");
    assert_eq!(t.text("tlh", "sources", &[]), "Sources");
    assert_eq!(
        unsupported(&t, "tlh").as_deref(),
        Some("dates and theme words")
    );
    assert_eq!(unsupported(&t, "it").as_deref(), Some("theme words"));
    assert_eq!(unsupported(&t, "es-MX"), None);
    assert_eq!(unsupported(&t, "en-GB"), None);
}

#[test]
fn plural_forms_follow_the_language() {
    let t = Translations::builtin();
    let count = |lang, n| t.format(lang, "briefing_count", Some(n), &[]);
    assert_eq!(count("en", 1), "1 briefing");
    assert_eq!(count("en", 0), "0 briefings");
    assert_eq!(count("es", 3), "3 resúmenes");
    assert_eq!(count("ar", 1), "موجز واحد");
    assert_eq!(count("ar", 2), "موجزان");
    assert_eq!(count("ar", 3), "3 موجزات");
    assert_eq!(count("ar", 11), "11 موجزًا");
    assert_eq!(count("ar", 100), "100 موجز");
}

#[test]
fn placeholders_are_filled() {
    let t = Translations::builtin();
    assert_eq!(
        t.text("es", "briefings_by", &[("name", "Ana Ruiz")]),
        "Resúmenes de Ana Ruiz"
    );
    assert_eq!(
        t.format("en", "page_of", Some(2), &[("total", "5")]),
        "Briefings, page 2 of 5"
    );
}

#[test]
fn every_builtin_table_has_every_english_key() {
    let t = Translations::builtin();
    for (lang, text) in BUILTIN {
        let table: toml::Table = text.parse().unwrap();
        for (k, v) in &table {
            assert!(entry_of(v).is_ok(), "{lang}: {k}");
        }
        assert_eq!(t.missing(lang), Vec::<&str>::new(), "{lang}");
        for key in ["date_format", "date_short_format"] {
            let pattern = t.text(lang, key, &[]);
            assert!(dates::valid_format(&pattern), "{lang}: {key} {pattern:?}");
        }
        for k in table.keys() {
            assert!(
                t.entry(FALLBACK, k).is_some(),
                "{lang} has `{k}`, English lacks it"
            );
        }
    }
}

#[test]
fn every_key_the_builtin_theme_uses_is_in_every_table() {
    let t = Translations::builtin();
    let used = crate::render::templates::builtin_translation_keys();
    assert!(used.len() > 30, "{used:?}");
    for (lang, _) in BUILTIN {
        let table = &t.tables[*lang];
        for key in &used {
            assert!(
                table.contains_key(key),
                "`{key}` is missing from the {lang} table"
            );
        }
    }
}

#[test]
fn overrides_win_and_add_languages() {
    let overrides: toml::Table = r#"
        sources = "Reporting"
        [es]
        sources = "Fuentes consultadas"
        [it]
        sources = "Fonti"
        briefing_count = { one = "{n} notiziario", other = "{n} notiziari" }
    "#
    .parse()
    .unwrap();
    let (t, problems) = Translations::builtin().with_overrides(&overrides, "en");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(t.text("en", "sources", &[]), "Reporting");
    assert_eq!(t.text("es", "sources", &[]), "Fuentes consultadas");
    assert_eq!(t.text("es", "tags", &[]), "Temas");
    assert_eq!(
        t.format("it", "briefing_count", Some(2), &[]),
        "2 notiziari"
    );
    // Italian has only these two keys: the rest is English, and listed.
    assert_eq!(t.text("it", "tags", &[]), "Tags");
    assert!(t.missing("it").contains(&"tags"));
    assert!(!t.missing("it").contains(&"sources"));
}

#[test]
fn bad_overrides_are_reported() {
    let overrides: toml::Table = r#"
        [es]
        sorces = "Fuentes"
        date_format = "%-d %Q"
        by = { uno = "x", other = "y" }
    "#
    .parse()
    .unwrap();
    let (_, problems) = Translations::builtin().with_overrides(&overrides, "en");
    let find = |k: &str| problems.iter().find(|p| p.key == k).unwrap();
    assert!(!find("sorces").error);
    assert_eq!(find("sorces").hint, "did you mean `sources`?");
    assert!(find("date_format").error);
    assert!(find("by").error);
}

#[test]
fn right_to_left_languages() {
    for lang in ["ar", "he", "fa", "ur", "ar-EG", "pa-Arab"] {
        assert_eq!(dir(lang), "rtl", "{lang}");
    }
    for lang in ["en", "es", "pa", "tr"] {
        assert_eq!(dir(lang), "ltr", "{lang}");
    }
}

#[test]
fn a_language_is_the_sites_but_for_case_and_underscore() {
    assert!(same_language("pt-BR", "pt_BR"));
    assert!(same_language("EN", "en"));
    assert!(!same_language("es", "en"));
    assert!(!same_language("en", "en-GB"));
    assert!(
        !same_language("pt_BR", "pt-BR"),
        "only the site's _ is read as -"
    );
}
