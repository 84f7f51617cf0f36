//! Whose files an output folder holds: the manifest brief leaves in every
//! output folder, and the rule that tells brief's output from files it
//! must not delete.

use std::collections::HashSet;
use std::path::Path;

use crate::error::BuildError;
use crate::util::Set;

/// The file, inside every output folder brief writes, that lists the files
/// it wrote there (one `/`-separated relative path a line, sorted, after a
/// comment line naming the format). It does not list itself.
pub const MANIFEST: &str = ".brief-manifest";

/// The manifest's first line; the number is the format version.
pub(super) const MANIFEST_HEADER: &str = "# brief output manifest, format 1";

/// The manifest listing `paths` (already sorted).
pub(super) fn manifest_text<'a>(paths: impl Iterator<Item = &'a str>) -> String {
    let mut text = format!("{MANIFEST_HEADER}\n");
    for p in paths {
        text.push_str(p);
        text.push('\n');
    }
    text
}

/// The paths a manifest lists, or `None` when `text` is not a manifest
/// brief understands. A line that is not a plain path inside the folder
/// (`../x`, `/etc/x`, `a/../../b`: brief never writes one, but a manifest
/// edited by hand or merged badly may hold one) vouches for nothing: a
/// warm build removes the listed files it no longer makes, and must never
/// reach outside the output folder.
pub(super) fn parse_manifest(text: &str) -> Option<Set<String>> {
    let mut lines = text.lines();
    let header = lines.next()?;
    let version = header.strip_prefix("# brief output manifest, format ")?;
    if version.trim() != "1" {
        return None;
    }
    Some(
        lines
            .filter(|l| super::checked(l).is_ok())
            .map(str::to_string)
            .collect(),
    )
}

/// The top-level files the builds of every release write.
const FIXED_TOP_LEVEL: &[&str] = &[
    "index.html",
    "404.html",
    "style.css",
    "search.js",
    "robots.txt",
    "sitemap.xml",
    "sitemap-news.xml",
    "rss.xml",
    "atom.xml",
    "feed.json",
    "feeds.opml",
];

/// Folders whose whole content brief generates.
const GENERATED_FOLDERS: &[&str] = &[
    "briefings",
    "tags",
    "page",
    "archive",
    "search",
    crate::routes::SEARCH_INDEX_DIR,
];

/// Top-level files every build writes: an output folder without a manifest
/// must hold all four to be recognised as brief's.
const MARKERS: &[&str] = &["index.html", "404.html", "sitemap.xml", "robots.txt"];

/// The top-level names the site at `root` publishes files under: the
/// entries of `static/` and `content/` (copied to the output root) and of
/// `templates/` (theme assets are published at the root), hidden ones
/// excepted as the build skips them.
pub fn published_names(root: &Path) -> HashSet<String> {
    let mut names = HashSet::new();
    for dir in [
        crate::build::STATIC_DIR,
        crate::content::CONTENT_DIR,
        crate::render::templates::TEMPLATES_DIR,
    ] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if !name.starts_with('.') {
                names.insert(name);
            }
        }
    }
    names
}

/// Whether `text` is a number as brief writes it in a file name.
fn is_number(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `path` is an archive document of the site feed:
/// `feeds/archive/N/` then `rss.xml`, `atom.xml` or `feed.json`.
fn is_feed_archive(path: &str) -> bool {
    let Some(rest) = path
        .strip_prefix(crate::routes::FEED_ARCHIVE_DIR)
        .and_then(|r| r.strip_prefix('/'))
    else {
        return false;
    };
    rest.split_once('/').is_some_and(|(number, name)| {
        is_number(number) && ["rss.xml", "atom.xml", "feed.json"].contains(&name)
    })
}

/// Whether `path` (relative, `/`-separated) has a shape brief writes:
/// a fixed top-level file, a `sitemap-N.xml`, a feed archive document,
/// anything under a generated folder, or anything under a top-level name
/// in `published`.
fn brief_shaped(path: &str, published: &HashSet<String>) -> bool {
    let first = path.split('/').next().unwrap_or(path);
    if first != path {
        return GENERATED_FOLDERS.contains(&first)
            || published.contains(first)
            || is_feed_archive(path);
    }
    FIXED_TOP_LEVEL.contains(&path)
        || published.contains(path)
        || path
            .strip_prefix("sitemap-")
            .and_then(|p| p.strip_suffix(".xml"))
            .is_some_and(is_number)
}

/// What an existing output folder holds, as far as replacing it goes.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Contents {
    /// Files brief wrote there, relative, `/`-separated.
    pub owned: Set<String>,
    /// Files brief did not write, sorted.
    pub foreign: Vec<String>,
}

/// Sorts the files in the output folder `target` into brief's and others.
///
/// The rule: a missing folder, or one holding no files (empty folders do
/// not count), holds nothing to lose. A folder with a [`MANIFEST`] is
/// brief's when every file in it is listed there (or is the manifest).
/// A folder without one (output of a release that wrote no manifest) is
/// brief's when it holds `index.html`, `404.html`, `sitemap.xml` and
/// `robots.txt` at its top level and every file in it has a shape brief
/// writes: the fixed top-level files (`index.html`, `404.html`,
/// `style.css`, `robots.txt`, `sitemap.xml`, `sitemap-N.xml`,
/// `sitemap-news.xml`, `rss.xml`, `atom.xml`, `feed.json`, `feeds.opml`),
/// the feed archive documents (`feeds/archive/N/rss.xml`, `atom.xml`,
/// `feed.json`), anything under `briefings/`, `tags/`, `page/` or
/// `archive/`, or
/// anything under a top-level name the site publishes from `static/`,
/// `content/` or `templates/` (`published`, see [`published_names`]).
/// Otherwise every file in it counts as foreign. The folder is walked
/// without following symlinks; a symlink counts as a file.
pub fn inspect(target: &Path, published: &HashSet<String>) -> Result<Contents, BuildError> {
    if !target.exists() {
        return Ok(Contents::default());
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(target)
        .follow_links(false)
        .min_depth(1)
    {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(target).to_path_buf();
            BuildError::io(&path, std::io::Error::other(e))
        })?;
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = entry.path().strip_prefix(target).unwrap_or(entry.path());
        files.push(rel_string(rel));
    }
    files.sort();
    Ok(classify(target, files, published))
}

/// A relative path, `/`-separated.
pub(super) fn rel_string(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// [`inspect`] on a list of files (sorted), reading the manifest if listed.
fn classify(target: &Path, files: Vec<String>, published: &HashSet<String>) -> Contents {
    let manifest = files
        .iter()
        .any(|f| f == MANIFEST)
        .then(|| std::fs::read(target.join(MANIFEST)).ok())
        .flatten()
        .and_then(|bytes| parse_manifest(&String::from_utf8_lossy(&bytes)));
    let mut contents = Contents::default();
    match manifest {
        Some(listed) => {
            for f in files {
                if f == MANIFEST {
                    continue;
                }
                if listed.contains(&f) {
                    contents.owned.insert(f);
                } else {
                    contents.foreign.push(f);
                }
            }
        }
        None => {
            let marked = MARKERS.iter().all(|m| files.iter().any(|f| f == m));
            for f in files {
                if marked && brief_shaped(&f, published) {
                    contents.owned.insert(f);
                } else {
                    contents.foreign.push(f);
                }
            }
        }
    }
    contents
}

/// The error for an output folder holding files brief did not write:
/// it names the folder and up to five of those files. `replace` says
/// whether a build (which replaces the folder) or a single-file command
/// (which writes into it) was refused.
pub(super) fn refusal(target: &Path, foreign: &[String], replace: bool) -> BuildError {
    let mut shown: Vec<&str> = foreign.iter().take(5).map(String::as_str).collect();
    let rest = foreign.len() - shown.len();
    let listed = if rest > 0 {
        format!("{} and {rest} more", shown.join(", "))
    } else if shown.len() > 1 {
        let last = shown.pop().unwrap_or_default();
        format!("{} and {last}", shown.join(", "))
    } else {
        shown.join("")
    };
    let (what, anyway) = if replace {
        (
            format!(
                "refusing to replace {}: it holds files brief did not write, which building would delete: {listed}",
                target.display()
            ),
            "replace it",
        )
    } else {
        (
            format!(
                "refusing to write into {}: it is not brief's output folder; it holds files brief did not write: {listed}",
                target.display()
            ),
            "write into it",
        )
    };
    BuildError::Usage(format!(
        "{what}\n  = hint: put files you want published in static/, choose another --output, or pass --force to {anyway} anyway"
    ))
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// Writes `files` (relative paths) under a fresh folder.
    fn folder(files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for f in files {
            let path = dir.path().join(f);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        dir
    }

    fn foreign(files: &[&str], published: &[&str]) -> Vec<String> {
        let dir = folder(files);
        let published = published.iter().map(|s| s.to_string()).collect();
        inspect(dir.path(), &published).unwrap().foreign
    }

    /// The four files every build writes at the top level.
    pub(in crate::output) const LEGACY: &[&str] =
        &["index.html", "404.html", "sitemap.xml", "robots.txt"];

    #[test]
    fn missing_and_empty_folders_hold_nothing_to_lose() {
        let dir = tempfile::tempdir().unwrap();
        let none = HashSet::new();
        assert_eq!(
            inspect(&dir.path().join("missing"), &none).unwrap(),
            Contents::default()
        );
        std::fs::create_dir_all(dir.path().join("empty/sub")).unwrap();
        assert_eq!(
            inspect(&dir.path().join("empty"), &none).unwrap(),
            Contents::default()
        );
    }

    #[test]
    fn a_manifest_must_list_every_file() {
        let dir = folder(&["index.html", "briefings/a/index.html", "CNAME"]);
        std::fs::write(
            dir.path().join(MANIFEST),
            manifest_text(["briefings/a/index.html", "index.html"].into_iter()),
        )
        .unwrap();
        let contents = inspect(dir.path(), &HashSet::new()).unwrap();
        assert_eq!(contents.foreign, ["CNAME"]);
        assert_eq!(contents.owned.len(), 2);
        std::fs::remove_file(dir.path().join("CNAME")).unwrap();
        assert!(
            inspect(dir.path(), &HashSet::new())
                .unwrap()
                .foreign
                .is_empty()
        );
        // A listed file does not vouch for its neighbours.
        std::fs::write(dir.path().join("briefings/a/notes.txt"), "x").unwrap();
        assert_eq!(
            inspect(dir.path(), &HashSet::new()).unwrap().foreign,
            ["briefings/a/notes.txt"]
        );
    }

    #[test]
    fn a_file_that_is_not_a_manifest_vouches_for_nothing() {
        let dir = folder(LEGACY);
        std::fs::write(dir.path().join(MANIFEST), "index.html\n").unwrap();
        assert_eq!(
            inspect(dir.path(), &HashSet::new()).unwrap().foreign,
            [MANIFEST]
        );
        std::fs::write(
            dir.path().join(MANIFEST),
            "# brief output manifest, format 99\nindex.html\n",
        )
        .unwrap();
        assert_eq!(
            inspect(dir.path(), &HashSet::new()).unwrap().foreign,
            [MANIFEST]
        );
    }

    #[test]
    fn output_without_a_manifest_is_recognised_by_its_shape() {
        let mut files = LEGACY.to_vec();
        files.extend([
            "style.css",
            "rss.xml",
            "atom.xml",
            "feed.json",
            "feeds.opml",
            "sitemap-2.xml",
            "sitemap-news.xml",
            "briefings/a/index.html",
            "briefings/a/email.txt",
            "briefings/a/card.png",
            "tags/x/page/2/index.html",
            "page/2/index.html",
            "archive/index.html",
            "feeds/archive/1/rss.xml",
            "feeds/archive/12/atom.xml",
            "feeds/archive/3/feed.json",
            "images/logo.png",
            "favicon.ico",
        ]);
        assert!(foreign(&files, &["images", "favicon.ico"]).is_empty());
        // The same files without the site's static names are not all brief's.
        assert_eq!(foreign(&files, &[]), ["favicon.ico", "images/logo.png"]);
        // All four markers are needed.
        for missing in LEGACY {
            let rest: Vec<&str> = files.iter().copied().filter(|f| f != missing).collect();
            assert_eq!(foreign(&rest, &["images", "favicon.ico"]).len(), rest.len());
        }
        // Names brief never writes, at the top level or in feeds/.
        for odd in [
            "CNAME",
            "notes.txt",
            "sitemap-x.xml",
            "sitemap-.xml",
            "sitemap-nws.xml",
            "content/x.md",
            "feeds/notes.txt",
            "feeds/archive/1/notes.txt",
            "feeds/archive/x/rss.xml",
            "feeds/archive/rss.xml",
            "feeds/archive/1/2/rss.xml",
        ] {
            let mut with = LEGACY.to_vec();
            with.push(odd);
            assert_eq!(foreign(&with, &[]), [odd], "{odd}");
        }
    }

    #[test]
    fn published_names_come_from_static_content_and_templates() {
        let site = folder(&[
            "static/CNAME",
            "static/.hidden",
            "static/img/a.png",
            "content/briefings/a.md",
            "templates/logo.svg",
        ]);
        let mut names: Vec<String> = published_names(site.path()).into_iter().collect();
        names.sort();
        assert_eq!(names, ["CNAME", "briefings", "img", "logo.svg"]);
    }

    #[test]
    fn refusals_name_up_to_five_files() {
        let files: Vec<String> = (1..=7).map(|i| format!("f{i}")).collect();
        let text = refusal(Path::new("/out"), &files, true).to_string();
        assert!(text.contains("/out"), "{text}");
        assert!(text.contains("f1, f2, f3, f4, f5 and 2 more"), "{text}");
        assert!(!text.contains("f6"), "{text}");
        assert!(text.contains("--force"), "{text}");
        let text = refusal(Path::new("/out"), &files[..2], false).to_string();
        assert!(text.contains("f1 and f2\n"), "{text}");
        assert_eq!(refusal(Path::new("/o"), &files, true).exit_code(), 2);
    }
}
