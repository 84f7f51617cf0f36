//! The front matter's fences where an editor did not put them (a second
//! block below the first, two briefings in one file; blank lines above
//! the first), and values YAML reads otherwise than they look (`null`).
//! Each is refused at its line; the previous output is kept.

use crate::common::{self, fm};

#[test]
fn a_second_front_matter_block_in_the_body_is_refused_at_its_fence() {
    // Two briefings pasted into one file (or one merged into another)
    // published the second's front matter as a heading of the first's
    // text, and its text with it, even when it said `draft: true`.
    let (site, before) = crate::built_site();
    site.briefing(
        "merged",
        &fm("First", "2025-01-05", &["X"]),
        "First text.\n---\ntitle: \"Second\"\ndate: 2025-01-06\ndraft: true\n---\nSecret draft text.\n",
    );
    // A rule, and front matter shown in a code block, are text.
    site.briefing(
        "rules",
        &fm("Rules", "2025-01-05", &["X"]),
        "Text.\n\n---\n\nMore.\n\n```yaml\n---\ntitle: x\n---\n```\n",
    );
    let ds = crate::content_errors(site.build().unwrap_err());
    let got: Vec<(String, Option<usize>, Option<usize>)> = ds
        .iter()
        .map(|d| (d.path.to_string_lossy().into_owned(), d.line, d.column))
        .collect();
    assert_eq!(
        got,
        [("content/briefings/merged.md".to_string(), Some(7), Some(1))],
        "{ds:?}"
    );
    assert!(
        ds[0].message.contains("second front matter"),
        "{}",
        ds[0].message
    );
    assert_eq!(before, common::snapshot(&site.public()));
}

#[test]
fn front_matter_below_blank_lines_is_refused_where_its_fence_is() {
    // A file that starts with blank lines (a paste, a template) was
    // refused with "no front matter" at line 1, above front matter the
    // editor can see.
    let (site, before) = crate::built_site();
    site.write(
        "content/briefings/late.md",
        "\n  \n  ---\ntitle: Late\ndate: 2025-01-05\n---\nText.\n",
    );
    let ds = crate::content_errors(site.build().unwrap_err());
    assert_eq!(ds.len(), 1, "{ds:?}");
    assert_eq!((ds[0].line, ds[0].column), (Some(3), Some(3)), "{}", ds[0]);
    assert_eq!(
        ds[0].message,
        "the front matter's `---` is on line 3: it must be the file's first line"
    );
    assert_eq!(
        ds[0].hint.as_deref(),
        Some("delete the blank lines and spaces above it")
    );
    assert_eq!(before, common::snapshot(&site.public()));
}

#[test]
fn a_title_or_date_written_null_is_placed_at_the_word_and_says_what_yaml_read() {
    // `title: null` was "`title` is empty" at the colon, which reads as if
    // the headline had been left out.
    let (site, before) = crate::built_site();
    site.briefing("nulls", "title: Null\ndate: ~", "Text.\n");
    let ds = crate::content_errors(site.build().unwrap_err());
    let found: Vec<(&str, Option<usize>, Option<usize>)> = ds
        .iter()
        .filter(|d| d.path.ends_with("nulls.md"))
        .map(|d| (d.message.as_str(), d.line, d.column))
        .collect();
    assert_eq!(
        found,
        [
            (
                "`title` is empty: YAML reads a bare `Null` as no value",
                Some(2),
                Some(8)
            ),
            (
                "`date` is empty: YAML reads a bare `~` as no value",
                Some(3),
                Some(7)
            ),
        ],
        "{ds:#?}"
    );
    assert_eq!(before, common::snapshot(&site.public()));
}
