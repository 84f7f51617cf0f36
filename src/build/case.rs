//! Output paths that differ only in case (`Style.css` and `style.css`,
//! `/Briefings/One/` and `/briefings/one/`) are one file on macOS and
//! Windows and on hosts and CDNs that fold case: whichever is written or
//! uploaded last replaces the other, the front page or the theme's CSS
//! included. brief's own paths are lower case; a copied file or an alias
//! is the editor's, so it is refused when it folds onto another path.

use std::borrow::Cow;
use std::collections::HashMap;

use super::checks::Copy;
use crate::config::Config;
use crate::error::Diagnostic;
use crate::render::Templates;
use crate::routes::Route;
use crate::site::Site;

/// `path` as a case-folding file system compares it.
fn folded(path: &str) -> Cow<'_, str> {
    if path
        .bytes()
        .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
    {
        Cow::Owned(path.to_lowercase())
    } else {
        Cow::Borrowed(path)
    }
}

/// Each copied file and alias whose path differs only in case from
/// another output path is an error naming both.
pub(super) fn check_case(
    config: &Config,
    site: &Site,
    plan: &[Route<'_>],
    templates: Option<&Templates>,
    copies: &[Copy],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let editors = copies.iter().any(|c| folded(&c.to) != c.to)
        || plan
            .iter()
            .any(|r| matches!(r, Route::Alias { .. }) && folded(&r.path()) != r.path());
    if !editors {
        // Every path is its own folded form: two can only clash exactly,
        // which the other checks report.
        return;
    }
    // Folded path → (the path, who writes it), brief's own first.
    let mut seen: HashMap<String, (String, String)> = HashMap::new();
    let theme = templates
        .into_iter()
        .flat_map(|t| &t.assets)
        .map(|(name, _)| name.clone());
    for path in plan
        .iter()
        .filter(|r| !matches!(r, Route::Alias { .. }))
        .map(Route::path)
        .chain(theme)
    {
        let who = format!("brief's own /{path}");
        seen.insert(folded(&path).into_owned(), (path, who));
    }
    let mut clash = |path: String, source: Diagnostic, who: String| match seen
        .get(folded(&path).as_ref())
    {
        Some((other, by)) if *other != path => {
            let mut d = source;
            d.message = format!(
                "/{path} differs only in case from /{other} ({by}): on macOS, Windows and hosts that ignore case they are one file, and one replaces the other"
            );
            d.hint = Some("rename it so that the two differ in more than case".into());
            diagnostics.push(d);
        }
        Some(_) => {}
        None => {
            seen.insert(folded(&path).into_owned(), (path, who));
        }
    };
    for c in copies {
        let shown = crate::content::rel_to(&config.root, &c.from);
        let who = shown.display().to_string();
        clash(c.to.clone(), Diagnostic::error(&shown, ""), who);
    }
    for route in plan {
        let Route::Alias { index, href } = *route else {
            continue;
        };
        let b = &site.briefings[index];
        let at = b
            .aliases
            .iter()
            .find(|a| a.href == href)
            .map_or_else(|| Diagnostic::error(&b.source, ""), |a| a.at.clone());
        clash(
            route.path(),
            at,
            format!("the alias in {}", b.source.display()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_fold_as_a_case_insensitive_file_system_does() {
        assert!(matches!(
            folded("briefings/one/index.html"),
            Cow::Borrowed(_)
        ));
        assert_eq!(folded("Style.CSS"), "style.css");
        assert_eq!(folded("Ünter/É.png"), "ünter/é.png");
    }
}
