//! Reading `site.toml` from disk: its bytes must be UTF-8 text, and each
//! way they are not is named with its place and what to do.

use std::path::Path;

use super::{CONFIG_FILE, config_error};
use crate::error::{BuildError, Diagnostic};

const SAVE_AS_UTF8: &str = "save site.toml as UTF-8 in your editor";

/// The text of `<root>/site.toml`.
pub(super) fn read(root: &Path) -> Result<String, BuildError> {
    let path = root.join(CONFIG_FILE);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(config_error(
                Diagnostic::error(CONFIG_FILE, format!("no {CONFIG_FILE} in {}", root.display()))
                    .with_hint("run brief in the site's folder, pass --root DIR, or create one with `brief init DIR`"),
            ));
        }
        Err(_) if path.is_dir() => {
            return Err(config_error(
                Diagnostic::error(CONFIG_FILE, format!("{} is a folder", path.display()))
                    .with_hint("site.toml is the site's configuration file; see the README"),
            ));
        }
        Err(e) => return Err(BuildError::io(&path, e)),
    };
    decode(bytes)
}

/// `bytes` as text, or an error at the first place they are not UTF-8.
fn decode(bytes: Vec<u8>) -> Result<String, BuildError> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(config_error(
            Diagnostic::error(CONFIG_FILE, "the file is UTF-16; brief reads UTF-8")
                .at("", 1, 1)
                .with_hint(SAVE_AS_UTF8),
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let valid = std::str::from_utf8(&e.as_bytes()[..offset]).unwrap_or_default();
        config_error(
            Diagnostic::error(
                CONFIG_FILE,
                format!("the file is not valid UTF-8 (bad byte at offset {offset})"),
            )
            .at_offset(valid, offset)
            .with_hint(format!(
                "{SAVE_AS_UTF8} (it may be Latin-1 or Windows-1252)"
            )),
        )
    })?;
    if let Some(offset) = text.find('\0') {
        return Err(config_error(
            Diagnostic::error(CONFIG_FILE, "the file contains a NUL byte")
                .at_offset(&text, offset)
                .with_hint(format!(
                    "{SAVE_AS_UTF8}: a NUL byte after every letter is UTF-16"
                )),
        ));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(bytes: &[u8]) -> Diagnostic {
        match decode(bytes.to_vec()) {
            Err(BuildError::Config(d)) => *d,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn text_that_is_not_utf8_is_named_at_its_place() {
        let d = error(b"\xFF\xFEt\0i\0");
        assert!(d.message.contains("UTF-16"), "{d}");
        let d = error(b"title = \"T\"\ndescription = \"Caf\xE9\"\n");
        assert_eq!((d.line, d.column), (Some(2), Some(19)), "{d}");
        assert!(d.hint.unwrap().contains("Latin-1"));
        let d = error(b"t\0i\0t\0l\0e\0");
        assert_eq!((d.line, d.column), (Some(1), Some(2)), "{d}");
        assert!(d.hint.unwrap().contains("UTF-16"));
        assert_eq!(
            decode(b"title = \"T\"\n".to_vec()).unwrap(),
            "title = \"T\"\n"
        );
    }
}
