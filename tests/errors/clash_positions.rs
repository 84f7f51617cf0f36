//! Clashes found once every briefing is known (two spellings of a tag or
//! an author, two briefings at one URL) point at the line and column of
//! the clashing name or `slug:`, like every error found while parsing.

use brief::error::Diagnostic;

use super::content_errors;
use crate::common::TestSite;

/// `path:line:column: message`, as the error's first line reads.
fn place(d: &Diagnostic) -> String {
    let mut out = d.path.to_string_lossy().into_owned();
    for n in [d.line, d.column].into_iter().flatten() {
        out.push_str(&format!(":{n}"));
    }
    format!("{out}: {}", d.message)
}

/// The one error of a site that must fail to build, and its rendering.
fn only_error(site: &TestSite) -> (Diagnostic, String) {
    let ds = content_errors(site.build().unwrap_err());
    let errors: Vec<&Diagnostic> = ds.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{ds:#?}");
    (errors[0].clone(), errors[0].to_string())
}

#[test]
fn a_tag_clash_within_one_briefing_points_at_the_second_spelling() {
    let site = TestSite::new();
    site.write(
        "content/briefings/2025-02-01-compilers.md",
        "---\ntitle: Two compilers\ndate: 2025-02-01\ntags:\n  - Compilers\n  - C++\n  - C\n---\nBoth shipped.\n",
    );
    let (d, text) = only_error(&site);
    assert_eq!(
        place(&d),
        "content/briefings/2025-02-01-compilers.md:7:5: tags \"C++\" and \"C\" would share the URL /tags/c/"
    );
    assert!(text.contains("7 |   - C\n"), "{text}");
}

#[test]
fn a_tag_clash_across_two_briefings_points_at_both_spellings() {
    let site = TestSite::new();
    site.write(
        "content/briefings/2025-03-02-new.md",
        "---\ntitle: New\ndate: 2025-03-02\ntags: [Coffee, Café]\n---\nBody.\n",
    );
    site.write(
        "content/briefings/2025-03-01-old.md",
        "---\ntitle: Old\ndate: 2025-03-01\ntags:\n  - Trade\n  - cafe\n---\nBody.\n",
    );
    let (d, text) = only_error(&site);
    // At the spelling met second (the newer briefing comes first), with
    // the first one's place in the message.
    assert_eq!(
        place(&d),
        "content/briefings/2025-03-01-old.md:6:5: tag \"cafe\" and tag \"Café\" (in content/briefings/2025-03-02-new.md:4:16) would share the URL /tags/cafe/"
    );
    assert_eq!(d.snippet.as_deref(), Some("  - cafe"));
    assert!(text.contains("6 |   - cafe\n  |     ^"), "{text}");
}

#[test]
fn an_author_clash_points_at_the_clashing_name() {
    // Across two briefings: `author:` in one, `authors:` in the other.
    let site = TestSite::new();
    site.write(
        "content/briefings/2025-04-02-new.md",
        "---\ntitle: New\ndate: 2025-04-02\nauthor: C++\n---\nBody.\n",
    );
    site.write(
        "content/briefings/2025-04-01-old.md",
        "---\ntitle: Old\ndate: 2025-04-01\nauthors: [Ana Ruiz, C]\n---\nBody.\n",
    );
    let (d, _) = only_error(&site);
    assert_eq!(
        place(&d),
        "content/briefings/2025-04-01-old.md:4:21: author \"C\" and author \"C++\" (in content/briefings/2025-04-02-new.md:4:9) would share the URL /authors/c/"
    );
    assert_eq!(d.snippet.as_deref(), Some("authors: [Ana Ruiz, C]"));

    // Within one briefing: `author:` and an entry of `authors:`.
    let site = TestSite::new();
    site.write(
        "content/briefings/2025-04-03-both.md",
        "---\ntitle: Both\ndate: 2025-04-03\nauthor: C++\nauthors:\n  - C\n---\nBody.\n",
    );
    let (d, _) = only_error(&site);
    assert_eq!(
        place(&d),
        "content/briefings/2025-04-03-both.md:6:5: author \"C\" and author \"C++\" would share the URL /authors/c/"
    );
    assert_eq!(d.snippet.as_deref(), Some("  - C"));
}

#[test]
fn an_explicit_slug_clash_points_at_the_slug_line() {
    let site = TestSite::new();
    site.write(
        "content/briefings/2025-05-02-first.md",
        "---\ntitle: First\ndate: 2025-05-02\nslug: shared\n---\nBody.\n",
    );
    site.write(
        "content/briefings/2025-05-01-second.md",
        "---\ntitle: Second\ndate: 2025-05-01\ntags: [Trade]\nslug: shared\n---\nBody.\n",
    );
    let (d, text) = only_error(&site);
    assert_eq!(
        place(&d),
        "content/briefings/2025-05-01-second.md:5:7: the URL /briefings/shared/ is also used by content/briefings/2025-05-02-first.md:4:7"
    );
    assert!(text.contains("5 | slug: shared\n  |       ^"), "{text}");

    // A slug made from the file name is written on no line: no position,
    // as before, but the other briefing's `slug:` is still named.
    let site = TestSite::new();
    site.write(
        "content/briefings/2025-05-02-first.md",
        "---\ntitle: First\ndate: 2025-05-02\nslug: shared\n---\nBody.\n",
    );
    site.write(
        "content/briefings/2025-05-01-shared.md",
        "---\ntitle: Second\ndate: 2025-05-01\n---\nBody.\n",
    );
    let (d, _) = only_error(&site);
    assert_eq!(
        place(&d),
        "content/briefings/2025-05-01-shared.md: the URL /briefings/shared/ is also used by content/briefings/2025-05-02-first.md:4:7"
    );
    assert_eq!(d.snippet, None);
}
