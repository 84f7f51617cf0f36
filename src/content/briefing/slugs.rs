//! URL slugs: the rule for a valid one, and the one a file name gives.

use std::path::Path;

use serde_saphyr::Spanned;

use crate::content::front_matter::YamlSource;
use crate::error::Diagnostic;

/// A slug is lowercase ASCII letters, digits and single hyphens.
pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 200
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// Checks a slug written in front matter, suggesting a valid one.
pub(super) fn check_slug(
    value: &Spanned<String>,
    src: &YamlSource<'_>,
    out: &mut Vec<Diagnostic>,
) -> Option<String> {
    let s = value.value.trim();
    if is_valid_slug(s) {
        return Some(s.to_string());
    }
    let suggestion = slug::slugify(s);
    let hint = if suggestion.is_empty() {
        "use lowercase letters a-z, digits and hyphens".to_string()
    } else {
        format!("use lowercase letters a-z, digits and hyphens, e.g. `slug: {suggestion}`")
    };
    out.push(
        src.error_at(
            &value.referenced,
            format!("`slug` {s:?} may only hold a-z, 0-9 and `-`"),
        )
        .with_hint(hint),
    );
    None
}

/// The slug from a file name: `2025-08-08-cartels.md` → `cartels`, and
/// `cartels/index.md` → `cartels`.
pub fn default_slug(content_rel: &Path) -> Option<String> {
    let stem = content_rel.file_stem()?.to_str()?;
    let stem = if stem == "index" {
        content_rel.parent()?.file_name()?.to_str()?
    } else {
        stem
    };
    let without_date = strip_date_prefix(stem);
    let slug = slug::slugify(if without_date.is_empty() {
        stem
    } else {
        without_date
    });
    (!slug.is_empty()).then_some(slug)
}

fn strip_date_prefix(stem: &str) -> &str {
    let b = stem.as_bytes();
    let is_date = b.len() >= 10
        && b[..10].iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
    if !is_date {
        return stem;
    }
    stem[10..].trim_start_matches(['-', '_'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_from_file_names() {
        assert_eq!(
            default_slug(Path::new("briefings/2025-08-08-us-cartels.md")).as_deref(),
            Some("us-cartels")
        );
        assert_eq!(
            default_slug(Path::new("briefings/Hello World.md")).as_deref(),
            Some("hello-world")
        );
        assert_eq!(
            default_slug(Path::new("briefings/cartels/index.md")).as_deref(),
            Some("cartels")
        );
        assert_eq!(
            default_slug(Path::new("briefings/2025-08-08.md")).as_deref(),
            Some("2025-08-08")
        );
        assert!(is_valid_slug("a-b-1"));
        for bad in ["A", "a/b", "..", "a b", "", "-a", "é"] {
            assert!(!is_valid_slug(bad), "{bad}");
        }
    }
}
