//! The editor's loop: `serve` answered over real HTTP on a loopback port,
//! live reload and the error overlay; `new`, `init` and `check`.

use crate::common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use brief::serve::{ServeOptions, start};
use common::{TestSite, fm};

fn serve(site: &TestSite) -> brief::serve::Running {
    start(&ServeOptions {
        root: site.root().to_path_buf(),
        bind: "127.0.0.1".parse().unwrap(),
        port: 0,
        published_only: false,
        open: false,
    })
    .unwrap()
}

/// (status, headers, body) of a GET over a fresh connection.
fn get(addr: SocketAddr, path: &str) -> (u16, String, Vec<u8>) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, head.to_lowercase(), raw[split + 4..].to_vec())
}

fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines()
        .find_map(|l| l.strip_prefix(&format!("{name}: ")))
}

/// Reads server-sent events until one named `name` arrives; returns its data.
fn wait_for_event(reader: &mut BufReader<TcpStream>, name: &str, within: Duration) -> String {
    let deadline = Instant::now() + within;
    let mut current = String::new();
    let mut line = String::new();
    while Instant::now() < deadline {
        line.clear();
        match reader.read_line(&mut line) {
            Ok(0) => panic!("event stream closed"),
            Ok(_) => {}
            Err(e)
                if e.kind() == std::io::ErrorKind::WouldBlock
                    || e.kind() == std::io::ErrorKind::TimedOut =>
            {
                continue;
            }
            Err(e) => panic!("{e}"),
        }
        if let Some(event) = line.trim_end().strip_prefix("event: ") {
            current = event.to_string();
        } else if let Some(data) = line.trim_end().strip_prefix("data: ")
            && current == name
        {
            return data.to_string();
        }
    }
    panic!("no `{name}` event within {within:?}");
}

fn events(addr: SocketAddr) -> BufReader<TcpStream> {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    write!(
        stream,
        "GET /__brief/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    BufReader::new(stream)
}

fn sample(site: &TestSite) {
    site.briefing(
        "2025-08-08-force",
        &fm("Force weighed", "2025-08-08T17:30:00-04:00", &["Mexico"]),
        "Officials confirmed.\n\n## Notes\n\nText.\n",
    );
    site.briefing(
        "2025-08-07-rubio",
        &fm("Rubio", "2025-08-07", &["Mexico"]),
        "Rubio spoke.\n",
    );
    site.write("static/logo.png", b"\x89PNG\r\n\x1a\n");
    site.write("static/font.woff2", b"wOF2");
}

#[test]
fn serve_answers_with_statuses_types_and_local_links() {
    let site = TestSite::new();
    sample(&site);
    let server = serve(&site);
    let addr = server.addr;

    let (status, head, body) = get(addr, "/");
    assert_eq!(status, 200);
    assert_eq!(
        header(&head, "content-type"),
        Some("text/html; charset=utf-8")
    );
    let html = String::from_utf8(body).unwrap();
    assert!(html.contains("/__brief/live.js"), "live reload injected");
    let local = format!("http://127.0.0.1:{}/briefings/force/", addr.port());
    assert!(html.contains(&local), "links point at the local server");

    for (path, kind) in [
        ("/rss.xml", "xml"),
        ("/style.css", "text/css"),
        ("/logo.png", "image/png"),
        ("/font.woff2", "font/woff2"),
        ("/feed.json", "json"),
        ("/__brief/live.js", "javascript"),
    ] {
        let (status, head, _) = get(addr, path);
        assert_eq!(status, 200, "{path}");
        assert!(
            header(&head, "content-type").unwrap().contains(kind),
            "{path}: {head}"
        );
    }
    let (status, _, body) = get(addr, "/no/such/page/");
    assert_eq!(status, 404);
    assert!(String::from_utf8_lossy(&body).contains("Page not found"));
    let (status, head, _) = get(addr, "/briefings/force");
    assert_eq!(status, 301);
    assert_eq!(header(&head, "location"), Some("/briefings/force/"));
    for bad in [
        "/../site.toml",
        "/%2e%2e/site.toml",
        "/briefings/%2e%2e%2f%2e%2e%2fsite.toml",
        "/..%5csite.toml",
    ] {
        let (status, _, body) = get(addr, bad);
        assert!(status == 400 || status == 403, "{bad}: {status}");
        assert!(
            !String::from_utf8_lossy(&body).contains("base_url"),
            "{bad} leaked site.toml"
        );
    }
    // The build output on disk never gets the script.
    site.build().unwrap();
    assert!(!site.read("index.html").contains("__brief"));
    server.stop();
}

#[test]
fn the_trailing_slash_redirect_keeps_the_query_and_the_escapes() {
    let site = TestSite::new();
    sample(&site);
    site.write("static/café/index.html", b"<p>accent</p>");
    let server = serve(&site);
    let addr = server.addr;
    for (asked, expected) in [
        ("/briefings/force?q=oil", "/briefings/force/?q=oil"),
        (
            "/briefings/force?q=oil&page=2",
            "/briefings/force/?q=oil&page=2",
        ),
        ("/caf%c3%a9?q=1", "/caf%c3%a9/?q=1"),
    ] {
        let (status, head, _) = get(addr, asked);
        assert_eq!(status, 301, "{asked}");
        assert_eq!(header(&head, "location"), Some(expected), "{asked}");
        let (status, _, _) = get(addr, expected);
        assert_eq!(status, 200, "{expected}");
    }
    server.stop();
}

#[test]
fn a_save_reloads_and_a_broken_save_shows_the_error_until_fixed() {
    let site = TestSite::new();
    sample(&site);
    let server = serve(&site);
    let addr = server.addr;
    let mut stream = events(addr);
    wait_for_event(&mut stream, "ok", Duration::from_secs(5));

    site.briefing(
        "2025-08-08-force",
        &fm(
            "Force weighed again",
            "2025-08-08T17:30:00-04:00",
            &["Mexico"],
        ),
        "Changed.\n",
    );
    wait_for_event(&mut stream, "reload", Duration::from_secs(10));
    let (_, _, body) = get(addr, "/briefings/force/");
    assert!(String::from_utf8_lossy(&body).contains("Force weighed again"));

    // Broken YAML: the last good site stays, the error is sent.
    site.write(
        "content/briefings/2025-08-08-force.md",
        "---\ntitle: [broken\ndate: 2025-08-08\n---\n",
    );
    let data = wait_for_event(&mut stream, "build-error", Duration::from_secs(10));
    let text: String = serde_json::from_str(&data).unwrap();
    assert!(
        text.contains("content/briefings/2025-08-08-force.md:3:"),
        "{text}"
    );
    let (status, _, body) = get(addr, "/briefings/force/");
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&body).contains("Force weighed again"));
    // A page loaded now learns of the error at once.
    let mut late = events(addr);
    wait_for_event(&mut late, "build-error", Duration::from_secs(5));

    // Fixed by an editor that saves by writing a temporary file and renaming it.
    let tmp = site
        .root()
        .join("content/briefings/.2025-08-08-force.md.swp");
    std::fs::write(
        &tmp,
        format!(
            "---\n{}\n---\nFixed.\n",
            fm("Fixed title", "2025-08-08", &["Mexico"])
        ),
    )
    .unwrap();
    std::fs::rename(
        &tmp,
        site.root().join("content/briefings/2025-08-08-force.md"),
    )
    .unwrap();
    wait_for_event(&mut stream, "reload", Duration::from_secs(10));
    let (_, _, body) = get(addr, "/briefings/force/");
    assert!(String::from_utf8_lossy(&body).contains("Fixed title"));
    server.stop();
}

#[test]
fn a_template_error_is_reported_and_recovered() {
    let site = TestSite::new();
    sample(&site);
    let server = serve(&site);
    let mut stream = events(server.addr);
    wait_for_event(&mut stream, "ok", Duration::from_secs(5));
    site.write(
        "templates/tag.html",
        "{% extends \"base.html\" %}\n{% block content %}{{ nope }}{% endblock content %}\n",
    );
    let data = wait_for_event(&mut stream, "build-error", Duration::from_secs(10));
    assert!(data.contains("templates/tag.html:2:"), "{data}");
    std::fs::remove_file(site.root().join("templates/tag.html")).unwrap();
    wait_for_event(&mut stream, "reload", Duration::from_secs(10));
    server.stop();
}

#[test]
fn new_writes_a_complete_briefing_that_builds_and_never_overwrites() {
    let site = TestSite::with_config(
        &common::SITE_TOML.replace("timezone = \"UTC\"", "timezone = \"America/New_York\""),
    );
    let out = site.run(&[
        "new",
        "Cartels: what next?",
        "--tags",
        "Mexico, Latin America",
        "--date",
        "2025-08-08T09:30:00",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = String::from_utf8(out.stdout).unwrap().trim().to_string();
    assert_eq!(printed, "content/briefings/2025-08-08-cartels-what-next.md");
    let path = site.root().join(&printed);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("title: \"Cartels: what next?\""), "{text}");
    assert!(text.contains("date: 2025-08-08T09:30:00-04:00"), "{text}");
    assert!(
        text.contains("tags: [\"Mexico\", \"Latin America\"]"),
        "{text}"
    );
    assert!(text.contains("draft: true"), "{text}");
    // A new briefing is a draft: nothing is published until the editor
    // says so, and then not with the placeholder lede still in it.
    assert_eq!(site.build().unwrap().briefings, 0);
    std::fs::write(&path, text.replace("draft: true", "draft: false")).unwrap();
    let err = site.build().unwrap_err().to_string();
    assert!(err.contains("placeholder lede"), "{err}");
    let text = text.replace("draft: true", "draft: false").replace(
        brief::content::briefing::PLACEHOLDER_LEDE,
        "Cartels regrouped after the arrests.",
    );
    std::fs::write(&path, &text).unwrap();
    let report = site.build().unwrap();
    assert_eq!((report.briefings, report.tags), (1, 2));
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);

    let again = site.run(&["new", "Cartels: what next?", "--date", "2025-08-08"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);

    // A recurring headline on another day gets a dated slug, not a clash.
    let next_day = site.run(&["new", "Cartels: what next?", "--date", "2025-08-09"]);
    assert!(
        next_day.status.success(),
        "{}",
        String::from_utf8_lossy(&next_day.stderr)
    );
    let second = std::fs::read_to_string(
        site.root()
            .join("content/briefings/2025-08-09-cartels-what-next.md"),
    )
    .unwrap();
    assert!(
        second.contains("slug: cartels-what-next-2025-08-09"),
        "{second}"
    );
    assert_eq!(site.build().unwrap().briefings, 1, "the second is a draft");
    std::fs::remove_file(
        site.root()
            .join("content/briefings/2025-08-09-cartels-what-next.md"),
    )
    .unwrap();

    let draft = site.run(&["new", "Draft idea"]);
    assert!(draft.status.success());
    assert_eq!(site.build().unwrap().briefings, 1, "the draft is left out");
}

#[test]
fn new_gives_a_headline_windows_reserves_a_dated_slug_the_build_takes() {
    let site = TestSite::new();
    let out = site.run(&["new", "Con", "--date", "2025-08-08", "--tags", "Politics"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = site.root().join("content/briefings/2025-08-08-con.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("slug: con-2025-08-08"), "{text}");
    // Written and published, it builds: `briefings/con/` would not.
    let text = text.replace("draft: true", "draft: false").replace(
        brief::content::briefing::PLACEHOLDER_LEDE,
        "The vote passed.",
    );
    std::fs::write(&path, text).unwrap();
    site.build().unwrap();
    assert!(
        site.public()
            .join("briefings/con-2025-08-08/index.html")
            .is_file()
    );
}

#[test]
fn new_refuses_a_tag_the_build_would_refuse_and_writes_nothing() {
    // `brief new X --tags "]"` (or `--tags con`) wrote a briefing whose
    // next build failed on the tag.
    for tag in ["]", "con", "Oil,\u{200B}"] {
        let site = TestSite::new();
        let out = site.run(&["new", "Oil falls", "--date", "2025-08-08", "--tags", tag]);
        assert_eq!(out.status.code(), Some(2), "{tag}: {out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("--tags: the tag"), "{tag}: {stderr}");
        assert!(
            !site
                .root()
                .join("content/briefings/2025-08-08-oil-falls.md")
                .exists(),
            "{tag}"
        );
    }
}

#[test]
fn init_creates_a_site_that_builds_and_force_keeps_files() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("news");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .arg("init")
        .arg(&target)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for f in ["site.toml", ".gitignore", "templates/README.md", "static"] {
        assert!(target.join(f).exists(), "{f}");
    }
    // The theme is not copied: nothing overrides the built-in one, so its
    // fixes keep reaching the site.
    assert!(!target.join("templates/base.html").exists());
    assert!(
        std::fs::read_to_string(target.join(".gitignore"))
            .unwrap()
            .contains("/public")
    );
    let report = brief::build(&brief::BuildOptions {
        root: target.clone(),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(report.briefings, 1);
    assert!(report.warnings.is_empty());
    // The templates README is for people, never published.
    assert!(!target.join("public/README.md").exists());

    // `eject` copies chosen theme files (all when none is named) and never
    // replaces one.
    let eject = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
            .args(["eject", "--root"])
            .arg(&target)
            .args(args)
            .output()
            .unwrap()
    };
    let out = eject(&["base.html", "style.css"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "templates/base.html\ntemplates/style.css\n"
    );
    std::fs::write(target.join("templates/base.html"), "{# mine #}").unwrap();
    let out = eject(&[]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("kept existing templates/base.html"));
    assert_eq!(
        std::fs::read_to_string(target.join("templates/base.html")).unwrap(),
        "{# mine #}"
    );
    assert!(target.join("templates/tags.html").is_file());
    let out = eject(&["nope.html"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("has no file \"nope.html\""));
    std::fs::write(
        target.join("templates/base.html"),
        brief::render::templates::BUILTIN_TEMPLATES[0].1,
    )
    .unwrap();

    // Not empty: refused, then --force adds only what is missing.
    std::fs::write(
        target.join("site.toml"),
        "title = \"Mine\"\nbase_url = \"https://mine.example/\"\n",
    )
    .unwrap();
    std::fs::remove_file(target.join("templates/README.md")).unwrap();
    let again = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .arg("init")
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    let forced = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["init", "--force"])
        .arg(&target)
        .output()
        .unwrap();
    assert!(forced.status.success());
    assert!(
        std::fs::read_to_string(target.join("site.toml"))
            .unwrap()
            .contains("Mine")
    );
    assert!(target.join("templates/README.md").is_file());
}

#[test]
fn check_passes_the_sample_site_and_finds_a_planted_broken_link() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["check", "--root", env!("CARGO_MANIFEST_DIR")])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("all good"));

    let site = TestSite::new();
    sample(&site);
    site.briefing("2025-08-09-links", &fm("Links", "2025-08-09", &["Mexico"]), "See [force](/briefings/force/#notes), [gone](/briefings/gone/), and [anchor](/briefings/force/#nowhere).\n");
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Each broken link is named once at its source line...
    assert!(stderr.contains("warning: content/briefings/2025-08-09-links.md:6:39: the link `/briefings/gone/` leads to /briefings/gone/, which this site does not publish"), "{stderr}");
    assert!(stderr.contains("content/briefings/2025-08-09-links.md:6:69: the link `/briefings/force/#nowhere` points at `#nowhere`, but /briefings/force/ has no such heading"), "{stderr}");
    assert!(stderr.contains("did you mean `#notes`?"), "{stderr}");
    assert!(
        !stderr.contains("`/briefings/force/#notes` points at"),
        "{stderr}"
    );
    // ...and once in the output, however many pages and feeds carry it.
    let gone: Vec<&str> = stderr
        .lines()
        .filter(|l| {
            l.starts_with("error: /")
                && l.contains("broken link https://example.org/briefings/gone/")
        })
        .collect();
    assert_eq!(gone.len(), 1, "{stderr}");
    assert!(gone[0].contains("more page"), "{stderr}");
    assert!(
        stderr.contains("/briefings/force/index.html has no anchor #nowhere"),
        "{stderr}"
    );
    // Nothing was written.
    assert!(!site.public().exists());

    // A missing image is an error in the source, with its line, before any
    // page is rendered.
    site.briefing(
        "2025-08-09-links",
        &fm("Links", "2025-08-09", &["Mexico"]),
        "Intro.\n\n![x](missing.png)\n",
    );
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "content/briefings/2025-08-09-links.md:8:1: the image `missing.png` does not exist"
        ),
        "{stderr}"
    );
    assert!(!site.public().exists());
}

#[test]
fn an_incremental_rebuild_serves_what_a_full_build_would() {
    let site = TestSite::new();
    for i in 0..25 {
        site.briefing(
            &format!("b{i:02}"),
            &fm(
                &format!("Briefing {i}"),
                &format!("2025-01-{:02}", i + 1),
                &["All", if i % 3 == 0 { "Third" } else { "Other" }],
            ),
            "Body.\n",
        );
    }
    site.write("static/a.txt", "a");
    let server = serve(&site);
    let addr = server.addr;
    let mut stream = events(addr);
    wait_for_event(&mut stream, "ok", Duration::from_secs(5));

    // Edit a body, retitle another and move it to a new tag, delete a third.
    site.briefing(
        "b10",
        &fm("Briefing 10", "2025-01-11", &["All", "Other"]),
        "A new body.\n",
    );
    site.briefing(
        "b05",
        &fm("Renamed five", "2025-01-06", &["All", "Fresh"]),
        "Body.\n",
    );
    std::fs::remove_file(site.root().join("content/briefings/b20.md")).unwrap();
    site.write("static/a.txt", "changed");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        wait_for_event(&mut stream, "reload", Duration::from_secs(10));
        let (_, _, body) = get(addr, "/a.txt");
        if body == b"changed" && get(addr, "/briefings/b20/").0 == 404 || Instant::now() > deadline
        {
            break;
        }
    }

    assert_serves_a_full_build(&site, addr);
    assert_eq!(get(addr, "/briefings/b20/").0, 404);
    assert_eq!(get(addr, "/tags/fresh/").0, 200);
    server.stop();
}

#[test]
fn a_site_archive_template_showing_more_is_kept_up_to_date() {
    // The memo may skip the built-in archive when only a body changes, but
    // not a site's own archive that shows summaries.
    let site = TestSite::new();
    sample(&site);
    site.write(
        "templates/archive.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Archive</h1>{% for y in archive %}{% for m in y.months %}{% for b in m.briefings %}<p class=\"s\">{{ b.summary }}</p>{% endfor %}{% endfor %}{% endfor %}{% endblock content %}",
    );
    let server = serve(&site);
    let mut stream = events(server.addr);
    wait_for_event(&mut stream, "ok", Duration::from_secs(5));
    site.briefing(
        "2025-08-07-rubio",
        &fm("Rubio", "2025-08-07", &["Mexico"]),
        "A brand new first paragraph.\n",
    );
    wait_for_event(&mut stream, "reload", Duration::from_secs(10));
    let (_, _, body) = get(server.addr, "/archive/");
    assert!(String::from_utf8_lossy(&body).contains("A brand new first paragraph."));
    server.stop();
}

#[test]
fn serve_previews_drafts_and_scheduled_briefings_with_a_banner() {
    let site = TestSite::with_config(
        &common::SITE_TOML.replace("timezone = \"UTC\"", "timezone = \"America/New_York\""),
    );
    sample(&site);
    // A draft still holding the placeholder: a warning while writing it.
    site.briefing(
        "2099-01-01-wip",
        &format!("{}\ndraft: true", fm("Work in progress", "2025-08-09", &[])),
        "Write the lede here: what happened, in one or two sentences.\n",
    );
    site.briefing(
        "2099-12-01-later",
        &fm("Later", "2099-12-01T06:00:00-05:00", &["Mexico"]),
        "Later body.\n",
    );
    let running = serve(&site);
    let page = |path: &str| {
        let (status, _, body) = get(running.addr, path);
        assert_eq!(status, 200, "{path}");
        scraper::Html::parse_document(&String::from_utf8_lossy(&body))
    };
    assert_eq!(
        common::texts(&page("/briefings/wip/"), ".notice"),
        ["Draft: not published"]
    );
    assert_eq!(
        common::texts(&page("/briefings/later/"), ".notice"),
        ["Scheduled: 1 December 2099, 06:00 EST"]
    );
    assert_eq!(
        common::texts(&page("/briefings/force/"), ".notice"),
        Vec::<String>::new()
    );
    let front = page("/");
    assert_eq!(
        common::texts(&front, ".card .notice"),
        [
            "Scheduled: 1 December 2099, 06:00 EST",
            "Draft: not published"
        ]
    );
    running.stop();

    // `--published-only` shows what a build would publish.
    let running = start(&ServeOptions {
        root: site.root().to_path_buf(),
        bind: "127.0.0.1".parse().unwrap(),
        port: 0,
        published_only: true,
        open: false,
    })
    .unwrap();
    assert_eq!(get(running.addr, "/briefings/wip/").0, 404);
    assert_eq!(get(running.addr, "/briefings/later/").0, 404);
    running.stop();

    // A build never includes them, nor any banner.
    site.build().unwrap();
    assert!(!site.public().join("briefings/wip").exists());
    assert!(!site.public().join("briefings/later").exists());
    let built = site.html("index.html");
    assert!(common::texts(&built, ".notice").is_empty());
}

/// Every file a fresh build of the site writes is served, byte for byte
/// (but for the live-reload script).
fn assert_serves_a_full_build(site: &TestSite, addr: SocketAddr) {
    let _ = std::fs::remove_dir_all(site.public());
    site.build_with(brief::config::Overrides {
        base_url: Some(format!("http://127.0.0.1:{}/", addr.port())),
        ..Default::default()
    })
    .unwrap();
    let full = common::snapshot(&site.public());
    // The manifest lists what a build wrote to disk; the server has no disk.
    for (path, bytes) in full
        .iter()
        .filter(|(p, _)| p.as_os_str() != ".brief-manifest")
    {
        let url = format!("/{}", path.to_string_lossy());
        let (status, _, served) = get(addr, &url);
        assert_eq!(status, 200, "{url}");
        let served = String::from_utf8_lossy(&served)
            .replace("<script src=\"/__brief/live.js\" defer></script>", "");
        assert_eq!(
            served,
            String::from_utf8_lossy(bytes),
            "{url} differs from a full build"
        );
    }
}

/// Waits until `path` serves something containing `needle`.
fn wait_for_content(addr: SocketAddr, stream: &mut BufReader<TcpStream>, path: &str, needle: &str) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let (_, _, body) = get(addr, path);
        if String::from_utf8_lossy(&body).contains(needle) {
            return;
        }
        assert!(Instant::now() < deadline, "{path} never showed {needle:?}");
        wait_for_event(stream, "reload", Duration::from_secs(10));
    }
}

#[test]
fn serve_equals_a_fresh_build_after_editing_the_time_zone_base_url_and_a_template() {
    let site = TestSite::new();
    sample(&site);
    site.briefing(
        "2025-08-06-dated",
        &fm("Dated", "2025-08-06", &["Mexico"]),
        "A date-only briefing: its moment depends on the time zone.\n",
    );
    let server = serve(&site);
    let addr = server.addr;
    let mut stream = events(addr);
    wait_for_event(&mut stream, "ok", Duration::from_secs(5));
    assert_serves_a_full_build(&site, addr);

    // A new time zone moves every date given without an offset.
    site.write(
        "site.toml",
        common::SITE_TOML.replace("timezone = \"UTC\"", "timezone = \"Asia/Tokyo\""),
    );
    wait_for_content(
        addr,
        &mut stream,
        "/briefings/dated/",
        "2025-08-06T00:00:00+09:00",
    );
    assert_serves_a_full_build(&site, addr);

    // A base URL with a path (served locally at the root all the same).
    site.write(
        "site.toml",
        common::SITE_TOML
            .replace("timezone = \"UTC\"", "timezone = \"Asia/Tokyo\"")
            .replace("https://example.org/", "https://example.org/news/")
            .replace("A test site", "Now under /news/"),
    );
    wait_for_content(addr, &mut stream, "/", "Now under /news/");
    assert_serves_a_full_build(&site, addr);

    // A template of the site's own.
    site.write(
        "templates/partials/card.html",
        "<article class=\"card mine\"><h2><a href=\"{{ b.url }}\">{{ b.title }}</a></h2></article>\n",
    );
    wait_for_content(addr, &mut stream, "/", "card mine");
    assert_serves_a_full_build(&site, addr);
    server.stop();
}

#[test]
fn serve_follows_what_other_briefings_change_a_slug_and_a_tag_spelling() {
    let site = TestSite::new();
    site.briefing(
        "2025-01-01-target",
        &fm("Target", "2025-01-01", &["Latin America"]),
        "## Notes\n\nText.\n",
    );
    site.briefing(
        "2025-01-02-source",
        &fm("Source", "2025-01-02", &["latin america"]),
        "See [the target](2025-01-01-target.md#notes).\n",
    );
    site.briefing(
        "2025-01-03-third",
        &fm("Third", "2025-01-03", &["Latin America"]),
        "Body.\n",
    );
    let server = serve(&site);
    let addr = server.addr;
    let mut stream = events(addr);
    wait_for_event(&mut stream, "ok", Duration::from_secs(5));
    assert_serves_a_full_build(&site, addr);

    // The target moves: the source's link follows, though its file did not change.
    site.briefing(
        "2025-01-01-target",
        &format!(
            "{}\nslug: moved-target",
            fm("Target", "2025-01-01", &["latin america"])
        ),
        "## Notes\n\nText.\n",
    );
    wait_for_content(
        addr,
        &mut stream,
        "/briefings/source/",
        "/briefings/moved-target/#notes",
    );
    // Two of three now spell the tag in lower case: every card follows.
    assert_serves_a_full_build(&site, addr);
    server.stop();
}

#[test]
fn check_decodes_character_references_in_addresses_and_ids() {
    let site = TestSite::new();
    site.write("content/briefings/Biden's remarks.pdf", b"%PDF-1.4");
    site.write("content/briefings/a&b.png", b"png");
    site.briefing(
        "quotes",
        &fm("Quotes", "2025-08-09", &["Mexico"]),
        "Read [the remarks](<Biden's remarks.pdf>) and see ![a chart](<a&b.png>).\n\n\
         ## Said {#x\"y}\n\nText, [quoted](<#x\"y>).\n",
    );
    site.briefing(
        "other",
        &fm("Other", "2025-08-10", &["Mexico"]),
        "See [the quote](</briefings/quotes/#x\"y>) and [again](<quotes.md#x\"y>).\n",
    );
    let options = brief::BuildOptions {
        root: site.root().to_path_buf(),
        overrides: brief::config::Overrides {
            now: Some(common::now()),
            ..Default::default()
        },
        ..Default::default()
    };
    let report = brief::check::check(&options).unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(report.broken, vec![]);
    let out = site.run_at_now("check", &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // A link that is broken is still found, and named as decoded.
    site.briefing(
        "gone",
        &fm("Gone", "2025-08-11", &["Mexico"]),
        "See [this](</briefings/it's&gone/>).\n",
    );
    let report = brief::check::check(&options).unwrap();
    // (On its page, in the feeds and in its email edition.)
    let mut reasons: Vec<&str> = report.broken.iter().map(|b| b.reason.as_str()).collect();
    reasons.dedup();
    assert_eq!(
        reasons,
        ["no page or file at /briefings/it's&gone/index.html"]
    );
    assert!(
        report
            .broken
            .iter()
            .any(|b| b.page == "briefings/gone/index.html"),
        "{:?}",
        report.broken
    );
    assert_eq!(site.run_at_now("check", &[]).status.code(), Some(1));
}

#[test]
fn init_and_eject_refuse_a_folder_where_they_write_a_file() {
    // `init --force` over a folder named site.toml said it "kept" it, and
    // the new site could not build; eject did the same with a folder
    // named like a theme file.
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("news");
    std::fs::create_dir_all(target.join("site.toml")).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["init", "--force"])
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("site.toml is a folder") && stderr.contains("rename or remove it"),
        "{stderr}"
    );
    // Refused before anything was written.
    assert!(!target.join(".gitignore").exists());
    assert!(!target.join("content").exists());

    std::fs::remove_dir(target.join("site.toml")).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .arg("init")
        .arg(&target)
        .arg("--force")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    std::fs::create_dir_all(target.join("templates/base.html")).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["eject", "--root"])
        .arg(&target)
        .arg("style.css")
        .arg("base.html")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("base.html is a folder"),
        "{out:?}"
    );
    assert!(!target.join("templates/style.css").exists());
}
