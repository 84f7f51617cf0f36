//! `brief serve`: build into memory, serve over HTTP, watch the site and
//! rebuild on change, and reload every open tab.
//!
//! The last good build keeps being served when a save breaks the site; the
//! errors are printed and shown in the browser as an overlay until a fix
//! rebuilds it. Pages get a small live-reload script that listens on
//! Server-Sent Events; `brief build` output never has it.
//!
//! [`http`] answers requests, [`live`] tells tabs to reload, [`watch`]
//! notices saves, and [`rebuild`] owns every cache: the build pipeline
//! itself keeps none.

mod http;
mod live;
pub mod rebuild;
mod watch;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

use tiny_http::Server;

use crate::config::{Config, Overrides};
use crate::error::BuildError;
pub use http::request_path;
use live::Event;
pub use rebuild::Rebuilder;

/// Where the live-reload machinery lives; no site page can use this path.
pub const RESERVED: &str = "/__brief/";

pub(crate) const EVENTS_PATH: &str = "/__brief/events";
pub(crate) const SCRIPT_PATH: &str = "/__brief/live.js";

/// The script injected into served pages.
pub use live::LIVE_RELOAD_JS;

/// How `brief serve` runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site's folder, the one holding `site.toml`.
    pub root: PathBuf,
    /// The address to listen on.
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// Show only what `brief build` would publish: no drafts, no scheduled
    /// briefings. By default both are shown, each with a banner.
    pub published_only: bool,
    /// Open the site in the default browser once the server is up.
    pub open: bool,
}

/// The served site and who is listening.
pub(crate) struct State {
    files: RwLock<Arc<Files>>,
    rebuilder: Mutex<Rebuilder>,
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
    /// The address to reach the server at (loopback when bound to all
    /// addresses), with the port it got.
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
pub type Files = HashMap<String, Arc<[u8]>>;

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
        rebuilder: Mutex::new(Rebuilder::new(
            &options.root,
            &base_url,
            options.published_only,
        )),
        error: RwLock::new(None),
        clients: Mutex::new(Vec::new()),
    });
    rebuild(&state, false);

    let watcher = {
        let state = Arc::clone(&state);
        let watched = watch::Watched::new(&options.root, &config.output_dir);
        watch::watch(&options.root, watched, move || rebuild(&state, true)).map_err(|e| {
            BuildError::Usage(format!("cannot watch {}: {e}", options.root.display()))
        })?
    };

    let server = Arc::new(server);
    {
        let server = Arc::clone(&server);
        let state = Arc::clone(&state);
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let state = Arc::clone(&state);
                std::thread::spawn(move || http::handle(request, &state));
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

fn rebuild(state: &State, announce: bool) {
    let started = Instant::now();
    let previous = Arc::clone(&state.files.read().unwrap_or_else(|e| e.into_inner()));
    let mut rebuilder = state.rebuilder.lock().unwrap_or_else(|e| e.into_inner());
    match rebuilder.rebuild(&previous) {
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
