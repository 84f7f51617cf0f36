//! A briefing's byline: `author:` and `authors:`, each name with a slug
//! of its own, as tags have.

use serde_saphyr::Spanned;

use super::{MAX_TAGS, clean_text};
use crate::content::briefing::Term;
use crate::content::briefing::slugs::{reserved_hint, reserved_on_windows};
use crate::content::front_matter::YamlSource;
use crate::error::Diagnostic;

/// Authors beyond this many on one briefing are refused, as tags are: each
/// is a page and three feeds carrying every byline (3,000 pasted from a
/// mailing list made 1.2 GB of output).
const MAX_AUTHORS: usize = MAX_TAGS;

/// The names as written (`author:` first, for the placeholder check) and
/// the authors kept: each once, none blank.
pub(super) fn check_authors(
    author: Option<Spanned<String>>,
    authors: Option<Vec<Spanned<String>>>,
    src: &YamlSource<'_>,
    out: &mut Vec<Diagnostic>,
) -> (Vec<Spanned<String>>, Vec<Term>) {
    let mut written_authors: Vec<Spanned<String>> = authors.unwrap_or_default();
    if let Some(a) = author {
        written_authors.insert(0, a);
    }
    if let Some(past) = written_authors.get(MAX_AUTHORS) {
        out.push(
            src.error_at(
                &past.referenced,
                format!(
                    "{} authors; a briefing may have at most {MAX_AUTHORS}",
                    written_authors.len()
                ),
            )
            .with_hint("name the writers in `authors`; credit others in the text"),
        );
        written_authors.clear();
    }
    // The same author twice (`[Ana Ruiz, ana ruiz]`) is kept once, as
    // first written: the rule tags follow. A name of invisible characters
    // alone (a zero-width space) is dropped as a blank one is.
    let mut kept: Vec<Term> = Vec::new();
    for (written, term) in written_authors
        .iter()
        .map(|a| (a, clean_text(&a.value)))
        .filter(|(_, a)| !a.chars().all(crate::util::is_invisible))
        .map(|(w, a)| (w, Term::written(a, src.position(&w.referenced))))
    {
        if reserved_on_windows(&term.slug) {
            let (why, hint) = reserved_hint(&term.slug);
            out.push(
                src.error_at(
                    &written.referenced,
                    format!(
                        "author {:?} would have the URL /authors/{}/: {why}",
                        term.name, term.slug
                    ),
                )
                .with_hint(format!("{hint}: write the author's full name")),
            );
            continue;
        }
        let key = crate::content::briefing::name_key(&term.name);
        if !kept
            .iter()
            .any(|k| k.slug == term.slug && crate::content::briefing::name_key(&k.name) == key)
        {
            kept.push(term);
        }
    }
    (written_authors, kept)
}
