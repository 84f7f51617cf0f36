//! Loading the templates: the built-in theme, compiled into the binary,
//! overridden file by file by the site's own `templates/` folder.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tera::{ErrorKind, Tera};

use crate::error::Diagnostic;

mod plain;
mod translate;

pub use translate::{Words, builtin_translation_keys};

use plain::{hint_for, plain, where_it_starts};

/// The templates folder's name inside the site root.
pub const TEMPLATES_DIR: &str = "templates";

/// Files of a site's `templates/` folder that are not part of its theme:
/// notes for people, and the skeleton `brief new` writes. Never published.
pub const NOT_THEME: &[&str] = &["README.md", "new.md"];

/// The theme's templates, compiled into the binary.
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../../templates/base.html")),
    ("index.html", include_str!("../../../templates/index.html")),
    (
        "briefing.html",
        include_str!("../../../templates/briefing.html"),
    ),
    ("tags.html", include_str!("../../../templates/tags.html")),
    ("tag.html", include_str!("../../../templates/tag.html")),
    (
        "author.html",
        include_str!("../../../templates/author.html"),
    ),
    (
        "archive.html",
        include_str!("../../../templates/archive.html"),
    ),
    ("404.html", include_str!("../../../templates/404.html")),
    (
        "search.html",
        include_str!("../../../templates/search.html"),
    ),
    ("email.html", include_str!("../../../templates/email.html")),
    ("card.svg", include_str!("../../../templates/card.svg")),
    (
        "partials/card.html",
        include_str!("../../../templates/partials/card.html"),
    ),
    (
        "partials/pagination.html",
        include_str!("../../../templates/partials/pagination.html"),
    ),
    (
        "partials/header.html",
        include_str!("../../../templates/partials/header.html"),
    ),
    (
        "partials/footer.html",
        include_str!("../../../templates/partials/footer.html"),
    ),
];

/// The built-in theme's other files (published at the site root), by name.
pub const BUILTIN_ASSETS: &[(&str, &[u8])] = &[
    ("search.js", include_bytes!("../../../templates/search.js")),
    ("style.css", include_bytes!("../../../templates/style.css")),
];

/// The search page's script, a theme asset published only with search on.
pub const SEARCH_SCRIPT: &str = "search.js";

/// Files in `templates/` with these extensions are Tera templates; any
/// other file there is a theme asset, published at the site root.
const TEMPLATE_EXTENSIONS: &[&str] = &["html", "xml", "txt"];

/// Templates whose extension says asset: the share card's layout, drawn
/// into `card.png` rather than published as it is.
const OTHER_TEMPLATES: &[&str] = &["card.svg"];

/// Where a template came from, for error messages.
#[derive(Debug, Clone)]
struct Origin {
    /// `templates/base.html`, or `(built-in) base.html`.
    path: PathBuf,
    source: String,
}

/// The compiled templates and the theme assets to publish.
pub struct Templates {
    /// Every template, the site's own over the built-in theme's, compiled.
    pub tera: Tera,
    origins: HashMap<String, Origin>,
    /// (name relative to the output root, bytes) of theme assets.
    pub assets: Vec<(String, Vec<u8>)>,
    /// `words` in each language a page is rendered in.
    pub words: Words,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates")
            .field("names", &self.origins.keys())
            .finish()
    }
}

impl Templates {
    /// Whether any template but those named in `except` mentions `word`
    /// (or reads `site` by a computed key, which could be anything).
    pub fn mention(&self, word: &str, except: &[&str]) -> bool {
        self.origins.iter().any(|(name, o)| {
            !except.contains(&name.as_str())
                && (o.source.contains(word) || o.source.contains("site["))
        })
    }

    /// The theme assets a build publishes: the search page's script only
    /// with search on.
    pub fn published_assets(&self, search: bool) -> impl Iterator<Item = &(String, Vec<u8>)> {
        self.assets
            .iter()
            .filter(move |(name, _)| search || name != SEARCH_SCRIPT)
    }

    /// A fingerprint of every template's name and text.
    pub fn key(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut all: Vec<(&String, &String)> = self
            .origins
            .iter()
            .map(|(name, origin)| (name, &origin.source))
            .collect();
        all.sort_unstable();
        let mut h = crate::util::fingerprinter();
        all.hash(&mut h);
        h.finish()
    }

    /// Compiles the built-in theme with the site's `templates/` on top;
    /// `t()` reads `translations`.
    pub fn load(
        root: &Path,
        translations: Arc<crate::i18n::Translations>,
    ) -> Result<Templates, Vec<Diagnostic>> {
        let mut origins: HashMap<String, Origin> = BUILTIN_TEMPLATES
            .iter()
            .map(|(name, source)| {
                (
                    name.to_string(),
                    Origin {
                        path: PathBuf::from(format!("(built-in theme) {name}")),
                        source: source.to_string(),
                    },
                )
            })
            .collect();
        let mut assets: HashMap<String, Vec<u8>> = BUILTIN_ASSETS
            .iter()
            .map(|(name, bytes)| (name.to_string(), bytes.to_vec()))
            .collect();

        let dir = root.join(TEMPLATES_DIR);
        let mut errors = Vec::new();
        if dir.is_dir() {
            for entry in walkdir::WalkDir::new(&dir)
                .follow_links(false)
                .sort_by_file_name()
            {
                let entry = match entry {
                    Ok(e) => e,
                    Err(e) => {
                        errors.push(Diagnostic::error(
                            TEMPLATES_DIR,
                            format!("cannot read: {e}"),
                        ));
                        continue;
                    }
                };
                if !entry.file_type().is_file() {
                    continue;
                }
                let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
                let name = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                if name.split('/').any(|part| part.starts_with('.'))
                    || NOT_THEME.contains(&name.as_str())
                {
                    continue;
                }
                let shown = Path::new(TEMPLATES_DIR).join(rel);
                let bytes = match std::fs::read(entry.path()) {
                    Ok(b) => b,
                    Err(e) => {
                        errors.push(Diagnostic::error(&shown, format!("cannot read: {e}")));
                        continue;
                    }
                };
                let is_template = OTHER_TEMPLATES.contains(&name.as_str())
                    || rel
                        .extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| TEMPLATE_EXTENSIONS.contains(&e));
                if !is_template {
                    assets.insert(name, bytes);
                    continue;
                }
                match crate::error::utf8_text(&shown, &bytes) {
                    Ok(source) => {
                        let source = source.to_string();
                        origins.insert(
                            name,
                            Origin {
                                path: shown,
                                source,
                            },
                        );
                    }
                    Err(d) => errors.push(d),
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }

        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml", ".svg"]);
        translate::register(&mut tera, translations.clone());
        let mut sorted: Vec<(&String, &Origin)> = origins.iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(b.0));
        let added =
            tera.add_raw_templates(sorted.iter().map(|(n, o)| (n.as_str(), o.source.as_str())));
        let mut assets: Vec<(String, Vec<u8>)> = assets.into_iter().collect();
        assets.sort_by(|a, b| a.0.cmp(&b.0));
        let templates = Templates {
            tera,
            origins,
            assets,
            words: Words::new(translations),
        };
        match added {
            Ok(()) => Ok(templates),
            Err(e) => Err(vec![templates.diagnose(&e, None)]),
        }
    }

    /// Whether `name` comes from the built-in theme (not overridden).
    pub fn is_builtin(&self, name: &str) -> bool {
        self.origins
            .get(name)
            .is_some_and(|o| !o.path.starts_with(TEMPLATES_DIR))
    }

    /// The file template `name` comes from, for messages:
    /// `templates/card.svg`, or `(built-in theme) card.svg`.
    pub fn path_of(&self, name: &str) -> PathBuf {
        self.origins
            .get(name)
            .map_or_else(|| Path::new(TEMPLATES_DIR).join(name), |o| o.path.clone())
    }

    /// Whether a template of this name exists.
    pub fn has(&self, name: &str) -> bool {
        self.origins.contains_key(name)
    }

    /// Turns a Tera error into a diagnostic naming the template file and
    /// line. `rendering` names the template being rendered, if any.
    pub fn diagnose(&self, error: &tera::Error, rendering: Option<&str>) -> Diagnostic {
        let origin_of = |name: &str| self.origins.get(name);
        match error.kind() {
            ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
                let name = report.filename();
                let name = if name.is_empty() {
                    rendering.unwrap_or("")
                } else {
                    name
                };
                let span = report.span();
                let kind = if matches!(error.kind(), ErrorKind::SyntaxError(_)) {
                    "template syntax error"
                } else {
                    "template error"
                };
                let message = format!("{kind}: {}", plain(report.message()));
                match origin_of(name) {
                    Some(o) => {
                        let d = Diagnostic::error(&o.path, message)
                            .at(&o.source, span.start_line, span.start_col + 1)
                            .with_hint(hint_for(report.message()));
                        where_it_starts(d, &o.source, report.message())
                    }
                    None => Diagnostic::error(format!("{TEMPLATES_DIR}/{name}"), message),
                }
            }
            ErrorKind::MissingParent { current, parent } => self.at_mention(
                current,
                parent,
                format!("extends {parent:?}, which does not exist"),
            ),
            ErrorKind::TemplateNotFound(name) => match rendering {
                Some(r) if r != name => self.at_mention(
                    r,
                    name,
                    format!("uses the template {name:?}, which does not exist"),
                ),
                _ => Diagnostic::error(format!("{TEMPLATES_DIR}/{name}"), "template not found")
                    .with_hint("add it to templates/, or remove what refers to it"),
            },
            ErrorKind::CircularExtend {
                tpl,
                inheritance_chain,
            } => self.at_mention(
                tpl,
                "extends",
                format!("circular extends: {}", inheritance_chain.join(" -> ")),
            ),
            ErrorKind::CircularInclude { tpl, include_chain } => self.at_mention(
                tpl,
                "include",
                format!("circular include: {}", include_chain.join(" -> ")),
            ),
            ErrorKind::Msg(text) if text.contains("\n --> ") => {
                self.diagnose_report_text(text, rendering)
            }
            _ => {
                let path = rendering
                    .and_then(origin_of)
                    .map(|o| o.path.clone())
                    .unwrap_or_else(|| PathBuf::from(TEMPLATES_DIR));
                Diagnostic::error(path, format!("template error: {error}"))
            }
        }
    }

    /// Some Tera errors (an unknown filter, a missing included template)
    /// arrive as rendered text: `error: message` then ` --> name:line:col`.
    fn diagnose_report_text(&self, text: &str, rendering: Option<&str>) -> Diagnostic {
        let mut lines = text.lines();
        let message = lines
            .next()
            .unwrap_or("")
            .trim_start_matches("error: ")
            .trim()
            .to_string();
        let location = lines
            .find_map(|l| l.trim_start().strip_prefix("--> "))
            .unwrap_or("");
        let mut parts = location.rsplitn(3, ':');
        let column = parts.next().and_then(|c| c.parse::<usize>().ok());
        let line = parts.next().and_then(|l| l.parse::<usize>().ok());
        let name = parts.next().or(rendering).unwrap_or("");
        let message = format!("template error: {}", plain(&message));
        match (self.origins.get(name), line) {
            (Some(o), Some(line)) => Diagnostic::error(&o.path, message)
                .at(&o.source, line, column.unwrap_or(1))
                .with_hint(hint_for(text)),
            (Some(o), None) => Diagnostic::error(&o.path, message),
            (None, _) => Diagnostic::error(format!("{TEMPLATES_DIR}/{name}"), message),
        }
    }

    /// A diagnostic in template `name` at the first mention of `needle`.
    fn at_mention(&self, name: &str, needle: &str, message: String) -> Diagnostic {
        match self.origins.get(name) {
            Some(o) => {
                let d = Diagnostic::error(&o.path, message)
                    .with_hint("check the template name; site templates live in templates/");
                match o.source.find(needle) {
                    Some(offset) => d.at_offset(&o.source, offset),
                    None => d,
                }
            }
            None => Diagnostic::error(format!("{TEMPLATES_DIR}/{name}"), message),
        }
    }
}

#[cfg(test)]
mod tests;
