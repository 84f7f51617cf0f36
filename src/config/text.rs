//! Characters a `site.toml` value must not hold: its strings end up in
//! every page, feed and sitemap, and HTML and XML 1.0 forbid control
//! characters (escaped or not), so one `"\u0001"` would make every feed
//! unreadable to a feed reader.

use toml::de::{DeTable, DeValue};

use super::CONFIG_FILE;
use crate::error::Diagnostic;
use crate::util::is_forbidden_control;

/// The first string (value or key) in `text` holding a character HTML and
/// XML forbid, as an error at its place. `text` has already parsed.
pub(super) fn forbidden_character(text: &str) -> Option<Diagnostic> {
    let table = DeTable::parse(text).ok()?;
    in_table(text, table.get_ref(), "")
}

fn bad_char(s: &str) -> Option<char> {
    s.chars().find(|&c| c == '\0' || is_forbidden_control(c))
}

fn error(text: &str, offset: usize, key: &str, c: char) -> Diagnostic {
    let code = format!("U+{:04X}", c as u32);
    Diagnostic::error(
        CONFIG_FILE,
        format!("`{key}` holds the control character {code}, which HTML and XML forbid: every page and feed would carry it"),
    )
    .at_offset(text, offset)
    .with_hint(format!(
        "remove it (written as an escape such as \\u{:04X} or \\x{:02X}, or pasted in)",
        c as u32,
        (c as u32).min(0xFF)
    ))
}

fn in_table(text: &str, table: &DeTable<'_>, prefix: &str) -> Option<Diagnostic> {
    for (key, value) in table {
        let name = if prefix.is_empty() {
            key.get_ref().to_string()
        } else {
            format!("{prefix}.{}", key.get_ref())
        };
        if let Some(c) = bad_char(key.get_ref()) {
            return Some(error(text, key.span().start, &name, c));
        }
        if let Some(d) = in_value(text, value.get_ref(), value.span().start, &name) {
            return Some(d);
        }
    }
    None
}

fn in_value(text: &str, value: &DeValue<'_>, offset: usize, name: &str) -> Option<Diagnostic> {
    match value {
        DeValue::String(s) => bad_char(s).map(|c| error(text, offset, name, c)),
        DeValue::Table(t) => in_table(text, t, name),
        DeValue::Array(items) => items.iter().enumerate().find_map(|(i, v)| {
            in_value(text, v.get_ref(), v.span().start, &format!("{name}[{i}]"))
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::config::tests::parse;
    use crate::error::BuildError;

    #[test]
    fn a_control_character_in_any_string_is_an_error_at_its_place() {
        let cases = [
            ("title = \"A\\u0001B\"\n", "title", 1, 9, "U+0001"),
            (
                "description = \"x\\u0000\"\n",
                "description",
                1,
                15,
                "U+0000",
            ),
            (
                "[publisher]\nimage_alt = \"\\uFFFE\"\n",
                "publisher.image_alt",
                2,
                13,
                "U+FFFE",
            ),
            (
                "[extra]\nlist = [\"ok\", \"\\u001b[31m\"]\n",
                "extra.list[1]",
                2,
                15,
                "U+001B",
            ),
            (
                "[translations]\n\"s\\u0007\" = \"x\"\n",
                "translations.s\u{7}",
                2,
                1,
                "U+0007",
            ),
        ];
        for (toml, key, line, column, code) in cases {
            let text = format!("base_url = \"https://e.org/\"\n{toml}");
            let text = if toml.starts_with("title") {
                text
            } else {
                format!("title = \"T\"\n{text}")
            };
            let extra = text.lines().count() - toml.lines().count();
            let BuildError::Config(d) = parse(&text).unwrap_err() else {
                panic!("{toml}")
            };
            assert!(d.message.contains(&format!("`{key}`")), "{}", d.message);
            assert!(d.message.contains(code), "{}", d.message);
            assert_eq!(
                (d.line, d.column),
                (Some(line + extra), Some(column)),
                "{toml}"
            );
        }
        // Tabs and newlines are text.
        parse("title = \"T\"\nbase_url = \"https://e.org/\"\ndescription = \"\"\"a\tb\nc\"\"\"\n")
            .unwrap();
    }
}
