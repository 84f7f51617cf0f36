//! What text is made of, as far as choosing fonts and breaking long words
//! go: clusters (a character with the marks, joiners and modifiers that go
//! with it), emoji, and the invisible controls that take no font.

/// Whether `c` belongs with the character before it (`prev`): a combining
/// mark, a variation selector, a joiner or what it joins, an emoji
/// modifier or tag, the second of a flag's two regional indicators.
fn extends(prev: char, c: char) -> bool {
    let u = c as u32;
    prev == '\u{200D}'
        || (regional(prev) && regional(c))
        || matches!(u,
            0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A
            | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x0900..=0x0903
            | 0x093A..=0x094F | 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E
            | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x200C..=0x200D
            | 0x20D0..=0x20FF | 0x3099..=0x309A | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F
            | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F | 0xE0100..=0xE01EF)
}

fn regional(c: char) -> bool {
    matches!(c as u32, 0x1F1E6..=0x1F1FF)
}

/// The clusters of `text`, in order. (A flag of three regional
/// indicators pairs the first two, as it should; a fourth then starts
/// over, which is close enough for choosing fonts.)
pub(super) fn clusters(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut start = 0;
    let mut prev: Option<char> = None;
    let mut paired = false;
    for (i, c) in text.char_indices() {
        let joins = prev.is_some_and(|p| extends(p, c) && !(regional(c) && paired));
        if !joins && i > start {
            out.push(&text[start..i]);
            start = i;
        }
        paired = joins && regional(c);
        prev = Some(c);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Whether a cluster is an emoji to draw in colour: an emoji character,
/// or any character asked for as one (a variation selector 16, a keycap,
/// a joiner, a skin tone).
pub(super) fn emoji(cluster: &str) -> bool {
    cluster.chars().enumerate().any(|(i, c)| {
        let u = c as u32;
        matches!(u, 0xFE0F | 0x20E3 | 0x200D | 0x1F3FB..=0x1F3FF)
            || (i == 0 && matches!(u, 0x1F000..=0x1FAFF))
    })
}

/// Whether `c` draws nothing and needs no font: bidirectional controls,
/// joiners, variation selectors on their own.
pub(super) fn ignorable(c: char) -> bool {
    matches!(c as u32,
        0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2069 | 0xFE00..=0xFE0F | 0xFEFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_modifiers_and_flags_stay_with_their_base() {
        assert_eq!(clusters("e\u{301}x"), ["e\u{301}", "x"]);
        assert_eq!(clusters("👍🏽!"), ["👍🏽", "!"]);
        assert_eq!(clusters("👩‍💻a"), ["👩‍💻", "a"]);
        assert_eq!(clusters("🇯🇵🇫🇷"), ["🇯🇵", "🇫🇷"]);
        assert_eq!(clusters("1\u{FE0F}\u{20E3}"), ["1\u{FE0F}\u{20E3}"]);
        assert_eq!(clusters(""), Vec::<&str>::new());
    }

    #[test]
    fn emoji_clusters() {
        assert!(emoji("🎉"));
        assert!(emoji("👍🏽"));
        assert!(emoji("☀\u{FE0F}"));
        assert!(emoji("1\u{FE0F}\u{20E3}"));
        assert!(!emoji("☀"));
        assert!(!emoji("a"));
        assert!(!emoji("東"));
    }
}
