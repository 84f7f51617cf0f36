//! `[cards] fonts`: each path a regular file under the site, checked when
//! site.toml is read, so a mistake is named at its place in site.toml
//! (and stops the build before any work) rather than when the first card
//! is drawn. Whether each file is a font is for the cards to say.

use std::path::Path;

use super::{CONFIG_FILE, config_error, keys::find_key};
use crate::error::{BuildError, Diagnostic};

/// Checks each of `fonts` (relative to `root`) when cards are `enabled`.
pub(super) fn check_fonts(
    root: &Path,
    text: &str,
    fonts: &[String],
    enabled: bool,
) -> Result<(), BuildError> {
    if !enabled {
        return Ok(());
    }
    for rel in fonts {
        // Only a file: reading a device (`/dev/zero`) or a named pipe would
        // never end.
        let problem = match std::fs::metadata(root.join(rel)) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => "does not exist".to_string(),
            Err(e) => format!("cannot be read ({e})"),
            Ok(m) if m.is_dir() => "is a folder".into(),
            Ok(m) if !m.is_file() => "is not a regular file".into(),
            Ok(_) => continue,
        };
        let mut d = Diagnostic::error(CONFIG_FILE, format!("cards.fonts: {rel:?} {problem}"));
        if let Some(at) = place(text, rel) {
            d = d.at_offset(text, at);
        }
        return Err(config_error(d.with_hint(
            "give the path of a .ttf, .otf or .ttc file relative to the site root, or remove it from the list",
        )));
    }
    Ok(())
}

/// Where `rel` is written in the `fonts = [...]` list, else the list.
fn place(text: &str, rel: &str) -> Option<usize> {
    let list = find_key(text, "fonts")?;
    let end = text[list..].find(']').map_or(text.len(), |e| list + e);
    Some(text[list..end].find(rel).map_or(list, |at| list + at))
}
