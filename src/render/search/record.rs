//! What the search index holds of one briefing: a Pagefind custom record
//! made from brief's own data (the parsed front matter and the body's
//! text), never from a rendered page.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use crate::config::Config;
use crate::content::Briefing;
use crate::render::views;
use crate::routes;
use crate::site::Site;

/// One briefing's record, without its body text (read only when its part
/// is indexed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The page's path below the base URL, `briefings/<slug>/`: the
    /// search page adds the base URL, so the index does not depend on it.
    pub href: String,
    /// The headline.
    pub title: String,
    /// The summary.
    pub summary: String,
    /// The date as readers see it.
    pub date: String,
    /// The date as RFC 3339, to sort by.
    pub iso: String,
    /// The year, to filter by.
    pub year: String,
    /// The tags' display names.
    pub tags: Vec<String>,
    /// The authors' names.
    pub authors: Vec<String>,
}

impl Record {
    /// The record of `b`, its date as readers of its language see it.
    pub fn of(config: &Config, site: &Site, b: &Briefing) -> Record {
        use chrono::Datelike;
        Record {
            href: routes::briefing_href(&b.slug),
            title: b.title.clone(),
            summary: b.summary.clone(),
            date: views::human_date(config, b.language_or(&config.language), &b.date),
            iso: b.date.to_rfc3339(),
            year: b.date.year().to_string(),
            tags: site.tag_names(b).map(str::to_string).collect(),
            authors: site.author_names(b).map(str::to_string).collect(),
        }
    }

    /// The text Pagefind indexes: the headline, the summary, the body,
    /// then the tags and authors, so that all of them are found. It is
    /// escaped as HTML text, as Pagefind's own crawler hands it text: the
    /// excerpts it makes of it are HTML (matches in `<mark>`), which the
    /// search page shows.
    pub fn content(&self, body: &str) -> String {
        let mut text = String::with_capacity(body.len() + self.summary.len() + 256);
        for line in [&self.title, &self.summary, body] {
            escape_into(&mut text, line);
            text.push('\n');
        }
        escape_into(&mut text, &self.tags.join(", "));
        text.push('\n');
        escape_into(&mut text, &self.authors.join(", "));
        text
    }

    /// What a result shows: the headline, the date and the tags (as a
    /// JSON list).
    pub fn meta(&self) -> BTreeMap<String, String> {
        BTreeMap::from([
            ("title".into(), self.title.clone()),
            ("date".into(), self.date.clone()),
            (
                "tags".into(),
                serde_json::to_string(&self.tags).unwrap_or_default(),
            ),
        ])
    }

    /// What a search can be narrowed to: the tags, the year, the authors.
    pub fn filters(&self) -> BTreeMap<String, Vec<String>> {
        BTreeMap::from([
            ("tag".into(), self.tags.clone()),
            ("year".into(), vec![self.year.clone()]),
            ("author".into(), self.authors.clone()),
        ])
    }

    /// What results can be sorted by: the date.
    pub fn sort(&self) -> BTreeMap<String, String> {
        BTreeMap::from([("date".into(), self.iso.clone())])
    }
}

/// Appends `s` to `out` with `&`, `<` and `>` escaped.
fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

/// What a record's text is made of, by number: raised whenever that
/// changes (2: raw HTML's text is indexed), so that parts filed by an
/// earlier brief of the same version are indexed again.
const TEXT_RULES: u32 = 2;

/// The key a part is filed under: a hash of everything that goes into it
/// (its name, language and briefings, the theme's words, which write the
/// dates, and the versions of brief and Pagefind), so that equal keys mean
/// equal files. It hashes what each [`Record`] is made of rather than the
/// record, which a build whose parts are all unchanged never makes.
pub fn part_key(
    config: &Config,
    name: &str,
    language: &str,
    site: &Site,
    briefings: &[usize],
) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    (
        env!("CARGO_PKG_VERSION"),
        TEXT_RULES,
        super::PAGEFIND,
        name,
        language,
        &config.language,
        &config.translations,
    )
        .hash(&mut h);
    for &i in briefings {
        let b = &site.briefings[i];
        (
            b.fingerprint,
            &b.slug,
            &b.title,
            &b.summary,
            b.date,
            &b.language,
        )
            .hash(&mut h);
        for tag in site.tag_names(b) {
            tag.hash(&mut h);
        }
        for name in site.author_names(b) {
            name.hash(&mut h);
        }
        0xffu8.hash(&mut h);
    }
    h.finish()
}
