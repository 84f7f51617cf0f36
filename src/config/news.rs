//! `[sitemap] news`: the settings of the Google News sitemap, and the
//! site's language as Google News names it.

/// The Google News sitemap, when `[sitemap] news` is on.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NewsSitemap {
    /// The site's language as Google News wants it: the ISO 639 code in
    /// lower case (`en`, `pt`), or `zh-cn` or `zh-tw` for Chinese.
    pub language: String,
}

/// The code Google News wants for the BCP 47 tag `tag`: its ISO 639
/// language code (two or three letters) in lower case, `en-GB` → `en`,
/// except for Chinese, which Google tells apart only as Simplified
/// (`zh-cn`) and Traditional (`zh-tw`). `None` when the tag does not start
/// with a two- or three-letter code (`i-klingon`, `x-house`).
pub(super) fn google_news_language(tag: &str) -> Option<String> {
    let tag = tag.trim().to_ascii_lowercase();
    let mut subtags = tag.split(['-', '_']);
    let language = subtags.next()?;
    if !(2..=3).contains(&language.len()) || !language.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    if language != "zh" {
        return Some(language.to_string());
    }
    // The script says it outright (zh-Hant-HK); else the region does
    // (zh-TW); else Simplified, the script of most Chinese on the web.
    let rest: Vec<&str> = subtags.collect();
    let has = |s: &str| rest.contains(&s);
    let traditional = has("hant") || (!has("hans") && (has("tw") || has("hk") || has("mo")));
    Some(if traditional { "zh-tw" } else { "zh-cn" }.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::tests::parse;
    use crate::error::BuildError;

    #[test]
    fn languages_as_google_news_names_them() {
        for (tag, code) in [
            ("en", "en"),
            ("en-GB", "en"),
            ("EN_us", "en"),
            ("pt-BR", "pt"),
            ("fil", "fil"),
            ("sr-Latn-RS", "sr"),
            ("zh", "zh-cn"),
            ("zh-CN", "zh-cn"),
            ("zh-Hans", "zh-cn"),
            ("zh-Hans-HK", "zh-cn"),
            ("zh-TW", "zh-tw"),
            ("zh-HK", "zh-tw"),
            ("zh-Hant", "zh-tw"),
            ("zh-Hant-CN", "zh-tw"),
        ] {
            assert_eq!(google_news_language(tag).as_deref(), Some(code), "{tag}");
        }
        for tag in ["", "e", "i-klingon", "x-house", "english", "é"] {
            assert_eq!(google_news_language(tag), None, "{tag}");
        }
    }

    const TOP: &str = "title = \"T\"\nbase_url = \"https://e.org/\"\n";

    #[test]
    fn on_by_default_and_switched_off_in_the_sitemap_table() {
        let c = parse(&format!("{TOP}language = \"zh-Hant-TW\"\n")).unwrap();
        assert_eq!(
            c.news_sitemap,
            Some(NewsSitemap {
                language: "zh-tw".into()
            })
        );
        let c = parse(&format!("{TOP}[sitemap]\nnews = false\n")).unwrap();
        assert_eq!(c.news_sitemap, None);
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    }

    #[test]
    fn a_misspelt_sitemap_key_is_refused_not_ignored() {
        // Ignored, `nwes = false` would leave the news sitemap on.
        let Err(BuildError::Config(d)) = parse(&format!("{TOP}[sitemap]\nnwes = false\n")) else {
            panic!("a misspelt key must be refused")
        };
        assert_eq!(
            (d.message.as_str(), d.line, d.hint.as_deref()),
            (
                "unknown setting `sitemap.nwes`, too close to `news` to ignore",
                Some(4),
                Some("did you mean `news`?")
            )
        );
    }

    #[test]
    fn a_language_without_an_iso_639_code_is_an_error_only_with_news_on() {
        let text = format!("{TOP}language = \"i-klingon\"\n");
        let err = parse(&text).unwrap_err();
        let BuildError::Config(d) = err else { panic!() };
        assert_eq!(d.line, Some(3));
        assert!(d.message.contains("i-klingon"), "{}", d.message);
        assert!(
            d.hint.as_deref().unwrap_or("").contains("news = false"),
            "{:?}",
            d.hint
        );
        let c = parse(&format!("{text}[sitemap]\nnews = false\n")).unwrap();
        assert_eq!(c.language, "i-klingon");
    }
}
