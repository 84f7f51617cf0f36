//! Keys other site generators and blog engines use to hold a post back or
//! to time it, which brief does not read. Taken as unknown keys, they
//! would be ignored and the briefing published at once: a Jekyll post
//! marked `published: false`, a Hugo page with a future `publishDate`, a
//! WordPress export with `status: draft`. Each is refused with brief's
//! own way of saying the same thing.

use serde::Deserialize;
use serde::de::IgnoredAny;

/// A key's value, as far as telling "publish" from "hold back" needs.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum Value {
    Bool(bool),
    Text(String),
    Other(IgnoredAny),
}

impl Value {
    /// Whether the value says yes: `true`, or text such as `yes`, `true`,
    /// `published` (any case).
    fn says_publish(&self) -> bool {
        match self {
            Value::Bool(b) => *b,
            Value::Text(t) => matches!(
                t.trim().to_lowercase().as_str(),
                "true" | "yes" | "published" | "publish" | "public" | "live"
            ),
            Value::Other(_) => false,
        }
    }

    /// Whether the value is `false` or absent-ish (`no`, `false`, empty).
    fn says_no(&self) -> bool {
        match self {
            Value::Bool(b) => !*b,
            Value::Text(t) => matches!(t.trim().to_lowercase().as_str(), "false" | "no" | "" | "0"),
            Value::Other(_) => false,
        }
    }
}

/// The error message and hint for `key: value` when another tool would
/// read it as holding the post back or timing it; `None` for any other
/// key or a value that publishes.
pub(super) fn refusal(key: &str, value: &Value) -> Option<(String, String)> {
    let hold_back = "to hold the briefing back, write `draft: true`; to publish it, remove the key";
    let normalized: String = key
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    match normalized.as_str() {
        // Jekyll, Hexo.
        "published" if !value.says_publish() => Some((
            format!("brief does not read `{key}`: this briefing would be published despite it"),
            hold_back.into(),
        )),
        // WordPress, Ghost and other exports.
        "status" if !value.says_publish() => Some((
            format!("brief does not read `{key}`: this briefing would be published whatever it says"),
            hold_back.into(),
        )),
        // Hugo's build options and headless pages.
        "build" | "headless" if !value.says_no() => Some((
            format!("brief does not read `{key}`: this briefing would be published and listed"),
            hold_back.into(),
        )),
        // Eleventy's `permalink: false` writes no page at all.
        "permalink" if value.says_no() => Some((
            format!("brief does not read `{key}`: this briefing would be published"),
            hold_back.into(),
        )),
        // A custom address (Jekyll, Eleventy, Hugo's `url`): the briefing
        // would be published elsewhere, and links to the old one break.
        "permalink" | "url" if key_is_address(&normalized, value) => Some((
            format!("brief does not read `{key}`: this briefing would be published at /briefings/<slug>/, not there"),
            "set the address with `slug:`, and list an old one under `aliases:` so that links to it keep working".into(),
        )),
        "hidden" | "private" | "unlisted" | "unpublished" if !value.says_no() => Some((
            format!("brief does not read `{key}`: this briefing would be published and listed"),
            hold_back.into(),
        )),
        // Hugo's publishDate, and its kin.
        "publishdate" | "pubdate" | "publishat" | "publishon" | "scheduled" => Some((
            format!("brief does not read `{key}`: this briefing would be published now, not then"),
            "brief publishes a briefing at its `date`: put that date in `date:` (a date after now is held back until it comes)".into(),
        )),
        // Hugo's expiryDate, and its kin.
        "expirydate" | "expires" | "expiry" | "expiredate" | "unpublishdate" | "unpublishat" => {
            Some((
                format!("brief does not read `{key}`: nothing takes a briefing down at a date"),
                "remove the key; to take a briefing down, delete its file or mark it `draft: true`, then build".into(),
            ))
        }
        _ => None,
    }
}

/// Whether `permalink:` or `url:` gives the briefing's own address: any
/// `permalink`, and a `url` that is a path on the site (`url:` holding a
/// web address is more likely the editor's link to a source).
fn key_is_address(key: &str, value: &Value) -> bool {
    match value {
        Value::Text(t) => key == "permalink" || t.trim_start().starts_with('/'),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_that_would_hold_a_post_back_elsewhere_are_refused() {
        let text = |t: &str| Value::Text(t.into());
        for (key, value) in [
            ("published", Value::Bool(false)),
            ("published", text("no")),
            ("status", text("draft")),
            ("status", text("Private")),
            ("hidden", Value::Bool(true)),
            ("private", text("yes")),
            ("publishDate", text("2030-01-01")),
            ("publish_date", text("2030-01-01")),
            ("expiryDate", text("2030-01-01")),
            ("expires", text("2030-01-01")),
            ("_build", Value::Other(IgnoredAny)),
            ("headless", Value::Bool(true)),
            ("permalink", Value::Bool(false)),
            ("permalink", text("/2024/05/old-post/")),
            ("url", text("/old/")),
        ] {
            assert!(refusal(key, &value).is_some(), "{key}: {value:?}");
        }
        for (key, value) in [
            ("published", Value::Bool(true)),
            ("status", text("published")),
            ("hidden", Value::Bool(false)),
            ("headless", Value::Bool(false)),
            ("url", text("https://www.reuters.com/world/")),
            ("subtitle", text("draft")),
            ("category", text("hidden")),
        ] {
            assert!(refusal(key, &value).is_none(), "{key}: {value:?}");
        }
    }
}
