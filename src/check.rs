//! `brief check`: everything a build does except writing, then every
//! internal link in the rendered pages and feeds (to briefings, tags,
//! anchors, static files) resolved against the pages that would exist.

use std::collections::{HashMap, HashSet};

use crate::build::{self, BuildOptions, Clock};
use crate::config::Config;
use crate::error::{BuildError, Diagnostic};
use crate::output::Memory;

/// A link that leads nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// The output page it is on, e.g. `briefings/x/index.html`.
    pub page: String,
    /// The link as it appears on the page.
    pub url: String,
    /// Why it leads nowhere: no such page or file, or no such anchor.
    pub reason: String,
}

/// What `check` found.
#[derive(Debug)]
pub struct CheckReport {
    /// Pages and feeds whose links were followed.
    pub pages: usize,
    /// Internal links followed.
    pub links: usize,
    /// The links that lead nowhere.
    pub broken: Vec<BrokenLink>,
    /// The build's warnings.
    pub warnings: Vec<Diagnostic>,
}

/// Builds the site in memory and checks its links.
pub fn check(options: &BuildOptions) -> Result<CheckReport, BuildError> {
    build::on_workers(|| {
        let prepared = build::prepare(options)?;
        let memory = Memory::new();
        let stores = build::Stores::open(&prepared.config.root, true);
        build::render_into(&prepared, &memory, &mut Clock::new(), None, &stores)?;
        let files = memory.into_files();
        let (pages, links, broken) = check_links(&prepared.config, &files);
        let mut warnings = prepared.warnings;
        warnings.extend(missing_translations(&prepared.config, &prepared.site));
        Ok(CheckReport {
            pages,
            links,
            broken,
            warnings,
        })
    })
}

/// The theme's words missing from the table of each language the site
/// uses (its own, and briefings' `language:`), which readers see in
/// English: one warning per language, listing the keys. A language with
/// no table at all has had its warning from the build.
pub fn missing_translations(config: &Config, site: &crate::site::Site) -> Vec<Diagnostic> {
    let t = &config.translations;
    let mut languages: Vec<&str> = vec![&config.language];
    for b in &site.briefings {
        if let Some(l) = &b.language
            && !languages.iter().any(|k| k.eq_ignore_ascii_case(l))
        {
            languages.push(l);
        }
    }
    languages
        .into_iter()
        .filter(|l| t.has_table(l))
        .filter_map(|l| {
            let missing = t.missing(l);
            (!missing.is_empty()).then(|| {
                let code = crate::i18n::primary(l);
                Diagnostic::warning(
                    crate::config::CONFIG_FILE,
                    format!(
                        "{} translation{} missing for language {l:?}, shown in English: {}",
                        missing.len(),
                        if missing.len() == 1 { " is" } else { "s are" },
                        missing.join(", ")
                    ),
                )
                .with_hint(format!(
                    "add them under [translations.{code}] in site.toml; the English texts are in brief's src/i18n/tables/en.toml"
                ))
            })
        })
        .collect()
}

/// The `id`s (and `<a name>`s) of an HTML page, and the URLs it links to,
/// as a browser reads them: html5ever's tokenizer decodes character
/// references in attribute values (`Biden&#x27;s.pdf` is `Biden's.pdf`,
/// `a&amp;b.png` is `a&b.png`), and text inside `<script>` or `<style>`
/// is not markup.
fn scan_html(html: &str) -> (HashSet<String>, Vec<String>) {
    use html5ever::tendril::StrTendril;
    use html5ever::tokenizer::{BufferQueue, Tokenizer, TokenizerOpts};
    let tokenizer = Tokenizer::new(Scan::default(), TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from(html));
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    let found = tokenizer.sink.found.into_inner();
    (found.0, found.1)
}

/// What [`scan_html`] collects: ids, then link and source URLs in order.
#[derive(Default)]
struct Scan {
    found: std::cell::RefCell<(HashSet<String>, Vec<String>)>,
}

impl html5ever::tokenizer::TokenSink for Scan {
    type Handle = ();

    fn process_token(
        &self,
        token: html5ever::tokenizer::Token,
        _line: u64,
    ) -> html5ever::tokenizer::TokenSinkResult<()> {
        use html5ever::tokenizer::states::RawKind;
        use html5ever::tokenizer::{TagKind, Token, TokenSinkResult};
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        if tag.kind != TagKind::StartTag {
            return TokenSinkResult::Continue;
        }
        let name = &*tag.name;
        let url_attr = match name {
            "a" | "link" | "area" => Some("href"),
            "img" | "script" | "source" | "video" | "audio" | "iframe" => Some("src"),
            _ => None,
        };
        let mut found = self.found.borrow_mut();
        for attr in &tag.attrs {
            let attr_name = &*attr.name.local;
            if attr_name == "id" || (attr_name == "name" && name == "a") {
                found.0.insert(attr.value.to_string());
            } else if Some(attr_name) == url_attr {
                found.1.push(attr.value.to_string());
            }
        }
        match name {
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
            _ => TokenSinkResult::Continue,
        }
    }
}

/// URLs in a feed: item links (read by the feed's parser, which decodes
/// them) and every link inside item content.
fn scan_feed(path: &str, bytes: &[u8]) -> Vec<String> {
    let mut urls = Vec::new();
    let mut contents: Vec<String> = Vec::new();
    if path.ends_with("rss.xml") {
        if let Ok(ch) = rss::Channel::read_from(bytes) {
            urls.push(ch.link().to_string());
            for item in ch.items() {
                urls.extend(item.link().map(str::to_string));
                contents.extend(item.content().map(str::to_string));
            }
        }
    } else if path.ends_with("atom.xml") {
        if let Ok(feed) = atom_syndication::Feed::read_from(bytes) {
            for e in feed.entries() {
                urls.extend(e.links().iter().map(|l| l.href().to_string()));
                contents.extend(e.content().and_then(|c| c.value()).map(str::to_string));
            }
        }
    } else if path.ends_with("feed.json")
        && let Ok(feed) = serde_json::from_slice::<serde_json::Value>(bytes)
    {
        for item in feed["items"].as_array().into_iter().flatten() {
            urls.extend(item["url"].as_str().map(str::to_string));
            contents.extend(item["content_html"].as_str().map(str::to_string));
        }
    }
    for html in &contents {
        urls.extend(scan_html(html).1);
    }
    urls
}

/// Where an internal URL points: (output file key, fragment), or `None`
/// for external links.
fn internal_target(config: &Config, page: &str, url: &str) -> Option<(String, String)> {
    let url = url.trim();
    if url.is_empty()
        || url.starts_with("mailto:")
        || url.starts_with("tel:")
        || url.starts_with("data:")
    {
        return None;
    }
    let page_url = url::Url::parse(&config.url(page)).ok()?;
    let resolved = page_url.join(url).ok()?;
    let base = config.base_url.as_str();
    let rest = resolved.as_str().strip_prefix(base)?;
    let (path, fragment) = match rest.split_once('#') {
        Some((p, f)) => (p, f),
        None => (rest, ""),
    };
    let path = path.split('?').next().unwrap_or("");
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8_lossy()
        .into_owned();
    let key = crate::routes::file_of(&path);
    let fragment = percent_encoding::percent_decode_str(fragment)
        .decode_utf8_lossy()
        .into_owned();
    Some((key, fragment))
}

/// Checks every link of every page and feed; returns (pages, links, broken).
pub fn check_links<B: AsRef<[u8]>>(
    config: &Config,
    files: &HashMap<String, B>,
) -> (usize, usize, Vec<BrokenLink>) {
    let mut ids: HashMap<&str, HashSet<String>> = HashMap::new();
    let mut links: Vec<(&str, String)> = Vec::new();
    let mut pages = 0;
    for (path, bytes) in files {
        let bytes = bytes.as_ref();
        if path.ends_with(".html") {
            pages += 1;
            let (page_ids, urls) = scan_html(&String::from_utf8_lossy(bytes));
            ids.insert(path, page_ids);
            links.extend(urls.into_iter().map(|u| (path.as_str(), u)));
        } else if path.ends_with(".xml") || path.ends_with(".json") {
            links.extend(
                scan_feed(path, bytes)
                    .into_iter()
                    .map(|u| (path.as_str(), u)),
            );
        }
    }
    let mut broken = Vec::new();
    let mut checked = 0;
    for (page, url) in &links {
        // The sending service's placeholder, replaced when the email is
        // sent: not a link of the site.
        if config.email_unsubscribe.as_deref() == Some(url.trim()) {
            continue;
        }
        // Pages are served from their folder: `x/index.html` is at `x/`.
        let page_path = page.strip_suffix("index.html").unwrap_or(page);
        let Some((key, fragment)) = internal_target(config, page_path, url) else {
            continue;
        };
        checked += 1;
        let target = if files.contains_key(&key) {
            Some(key.clone())
        } else {
            let dir = crate::routes::folder_file_of(&key);
            files.contains_key(&dir).then_some(dir)
        };
        let reason = match target {
            None => Some(format!("no page or file at /{key}")),
            Some(t) if !fragment.is_empty() && t.ends_with(".html") => (!ids
                .get(t.as_str())
                .is_some_and(|set| set.contains(&fragment)))
            .then(|| format!("/{t} has no anchor #{fragment}")),
            Some(_) => None,
        };
        if let Some(reason) = reason {
            broken.push(BrokenLink {
                page: page.to_string(),
                url: url.clone(),
                reason,
            });
        }
    }
    broken.sort_by(|a, b| (&a.page, &a.url).cmp(&(&b.page, &b.url)));
    broken.dedup();
    (pages, checked, broken)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config::parse(
            std::path::Path::new("/s"),
            "title = \"T\"\nbase_url = \"https://e.org/b/\"\n",
            &Default::default(),
        )
        .unwrap()
    }

    #[test]
    fn internal_targets() {
        let c = config();
        assert_eq!(
            internal_target(&c, "briefings/x/", "https://e.org/b/tags/a/"),
            Some(("tags/a/index.html".into(), String::new()))
        );
        assert_eq!(
            internal_target(&c, "briefings/x/", "#notes"),
            Some(("briefings/x/index.html".into(), "notes".into()))
        );
        assert_eq!(
            internal_target(&c, "briefings/x/", "lead.jpg"),
            Some(("briefings/x/lead.jpg".into(), String::new()))
        );
        assert_eq!(internal_target(&c, "", "https://other.org/"), None);
        assert_eq!(internal_target(&c, "", "mailto:a@b.c"), None);
        assert_eq!(
            internal_target(&c, "", "/elsewhere/"),
            None,
            "outside the base path is not ours"
        );
    }

    #[test]
    fn broken_links_and_anchors_are_found() {
        let c = config();
        let mut files = HashMap::new();
        files.insert("index.html".to_string(), br##"<a href="https://e.org/b/a/">a</a> <a href="https://e.org/b/a/#here">h</a> <a href="https://e.org/b/a/#gone">g</a> <a href="https://e.org/b/missing/">m</a> <img src="x.png">"##.to_vec());
        files.insert(
            "a/index.html".to_string(),
            br#"<h2 id="here">H</h2>"#.to_vec(),
        );
        let (pages, links, broken) = check_links(&c, &files);
        assert_eq!((pages, links), (2, 5));
        let reasons: Vec<_> = broken.iter().map(|b| b.reason.as_str()).collect();
        assert_eq!(
            reasons,
            [
                "/a/index.html has no anchor #gone",
                "no page or file at /missing/index.html",
                "no page or file at /x.png"
            ]
        );
    }
}
