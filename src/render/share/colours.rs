//! The card's colours: the theme's light colours, read from its stylesheet
//! (`style.css`, the site's own when it has one), so that a site that
//! changes `--accent` gets cards in its accent.

use serde::Serialize;

/// The colours `card.svg` is drawn in: the custom properties of the
/// stylesheet's first `:root` block (the light theme).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Colours {
    /// `--bg`: the background.
    pub bg: String,
    /// `--fg`: the text.
    pub fg: String,
    /// `--accent`: the accent (links, the rule at the top).
    pub accent: String,
    /// `--muted`: secondary text (the date).
    pub muted: String,
    /// `--rule`: hairlines and the tags' borders.
    pub rule: String,
    /// `--chip`: the tags' background.
    pub chip: String,
}

impl Default for Colours {
    /// The built-in theme's light colours.
    fn default() -> Self {
        Colours {
            bg: "#fbfaf7".into(),
            fg: "#1b1b1f".into(),
            accent: "#a3261b".into(),
            muted: "#595961".into(),
            rule: "#e2ded4".into(),
            chip: "#f4f1ea".into(),
        }
    }
}

/// Whether `value` is a colour SVG can take as it is: a hex colour, a
/// name, or `rgb(…)` / `hsl(…)` (no `var(…)`, no quotes).
fn plain_colour(value: &str) -> bool {
    !value.is_empty()
        && !value.contains("var(")
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "#(),.% ".contains(c))
}

/// The colours of `css`: each custom property of its first `:root { … }`
/// block that is a plain colour, the built-in theme's for the rest.
pub(super) fn from_css(css: &str) -> Colours {
    let mut colours = Colours::default();
    let Some(start) = css.find(":root") else {
        return colours;
    };
    let block = &css[start..];
    let (Some(open), Some(close)) = (block.find('{'), block.find('}')) else {
        return colours;
    };
    if close < open {
        return colours;
    }
    for decl in block[open + 1..close].split(';') {
        let Some((name, value)) = decl.split_once(':') else {
            continue;
        };
        let value = value.trim();
        if !plain_colour(value) {
            continue;
        }
        let slot = match name.trim() {
            "--bg" => &mut colours.bg,
            "--fg" => &mut colours.fg,
            "--accent" => &mut colours.accent,
            "--muted" => &mut colours.muted,
            "--rule" => &mut colours.rule,
            "--chip" => &mut colours.chip,
            _ => continue,
        };
        *slot = value.to_string();
    }
    colours
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_stylesheet_gives_the_defaults() {
        let css = include_str!("../../../templates/style.css");
        assert_eq!(from_css(css), Colours::default());
    }

    #[test]
    fn a_site_stylesheet_changes_what_it_sets() {
        let c = from_css(
            ":root { --accent: #0055aa; --bg: var(--x); --fg:rgb(1, 2, 3) }\n@media (prefers-color-scheme: dark) { :root { --accent: red; } }",
        );
        assert_eq!(c.accent, "#0055aa");
        assert_eq!(c.fg, "rgb(1, 2, 3)");
        assert_eq!(c.bg, Colours::default().bg);
        assert_eq!(from_css("body { color: red }"), Colours::default());
    }
}
