//! Reading `site.toml` from disk: its bytes must be UTF-8 text, and each
//! way they are not is named with its place and what to do.

use std::path::Path;

use super::{CONFIG_FILE, config_error};
use crate::error::{BuildError, Diagnostic};

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

/// `bytes` as text, or an error at the first place they are not UTF-8
/// ([`crate::error::utf8_text`]).
fn decode(bytes: Vec<u8>) -> Result<String, BuildError> {
    match crate::error::utf8_text(CONFIG_FILE, &bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(d) => Err(config_error(d)),
    }
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
