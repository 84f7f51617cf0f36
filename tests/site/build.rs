//! `brief build` end to end: fixture sites built into temp folders, the
//! output parsed back as HTML and XML.

use crate::common;

use std::path::Path;

use brief::config::Overrides;
use common::{TestSite, attrs, fm, snapshot, texts};

fn three_briefings(site: &TestSite) {
    site.briefing(
        "2025-08-07-rubio",
        &fm(
            "Rubio on cartels",
            "2025-08-07T15:00:00-04:00",
            &["United States", "Cartels"],
        ),
        "Rubio spoke.\n\n## What next\n\nMore.\n",
    );
    site.briefing(
        "2025-08-08-force",
        &fm(
            "Force weighed",
            "2025-08-08T17:30:00-04:00",
            &["united states", "Mexico", "Cartels"],
        ),
        "Officials confirmed.[^1]\n\n[^1]: A note.\n",
    );
    site.briefing(
        "2025-02-20-designation",
        &fm(
            "Cartels designated",
            "2025-02-20",
            &["United States", "Cartels", "Venezuela"],
        ),
        "The designation.\n",
    );
}

#[test]
fn the_sample_site_builds_completely() {
    // The repository is itself a working site.
    let out = tempfile::tempdir().unwrap();
    let report = brief::build(&brief::BuildOptions {
        root: Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
        overrides: Overrides {
            output_dir: Some(out.path().join("public")),
            ..Overrides::default()
        },
        ..Default::default()
    })
    .unwrap();
    assert!(
        report.briefings >= 3,
        "the sample site needs at least three briefings"
    );
    let public = out.path().join("public");
    for f in [
        "index.html",
        "tags/index.html",
        "archive/index.html",
        "404.html",
        "rss.xml",
        "sitemap.xml",
        "robots.txt",
        "style.css",
    ] {
        assert!(public.join(f).is_file(), "{f} missing");
    }
    // Overlapping tags: some tag page lists several briefings.
    let tag_index = scraper::Html::parse_document(
        &std::fs::read_to_string(public.join("tags/index.html")).unwrap(),
    );
    let counts = texts(&tag_index, ".tag-index .count");
    assert!(
        counts
            .iter()
            .any(|c| c.starts_with(|d: char| d.is_ascii_digit() && d != '1')),
        "{counts:?}"
    );
}

#[test]
fn every_page_of_the_url_table_is_written() {
    let site = TestSite::new();
    three_briefings(&site);
    let report = site.build().unwrap();
    assert_eq!((report.briefings, report.tags), (3, 4));
    let files: Vec<String> = snapshot(&site.public())
        .into_iter()
        .map(|(p, _)| p.to_string_lossy().into_owned())
        .filter(|p| p != ".brief-manifest") // see tests/commands/output_safety.rs
        .collect();
    // The search index's files are named by Pagefind (tests/site/search.rs).
    let (index, files): (Vec<String>, Vec<String>) =
        files.into_iter().partition(|p| p.starts_with("pagefind/"));
    assert!(
        index.contains(&"pagefind/2025/pagefind-entry.json".to_string()),
        "{index:?}"
    );
    let expected = [
        "404.html",
        "archive/index.html",
        "atom.xml",
        "briefings/designation/email.html",
        "briefings/designation/email.txt",
        "briefings/designation/index.html",
        "briefings/force/email.html",
        "briefings/force/email.txt",
        "briefings/force/index.html",
        "briefings/rubio/email.html",
        "briefings/rubio/email.txt",
        "briefings/rubio/index.html",
        "feed.json",
        "feeds.opml",
        "index.html",
        "robots.txt",
        "rss.xml",
        "search/index.html",
        "search.js",
        "sitemap-news.xml",
        "sitemap.xml",
        "style.css",
        "tags/cartels/atom.xml",
        "tags/cartels/feed.json",
        "tags/cartels/index.html",
        "tags/cartels/rss.xml",
        "tags/index.html",
        "tags/mexico/atom.xml",
        "tags/mexico/feed.json",
        "tags/mexico/index.html",
        "tags/mexico/rss.xml",
        "tags/united-states/atom.xml",
        "tags/united-states/feed.json",
        "tags/united-states/index.html",
        "tags/united-states/rss.xml",
        "tags/venezuela/atom.xml",
        "tags/venezuela/feed.json",
        "tags/venezuela/index.html",
        "tags/venezuela/rss.xml",
    ];
    assert_eq!(files, expected);
    assert_eq!(report.files, expected.len() + index.len());
}

#[test]
fn briefing_page_shows_title_dates_tags_and_body() {
    let site = TestSite::new();
    three_briefings(&site);
    site.build().unwrap();
    let doc = site.html("briefings/force/index.html");
    assert_eq!(texts(&doc, "h1"), ["Force weighed"]);
    assert_eq!(
        attrs(&doc, "article header time", "datetime"),
        ["2025-08-08T17:30:00-04:00"]
    );
    assert_eq!(texts(&doc, "article header time"), ["8 August 2025"]);
    // Tags shown by their most common spelling (this briefing wrote
    // "united states"), linked by slug.
    assert_eq!(
        texts(&doc, "article .tags a"),
        ["United States", "Mexico", "Cartels"]
    );
    assert_eq!(
        attrs(&doc, "article .tags a", "href")[0],
        "https://example.org/tags/united-states/"
    );
    assert_eq!(
        attrs(&doc, "link[rel=canonical]", "href"),
        ["https://example.org/briefings/force/"]
    );
    assert_eq!(
        attrs(&doc, ".footnotes li a.footnote-backref", "href"),
        ["#fnref-1"]
    );
    // The not-found page suggests the newest briefings.
    let not_found = site.html("404.html");
    assert_eq!(
        texts(&not_found, "h2 + ul a"),
        ["Force weighed", "Rubio on cartels", "Cartels designated"]
    );
    // Newer and older neighbours.
    assert_eq!(
        attrs(&doc, ".prev-next a[rel=prev]", "href"),
        ["https://example.org/briefings/rubio/"]
    );
    assert!(attrs(&doc, ".prev-next a[rel=next]", "href").is_empty());
}

#[test]
fn front_page_is_newest_first_and_tags_merge_spellings() {
    let site = TestSite::new();
    three_briefings(&site);
    site.build().unwrap();
    let doc = site.html("index.html");
    assert_eq!(
        texts(&doc, ".card-title a"),
        ["Force weighed", "Rubio on cartels", "Cartels designated"]
    );
    let tags = site.html("tags/index.html");
    assert_eq!(
        texts(&tags, ".tag-index li > a:first-child"),
        ["Cartels", "Mexico", "United States", "Venezuela"]
    );
    assert_eq!(
        texts(&tags, ".tag-index .count"),
        ["3 briefings", "1 briefing", "3 briefings", "1 briefing"]
    );
    let us = site.html("tags/united-states/index.html");
    assert_eq!(texts(&us, ".card-title a").len(), 3);
    let archive = site.html("archive/index.html");
    assert_eq!(
        texts(&archive, "h2")
            .iter()
            .map(|t| t.split_whitespace().next().unwrap().to_string())
            .collect::<Vec<_>>(),
        ["2025"]
    );
    assert_eq!(texts(&archive, "h3"), ["August", "February"]);
}

#[test]
fn pagination_on_the_front_page_and_tag_pages() {
    let site = TestSite::new();
    for i in 0..25 {
        site.briefing(
            &format!("b{i:02}"),
            &fm(
                &format!("Briefing {i}"),
                &format!("2025-01-{:02}", i + 1),
                &["Everything"],
            ),
            "Body.\n",
        );
    }
    site.build().unwrap();
    let first = site.html("index.html");
    assert_eq!(texts(&first, ".card-title a").len(), 10);
    assert_eq!(texts(&first, ".card-title a")[0], "Briefing 24");
    assert_eq!(
        attrs(&first, ".pagination a[rel=next]", "href"),
        ["https://example.org/page/2/"]
    );
    let third = site.html("page/3/index.html");
    assert_eq!(texts(&third, ".card-title a").len(), 5);
    assert_eq!(
        attrs(&third, ".pagination a[rel=prev]", "href"),
        ["https://example.org/page/2/"]
    );
    assert!(!site.public().join("page/4").exists());
    let tag2 = site.html("tags/everything/page/2/index.html");
    assert_eq!(texts(&tag2, ".card-title a").len(), 10);
    assert!(
        site.public()
            .join("tags/everything/page/3/index.html")
            .is_file()
    );
}

#[test]
fn every_link_honours_a_base_url_with_a_path() {
    let site = TestSite::with_config(
        &common::SITE_TOML.replace("https://example.org/", "https://example.org/briefing"),
    );
    three_briefings(&site);
    site.write("content/briefings/lead.jpg", b"jpg");
    site.briefing(
        "2025-08-09-img",
        &fm("With image", "2025-08-09", &["Cartels"]),
        "![Map](lead.jpg) [tags](/tags/) [top](#x)\n",
    );
    site.build().unwrap();
    for (path, _) in snapshot(&site.public()) {
        let p = path.to_string_lossy();
        if !p.ends_with(".html") {
            continue;
        }
        let doc = site.html(&p);
        let mut urls = attrs(&doc, "a[href]", "href");
        urls.extend(attrs(&doc, "link[href]", "href"));
        urls.extend(attrs(&doc, "img[src]", "src"));
        for url in urls {
            assert!(
                url.starts_with("https://example.org/briefing/") || url.starts_with('#'),
                "{p}: {url}"
            );
        }
    }
    let doc = site.html("briefings/img/index.html");
    assert_eq!(
        attrs(&doc, ".body img", "src"),
        ["https://example.org/briefing/briefings/lead.jpg"]
    );
    assert!(site.public().join("briefings/lead.jpg").is_file());
    let robots = site.read("robots.txt");
    assert!(robots.contains("Sitemap: https://example.org/briefing/sitemap.xml"));
}

#[test]
fn drafts_are_built_only_when_asked() {
    let site = TestSite::new();
    three_briefings(&site);
    site.briefing(
        "draft",
        &format!(
            "{}\ndraft: true",
            fm("Draft one", "2025-09-01", &["Cartels"])
        ),
        "Soon.\n",
    );
    assert_eq!(site.build().unwrap().briefings, 3);
    assert!(!site.public().join("briefings/draft").exists());
    let report = site
        .build_with(Overrides {
            drafts: true,
            ..Overrides::default()
        })
        .unwrap();
    assert_eq!(report.briefings, 4);
    assert!(site.public().join("briefings/draft/index.html").is_file());
}

#[test]
fn a_briefing_in_a_drafts_folder_is_a_draft() {
    // Jekyll keeps drafts in `_drafts/`, without a `draft:` line: a site
    // moved over must not publish them at once.
    let site = TestSite::new();
    three_briefings(&site);
    site.write(
        "content/_drafts/2025-09-01-embargoed.md",
        format!(
            "---\n{}\n---\nNot yet.\n",
            fm("Embargoed", "2025-09-01", &["Cartels"])
        ),
    );
    site.write(
        "content/briefings/_drafts/bundle/index.md",
        format!(
            "---\n{}\n---\nNor this.\n",
            fm("Bundled", "2025-09-02", &[])
        ),
    );
    assert_eq!(site.build().unwrap().briefings, 3);
    assert!(!site.public().join("briefings/embargoed").exists());
    assert!(!site.public().join("briefings/bundle").exists());
    assert!(!site.read("rss.xml").contains("Embargoed"));
    let report = site
        .build_with(Overrides {
            drafts: true,
            ..Overrides::default()
        })
        .unwrap();
    assert_eq!(report.briefings, 5);
    assert!(
        site.public()
            .join("briefings/embargoed/index.html")
            .is_file()
    );
}

#[test]
fn a_site_template_overrides_the_builtin_one_by_name() {
    let site = TestSite::new();
    three_briefings(&site);
    site.write(
        "templates/tag.html",
        "{% extends \"base.html\" %}{% block content %}<h1 id=\"custom\">{{ tag.name }} ({{ paginator.total_items }})</h1>{% endblock content %}",
    );
    site.write("templates/style.css", "body{color:red}");
    site.build().unwrap();
    let doc = site.html("tags/cartels/index.html");
    assert_eq!(texts(&doc, "h1#custom"), ["Cartels (3)"]);
    // Other templates still come from the built-in theme.
    assert_eq!(texts(&site.html("tags/index.html"), "h1"), ["Tags"]);
    assert_eq!(site.read("style.css"), "body{color:red}");
}

/// Tag, author and later front pages show each card as `b.html`, the card
/// partial rendered once a briefing; a site's own partial must still be
/// what every listing shows, at the heading level each one asks for.
#[test]
fn a_site_card_partial_is_what_every_listing_shows_at_its_heading_level() {
    let site = TestSite::with_config(&common::SITE_TOML.replace("per_page = 10", "per_page = 2"));
    three_briefings(&site);
    site.build().unwrap();
    // The built-in partial: h2 on tag pages and later front pages, h3
    // after the lead on the first.
    let front = site.html("index.html");
    assert_eq!(texts(&front, ".lead h2.card-title"), ["Force weighed"]);
    assert_eq!(texts(&front, "h3.card-title"), ["Rubio on cartels"]);
    let later = site.html("page/2/index.html");
    assert_eq!(texts(&later, "h2.card-title"), ["Cartels designated"]);
    let tag = site.html("tags/cartels/index.html");
    assert_eq!(
        texts(&tag, "article.card h2.card-title"),
        ["Force weighed", "Rubio on cartels"]
    );
    assert_eq!(texts(&tag, "article.card .tags a").len(), 5);

    site.write(
        "templates/partials/card.html",
        "<article class=\"mine\" data-level=\"{{ heading_level }}\">{{ b.title }} · {{ words.tags }}</article>\n",
    );
    site.build().unwrap();
    let mine = |doc: &scraper::Html| {
        let sel = scraper::Selector::parse("article.mine").unwrap();
        doc.select(&sel)
            .map(|e| {
                let level = e.value().attr("data-level").unwrap_or("");
                format!("{level} {}", e.text().collect::<String>())
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        mine(&site.html("index.html")),
        ["2 Force weighed · Tags", "3 Rubio on cartels · Tags"]
    );
    assert_eq!(
        mine(&site.html("page/2/index.html")),
        ["2 Cartels designated · Tags"]
    );
    assert_eq!(
        mine(&site.html("tags/cartels/page/2/index.html")),
        ["2 Cartels designated · Tags"]
    );
    assert!(texts(&site.html("tags/cartels/index.html"), "article.card").is_empty());
}

/// A partial that reads the page around it (`page`, `paginator`) cannot be
/// rendered on its own for a card's `html`; a site whose own listings
/// include it, and never print `html`, still builds.
#[test]
fn a_card_partial_that_reads_its_page_builds_when_the_sites_listings_include_it() {
    let site = TestSite::new();
    three_briefings(&site);
    site.write(
        "templates/partials/card.html",
        "<article class=\"mine\">{{ paginator.number }} {{ page.kind }} {{ b.title }}</article>\n",
    );
    let listing = "{% extends \"base.html\" %}{% block content %}{% for b in paginator.items %}{% include \"partials/card.html\" %}{% endfor %}{% endblock content %}";
    for name in ["index.html", "tag.html", "author.html"] {
        site.write(&format!("templates/{name}"), listing);
    }
    site.build().unwrap();
    assert_eq!(
        texts(&site.html("tags/cartels/index.html"), "article.mine"),
        [
            "1 tag Force weighed",
            "1 tag Rubio on cartels",
            "1 tag Cartels designated"
        ]
    );
    assert_eq!(
        texts(&site.html("index.html"), "article.mine")[0],
        "1 index Force weighed"
    );
}

/// Every page of the site at `public` that the theme's `base.html` frames
/// (its `<body>` has a `page-` class: not the email editions or alias
/// redirects), by path, parsed.
fn framed_pages(public: &std::path::Path) -> Vec<(std::path::PathBuf, scraper::Html)> {
    let mut found = Vec::new();
    let mut dirs = vec![public.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
        .into_iter()
        .map(|path| {
            let doc = scraper::Html::parse_document(&std::fs::read_to_string(&path).unwrap());
            (path, doc)
        })
        .filter(|(_, doc)| attrs(doc, "body", "class").concat().starts_with("page-"))
        .collect()
}

/// The header and footer are partials. The built-in ones are rendered
/// once for each language and kind of page (they read nothing else of
/// the page), and each page still marks itself in the navigation and
/// speaks its own language; a site's own partials are rendered for every
/// page, so one that reads the page's address shows each page's own.
#[test]
fn header_and_footer_partials_show_each_page_its_own() {
    let site = TestSite::new();
    three_briefings(&site);
    site.briefing(
        "2025-08-09-fr",
        &format!(
            "{}\nlanguage: fr",
            fm("En français", "2025-08-09", &["Cartels"])
        ),
        "Le texte.\n",
    );
    site.build().unwrap();
    let current = |rel: &str| texts(&site.html(rel), "nav.site-nav a[aria-current=page]");
    assert_eq!(current("index.html"), ["Latest"]);
    assert_eq!(current("archive/index.html"), ["Archive"]);
    assert_eq!(current("tags/index.html"), ["Tags"]);
    assert!(current("tags/cartels/index.html").is_empty());
    let skip = |doc: &scraper::Html| texts(doc, "a.skip-link");
    let public = site.public();
    let mut languages = std::collections::BTreeMap::new();
    for (page, doc) in framed_pages(&public) {
        let lang = attrs(&doc, "html", "lang").concat();
        let words = languages.entry(lang).or_insert_with(|| skip(&doc));
        assert_eq!(*words, skip(&doc), "{}", page.display());
    }
    assert_eq!(languages["en"], ["Skip to content"]);
    assert_eq!(languages["fr"], ["Aller au contenu"]);

    site.write(
        "templates/partials/header.html",
        "<header class=\"mine\">{{ page.url }}</header>\n",
    );
    site.write(
        "templates/partials/footer.html",
        "<footer class=\"mine\">{{ page.kind }} {{ lang }}</footer>\n",
    );
    site.build().unwrap();
    let all = framed_pages(&public);
    assert!(all.len() > 10, "{}", all.len());
    for (page, doc) in all {
        let canonical = attrs(&doc, "link[rel=canonical]", "href");
        assert_eq!(texts(&doc, "header.mine"), canonical, "{}", page.display());
        let kind = attrs(&doc, "body", "class").concat().replace("page-", "");
        let lang = attrs(&doc, "html", "lang").concat();
        assert_eq!(
            texts(&doc, "footer.mine"),
            [format!("{kind} {lang}")],
            "{}",
            page.display()
        );
    }
}

/// A header partial that reads a page's own variables cannot be rendered
/// on its own for `chrome.header`: a site whose own `base.html` includes
/// it instead of printing `chrome` still builds; with the built-in
/// `base.html`, which prints it, the build fails with the partial's error
/// first, saying how `chrome` is made.
#[test]
fn a_header_partial_that_reads_the_briefing_builds_when_the_sites_base_includes_it() {
    let site = TestSite::new();
    three_briefings(&site);
    site.write(
        "templates/partials/header.html",
        "<p class=\"mine\">{{ briefing.title }}</p>\n",
    );
    site.write(
        "templates/briefing.html",
        "{% extends \"base.html\" %}{% block content %}{% include \"partials/header.html\" %}{% endblock content %}",
    );
    let err = site.build().unwrap_err();
    let brief::BuildError::Content(ds) = err else {
        panic!("{err}");
    };
    assert_eq!(
        ds[0].path.to_string_lossy(),
        "templates/partials/header.html"
    );
    let hint = ds[0].hint.as_deref().unwrap_or_default();
    assert!(hint.contains("rendered on their own"), "{}", ds[0]);

    site.write(
        "templates/base.html",
        "<!DOCTYPE html><html lang=\"{{ page.language }}\"><head><title>{{ site.title }}</title></head><body class=\"page-{{ page.kind }}\">{% block content %}{% endblock content %}</body></html>\n",
    );
    site.build().unwrap();
    let titles: Vec<String> = framed_pages(&site.public())
        .iter()
        .flat_map(|(_, doc)| texts(doc, "p.mine"))
        .collect();
    assert_eq!(titles.len(), 3, "{titles:?}");
    assert!(
        titles.contains(&"Rubio on cartels".to_string()),
        "{titles:?}"
    );
}

/// Windows editors may save a template with a UTF-8 byte-order mark: a
/// template that extends another was refused ("`extends` needs to be the
/// first tag"), and any other would have put the mark before `<!DOCTYPE`.
#[test]
fn a_template_saved_with_a_byte_order_mark_is_read_without_it() {
    let site = TestSite::new();
    three_briefings(&site);
    site.write(
        "templates/tag.html",
        "\u{FEFF}{% extends \"base.html\" %}{% block content %}<h1 id=\"custom\">{{ tag.name }}</h1>{% endblock content %}",
    );
    site.write(
        "templates/404.html",
        "\u{FEFF}<!DOCTYPE html><title>Lost</title>",
    );
    site.build().unwrap();
    assert_eq!(
        texts(&site.html("tags/cartels/index.html"), "h1#custom"),
        ["Cartels"]
    );
    assert!(site.read("404.html").starts_with("<!DOCTYPE html>"));
}

#[test]
fn a_site_archive_template_gets_full_cards_and_the_builtin_one_links() {
    let site = TestSite::new();
    three_briefings(&site);
    site.build().unwrap();
    let links = site.html("archive/index.html");
    assert_eq!(
        texts(&links, ".archive-list a"),
        ["Force weighed", "Rubio on cartels", "Cartels designated"]
    );
    // A site's own archive may show more than the built-in one does.
    site.write(
        "templates/archive.html",
        "{% extends \"base.html\" %}{% block content %}{% for y in archive %}{% for m in y.months %}{% for b in m.briefings %}<p class=\"s\">{{ b.summary }} ({{ b.tags | length }})</p>{% endfor %}{% endfor %}{% endfor %}{% endblock content %}",
    );
    site.build().unwrap();
    let cards = site.html("archive/index.html");
    assert_eq!(
        texts(&cards, "p.s"),
        [
            "Officials confirmed. (3)",
            "Rubio spoke. (2)",
            "The designation. (3)"
        ]
    );
}

#[test]
fn rebuilding_an_unchanged_site_is_byte_identical() {
    let site = TestSite::new();
    three_briefings(&site);
    site.build().unwrap();
    let first = snapshot(&site.public());
    std::thread::sleep(std::time::Duration::from_millis(1100));
    site.build().unwrap();
    assert_eq!(first, snapshot(&site.public()));
}

#[test]
fn static_files_are_copied_and_clashes_refused() {
    let site = TestSite::new();
    three_briefings(&site);
    site.write("static/favicon.ico", b"\x00\x01icon");
    site.write("static/files/report.pdf", b"%PDF");
    site.build().unwrap();
    assert_eq!(
        std::fs::read(site.public().join("favicon.ico")).unwrap(),
        b"\x00\x01icon"
    );
    assert!(site.public().join("files/report.pdf").is_file());

    let before = snapshot(&site.public());
    site.write("static/rss.xml", "<rss/>");
    let err = site.build().unwrap_err();
    assert_eq!(err.exit_code(), 1);
    let text = err.to_string();
    assert!(
        text.contains("static/rss.xml") && text.contains("/rss.xml"),
        "{text}"
    );
    assert_eq!(before, snapshot(&site.public()));

    // Under a file brief writes, or a file where brief needs a folder:
    // the copy failed with a bare "File exists", naming no source.
    std::fs::remove_file(site.root().join("static/rss.xml")).unwrap();
    site.write("static/atom.xml/x.txt", "x");
    site.write("static/briefings", "a file where the pages' folder goes");
    site.write("content/files/report.pdf/notes.txt", "under another copy");
    let ds = match site.build().unwrap_err() {
        brief::BuildError::Content(ds) => ds,
        e => panic!("{e}"),
    };
    let said: Vec<String> = ds.iter().map(|d| d.to_string()).collect();
    assert_eq!(said.len(), 3, "{said:?}");
    let has = |needle: &str| {
        assert!(
            said.iter().any(|d| d.contains(needle)),
            "{needle}: {said:?}"
        )
    };
    has(
        "static/atom.xml/x.txt: would be published at /atom.xml/x.txt, under /atom.xml, which is brief's own file /atom.xml",
    );
    has(
        "static/briefings: would be published as the file /briefings, where a folder holds /briefings/",
    );
    has("under /files/report.pdf, which is static/files/report.pdf");
    assert_eq!(before, snapshot(&site.public()));

    // A newline in a name made the deploy list say `-index.html`.
    for p in ["static/atom.xml", "static/briefings", "content/files"] {
        let p = site.root().join(p);
        let _ = std::fs::remove_dir_all(&p).or_else(|_| std::fs::remove_file(&p));
    }
    site.write("static/note\n-index.html", "x");
    let err = site.build().unwrap_err().to_string();
    assert!(
        err.contains("the file's name holds a control character"),
        "{err}"
    );
    assert_eq!(before, snapshot(&site.public()));
}

#[test]
fn summaries_come_from_the_field_the_marker_or_the_first_paragraph() {
    let site = TestSite::new();
    site.briefing(
        "a",
        &format!("{}\nsummary: \"Given.\"", fm("A", "2025-01-03", &[])),
        "Para.\n",
    );
    site.briefing(
        "b",
        &fm("B", "2025-01-02", &[]),
        "One.\n\nTwo.\n\n<!-- more -->\n\nThree.\n",
    );
    site.briefing(
        "c",
        &fm("C", "2025-01-01", &[]),
        "## Heading\n\nFirst *para*.\n\nSecond.\n",
    );
    // A body written in raw HTML: its first paragraph, as a reader sees it.
    site.briefing(
        "d",
        &fm("D", "2024-12-31", &[]),
        "<div class=\"lede\">\n<p>Raw &amp; <em>ready</em>.</p>\n<p>Later.</p>\n</div>\n",
    );
    site.build().unwrap();
    let doc = site.html("index.html");
    assert_eq!(
        texts(&doc, ".summary"),
        ["Given.", "One. Two.", "First para.", "Raw & ready."]
    );
    let page = site.html("briefings/d/index.html");
    assert_eq!(
        attrs(&page, "meta[name=description]", "content"),
        ["Raw & ready."]
    );
    let feed = rss::Channel::read_from(site.read("rss.xml").as_bytes()).unwrap();
    let item = feed
        .items()
        .iter()
        .find(|i| i.title() == Some("D"))
        .unwrap();
    // RSS's description is HTML: the text escaped.
    assert_eq!(item.description(), Some("Raw &amp; ready."));
}
