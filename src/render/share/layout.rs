//! Placing a card's text: the site's name at the top, the headline sized
//! to fit its box in at most four lines, the date and up to three tags at
//! the bottom. Every width is measured with the fonts that draw it.

use super::colours::Colours;
use super::fonts::{Fonts, SANS, SERIF};
use super::measure::{REFERENCE, Style, measure};
use super::place::{Placing, place, px, right_to_left};
use super::script;
use super::wrap::{self, Frame, Piece, Widths};
use crate::render::views::share::{ChipView, FontsView, HeadlineView, ShareCardView, TextView};

/// The card's size: what Open Graph and X (Twitter) crop least.
pub const WIDTH: u32 = 1200;
/// The card's height.
pub const HEIGHT: u32 = 630;

const MARGIN: f64 = 80.0;
const INNER: f64 = WIDTH as f64 - 2.0 * MARGIN;
const SITE_SIZE: f64 = 34.0;
const SITE_BASELINE: f64 = 100.0;
/// The headline's box: below the masthead's rules, above the bottom rule.
const HEADLINE_TOP: f64 = 150.0;
const HEADLINE_HEIGHT: f64 = 350.0;
const LINE_HEIGHT: f64 = 1.2;
const MAX_LINES: usize = 4;
/// Four lines at this size fill the box.
const MAX_SIZE: f64 = 72.0;
/// Below this size a word wider than the box is broken between letters
/// rather than the whole headline made smaller.
const BREAK_WORDS_BELOW: f64 = 36.0;
/// The last size tried; a headline that does not fit even so loses words
/// from its end, marked with an ellipsis.
const MIN_SIZE: f64 = 6.0;
const META_SIZE: f64 = 26.0;
const META_BASELINE: f64 = 580.0;
const CHIP_HEIGHT: f64 = 44.0;
const CHIP_PAD: f64 = 18.0;
const CHIP_GAP: f64 = 12.0;
/// The least room between the date and the first tag.
const META_GAP: f64 = 40.0;
/// Measured widths are rounded to the pixel; this keeps a line that
/// measured exactly the box from touching its edge.
const SLACK: f64 = 4.0;

const HEADLINE: Style = Style {
    family: SERIF,
    weight: 700,
};
const META: Style = Style {
    family: SANS,
    weight: 400,
};

/// What a card shows.
#[derive(Debug, Clone, Hash)]
pub struct Content<'a> {
    /// The site's name.
    pub site_name: &'a str,
    /// The headline.
    pub title: &'a str,
    /// The date in words.
    pub date: String,
    /// The briefing's tags, in its order (the first three that fit show).
    pub tags: Vec<&'a str>,
    /// The theme's colours.
    pub colours: Colours,
    /// Whether the briefing's language is written right to left: the
    /// card is mirrored (site name and date at the right, tags at the
    /// left).
    pub rtl: bool,
}

/// `piece` split between its characters (keeping marks with their base),
/// for a word too long for any line.
fn split_letters(piece: &Piece) -> Vec<Piece> {
    let mut out: Vec<Piece> = script::clusters(&piece.text)
        .into_iter()
        .map(|c| Piece {
            text: c.to_string(),
            space: String::new(),
        })
        .collect();
    if let Some(last) = out.last_mut() {
        last.space = piece.space.clone();
    }
    out
}

/// The widths of `pieces` at the reference size.
fn widths_of(fonts: &Fonts, pieces: &[Piece]) -> Vec<Widths> {
    let mut texts: Vec<(Style, &str)> = Vec::with_capacity(pieces.len() * 2);
    for p in pieces {
        texts.push((HEADLINE, &p.text));
        texts.push((HEADLINE, &p.space));
    }
    let w = measure(fonts, &texts);
    w.chunks(2)
        .map(|pair| Widths {
            text: pair[0],
            space: pair[1],
        })
        .collect()
}

/// The most characters of a headline measured: more than four lines at
/// the smallest size hold (4 × 1,040 px over 0.6 px, a tenth of an em at
/// 6 px, narrower than any space or letter), so that a headline longer
/// than that ends with `…` all the same, without every letter of it being
/// measured again at each cut (200,000 letters took 46 s).
const MAX_MEASURED: usize = 8_000;

/// The headline's pieces fitted to the box: the size and the text of each
/// line.
fn fit_headline(fonts: &Fonts, title: &str) -> (f64, Vec<String>) {
    let title = title
        .char_indices()
        .nth(MAX_MEASURED)
        .map_or(title, |(end, _)| &title[..end]);
    let frame = Frame {
        width: INNER - SLACK,
        max_lines: MAX_LINES,
        max_size: MAX_SIZE,
        min_size: MIN_SIZE,
    };
    let mut pieces = wrap::pieces(title);
    let mut widths = widths_of(fonts, &pieces);
    let too_wide = |w: &Widths| w.text * BREAK_WORDS_BELOW / REFERENCE > frame.width;
    if widths.iter().any(too_wide) {
        pieces = pieces
            .iter()
            .zip(&widths)
            .flat_map(|(p, w)| {
                if too_wide(w) {
                    split_letters(p)
                } else {
                    vec![p.clone()]
                }
            })
            .collect();
        widths = widths_of(fonts, &pieces);
    }
    loop {
        if let Some(fit) = wrap::fit(&widths, REFERENCE, &frame) {
            let lines = fit
                .lines
                .iter()
                .map(|range| {
                    let mut line = String::new();
                    for (i, p) in pieces[range.clone()].iter().enumerate() {
                        line.push_str(&p.text);
                        if i + 1 < range.len() {
                            line.push_str(&p.space);
                        }
                    }
                    line
                })
                .collect();
            return (fit.size, lines);
        }
        // Longer than four lines even at the smallest size: the end goes.
        if pieces.len() <= 1 {
            return (MIN_SIZE, vec!["…".into()]);
        }
        let cut = pieces.len() * 9 / 10;
        pieces.truncate(cut.max(1));
        if let Some(last) = pieces.last_mut() {
            last.text.push('…');
            last.space.clear();
        }
        widths = widths_of(fonts, &pieces);
    }
}

/// Lays out the card showing `content`.
pub fn lay_out(fonts: &Fonts, content: &Content<'_>) -> ShareCardView {
    let tags: Vec<&str> = content.tags.iter().copied().take(3).collect();
    let mut texts = vec![(HEADLINE, content.site_name), (META, content.date.as_str())];
    texts.extend(tags.iter().map(|t| (META, *t)));
    let measured = measure(fonts, &texts);
    let scale = |size: f64| size / REFERENCE;
    let site_size = px(SITE_SIZE.min(INNER / measured[0].max(1.0) * REFERENCE));

    let (size, lines) = fit_headline(fonts, content.title);
    let rtl = right_to_left(content.title);
    let line_height = px(size * LINE_HEIGHT);
    let top = HEADLINE_TOP + (HEADLINE_HEIGHT - line_height * lines.len() as f64) / 2.0;

    let date_width = measured[1] * scale(META_SIZE);
    let mut chips: Vec<(&str, f64)> = Vec::new();
    let mut used = 0.0;
    for (name, w) in tags.iter().zip(&measured[2..]) {
        let width = (w * scale(META_SIZE) + 2.0 * CHIP_PAD).ceil();
        let gap = if chips.is_empty() { 0.0 } else { CHIP_GAP };
        if MARGIN + date_width + META_GAP + used + gap + width > MARGIN + INNER {
            break;
        }
        used += gap + width;
        chips.push((name, width));
    }
    // Tags at the end of the line: at the right, or on a right-to-left
    // card at the left, the first tag read first (rightmost).
    let mut chip_x = Vec::with_capacity(chips.len());
    if content.rtl {
        let mut x = MARGIN + used;
        for (_, width) in &chips {
            x -= width;
            chip_x.push(x);
            x -= CHIP_GAP;
        }
    } else {
        let mut x = MARGIN + INNER - used;
        for (_, width) in &chips {
            chip_x.push(x);
            x += width + CHIP_GAP;
        }
    }
    // The site's name and the date at the start of the line.
    let (start, from_right) = if content.rtl {
        (MARGIN + INNER, true)
    } else {
        (MARGIN, false)
    };

    let mut items = vec![
        Placing {
            style: HEADLINE,
            text: content.site_name.to_string(),
            size: site_size,
            x: start,
            right: from_right,
        },
        Placing {
            style: META,
            text: content.date.clone(),
            size: META_SIZE,
            x: start,
            right: from_right,
        },
    ];
    items.extend(chips.iter().zip(&chip_x).map(|((name, _), x)| Placing {
        style: META,
        text: name.to_string(),
        size: META_SIZE,
        x: x + CHIP_PAD,
        right: false,
    }));
    items.extend(lines.iter().map(|line| Placing {
        style: HEADLINE,
        text: line.clone(),
        size,
        x: if rtl { MARGIN + INNER } else { MARGIN },
        right: rtl,
    }));
    let mut placed = place(fonts, &items).into_iter();
    let mut text_view = |text: String, y: f64, size: f64| {
        let (x, runs) = placed.next().unwrap_or_default();
        TextView {
            text,
            x,
            y,
            size,
            runs,
        }
    };
    let site_name = text_view(content.site_name.to_string(), SITE_BASELINE, site_size);
    let date = text_view(content.date.clone(), META_BASELINE, META_SIZE);
    let chip_top = META_BASELINE - CHIP_HEIGHT * 0.72;
    let tags = chips
        .iter()
        .zip(&chip_x)
        .map(|(&(name, width), &x)| {
            let text = text_view(name.to_string(), META_BASELINE, META_SIZE);
            ChipView {
                name: text.text,
                runs: text.runs,
                x: px(x),
                y: px(chip_top),
                width,
                height: CHIP_HEIGHT,
                text_x: px(x + CHIP_PAD),
                text_y: META_BASELINE,
                size: META_SIZE,
            }
        })
        .collect();
    let headline = HeadlineView {
        lines: lines
            .into_iter()
            .enumerate()
            .map(|(i, text)| text_view(text, px(top + i as f64 * line_height + size * 0.9), size))
            .collect(),
        size,
        line_height,
        direction: if rtl { "rtl" } else { "ltr" },
    };

    ShareCardView {
        width: WIDTH,
        height: HEIGHT,
        colours: content.colours.clone(),
        fonts: FontsView {
            serif: SERIF,
            sans: SANS,
        },
        site_name,
        headline,
        date,
        tags,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directions() {
        assert!(!right_to_left("Oil rises"));
        assert!(right_to_left("«النفط يرتفع» 2025"));
        assert!(right_to_left("2025: שלום"));
        assert!(!right_to_left("東京"));
    }

    #[test]
    fn letters_keep_their_marks() {
        let p = Piece {
            text: "e\u{301}👍🏽x".into(),
            space: " ".into(),
        };
        let split: Vec<(String, String)> = split_letters(&p)
            .into_iter()
            .map(|p| (p.text, p.space))
            .collect();
        assert_eq!(
            split,
            [
                ("e\u{301}".into(), "".into()),
                ("👍🏽".into(), "".into()),
                ("x".into(), " ".into())
            ]
        );
    }
}
