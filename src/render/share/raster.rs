//! Drawing a card: its SVG text through usvg and resvg into pixels, the
//! pixels into a PNG.

use resvg::{tiny_skia, usvg};

use super::fonts::Fonts;
use super::layout::{HEIGHT, WIDTH};

/// Draws `svg` at the card's size and encodes it as an opaque PNG. The
/// error is usvg's, for a template that is not valid SVG.
pub fn draw(fonts: &Fonts, svg: &str) -> Result<Vec<u8>, String> {
    let pixmap = pixels(fonts, svg)?;
    encode(&pixmap).map_err(|e| e.to_string())
}

/// The card's pixels: the SVG scaled to 1200×630 whatever its own size.
pub fn pixels(fonts: &Fonts, svg: &str) -> Result<tiny_skia::Pixmap, String> {
    let tree = usvg::Tree::from_str(svg, &fonts.options()).map_err(|e| e.to_string())?;
    let mut pixmap = tiny_skia::Pixmap::new(WIDTH, HEIGHT).ok_or("no room for the pixels")?;
    pixmap.fill(tiny_skia::Color::WHITE);
    let size = tree.size();
    let transform = tiny_skia::Transform::from_scale(
        WIDTH as f32 / size.width(),
        HEIGHT as f32 / size.height(),
    );
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    Ok(pixmap)
}

/// The pixels as an RGB PNG: the card is opaque (drawn over white), so the
/// alpha channel would only add a quarter to the file.
fn encode(pixmap: &tiny_skia::Pixmap) -> Result<Vec<u8>, png::EncodingError> {
    let rgb: Vec<u8> = pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    let mut out = Vec::with_capacity(64 * 1024);
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&rgb)?;
    writer.finish()?;
    Ok(out)
}
