//! `aliases:`: the old addresses of a moved briefing, each of which gets a
//! redirect page. An alias is an old slug (`old-slug`, for
//! `/briefings/old-slug/`) or a path on this site (`/2025/08/old/`,
//! `/old.html`, or the full old URL under `base_url`). A leading `/` is
//! the site root, as in links.

use serde_saphyr::Spanned;

use super::slugs::is_valid_slug;
use crate::content::front_matter::YamlSource;
use crate::error::Diagnostic;

/// An old address of a moved briefing, where a redirect page goes.
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone)]
pub struct Alias {
    /// The address below the base URL: `briefings/old/` or `old.html`.
    pub href: String,
    /// An error placed at the alias in the front matter, to be worded
    /// when it clashes with another output.
    pub at: Diagnostic,
}

/// Checks every alias, returning each as a path below the base URL (a
/// folder, `briefings/old/`, or an `.html` file) with its position.
pub(super) fn check_aliases(
    aliases: Option<Spanned<Vec<Spanned<String>>>>,
    root_url: &str,
    src: &YamlSource<'_>,
    out: &mut Vec<Diagnostic>,
) -> Vec<Alias> {
    let Some(aliases) = aliases else {
        return Vec::new();
    };
    let mut checked: Vec<Alias> = Vec::new();
    for raw in &aliases.value {
        // An alias's own position, or the list's when the YAML has none.
        let location = if raw.referenced.line() == 0 {
            &aliases.referenced
        } else {
            &raw.referenced
        };
        match alias_href(&raw.value, root_url) {
            Ok(href) if !checked.iter().any(|a| a.href == href) => checked.push(Alias {
                href,
                at: src.error_at(location, String::new()),
            }),
            Ok(_) => {}
            Err(message) => out.push(
                src.error_at(location, format!("alias {:?}: {message}", raw.value))
                    .with_hint(if raw.value.contains('%') {
                        "write the path decoded if it has no spaces (e.g. `/café/` rather than `/caf%C3%A9/`); otherwise no redirect page can answer the old address"
                    } else {
                        "write an old slug (`old-slug`) or an old path on this site (`/2025/08/old-name/`)"
                    }),
            ),
        }
    }
    checked
}

/// The longest file name file systems take, in bytes.
const MAX_FILE_NAME: usize = 255;

/// One alias as a path below the base URL, or why it cannot be one.
pub(crate) fn alias_href(raw: &str, root_url: &str) -> Result<String, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err("it is empty".into());
    }
    if raw
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
    {
        return Err("it holds spaces, control characters or backslashes".into());
    }
    if raw.contains(['?', '#']) {
        return Err("a redirect page cannot answer a query or a fragment".into());
    }
    let (raw, rooted) = match raw.strip_prefix(root_url) {
        Some(rest) => (rest, true),
        None => (raw, false),
    };
    let decoded;
    let raw = if raw.contains('%') {
        decoded = decode_escapes(raw)?;
        decoded.as_str()
    } else {
        raw
    };
    let path = if rooted {
        raw.to_string()
    } else if crate::content::markdown::has_scheme(raw) || raw.starts_with("//") {
        return Err(format!("it is not an address on this site ({root_url})"));
    } else if let Some(rest) = raw.strip_prefix('/') {
        rest.to_string()
    } else if !raw.contains('/') && !raw.contains('.') {
        if !is_valid_slug(raw) {
            return Err("an old slug may only hold a-z, 0-9 and `-`".into());
        }
        format!("briefings/{raw}/")
    } else {
        raw.to_string()
    };
    if path.is_empty() {
        return Err("it is the front page".into());
    }
    if path
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
    {
        return Err("`.` and `..` are not allowed: an alias stays inside the site".into());
    }
    if path.contains("//") {
        return Err("it has an empty path segment (`//`)".into());
    }
    // `/.git/`, `/.well-known/`, `/.htaccess.html`: hidden names, which
    // many hosts do not serve and which belong to other tools.
    if let Some(hidden) = path.split('/').find(|segment| segment.starts_with('.')) {
        return Err(format!(
            "`{hidden}` starts with `.`: a hidden name, which many hosts do not serve and which belongs to other tools (git, the host's own files)"
        ));
    }
    // Each segment becomes a folder or file name in the output.
    if let Some(long) = path
        .split('/')
        .find(|segment| segment.len() > MAX_FILE_NAME)
    {
        return Err(format!(
            "a path segment is {} bytes long, and a file name may hold {MAX_FILE_NAME}",
            long.len()
        ));
    }
    if let Some(device) = path
        .split('/')
        .find(|segment| super::slugs::reserved_on_windows(segment))
    {
        return Err(format!(
            "`{device}` is a device name on Windows, so a site holding it cannot be checked out or deployed from Windows"
        ));
    }
    if path.ends_with('/') {
        return Ok(path);
    }
    let name = path.rsplit('/').next().unwrap_or(&path);
    match name.rsplit_once('.') {
        Some((_, ext)) if ext.eq_ignore_ascii_case("html") || ext.eq_ignore_ascii_case("htm") => {
            Ok(path)
        }
        Some((_, ext)) => Err(format!(
            "a redirect page cannot be served as `.{ext}`; use a folder path or an `.html` file"
        )),
        None => Ok(format!("{path}/")),
    }
}

/// An alias written with `%` escapes (`/caf%C3%A9/`), decoded, as the
/// folder a server looks in for the old address is named; or why it
/// cannot be, when decoded it is no name a folder can have and still
/// answer that address.
fn decode_escapes(raw: &str) -> Result<String, String> {
    const WHY: &str =
        "brief writes the alias's folder as written, so the escaped old address would not redirect";
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .map_err(|_| format!("its `%` escapes are not UTF-8 text, and {WHY}"))?;
    let slashes = |s: &str| s.matches('/').count();
    let what = decoded.chars().find_map(|c| match c {
        c if c.is_whitespace() => Some("a space"),
        c if c.is_control() => Some("a control character"),
        '\\' => Some("a backslash"),
        '?' => Some("a `?`"),
        '#' => Some("a `#`"),
        '%' => Some("a `%`"),
        _ => None,
    });
    let what = what.or((slashes(&decoded) != slashes(raw)).then_some("a `/`"));
    match what {
        Some(what) => Err(format!("decoded, it holds {what}, and {WHY}")),
        None => Ok(decoded.into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::alias_href;

    const ROOT: &str = "https://example.org/news/";

    #[test]
    fn aliases_become_paths_below_the_base_url() {
        for (raw, href) in [
            ("old-slug", "briefings/old-slug/"),
            ("/2025/08/old-name/", "2025/08/old-name/"),
            ("/2025/08/old-name", "2025/08/old-name/"),
            ("/old.html", "old.html"),
            ("2025/old/", "2025/old/"),
            ("https://example.org/news/briefings/x/", "briefings/x/"),
            ("/caf%C3%A9/", "café/"),
            ("/caf%c3%a9", "café/"),
            ("https://example.org/news/caf%C3%A9.html", "café.html"),
            ("/2025/old%2Dname.html", "2025/old-name.html"),
        ] {
            assert_eq!(alias_href(raw, ROOT).as_deref(), Ok(href), "{raw}");
        }
    }

    #[test]
    fn aliases_that_leave_the_site_or_cannot_redirect_are_refused() {
        for raw in [
            "",
            "/",
            "../etc/",
            "/a/../../b/",
            "https://other.org/x/",
            "//other.org/x/",
            "/x?y=1",
            "/x#y",
            "Old Slug",
            "/old.php",
            "/a//b/",
            "/a\\b/",
            "/a%20b/",
            "/a%2Fb/",
            "/a%3Fb/",
            "/a%5Cb/",
            "/a%2520b/",
            "/a%zzb/",
            "/a%FFb/",
            "/a/%2e%2e/%2e%2e/b/",
            "/old%2Ephp",
            "/.git/",
            "/.well-known/x/",
            "/a/.hidden.html",
            "https://example.org/news/.git/config/",
            "/%2Egit/",
        ] {
            assert!(alias_href(raw, ROOT).is_err(), "{raw:?}");
        }
        let long = format!("/2025/{}/", "a".repeat(256));
        assert!(alias_href(&long, ROOT).unwrap_err().contains("256 bytes"));
        let fits = format!("/2025/{}/", "a".repeat(255));
        assert!(alias_href(&fits, ROOT).is_ok());
    }
}
