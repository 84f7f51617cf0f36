//! Front-matter splitting and YAML parsing on arbitrary bytes: never a
//! panic, and every error points inside the file.
#![no_main]

use std::path::Path;

use brief::content::front_matter::{self, YamlSource};
use brief::content::split;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.md");
    let Ok(text) = split::decode(path, data) else { return };
    let lines = text.split('\n').count();
    match split::split(path, &text) {
        Ok(parts) => {
            let src = YamlSource { path, yaml: parts.yaml, first_line: parts.yaml_line, file: &text };
            if let Err(d) = front_matter::parse(&src) {
                assert!(d.line.unwrap_or(1) <= lines + 1, "{d:?}");
            }
        }
        Err(d) => assert!(d.line.unwrap_or(1) <= lines + 1),
    }
});
