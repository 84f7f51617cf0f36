//! Breaking a headline into lines: where a line may end (the Unicode line
//! breaking algorithm, UAX #14, so that CJK breaks between ideographs and
//! Latin between words), and the largest size at which it fits its box in
//! at most four lines.
//!
//! Widths come from the fonts ([`super::measure`]), measured once at a
//! reference size: text without hinting scales linearly, so a size is
//! tried by arithmetic alone.

use std::ops::Range;

/// What must stay on one line, and the space after it, which vanishes at
/// the end of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// The text, without its trailing space.
    pub text: String,
    /// The space after it (often `" "`, often empty).
    pub space: String,
}

/// A piece's widths at the reference size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Widths {
    /// The text's advance.
    pub text: f64,
    /// The trailing space's advance.
    pub space: f64,
}

/// The box a headline must fit.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    /// The widest a line may be, in pixels.
    pub width: f64,
    /// The most lines the headline may take.
    pub max_lines: usize,
    /// The largest size to try, in pixels.
    pub max_size: f64,
    /// The smallest size to try before giving up.
    pub min_size: f64,
}

/// A headline fitted to its frame.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    /// The font size, in pixels.
    pub size: f64,
    /// The pieces on each line.
    pub lines: Vec<Range<usize>>,
}

/// The pieces of `text` between its break opportunities.
pub fn pieces(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut start = 0;
    for (at, _) in unicode_linebreak::linebreaks(text) {
        let chunk = &text[start..at];
        start = at;
        let trimmed = chunk.trim_end();
        if trimmed.is_empty() {
            // Space before the first piece, or between two spaces.
            if let Some(last) = out.last_mut() {
                let last: &mut Piece = last;
                last.space.push_str(chunk);
            }
            continue;
        }
        out.push(Piece {
            text: trimmed.to_string(),
            space: chunk[trimmed.len()..].to_string(),
        });
    }
    out
}

/// The width of pieces `range` on one line at `scale` times the
/// reference size (the last piece's space does not count).
pub fn line_width(widths: &[Widths], range: Range<usize>, scale: f64) -> f64 {
    let Some(last) = range.end.checked_sub(1) else {
        return 0.0;
    };
    let sum: f64 = widths[range.clone()].iter().map(|w| w.text + w.space).sum();
    (sum - widths[last].space) * scale
}

/// Greedy line filling: each line takes as many pieces as fit in `width`
/// at `scale`. A piece wider than `width` takes a line of its own.
pub fn wrap(widths: &[Widths], scale: f64, width: f64) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    while start < widths.len() {
        let mut end = start + 1;
        let mut used = widths[start].text * scale;
        while end < widths.len() {
            let next = used + (widths[end - 1].space + widths[end].text) * scale;
            if next > width {
                break;
            }
            used = next;
            end += 1;
        }
        lines.push(start..end);
        start = end;
    }
    lines
}

/// Whether `lines` fit `frame` at `scale`.
fn fits(widths: &[Widths], lines: &[Range<usize>], scale: f64, frame: &Frame) -> bool {
    lines.len() <= frame.max_lines
        && lines
            .iter()
            .all(|l| line_width(widths, l.clone(), scale) <= frame.width)
}

/// The largest whole-pixel size from `frame.max_size` down to
/// `frame.min_size` at which the pieces fit the frame, each at `reference`
/// size measuring `widths`; `None` when they fit at none. The lines are
/// then balanced: as even as the same number of lines allows, so that the
/// last line is not one lonely word.
pub fn fit(widths: &[Widths], reference: f64, frame: &Frame) -> Option<Fit> {
    let mut size = frame.max_size.floor();
    while size >= frame.min_size {
        let scale = size / reference;
        let lines = wrap(widths, scale, frame.width);
        if fits(widths, &lines, scale, frame) {
            return Some(Fit {
                size,
                lines: balance(widths, scale, frame.width, lines),
            });
        }
        size -= 1.0;
    }
    None
}

/// The narrowest wrap with as many lines as `lines`, found by bisection
/// on the width: what CSS calls `text-wrap: balance`.
fn balance(
    widths: &[Widths],
    scale: f64,
    width: f64,
    lines: Vec<Range<usize>>,
) -> Vec<Range<usize>> {
    if lines.len() < 2 {
        return lines;
    }
    let count = lines.len();
    let (mut low, mut high) = (0.0, width);
    let mut best = lines;
    for _ in 0..16 {
        let mid = (low + high) / 2.0;
        let tried = wrap(widths, scale, mid);
        let overflows = tried
            .iter()
            .any(|l| line_width(widths, l.clone(), scale) > mid);
        if tried.len() <= count && !overflows {
            high = mid;
            best = tried;
        } else {
            low = mid;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Widths of a monospaced font: each character 0.5 of the reference
    /// size (50 px at 100 px), each space 25 px.
    fn mono(pieces: &[Piece]) -> Vec<Widths> {
        pieces
            .iter()
            .map(|p| Widths {
                text: 50.0 * p.text.chars().count() as f64,
                space: 25.0 * p.space.chars().count() as f64,
            })
            .collect()
    }

    const FRAME: Frame = Frame {
        width: 1000.0,
        max_lines: 4,
        max_size: 72.0,
        min_size: 8.0,
    };

    fn text_of(pieces: &[Piece], fit: &Fit) -> Vec<String> {
        fit.lines
            .iter()
            .map(|r| {
                let mut s = String::new();
                for (i, p) in pieces[r.clone()].iter().enumerate() {
                    s.push_str(&p.text);
                    if i + 1 < r.len() {
                        s.push_str(&p.space);
                    }
                }
                s
            })
            .collect()
    }

    #[test]
    fn pieces_break_between_words_and_between_ideographs() {
        let p = pieces("Oil  rises, again");
        assert_eq!(
            p,
            [
                Piece {
                    text: "Oil".into(),
                    space: "  ".into()
                },
                Piece {
                    text: "rises,".into(),
                    space: " ".into()
                },
                Piece {
                    text: "again".into(),
                    space: "".into()
                },
            ]
        );
        let cjk: Vec<String> = pieces("東京の株価").into_iter().map(|p| p.text).collect();
        assert_eq!(cjk, ["東", "京", "の", "株", "価"]);
        // A hyphen is a break opportunity; the hyphen stays on its line.
        let hy: Vec<String> = pieces("long-term").into_iter().map(|p| p.text).collect();
        assert_eq!(hy, ["long-", "term"]);
    }

    #[test]
    fn a_short_headline_takes_the_largest_size_on_one_line() {
        let p = pieces("Oil rises");
        let fit = fit(&mono(&p), 100.0, &FRAME).unwrap();
        assert_eq!(fit.size, 72.0);
        assert_eq!(text_of(&p, &fit), ["Oil rises"]);
    }

    #[test]
    fn a_long_headline_shrinks_to_four_lines_that_fit() {
        let headline = "word ".repeat(40);
        let p = pieces(headline.trim());
        let w = mono(&p);
        let fit = fit(&w, 100.0, &FRAME).unwrap();
        assert!(fit.lines.len() <= 4, "{fit:?}");
        assert!(fit.size < 72.0);
        for l in &fit.lines {
            assert!(line_width(&w, l.clone(), fit.size / 100.0) <= FRAME.width);
        }
        // One pixel larger does not fit.
        let bigger = (fit.size + 1.0) / 100.0;
        let lines = wrap(&w, bigger, FRAME.width);
        assert!(
            lines.len() > 4,
            "{} lines at {}",
            lines.len(),
            fit.size + 1.0
        );
        // Every piece is on a line, once, in order.
        let covered: Vec<usize> = fit.lines.iter().flat_map(|r| r.clone()).collect();
        assert_eq!(covered, (0..p.len()).collect::<Vec<_>>());
    }

    #[test]
    fn two_hundred_characters_fit_in_four_lines() {
        let headline = "Ministers agree a sweeping overhaul of the energy market after a winter of record prices, rolling blackouts and mounting pressure from industry, unions and households across the country's north";
        let headline = &headline[..headline.len().min(200)];
        let p = pieces(headline);
        let fit = fit(&mono(&p), 100.0, &FRAME).unwrap();
        assert!(fit.lines.len() <= 4);
        assert!(fit.size >= 30.0, "{}", fit.size);
    }

    #[test]
    fn lines_are_balanced() {
        // Greedy filling would leave "eight" alone on the second line.
        let p = pieces("one two three four five six seven eight");
        let frame = Frame {
            width: 1200.0,
            ..FRAME
        };
        let fit = fit(&mono(&p), 100.0, &frame).unwrap();
        let lines = text_of(&p, &fit);
        assert_eq!(lines.len(), 2, "{lines:?}");
        let (a, b) = (lines[0].len() as i64, lines[1].len() as i64);
        assert!((a - b).abs() <= 8, "{lines:?}");
    }

    #[test]
    fn a_piece_too_wide_for_any_size_does_not_fit() {
        let p = pieces(&"x".repeat(400));
        assert_eq!(fit(&mono(&p), 100.0, &FRAME), None);
    }
}
