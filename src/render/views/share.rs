//! The share card as templates see it: `card` in `card.svg` (text already
//! measured, wrapped and placed), and `briefing.share_card` on the
//! briefing page, for its Open Graph tags.

use serde::Serialize;

use crate::render::share::Colours;

/// `briefing.share_card`: the image a briefing page offers to social
/// networks, when `[cards]` is on.
#[derive(Debug, Serialize)]
pub struct ShareImage<'a> {
    /// The absolute URL of `card.png`.
    pub url: String,
    /// Its width in pixels (1200).
    pub width: u32,
    /// Its height in pixels (630).
    pub height: u32,
    /// Its alternative text: the headline.
    pub alt: &'a str,
}

/// `card` in `card.svg`: everything placed, in pixels.
#[derive(Debug, Serialize)]
pub struct ShareCardView {
    /// The card's width (1200).
    pub width: u32,
    /// The card's height (630).
    pub height: u32,
    /// The theme's light colours.
    pub colours: Colours,
    /// The font families: `serif` (headline, site name) and `sans`.
    pub fonts: FontsView,
    /// The site's name, at the top.
    pub site_name: TextView,
    /// The headline, wrapped and sized to fit its box.
    pub headline: HeadlineView,
    /// The date, in words (`8 August 2025`).
    pub date: TextView,
    /// Up to three tags, as many as fit beside the date.
    pub tags: Vec<ChipView>,
}

/// The font families the card is set in.
#[derive(Debug, Serialize)]
pub struct FontsView {
    /// The headline's and site name's family.
    pub serif: &'static str,
    /// The date's and tags' family.
    pub sans: &'static str,
}

/// A line of text and where it goes.
#[derive(Debug, Serialize)]
pub struct TextView {
    /// The text.
    pub text: String,
    /// The text in runs of one font each, placed: draw each as a
    /// `<text>` of its own (see [`RunView`]).
    pub runs: Vec<RunView>,
    /// Where it starts: its left edge.
    pub x: f64,
    /// Its baseline.
    pub y: f64,
    /// Its font size.
    pub size: f64,
}

/// A stretch of text in one font, placed: a `<text x="{{ run.x }}"
/// font-family="{{ run.family }}">` of its own. The fonts lack a character
/// of the text they are asked to set (a CJK character, an emoji), so the
/// text is split into runs in the fonts that have them.
#[derive(Debug, Serialize)]
pub struct RunView {
    /// The text (right-to-left text comes wrapped in Unicode isolates).
    pub text: String,
    /// The font family to set it in, quoted for `font-family`.
    pub family: String,
    /// Where it starts (its left edge).
    pub x: f64,
}

/// The headline: its lines, their size and direction.
#[derive(Debug, Serialize)]
pub struct HeadlineView {
    /// One to four lines, each placed.
    pub lines: Vec<TextView>,
    /// The font size of every line.
    pub size: f64,
    /// The distance between baselines.
    pub line_height: f64,
    /// `ltr` or `rtl`.
    pub direction: &'static str,
}

/// A tag drawn as a chip: a rounded box with its name.
#[derive(Debug, Serialize)]
pub struct ChipView {
    /// The tag's name.
    pub name: String,
    /// The name in runs of one font each, placed.
    pub runs: Vec<RunView>,
    /// The box's left edge.
    pub x: f64,
    /// The box's top edge.
    pub y: f64,
    /// The box's width.
    pub width: f64,
    /// The box's height.
    pub height: f64,
    /// Where the name starts.
    pub text_x: f64,
    /// The name's baseline.
    pub text_y: f64,
    /// The name's font size.
    pub size: f64,
}
