//! Measuring text with the fonts that will draw it: usvg lays the text out
//! (shaping and all), so a width measured here is the width drawn.
//!
//! A text is split into runs of one font each ([`Fonts::runs`]), drawn as
//! a `<text>` each, and measured the same way. usvg reports a text's ink
//! box, not its advance: each run is measured between two sentinels,
//! `|run|`, less the width of `||` in the same font, so that the
//! sentinels' side bearings cancel out and the run's advance is left.

use std::collections::HashMap;

use resvg::usvg;

use super::fonts::{Fonts, Run};

/// The size texts are measured at; widths scale linearly from it.
pub const REFERENCE: f64 = 100.0;

/// How a text is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Style {
    /// The font family, as `font-family` names it.
    pub family: &'static str,
    /// The weight, 100 to 900.
    pub weight: u16,
}

/// XML text with `&`, `<`, `>`, `"` and `'` escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The advance of each run at [`REFERENCE`] size, at `weight`.
pub fn measure_runs(fonts: &Fonts, runs: &[(u16, &Run)]) -> Vec<f64> {
    // One `||` per font, then one `|run|` per distinct run.
    let mut empties: Vec<(u16, &str)> = runs.iter().map(|(w, r)| (*w, r.family.as_str())).collect();
    empties.sort_unstable();
    empties.dedup();
    let mut distinct: Vec<(u16, &Run)> = runs.to_vec();
    distinct
        .sort_unstable_by(|a, b| (a.0, &a.1.family, &a.1.text).cmp(&(b.0, &b.1.family, &b.1.text)));
    distinct.dedup();
    let mut texts: Vec<(u16, &str, String)> = Vec::with_capacity(empties.len() + distinct.len());
    texts.extend(empties.iter().map(|&(w, f)| (w, f, "||".to_string())));
    texts.extend(
        distinct
            .iter()
            .map(|(w, r)| (*w, r.family.as_str(), format!("|{}|", r.text))),
    );
    let widths = ink_widths(fonts, &texts);
    let (empty, rest) = widths.split_at(empties.len());
    let empty: HashMap<(u16, &str), Option<f64>> =
        empties.iter().copied().zip(empty.iter().copied()).collect();
    let mut width: HashMap<(u16, &Run), f64> = HashMap::with_capacity(distinct.len());
    // A font without `|` (a colour emoji font) draws no sentinel and drops
    // `||`: such a run is measured alone, its ink box taken for its
    // advance, which for emoji images is near enough. (All of a title's
    // runs were once given a width of 100 a character then, so that a
    // flag, two characters, took the room of two and a family emoji,
    // seven characters, of seven.)
    let mut alone: Vec<(u16, &Run)> = Vec::new();
    for (&(w, r), measured) in distinct.iter().zip(rest) {
        match (measured, empty[&(w, r.family.as_str())]) {
            (Some(m), Some(e)) => {
                width.insert((w, r), (m - e).max(0.0));
            }
            _ => alone.push((w, r)),
        }
    }
    if !alone.is_empty() {
        let texts: Vec<(u16, &str, String)> = alone
            .iter()
            .map(|(w, r)| (*w, r.family.as_str(), r.text.clone()))
            .collect();
        for (&(w, r), measured) in alone.iter().zip(ink_widths(fonts, &texts)) {
            // Nothing drawn at all: err on the wide side, so that nothing
            // is clipped.
            let wide = REFERENCE * r.text.chars().count() as f64;
            width.insert((w, r), measured.unwrap_or(wide));
        }
    }
    runs.iter().map(|&(w, r)| width[&(w, r)]).collect()
}

/// The ink width of each `(weight, family, text)` at [`REFERENCE`] size,
/// laid out by usvg in one document; `None` for a text usvg dropped (one
/// whose font draws none of its characters).
fn ink_widths(fonts: &Fonts, texts: &[(u16, &str, String)]) -> Vec<Option<f64>> {
    let mut svg = String::from(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" xml:space="preserve">"#,
    );
    for (i, (weight, family, content)) in texts.iter().enumerate() {
        svg.push_str(&format!(
            r#"<text id="t{i}" x="0" y="{REFERENCE}" font-family="'{}'" font-weight="{weight}" font-size="{REFERENCE}">{}</text>"#,
            escape(family),
            escape(content)
        ));
    }
    svg.push_str("</svg>");
    let mut widths = vec![None; texts.len()];
    if let Ok(tree) = usvg::Tree::from_str(&svg, &fonts.options()) {
        for node in tree.root().children() {
            if let usvg::Node::Text(t) = node
                && let Some(i) = t
                    .id()
                    .strip_prefix('t')
                    .and_then(|i| i.parse::<usize>().ok())
                && let Some(w) = widths.get_mut(i)
            {
                *w = Some(f64::from(t.bounding_box().width()));
            }
        }
    }
    widths
}

/// The advance of each text at [`REFERENCE`] size, set in its style: the
/// sum of its runs'.
pub fn measure(fonts: &Fonts, texts: &[(Style, &str)]) -> Vec<f64> {
    let split: Vec<(u16, Vec<Run>)> = texts
        .iter()
        .map(|(style, text)| (style.weight, fonts.runs(style.family, style.weight, text)))
        .collect();
    let all: Vec<(u16, &Run)> = split
        .iter()
        .flat_map(|(w, runs)| runs.iter().map(move |r| (*w, r)))
        .collect();
    let mut widths = measure_runs(fonts, &all).into_iter();
    split
        .iter()
        .map(|(_, runs)| widths.by_ref().take(runs.len()).sum())
        .collect()
}
