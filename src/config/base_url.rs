//! The site's base URL, checked and normalised.

use url::Url;

/// Parses and normalises a base URL: absolute, http or https, with a host,
/// no query or fragment, ending in `/`.
pub fn parse_base_url(text: &str) -> Result<Url, String> {
    let mut url = Url::parse(text.trim())
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
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use crate::config::tests::parse;

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
