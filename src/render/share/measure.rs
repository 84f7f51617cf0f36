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
    let mut svg = String::from(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" xml:space="preserve">"#,
    );
    let mut text = |weight: u16, family: &str, content: &str| {
        svg.push_str(&format!(
            r#"<text x="0" y="{REFERENCE}" font-family="'{}'" font-weight="{weight}" font-size="{REFERENCE}">|{}|</text>"#,
            escape(family),
            escape(content)
        ));
    };
    for (weight, family) in &empties {
        text(*weight, family, "");
    }
    for (weight, run) in &distinct {
        text(*weight, &run.family, &run.text);
    }
    svg.push_str("</svg>");
    let widths: Vec<f64> = match usvg::Tree::from_str(&svg, &fonts.options()) {
        Ok(tree) => tree
            .root()
            .children()
            .iter()
            .map(|node| match node {
                usvg::Node::Text(t) => f64::from(t.bounding_box().width()),
                _ => 0.0,
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    if widths.len() != empties.len() + distinct.len() {
        // Only a text usvg dropped (none has no sentinel) could get here:
        // err on the wide side, so that nothing is clipped.
        return runs
            .iter()
            .map(|(_, r)| REFERENCE * r.text.chars().count() as f64)
            .collect();
    }
    let (empty, rest) = widths.split_at(empties.len());
    let empty: HashMap<(u16, &str), f64> =
        empties.iter().copied().zip(empty.iter().copied()).collect();
    let width: HashMap<(u16, &Run), f64> = distinct
        .iter()
        .zip(rest)
        .map(|(&(w, r), &width)| ((w, r), (width - empty[&(w, r.family.as_str())]).max(0.0)))
        .collect();
    runs.iter().map(|&(w, r)| width[&(w, r)]).collect()
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
