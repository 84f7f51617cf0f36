//! `[publisher]`: what structured data and share images say about the
//! site's publisher, each URL made absolute.

use url::Url;

use super::config_error;
use super::raw::RawPublisher;
use crate::error::{BuildError, Diagnostic};

/// `[publisher]` in site.toml, each URL made absolute.
#[derive(Debug, Clone, Default)]
pub struct Publisher {
    /// The publisher's logo, for structured data.
    pub logo: Option<String>,
    /// The image shared for a page that has none of its own.
    pub image: Option<String>,
    /// That image's alternative text: `image_alt`, else the site's title.
    pub image_alt: String,
    /// The page that states the site's corrections policy.
    pub corrections_policy: Option<String>,
}

/// Checks `[publisher]`: each URL absolute (http or https) or a path of
/// the site under `base_url`; `at_key` places a diagnostic at a key of
/// site.toml. The image's alternative text defaults to `title`.
pub(super) fn check(
    raw: RawPublisher,
    title: &str,
    base_url: &Url,
    at_key: &dyn Fn(&str) -> Diagnostic,
) -> Result<Publisher, BuildError> {
    let site_url = |key: &str, value: Option<String>| -> Result<Option<String>, BuildError> {
        let Some(value) = value
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
        else {
            return Ok(None);
        };
        let absolute = if crate::util::has_scheme(&value) {
            Url::parse(&value)
                .ok()
                .filter(|u| matches!(u.scheme(), "http" | "https"))
                .map(String::from)
        } else if value.chars().any(char::is_whitespace) || value.starts_with("//") {
            // `//cdn.example/x.png` names another host without a scheme:
            // not a path of this site.
            None
        } else {
            let mut u = String::from(base_url.as_str());
            u.push_str(value.trim_start_matches('/'));
            Some(u)
        };
        absolute.map(Some).ok_or_else(|| {
            let mut d = at_key(key);
            d.message = format!("publisher.{key}: {value:?} is not a URL or a path of the site");
            config_error(d.with_hint(
                "use an absolute URL such as \"https://example.org/logo.png\" or a path such as \"/logo.png\"",
            ))
        })
    };
    Ok(Publisher {
        logo: site_url("logo", raw.logo)?,
        image: site_url("image", raw.image)?,
        image_alt: raw
            .image_alt
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .unwrap_or_else(|| title.to_string()),
        corrections_policy: site_url("corrections_policy", raw.corrections_policy)?,
    })
}
