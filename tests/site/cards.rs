//! Share cards: a PNG beside each briefing page, what the page's Open
//! Graph tags say about it, `[cards]`, and the errors a site can make.

use crate::common;

use common::{SITE_TOML, TestSite, attrs, fm};

/// A decoded PNG's width and height.
fn dimensions(bytes: &[u8]) -> (u32, u32) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut buf).unwrap();
    (frame.width, frame.height)
}

fn meta(doc: &scraper::Html, key: &str) -> Vec<String> {
    let mut values = attrs(doc, &format!("meta[property=\"{key}\"]"), "content");
    values.extend(attrs(doc, &format!("meta[name=\"{key}\"]"), "content"));
    values
}

fn two_briefings(site: &TestSite) {
    site.briefing(
        "2025-08-08-force",
        &fm(
            "Force weighed against the cartels",
            "2025-08-08T17:30:00-04:00",
            &["Mexico", "Cartels"],
        ),
        "Officials confirmed.\n",
    );
    site.briefing(
        "2025-08-09-lead",
        &format!(
            "{}\nimage: {{ src: lead.png, alt: The border at dawn }}",
            fm("With a lead image", "2025-08-09T08:00:00Z", &["Mexico"])
        ),
        "A photograph.\n",
    );
    site.write("content/briefings/lead.png", b"not really a png");
}

#[test]
fn each_briefing_has_a_card_its_page_offers() {
    let site = TestSite::with_config(&format!("{SITE_TOML}\n[cards]\nenabled = true\n"));
    two_briefings(&site);
    let report = site.build_at_now().unwrap();
    assert_eq!(report.cards.drawn, 2);
    for slug in ["force", "lead"] {
        let bytes =
            std::fs::read(site.public().join(format!("briefings/{slug}/card.png"))).unwrap();
        assert_eq!(dimensions(&bytes), (1200, 630), "{slug}");
    }
    let doc = site.html("briefings/force/index.html");
    assert_eq!(
        meta(&doc, "og:image"),
        ["https://example.org/briefings/force/card.png"]
    );
    assert_eq!(meta(&doc, "og:image:width"), ["1200"]);
    assert_eq!(meta(&doc, "og:image:height"), ["630"]);
    assert_eq!(
        meta(&doc, "og:image:alt"),
        ["Force weighed against the cartels"]
    );
    assert_eq!(meta(&doc, "twitter:card"), ["summary_large_image"]);
    // The manifest lists the cards: they are brief's output.
    let manifest = site.read(".brief-manifest");
    assert!(
        manifest.contains("briefings/force/card.png\n"),
        "{manifest}"
    );
    // Cards are images, not pages: not in the sitemap.
    assert!(!site.read("sitemap.xml").contains("card.png"));
}

#[test]
fn a_lead_image_stays_the_shared_image() {
    let site = TestSite::with_config(&format!("{SITE_TOML}\n[cards]\nenabled = true\n"));
    two_briefings(&site);
    site.build_at_now().unwrap();
    let doc = site.html("briefings/lead/index.html");
    assert_eq!(
        meta(&doc, "og:image"),
        ["https://example.org/briefings/lead.png"]
    );
    assert_eq!(meta(&doc, "og:image:alt"), ["The border at dawn"]);
    assert!(meta(&doc, "og:image:width").is_empty());
}

#[test]
fn cards_can_be_turned_off() {
    let site = TestSite::with_config(&format!("{SITE_TOML}\n[cards]\nenabled = false\n"));
    two_briefings(&site);
    let report = site.build_at_now().unwrap();
    assert_eq!(report.cards, Default::default());
    assert!(!site.public().join("briefings/force/card.png").exists());
    assert!(!site.root().join(".brief-cache/cards").exists());
    let doc = site.html("briefings/force/index.html");
    assert!(meta(&doc, "og:image").is_empty());
    assert_eq!(meta(&doc, "twitter:card"), ["summary"]);

    // The site's default image, as before cards.
    let site = TestSite::with_config(&format!(
        "{SITE_TOML}\n[publisher]\nimage = \"/share.png\"\n[cards]\nenabled = false\n"
    ));
    two_briefings(&site);
    site.build_at_now().unwrap();
    let doc = site.html("briefings/force/index.html");
    assert_eq!(meta(&doc, "og:image"), ["https://example.org/share.png"]);
}

#[test]
fn a_site_may_draw_its_own_card() {
    let site = TestSite::with_config(&format!("{SITE_TOML}\n[cards]\nenabled = true\n"));
    two_briefings(&site);
    site.build_at_now().unwrap();
    let built_in = std::fs::read(site.public().join("briefings/force/card.png")).unwrap();
    site.write(
        "templates/card.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" height=\"315\"><rect width=\"600\" height=\"315\" fill=\"#123456\"/>{% for line in card.headline.lines %}{% for run in line.runs %}<text x=\"{{ run.x / 2 }}\" y=\"{{ line.y / 2 }}\" font-family=\"{{ run.family }}\" font-size=\"{{ line.size / 2 }}\" fill=\"#fff\">{{ run.text }}</text>{% endfor %}{% endfor %}</svg>",
    );
    let report = site.build_at_now().unwrap();
    assert_eq!(report.cards.drawn, 2);
    let own = std::fs::read(site.public().join("briefings/force/card.png")).unwrap();
    assert_ne!(own, built_in);
    // Drawn at 1200×630 whatever size the template says.
    assert_eq!(dimensions(&own), (1200, 630));
    // A template, not a theme asset: not published at the root.
    assert!(!site.public().join("card.svg").exists());
}

#[test]
fn a_broken_card_template_is_an_error_naming_it() {
    let site = TestSite::with_config(&format!("{SITE_TOML}\n[cards]\nenabled = true\n"));
    two_briefings(&site);
    site.write("templates/card.svg", "<svg>\n{{ card.nope }}\n</svg>");
    let err = site.build_at_now().unwrap_err().to_string();
    assert!(err.contains("templates/card.svg:2"), "{err}");

    site.write(
        "templates/card.svg",
        "<svg><text>{{ card.headline.size }}</svg>",
    );
    let err = site.build_at_now().unwrap_err().to_string();
    assert!(err.contains("templates/card.svg"), "{err}");
    assert!(err.contains("not valid SVG"), "{err}");
    assert!(err.contains("brief eject card.svg"), "{err}");
}

#[test]
fn site_fonts_load_or_the_error_names_them() {
    let font = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/fonts/noto/NotoSans-Regular.ttf"),
    )
    .unwrap();
    let site = TestSite::with_config(&format!(
        "{SITE_TOML}\n[cards]\nenabled = true\nfonts = [\"fonts/mine.ttf\"]\n"
    ));
    two_briefings(&site);
    let err = site.build_at_now().unwrap_err().to_string();
    assert!(err.contains("fonts/mine.ttf"), "{err}");
    assert!(err.contains("relative to the site root"), "{err}");

    site.write("fonts/mine.ttf", b"not a font at all");
    let err = site.build_at_now().unwrap_err().to_string();
    assert!(err.contains("fonts/mine.ttf"), "{err}");
    assert!(err.contains("not a font"), "{err}");

    site.write("fonts/mine.ttf", &font);
    site.build_at_now().unwrap();
}
