//! Cards drawn with real fonts: scripts the bundled fonts lack come out in
//! real glyphs (no tofu), and a headline fits its box. The CJK, Arabic and
//! emoji fonts are the system's: `.ci/run` installs Debian's
//! fonts-noto-cjk, fonts-noto-core and fonts-noto-color-emoji.

use std::sync::OnceLock;

use resvg::{tiny_skia, usvg};

use super::fonts::{FontSources, Fonts};
use super::layout::{self, Content};
use super::*;

/// The fonts of a site in English, loaded once for every test.
fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        let config = Config::parse(
            std::path::Path::new("/nowhere"),
            "title = \"T\"\nbase_url = \"https://example.org/\"\n",
            &Default::default(),
        )
        .unwrap();
        let fonts = FontSources::scan(&config).unwrap().load();
        for (what, sample) in [("CJK", "東"), ("Arabic", "ع"), ("emoji", "🎉")] {
            let runs = fonts.runs(fonts::SERIF, 700, sample);
            assert!(
                runs[0].family != fonts::SERIF,
                "no {what} font on this machine: install fonts-noto-cjk, fonts-noto-core and fonts-noto-color-emoji (as .ci/run does)"
            );
        }
        fonts
    })
}

/// The SVG text of a card with `title`, from the built-in template.
fn svg_of(title: &str, tags: Vec<&str>) -> String {
    let content = Content {
        site_name: "The Briefing",
        title,
        date: "8 August 2025".into(),
        tags,
        colours: Colours::default(),
        rtl: false,
    };
    let view = layout::lay_out(fonts(), &content);
    let dir = tempfile::tempdir().unwrap();
    let templates = Templates::load(dir.path(), Default::default()).unwrap();
    let mut cx = Context::new();
    cx.insert("card", &view);
    templates.tera.render(TEMPLATE, &cx).unwrap()
}

/// Every glyph of every text in `svg`: (its text, its font, its id).
fn glyphs(svg: &str) -> Vec<(String, String, u32)> {
    let tree = usvg::Tree::from_str(svg, &fonts().options()).unwrap();
    let db = tree.fontdb();
    let mut out = Vec::new();
    for node in tree.root().children() {
        if let usvg::Node::Text(t) = node {
            for span in t.layouted() {
                for g in &span.positioned_glyphs {
                    let family = db
                        .face(g.font)
                        .map(|f| f.families[0].0.clone())
                        .unwrap_or_default();
                    out.push((g.text.clone(), family, g.id.0));
                }
            }
        }
    }
    out
}

/// Glyph 0 is a font's "no such character" box: tofu. (Unicode isolates
/// draw nothing, whatever glyph they get.)
fn tofu(svg: &str) -> Vec<(String, String, u32)> {
    glyphs(svg)
        .into_iter()
        .filter(|(text, _, id)| *id == 0 && !text.chars().all(script::ignorable))
        .collect()
}

/// The card's pixels.
fn pixels(svg: &str) -> tiny_skia::Pixmap {
    raster::pixels(fonts(), svg).unwrap()
}

/// Whether the pixel at (x, y) differs from the card's background.
fn inked(p: &tiny_skia::Pixmap, x: u32, y: u32) -> bool {
    let c = p.pixel(x, y).unwrap();
    (c.red(), c.green(), c.blue()) != (0xfb, 0xfa, 0xf7)
}

/// How many pixels of the headline's box (and beside it) are inked.
fn ink(p: &tiny_skia::Pixmap, xs: std::ops::Range<u32>) -> usize {
    (150..500)
        .flat_map(|y| xs.clone().map(move |x| (x, y)))
        .filter(|&(x, y)| inked(p, x, y))
        .count()
}

const CJK: &str = "東京株式市場、日経平均が史上最高値を更新　半導体関連株に買いが集まる";
const ARABIC: &str = "ارتفاع أسعار النفط بعد قرار أوبك خفض الإنتاج في 2025";
const EMOJI: &str = "Markets rally 🚀📈 as inflation cools 🎉 — what it means for you 👍🏽 🇯🇵";

#[test]
fn cjk_arabic_and_emoji_headlines_have_real_glyphs() {
    for title in [CJK, ARABIC, EMOJI] {
        let svg = svg_of(title, vec!["日本", "النفط", "Energy"]);
        assert_eq!(tofu(&svg), [], "{title}");
        let p = pixels(&svg);
        assert!(ink(&p, 80..1120) > 5_000, "{title}: the headline is blank");
        assert_eq!(ink(&p, 1124..1200), 0, "{title}: ink right of the box");
        assert_eq!(ink(&p, 0..76), 0, "{title}: ink left of the box");
    }
}

#[test]
fn the_tofu_check_sees_tofu() {
    // Unassigned code points: no font has them.
    let unknown: String = [
        '\u{378}', '\u{379}', '\u{380}', '\u{381}', '\u{382}', '\u{383}',
    ]
    .iter()
    .collect();
    assert!(!tofu(&svg_of(&unknown, vec![])).is_empty());
    // Tofu is one box whatever the character: two unknown characters draw
    // the same pixels, two ideographs do not.
    let draw = |c: &str| pixels(&svg_of(c, vec![])).data().to_vec();
    assert_eq!(draw("\u{378}"), draw("\u{379}"));
    assert_ne!(draw("東"), draw("京"));
    assert_ne!(draw("東京株式市場"), draw(&unknown));
}

#[test]
fn a_200_character_headline_fits_in_four_lines() {
    let title = "Ministers agree a sweeping overhaul of the energy market after a winter of record prices, rolling blackouts and mounting pressure from industry, unions and households across the north of the country, and the opposition calls for an inquiry";
    let title = &title[..200];
    let content = Content {
        site_name: "The Briefing",
        title,
        date: "8 August 2025".into(),
        tags: vec![],
        colours: Colours::default(),
        rtl: false,
    };
    let view = layout::lay_out(fonts(), &content);
    assert!(view.headline.lines.len() <= 4, "{:?}", view.headline);
    assert!(view.headline.size >= 24.0, "{}", view.headline.size);
    let shown: String = view
        .headline
        .lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(shown, title.trim_end(), "every word is shown");
    let p = pixels(&svg_of(title, vec![]));
    assert_eq!(ink(&p, 1124..1200), 0, "ink right of the box");
    // A word longer than a line is broken between letters, not clipped.
    let long = "x".repeat(300);
    assert_eq!(ink(&pixels(&svg_of(&long, vec![])), 1124..1200), 0);
}

#[test]
fn the_same_card_gives_the_same_svg_and_key() {
    let a = svg_of(EMOJI, vec!["Markets"]);
    assert_eq!(a, svg_of(EMOJI, vec!["Markets"]));
    let b = svg_of("Markets rally", vec!["Markets"]);
    assert_ne!(card_key(&a, 1), card_key(&b, 1));
    assert_ne!(card_key(&a, 1), card_key(&a, 2), "the fonts are in the key");
    assert_eq!(card_key(&a, 1), card_key(&a, 1));
}

#[test]
fn a_right_to_left_card_is_mirrored_and_keeps_its_spaces() {
    let content = Content {
        site_name: "الموجز",
        title: "واشنطن تدرس استخدام القوة",
        date: "27 نوفمبر 2026".into(),
        tags: vec!["المكسيك", "الأمن"],
        colours: Colours::default(),
        rtl: true,
    };
    let view = layout::lay_out(fonts(), &content);
    // The site's name and the date end at the right margin, the tags start
    // at the left one, the first tag read first (rightmost).
    let right_edge = |t: &crate::render::views::share::TextView| {
        t.runs.iter().map(|r| r.x).fold(0.0_f64, f64::max)
    };
    assert!(view.site_name.x > 600.0, "{:?}", view.site_name);
    assert!(
        view.date.x > 600.0 && right_edge(&view.date) < 1120.0,
        "{:?}",
        view.date
    );
    assert_eq!(view.tags.len(), 2);
    assert!(view.tags[1].x < view.tags[0].x, "{:?}", view.tags);
    assert!((view.tags[1].x - 80.0).abs() < 1.0, "{:?}", view.tags[1]);
    // The space between the day and the month stays between them: a
    // no-break space inside the day's run, not a trailing one.
    let day = &view.date.runs[0].text;
    assert!(day.contains("27\u{a0}"), "{:?}", view.date.runs);
}

#[test]
fn an_emoji_is_measured_as_drawn_not_as_its_characters() {
    // The colour emoji font has no `|`, so the sentinels that measure a
    // run drew nothing and every run of the title fell back to 100 a
    // character: a flag (two characters) took the room of two emoji and a
    // family (seven) of seven, leaving wide gaps on the card.
    let width = |s: &str| {
        measure::measure(
            fonts(),
            &[(
                measure::Style {
                    family: fonts::SERIF,
                    weight: 700,
                },
                s,
            )],
        )[0]
    };
    let one = width("\u{1F389}");
    assert!(one > 60.0 && one < 160.0, "🎉 is {one}");
    for emoji in [
        "\u{1F1FA}\u{1F1E6}",
        "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}",
        "\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}",
    ] {
        let w = width(emoji);
        assert!((w - one).abs() < 20.0, "{emoji} is {w}, one emoji {one}");
    }
    // Text around an emoji keeps its own measure.
    let words = width("talks");
    let mixed = width("talks \u{1F1FA}\u{1F1E6}");
    assert!(mixed < words + one + 60.0, "{mixed} for {words} + {one}");
}

#[test]
fn a_headline_far_too_long_for_the_card_is_laid_out_at_once() {
    // Every letter of a 200,000-letter headline (one word) was measured,
    // again and again as the end was cut a tenth at a time: 46 s for one
    // card in a release build. Only what four lines at the smallest size
    // could hold is measured.
    let title = "W".repeat(200_000);
    let content = Content {
        site_name: "The Briefing",
        title: &title,
        date: "8 August 2025".into(),
        tags: vec![],
        colours: Colours::default(),
        rtl: false,
    };
    let started = std::time::Instant::now();
    let view = layout::lay_out(fonts(), &content);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    assert!(view.headline.lines.len() <= 4, "{:?}", view.headline);
    let last = &view.headline.lines.last().unwrap().text;
    assert!(last.ends_with('…'), "{last}");
}
