//! What a build checks once every file is known: where copied files go,
//! that nothing published still holds placeholder text, and that every
//! file a briefing points to is published (its links: [`super::links`]).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::STATIC_DIR;
use crate::config::Config;
use crate::content;
use crate::error::Diagnostic;
use crate::render;
use crate::site;

/// A file copied verbatim into the output.
#[derive(Debug, Clone)]
pub struct Copy {
    /// The file on disk.
    pub from: PathBuf,
    /// `/`-separated path under the output root.
    pub to: String,
    /// Whether it comes from `static/` (rather than beside a briefing).
    pub from_static: bool,
}

/// Quotes the line each of `clashes` points at. `collect` knows where a
/// clashing name or `slug:` is written, not the line, which is read again
/// from the file here; if the file changed since, the position stands
/// without a quote.
pub(super) fn quote_clashes(root: &Path, site: &site::Site, clashes: &mut [Diagnostic]) {
    for d in clashes
        .iter_mut()
        .filter(|d| d.line.is_some() && d.snippet.is_none())
    {
        let briefing = site
            .briefings
            .iter()
            .chain(site.held.iter().map(|h| &h.briefing))
            .find(|b| b.source == d.path);
        if let Some(text) = briefing.and_then(|b| content::briefing::source_text(root, b).ok()) {
            *d = d.clone().quoting(&text);
        }
    }
}

/// No placeholder text in what is published now or scheduled to be: an
/// error in a build, a warning in a preview.
pub(super) fn check_placeholders(
    config: &Config,
    publish: &site::Publish,
    briefings: &[Arc<content::Briefing>],
    diagnostics: &mut Vec<Diagnostic>,
) {
    for b in briefings {
        let goes_out = matches!(publish.holds_back(b), None | Some(site::Held::Scheduled));
        if !goes_out {
            continue;
        }
        for d in &b.placeholders {
            let mut d = d.clone();
            if config.preview {
                d.severity = crate::error::Severity::Warning;
            }
            diagnostics.push(d);
        }
    }
}

/// A briefing's own `language:` that brief has no month names or theme
/// words for: one warning per language (at the first briefing that uses
/// it), as for the site's language.
pub(super) fn check_languages(
    config: &Config,
    briefings: &[Arc<content::Briefing>],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut seen = std::collections::HashSet::new();
    seen.insert(config.language.to_ascii_lowercase());
    for b in briefings {
        let Some(lang) = &b.language else { continue };
        if !seen.insert(lang.to_ascii_lowercase()) {
            continue;
        }
        if let Some(what) = crate::i18n::unsupported(&config.translations, lang) {
            diagnostics.push(
                Diagnostic::warning(
                    &b.source,
                    format!(
                        "language {lang:?}: brief has no {what} for it, so they are in English"
                    ),
                )
                .with_hint(crate::i18n::support_hint(lang)),
            );
        }
    }
}

/// No correction, and no `updated:`, dated after the build's now on a
/// briefing published now: it would go out to subscribers as if already
/// made (and a feed's date would be in the future). An error in a build,
/// a warning in a preview. A scheduled briefing's may be as late as the
/// briefing.
pub(super) fn check_corrections(
    config: &Config,
    publish: &site::Publish,
    briefings: &[Arc<content::Briefing>],
    diagnostics: &mut Vec<Diagnostic>,
) {
    for b in briefings {
        if publish.holds_back(b) == Some(site::Held::Draft) {
            continue;
        }
        // A scheduled briefing's `updated` is checked against its date,
        // so that the build at its minute cannot fail unwatched.
        let latest = b.date.max(publish.now);
        if let Some((updated, at)) = &b.updated_written
            && *updated > latest
        {
            let mut d = at.clone();
            d.message = if b.date > publish.now {
                format!(
                    "`updated` is {}, after the briefing's scheduled date ({})",
                    updated.to_rfc3339(),
                    b.date.to_rfc3339()
                )
            } else {
                format!(
                    "`updated` is {}, after the build's now ({})",
                    updated.to_rfc3339(),
                    publish.now.to_rfc3339()
                )
            };
            d.hint = Some(
                "give `updated` the date of the revision, which has happened; feeds would carry the future date".into(),
            );
            if config.preview {
                d.severity = crate::error::Severity::Warning;
            }
            diagnostics.push(d);
        }
        if publish.holds_back(b).is_some() || b.date > publish.now {
            continue;
        }
        for c in b.corrections.iter().filter(|c| c.date > publish.now) {
            let mut d = c.at.clone();
            d.message = format!(
                "this correction is dated {}, after the build's now ({})",
                c.date.to_rfc3339(),
                publish.now.to_rfc3339()
            );
            d.hint = Some(
                "date the correction when it was made; to prepare one in advance, keep it out of the front matter until then".into(),
            );
            if config.preview {
                d.severity = crate::error::Severity::Warning;
            }
            diagnostics.push(d);
        }
    }
}

/// Every path a build publishes: the rendered outputs, and the few files
/// copied or added beside them. Asked of, not gathered into one more set
/// of every output path (26,000 at 10,000 briefings with share cards).
pub(super) struct Published<'a> {
    generated: &'a HashSet<String>,
    others: HashSet<&'a str>,
}

impl<'a> Published<'a> {
    /// The outputs `generated` and the `others` (copies, theme assets).
    pub(super) fn new(generated: &'a HashSet<String>, others: HashSet<&'a str>) -> Self {
        Published { generated, others }
    }

    /// Whether the build publishes a file at `path`.
    pub(super) fn contains(&self, path: &str) -> bool {
        self.generated.contains(path) || self.others.contains(path)
    }
}

/// Every file a briefing points to, published by this build (scheduled
/// briefings too: they go out with nobody watching), or, for a scheduled
/// briefing, a file of a bundle that goes out no later than it.
pub(super) fn check_published(
    site: &site::Site,
    published: &Published<'_>,
    withheld: &super::bundles::Withheld,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let now = site.briefings.iter().map(|b| (&**b, false));
    for (b, scheduled) in now.chain(site.scheduled().map(|b| (b, true))) {
        for r in &b.local_refs {
            if !published.contains(&r.path) {
                diagnostics.extend(withheld.explain(b, scheduled, &r.path, &r.missing));
            }
        }
    }
}

/// Decides where content assets and static files go, reporting any that
/// would overwrite a generated page or each other.
pub(super) fn plan_copies(
    generated: &HashSet<String>,
    aliases: &HashSet<String>,
    reserved: Option<&str>,
    assets: &[(PathBuf, PathBuf)],
    statics: &[(PathBuf, PathBuf)],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Copy> {
    let mut planned: HashMap<String, PathBuf> = HashMap::new();
    let mut copies = Vec::new();
    let sources = assets
        .iter()
        .map(|a| (a, content::CONTENT_DIR))
        .chain(statics.iter().map(|s| (s, STATIC_DIR)));
    for ((abs, rel), dir) in sources {
        let to = url_path(rel);
        let shown = Path::new(dir).join(rel);
        // One path a line: the manifest, the deploy list and `_headers`
        // would read a name with a newline as two (`-index.html`).
        if to.contains(char::is_control) {
            diagnostics.push(
                Diagnostic::error(
                    &shown,
                    "the file's name holds a control character (a newline or a tab?)",
                )
                .with_hint("rename the file: published names are one line of printable text"),
            );
            continue;
        }
        if generated.contains(&to) {
            diagnostics.push(render::clash(&to, &shown));
            continue;
        }
        if let Some(folder) =
            reserved.filter(|f| to.strip_prefix(f).is_some_and(|r| r.starts_with('/')))
        {
            diagnostics.push(
                Diagnostic::error(
                    &shown,
                    format!("would be published at /{to}, inside /{folder}/, where brief writes the search index"),
                )
                .with_hint("move the file elsewhere, or set `[search] enabled = false` in site.toml"),
            );
            continue;
        }
        if let Some(other) = planned.get(&to) {
            diagnostics.push(
                Diagnostic::error(
                    &shown,
                    format!("would be published at /{to}, like {}", other.display()),
                )
                .with_hint("rename or move one of the two files"),
            );
            continue;
        }
        planned.insert(to.clone(), shown);
        copies.push(Copy {
            from: abs.clone(),
            to,
            from_static: dir == STATIC_DIR,
        });
    }
    let in_the_way = files_in_the_way(generated, aliases, &copies, &planned);
    for (i, message) in in_the_way.iter().rev() {
        let shown = &planned[&copies[*i].to];
        diagnostics.push(
            Diagnostic::error(shown, message.clone())
                .with_hint("rename or move the file (or the folder it is in)"),
        );
        copies.remove(*i);
    }
    copies
}

/// The copies (by index, in order) that need a file where a folder must
/// be or a folder where a file is (`static/rss.xml/x` under the site
/// feed, `static/tags` beside the tag pages): the copy would fail with
/// a bare "File exists". Each with what to say.
fn files_in_the_way(
    generated: &HashSet<String>,
    aliases: &HashSet<String>,
    copies: &[Copy],
    planned: &HashMap<String, PathBuf>,
) -> Vec<(usize, String)> {
    if copies.is_empty() {
        return Vec::new();
    }
    // The folders brief's own files need (a copy under another copy is
    // found below, from the deeper one, once; an alias in the way of a
    // copy is the alias's error, see `aliases.rs`).
    let mut folders: HashMap<&str, &str> = HashMap::new();
    for path in generated.iter().filter(|p| !aliases.contains(*p)) {
        let mut rest = path.as_str();
        while let Some((parent, _)) = rest.rsplit_once('/') {
            if folders.contains_key(parent) {
                break;
            }
            folders.insert(parent, path);
            rest = parent;
        }
    }
    let file_at = |p: &str| {
        if generated.contains(p) && !aliases.contains(p) {
            Some(format!("brief's own file /{p}"))
        } else {
            planned.get(p).map(|f| f.display().to_string())
        }
    };
    let mut found = Vec::new();
    for (i, c) in copies.iter().enumerate() {
        if let Some(inside) = folders.get(c.to.as_str()) {
            found.push((
                i,
                format!(
                    "would be published as the file /{}, where a folder holds /{inside}",
                    c.to
                ),
            ));
            continue;
        }
        let mut rest = c.to.as_str();
        while let Some((parent, _)) = rest.rsplit_once('/') {
            if let Some(holder) = file_at(parent) {
                found.push((
                    i,
                    format!(
                        "would be published at /{}, under /{parent}, which is {holder}",
                        c.to
                    ),
                ));
                break;
            }
            rest = parent;
        }
    }
    found
}

/// The `_headers` patterns of `static/`'s top-level entries: `logo.png`
/// for a file, `images/*` for a folder.
pub(super) fn static_patterns(copies: &[Copy]) -> Vec<String> {
    let mut patterns: Vec<String> = copies
        .iter()
        .filter(|c| c.from_static)
        .map(|c| match c.to.split_once('/') {
            Some((folder, _)) => format!("{folder}/*"),
            None => c.to.clone(),
        })
        .collect();
    patterns.sort();
    patterns.dedup();
    patterns
}

/// A relative file path as a `/`-separated output path.
pub(super) fn url_path(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Redirects Cloudflare Pages reads from `_redirects`, at most.
const CLOUDFLARE_REDIRECTS: usize = 2_000;

/// A host that reads only so much of its files gets a warning when the
/// site passes the limit: the redirect pages still work, the host's own
/// redirects stop at its limit.
pub(super) fn check_host_limits(
    config: &Config,
    site: &site::Site,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if config.host != crate::config::Host::Cloudflare {
        return;
    }
    let aliases = crate::routes::aliases(site).count();
    if aliases > CLOUDFLARE_REDIRECTS {
        diagnostics.push(
            Diagnostic::warning(
                crate::config::CONFIG_FILE,
                format!(
                    "{aliases} aliases, but Cloudflare Pages reads at most {CLOUDFLARE_REDIRECTS} redirects from _redirects"
                ),
            )
            .with_hint("the redirect pages at the old addresses still work; the host's own 301s stop at its limit"),
        );
    }
}
