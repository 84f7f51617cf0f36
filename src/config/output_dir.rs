//! An output folder refused for where it is ([`crate::output::check_output_dir`])
//! is a `site.toml` error when `build.output_dir` chose it: the refusal
//! then points at the setting and says what to write instead.

use super::{CONFIG_FILE, Config, config_error, keys::find_key};
use crate::error::{BuildError, Diagnostic};

impl Config {
    /// `err`, a refusal of the output folder, placed at `output_dir` in
    /// site.toml when the folder came from there (no `--output`), with a
    /// hint. Other errors, and refusals of `--output`, pass unchanged.
    pub fn output_dir_error(&self, err: BuildError, explicit: bool) -> BuildError {
        let BuildError::Usage(message) = &err else {
            return err;
        };
        if explicit || !message.starts_with("refusing to use ") {
            return err;
        }
        let Ok(text) = std::fs::read_to_string(self.root.join(CONFIG_FILE)) else {
            return err;
        };
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
        let Some(offset) = find_key(text, "output_dir") else {
            return err;
        };
        config_error(
            Diagnostic::error(CONFIG_FILE, format!("build.output_dir: {message}"))
                .at_offset(text, offset)
                .with_hint(
                    "set output_dir to a folder of its own, such as \"public\" (inside the site) or an absolute path; or pass --output DIR",
                ),
        )
    }
}
