//! `srcset` lists (`a.png 1x, b.png 2x`), as the HTML standard parses
//! them: each candidate a URL, then its descriptors, up to a comma.

/// One image candidate: its URL and its descriptors (`2x`, `640w`), as
/// written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate<'a> {
    /// The URL, as written.
    pub url: &'a str,
    /// What follows it (`2x`, `640w`), trimmed; empty when nothing does.
    pub descriptors: &'a str,
}

/// The candidates of a `srcset` value, in order. A URL runs to the next
/// whitespace, so it may hold commas (`data:image/png;base64,…`), save
/// trailing ones, which end the candidate; descriptors run to the next
/// comma outside parentheses.
pub fn parse(value: &str) -> Vec<Candidate<'_>> {
    let mut out = Vec::new();
    let mut rest = value;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if rest.is_empty() {
            return out;
        }
        let end = rest
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let written = &rest[..end];
        let url = written.trim_end_matches(',');
        rest = &rest[end..];
        if url.len() < written.len() {
            // `a.png,b.png`: the commas end this candidate.
            out.push(Candidate {
                url,
                descriptors: "",
            });
            continue;
        }
        let mut depth = 0usize;
        let stop = rest
            .char_indices()
            .find(|&(_, c)| {
                match c {
                    '(' => depth += 1,
                    ')' => depth = depth.saturating_sub(1),
                    _ => {}
                }
                c == ',' && depth == 0
            })
            .map_or(rest.len(), |(i, _)| i);
        out.push(Candidate {
            url,
            descriptors: rest[..stop].trim(),
        });
        rest = &rest[stop..];
    }
}

/// `value` with each candidate's URL replaced by `map`'s answer (kept
/// when it has none), written back as `url descriptors, …`.
pub fn map_urls(value: &str, mut map: impl FnMut(&str) -> Option<String>) -> String {
    let candidates = parse(value);
    let mut out = String::with_capacity(value.len() * 2);
    for (i, c) in candidates.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        match map(c.url) {
            Some(url) => out.push_str(&url),
            None => out.push_str(c.url),
        }
        if !c.descriptors.is_empty() {
            out.push(' ');
            out.push_str(c.descriptors);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(value: &str) -> Vec<(&str, &str)> {
        parse(value)
            .into_iter()
            .map(|c| (c.url, c.descriptors))
            .collect()
    }

    #[test]
    fn candidates_keep_their_descriptors() {
        assert_eq!(
            pairs("a.png 1x, b.png 2x"),
            [("a.png", "1x"), ("b.png", "2x")]
        );
        assert_eq!(pairs("b.png"), [("b.png", "")]);
        assert_eq!(
            pairs("  small.jpg 480w,\n large.jpg   1080w  "),
            [("small.jpg", "480w"), ("large.jpg", "1080w")]
        );
        // A comma ends a URL only when whitespace follows it.
        assert_eq!(pairs("a.png, b.png 2x"), [("a.png", ""), ("b.png", "2x")]);
        assert_eq!(pairs("a.png,b.png 2x"), [("a.png,b.png", "2x")]);
        assert_eq!(pairs("a,b.png 1x"), [("a,b.png", "1x")]);
        assert_eq!(
            pairs("data:image/png;base64,AA== 1x, b.png 2x"),
            [("data:image/png;base64,AA==", "1x"), ("b.png", "2x")]
        );
        assert_eq!(
            pairs("a.png f(1, 2), b.png"),
            [("a.png", "f(1, 2)"), ("b.png", "")]
        );
        assert!(pairs(" , ").is_empty());
    }

    #[test]
    fn urls_are_mapped_and_descriptors_kept() {
        let out = map_urls("a.png 1x, https://o.org/b.png 2x", |u| {
            (!u.starts_with("https:")).then(|| format!("https://e.org/{u}"))
        });
        assert_eq!(out, "https://e.org/a.png 1x, https://o.org/b.png 2x");
    }
}
