//! Names that look the same to an editor but are not the same bytes: the
//! error must say why two files it cannot tell apart clash.

use crate::common::TestSite;

#[test]
fn two_files_named_alike_in_two_unicode_spellings_are_told_apart() {
    // `café.md` saved once with é as one character and once as `e` plus a
    // combining accent (macOS, pasted names): two files, one slug. The
    // error named both, and both read `2025-03-01-café.md`.
    let site = TestSite::new();
    site.briefing(
        "2025-03-01-caf\u{e9}",
        "title: One\ndate: 2025-03-01",
        "Body.\n",
    );
    site.briefing(
        "2025-03-01-cafe\u{301}",
        "title: Two\ndate: 2025-03-01",
        "Body.\n",
    );
    let out = site.run_at_now("build", &[]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the URL /briefings/cafe/ is also used by")
            && stderr.contains("a file of the same name typed another way"),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: keep one of the two files, or rename one"),
        "{stderr}"
    );

    // Two different names sharing a slug keep the usual advice.
    let site = TestSite::new();
    site.briefing("2025-03-01-cafe", "title: One\ndate: 2025-03-01", "Body.\n");
    site.briefing("2025-03-02-cafe", "title: Two\ndate: 2025-03-02", "Body.\n");
    let out = site.run_at_now("build", &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("typed another way"), "{stderr}");
    assert!(stderr.contains("different `slug:`"), "{stderr}");
}
