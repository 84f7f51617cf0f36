//! The site's base URL, checked and normalised.

use url::Url;

/// Parses and normalises a base URL: absolute, http or https, with a host,
/// no query or fragment, ending in `/`.
pub fn parse_base_url(text: &str) -> Result<Url, String> {
    let trimmed = text.trim();
    // `https:///x`: the URL parser takes `x` for the host.
    if let Some((_, rest)) = trimmed.split_once("://")
        && rest.starts_with('/')
    {
        return Err(format!(
            "base_url {text:?} has no host: three slashes after the scheme"
        ));
    }
    if let Some(at) = bare_percent(trimmed) {
        return Err(format!(
            "base_url {text:?} has a `%` at byte {at} that starts no percent-escape (`%20`): every URL built on it would be invalid; write `%25` for a percent sign"
        ));
    }
    let mut url = Url::parse(trimmed)
        .map_err(|e| format!("base_url {text:?} is not an absolute URL ({e})"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "base_url {text:?} must start with http:// or https://"
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("base_url {text:?} has no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        // It would be in every link, feed and sitemap the site publishes.
        return Err(format!(
            "base_url {text:?} must not carry a user name or password: every link, feed and sitemap would publish them"
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!(
            "base_url {text:?} must not have a query or a fragment"
        ));
    }
    if url.path().contains("//") {
        return Err(format!(
            "base_url {text:?} has an empty path segment (`//`), which every URL and redirect rule would repeat"
        ));
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

/// The host of `url` when it is a name reserved for examples and tests
/// (RFC 2606 and 6761: `example.org`, `example.com`, `example.net` and
/// their subdomains, and the `.example`, `.test`, `.invalid` and
/// `.localhost` domains, `localhost` itself): no reader can reach a site
/// there, so a build for it publishes feeds and links that lead nowhere.
pub fn reserved_host(url: &Url) -> Option<&str> {
    let host = url.host_str()?;
    let name = host.trim_end_matches('.').to_ascii_lowercase();
    let under = |domain: &str| {
        name.strip_suffix(domain)
            .is_some_and(|rest| rest.is_empty() || rest.ends_with('.'))
    };
    let reserved = ["example.org", "example.com", "example.net"]
        .into_iter()
        .chain(["example", "test", "invalid", "localhost"])
        .any(under);
    reserved.then_some(host)
}

/// Where `text` has a `%` not followed by two hex digits.
fn bare_percent(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    text.match_indices('%').map(|(at, _)| at).find(|&at| {
        !bytes
            .get(at + 1..at + 3)
            .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    })
}

#[cfg(test)]
mod tests {
    use super::{parse_base_url, reserved_host};
    use crate::config::tests::parse;

    #[test]
    fn names_reserved_for_examples_are_known() {
        let host = |u: &str| reserved_host(&parse_base_url(u).unwrap()).map(str::to_string);
        for u in [
            "https://example.org/",
            "https://briefings.example.com/news/",
            "http://EXAMPLE.NET./",
            "https://site.test/",
            "http://localhost:1111/",
            "https://a.example/",
            "https://x.invalid/",
        ] {
            assert!(host(u).is_some(), "{u}");
        }
        for u in [
            "https://example.co.uk/",
            "https://notexample.org/",
            "https://example.org.uk/",
            "https://testing.org/",
            "http://127.0.0.1:1111/",
        ] {
            assert_eq!(host(u), None, "{u}");
        }
    }

    #[test]
    fn a_base_url_that_would_make_invalid_or_surprising_urls_is_an_error() {
        for (url, says) in [
            ("https://example.org/100%/", "`%`"),
            ("https://example.org/a%2/", "`%`"),
            ("https://example.org//briefing/", "`//`"),
            ("https://example.org/a//b/", "`//`"),
            ("https:///x/", "no host"),
        ] {
            let e = parse(&format!("title = \"T\"\nbase_url = \"{url}\"\n")).unwrap_err();
            assert!(e.to_string().contains(says), "{url}: {e}");
        }
        for url in [
            "https://example.org/100%25/",
            "https://example.org/caf%C3%A9/",
        ] {
            parse(&format!("title = \"T\"\nbase_url = \"{url}\"\n")).unwrap();
        }
    }

    #[test]
    fn non_http_base_url_is_an_error() {
        assert!(parse("title = \"T\"\nbase_url = \"ftp://example.org/\"\n").is_err());
        assert!(parse("title = \"T\"\nbase_url = \"javascript:alert(1)\"\n").is_err());
    }

    #[test]
    fn credentials_in_the_base_url_are_an_error() {
        for url in ["https://user:pw@example.org/", "https://user@example.org/"] {
            let e = parse(&format!("title = \"T\"\nbase_url = \"{url}\"\n")).unwrap_err();
            assert!(e.to_string().contains("user name or password"), "{e}");
        }
    }
}
