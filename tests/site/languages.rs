//! A briefing in any language (issue 17): the Spanish and Arabic fixture
//! sites' dates, theme words and direction, read back from their HTML;
//! a briefing in another language than its site's; the fallback to English.

use crate::common;

use common::{TestSite, attrs, texts};

fn built(name: &str) -> TestSite {
    let site = TestSite::fixture(name);
    let report = site.build_at_now().unwrap();
    assert!(report.warnings.is_empty(), "{name}: {:?}", report.warnings);
    site
}

fn one(doc: &scraper::Html, selector: &str) -> String {
    let all = texts(doc, selector);
    assert!(!all.is_empty(), "nothing matches {selector}");
    all[0].clone()
}

#[test]
fn the_spanish_site_speaks_spanish() {
    let site = built("es");
    let front = site.html("index.html");
    assert_eq!(attrs(&front, "html", "lang"), ["es"]);
    assert_eq!(attrs(&front, "html", "dir"), ["ltr"]);
    assert_eq!(
        texts(&front, ".site-nav a"),
        ["Lo último", "Archivo", "Temas", "Suscribirse"]
    );
    assert_eq!(one(&front, "h1"), "Últimos resúmenes");
    assert_eq!(one(&front, ".skip-link"), "Saltar al contenido");
    assert_eq!(one(&front, ".card time"), "27 de noviembre de 2026");
    // Machine-readable dates never change.
    assert_eq!(
        attrs(&front, ".card time", "datetime")[0],
        "2026-11-27T08:00:00-06:00"
    );
    assert_eq!(
        one(&front, ".card .meta"),
        "27 de noviembre de 2026 · 1\u{a0}min de lectura"
    );
    assert!(one(&front, ".footer-subscribe").starts_with("Suscribirse para recibir cada resumen"));

    let page2 = site.html("page/2/index.html");
    assert_eq!(one(&page2, "h1"), "Resúmenes, página 2 de 2");
    assert_eq!(one(&page2, ".pagination a[rel=prev]"), "← Siguiente");

    let b = site.html("briefings/carteles-presion/index.html");
    assert_eq!(attrs(&b, "html", "lang"), ["es"]);
    assert_eq!(one(&b, ".byline"), "Por Ana Ruiz");
    assert_eq!(
        one(&b, ".correction strong"),
        "Corrección del 28 de noviembre de 2026:"
    );
    assert_eq!(one(&b, "#sources-title"), "Fuentes");
    assert_eq!(one(&b, "#corrections-title"), "Correcciones");
    assert_eq!(one(&b, "#subscribe-title"), "Suscribirse");
    assert_eq!(one(&b, ".prev-next .label"), "Anterior");

    let archive = site.html("archive/index.html");
    assert_eq!(one(&archive, "h1"), "Archivo");
    assert_eq!(texts(&archive, ".archive-year h3"), ["Noviembre"]);
    assert_eq!(one(&archive, ".archive-list time"), "27 de noviembre");
    assert_eq!(
        one(&archive, ".intro"),
        "Todos los resúmenes, del más reciente al más antiguo: 3 en total."
    );

    let tags = site.html("tags/index.html");
    let counts = texts(&tags, ".tag-index .count");
    assert!(counts.contains(&"2 resúmenes".to_string()), "{counts:?}");
    assert!(counts.contains(&"1 resumen".to_string()), "{counts:?}");
    let tag = site.html("tags/mexico/index.html");
    assert_eq!(one(&tag, "h1"), "Tema: «México»");
    assert_eq!(one(&site.html("404.html"), "h1"), "Página no encontrada");

    let email = site.html("briefings/carteles-presion/email.html");
    assert_eq!(attrs(&email, "html", "lang"), ["es"]);
    assert_eq!(one(&email, ".weblink"), "Leer este resumen en la web");
    assert!(one(&email, ".meta").starts_with("27 de noviembre de 2026 · Por Ana Ruiz"));
    let text = site.read("briefings/carteles-presion/email.txt");
    assert!(
        text.contains("27 de noviembre de 2026 · Por Ana Ruiz"),
        "{text}"
    );
    assert!(text.contains("Leer en la web:"), "{text}");

    // The RSS channel says the site's language; item dates stay RFC 2822.
    let rss = rss::Channel::read_from(site.read("rss.xml").as_bytes()).unwrap();
    assert_eq!(rss.language(), Some("es"));
    assert_eq!(
        rss.items()[0].pub_date(),
        Some("Fri, 27 Nov 2026 08:00:00 -0600")
    );
    let content = rss.items()[0].content().unwrap();
    assert!(
        content.contains("Corrección del 28 de noviembre de 2026:"),
        "{content}"
    );
}

#[test]
fn the_arabic_site_runs_right_to_left() {
    let site = built("ar");
    let front = site.html("index.html");
    assert_eq!(attrs(&front, "html", "lang"), ["ar"]);
    assert_eq!(attrs(&front, "html", "dir"), ["rtl"]);
    assert_eq!(
        texts(&front, ".site-nav a"),
        ["الأحدث", "الأرشيف", "المواضيع", "اشترك"]
    );
    assert_eq!(one(&front, "h1"), "أحدث الموجزات");
    assert_eq!(one(&front, ".card time"), "27 نوفمبر 2026");
    assert_eq!(
        attrs(&front, ".card time", "datetime")[0],
        "2026-11-27T10:00:00+02:00"
    );
    // The pagination's arrows point the way the page reads.
    let page2 = site.html("page/2/index.html");
    assert_eq!(one(&page2, ".pagination a[rel=prev]"), "→ أحدث");

    let b = site.html("briefings/cartels-force/index.html");
    assert_eq!(attrs(&b, "html", "dir"), ["rtl"]);
    assert_eq!(one(&b, ".byline"), "بقلم سارة حداد");
    assert_eq!(one(&b, "#sources-title"), "المصادر");
    assert_eq!(
        one(&b, ".correction strong"),
        "تصحيح بتاريخ 28 نوفمبر 2026:"
    );

    // Arabic plurals: two, and one.
    let tags = site.html("tags/index.html");
    let counts = texts(&tags, ".tag-index .count");
    assert!(counts.contains(&"موجزان".to_string()), "{counts:?}");
    assert!(counts.contains(&"موجز واحد".to_string()), "{counts:?}");
    assert_eq!(
        texts(&site.html("archive/index.html"), ".archive-year h3"),
        ["نوفمبر"]
    );

    let email = site.html("briefings/cartels-force/email.html");
    assert_eq!(attrs(&email, "html", "dir"), ["rtl"]);
    assert_eq!(attrs(&email, "body", "dir"), ["rtl"]);
    assert_eq!(one(&email, ".weblink"), "اقرأ هذا الموجز على الويب");

    // The share card still draws, with the Arabic date.
    let png = std::fs::read(site.public().join("briefings/cartels-force/card.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG"));
}

#[test]
fn a_briefing_in_its_own_language_on_an_english_site() {
    let site = TestSite::new();
    site.briefing(
        "2026-11-27-carteles",
        "title: \"Washington sopesa la fuerza\"\ndate: 2026-11-27T08:00:00-06:00\nlanguage: es\ntags: [México]\nsources:\n  - { title: Reuters, url: \"https://www.reuters.com/\" }",
        "Altos funcionarios confirmaron el viernes el plan.\n",
    );
    site.briefing(
        "2026-11-26-english",
        "title: \"An English briefing\"\ndate: 2026-11-26T08:00:00Z\ntags: [México]",
        "Officials confirmed the plan.\n",
    );
    site.build_at_now().unwrap();
    let b = site.html("briefings/carteles/index.html");
    assert_eq!(attrs(&b, "html", "lang"), ["es"]);
    assert_eq!(attrs(&b, "html", "dir"), ["ltr"]);
    assert_eq!(one(&b, ".meta time"), "27 de noviembre de 2026");
    assert_eq!(one(&b, "#sources-title"), "Fuentes");

    let front = site.html("index.html");
    assert_eq!(attrs(&front, "html", "lang"), ["en"]);
    assert_eq!(attrs(&front, ".card", "lang"), ["es"]);
    assert_eq!(
        texts(&front, ".card time"),
        ["27 de noviembre de 2026", "26 November 2026"]
    );
    let english = site.html("briefings/english/index.html");
    assert_eq!(attrs(&english, "html", "lang"), ["en"]);
    // The Spanish briefing's title and date, shown on the English one's
    // page (related, and newer) and in the archive, are marked Spanish;
    // the English one's, shown on the Spanish page, English.
    assert_eq!(attrs(&english, ".related li", "lang"), ["es"]);
    assert_eq!(attrs(&english, ".related li", "dir"), ["ltr"]);
    assert_eq!(
        texts(&english, ".related li[lang=es] time"),
        ["27 de noviembre de 2026"]
    );
    assert_eq!(attrs(&english, ".prev-next .newer a", "lang"), ["es"]);
    assert_eq!(attrs(&english, ".prev-next .newer time", "lang"), ["es"]);
    assert_eq!(attrs(&b, ".related li", "lang"), ["en"]);
    assert_eq!(attrs(&b, ".prev-next .older a", "lang"), ["en"]);
    let archive = site.html("archive/index.html");
    assert_eq!(attrs(&archive, ".archive-list li", "lang"), ["es"]);
    assert_eq!(
        texts(&archive, ".archive-list li[lang=es] a"),
        ["Washington sopesa la fuerza"]
    );

    // Feeds: RSS keeps the site's language; Atom marks the entry's text,
    // JSON Feed 1.1 the item.
    let rss = rss::Channel::read_from(site.read("rss.xml").as_bytes()).unwrap();
    assert_eq!(rss.language(), Some("en"));
    let atom = site.read("atom.xml");
    let doc = roxmltree::Document::parse(&atom).unwrap();
    let xml = "http://www.w3.org/XML/1998/namespace";
    // Atom has no language on <entry>: its title, summary and content
    // carry it.
    for part in ["title", "summary", "content"] {
        let langs: Vec<Option<&str>> = doc
            .descendants()
            .filter(|n| n.has_tag_name("entry"))
            .map(|e| {
                let found = e.children().find(|c| c.has_tag_name(part));
                found.expect(part).attribute((xml, "lang"))
            })
            .collect();
        assert_eq!(langs, [Some("es"), None], "{part}");
    }
    atom_syndication::Feed::read_from(atom.as_bytes()).unwrap();
    let json: serde_json::Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    assert_eq!(json["language"], "en");
    assert_eq!(json["items"][0]["language"], "es");
    assert!(json["items"][1].get("language").is_none());

    // A warm build after only the briefing's language changes (an
    // editor's fix) marks it anew where other pages link to it, with its
    // date in that language.
    site.briefing(
        "2026-11-27-carteles",
        "title: \"Washington sopesa la fuerza\"\ndate: 2026-11-27T08:00:00-06:00\nlanguage: pt\ntags: [México]\nsources:\n  - { title: Reuters, url: \"https://www.reuters.com/\" }",
        "Altos funcionarios confirmaron el viernes el plan.\n",
    );
    site.build_at_now().unwrap();
    let english = site.html("briefings/english/index.html");
    assert_eq!(attrs(&english, ".related li", "lang"), ["pt"]);
    assert_eq!(
        texts(&english, ".related li time"),
        ["27 de novembro de 2026"]
    );
    assert_eq!(attrs(&english, ".prev-next .newer a", "lang"), ["pt"]);
}

/// The words the Markdown renderer writes into a body itself (a task's
/// checkbox label, the footnotes' links and list) were English in every
/// briefing; they follow the briefing's language and `[translations]`,
/// and a changed override reaches a warm build.
#[test]
fn task_and_footnote_labels_speak_the_briefings_language() {
    let site = TestSite::new();
    site.briefing(
        "2026-11-27-tareas",
        "title: \"Tareas\"\ndate: 2026-11-27T08:00:00Z\nlanguage: es",
        "- [x] Leer el informe[^a]\n- [ ] Llamar a la fuente[^a]\n\n[^a]: Según Reuters.\n",
    );
    site.briefing(
        "2026-11-26-tasks",
        "title: \"Tasks\"\ndate: 2026-11-26T08:00:00Z",
        "- [ ] Call the source[^1]\n\n[^1]: Per Reuters.\n",
    );
    site.build_at_now().unwrap();
    let es = site.html("briefings/tareas/index.html");
    assert_eq!(
        attrs(&es, "input[type=checkbox]", "aria-label"),
        ["Hecho", "Pendiente"]
    );
    assert_eq!(
        attrs(&es, "sup.footnote-reference a", "aria-label"),
        ["Nota 1", "Nota 1"]
    );
    assert_eq!(attrs(&es, "section.footnotes", "aria-label"), ["Notas"]);
    assert_eq!(
        attrs(&es, "a.footnote-backref", "aria-label"),
        [
            "Volver a la referencia 1",
            "Volver a la referencia 1, cita 2"
        ]
    );
    let en = site.html("briefings/tasks/index.html");
    assert_eq!(
        attrs(&en, "input[type=checkbox]", "aria-label"),
        ["Not done"]
    );
    assert_eq!(attrs(&en, "section.footnotes", "aria-label"), ["Footnotes"]);

    // An override, escaped in the attribute, reaches the next (warm) build.
    site.write(
        "site.toml",
        format!(
            "{}\n[translations]\nfootnotes = \"Notes & \\\"asides\\\"\"\n",
            common::SITE_TOML
        ),
    );
    site.build_at_now().unwrap();
    let en = site.html("briefings/tasks/index.html");
    assert_eq!(
        attrs(&en, "section.footnotes", "aria-label"),
        ["Notes & \"asides\""]
    );
    let es = site.html("briefings/tareas/index.html");
    assert_eq!(attrs(&es, "section.footnotes", "aria-label"), ["Notas"]);
}

#[test]
fn an_unknown_language_falls_back_to_english_with_one_warning() {
    // [sitemap] goes last: a `timezone` below it would be refused as a
    // setting in the wrong table.
    let site = TestSite::with_config(&format!(
        "{}\n[sitemap]\nnews = false\n",
        common::SITE_TOML.replace("language = \"en\"", "language = \"tlh\"")
    ));
    for (slug, day) in [("a", "27"), ("b", "26")] {
        site.briefing(
            &format!("2026-11-{day}-{slug}"),
            &format!("title: \"{slug}\"\ndate: 2026-11-{day}T08:00:00Z\nlanguage: xx"),
            "Body.\n",
        );
    }
    let report = site.build_at_now().unwrap();
    let messages: Vec<&str> = report.warnings.iter().map(|w| w.message.as_str()).collect();
    let about = |lang: &str| {
        messages
            .iter()
            .filter(|m| m.starts_with(&format!("language \"{lang}\"")))
            .count()
    };
    assert_eq!(about("tlh"), 1, "{messages:?}");
    assert_eq!(about("xx"), 1, "{messages:?}");
    let front = site.html("index.html");
    assert_eq!(attrs(&front, "html", "lang"), ["tlh"]);
    assert_eq!(one(&front, "h1"), "Latest briefings");
    assert_eq!(one(&front, ".card time"), "27 November 2026");
}

#[test]
fn site_toml_overrides_a_word_and_adds_a_language() {
    let site = TestSite::with_config(&format!(
        "{}\n[translations]\nsources = \"Reporting\"\n\n[translations.it]\nlatest = \"Ultime\"\n",
        common::SITE_TOML
    ));
    site.briefing(
        "2026-11-27-a",
        "title: \"A\"\ndate: 2026-11-27T08:00:00Z\nsources:\n  - { title: Reuters, url: \"https://www.reuters.com/\" }",
        "Body.\n",
    );
    site.briefing(
        "2026-11-26-b",
        "title: \"B\"\ndate: 2026-11-26T08:00:00Z\nlanguage: it",
        "Corpo.\n",
    );
    site.build_at_now().unwrap();
    let a = site.html("briefings/a/index.html");
    assert_eq!(one(&a, "#sources-title"), "Reporting");
    let b = site.html("briefings/b/index.html");
    assert_eq!(one(&b, ".site-nav a"), "Ultime");
    // Italian month names from the locale data; the missing words in English.
    assert_eq!(one(&b, ".meta time"), "26 novembre 2026");
    assert_eq!(texts(&b, ".site-nav a")[1], "Archive");
}

#[test]
fn check_lists_the_keys_a_language_is_missing() {
    let site = TestSite::with_config(
        &(common::SITE_TOML.replace("language = \"en\"", "language = \"it\"")
            + "\n[translations.it]\nlatest = \"Ultime\"\nsources = \"Fonti\"\n"),
    );
    site.briefing(
        "2026-11-27-a",
        "title: \"A\"\ndate: 2026-11-27T08:00:00Z",
        "Corpo.\n",
    );
    let out = site.run_at_now("check", &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let line = stderr
        .lines()
        .find(|l| l.contains("missing for language \"it\""))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(line.contains("archive, "), "{line}");
    assert!(line.contains("tags"), "{line}");
    assert!(!line.contains("latest,"), "{line}");
    assert!(!line.contains("sources,"), "{line}");
    // A build lists nothing: the keys are check's to list.
    let report = site.build_at_now().unwrap();
    assert!(
        report
            .warnings
            .iter()
            .all(|w| !w.message.contains("missing")),
        "{:?}",
        report.warnings
    );
}
