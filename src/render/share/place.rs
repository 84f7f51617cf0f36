//! Texts placed on the card: split into runs of one font, measured, and
//! set left to right or right to left.

use super::fonts::{Fonts, Run};
use super::measure::{REFERENCE, Style, measure_runs};
use crate::render::views::share::RunView;

/// Rounds to a tenth of a pixel, so the SVG text stays short and stable.
pub(super) fn px(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// Whether text reads right to left: its first strong character does.
pub(super) fn right_to_left(text: &str) -> bool {
    use unicode_bidi::{BidiClass, bidi_class};
    text.chars()
        .map(bidi_class)
        .find(|c| matches!(c, BidiClass::L | BidiClass::R | BidiClass::AL))
        .is_some_and(|c| c != BidiClass::L)
}

/// A text to place: its style and size, and where its box starts.
pub(super) struct Placing {
    pub(super) style: Style,
    pub(super) text: String,
    pub(super) size: f64,
    /// The left edge of its box, or with `right`, the right edge.
    pub(super) x: f64,
    pub(super) right: bool,
}

/// Each text split into runs of one font and placed: left to right, or
/// right to left for a text whose first strong character is (each run
/// then isolated right to left, so that a number in it lands on the
/// right side).
pub(super) fn place(fonts: &Fonts, items: &[Placing]) -> Vec<(f64, Vec<RunView>)> {
    let split: Vec<Vec<Run>> = items
        .iter()
        .map(|p| {
            let rtl = right_to_left(&p.text);
            let mut runs = fonts.runs(p.style.family, p.style.weight, &p.text);
            if rtl {
                for r in &mut runs {
                    // A space ending a run (`27 ` before an Arabic month)
                    // would be put back in the paragraph's direction, at
                    // the run's far edge; a no-break space stays between
                    // the two runs, where it was written.
                    let kept = r.text.trim_end_matches(' ');
                    let spaces = r.text.len() - kept.len();
                    r.text = format!("\u{2067}{kept}{}\u{2069}", "\u{a0}".repeat(spaces));
                }
            }
            runs
        })
        .collect();
    let all: Vec<(u16, &Run)> = items
        .iter()
        .zip(&split)
        .flat_map(|(p, runs)| runs.iter().map(move |r| (p.style.weight, r)))
        .collect();
    let mut widths = measure_runs(fonts, &all).into_iter();
    items
        .iter()
        .zip(&split)
        .map(|(p, runs)| {
            let w: Vec<f64> = widths
                .by_ref()
                .take(runs.len())
                .map(|w| w * p.size / REFERENCE)
                .collect();
            let total: f64 = w.iter().sum();
            let left = if p.right { p.x - total } else { p.x };
            let rtl = right_to_left(&p.text);
            let mut before = 0.0;
            let placed = runs
                .iter()
                .zip(&w)
                .map(|(r, w)| {
                    let x = if rtl {
                        left + total - before - w
                    } else {
                        left + before
                    };
                    before += w;
                    RunView {
                        text: r.text.clone(),
                        family: format!("'{}'", r.family.replace('\'', "")),
                        x: px(x),
                    }
                })
                .collect();
            (px(left), placed)
        })
        .collect()
}
