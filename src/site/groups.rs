//! Tags and authors: names grouped by URL slug, shown by their most common
//! spelling, with a clear error when two different names would share a URL.

use std::sync::Arc;

use crate::content::briefing::name_key as key;
use crate::content::{Briefing, Term};
use crate::error::{Diagnostic, Position};
use crate::util::Map;

/// A tag or an author, and the briefings that carry it.
#[derive(Debug, Clone)]
pub struct Group {
    /// The most common spelling among the briefings.
    pub name: String,
    /// The URL slug: `/tags/<slug>/`, `/authors/<slug>/`.
    pub slug: String,
    /// Indices into [`super::Site::briefings`], newest first.
    pub briefings: Vec<usize>,
}

/// Orders groups by name, case-insensitively, then by slug.
pub(super) fn by_name(a: &Group, b: &Group) -> std::cmp::Ordering {
    a.name
        .to_lowercase()
        .cmp(&b.name.to_lowercase())
        .then_with(|| a.slug.cmp(&b.slug))
}

/// Groups the terms `names_of` gives for each briefing by slug. `noun` (`tag`) and `dir` (`tags`) word the clash error.
pub(super) fn group(
    briefings: &[Arc<Briefing>],
    names_of: impl Fn(&Briefing) -> Vec<&Term>,
    noun: &str,
    dir: &str,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Group> {
    #[derive(Default)]
    struct Pending {
        spellings: Vec<(String, usize, usize)>, // (name, count, first seen)
        // (key, briefing and position where first seen)
        keys: Vec<(String, usize, Option<Position>)>,
        briefings: Vec<usize>,
    }
    let mut groups: Map<String, Pending> = Map::default();
    let mut seen_order = 0usize;
    for (i, b) in briefings.iter().enumerate() {
        for term in names_of(b) {
            let name = &term.name;
            // The slug is copied only for a group's first briefing.
            if !groups.contains_key(&term.slug) {
                groups.insert(term.slug.clone(), Pending::default());
            }
            let group = groups.get_mut(&term.slug).expect("inserted above");
            if group.briefings.last() != Some(&i) {
                group.briefings.push(i);
            }
            // A spelling seen before needs no new key: only new spellings
            // can clash.
            match group.spellings.iter_mut().find(|(n, _, _)| n == name) {
                Some(s) => s.1 += 1,
                None => {
                    let k = key(name);
                    group.spellings.push((name.clone(), 1, seen_order));
                    seen_order += 1;
                    if !group.keys.iter().any(|(existing, _, _)| *existing == k) {
                        group.keys.push((k, i, term.at));
                    }
                }
            }
        }
    }

    let mut out = Vec::with_capacity(groups.len());
    for (slug, group) in groups {
        if group.keys.len() > 1 {
            let (a, b) = (&group.keys[0], &group.keys[1]);
            let name_of = |k: &str| {
                group
                    .spellings
                    .iter()
                    .find(|(n, _, _)| key(n) == k)
                    .map(|(n, _, _)| n.clone())
                    .unwrap_or_default()
            };
            let (first, second) = (name_of(&a.0), name_of(&b.0));
            // At the second spelling, in the briefing it is written in.
            let mut diagnostic = if a.1 == b.1 {
                Diagnostic::error(
                    &briefings[b.1].source,
                    format!("{noun} {second:?} and {noun} {first:?} would share the URL /{dir}/{slug}/"),
                )
                .with_hint(format!(
                    "a URL keeps only letters and digits, so these are one {noun} to it: rename one (e.g. spell out a sign)"
                ))
            } else {
                Diagnostic::error(
                    &briefings[b.1].source,
                    format!(
                        "{noun} {second:?} and {noun} {first:?} (in {}{}) would share the URL /{dir}/{slug}/",
                        briefings[a.1].source.display(),
                        a.2.map(|at| format!(":{at}")).unwrap_or_default()
                    ),
                )
                .with_hint(format!(
                    "spell the {noun} the same way in both briefings, or rename one"
                ))
            };
            if let Some(at) = b.2 {
                diagnostic = diagnostic.placed(at);
            }
            errors.push(diagnostic);
            continue;
        }
        let name = group
            .spellings
            .iter()
            .max_by(|x, y| x.1.cmp(&y.1).then(y.2.cmp(&x.2)))
            .map(|s| s.0.clone())
            .unwrap_or_default();
        out.push(Group {
            name,
            slug,
            briefings: group.briefings,
        });
    }
    out.sort_by(by_name);
    out
}

/// Each group's index by slug.
pub(super) fn ids(groups: &[Group]) -> crate::util::Map<String, usize> {
    groups
        .iter()
        .enumerate()
        .map(|(i, g)| (g.slug.clone(), i))
        .collect()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::content::Term;
    use crate::error::Position;
    use crate::site::tests::b;
    use crate::site::{collect, tests::all};

    #[test]
    fn a_clash_is_placed_at_the_second_spelling() {
        // Tags as parsing gives them, with where each is written. Parsing
        // refuses `[C++, C]` in one briefing itself; authors come here.
        let written = |names: &[(&str, usize, usize)]| -> Vec<Term> {
            names
                .iter()
                .map(|&(n, line, column)| Term::written(n.into(), Position::new(line, column)))
                .collect()
        };
        let mut x = b("x", "2025-01-02T00:00:00Z", &[]);
        Arc::make_mut(&mut x).authors = written(&[("C++", 4, 9), ("C", 5, 11)]);
        let (_, errors) = collect(vec![x.clone()], &all());
        assert_eq!(errors.len(), 1, "{errors:?}");
        let d = &errors[0];
        assert_eq!((d.line, d.column), (Some(5), Some(11)), "{d:?}");
        assert_eq!(
            d.message,
            "author \"C\" and author \"C++\" would share the URL /authors/c/"
        );

        let mut w = b("w", "2025-01-01T00:00:00Z", &[]);
        Arc::make_mut(&mut w).tags = written(&[("Trade", 4, 8), ("C#", 4, 15)]);
        Arc::make_mut(&mut x).tags = written(&[("C", 6, 5)]);
        Arc::make_mut(&mut x).authors = Vec::new();
        let (_, errors) = collect(vec![w, x], &all());
        assert_eq!(errors.len(), 1, "{errors:?}");
        let d = &errors[0];
        assert_eq!(d.path.to_string_lossy(), "content/w.md");
        assert_eq!((d.line, d.column), (Some(4), Some(15)), "{d:?}");
        assert_eq!(
            d.message,
            "tag \"C#\" and tag \"C\" (in content/x.md:6:5) would share the URL /tags/c/"
        );
    }

    #[test]
    fn signs_that_a_slug_drops_are_refused_not_merged() {
        // Before: "C++" and "C" (and "C#") became one tag at /tags/c/,
        // so a briefing about C was listed and fed as one about C++.
        let (site, errors) = collect(
            vec![
                b("a", "2025-01-01T00:00:00Z", &["C++", "C"]),
                b("y", "2025-01-03T00:00:00Z", &["latin-america"]),
                b("z", "2025-01-04T00:00:00Z", &["Latin America"]),
            ],
            &all(),
        );
        assert_eq!(errors.len(), 1, "{errors:?}");
        let text = errors[0].to_string();
        assert!(text.contains("/tags/c/"), "{text}");
        assert!(text.contains("\"C++\"") && text.contains("\"C\""), "{text}");
        assert!(
            site.tags.iter().all(|t| t.slug != "c"),
            "no page for the clash"
        );
        assert_eq!(site.tags.len(), 1, "latin-america is one tag");
        assert_eq!(site.tags[0].briefings.len(), 2);

        let (_, errors) = collect(
            vec![
                b("x", "2025-01-02T00:00:00Z", &["C#"]),
                b("w", "2025-01-01T00:00:00Z", &["C"]),
            ],
            &all(),
        );
        assert_eq!(errors.len(), 1, "{errors:?}");
        let text = errors[0].to_string();
        assert!(
            text.contains("content/x.md") && text.contains("content/w.md"),
            "{text}"
        );
    }
}
