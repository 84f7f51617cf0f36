//! Placeholder text a build refuses to publish: the lede `brief new`
//! writes, filler copy (`Lorem ipsum dolor…`), the newsroom's `TKTK`
//! ("to come") and a headline or a front-matter field that is only a
//! placeholder word.
//!
//! Each finding is an error in a build and a warning in a preview (see
//! `build::checks::check_placeholders`). The markers are chosen so that
//! real reporting does not trip them: `TK` alone (TK Maxx) and "lorem
//! ipsum" without "dolor" (an article about filler text) pass.

use crate::content::front_matter::YamlSource;
use crate::error::Diagnostic;

/// The placeholder lede `brief new` writes into a new briefing.
pub const PLACEHOLDER_LEDE: &str = "Write the lede here: what happened, in one or two sentences.";

/// Values that are only a placeholder, in any field: compared without
/// case and without surrounding punctuation.
const PLACEHOLDER_WORDS: &[&str] = &[
    "todo",
    "tbd",
    "tbc",
    "tk",
    "tktk",
    "fixme",
    "xxx",
    "placeholder",
];

/// Further words that are placeholders as a headline only (a caption may
/// well be "Untitled", an artwork's name).
const HEADLINE_WORDS: &[&str] = &[
    "untitled",
    "headline",
    "title",
    "new briefing",
    "headline here",
    "title here",
];

/// `text` without case and surrounding punctuation, for the word lists.
fn bare(text: &str) -> String {
    text.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Whether the headline `title` is only a placeholder word.
pub(super) fn is_placeholder_title(title: &str) -> bool {
    let bare = bare(title);
    PLACEHOLDER_WORDS.contains(&bare.as_str()) || HEADLINE_WORDS.contains(&bare.as_str())
}

/// The first placeholder in a body: its byte offset, what it is, and
/// what to do about it.
pub(super) fn find_in_body(body: &str) -> Option<(usize, &'static str, &'static str)> {
    // Both phrases start with a common letter, each place of which was
    // compared (1.4% of a cold build's CPU); each is looked for only in a
    // body holding its rarer word in any case, which nearly none does.
    // Lowercasing a copy and two `memmem` searches cost a tenth.
    let lower = body.as_bytes().to_ascii_lowercase();
    let holds = |word: &str| memchr::memmem::find(&lower, word.as_bytes()).is_some();
    if holds("lede")
        && let Some(at) = find_phrase(body, PLACEHOLDER_LEDE)
    {
        return Some((
            at,
            "the briefing still holds the placeholder lede from `brief new`",
            "write the lede in its place: what happened, in one or two sentences",
        ));
    }
    if holds("ipsum")
        && let Some(at) = find_phrase(body, "lorem ipsum dolor")
    {
        return Some((
            at,
            "the briefing holds filler text (`Lorem ipsum dolor …`)",
            "replace the filler with the briefing's own text",
        ));
    }
    // `str::find` compares a byte at a time here; `memmem` a block.
    memchr::memmem::find(body.as_bytes(), b"TKTK").map(|at| {
        (
            at,
            "the briefing holds a `TKTK` (to come) mark",
            "fill in what is still to come, or cut the sentence",
        )
    })
}

/// What placeholder a front-matter field's text holds, if any: a value
/// that is only a placeholder word, or one of the body's marks.
pub(super) fn find_in_field(text: &str) -> Option<&'static str> {
    if PLACEHOLDER_WORDS.contains(&bare(text).as_str()) {
        return Some("is only a placeholder");
    }
    let (_, what, _) = find_in_body(text)?;
    Some(if what.contains("lede") {
        "holds the placeholder lede from `brief new`"
    } else if what.contains("filler") {
        "holds filler text (`Lorem ipsum dolor …`)"
    } else {
        "holds a `TKTK` (to come) mark"
    })
}

/// A diagnostic for each of `texts` (what the field is, its value as
/// written) that holds a placeholder, at the field's value.
pub(super) fn in_fields(
    texts: &[(&str, &serde_saphyr::Spanned<String>)],
    src: &YamlSource<'_>,
) -> Vec<Diagnostic> {
    texts
        .iter()
        .filter_map(|(field, text)| {
            let what = find_in_field(&text.value)?;
            Some(
                src.error_at(&text.referenced, format!("{field} {what}"))
                    .with_hint("write the real text in its place, or remove the field"),
            )
        })
        .collect()
}

/// The byte offset of the first `needle` (ASCII) in `hay`, ignoring ASCII
/// case, where each space of `needle` stands for any run of white space:
/// filler or a lede hard-wrapped by the editor (`Lorem ipsum⏎dolor`),
/// written with two spaces or pasted with non-breaking ones is the same
/// text. Every body is searched in a cold build, so only the places where
/// its first letter is (found with memchr) are compared.
fn find_phrase(hay: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    let first = needle.first()?;
    memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), hay)
        .find(|&at| phrase_at(&hay[at..], needle))
}

/// Whether `hay` begins with `needle`, as [`find_phrase`] compares them.
fn phrase_at(mut hay: &[u8], needle: &[u8]) -> bool {
    for &n in needle {
        if n == b' ' {
            let mut skipped = 0;
            loop {
                match hay {
                    [b, rest @ ..] if b.is_ascii_whitespace() => hay = rest,
                    [0xC2, 0xA0, rest @ ..] => hay = rest,
                    _ => break,
                }
                skipped += 1;
            }
            if skipped == 0 {
                return false;
            }
        } else {
            match hay.split_first() {
                Some((h, rest)) if h.eq_ignore_ascii_case(&n) => hay = rest,
                _ => return false,
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_headlines_and_not_real_ones() {
        for t in ["TODO", "todo:", "[TK]", "Untitled", "  Headline  ", "TBD."] {
            assert!(is_placeholder_title(t), "{t}");
        }
        for t in [
            "TODO apps win over teachers",
            "TK Maxx sales rise",
            "Title IX ruling",
        ] {
            assert!(!is_placeholder_title(t), "{t}");
        }
    }

    #[test]
    fn placeholder_fields_and_not_real_ones() {
        assert_eq!(find_in_field(" TKTK "), Some("is only a placeholder"));
        assert_eq!(find_in_field("[TK]"), Some("is only a placeholder"));
        assert!(
            find_in_field("A chart. Lorem ipsum dolor sit amet")
                .is_some_and(|w| w.contains("filler"))
        );
        assert!(find_in_field("Reuters, TKTK").is_some());
        for fine in ["Untitled", "TK Maxx annual report", "Reuters", ""] {
            assert_eq!(find_in_field(fine), None, "{fine}");
        }
    }

    #[test]
    fn filler_and_to_come_marks_are_found_where_they_are() {
        let body = "Exports fell.\n\nLOREM IPSUM DOLOR sit amet.";
        assert_eq!(find_in_body(body).map(|f| f.0), Some(15));
        assert!(find_in_body("The minister said TKTK on Friday.").is_some());
        assert!(find_in_body(PLACEHOLDER_LEDE).is_some());
        // Hard-wrapped, spaced twice or pasted with non-breaking spaces.
        let wrapped = "Exports fell.\n\nLorem  ipsum\ndolor sit amet.";
        assert_eq!(find_in_body(wrapped).map(|f| f.0), Some(15));
        assert!(find_in_body("Lorem\u{a0}ipsum\u{a0}dolor").is_some());
        let lede = "Write the lede here: what happened,\nin one or two sentences.";
        assert!(find_in_body(lede).is_some_and(|f| f.1.contains("lede")));
        for fine in [
            "TK Maxx opened a store.",
            "Designers call it lorem ipsum, after Cicero.",
            "Dolor, said the minister.",
            "Lorem ipsum-dolor",
            "Loremipsum dolor",
        ] {
            assert_eq!(find_in_body(fine), None, "{fine}");
        }
    }
}
