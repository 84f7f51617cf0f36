//! A briefing's `tags:`: a list of names, each with a slug of its own.

use serde_saphyr::Spanned;

use super::{MAX_TAGS, clean_text};
use crate::content::briefing::Term;
use crate::content::briefing::slugs::{reserved_hint, reserved_on_windows};
use crate::content::front_matter::YamlSource;
use crate::error::Diagnostic;

pub(super) fn check_tags(
    tags: Option<Spanned<Vec<Spanned<String>>>>,
    src: &YamlSource<'_>,
    out: &mut Vec<Diagnostic>,
) -> Option<Vec<Term>> {
    let Some(tags) = tags else {
        return Some(Vec::new());
    };
    if tags.value.len() > MAX_TAGS {
        out.push(
            src.error_at(
                &tags.referenced,
                format!(
                    "{} tags; a briefing may have at most {MAX_TAGS}",
                    tags.value.len()
                ),
            )
            .with_hint("keep the few tags readers will follow"),
        );
        return None;
    }
    let mut kept: Vec<Term> = Vec::new();
    let mut ok = true;
    for written in &tags.value {
        let tag = &written.value;
        let term = Term::written(clean_text(tag), src.position(&written.referenced));
        if term.slug.is_empty() {
            out.push(
                src.error_at(
                    &written.referenced,
                    format!("tag {tag:?} has no letters or digits to make a URL from"),
                )
                .with_hint("remove it or give it a name"),
            );
            ok = false;
            continue;
        }
        if reserved_on_windows(&term.slug) {
            let (why, hint) = reserved_hint(&term.slug);
            out.push(
                src.error_at(
                    &written.referenced,
                    format!("tag {tag:?} would have the URL /tags/{}/: {why}", term.slug),
                )
                .with_hint(format!("{hint}: rename the tag")),
            );
            ok = false;
            continue;
        }
        // The same tag twice (`[Trade, trade]`) is kept once; two tags
        // that only share a URL (`[C++, C]`) are an error, not one tag.
        match kept.iter().find(|k| k.slug == term.slug) {
            None => kept.push(term),
            Some(k) if super::super::name_key(&k.name) == super::super::name_key(&term.name) => {}
            Some(k) => {
                out.push(
                    src.error_at(
                        &written.referenced,
                        format!(
                            "tags {:?} and {:?} would share the URL /tags/{}/",
                            k.name, term.name, term.slug
                        ),
                    )
                    .with_hint("a URL keeps only letters and digits, so these are one tag to it: rename one (e.g. spell out a sign)"),
                );
                ok = false;
            }
        }
    }
    ok.then_some(kept)
}
