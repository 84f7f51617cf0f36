//! Every briefing that goes out has a feed id of its own: its pinned
//! `guid:`, else its permalink. Feed readers take two items with one id
//! for one item, so a `guid:` copied from another briefing (or naming
//! another's permalink) kept one of the two from every subscriber.

use std::collections::HashMap;

use crate::config::Config;
use crate::content::{self, Briefing};
use crate::error::Diagnostic;
use crate::render::feeds;
use crate::site::{self, Held};

/// An error for each briefing, published or scheduled, whose feed id an
/// earlier one has, at its `guid:` line (at the other's when it has none).
pub(super) fn check_feed_ids(config: &Config, site: &site::Site, out: &mut Vec<Diagnostic>) {
    let scheduled = site.held.iter().filter(|h| h.reason == Held::Scheduled);
    let going_out = site.briefings.iter().chain(scheduled.map(|h| &h.briefing));
    let mut seen: HashMap<String, &Briefing> = HashMap::new();
    for b in going_out {
        let id = feeds::id(config, 0, b);
        let Some(first) = seen.get(&id) else {
            seen.insert(id, b);
            continue;
        };
        // Two permalinks alike are two briefings at one URL, reported as
        // such by `site::collect`.
        if b.guid.is_none() && first.guid.is_none() {
            continue;
        }
        // The one that pins the id is the one to change.
        let (at, other) = if b.guid.is_some() {
            (&**b, *first)
        } else {
            (*first, &**b)
        };
        let mut d = Diagnostic::error(
            &at.source,
            format!(
                "`guid` {id:?} is also the feed id of {}: feed readers take the two for one item and show subscribers only one",
                other.source.display()
            ),
        )
        .with_hint("give each briefing a guid of its own, or remove the line (the permalink is the id)");
        if let Ok(text) = content::briefing::source_text(&config.root, at)
            && let Some((line, column)) = guid_line(&text)
        {
            d = d.at(&text, line, column);
        }
        out.push(d);
    }
}

/// The line and column of the value of `guid:` in the front matter of
/// the briefing file `text`.
fn guid_line(text: &str) -> Option<(usize, usize)> {
    let (i, line) = text
        .lines()
        .enumerate()
        .skip(1)
        .take_while(|(_, l)| l.trim_end() != "---")
        .find(|(_, l)| l.starts_with("guid:"))?;
    let value = line["guid:".len()..].trim_start();
    Some((i + 1, line.len() - value.len() + 1))
}
