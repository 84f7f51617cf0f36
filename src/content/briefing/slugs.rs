//! URL slugs: the rule for a valid one, the one a file name gives, and
//! when two names that share one are spellings of the same name.

use std::path::Path;

use serde_saphyr::Spanned;

use crate::content::front_matter::YamlSource;
use crate::error::Diagnostic;

/// The longest slug brief makes or accepts, in bytes. A slug is one
/// segment of an output path (`tags/<slug>/`), and file systems refuse a
/// segment over 255 bytes; 200 leaves room and is more than any real
/// headline needs.
pub const MAX_SLUG: usize = 200;

/// A slug is lowercase ASCII letters, digits and single hyphens.
pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_SLUG
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// The slug of a name (a file name, a tag, an author, a headline): what
/// the slug crate makes of it, cut at a hyphen to at most [`MAX_SLUG`]
/// bytes. A long name would otherwise make a path segment the file
/// system refuses: non-Latin names grow as they are transliterated (80
/// Chinese characters, 240 bytes, become a slug of some 300).
pub fn slug_of(name: &str) -> String {
    let name: String = name.chars().filter(|&c| !break_hint(c)).collect();
    let mut slug = slug::slugify(name);
    if slug.len() > MAX_SLUG {
        // ASCII only, so any byte is a boundary; the slug crate writes no
        // leading, trailing or doubled hyphen, so the cut leaves none.
        let cut = slug.as_bytes()[..=MAX_SLUG]
            .iter()
            .rposition(|&b| b == b'-')
            .filter(|&i| i > 0)
            .unwrap_or(MAX_SLUG);
        slug.truncate(cut);
    }
    slug
}

/// Whether Windows reserves `segment` (a path segment, in any case, with
/// or without an extension: `con`, `NUL.html`, `com1`) for a device. A
/// site whose output holds `briefings/con/` cannot be checked out, copied
/// or deployed from Windows (git refuses the path), so brief refuses to
/// make one rather than rename it behind the editor's back.
pub fn reserved_on_windows(segment: &str) -> bool {
    let stem = segment.split('.').next().unwrap_or(segment);
    let stem = stem.trim_end_matches(' ').to_ascii_lowercase();
    matches!(
        stem.as_str(),
        "con" | "prn" | "aux" | "nul" | "conin$" | "conout$"
    ) || (stem.len() == 4
        && (stem.starts_with("com") || stem.starts_with("lpt"))
        && stem.as_bytes()[3].is_ascii_digit())
}

/// The end of the message and the hint for a slug Windows reserves.
pub(super) fn reserved_hint(slug: &str) -> (String, String) {
    (
        format!(
            "`{slug}` is a device name on Windows, so a site holding that folder cannot be checked out or deployed from Windows"
        ),
        format!("choose another, e.g. `{slug}-news`"),
    )
}

/// Checks a slug written in front matter, suggesting a valid one.
pub(super) fn check_slug(
    value: &Spanned<String>,
    src: &YamlSource<'_>,
    out: &mut Vec<Diagnostic>,
) -> Option<String> {
    let s = value.value.trim();
    if is_valid_slug(s) && reserved_on_windows(s) {
        let (why, hint) = reserved_hint(s);
        out.push(
            src.error_at(&value.referenced, format!("`slug`: {why}"))
                .with_hint(format!("{hint} (`slug: {s}-news`)")),
        );
        return None;
    }
    if is_valid_slug(s) {
        return Some(s.to_string());
    }
    let suggestion = slug_of(s);
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

/// The folder of `content/` that the briefings are kept in by custom
/// (`brief new` writes there).
pub const BRIEFINGS_FOLDER: &str = "briefings";

/// The slug from a file name: `2025-08-08-cartels.md` → `cartels`, and
/// `cartels/index.md` → `cartels`. None for an `index.md` with no folder
/// of its own (in `content/` or `content/briefings/`, where it reads as a
/// section's page, which brief does not have, rather than a briefing).
pub fn default_slug(content_rel: &Path) -> Option<String> {
    let stem = content_rel.file_stem()?.to_str()?;
    let stem = if stem == "index" {
        let folder = content_rel.parent()?;
        if folder == Path::new(BRIEFINGS_FOLDER) {
            return None;
        }
        folder.file_name()?.to_str()?
    } else {
        stem
    };
    let without_date = strip_date_prefix(stem);
    let slug = slug_of(if without_date.is_empty() {
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

/// The key under which spellings of the same name agree: lowercased, with
/// spaces, dashes, underscores and typographic punctuation (full stops,
/// commas, apostrophes, quotes, brackets, slashes) dropped. `Latin
/// America`, `latin-america` and `LATIN AMERICA` match, and so do `Côte
/// d'Ivoire` and `Côte d’Ivoire`; `Côte` and `Cote` do not, although they
/// share a slug, and neither do `C`, `C++` and `C#`: a sign that carries
/// meaning (`+`, `#`, `&`, `@`, `%`, an emoji, …) is kept.
pub fn name_key(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    if name.is_ascii() {
        // ASCII is its own compatibility form, and its own lower case
        // below: most names, without the normalizer's buffers.
        return name
            .chars()
            .filter(|&c| !ignorable(c))
            .map(|c| c.to_ascii_lowercase())
            .collect();
    }
    // Compatibility-normalized first: `é` typed as one character or as
    // `e` and an accent (as macOS and pasted text often give it), and
    // full-width `ＡＢＣ`, are the same name.
    name.nfkc()
        .filter(|&c| !ignorable(c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `c` is an invisible hint of where a line may or may not
/// break (the soft hyphen, the zero-width space, the word joiner and the
/// zero-width no-break space, U+FEFF), which text pasted from a web page
/// carries and which changes nothing in a name: `Sanc\u{AD}tions` is
/// `Sanctions`, in its slug too. Joiners (U+200C, U+200D) are not: they
/// change how a word or an emoji is drawn.
fn break_hint(c: char) -> bool {
    matches!(c, '\u{AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// Whether `c` is a separator or typography, which two spellings of one
/// name may differ by.
fn ignorable(c: char) -> bool {
    c.is_whitespace()
        || break_hint(c)
        || matches!(
            c,
            '-' | '_' | '.' | ',' | ':' | ';' | '!' | '?' | '\'' | '"' | '`'
                | '(' | ')' | '[' | ']' | '{' | '}' | '/' | '\\' | '·' | '…'
        )
        // Hyphens and dashes, then single and double quotation marks.
        || ('\u{2010}'..='\u{2015}').contains(&c)
        || ('\u{2018}'..='\u{201F}').contains(&c)
        || matches!(c, '«' | '»' | '‹' | '›')
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
        // An index.md of no folder of its own is no briefing's name.
        for section in ["briefings/index.md", "index.md"] {
            assert_eq!(default_slug(Path::new(section)), None, "{section}");
        }
        assert_eq!(
            default_slug(Path::new("2025/index.md")).as_deref(),
            Some("2025")
        );
        assert!(is_valid_slug("a-b-1"));
        for bad in ["A", "a/b", "..", "a b", "", "-a", "é"] {
            assert!(!is_valid_slug(bad), "{bad}");
        }
    }

    #[test]
    fn windows_device_names_are_known_in_any_case_and_with_an_extension() {
        for name in [
            "con",
            "NUL",
            "aux",
            "prn",
            "com1",
            "LPT9",
            "con.html",
            "nul.tar.gz",
        ] {
            assert!(reserved_on_windows(name), "{name}");
        }
        for name in ["cone", "console", "com", "com10", "lpt", "a-con", "icon"] {
            assert!(!reserved_on_windows(name), "{name}");
        }
    }

    #[test]
    fn long_names_make_slugs_a_file_system_takes() {
        // 120 Chinese characters transliterate to some 480 bytes.
        let long = "会议".repeat(60);
        for name in [long.as_str(), &"word ".repeat(100), &"x".repeat(300)] {
            let slug = slug_of(name);
            assert!(is_valid_slug(&slug), "{slug}");
            assert!(slug.len() > MAX_SLUG - 20, "cut no shorter than needed");
            assert!(slug_of(name).starts_with(&slug[..50]));
        }
        // Cut at a hyphen when there is one.
        assert!(slug_of(&"word ".repeat(100)).ends_with("-word"));
        assert_eq!(slug_of("Short name"), "short-name");
        let file = format!("briefings/2025-08-08-{long}.md");
        let slug = default_slug(Path::new(&file)).unwrap();
        assert!(is_valid_slug(&slug), "{slug}");
    }

    #[test]
    fn spellings_agree_across_separators_and_typography_not_signs() {
        for (a, b) in [
            ("Latin America", "latin-america"),
            ("LATIN AMERICA", "latin_america"),
            ("Côte d'Ivoire", "Côte d’Ivoire"),
            ("St. Louis", "St Louis"),
            ("“Quoted”", "quoted"),
            ("Caf\u{e9}", "Cafe\u{301}"),
            ("ＡＢＣ News", "ABC News"),
            ("Sanc\u{AD}tions", "Sanc\u{200B}tions\u{2060}\u{FEFF}"),
        ] {
            assert_eq!(name_key(a), name_key(b), "{a} / {b}");
        }
        for (a, b) in [
            ("C", "C++"),
            ("C", "C#"),
            ("C++", "C#"),
            ("Côte", "Cote"),
            ("R&D", "RD"),
            ("Tech 🚀", "Tech"),
        ] {
            assert_ne!(name_key(a), name_key(b), "{a} / {b}");
        }
    }

    #[test]
    fn an_ascii_name_keys_as_the_normalizing_path_would() {
        use unicode_normalization::UnicodeNormalization;
        let slow = |name: &str| -> String {
            name.nfkc()
                .filter(|&c| !ignorable(c))
                .flat_map(char::to_lowercase)
                .collect()
        };
        let ascii: String = (0u8..128).map(char::from).collect();
        for name in [
            "Latin America",
            "R&D",
            "C++ / C#",
            "St. Louis, MO",
            "\tTabs\nand\rbreaks\x0b",
            "'Quoted' \"names\" (and) [brackets]",
            ascii.as_str(),
        ] {
            assert!(name.is_ascii());
            assert_eq!(name_key(name), slow(name), "{name:?}");
        }
    }
}
