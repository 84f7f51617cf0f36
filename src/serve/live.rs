//! Live reload: every open tab listens on Server-Sent Events and reloads
//! after a rebuild, or shows the build's errors as an overlay.

use std::io::Write;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use tiny_http::Request;

use super::State;

/// The script injected into served pages.
pub const LIVE_RELOAD_JS: &str = include_str!("live.js");

/// What a browser's event stream is told.
#[derive(Debug, Clone)]
pub(crate) enum Event {
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

/// A Server-Sent Events stream: the current state at once, then every
/// reload or error, with a keep-alive comment while idle.
pub(crate) fn events(request: Request, state: &State) {
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
