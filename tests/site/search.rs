//! The search index and page: what Pagefind's files hold (decoded from the
//! built output), which parts a warm build makes again, and the search box
//! every page carries.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use crate::common;

use brief::BuildOptions;
use brief::config::Overrides;
use common::{TestSite, attrs, fm};

/// A site with briefings in 2025 and 2026, a draft and a scheduled one.
fn site(config: &str) -> TestSite {
    let site = TestSite::with_config(config);
    for (name, date, tags, body) in [
        (
            "sanctions",
            "2026-11-10T10:00:00Z",
            &["Trade", "Mexico"][..],
            "Washington widened sanctions on exporters.\n\n## Quetzal\n\nA unique word: quetzalcoatl.\n",
        ),
        (
            "peso",
            "2026-03-19T10:00:00Z",
            &["Mexico"],
            "The peso fell <b>sharply</b> & `code < here`.\n",
        ),
        (
            "grain",
            "2025-06-21T10:00:00Z",
            &["Ukraine"],
            "Grain shipments resumed.\n\n<figure>\n<figcaption>Port of Odesa &amp; silos</figcaption>\n</figure>\n",
        ),
    ] {
        site.briefing(
            &format!("{}-{name}", &date[..10]),
            &fm(&format!("The {name} story"), date, tags),
            body,
        );
    }
    site.briefing(
        "draft",
        "title: \"A draft\"\ndate: 2026-11-01T10:00:00Z\ndraft: true",
        "Secret draft words.\n",
    );
    site.briefing(
        "later",
        &fm("Later", "2026-12-25T10:00:00Z", &["Mexico"]),
        "Embargoed words.\n",
    );
    site
}

/// Every record of the index under `public`: URL → (content, meta, filters).
pub(crate) fn records(public: &Path) -> BTreeMap<String, serde_json::Value> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(public.join("pagefind")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "pf_fragment") {
            let mut text = String::new();
            flate2::read::GzDecoder::new(std::fs::File::open(entry.path()).unwrap())
                .read_to_string(&mut text)
                .unwrap();
            // A file holds one fragment, or a group of them by their hashes.
            let json: serde_json::Value =
                serde_json::from_str(text.strip_prefix("pagefind_dcd").unwrap()).unwrap();
            let group: Vec<serde_json::Value> = match json.get("url") {
                Some(_) => vec![json],
                None => json.as_object().unwrap().values().cloned().collect(),
            };
            for json in group {
                let url = json["url"].as_str().unwrap().to_string();
                assert!(out.insert(url.clone(), json).is_none(), "{url} twice");
            }
        }
    }
    out
}

/// The part folders under `pagefind/`.
fn part_names(public: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(public.join("pagefind"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    names
}

#[test]
fn the_index_holds_every_published_briefing_and_nothing_else() {
    let site = site(common::SITE_TOML);
    let report = site
        .build_with(Overrides {
            now: Some(common::now()),
            drafts: true,
            ..Overrides::default()
        })
        .unwrap();
    assert_eq!(report.search.indexed, 2);
    assert_eq!(part_names(&site.public()), ["2025", "2026"]);
    let records = records(&site.public());
    // The draft is published by --drafts, but never indexed; nor is the
    // scheduled briefing.
    assert!(site.public().join("briefings/draft/index.html").exists());
    assert_eq!(
        records.keys().collect::<Vec<_>>(),
        [
            "briefings/grain/",
            "briefings/peso/",
            "briefings/sanctions/"
        ]
    );
    let sanctions = &records["briefings/sanctions/"];
    let content = sanctions["content"].as_str().unwrap();
    for words in [
        "The sanctions story",
        "widened sanctions",
        "quetzalcoatl",
        "Trade, Mexico",
    ] {
        assert!(content.contains(words), "{words:?} in {content}");
    }
    assert_eq!(sanctions["meta"]["title"], "The sanctions story");
    assert_eq!(sanctions["meta"]["date"], "10 November 2026");
    assert_eq!(sanctions["meta"]["tags"], r#"["Trade","Mexico"]"#);
    assert_eq!(sanctions["filters"]["year"], serde_json::json!(["2026"]));
    assert_eq!(
        sanctions["filters"]["tag"],
        serde_json::json!(["Trade", "Mexico"])
    );
    // Body text is HTML-escaped text: raw HTML is not markup in it.
    let peso = records["briefings/peso/"]["content"].as_str().unwrap();
    assert!(
        peso.contains("The peso fell sharply &amp; code &lt; here"),
        "{peso}"
    );
    assert!(!peso.contains("<b>"), "{peso}");
    // Raw HTML's text is indexed too, as text.
    let grain = records["briefings/grain/"]["content"].as_str().unwrap();
    assert!(grain.contains("Port of Odesa &amp; silos"), "{grain}");
    assert!(!grain.contains("figcaption"), "{grain}");
}

#[test]
fn the_search_page_lists_the_parts_newest_first_and_every_page_has_a_search_box() {
    let site =
        site(&common::SITE_TOML.replace("https://example.org/", "https://example.org/news/"));
    site.build_at_now().unwrap();
    let page = site.html("search/index.html");
    assert_eq!(
        attrs(&page, "form.search-form", "data-parts"),
        ["https://example.org/news/pagefind/2026/ https://example.org/news/pagefind/2025/"]
    );
    assert_eq!(
        attrs(&page, "form.search-form", "data-base"),
        ["https://example.org/news/"]
    );
    assert_eq!(
        attrs(&page, "script[type=module]", "src"),
        ["https://example.org/news/search.js"]
    );
    assert!(site.public().join("search.js").exists());
    assert_eq!(
        common::texts(&page, "#search-year option"),
        ["Any year", "2026", "2025"]
    );
    // The search page has its own form, not the masthead's.
    assert!(attrs(&page, "form.site-search", "action").is_empty());
    for path in [
        "index.html",
        "briefings/peso/index.html",
        "archive/index.html",
    ] {
        let page = site.html(path);
        assert_eq!(
            attrs(&page, "form.site-search[role=search]", "action"),
            ["https://example.org/news/search/"],
            "{path}"
        );
        assert_eq!(attrs(&page, "form.site-search input", "name"), ["q"]);
    }
    // Not in the sitemap: it has nothing of its own to find.
    assert!(!site.read("sitemap.xml").contains("/search/"));
}

#[test]
fn a_warm_build_indexes_again_only_the_part_that_changed_and_equals_a_cold_one() {
    let site = site(common::SITE_TOML);
    site.build_at_now().unwrap();
    let report = site.build_at_now().unwrap();
    assert_eq!(
        (report.search.indexed, report.search.unchanged),
        (0, 2),
        "nothing changed"
    );
    site.briefing(
        "2026-03-19-peso",
        &fm("The peso story", "2026-03-19T10:00:00Z", &["Mexico"]),
        "The peso rallied on remittances.\n",
    );
    let report = site.build_at_now().unwrap();
    assert_eq!((report.search.indexed, report.search.unchanged), (1, 1));
    assert_eq!(
        report.search.briefings, 2,
        "2026 holds two published briefings"
    );
    let records = records(&site.public());
    assert!(
        records["briefings/peso/"]["content"]
            .as_str()
            .unwrap()
            .contains("remittances")
    );

    // A cold build of the same inputs writes the same bytes.
    let cold = tempfile::tempdir().unwrap();
    brief::build(&BuildOptions {
        root: site.root().to_path_buf(),
        overrides: Overrides {
            now: Some(common::now()),
            output_dir: Some(cold.path().join("public")),
            ..Overrides::default()
        },
        no_cache: true,
        ..BuildOptions::default()
    })
    .unwrap();
    assert_eq!(
        common::snapshot(&site.public().join("pagefind")),
        common::snapshot(&cold.path().join("public/pagefind"))
    );
    assert_eq!(
        site.read("search/index.html"),
        std::fs::read_to_string(cold.path().join("public/search/index.html")).unwrap()
    );
}

#[test]
fn a_part_lost_from_the_output_or_the_cache_is_made_again() {
    let site = site(common::SITE_TOML);
    site.build_at_now().unwrap();
    let before = common::snapshot(&site.public().join("pagefind"));
    // A file of one part deleted from the output folder: the part is
    // written again from the cache, not indexed.
    let entry = site.public().join("pagefind/2025/pagefind-entry.json");
    std::fs::remove_file(&entry).unwrap();
    let report = site.build_at_now().unwrap();
    assert_eq!(
        (
            report.search.filed,
            report.search.unchanged,
            report.search.indexed
        ),
        (1, 1, 0)
    );
    assert_eq!(common::snapshot(&site.public().join("pagefind")), before);
    // The cache folder emptied: without its list of each part's files no
    // part can be proven whole, so both are indexed again, to the same
    // bytes.
    std::fs::remove_dir_all(site.root().join(".brief-cache/search")).unwrap();
    std::fs::remove_file(site.public().join("pagefind/2025/pagefind-entry.json")).unwrap();
    let report = site.build_at_now().unwrap();
    assert_eq!(report.search.indexed, 2);
    assert_eq!(common::snapshot(&site.public().join("pagefind")), before);
}

#[test]
fn search_off_writes_no_index_no_page_and_no_box() {
    let site = site(&format!(
        "{}\n[search]\nenabled = false\n",
        common::SITE_TOML
    ));
    let report = site.build_at_now().unwrap();
    assert_eq!(report.search, Default::default());
    assert!(!site.public().join("pagefind").exists());
    assert!(!site.public().join("search/index.html").exists());
    assert!(attrs(&site.html("index.html"), "form.site-search", "action").is_empty());
}

#[test]
fn search_off_publishes_no_script_and_no_page_links_to_one() {
    let config = format!("{}\n[search]\nenabled = false\n", common::SITE_TOML);
    let site = site(common::SITE_TOML);
    site.build_at_now().unwrap();
    assert!(site.public().join("search.js").exists());
    // Turned off afterwards, the script of the last build goes too.
    site.write("site.toml", &config);
    site.build_at_now().unwrap();
    assert!(!site.public().join("search.js").exists());
    let mut checked = 0;
    for (path, bytes) in common::snapshot(&site.public()) {
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let doc = scraper::Html::parse_document(&String::from_utf8(bytes).unwrap());
        let targets = [
            ("script[src]", "src"),
            ("a[href]", "href"),
            ("form[action]", "action"),
            ("link[href]", "href"),
        ]
        .into_iter()
        .flat_map(|(sel, attr)| attrs(&doc, sel, attr));
        for url in targets {
            let local = url
                .strip_prefix("https://example.org/")
                .or_else(|| url.strip_prefix('/').filter(|u| !u.starts_with('/')));
            let Some(rel) = local else {
                continue;
            };
            let rel = rel.split(['#', '?']).next().unwrap();
            assert!(
                !rel.starts_with("search"),
                "{}: links to {url}",
                path.display()
            );
            let file = if rel.is_empty() || rel.ends_with('/') {
                format!("{rel}index.html")
            } else {
                rel.to_string()
            };
            assert!(
                site.public().join(&file).exists(),
                "{}: {url} is not published",
                path.display()
            );
            checked += 1;
        }
    }
    assert!(checked > 10, "{checked}");
}

#[test]
fn a_static_file_inside_the_index_folder_is_refused() {
    let on = site(common::SITE_TOML);
    on.write("static/pagefind/notes.txt", "mine");
    let err = on.build_at_now().unwrap_err().to_string();
    assert!(
        err.contains("static/pagefind/notes.txt: would be published at /pagefind/notes.txt, inside /pagefind/, where brief writes the search index"),
        "{err}"
    );
    // With search off the folder is the site's.
    let off = site(&format!(
        "{}\n[search]\nenabled = false\n",
        common::SITE_TOML
    ));
    off.write("static/pagefind/notes.txt", "mine");
    off.build_at_now().unwrap();
    assert_eq!(off.read("pagefind/notes.txt"), "mine");
}

#[test]
fn the_search_page_and_box_speak_the_site_language() {
    let site = site(&common::SITE_TOML.replace("language = \"en\"", "language = \"es\""));
    site.build_at_now().unwrap();
    let page = site.html("search/index.html");
    assert_eq!(common::texts(&page, "h1"), ["Buscar"]);
    assert_eq!(
        common::texts(&page, "label[for=search-q]"),
        ["Buscar en 3 resúmenes"]
    );
    assert_eq!(
        common::texts(&page, "#search-tag option")[0],
        "Cualquier etiqueta"
    );
    // What the script says comes from the same table, plural forms and all.
    let words: serde_json::Value =
        serde_json::from_str(&attrs(&page, "form.search-form", "data-words")[0]).unwrap();
    assert_eq!(words["none"], "Ningún resumen coincide con {what}.");
    assert_eq!(words["found"]["one"], "{n} resumen coincide con {what}.");
    assert_eq!(
        words["found"]["other"],
        "{n} resúmenes coinciden con {what}."
    );
    let front = site.html("index.html");
    assert_eq!(
        attrs(&front, "form.site-search input", "placeholder"),
        ["Buscar resúmenes"]
    );
    assert_eq!(common::texts(&front, "form.site-search button"), ["Buscar"]);
}
