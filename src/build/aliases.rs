//! Aliases may not take an address the site already uses. A redirect
//! page is a file (`old/index.html`, `old.html`) in folders of its own,
//! so it clashes with any output at its path, with a file where one of
//! its folders would be (`/sitemap.xml/`), and with a folder where it
//! would be a file. The taken paths come from the route table (pages,
//! feeds, sitemaps, the theme's files, other aliases), the files copied
//! from `content/` and `static/`, the search index's folder and the
//! output's manifest.

use std::collections::HashMap;

use super::checks::Copy;
use crate::config::Config;
use crate::error::Diagnostic;
use crate::render::Templates;
use crate::routes::{Route, SEARCH_INDEX_DIR};
use crate::site::Site;

/// Who holds a path: the words that name it, and whether it is an alias.
struct Holder {
    name: String,
    alias: bool,
}

/// Each alias that clashes with another output is an error at the
/// alias's line in its briefing, naming the other output.
pub(super) fn check_aliases(
    config: &Config,
    site: &Site,
    routes: &[Route<'_>],
    templates: Option<&Templates>,
    copies: &[Copy],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let aliases = routes.iter().filter(|r| matches!(r, Route::Alias { .. }));
    if aliases.clone().next().is_none() {
        return;
    }
    // A briefing's other outputs are named as such: "used by
    // content/briefings/x.md" for its email edition read as its page.
    let owner = |route: &Route<'_>| match *route {
        Route::Briefing { index, .. } | Route::Alias { index, .. } => {
            site.briefings[index].source.display().to_string()
        }
        Route::Email { index, .. } => format!(
            "the email edition of {}",
            site.briefings[index].source.display()
        ),
        Route::ShareCard { index, .. } => format!(
            "the share card of {}",
            site.briefings[index].source.display()
        ),
        _ => {
            let href = route.href();
            let what = if href.is_empty() || href.ends_with('/') {
                "page"
            } else {
                "file"
            };
            format!("brief's own {what} /{href}")
        }
    };
    let theme = templates
        .into_iter()
        .flat_map(|t| t.published_assets(config.search))
        .map(|(name, _)| Route::Asset { name });
    let mut taken: HashMap<String, Holder> = HashMap::new();
    let others = routes
        .iter()
        .copied()
        .filter(|r| !matches!(r, Route::Alias { .. }));
    for route in others.chain(theme) {
        let name = owner(&route);
        taken.insert(route.path(), Holder { name, alias: false });
    }
    let manifest = crate::output::MANIFEST;
    let name = format!("brief's own file /{manifest}");
    taken.insert(manifest.into(), Holder { name, alias: false });
    for c in copies {
        let name = crate::content::rel_to(&config.root, &c.from);
        let name = name.display().to_string();
        taken
            .entry(c.to.clone())
            .or_insert(Holder { name, alias: false });
    }
    // Every folder that holds a taken path, by the first path found in
    // it: made only when an alias is a file (`old.html`), which such a
    // folder would be in the way of.
    let mut folders: Option<HashMap<String, String>> = None;
    let index = config.search.then_some(SEARCH_INDEX_DIR);
    for route in aliases {
        let Route::Alias { index: i, href } = *route else {
            continue;
        };
        let path = route.path();
        let clash = if let Some(dir) = index.filter(|d| in_folder(&path, d)) {
            Some((format!("brief's search index /{dir}/"), false))
        } else if let Some(h) = taken.get(&path) {
            Some((h.name.clone(), h.alias))
        } else if let Some(h) = parents(&path).find_map(|p| taken.get(p)) {
            Some((h.name.clone(), h.alias))
        } else if path.ends_with("/index.html") {
            None
        } else {
            let folders = folders.get_or_insert_with(|| folders_of(&taken));
            folders.get(&path).map(|first| {
                let h = &taken[first];
                (h.name.clone(), h.alias)
            })
        };
        let b = &site.briefings[i];
        match clash {
            Some((other, alias)) => {
                let what = if alias {
                    "is also an alias in"
                } else {
                    "is already used by"
                };
                let mut d = b
                    .aliases
                    .iter()
                    .find(|a| a.href == href)
                    .map_or_else(|| Diagnostic::error(&b.source, ""), |a| a.at.clone());
                d.message = format!("the alias /{href} {what} {other}");
                d.hint = Some("remove the alias or change it: an alias may not replace a page or file the site publishes, or sit inside one".into());
                diagnostics.push(d);
            }
            None => {
                if let Some(folders) = &mut folders {
                    for p in parents(&path) {
                        folders.entry(p.to_string()).or_insert_with(|| path.clone());
                    }
                }
                let name = b.source.display().to_string();
                taken.insert(path, Holder { name, alias: true });
            }
        }
    }
}

/// Whether `path` lies inside the folder `dir`.
fn in_folder(path: &str, dir: &str) -> bool {
    path.strip_prefix(dir).is_some_and(|r| r.starts_with('/'))
}

/// The folders `path` lies in, nearest first: `a/b` and `a` for `a/b/c`.
fn parents(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('/').rev().map(|(i, _)| &path[..i])
}

/// Every folder holding a taken path, with the first such path.
fn folders_of(taken: &HashMap<String, Holder>) -> HashMap<String, String> {
    let mut folders: HashMap<String, String> = HashMap::new();
    let mut paths: Vec<&String> = taken.keys().collect();
    paths.sort();
    for path in paths {
        for p in parents(path) {
            folders.entry(p.to_string()).or_insert_with(|| path.clone());
        }
    }
    folders
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parents_are_listed_nearest_first() {
        assert_eq!(parents("a/b/index.html").collect::<Vec<_>>(), ["a/b", "a"]);
        assert_eq!(parents("x.html").count(), 0);
        assert!(in_folder("pagefind/x/index.html", "pagefind"));
        assert!(!in_folder("pagefind.html", "pagefind"));
    }
}
