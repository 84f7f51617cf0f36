//! What the build publishes, decided and checked before anything is
//! rendered: the route table's pages and files, the files copied from
//! `content/` and `static/` (a bundle's only with its briefing), the
//! theme's assets; then that nothing lands on, under or (but for case) on
//! top of another, and that every link and file a briefing points to is
//! among them.

use std::collections::HashSet;
use std::path::PathBuf;

use super::checks::{self, Copy};
use super::{aliases, bundles, case, links};
use crate::config::Config;
use crate::error::Diagnostic;
use crate::render::Templates;
use crate::routes::{self, Route};
use crate::site::Site;

/// The files to copy into the output, with every problem of the site's
/// outputs reported into `diagnostics`.
pub(super) fn plan_outputs(
    config: &Config,
    site: &Site,
    templates: Option<&Templates>,
    assets: Vec<(PathBuf, PathBuf)>,
    statics: &[(PathBuf, PathBuf)],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Copy> {
    let plan = routes::plan(config, site);
    let generated: HashSet<String> = plan.iter().map(Route::path).collect();
    let reserved = config.search.then_some(routes::SEARCH_INDEX_DIR);
    // A bundle's files wait for its briefing.
    let (assets, withheld) = bundles::withhold(site, assets);
    let alias_paths: HashSet<String> = plan
        .iter()
        .filter(|r| matches!(r, Route::Alias { .. }))
        .map(Route::path)
        .collect();
    let copies = checks::plan_copies(
        &generated,
        &alias_paths,
        reserved,
        &assets,
        statics,
        diagnostics,
    );
    // Everything the build publishes: rendered, copied, the theme's assets.
    let mut others: HashSet<&str> = copies.iter().map(|c| c.to.as_str()).collect();
    if let Some(t) = templates {
        let assets = t.published_assets(config.search);
        others.extend(assets.map(|(name, _)| name.as_str()));
    }
    let published = checks::Published::new(&generated, others);
    checks::check_published(site, &published, &withheld, diagnostics);
    aliases::check_aliases(config, site, &plan, templates, &copies, diagnostics);
    case::check_case(config, site, &plan, templates, &copies, diagnostics);
    checks::check_host_limits(config, site, diagnostics);
    links::check_page_links(config, site, &generated, &published, diagnostics);
    copies
}
