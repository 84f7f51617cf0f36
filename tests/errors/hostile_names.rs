//! Names that look the same to an editor but are not the same bytes: the
//! error must say why two files it cannot tell apart clash.

use crate::common::{self, TestSite};

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

#[test]
fn windows_device_names_are_refused_wherever_a_url_is_made() {
    // `slug: con`, a tag `Aux`, an author `NUL`, a file `…-com1.md` and
    // an alias `/lpt1/` all built, into folders such as briefings/con/
    // that git cannot check out on Windows (nor can Windows deploy them).
    let (site, before) = crate::built_site();
    site.briefing("a", "title: A\ndate: 2025-01-02\nslug: con", "Body.\n");
    site.briefing(
        "b",
        "title: B\ndate: 2025-01-02\ntags: [Energy, Aux]\nauthors: [Ana Ruiz, NUL]",
        "Body.\n",
    );
    site.briefing("2025-01-02-com1", "title: C\ndate: 2025-01-02", "Body.\n");
    site.briefing(
        "d",
        "title: D\ndate: 2025-01-02\naliases: [/lpt1/]",
        "Body.\n",
    );
    let ds = crate::content_errors(site.build().unwrap_err());
    let at = |file: &str, needle: &str| {
        ds.iter()
            .find(|d| d.path.ends_with(file) && d.message.contains(needle))
            .map(|d| (d.line, d.column))
            .unwrap_or_else(|| panic!("{file} {needle}: {ds:#?}"))
    };
    assert_eq!(
        at("a.md", "`con` is a device name on Windows"),
        (Some(4), Some(7))
    );
    assert_eq!(at("b.md", "/tags/aux/"), (Some(4), Some(16)));
    assert_eq!(at("b.md", "/authors/nul/"), (Some(5), Some(21)));
    assert_eq!(
        at("2025-01-02-com1.md", "`com1` is a device name"),
        (Some(1), Some(1))
    );
    assert_eq!(at("d.md", "`lpt1` is a device name"), (Some(4), Some(11)));
    assert!(ds.iter().all(|d| d.hint.is_some()), "{ds:#?}");
    assert_eq!(before, common::snapshot(&site.public()));
}

#[test]
fn an_alias_to_a_hidden_folder_is_refused_at_its_line() {
    // `aliases: [/.git/]` wrote public/.git/index.html: a folder hosts do
    // not serve, and the one git keeps a deploy checkout in.
    let (site, before) = crate::built_site();
    site.briefing(
        "moved",
        "title: Moved\ndate: 2025-01-02\naliases: [old-name, /.git/, \"/%2Ewell-known/x/\"]",
        "Body.\n",
    );
    let ds = crate::content_errors(site.build().unwrap_err());
    let found: Vec<(Option<usize>, Option<usize>)> = ds
        .iter()
        .filter(|d| d.path.ends_with("moved.md") && d.message.contains("starts with `.`"))
        .map(|d| (d.line, d.column))
        .collect();
    assert_eq!(found, [(Some(4), Some(21)), (Some(4), Some(29))], "{ds:#?}");
    assert_eq!(before, common::snapshot(&site.public()));
}

#[test]
fn a_tag_that_is_only_a_placeholder_is_refused_at_its_line() {
    // `tags: [Energy, TODO]` published a "TODO" tag page and feed, and
    // named it on the page, in every feed and in the email edition.
    let (site, before) = crate::built_site();
    site.briefing(
        "tagged",
        "title: Tagged\ndate: 2025-01-02\ntags: [Energy, TODO, \"[TK]\", TK Maxx]",
        "Body.\n",
    );
    let ds = crate::content_errors(site.build().unwrap_err());
    let found: Vec<(&str, Option<usize>, Option<usize>)> = ds
        .iter()
        .filter(|d| d.path.ends_with("tagged.md"))
        .map(|d| (d.message.as_str(), d.line, d.column))
        .collect();
    assert_eq!(
        found,
        [
            ("a tag is only a placeholder", Some(4), Some(16)),
            ("a tag is only a placeholder", Some(4), Some(22)),
        ],
        "{ds:#?}"
    );
    assert_eq!(before, common::snapshot(&site.public()));
}

#[test]
fn an_index_md_with_no_folder_of_its_own_is_refused_with_what_to_do() {
    // content/briefings/index.md (a section page in other generators)
    // was published as a briefing at /briefings/briefings/ and mailed.
    let (site, before) = crate::built_site();
    site.write(
        "content/briefings/index.md",
        "---\ntitle: All our briefings\ndate: 2025-01-02\n---\nThe list.\n",
    );
    let ds = crate::content_errors(site.build().unwrap_err());
    let d = ds
        .iter()
        .find(|d| d.path.ends_with("briefings/index.md"))
        .unwrap_or_else(|| panic!("{ds:#?}"));
    assert!(d.message.contains("has no folder of its own"), "{d}");
    assert!(
        d.hint
            .as_deref()
            .is_some_and(|h| h.contains("2025-08-08-my-headline.md")),
        "{d}"
    );
    assert_eq!(before, common::snapshot(&site.public()));
    // In a folder of its own, or with a slug, it is a briefing.
    std::fs::remove_file(site.root().join("content/briefings/index.md")).unwrap();
    site.write(
        "content/briefings/all/index.md",
        "---\ntitle: All our briefings\ndate: 2025-01-02\n---\nThe list.\n",
    );
    site.build().unwrap();
    assert!(site.public().join("briefings/all/index.html").is_file());
}

#[test]
fn a_tag_with_an_invisible_break_hint_in_it_is_the_same_tag() {
    // A soft hyphen or a zero-width space pasted into a tag (from a
    // hyphenated web page) is invisible, but made a tag of its own,
    // /tags/sanc-tions/ beside /tags/sanctions/, both shown "Sanctions",
    // or was refused as a clash.
    let site = TestSite::new();
    let front = |title: &str, day: u32, tag: &str| {
        format!("title: {title}\ndate: 2025-01-0{day}\ntags: [\"{tag}\"]")
    };
    site.briefing("one", &front("One", 1, "Sanctions"), "Body.\n");
    site.briefing("two", &front("Two", 2, "Sanc\u{AD}tions"), "Body.\n");
    site.briefing("three", &front("Three", 3, "Sanc\u{200B}tions"), "Body.\n");
    site.briefing(
        "four",
        &front("Four", 4, "Sanctions\u{2060}\u{FEFF}"),
        "Body.\n",
    );
    site.briefing("five", &front("Five", 5, "Sanctions"), "Body.\n");
    let report = site.build().unwrap();
    assert_eq!((report.briefings, report.tags), (5, 1));
    let doc = site.html("tags/sanctions/index.html");
    assert_eq!(common::texts(&doc, "article h2 a").len(), 5);
    assert_eq!(
        common::texts(&doc, "h1"),
        ["Tagged \u{201c}Sanctions\u{201d}"]
    );
}
