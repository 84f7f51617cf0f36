//! A briefing's file read again after parsing, for what is kept out of
//! memory (the search index's text, the line an error quotes): only if it
//! still holds the bytes the briefing was parsed from.

use std::path::Path;

use super::{Briefing, fingerprint, split};
use crate::error::Diagnostic;

/// The plain text of briefing `b`'s body, read again from its source
/// under `root`, for the search index (which keeps no text in memory).
/// The file must still hold the bytes `b` was parsed from.
pub fn body_text(root: &Path, b: &Briefing) -> Result<String, Diagnostic> {
    let bytes = read_again(root, b)?;
    let text = split::decode(&b.source, &bytes)?;
    let parts = split::split(&b.source, &text)?;
    Ok(crate::content::markdown::body_text(parts.body))
}

/// The decoded text of briefing `b`'s file, read again from under `root`,
/// which its positions count in: a [`Briefing`] keeps where a name is
/// written, not the line, for the rare error that quotes it. The file
/// must still hold the bytes `b` was parsed from.
pub fn source_text(root: &Path, b: &Briefing) -> Result<String, Diagnostic> {
    let bytes = read_again(root, b)?;
    Ok(split::decode(&b.source, &bytes)?.into_owned())
}

/// The bytes of `b`'s file, or an error if they are not those it was
/// parsed from.
fn read_again(root: &Path, b: &Briefing) -> Result<Vec<u8>, Diagnostic> {
    let bytes = std::fs::read(root.join(&b.source)).map_err(|e| {
        Diagnostic::error(&b.source, format!("cannot read the file again: {e}"))
            .with_hint("check that it still exists and is readable, then build again")
    })?;
    if fingerprint(&b.source, &bytes) != b.fingerprint {
        return Err(Diagnostic::error(
            &b.source,
            "the file changed while the site was being built",
        )
        .with_hint("build again once it is saved"));
    }
    Ok(bytes)
}
