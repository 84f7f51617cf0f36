//! Every briefing that goes out has a feed id of its own: its pinned
//! `guid:`, else its permalink. Feed readers take two items with one id
//! for one item, so a `guid:` copied from another briefing (or naming
//! another's permalink) kept one of the two from every subscriber.

use crate::config::Config;
use crate::content::{self, Briefing};
use crate::error::Diagnostic;
use crate::render::feeds;
use crate::site::{self, Held};
use crate::util::Map;

/// An error for each briefing, published or scheduled, whose feed id an
/// earlier one has, at its `guid:` line (at the other's when it has none).
pub(super) fn check_feed_ids(config: &Config, site: &site::Site, out: &mut Vec<Diagnostic>) {
    let scheduled = site.held.iter().filter(|h| h.reason == Held::Scheduled);
    let going_out = || {
        site.briefings
            .iter()
            .chain(scheduled.clone().map(|h| &h.briefing))
    };
    // Without a `guid:`, every id is a permalink, and two permalinks alike
    // are reported by `site::collect`: nothing to check (making and
    // hashing every permalink was 15 ms of one core at 10,000 briefings).
    if !going_out().any(|b| b.guid.is_some()) {
        return;
    }
    let mut seen: Map<String, &Briefing> = Map::default();
    seen.reserve(site.briefings.len());
    for b in going_out() {
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
        // Placed at the `guid:` the parser saw; the line is quoted from
        // the file, read again only for this error.
        if let Some(position) = at.guid_at {
            d = d.placed(position);
            if let Ok(text) = content::briefing::source_text(&config.root, at) {
                d = d.quoting(&text);
            }
        }
        out.push(d);
    }
}
