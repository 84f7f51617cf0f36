//! Watching the site: notify's debouncer gathers a burst of file events
//! (an editor's save is often a write, a rename and a chmod) into one
//! rebuild. Reads are not changes: the build itself opens every file, and
//! counting those would rebuild forever.

use std::path::{Path, PathBuf};
use std::time::Duration;

use notify_debouncer_mini::notify::{self, Event, EventHandler, RecommendedWatcher, Watcher};
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer_opt};

/// How long a burst of events must be quiet before a rebuild starts.
pub(super) const DEBOUNCE: Duration = Duration::from_millis(15);

/// Which changed paths matter: the site's inputs, not its output or
/// editors' scratch files.
pub(super) struct Watched {
    inputs: Vec<PathBuf>,
    config: PathBuf,
    output: PathBuf,
}

impl Watched {
    /// The inputs of the site at `root`, whose output goes to `output`.
    pub(super) fn new(root: &Path, output: &Path) -> Self {
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let output = output
            .canonicalize()
            .unwrap_or_else(|_| output.to_path_buf());
        Watched {
            inputs: ["content", "templates", "static"]
                .iter()
                .map(|d| root.join(d))
                .collect(),
            config: root.join(crate::config::CONFIG_FILE),
            output,
        }
    }

    /// Whether a change at `path` can change the site.
    pub(super) fn matters(&self, path: &Path) -> bool {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        // Hidden files, editors' swap files, backups, temporary saves.
        if crate::content::walk::is_leftover(&name) || path.starts_with(&self.output) {
            return false;
        }
        path == self.config || self.inputs.iter().any(|dir| path.starts_with(dir))
    }
}

/// Passes every event on but reads (`Access`).
struct NoReads<H>(H);

impl<H: EventHandler> EventHandler for NoReads<H> {
    fn handle_event(&mut self, event: notify::Result<Event>) {
        if !matches!(&event, Ok(e) if e.kind.is_access()) {
            self.0.handle_event(event);
        }
    }
}

/// The platform's watcher, without read events.
pub(super) struct ChangeWatcher(RecommendedWatcher);

impl Watcher for ChangeWatcher {
    fn new<F: EventHandler>(handler: F, config: notify::Config) -> notify::Result<Self> {
        RecommendedWatcher::new(NoReads(handler), config).map(ChangeWatcher)
    }

    fn watch(&mut self, path: &Path, mode: notify::RecursiveMode) -> notify::Result<()> {
        self.0.watch(path, mode)
    }

    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        self.0.unwatch(path)
    }

    fn configure(&mut self, option: notify::Config) -> notify::Result<bool> {
        self.0.configure(option)
    }

    fn kind() -> notify::WatcherKind {
        RecommendedWatcher::kind()
    }
}

/// Watches `root` recursively and calls `on_change` once per burst of
/// changes that matter.
pub(super) fn watch(
    root: &Path,
    watched: Watched,
    mut on_change: impl FnMut() + Send + 'static,
) -> notify::Result<Debouncer<ChangeWatcher>> {
    let config = notify_debouncer_mini::Config::default().with_timeout(DEBOUNCE);
    let mut debouncer =
        new_debouncer_opt::<_, ChangeWatcher>(config, move |result: DebounceEventResult| {
            if let Ok(events) = result
                && events.iter().any(|e| watched.matters(&e.path))
            {
                on_change();
            }
        })?;
    debouncer
        .watcher()
        .watch(root, notify::RecursiveMode::Recursive)?;
    Ok(debouncer)
}
