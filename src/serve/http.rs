//! The dev server's HTTP side: files from memory, with the live-reload
//! script in every page and the not-found page for what is missing.

use std::path::{Component, Path};
use std::sync::Arc;

use tiny_http::{Header, Method, Request, Response};

use super::live::{self, LIVE_RELOAD_JS};
use super::{EVENTS_PATH, SCRIPT_PATH, State};

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

/// Where a request for a folder without its trailing slash goes: the
/// path as asked (its escapes kept), a `/`, then the query, so that
/// `/search?q=oil` still searches.
fn slash_location(url: &str) -> String {
    let url = url.split('#').next().unwrap_or("");
    let (path, query) = match url.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (url, None),
    };
    // Non-ASCII as a client may send it raw: a header value is ASCII.
    let ascii =
        |s: &str| percent_encoding::utf8_percent_encode(s, percent_encoding::CONTROLS).to_string();
    match query {
        Some(q) => format!("{}/?{}", ascii(path), ascii(q)),
        None => format!("{}/", ascii(path)),
    }
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

pub(crate) fn handle(request: Request, state: &State) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ =
            request.respond(Response::from_string("method not allowed\n").with_status_code(405));
        return;
    }
    let url = request.url().to_string();
    if url.split('?').next() == Some(EVENTS_PATH) {
        return live::events(request, state);
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
    let key = crate::routes::file_of(&rel);
    let (status, key, body) = match files.get(&key) {
        Some(body) => (200, key, body),
        None if files.contains_key(&crate::routes::folder_file_of(&rel)) => {
            let r = Response::empty(301).with_header(header("Location", &slash_location(&url)));
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
    // The length is known: say it rather than send chunks (tiny_http
    // chunks past 32 KB, which share cards are).
    let response = Response::from_data(body)
        .with_chunked_threshold(usize::MAX)
        .with_status_code(status)
        .with_header(header("Content-Type", &content_type(&key)))
        .with_header(header("Cache-Control", "no-store"));
    let _ = request.respond(response);
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
    fn the_slash_redirect_keeps_the_query() {
        assert_eq!(slash_location("/search?q=oil"), "/search/?q=oil");
        assert_eq!(slash_location("/a%20b"), "/a%20b/");
        assert_eq!(slash_location("/café?q=é"), "/caf%C3%A9/?q=%C3%A9");
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
