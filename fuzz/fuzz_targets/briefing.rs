//! The whole per-file pipeline (decode, split, front matter, checks,
//! Markdown, summary) on arbitrary bytes: never a panic.
#![no_main]

use std::path::Path;

use brief::content::briefing::{ParseContext, parse_file};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let files = std::collections::HashSet::new();
    let cx = ParseContext {
        timezone: chrono_tz::America::New_York,
        root_url: "https://example.org/b/",
        files: &files,
        page_href: &brief::routes::briefing_href,
    };
    let parsed = parse_file(Path::new("content/briefings/x.md"), Path::new("briefings/x.md"), data, &cx);
    if let Some(b) = parsed.briefing {
        assert!(!b.title.is_empty());
        assert!(brief::content::briefing::is_valid_slug(&b.slug));
    }
});
