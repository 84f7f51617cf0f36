//! `brief serve`: build into memory, serve over HTTP, watch the site and
//! rebuild on change, and reload every open tab.
//!
//! The last good build keeps being served when a save breaks the site; the
//! errors are printed and shown in the browser as an overlay until a fix
//! rebuilds it. Pages get a small live-reload script that listens on
//! Server-Sent Events; `brief build` output never has it.

use std::collections::HashMap;
use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use notify_debouncer_mini::notify::{self, EventKind, RecursiveMode, Watcher};
use tiny_http::{Header, Method, Request, Response, Server};

use std::hash::{Hash, Hasher};

use crate::build::{self, Clock};
use crate::config::{Config, Overrides};
use crate::content::ParseCache;
use crate::error::BuildError;
use crate::output::Memory;
use crate::render::memo::Memo;

/// Where the live-reload machinery lives; no site page can use this path.
pub const RESERVED: &str = "/__brief/";

const EVENTS_PATH: &str = "/__brief/events";
const SCRIPT_PATH: &str = "/__brief/live.js";

/// The script injected into served pages.
pub const LIVE_RELOAD_JS: &str = include_str!("serve_live.js");

/// How `brief serve` runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub drafts: bool,
    pub open: bool,
}

/// What a browser's event stream is told.
#[derive(Debug, Clone)]
enum Event {
    Reload,
    Ok,
    Error(String),
}

impl Event {
    fn to_sse(&self) -> String {
        match self {
            Event::Reload => "event: reload\ndata: {}\n\n".into(),
            Event::Ok => "event: ok\ndata: {}\n\n".into(),
            Event::Error(text) => {
                let data = serde_json::to_string(text).unwrap_or_default();
                format!("event: build-error\ndata: {data}\n\n")
            }
        }
    }
}

/// The served site and who is listening.
struct State {
    files: RwLock<Arc<Files>>,
    incremental: Mutex<Incremental>,
    error: RwLock<Option<String>>,
    clients: Mutex<Vec<Sender<Event>>>,
}

impl State {
    fn broadcast(&self, event: Event) {
        let mut clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        clients.retain(|c| c.send(event.clone()).is_ok());
    }
}

/// A running server: its address, and a handle to stop it (for tests).
pub struct Running {
    pub addr: SocketAddr,
    server: Arc<Server>,
    _watcher: Box<dyn std::any::Any + Send>,
}

impl Running {
    /// Stops accepting requests.
    pub fn stop(&self) {
        self.server.unblock();
    }
}

/// The served files: shared contents, so a rebuild copies only pointers.
type Files = HashMap<String, Arc<[u8]>>;

/// What a rebuild reuses from the last one.
#[derive(Default)]
struct Incremental {
    memo: Memo,
    cache: ParseCache,
    /// Fingerprint of site.toml and the templates: when it changes, every
    /// page is rendered again.
    inputs: u64,
    /// The compiled templates, while the fingerprint holds.
    templates: Option<Arc<crate::render::Templates>>,
}

/// A fingerprint of what every page depends on: site.toml's bytes and each
/// template file's name, size and modification time.
fn inputs_fingerprint(root: &Path) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    std::fs::read(root.join(crate::config::CONFIG_FILE))
        .ok()
        .hash(&mut h);
    for entry in walkdir::WalkDir::new(root.join(crate::render::templates::TEMPLATES_DIR))
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        let meta = entry.metadata().ok();
        (
            entry.path(),
            meta.as_ref().map(|m| m.len()),
            meta.and_then(|m| m.modified().ok()),
        )
            .hash(&mut h);
    }
    h.finish()
}

/// Builds the site into memory with links pointing at `base_url`,
/// re-parsing only changed files and re-rendering only the pages, feeds
/// and copies whose inputs changed since `previous`.
fn build_memory(
    root: &Path,
    base_url: &str,
    drafts: bool,
    inc: &mut Incremental,
    previous: &Files,
) -> Result<Files, BuildError> {
    let inputs = inputs_fingerprint(root);
    if inputs != inc.inputs {
        inc.memo.clear();
        inc.templates = None;
        inc.inputs = inputs;
    }
    let overrides = Overrides {
        output_dir: None,
        drafts,
        base_url: Some(base_url.to_string()),
        force: false,
    };
    let result = build::on_workers(|| -> Result<Files, BuildError> {
        let config = Config::load(root, &overrides)?;
        let mut clock = Clock::new();
        let prepared = build::prepare_cached(
            inc.templates.clone(),
            config,
            &mut clock,
            Some(&mut inc.cache),
        )?;
        inc.templates = Some(Arc::clone(&prepared.templates));
        let memory = if inc.memo.is_empty() {
            Memory::new()
        } else {
            Memory::from_files(previous.clone())
        };
        build::render_memo(&prepared, &memory, &mut clock, Some(&inc.memo))?;
        inc.memo.finish();
        if std::env::var_os("BRIEF_SERVE_TIMINGS").is_some() {
            let t: Vec<String> = clock
                .timings
                .iter()
                .map(|(s, d)| format!("{s} {:.0}ms", d.as_secs_f64() * 1000.0))
                .collect();
            eprintln!("{}", t.join(", "));
        }
        let written = memory.written();
        let mut files = memory.into_files();
        let kept: std::collections::HashSet<&String> = inc.memo.paths().collect();
        files.retain(|path, _| written.contains(path) || kept.contains(path));
        Ok(files)
    });
    if result.is_err() {
        inc.memo.abandon();
    }
    result
}

/// Starts serving; returns once the first build is done and the port is
/// bound. Requests are answered on background threads.
pub fn start(options: &ServeOptions) -> Result<Running, BuildError> {
    // Watch the real folder, so that event paths compare with ours.
    let root = options.root.canonicalize().map_err(|e| {
        BuildError::Usage(format!(
            "cannot open the site folder {}: {e}",
            options.root.display()
        ))
    })?;
    let options = &ServeOptions {
        root,
        ..options.clone()
    };
    // Fail early, with exit code 2, on a bad site.toml.
    let config = Config::load(&options.root, &Overrides::default())?;
    let server = Server::http(SocketAddr::new(options.bind, options.port)).map_err(|e| {
        BuildError::Usage(format!(
            "cannot listen on {}:{}: {e}",
            options.bind, options.port
        ))
    })?;
    let addr = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| BuildError::Usage("the server has no IP address".into()))?;
    let host = if addr.ip().is_unspecified() {
        IpAddr::from([127, 0, 0, 1])
    } else {
        addr.ip()
    };
    let base_url = match host {
        IpAddr::V6(ip) => format!("http://[{ip}]:{}/", addr.port()),
        IpAddr::V4(ip) => format!("http://{ip}:{}/", addr.port()),
    };

    let state = Arc::new(State {
        files: RwLock::new(Arc::new(HashMap::new())),
        incremental: Mutex::new(Incremental::default()),
        error: RwLock::new(None),
        clients: Mutex::new(Vec::new()),
    });
    rebuild(&state, &options.root, &base_url, options.drafts, false);

    let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(tx)
        .map_err(|e| BuildError::Usage(format!("cannot watch {}: {e}", options.root.display())))?;
    watcher
        .watch(&options.root, RecursiveMode::Recursive)
        .map_err(|e| BuildError::Usage(format!("cannot watch {}: {e}", options.root.display())))?;
    let watched = Watched::new(&options.root, &config.output_dir);
    {
        let state = Arc::clone(&state);
        let root = options.root.clone();
        let base_url = base_url.clone();
        let drafts = options.drafts;
        std::thread::spawn(move || watch_loop(rx, &watched, &state, &root, &base_url, drafts));
    }

    let server = Arc::new(server);
    {
        let server = Arc::clone(&server);
        let state = Arc::clone(&state);
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let state = Arc::clone(&state);
                std::thread::spawn(move || handle(request, &state));
            }
        });
    }
    if options.open {
        let _ = open::that_detached(&base_url);
    }
    println!(
        "Serving {} at {base_url} (Ctrl-C to stop)",
        options.root.display()
    );
    Ok(Running {
        addr: SocketAddr::new(host, addr.port()),
        server,
        _watcher: Box::new(watcher),
    })
}

/// Runs until the process is stopped.
pub fn serve(options: &ServeOptions) -> Result<(), BuildError> {
    let _running = start(options)?;
    loop {
        std::thread::park();
    }
}

/// Which changed paths matter: the site's inputs, not its output or
/// editors' scratch files.
struct Watched {
    inputs: Vec<PathBuf>,
    config: PathBuf,
    output: PathBuf,
}

impl Watched {
    fn new(root: &Path, output: &Path) -> Self {
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

    fn matters(&self, path: &Path) -> bool {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        // Vim's write test file, swap files, backups, temporary saves.
        let scratch = name.starts_with('.')
            || name.ends_with('~')
            || name.ends_with(".swp")
            || name.ends_with(".tmp")
            || name == "4913";
        if scratch || path.starts_with(&self.output) {
            return false;
        }
        path == self.config || self.inputs.iter().any(|dir| path.starts_with(dir))
    }
}

/// How long to wait for a burst of file events (an editor's save is often
/// a write, a rename and a chmod) to end before rebuilding.
const DEBOUNCE: Duration = Duration::from_millis(15);

/// Whether an event can change the site: reads (which the build itself
/// makes) cannot.
fn is_change(event: &notify::Event, watched: &Watched) -> bool {
    !matches!(event.kind, EventKind::Access(_)) && event.paths.iter().any(|p| watched.matters(p))
}

fn watch_loop(
    rx: Receiver<notify::Result<notify::Event>>,
    watched: &Watched,
    state: &State,
    root: &Path,
    base_url: &str,
    drafts: bool,
) {
    while let Ok(first) = rx.recv() {
        let mut changed = first.is_ok_and(|e| is_change(&e, watched));
        // Take the rest of the burst.
        loop {
            match rx.recv_timeout(DEBOUNCE) {
                Ok(event) => changed |= event.is_ok_and(|e| is_change(&e, watched)),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        if changed {
            rebuild(state, root, base_url, drafts, true);
        }
    }
}

fn rebuild(state: &State, root: &Path, base_url: &str, drafts: bool, announce: bool) {
    let started = Instant::now();
    let previous = Arc::clone(&state.files.read().unwrap_or_else(|e| e.into_inner()));
    let mut incremental = state.incremental.lock().unwrap_or_else(|e| e.into_inner());
    match build_memory(root, base_url, drafts, &mut incremental, &previous) {
        Ok(files) => {
            *state.files.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(files);
            *state.error.write().unwrap_or_else(|e| e.into_inner()) = None;
            if announce {
                println!(
                    "Rebuilt in {:.0} ms",
                    started.elapsed().as_secs_f64() * 1000.0
                );
            }
            state.broadcast(Event::Reload);
        }
        Err(e) => {
            let text = e.to_string();
            eprintln!("{text}\n(still serving the last good build)");
            *state.error.write().unwrap_or_else(|e| e.into_inner()) = Some(text.clone());
            state.broadcast(Event::Error(text));
        }
    }
}

/// The site path a request asks for, or why it is refused.
pub fn request_path(url: &str) -> Result<String, u16> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') || path.starts_with("//") {
        return Err(400);
    }
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .map_err(|_| 400u16)?;
    if decoded.contains(['\0', '\\']) {
        return Err(400);
    }
    let rel = decoded.trim_start_matches('/');
    // No `..`, `.` or absolute components, however they were spelled.
    if !Path::new(rel)
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
        && !rel.is_empty()
    {
        return Err(403);
    }
    if rel.split('/').any(|seg| seg == ".." || seg == ".") {
        return Err(403);
    }
    Ok(rel.to_string())
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    match mime.type_() {
        mime_guess::mime::TEXT => format!("{mime}; charset=utf-8"),
        _ if mime.subtype() == "xml"
            || mime.suffix().is_some_and(|s| s == "xml")
            || mime.subtype() == "json" =>
        {
            format!("{mime}; charset=utf-8")
        }
        _ => mime.to_string(),
    }
}

/// Adds the live-reload script before `</body>`.
fn inject(html: &[u8]) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}\" defer></script>");
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{tag}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

fn handle(request: Request, state: &State) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ =
            request.respond(Response::from_string("method not allowed\n").with_status_code(405));
        return;
    }
    let url = request.url().to_string();
    if url.split('?').next() == Some(EVENTS_PATH) {
        return events(request, state);
    }
    if url.split('?').next() == Some(SCRIPT_PATH) {
        let r = Response::from_string(LIVE_RELOAD_JS)
            .with_header(header("Content-Type", "text/javascript; charset=utf-8"));
        let _ = request.respond(r);
        return;
    }
    let rel = match request_path(&url) {
        Ok(rel) => rel,
        Err(status) => {
            let _ = request.respond(Response::from_string("refused\n").with_status_code(status));
            return;
        }
    };
    let files = Arc::clone(&state.files.read().unwrap_or_else(|e| e.into_inner()));
    let key = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.clone()
    };
    let (status, key, body) = match files.get(&key) {
        Some(body) => (200, key, body),
        None if files.contains_key(&format!("{rel}/index.html")) => {
            let location = format!("/{rel}/");
            let r = Response::empty(301).with_header(header("Location", &location));
            let _ = request.respond(r);
            return;
        }
        None => match files.get("404.html") {
            Some(body) => (404, "404.html".to_string(), body),
            None => {
                let _ = request.respond(Response::from_string("not found\n").with_status_code(404));
                return;
            }
        },
    };
    let body = if key.ends_with(".html") && !key.ends_with("email.html") {
        inject(body)
    } else {
        body.to_vec()
    };
    let response = Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", &content_type(&key)))
        .with_header(header("Cache-Control", "no-store"));
    let _ = request.respond(response);
}

/// A Server-Sent Events stream: the current state at once, then every
/// reload or error, with a keep-alive comment while idle.
fn events(request: Request, state: &State) {
    let (tx, rx) = mpsc::channel();
    let first = match &*state.error.read().unwrap_or_else(|e| e.into_inner()) {
        Some(text) => Event::Error(text.clone()),
        None => Event::Ok,
    };
    state
        .clients
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(tx);
    let mut out = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n";
    if out.write_all(head.as_bytes()).is_err()
        || out.write_all(first.to_sse().as_bytes()).is_err()
        || out.flush().is_err()
    {
        return;
    }
    loop {
        let chunk = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(event) => event.to_sse(),
            Err(RecvTimeoutError::Timeout) => ": keep-alive\n\n".into(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if out.write_all(chunk.as_bytes()).is_err() || out.flush().is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_is_refused_however_spelled() {
        assert_eq!(request_path("/briefings/a/?x=1"), Ok("briefings/a/".into()));
        assert_eq!(request_path("/"), Ok(String::new()));
        assert_eq!(request_path("/caf%C3%A9.png"), Ok("café.png".into()));
        for bad in [
            "/../etc/passwd",
            "/a/%2e%2e/%2e%2e/etc/passwd",
            "/a/..%2f..%2fetc",
            "//etc/passwd",
            "/a%5c..%5cb",
            "/%00",
            "/./a",
        ] {
            assert!(request_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("rss.xml"), "text/xml; charset=utf-8");
        assert_eq!(content_type("style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("a.png"), "image/png");
        assert_eq!(content_type("f.woff2"), "font/woff2");
    }

    #[test]
    fn the_script_goes_before_the_body_end() {
        let out = String::from_utf8(inject(b"<html><body><p>x</p></body></html>")).unwrap();
        assert!(out.ends_with("<script src=\"/__brief/live.js\" defer></script></body></html>"));
    }
}
