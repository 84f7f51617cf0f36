//! Moved briefings keep their readers: `aliases:` leave redirect pages at
//! the old addresses, and `[deploy] host` adds the files a static host
//! reads (`.nojekyll`, `_redirects`, `_headers`), each parsed back in its
//! host's documented format.

use crate::common;

use common::{TestSite, attrs, fm};

fn moved_site(extra_toml: &str) -> TestSite {
    let site = TestSite::with_config(&format!("{}{extra_toml}", common::SITE_TOML));
    site.briefing(
        "2025-03-01-new-name",
        &format!(
            "{}\naliases: [old-name, /2025/03/old-name/, /legacy/moved.html, \"https://example.org/briefings/older/\"]",
            fm("The new name", "2025-03-01", &["Mexico"])
        ),
        "Body.\n",
    );
    site.briefing(
        "2025-03-02-other",
        &fm("Other", "2025-03-02", &["Mexico"]),
        "As [we wrote](/briefings/old-name/) before.\n",
    );
    site
}

const NEW: &str = "https://example.org/briefings/new-name/";

#[test]
fn each_alias_is_a_valid_redirect_page_outside_sitemap_and_feeds() {
    let site = moved_site("");
    site.build().unwrap();
    for rel in [
        "briefings/old-name/index.html",
        "2025/03/old-name/index.html",
        "legacy/moved.html",
        "briefings/older/index.html",
    ] {
        let doc = site.html(rel);
        assert_eq!(attrs(&doc, "link[rel=canonical]", "href"), [NEW], "{rel}");
        assert_eq!(
            attrs(&doc, "meta[http-equiv=refresh]", "content"),
            [format!("0; url={NEW}")],
            "{rel}"
        );
        assert_eq!(attrs(&doc, "meta[name=robots]", "content"), ["noindex"]);
        assert_eq!(attrs(&doc, "a", "href"), [NEW], "{rel}");
        assert_eq!(attrs(&doc, "html", "lang"), ["en"]);
    }
    let sitemap = site.read("sitemap.xml");
    assert!(!sitemap.contains("old-name") && !sitemap.contains("moved.html"));
    for feed in ["rss.xml", "atom.xml", "feed.json", "feeds.opml"] {
        let text = site.read(feed);
        assert!(
            !text.contains("2025/03/old-name") && !text.contains("moved.html"),
            "{feed}"
        );
    }
    // No host files unless a host is named.
    for f in [".nojekyll", "_redirects", "_headers"] {
        assert!(!site.public().join(f).exists(), "{f}");
    }
    // `brief check` follows a link to an alias (it exists) and the
    // alias's own links (they lead to the briefing).
    let out = site.run(&["check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn an_alias_may_not_take_an_address_the_site_uses() {
    for (alias, expected) in [
        (
            "/index.html",
            "the alias /index.html is already used by brief's own page /",
        ),
        (
            "/tags/mexico/",
            "the alias /tags/mexico/ is already used by brief's own page /tags/mexico/",
        ),
        (
            "other",
            "the alias /briefings/other/ is already used by content/briefings/2025-03-02-other.md",
        ),
        (
            "/briefings/other/email.html",
            "the alias /briefings/other/email.html is already used by the email edition of content/briefings/2025-03-02-other.md",
        ),
        (
            "/rss.xml",
            "alias \"/rss.xml\": a redirect page cannot be served as `.xml`",
        ),
        ("/", "alias \"/\": it is the front page"),
        ("../outside/", "`.` and `..` are not allowed"),
        (
            "https://elsewhere.org/x/",
            "it is not an address on this site",
        ),
    ] {
        let site = TestSite::new();
        site.briefing(
            "2025-03-01-new-name",
            &fm("The new name", "2025-03-01", &["Mexico"]),
            "Body.\n",
        );
        site.briefing(
            "2025-03-02-other",
            &fm("Other", "2025-03-02", &[]),
            "Body.\n",
        );
        site.build().unwrap();
        let before = common::snapshot(&site.public());
        site.briefing(
            "2025-03-01-new-name",
            &format!(
                "{}\naliases: [\"{alias}\"]\n",
                fm("The new name", "2025-03-01", &["Mexico"])
            ),
            "Body, edited.\n",
        );
        let err = site.build().unwrap_err().to_string();
        assert!(err.contains(expected), "{alias}: {err}");
        assert!(
            err.contains("content/briefings/2025-03-01-new-name.md"),
            "{alias}: {err}"
        );
        assert!(before == common::snapshot(&site.public()), "{alias}");
    }
}

#[test]
fn an_alias_may_not_land_on_or_under_a_file_brief_writes() {
    let site = TestSite::new();
    site.briefing(
        "2025-03-01-new-name",
        &fm("The new name", "2025-03-01", &["Mexico"]),
        "Body.\n",
    );
    site.briefing(
        "2025-03-02-other",
        &fm("Other", "2025-03-02", &[]),
        "Body.\n",
    );
    site.write("static/logo.png", b"png");
    site.write("static/files/report.html/notes.txt", "notes");
    site.write("content/briefings/chart.png", b"png");
    site.build().unwrap();
    let before = common::snapshot(&site.public());
    for (alias, owner) in [
        ("/sitemap.xml/", "brief's own file /sitemap.xml"),
        ("/sitemap-news.xml/", "brief's own file /sitemap-news.xml"),
        ("/rss.xml/", "brief's own file /rss.xml"),
        ("/atom.xml/", "brief's own file /atom.xml"),
        ("/feed.json/", "brief's own file /feed.json"),
        ("/feeds.opml/", "brief's own file /feeds.opml"),
        ("/robots.txt/", "brief's own file /robots.txt"),
        ("/404.html/", "brief's own file /404.html"),
        ("/style.css/", "brief's own file /style.css"),
        ("/search.js/", "brief's own file /search.js"),
        (
            "/tags/mexico/rss.xml/",
            "brief's own file /tags/mexico/rss.xml",
        ),
        (
            "/briefings/other/email.html/",
            "content/briefings/2025-03-02-other.md",
        ),
        (
            "/briefings/other/index.html/",
            "content/briefings/2025-03-02-other.md",
        ),
        ("/pagefind/x/", "brief's search index /pagefind/"),
        ("/pagefind/", "brief's search index /pagefind/"),
        ("/logo.png/", "static/logo.png"),
        ("/briefings/chart.png/", "content/briefings/chart.png"),
        ("/files/report.html", "static/files/report.html/notes.txt"),
    ] {
        site.briefing(
            "2025-03-01-new-name",
            &format!(
                "{}\naliases: [old-name, \"{alias}\"]\n",
                fm("The new name", "2025-03-01", &["Mexico"])
            ),
            "Body, edited.\n",
        );
        let err = site.build().unwrap_err().to_string();
        let shown = alias.trim_end_matches(".html").trim_end_matches('/');
        assert!(
            err.contains(&format!("the alias {shown}")) && err.contains("is already used by"),
            "{alias}: {err}"
        );
        assert!(err.contains(owner), "{alias}: {err}");
        // The briefing's file, at the alias's line (the fifth).
        assert!(
            err.contains("content/briefings/2025-03-01-new-name.md:5:"),
            "{alias}: {err}"
        );
        assert_eq!(err.matches("error:").count(), 1, "{alias}: {err}");
        assert!(before == common::snapshot(&site.public()), "{alias}");
    }
}

#[test]
fn two_briefings_may_not_share_an_alias() {
    let site = TestSite::new();
    for (name, date) in [("a", "2025-03-01"), ("b", "2025-03-02")] {
        site.briefing(
            name,
            &format!("{}\naliases: [shared-old]", fm(name, date, &[])),
            "Body.\n",
        );
    }
    let err = site.build().unwrap_err().to_string();
    assert!(
        err.contains("the alias /briefings/shared-old/ is also an alias in content/briefings/"),
        "{err}"
    );
}

/// `_redirects` lines: `from to status`, as Netlify and Cloudflare Pages
/// document them; comments start with `#`.
fn redirect_rules(text: &str) -> Vec<(String, String, String)> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let parts: Vec<&str> = l.split_whitespace().collect();
            assert_eq!(parts.len(), 3, "{l}");
            (parts[0].into(), parts[1].into(), parts[2].into())
        })
        .collect()
}

/// `_headers` blocks: a path line starting with `/`, then indented
/// `Name: value` lines (or Cloudflare's `! Name` detach lines).
fn header_rules(text: &str) -> Vec<(String, Vec<String>)> {
    let mut rules: Vec<(String, Vec<String>)> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('/') {
            rules.push((line.to_string(), Vec::new()));
        } else {
            assert!(line.starts_with("  "), "unindented header line {line:?}");
            let header = line.trim();
            assert!(
                header.starts_with("! ") || header.split_once(": ").is_some(),
                "{header:?}"
            );
            rules
                .last_mut()
                .expect("a path first")
                .1
                .push(header.to_string());
        }
    }
    rules
}

#[test]
fn hosts_get_their_own_files_in_their_own_syntax() {
    let site = moved_site("\n[deploy]\nhost = \"github\"\n");
    site.build().unwrap();
    assert_eq!(site.read(".nojekyll"), "");
    assert!(!site.public().join("_redirects").exists());

    for host in ["netlify", "cloudflare"] {
        let site = moved_site(&format!(
            "\n[deploy]\nhost = \"{host}\"\n[feed]\narchive = true\n"
        ));
        site.write("static/images/logo.png", b"png");
        site.build().unwrap();
        let rules = redirect_rules(&site.read("_redirects"));
        assert_eq!(
            rules,
            [
                ("/briefings/old-name/", "/briefings/new-name/", "301"),
                ("/2025/03/old-name/", "/briefings/new-name/", "301"),
                ("/legacy/moved.html", "/briefings/new-name/", "301"),
                ("/briefings/older/", "/briefings/new-name/", "301"),
            ]
            .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        );
        let headers = header_rules(&site.read("_headers"));
        let get = |path: &str| {
            headers
                .iter()
                .find(|(p, _)| p == path)
                .unwrap_or_else(|| panic!("{host}: no rule for {path}"))
                .1
                .clone()
        };
        assert!(get("/*").contains(&"Cache-Control: public, max-age=0, must-revalidate".into()));
        let rss = get("/rss.xml");
        assert!(rss.contains(&"Content-Type: application/rss+xml; charset=utf-8".into()));
        assert!(rss.contains(&"Cache-Control: public, max-age=300".into()));
        let tag_atom = get("/tags/:tag/atom.xml");
        assert!(tag_atom.contains(&"Content-Type: application/atom+xml; charset=utf-8".into()));
        let archived = get("/feeds/archive/:number/rss.xml");
        assert!(archived.contains(&"Content-Type: application/rss+xml; charset=utf-8".into()));
        let json = get("/authors/:author/feed.json");
        assert!(json.contains(&"Content-Type: application/feed+json; charset=utf-8".into()));
        assert!(get("/feeds.opml").contains(&"Content-Type: text/x-opml; charset=utf-8".into()));
        assert!(get("/images/*").contains(&"Cache-Control: public, max-age=604800".into()));
        // Cloudflare joins repeated headers unless detached; Netlify lets
        // the specific rule win and rejects `!` lines.
        let detaches = headers
            .iter()
            .flat_map(|(_, h)| h)
            .any(|h| h.starts_with('!'));
        assert_eq!(detaches, host == "cloudflare", "{host}");
    }
}

#[test]
fn host_files_follow_a_base_url_with_a_path() {
    let site = TestSite::with_config(&format!(
        "{}\n[deploy]\nhost = \"netlify\"\n",
        common::SITE_TOML.replace("https://example.org/", "https://example.org/news/")
    ));
    site.briefing(
        "2025-03-01-new-name",
        &format!("{}\naliases: [old-name]", fm("New", "2025-03-01", &[])),
        "Body.\n",
    );
    site.build().unwrap();
    assert_eq!(
        redirect_rules(&site.read("_redirects")),
        [(
            "/news/briefings/old-name/".to_string(),
            "/news/briefings/new-name/".to_string(),
            "301".to_string()
        )]
    );
    assert!(
        header_rules(&site.read("_headers"))
            .iter()
            .any(|(p, _)| p == "/news/*")
    );
    let doc = site.html("briefings/old-name/index.html");
    assert_eq!(
        attrs(&doc, "link[rel=canonical]", "href"),
        ["https://example.org/news/briefings/new-name/"]
    );
}

#[test]
fn redirect_paths_are_percent_encoded() {
    let site = TestSite::with_config(&format!(
        "{}\n[deploy]\nhost = \"cloudflare\"\n",
        common::SITE_TOML
    ));
    site.briefing(
        "2025-03-01-new-name",
        &format!("{}\naliases: [/café-ancien/]", fm("New", "2025-03-01", &[])),
        "Body.\n",
    );
    site.build().unwrap();
    assert_eq!(
        redirect_rules(&site.read("_redirects")),
        [(
            "/caf%C3%A9-ancien/".to_string(),
            "/briefings/new-name/".to_string(),
            "301".to_string()
        )]
    );
    assert!(site.public().join("café-ancien/index.html").is_file());
}

#[test]
fn more_aliases_than_cloudflare_reads_is_a_warning() {
    let site = TestSite::with_config(&format!(
        "{}\n[deploy]\nhost = \"cloudflare\"\n",
        common::SITE_TOML
    ));
    let aliases: Vec<String> = (0..2001).map(|i| format!("old-{i}")).collect();
    site.briefing(
        "2025-03-01-new-name",
        &format!(
            "{}\naliases: [{}]",
            fm("New", "2025-03-01", &[]),
            aliases.join(", ")
        ),
        "Body.\n",
    );
    let report = site.build().unwrap();
    let text: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        text.iter().any(|w| w.contains(
            "2001 aliases, but Cloudflare Pages reads at most 2000 redirects from _redirects"
        )),
        "{text:?}"
    );
    assert_eq!(redirect_rules(&site.read("_redirects")).len(), 2001);
}

#[test]
fn an_escaped_alias_is_decoded_where_that_is_safe_and_refused_otherwise() {
    let site = TestSite::with_config(&format!(
        "{}\n[deploy]\nhost = \"netlify\"\n",
        common::SITE_TOML
    ));
    site.briefing(
        "2025-03-01-new-name",
        &format!(
            "{}\naliases: [\"/caf%C3%A9-viejo/\", \"/2025/old%2Dname.html\"]",
            fm("New", "2025-03-01", &[])
        ),
        "Body.\n",
    );
    site.build().unwrap();
    assert_eq!(
        redirect_rules(&site.read("_redirects")),
        [
            ("/caf%C3%A9-viejo/", "/briefings/new-name/", "301"),
            ("/2025/old-name.html", "/briefings/new-name/", "301"),
        ]
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    );
    // Written decoded, where a server looks for the escaped address.
    assert!(site.public().join("café-viejo/index.html").is_file());
    assert!(site.public().join("2025/old-name.html").is_file());

    let before = common::snapshot(&site.public());
    for (alias, column, what) in [
        ("/a%20b/", 17, "a space"),
        ("/a%2Fb/", 17, "a `/`"),
        ("/a%3Fb/", 17, "a `?`"),
        ("/a%2520b/", 17, "a `%`"),
        ("/a%FFb/", 17, "not UTF-8"),
    ] {
        site.briefing(
            "2025-03-01-new-name",
            &format!(
                "{}\naliases: [/ok/, \"{alias}\"]",
                fm("New", "2025-03-01", &[])
            ),
            "Body.\n",
        );
        let err = site.build().unwrap_err().to_string();
        let at = format!("content/briefings/2025-03-01-new-name.md:5:{column}");
        for needle in [
            at.as_str(),
            what,
            "brief writes the alias's folder as written, so the escaped old address would not redirect",
            "write the path decoded if it has no spaces (e.g. `/café/` rather than `/caf%C3%A9/`)",
        ] {
            assert!(err.contains(needle), "{alias}: {needle:?} in {err}");
        }
        assert!(!site.public().join("a b").exists(), "{alias}");
        assert!(before == common::snapshot(&site.public()), "{alias}");
    }
}
