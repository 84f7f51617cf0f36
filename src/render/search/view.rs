//! What the search page (`search.html`) is given.

use super::search_parts;
use crate::config::Config;
use crate::render::views::SearchView;
use crate::routes::Route;
use crate::site::Site;

/// What the search page needs: where the index's parts are (newest
/// first), the tags and years to filter by, and what its script says.
pub fn view(config: &Config, site: &Site) -> SearchView {
    let parts = search_parts(config, site);
    let mut years: Vec<i32> = site.archive.iter().map(|m| m.year).collect();
    years.dedup();
    // What search.js says, in the site's language: texts with their
    // `{name}`s left for the script, plural forms by CLDR category.
    let lang = &config.language;
    let mut words = serde_json::Map::new();
    for (name, key) in [
        ("searching", "search_searching"),
        ("none", "search_none"),
        ("found", "search_found"),
        ("tagged", "search_tagged"),
        ("from", "search_from"),
        ("nothing", "search_nothing"),
        ("failed", "search_failed"),
    ] {
        let value = match config.translations.entry(lang, key) {
            Some(crate::i18n::Entry::Text(t)) => serde_json::Value::from(t.as_str()),
            Some(crate::i18n::Entry::Plural(forms)) => serde_json::json!(forms),
            None => continue,
        };
        words.insert(name.into(), value);
    }
    SearchView {
        words: serde_json::Value::Object(words).to_string(),
        base: config.url(""),
        parts: parts
            .iter()
            .map(|p| {
                Route::SearchIndex {
                    part: &p.name,
                    file: "",
                }
                .url(config)
            })
            .collect(),
        tags: site.tags.iter().map(|t| t.name.clone()).collect(),
        years,
        count: parts.iter().map(|p| p.briefings.len()).sum(),
    }
}
