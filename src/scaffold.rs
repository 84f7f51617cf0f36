//! `brief new` and `brief init`: start a briefing or a whole site without
//! copying files by hand. Neither ever overwrites a file.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Utc};

use crate::config::{CONFIG_FILE, Config, Overrides};
use crate::content::briefing::parse_date;
use crate::error::BuildError;
use crate::render::templates::{BUILTIN_ASSETS, BUILTIN_TEMPLATES, TEMPLATES_DIR};

/// What `brief new` writes.
#[derive(Debug, Clone, Default)]
pub struct NewBriefing {
    /// The headline, written as `title:`.
    pub title: String,
    /// The tags, written as `tags:`.
    pub tags: Vec<String>,
    /// Any form `date:` accepts; now, in the site's time zone, when absent.
    pub date: Option<String>,
    /// The file to create (`hugo new` style), absolute and inside
    /// `content/`; `content/briefings/<date>-<slug>.md` when absent.
    pub path: Option<PathBuf>,
}

/// A headline from a file name: `2025-08-08-us-weighs-force.md` →
/// "Us weighs force".
pub fn title_from_file_name(path: &Path) -> String {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let stem = crate::content::briefing::default_slug(Path::new(&*stem)).unwrap_or_default();
    let words = stem.replace(['-', '_'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A YAML scalar for any string: a JSON string is valid YAML.
fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// Writes `content/briefings/<date>-<slug>.md` and returns its path.
pub fn new_briefing(root: &Path, new: &NewBriefing) -> Result<PathBuf, BuildError> {
    let config = Config::load(root, &Overrides::default())?;
    let title = crate::content::briefing::clean_text(&new.title);
    if title.is_empty() {
        return Err(BuildError::Usage("the title is empty".into()));
    }
    // A file name that starts with a date (`2025-08-08-x.md`) gives it.
    let named_date = new.path.as_ref().and_then(|p| {
        let stem = p.file_stem()?.to_str()?;
        parse_date(stem.get(..10)?, config.timezone).ok()
    });
    let date: DateTime<FixedOffset> = match (&new.date, named_date) {
        (Some(text), _) => parse_date(text, config.timezone)
            .map_err(|e| BuildError::Usage(format!("--date: {e}")))?,
        (None, Some(date)) => date,
        (None, None) => Utc::now().with_timezone(&config.timezone).fixed_offset(),
    };
    let date = date.with_nanosecond_zero();
    let slug = crate::content::briefing::slug_of(&title);
    if slug.is_empty() {
        return Err(BuildError::Usage(format!(
            "cannot make a file name from the title {title:?}; use letters or digits"
        )));
    }
    let content = root.join(crate::content::CONTENT_DIR);
    let path = match &new.path {
        Some(path) => {
            if !path.starts_with(&content) {
                return Err(BuildError::Usage(format!(
                    "{} is outside the site's content folder ({}); briefings live there",
                    path.display(),
                    content.display()
                )));
            }
            path.clone()
        }
        None => content
            .join(crate::content::briefing::BRIEFINGS_FOLDER)
            .join(format!("{}-{slug}.md", date.format("%Y-%m-%d"))),
    };
    let dir = path.parent().unwrap_or(&content).to_path_buf();
    std::fs::create_dir_all(&dir).map_err(|e| BuildError::io(&dir, e))?;
    // A recurring headline ("Morning briefing") would give every day the
    // same URL; pin a dated slug when another file already takes it.
    // So would a headline Windows reserves as a name (`Con`, `Aux`): the
    // build would refuse its folder.
    let taken = crate::content::briefing::reserved_on_windows(&slug)
        || crate::content::load(root).markdown.iter().any(|(_, rel)| {
            crate::content::briefing::default_slug(rel).as_deref() == Some(slug.as_str())
        });
    let slug_line = if taken && new.path.is_none() {
        format!("slug: {slug}-{}\n", date.format("%Y-%m-%d"))
    } else {
        String::new()
    };
    let tags: Vec<&str> = new
        .tags
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .collect();
    // A tag the build would refuse (`]`, `con`) is refused before the
    // file is written, not at the next build.
    if let Some(bad) = tags.iter().find(|t| {
        let slug = crate::content::briefing::slug_of(t);
        slug.is_empty() || crate::content::briefing::reserved_on_windows(&slug)
    }) {
        return Err(BuildError::Usage(format!(
            "--tags: the tag {bad:?} makes no URL the build accepts; use letters or digits, and not a name Windows reserves"
        )));
    }
    let tags: Vec<String> = tags.into_iter().map(yaml_string).collect();
    let skeleton_path = root.join(TEMPLATES_DIR).join("new.md");
    let text = if skeleton_path.is_file() {
        // The site's own skeleton, a Tera template.
        let source = std::fs::read_to_string(&skeleton_path)
            .map_err(|e| BuildError::io(&skeleton_path, e))?;
        let mut cx = tera::Context::new();
        cx.insert("title", &yaml_string(&title));
        cx.insert("title_text", &title);
        cx.insert("date", &date.to_rfc3339());
        cx.insert("slug", &slug);
        cx.insert("slug_line", &slug_line);
        cx.insert("tags", &format!("[{}]", tags.join(", ")));
        cx.insert("lede", crate::content::briefing::PLACEHOLDER_LEDE);
        tera::Tera::one_off(&source, &cx, false).map_err(|e| {
            BuildError::Usage(format!(
                "templates/new.md: {}",
                crate::error::plain_words(&e.to_string())
            ))
        })?
    } else {
        format!(
            "---\ntitle: {title}\ndate: {date}\n{slug_line}tags: [{tags}]\nauthors: []\nsummary: \"\"\nsources: []\ndraft: true\n---\n{lede}\n\n<!-- more -->\n\n## What happened\n\n## Why it matters\n\n## What to watch\n",
            title = yaml_string(&title),
            date = date.to_rfc3339(),
            tags = tags.join(", "),
            lede = crate::content::briefing::PLACEHOLDER_LEDE,
        )
    };
    write_new(&path, text.as_bytes())?;
    Ok(path)
}

trait ZeroNanos {
    fn with_nanosecond_zero(self) -> Self;
}

impl ZeroNanos for DateTime<FixedOffset> {
    fn with_nanosecond_zero(self) -> Self {
        use chrono::Timelike;
        self.with_nanosecond(0).unwrap_or(self)
    }
}

/// Creates `path` with `bytes`, refusing to replace an existing file.
fn write_new(path: &Path, bytes: &[u8]) -> Result<(), BuildError> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                BuildError::Usage(format!(
                    "{} already exists; brief never overwrites a file",
                    path.display()
                ))
            } else {
                BuildError::io(path, e)
            }
        })?;
    file.write_all(bytes).map_err(|e| BuildError::io(path, e))
}

/// Refuses, before anything is written, when one of the files about to
/// be written (or kept) is a folder or another non-file: a folder named
/// `site.toml` was "kept" and the new site could not build.
fn not_in_the_way(dir: &Path, rels: &[&Path]) -> Result<(), BuildError> {
    for rel in rels {
        let path = dir.join(rel);
        if let Ok(meta) = std::fs::metadata(&path)
            && !meta.is_file()
        {
            return Err(BuildError::Usage(format!(
                "{} is {} where brief writes the file {}; rename or remove it, then run the command again",
                path.display(),
                if meta.is_dir() {
                    "a folder"
                } else {
                    "not a file"
                },
                rel.display()
            )));
        }
    }
    Ok(())
}

/// What `brief init` did.
#[derive(Debug, Default)]
pub struct InitReport {
    /// Files written, relative to the new site's folder.
    pub written: Vec<PathBuf>,
    /// Files that existed and were left alone (with `--force`).
    pub kept: Vec<PathBuf>,
}

const SITE_TOML: &str = r#"# brief site configuration; every key is described in brief's README.
title = "My Briefing"
base_url = "https://example.org/"
description = "Short, dated digests of the news that matters."
language = "en"                 # dates, theme words and text direction follow it: "es", "pt-BR", "ar"
timezone = "UTC"
# author = "The desk"

[build]
output_dir = "public"
per_page = 10
drafts = false
future = false

[feed]
limit = 20
full_content = true
formats = ["rss", "atom", "json"]
archive = true

[email]
enabled = true
limit = 20

[sitemap]
news = true

[cards]
enabled = true
# fonts = ["fonts/MyFont.ttf"]

[related]
limit = 4

# [translations]                # your own words for the theme, e.g.
# sources = "Reporting"

[extra]
"#;

const GITIGNORE: &str = "/public\n/.public.*\n/.brief-cache/\n";

/// What `templates/` holds in a new site: no copy of the theme (a copy
/// would override every file, and later fixes to the built-in theme would
/// never reach the site), only how to override.
const TEMPLATES_README: &str = "# Templates\n\nThis site uses brief's built-in theme. To change one of its files, copy\nit here and edit the copy: a file here overrides the built-in one of the\nsame name, and every other file keeps coming from brief, with its fixes.\n\n    brief eject base.html style.css   # copy these two\n    brief eject                       # copy every file of the theme\n\n`new.md` here, if you add one, is the skeleton `brief new` writes (a Tera\ntemplate that receives title, date, slug, tags and lede). This README and\n`new.md` are never published. The template contract is in brief's\ndocs/templates.md.\n";

/// Creates a working site in `dir`: site.toml, an example briefing,
/// static/, a .gitignore, and a templates/ folder that overrides nothing. Refuses a folder that
/// is not empty unless `force`; even then, existing files are kept.
pub fn init(dir: &Path, force: bool) -> Result<InitReport, BuildError> {
    if dir.exists() {
        if !dir.is_dir() {
            return Err(BuildError::Usage(format!(
                "{} exists and is not a folder",
                dir.display()
            )));
        }
        let not_empty = std::fs::read_dir(dir)
            .map_err(|e| BuildError::io(dir, e))?
            .next()
            .is_some();
        if not_empty && !force {
            return Err(BuildError::Usage(format!(
                "{} is not empty; use --force to add the missing files (existing ones are never replaced)",
                dir.display()
            )));
        }
    }
    let today = Utc::now().date_naive();
    let example = format!(
        "---\ntitle: \"Welcome to your briefing\"\ndate: {today}\ntags: [Meta]\nsummary: \"What this site is and how to write the next briefing.\"\n---\nThis is the first briefing. Each briefing is a Markdown file in `content/briefings/` with a few lines of front matter on top.\n\n## What to do next\n\n- Set `title` and `base_url` in `site.toml`.\n- Run `brief new \"Your headline\" --tags Topic` to start a briefing.\n- Run `brief serve` and watch the page update as you write.\n- Run `brief build` and upload `public/` to any static host.\n"
    );
    let mut files: Vec<(PathBuf, Vec<u8>)> = vec![
        (PathBuf::from(CONFIG_FILE), SITE_TOML.as_bytes().to_vec()),
        (PathBuf::from(".gitignore"), GITIGNORE.as_bytes().to_vec()),
        (
            PathBuf::from(format!("content/briefings/{today}-welcome.md")),
            example.into_bytes(),
        ),
        (PathBuf::from("static/.gitkeep"), Vec::new()),
    ];
    files.push((
        Path::new(TEMPLATES_DIR).join("README.md"),
        TEMPLATES_README.as_bytes().to_vec(),
    ));
    let rels: Vec<&Path> = files.iter().map(|(rel, _)| rel.as_path()).collect();
    not_in_the_way(dir, &rels)?;
    let mut report = InitReport::default();
    for (rel, bytes) in files {
        let path = dir.join(&rel);
        if path.exists() {
            report.kept.push(rel);
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| BuildError::io(parent, e))?;
        }
        write_new(&path, &bytes)?;
        report.written.push(rel);
    }
    Ok(report)
}

/// What `brief eject` did.
#[derive(Debug, Default)]
pub struct EjectReport {
    /// Files copied into `templates/`, relative to the site root.
    pub written: Vec<PathBuf>,
    /// Files that already existed there and were left alone.
    pub kept: Vec<PathBuf>,
}

/// `brief eject [NAME…]`: copies built-in theme files into the site's
/// `templates/`, to be edited there; every file when `names` is empty.
/// Never replaces a file.
pub fn eject(root: &Path, names: &[String]) -> Result<EjectReport, BuildError> {
    let theme: Vec<(&str, &[u8])> = BUILTIN_TEMPLATES
        .iter()
        .map(|(name, source)| (*name, source.as_bytes()))
        .chain(BUILTIN_ASSETS.iter().map(|(name, bytes)| (*name, *bytes)))
        .collect();
    let chosen: Vec<(&str, &[u8])> = if names.is_empty() {
        theme.clone()
    } else {
        let mut chosen = Vec::new();
        for name in names {
            let name = name.trim_start_matches("templates/");
            match theme.iter().find(|(n, _)| *n == name) {
                Some(file) => chosen.push(*file),
                None => {
                    let known: Vec<&str> = theme.iter().map(|(n, _)| *n).collect();
                    return Err(BuildError::Usage(format!(
                        "the built-in theme has no file {name:?}; it has: {}",
                        known.join(", ")
                    )));
                }
            }
        }
        chosen
    };
    let rels: Vec<PathBuf> = chosen
        .iter()
        .map(|(name, _)| Path::new(TEMPLATES_DIR).join(name))
        .collect();
    not_in_the_way(root, &rels.iter().map(PathBuf::as_path).collect::<Vec<_>>())?;
    let mut report = EjectReport::default();
    for (name, bytes) in chosen {
        let rel = Path::new(TEMPLATES_DIR).join(name);
        let path = root.join(&rel);
        if path.exists() {
            report.kept.push(rel);
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| BuildError::io(parent, e))?;
        }
        write_new(&path, bytes)?;
        report.written.push(rel);
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_strings_survive_any_title() {
        for s in ["a: b", "#tag", "\"quoted\"", "- dash", "yes", "ünï"] {
            let yaml = format!("t: {}\n", yaml_string(s));
            #[derive(serde::Deserialize)]
            struct T {
                t: String,
            }
            let parsed: T = serde_saphyr::from_str(&yaml).unwrap();
            assert_eq!(parsed.t, s);
        }
    }
}
