use super::*;

#[test]
fn the_builtin_theme_compiles() {
    let dir = tempfile::tempdir().unwrap();
    let t = Templates::load(dir.path(), Default::default()).unwrap();
    for (name, _) in BUILTIN_TEMPLATES {
        assert!(t.has(name), "{name}");
    }
    let names: Vec<&str> = t.assets.iter().map(|a| a.0.as_str()).collect();
    assert_eq!(names, ["search.js", "style.css"]);
}

#[test]
fn a_syntax_error_names_the_site_template_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("templates")).unwrap();
    std::fs::write(dir.path().join("templates/tags.html"), "<p>\n{% if %}\n").unwrap();
    let errs = Templates::load(dir.path(), Default::default()).unwrap_err();
    assert_eq!(errs[0].path, Path::new("templates/tags.html"));
    assert_eq!(errs[0].line, Some(2));
}

#[test]
fn a_missing_parent_is_reported_where_it_is_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("templates")).unwrap();
    std::fs::write(
        dir.path().join("templates/tag.html"),
        "\n{% extends \"nope.html\" %}\n",
    )
    .unwrap();
    let errs = Templates::load(dir.path(), Default::default()).unwrap_err();
    assert_eq!(errs[0].path, Path::new("templates/tag.html"));
    assert_eq!(errs[0].line, Some(2));
    assert!(errs[0].message.contains("nope.html"));
}
