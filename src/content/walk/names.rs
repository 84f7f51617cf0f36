//! Which names are the editor's and which are left behind: backups,
//! swap files, merge and sync tools' copies, hidden files. The walk
//! leaves the latter out, and the dev server ignores their changes.

use std::path::Path;
use std::sync::OnceLock;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

/// File names that editors, merge tools and operating systems leave
/// behind: backups, autosaves, swap files, rejected hunks, folder
/// metadata. Matched without regard to case. Never published.
pub const LEFTOVERS: &[&str] = &[
    // Emacs, and any `~` backup; Vim's undo files (`.x.un~`) too.
    "*~",
    "#*#",
    ".#*",
    // Vim's swap files: `.swp`, then `.swo`, `.swn` as more are open.
    "*.swp",
    "*.swo",
    "*.swn",
    "*.swx",
    // Kate, Chrome's File System Access saves, Sublime Text's atomic saves.
    "*.kate-swp",
    "*.crswap",
    "*.sb-*",
    // JetBrains IDEs' safe writes.
    "*___jb_tmp___",
    "*___jb_old___",
    // Backups and temporary files of editors, nano (`.save`) and scripts.
    "*.bak",
    "*.bk",
    "*.backup",
    "*.old",
    "*.save",
    "*.tmp",
    "*.temp",
    // Merge tools and patch: originals and rejected hunks.
    "*.orig",
    "*.rej",
    // Downloads not finished.
    "*.part",
    "*.crdownload",
    // Microsoft Office's lock files (`~$report.docx`).
    "~$*",
    ".DS_Store",
    "Thumbs.db",
    "ehthumbs.db",
    "desktop.ini",
    // Vim's test write before a save.
    "4913",
];

/// The copies git mergetool leaves during a merge (`x_BASE_1234.md`),
/// matched in their case only, so that `rate_base_2024.csv` is not one.
pub const MERGE_COPIES: &[&str] = &[
    "*_BACKUP_[0-9]*",
    "*_BASE_[0-9]*",
    "*_LOCAL_[0-9]*",
    "*_REMOTE_[0-9]*",
];

fn leftovers() -> &'static GlobSet {
    static SET: OnceLock<GlobSet> = OnceLock::new();
    SET.get_or_init(|| {
        let mut b = GlobSetBuilder::new();
        let patterns = LEFTOVERS.iter().map(|p| (p, true));
        for (pattern, any_case) in patterns.chain(MERGE_COPIES.iter().map(|p| (p, false))) {
            let glob = GlobBuilder::new(pattern)
                .case_insensitive(any_case)
                .literal_separator(true)
                .build()
                .expect("the built-in patterns are valid globs");
            b.add(glob);
        }
        b.build().expect("the built-in patterns are valid globs")
    })
}

/// Whether a name is a copy of a Markdown file with something after its
/// extension (`x.md.bak`, `x.MD.orig`, `x.markdown.2`): whatever made it,
/// it is not a briefing, and publishing it would publish its text.
fn is_markdown_copy(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.contains(".md.") || lower.contains(".markdown.")
}

/// Whether a Markdown file's name without its extension (`stem`), or a
/// page bundle's folder name, is one a file manager, browser or sync tool
/// gives a duplicate, or a backup's with `.md` put back: `x copy`,
/// `x copy 2` (Finder), `x - Copy`, `x - Copy (2)`, `Copy of x`
/// (Explorer, Google Drive), `x (1)` (browsers, Explorer), `x (Ana's
/// conflicted copy 2025-01-02)` and `x (Case Conflict)` (Dropbox),
/// `x.sync-conflict-…` (Syncthing), `x.bak`, `x.orig`, `x.old` (any
/// [`LEFTOVERS`] extension). Published, it would be a briefing of its own,
/// a second item in every feed.
pub fn is_copy_name(stem: &str) -> bool {
    let lower = stem.to_lowercase();
    // `s` without a last ` (N)`, when it ends with one: what comes before.
    fn ends_with_number_in_brackets(s: &str) -> Option<&str> {
        s.strip_suffix(')')
            .and_then(|s| s.rsplit_once('('))
            .filter(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            .map(|(before, _)| before)
    }
    let finder = lower.ends_with(" copy")
        || lower
            .rsplit_once(" copy ")
            .is_some_and(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    let numbered = ends_with_number_in_brackets(&lower).is_some_and(|s| s.ends_with(' '));
    let explorer = lower.ends_with(" - copy")
        || ends_with_number_in_brackets(&lower).is_some_and(|s| s.ends_with(" - copy "));
    let copy_of = lower.starts_with("copy of ")
        || lower
            .strip_prefix("copy (")
            .and_then(|s| s.split_once(") of "))
            .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    let conflict = lower.contains("conflicted copy")
        || lower.contains("(case conflict")
        || lower.contains(".sync-conflict-");
    let backup = Path::new(stem).extension().is_some() && leftovers().is_match(stem);
    finder || numbered || explorer || copy_of || conflict || backup
}

/// Hidden names that are published all the same: `.well-known/` (RFC
/// 8615) holds `security.txt` and domain verifications a static host must
/// serve.
const PUBLISHED_HIDDEN: &[&str] = &[".well-known"];

/// Whether a file or folder name is hidden, an editor's leftover or a
/// copy of a Markdown file (`x.md.bak`): such files are never published,
/// and the dev server ignores their changes.
pub fn is_leftover(name: &str) -> bool {
    (name.starts_with('.') && !PUBLISHED_HIDDEN.contains(&name))
        || leftovers().is_match(name)
        || is_markdown_copy(name)
}

/// Whether a skipped file looks like a briefing someone might expect to
/// see published (`x.md~`, `#x.md#`, `.x.md.swp`).
pub(super) fn looks_like_briefing(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.contains(".md") || lower.contains(".markdown")
}
