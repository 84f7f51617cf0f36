use super::*;

fn src(yaml: &str) -> YamlSource<'_> {
    YamlSource {
        path: Path::new("a.md"),
        yaml,
        first_line: 2,
        file: yaml,
    }
}

/// The error of front matter `yaml` in a file that holds it between its
/// fences (for snippets and positions).
fn parse_error(yaml: &str) -> Diagnostic {
    let file = format!("---\n{yaml}---\n");
    parse(&YamlSource {
        path: Path::new("a.md"),
        yaml,
        first_line: 2,
        file: &file,
    })
    .unwrap_err()
}

/// Every key of `yaml` by the YAML parser, and whether the line scan
/// vouched for all of them being known.
fn scanned(yaml: &str) -> (Vec<String>, bool) {
    let keys: Keys = serde_saphyr::from_str_with_options(yaml, options()).unwrap();
    let keys = keys.0.into_iter().map(|(k, ..)| k).collect();
    (keys, only_known_keys(yaml))
}

#[test]
fn the_line_scan_never_vouches_for_an_unknown_key() {
    let known = [
        "title: A\ndate: 2024-01-01\ntags: [a, b]\n",
        "# a comment\ntitle: A\n\nsummary: >\n  folded\n  text\nextra:\n  colour: red\n",
        "title: A\r\ndate: 2024-01-01\r\n",
        "title: \"a: b\"\nsources:\n  - title: x\n    url: https://e.org\n",
        "title: A\ntags:\n- a\n- b\nsources:\n- title: x\n  url: https://e.org\n",
    ];
    for yaml in known {
        let (keys, vouched) = scanned(yaml);
        assert!(vouched, "{yaml:?} should not need a second parse");
        assert!(keys.iter().all(|k| known_keys().contains(&k.as_str())));
    }
    let unknown = [
        "title: A\ncolour: red\n",
        "  title: A\n  colour: red\n",
        "{title: A, colour: red}\n",
        "\"colour\": red\ntitle: A\n",
        "? colour\n: red\ntitle: A\n",
        "title: A\rcolour: red\n",
        "title: A\n\u{2028}colour: red\n",
        "title: \"A\nb\"\ncolour: red\n",
        "<<: {colour: red}\ntitle: A\n",
        "title:A\n",
        "- colour: red\n",
        "tags:\n- a\ncolour: red\n",
        "tags:\n-\ncolour: red\n",
    ];
    for yaml in unknown {
        let Ok(keys) = serde_saphyr::from_str_with_options::<Keys>(yaml, options()) else {
            continue;
        };
        let has_unknown = keys
            .0
            .iter()
            .any(|(k, ..)| !known_keys().contains(&k.as_str()));
        assert!(
            !has_unknown || !only_known_keys(yaml),
            "{yaml:?} has an unknown key the scan missed"
        );
    }
    // A syntax error is placed where the YAML breaks, not where a
    // typed read gives up.
    let broken = src("title: [broken\ndate: 2025-08-08\n");
    assert!(only_known_keys(broken.yaml));
    let e = parse(&broken).unwrap_err();
    let keys_only = serde_saphyr::from_str_with_options::<Keys>(broken.yaml, options());
    let expected = broken.yaml_error(keys_only.err().unwrap());
    assert_eq!((e.line, &e.message), (expected.line, &expected.message));
    // And the warnings come out through `parse` as before.
    let (_, warnings) = parse(&src("title: A\ncolour: red\n")).unwrap();
    assert!(warnings[0].message.contains("colour"), "{warnings:?}");
}

#[test]
fn nearest_key_suggests_typos() {
    assert_eq!(nearest_key("tag"), Some("tags"));
    assert_eq!(nearest_key("drafts"), Some("draft"));
    assert_eq!(nearest_key("Titel"), Some("title"));
    assert_eq!(nearest_key("auhtors"), Some("authors"));
    assert_eq!(nearest_key("colour"), None);
    assert_eq!(nearest_key("newsletter_issue"), None);
}

#[test]
fn known_keys_come_from_the_struct() {
    let keys = known_keys();
    for key in [
        "title", "date", "draft", "guid", "extra", "sources", "image",
    ] {
        assert!(keys.contains(&key), "{key} missing from {keys:?}");
    }
}

#[test]
fn a_near_miss_is_an_error_and_anything_else_a_warning() {
    let (fm, d) = parse(&src("title: x\ndrafts: true\ncolour: red\n")).unwrap();
    assert_eq!(fm.title.unwrap().value, "x");
    assert_eq!(d.len(), 2);
    assert!(d[0].is_error());
    assert_eq!(d[0].line, Some(3));
    assert!(
        d[0].hint
            .as_deref()
            .unwrap()
            .starts_with("did you mean `draft`?")
    );
    assert!(!d[1].is_error());
    assert_eq!(d[1].line, Some(4));
    assert!(d[1].hint.as_deref().unwrap().contains("extra:"));
}

#[test]
fn wrong_type_reports_the_value_position() {
    let e = parse(&src("title: x\ntags: 5\n")).unwrap_err();
    assert_eq!((e.line, e.column), (Some(3), Some(7)));
    assert!(
        e.message.starts_with("invalid front matter"),
        "{}",
        e.message
    );
    assert!(!e.message.contains("at line"), "{}", e.message);
}

#[test]
fn a_title_cut_by_a_comment_is_a_warning_with_the_fix() {
    let (fm, w) = parse(&src(
        "title: Aramco becomes #1 again\nsummary: \"Kept #1\"\n",
    ))
    .unwrap();
    assert_eq!(fm.title.unwrap().value, "Aramco becomes");
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!((w[0].line, w[0].column), (Some(2), Some(23)));
    assert_eq!(
        w[0].hint.as_deref(),
        Some("put it in quotes: `title: \"Aramco becomes #1 again\"`")
    );
}

#[test]
fn a_single_tag_is_asked_to_be_a_list() {
    let e = parse_error("title: x\ntags: Energy\n");
    assert_eq!(e.message, "`tags` must be a list, even of one");
    assert_eq!(e.hint.as_deref(), Some("write `tags: [Energy]`"));
}

#[test]
fn a_list_is_not_front_matter() {
    assert!(parse(&src("- a\n- b\n")).is_err());
}

#[test]
fn yaml_errors_read_in_an_editors_words_with_the_right_fix() {
    let error = |yaml: &str| {
        let e = parse_error(yaml);
        (e.message, e.hint.unwrap_or_default())
    };
    let (message, hint) = error("title: A\ntitle: B\n");
    assert_eq!(
        message,
        "invalid front matter: the key `title` is written twice"
    );
    assert!(hint.contains("only once"), "{hint}");
    let (message, hint) = error("title: A\ntags: [a, null]\n");
    assert_eq!(
        message,
        "invalid front matter: found an empty value (null) where a text belongs"
    );
    assert_eq!(
        hint,
        "YAML reads a bare `null` as no value; to write the word, quote it: \"null\""
    );
    // An author named Null, written bare, is YAML's null.
    let (_, hint) = error("authors: [Ana Ruiz, Null]\n");
    assert_eq!(
        hint,
        "YAML reads a bare `Null` as no value; to write the word, quote it: \"Null\""
    );
    // `draft: 1` or `draft: maybe`: what the key takes, not YAML syntax.
    for value in ["1", "maybe", "[true]"] {
        let (message, hint) = error(&format!("title: A\ndraft: {value}\n"));
        assert_eq!(message, "`draft` must be `true` or `false`", "{value}");
        assert!(
            hint.contains("`draft: false` to publish it"),
            "{value}: {hint}"
        );
    }
    let (_, hint) = error("tags:\n  - a\n  -\n");
    assert_eq!(hint, "write the value, or remove the entry");
    // A quoted list is two tags, not one with a comma in it.
    assert_eq!(error("tags: \"a, b\"\n").1, "write `tags: [a, b]`");
    assert_eq!(
        error("tags: {a: 1}\n").1,
        "write a list of names: `tags: [Energy, Oil]`"
    );
    for (message, _) in [error("title: A\ntitle: B\n"), error("tags: [null]\n")] {
        assert!(
            !message.contains("Option") && !message.contains("Policy"),
            "{message}"
        );
    }
}

#[test]
fn a_text_where_a_source_correction_or_image_belongs_is_shown_its_shape() {
    // The hint said `write \`sources: [https://e.org/]\``, which failed in
    // turn with "expected mapping start" and the YAML syntax hint, as
    // `image: lead.jpg` did: neither said what a source or an image is.
    let hint = |yaml: &str| parse_error(yaml).hint.unwrap_or_default();
    let source =
        "each source is a title and a URL: `sources: [{title: \"…\", url: \"https://e.org/\"}]`";
    assert_eq!(hint("title: x\nsources: https://e.org/\n"), source);
    assert_eq!(hint("title: x\nsources: [https://e.org/]\n"), source);
    assert_eq!(
        hint("title: x\ncorrections: \"Fixed a typo.\"\n"),
        "each correction is a date and a text: `corrections: [{date: 2025-08-09, text: \"Fixed a typo.\"}]`"
    );
    assert_eq!(
        hint("title: x\nimage: lead.jpg\n"),
        "the lead image is a file and its alt text: `image: {src: \"lead.jpg\", alt: \"what it shows\"}`"
    );
}

#[test]
fn a_tab_that_indents_is_shown_where_it_is_with_the_fix() {
    // The parser reports the tab at the value of the line before.
    let e = parse(&src("title: Tabs\n\tdate: 2025-08-10\n")).unwrap_err();
    assert_eq!((e.line, e.column), (Some(3), Some(1)), "{}", e.message);
    assert!(e.hint.as_deref().unwrap().contains("with spaces"), "{e:?}");
    let e = parse(&src("title: Tabs\ntags:\n\t- Policy\n")).unwrap_err();
    assert_eq!((e.line, e.column), (Some(4), Some(1)), "{}", e.message);
    assert!(e.hint.as_deref().unwrap().contains("with spaces"), "{e:?}");
}
