//! The `render` stage: pages through Tera, feeds through the rss crate, the
//! sitemap, in parallel, each streamed to the [`Sink`] as soon as it is
//! rendered so that no stage holds every page at once.

pub mod email;
pub mod feeds;
pub mod memo;
pub mod sitemap;
pub mod templates;
pub mod views;

use std::hash::{Hash, Hasher};
use std::sync::Mutex;

use rayon::prelude::*;
use tera::{Context, Value};

use crate::config::{Config, FeedFormat};
use crate::content::Briefing;
use crate::error::{BuildError, Diagnostic};
use crate::output::Sink;
use crate::site::{self, Site};
pub use templates::Templates;
use views::{FeedLink, PageMeta};

/// What the render stage produced.
#[derive(Debug, Default, Clone, Copy)]
pub struct Rendered {
    pub pages: usize,
    pub feeds: usize,
}

/// How many of the newest briefings the not-found page suggests.
const LATEST_ON_404: usize = 5;

/// One page to render.
enum Job {
    Briefing(usize),
    Email(usize),
    Index {
        number: usize,
        total: usize,
    },
    Tags,
    Tag {
        tag: usize,
        number: usize,
        total: usize,
    },
    Archive,
    NotFound,
}

/// Everything the page renderers share, computed once.
struct Shared<'a> {
    config: &'a Config,
    site: &'a Site,
    templates: &'a Templates,
    site_value: Value,
    /// Each briefing's card as a Tera value, shared by every listing.
    cards: Vec<Value>,
    sink: &'a dyn Sink,
    /// The first template error; later pages stop early once it is set.
    error: Mutex<Option<BuildError>>,
    /// When set, pages whose inputs are unchanged are skipped.
    memo: Option<&'a memo::Memo>,
    /// [`memo::briefing_fp`] of each briefing, when a memo is used.
    fps: Vec<u64>,
    /// [`memo::link_fp`] of each briefing: what a link to it shows.
    link_fps: Vec<u64>,
}

/// Autodiscovery links for the feeds in `dir` (`""` or `tags/<slug>/`).
fn feed_links(config: &Config, name: &str, dir: &str) -> Vec<FeedLink> {
    config
        .feed_formats
        .iter()
        .map(|f| FeedLink {
            title: format!("{name} ({})", f.label()),
            url: config.url(&format!("{dir}{}", f.file_name())),
            kind: f.mime_type(),
        })
        .collect()
}

impl Shared<'_> {
    fn meta(&self, kind: &'static str, title: String, description: String, path: &str) -> PageMeta {
        PageMeta {
            kind,
            title,
            description,
            url: self.config.url(path),
            feeds: feed_links(self.config, &self.config.title, ""),
        }
    }

    fn context(&self, meta: &PageMeta) -> Context {
        let mut cx = Context::new();
        cx.insert_value("site", self.site_value.clone());
        cx.insert("page", meta);
        cx
    }

    fn cards_of(&self, indices: &[usize]) -> Value {
        Value::from(
            indices
                .iter()
                .map(|&i| self.cards[i].clone())
                .collect::<Vec<_>>(),
        )
    }

    /// Renders `template`, turning a Tera error into a located diagnostic.
    fn render_bytes(&self, template: &str, cx: &Context) -> Result<Vec<u8>, BuildError> {
        let mut buf = Vec::with_capacity(16 * 1024);
        self.templates
            .tera
            .render_to(template, cx, &mut buf)
            .map_err(|e| BuildError::Content(vec![self.templates.diagnose(&e, Some(template))]))?;
        Ok(buf)
    }

    fn render(&self, template: &str, cx: &Context, path: &str) -> Result<(), BuildError> {
        self.sink.write(path, &self.render_bytes(template, cx)?)
    }

    /// The output file of a job and a fingerprint of everything it shows.
    fn key(&self, job: &Job) -> (String, u64) {
        let site = self.site;
        let mut h = memo::hasher();
        (site.briefings.len(), site.tags.len()).hash(&mut h);
        let fps = |h: &mut std::hash::DefaultHasher, indices: &[usize]| {
            for &i in indices {
                self.fps[i].hash(h);
            }
        };
        let path = match *job {
            Job::Briefing(i) => {
                (
                    "briefing",
                    i.checked_sub(1).map(|n| self.link_fps[n]),
                    self.fps[i],
                    self.link_fps.get(i + 1),
                )
                    .hash(&mut h);
                format!("briefings/{}/index.html", site.briefings[i].slug)
            }
            Job::Email(i) => {
                ("email", self.fps[i]).hash(&mut h);
                format!("briefings/{}/email.html", site.briefings[i].slug)
            }
            Job::Index { number, total } => {
                ("index", number, total).hash(&mut h);
                let range = page_range(number, self.config.per_page, site.briefings.len());
                fps(&mut h, &range.collect::<Vec<_>>());
                format!("{}index.html", page_path("", number))
            }
            Job::Tag { tag, number, total } => {
                let t = &site.tags[tag];
                ("tag", &t.name, number, total, t.briefings.len()).hash(&mut h);
                fps(
                    &mut h,
                    &t.briefings[page_range(number, self.config.per_page, t.briefings.len())],
                );
                format!(
                    "{}index.html",
                    page_path(&format!("tags/{}/", t.slug), number)
                )
            }
            Job::Tags => {
                for t in &site.tags {
                    (&t.name, &t.slug, t.briefings.len()).hash(&mut h);
                }
                "tags/index.html".into()
            }
            Job::Archive => {
                self.link_fps.hash(&mut h);
                "archive/index.html".into()
            }
            Job::NotFound => {
                let newest = self.site.briefings.len().min(LATEST_ON_404);
                for i in 0..newest {
                    self.link_fps[i].hash(&mut h);
                }
                "404.html".into()
            }
        };
        (path, h.finish())
    }

    fn run(&self, job: &Job) -> Result<(), BuildError> {
        if let Some(memo) = self.memo {
            let (path, fp) = self.key(job);
            if let Some(text) = path.strip_suffix("email.html") {
                // The text edition goes with the HTML one.
                memo.stale(&format!("{text}email.txt"), fp);
            }
            if !memo.stale(&path, fp) {
                return Ok(());
            }
        }
        let config = self.config;
        match *job {
            Job::Briefing(i) => {
                let b = &self.site.briefings[i];
                let path = format!("briefings/{}/", b.slug);
                let meta = self.meta("briefing", b.title.clone(), b.summary.clone(), &path);
                let mut cx = self.context(&meta);
                cx.insert("briefing", &views::full(config, b));
                let newer = i.checked_sub(1).map(|n| self.cards[n].clone());
                let older = self.cards.get(i + 1).cloned();
                cx.insert_value("newer", newer.unwrap_or_else(Value::none));
                cx.insert_value("older", older.unwrap_or_else(Value::none));
                cx.insert_value("json_ld", Value::safe_string(&json_ld(config, b)));
                self.render("briefing.html", &cx, &format!("{path}index.html"))
            }
            Job::Email(i) => {
                let b = &self.site.briefings[i];
                let dir = format!("briefings/{}/", b.slug);
                let page_url = config.url(&dir);
                let body = email::prepare_body(&b.html, &page_url);
                let meta = self.meta("email", b.title.clone(), b.summary.clone(), &dir);
                let mut cx = self.context(&meta);
                let mut view = views::full(config, b);
                view.content = Value::safe_string(&body);
                cx.insert("briefing", &view);
                let buf = self.render_bytes("email.html", &cx)?;
                let html = String::from_utf8_lossy(&buf);
                let inlined = email::inline_css(&html).map_err(|e| {
                    BuildError::Content(vec![Diagnostic::error(
                        "templates/email.html",
                        format!("cannot inline the email's CSS: {e}"),
                    )])
                })?;
                self.sink
                    .write(&format!("{dir}email.html"), inlined.as_bytes())?;
                let text = email::text(config, b, &body);
                self.sink.write(&format!("{dir}email.txt"), text.as_bytes())
            }
            Job::Index { number, total } => {
                let range = page_range(number, config.per_page, self.site.briefings.len());
                let indices: Vec<usize> = range.collect();
                let path = page_path("", number);
                let title = if number == 1 {
                    String::new()
                } else {
                    format!("Page {number}")
                };
                let meta = self.meta("index", title, config.description.clone(), &path);
                let mut cx = self.context(&meta);
                let url_of = |n: usize| config.url(&page_path("", n));
                let p = views::paginator(
                    number,
                    total,
                    self.site.briefings.len(),
                    config.per_page,
                    self.cards_of(&indices),
                    &url_of,
                );
                cx.insert("paginator", &p);
                self.render("index.html", &cx, &format!("{path}index.html"))
            }
            Job::Tags => {
                let meta = self.meta(
                    "tags",
                    "Tags".into(),
                    format!("Every tag on {}", config.title),
                    "tags/",
                );
                let mut cx = self.context(&meta);
                let tags: Vec<_> = self
                    .site
                    .tags
                    .iter()
                    .map(|t| views::tag_view(config, t))
                    .collect();
                cx.insert("tags", &tags);
                self.render("tags.html", &cx, "tags/index.html")
            }
            Job::Tag { tag, number, total } => {
                let t = &self.site.tags[tag];
                let base = format!("tags/{}/", t.slug);
                let path = page_path(&base, number);
                let range = page_range(number, config.per_page, t.briefings.len());
                let mut meta = self.meta(
                    "tag",
                    if number == 1 {
                        t.name.clone()
                    } else {
                        format!("{}, page {number}", t.name)
                    },
                    format!("Briefings tagged {}", t.name),
                    &path,
                );
                meta.feeds.extend(feed_links(config, &t.name, &base));
                let mut cx = self.context(&meta);
                cx.insert("tag", &views::tag_view(config, t));
                let url_of = |n: usize| config.url(&page_path(&base, n));
                let items = self.cards_of(&t.briefings[range]);
                let p = views::paginator(
                    number,
                    total,
                    t.briefings.len(),
                    config.per_page,
                    items,
                    &url_of,
                );
                cx.insert("paginator", &p);
                self.render("tag.html", &cx, &format!("{path}index.html"))
            }
            Job::Archive => {
                let meta = self.meta(
                    "archive",
                    "Archive".into(),
                    format!("Every briefing on {}, by month", config.title),
                    "archive/",
                );
                let mut cx = self.context(&meta);
                cx.insert("archive", &archive_view(self));
                self.render("archive.html", &cx, "archive/index.html")
            }
            Job::NotFound => {
                let meta = self.meta("404", "Page not found".into(), String::new(), "404.html");
                let mut cx = self.context(&meta);
                let newest: Vec<usize> =
                    (0..self.site.briefings.len().min(LATEST_ON_404)).collect();
                cx.insert_value("latest", self.cards_of(&newest));
                self.render("404.html", &cx, "404.html")
            }
        }
    }
}

fn archive_view(shared: &Shared<'_>) -> Vec<views::YearView> {
    let mut years: Vec<views::YearView> = Vec::new();
    for m in &shared.site.archive {
        let month = views::MonthView {
            year: m.year,
            month: m.month,
            name: views::month_name(m.month),
            briefings: shared.cards_of(&m.briefings),
        };
        match years.last_mut() {
            Some(y) if y.year == m.year => {
                y.count += m.briefings.len();
                y.months.push(month);
            }
            _ => years.push(views::YearView {
                year: m.year,
                count: m.briefings.len(),
                months: vec![month],
            }),
        }
    }
    years
}

/// `page/2/` under `base` for page 2; `base` itself for page 1.
pub fn page_path(base: &str, number: usize) -> String {
    if number <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{number}/")
    }
}

fn page_range(number: usize, per_page: usize, total: usize) -> std::ops::Range<usize> {
    let start = ((number - 1) * per_page).min(total);
    start..(start + per_page).min(total)
}

/// Schema.org `NewsArticle` for a briefing, safe to embed in `<script>`.
fn json_ld(config: &Config, b: &Briefing) -> String {
    let mut value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": b.title,
        "datePublished": b.date.to_rfc3339(),
        "dateModified": b.updated.unwrap_or(b.date).to_rfc3339(),
        "url": config.url(&format!("briefings/{}/", b.slug)),
        "mainEntityOfPage": config.url(&format!("briefings/{}/", b.slug)),
        "description": b.summary,
        "keywords": b.tags,
        "publisher": { "@type": "Organization", "name": config.title, "url": config.url("") },
    });
    if !b.authors.is_empty() {
        value["author"] = b
            .authors
            .iter()
            .map(|a| serde_json::json!({ "@type": "Person", "name": a }))
            .collect();
    }
    if let Some(img) = &b.image {
        value["image"] = serde_json::json!([img.src]);
    }
    // `<`, `>` and `&` escaped as JSON unicode escapes cannot close the
    // script element or start a comment, whatever the content says.
    serde_json::to_string(&value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// Renders the email edition of briefing `index` into `sink`.
pub fn render_email(
    config: &Config,
    site: &Site,
    templates: &Templates,
    index: usize,
    sink: &dyn Sink,
) -> Result<(), BuildError> {
    let shared = Shared {
        config,
        site,
        templates,
        site_value: Value::from_serializable(&views::site_view(config, site)),
        cards: Vec::new(),
        sink,
        error: Mutex::new(None),
        memo: None,
        fps: Vec::new(),
        link_fps: Vec::new(),
    };
    shared.run(&Job::Email(index))
}

/// How many briefings, newest first, get an email edition.
pub fn email_count(config: &Config, site: &Site) -> usize {
    match (config.email, config.email_limit) {
        (false, _) => 0,
        (true, 0) => site.briefings.len(),
        (true, limit) => limit.min(site.briefings.len()),
    }
}

/// Renders every page, feed and the sitemap into `sink`.
pub fn render_pages(
    config: &Config,
    site: &Site,
    templates: &Templates,
    sink: &dyn Sink,
    memo: Option<&memo::Memo>,
) -> Result<usize, BuildError> {
    let site_value = Value::from_serializable(&views::site_view(config, site));
    let fps: Vec<u64> = match memo {
        Some(_) => site
            .briefings
            .par_iter()
            .map(|b| memo::briefing_fp(b))
            .collect(),
        None => Vec::new(),
    };
    let cards: Vec<Value> = site
        .briefings
        .par_iter()
        .enumerate()
        .map(|(i, b)| {
            let make = || Value::from_serializable(&views::card(config, b));
            match memo {
                Some(m) => m.card(fps[i], make),
                None => make(),
            }
        })
        .collect();
    let shared = Shared {
        config,
        site,
        templates,
        site_value,
        cards,
        sink,
        error: Mutex::new(None),
        memo,
        // The built-in archive, previous/next links and not-found page show
        // only title, URL and date; a site's own templates may show more.
        link_fps: match memo {
            Some(_)
                if ["archive.html", "briefing.html", "404.html"]
                    .iter()
                    .all(|t| templates.is_builtin(t)) =>
            {
                site.briefings.iter().map(|b| memo::link_fp(b)).collect()
            }
            Some(_) => fps.clone(),
            None => Vec::new(),
        },
        fps,
    };

    let mut jobs: Vec<Job> = (0..site.briefings.len()).map(Job::Briefing).collect();
    jobs.extend((0..email_count(config, site)).map(Job::Email));
    let index_pages = site::pages(site.briefings.len(), config.per_page).count();
    jobs.extend((1..=index_pages).map(|number| Job::Index {
        number,
        total: index_pages,
    }));
    for (tag, t) in site.tags.iter().enumerate() {
        let total = site::pages(t.briefings.len(), config.per_page).count();
        jobs.extend((1..=total).map(|number| Job::Tag { tag, number, total }));
    }
    jobs.extend([Job::Tags, Job::Archive, Job::NotFound]);

    jobs.par_iter().for_each(|job| {
        if shared.error.lock().map(|e| e.is_some()).unwrap_or(true) {
            return;
        }
        if let Err(e) = shared.run(job) {
            let mut slot = shared.error.lock().unwrap_or_else(|p| p.into_inner());
            if slot.is_none() {
                *slot = Some(e);
            }
        }
    });
    if let Some(e) = shared.error.into_inner().unwrap_or_else(|p| p.into_inner()) {
        return Err(e);
    }
    Ok(jobs.len())
}

/// Renders the site feed and every tag feed into `sink`.
pub fn render_feeds(
    config: &Config,
    site: &Site,
    sink: &dyn Sink,
    memo: Option<&memo::Memo>,
) -> Result<usize, BuildError> {
    if config.feed_formats.is_empty() {
        return Ok(0);
    }
    let bodies = feeds::FeedBodies::new(config, &site.briefings);
    let all: Vec<usize> = (0..site.briefings.len()).collect();
    let description = if config.description.is_empty() {
        format!("Briefings from {}", config.title)
    } else {
        config.description.clone()
    };
    let mut specs = vec![feeds::FeedSpec {
        title: config.title.clone(),
        link: config.url(""),
        description,
        dir: String::new(),
        items: &all,
    }];
    specs.extend(site.tags.iter().map(|t| feeds::FeedSpec {
        title: format!("{} — {}", config.title, t.name),
        link: config.url(&format!("tags/{}/", t.slug)),
        description: format!("Briefings tagged {} from {}", t.name, config.title),
        dir: format!("tags/{}/", t.slug),
        items: &t.briefings,
    }));
    let jobs: Vec<(&feeds::FeedSpec<'_>, FeedFormat)> = specs
        .iter()
        .flat_map(|spec| config.feed_formats.iter().map(move |&f| (spec, f)))
        .collect();
    jobs.par_iter().try_for_each(|&(spec, format)| {
        let path = format!("{}{}", spec.dir, format.file_name());
        if let Some(memo) = memo {
            let mut h = memo::hasher();
            (&spec.title, spec.items.len()).hash(&mut h);
            for &i in spec.chosen(config) {
                memo::briefing_fp(&site.briefings[i]).hash(&mut h);
            }
            if !memo.stale(&path, h.finish()) {
                return Ok(());
            }
        }
        let bytes = feeds::render(format, config, &site.briefings, &bodies, spec);
        sink.write(&path, &bytes)
    })?;
    sink.write(
        "feeds.opml",
        &feeds::opml::render(config, site, config.feed_formats[0]),
    )?;
    Ok(jobs.len() + 1)
}

/// Writes `sitemap.xml` and `robots.txt`.
pub fn render_sitemap(config: &Config, site: &Site, sink: &dyn Sink) -> Result<usize, BuildError> {
    let newest = site
        .newest()
        .map(|b| b.updated.unwrap_or(b.date).to_rfc3339());
    let mut entries = Vec::new();
    let index_pages = site::pages(site.briefings.len(), config.per_page).count();
    for n in 1..=index_pages {
        entries.push(sitemap::Entry {
            url: config.url(&page_path("", n)),
            lastmod: newest.clone(),
        });
    }
    for b in &site.briefings {
        entries.push(sitemap::Entry {
            url: config.url(&format!("briefings/{}/", b.slug)),
            lastmod: Some(b.updated.unwrap_or(b.date).max(b.date).to_rfc3339()),
        });
    }
    entries.push(sitemap::Entry {
        url: config.url("tags/"),
        lastmod: newest.clone(),
    });
    for t in &site.tags {
        let latest = t
            .briefings
            .first()
            .map(|&i| site.briefings[i].date.to_rfc3339());
        let total = site::pages(t.briefings.len(), config.per_page).count();
        for n in 1..=total {
            entries.push(sitemap::Entry {
                url: config.url(&page_path(&format!("tags/{}/", t.slug), n)),
                lastmod: latest.clone(),
            });
        }
    }
    entries.push(sitemap::Entry {
        url: config.url("archive/"),
        lastmod: newest,
    });
    let files = sitemap::render(&entries, &|name| config.url(name));
    let count = files.len() + 1;
    for (name, bytes) in files {
        sink.write(&name, &bytes)?;
    }
    sink.write("robots.txt", &sitemap::robots(&config.url("sitemap.xml")))?;
    Ok(count)
}

/// Output paths every build generates (for clash checks against copied files).
pub fn generated_paths(config: &Config, site: &Site) -> Vec<String> {
    let mut paths = vec![
        "sitemap.xml".to_string(),
        "robots.txt".into(),
        "404.html".into(),
        "tags/index.html".into(),
        "archive/index.html".into(),
    ];
    if !config.feed_formats.is_empty() {
        paths.push("feeds.opml".into());
    }
    for f in &config.feed_formats {
        paths.push(f.file_name().into());
    }
    for n in 1..=site::pages(site.briefings.len(), config.per_page).count() {
        paths.push(format!("{}index.html", page_path("", n)));
    }
    for (i, b) in site.briefings.iter().enumerate() {
        paths.push(format!("briefings/{}/index.html", b.slug));
        if i < email_count(config, site) {
            paths.push(format!("briefings/{}/email.html", b.slug));
            paths.push(format!("briefings/{}/email.txt", b.slug));
        }
    }
    for t in &site.tags {
        let base = format!("tags/{}/", t.slug);
        for f in &config.feed_formats {
            paths.push(format!("{base}{}", f.file_name()));
        }
        for n in 1..=site::pages(t.briefings.len(), config.per_page).count() {
            paths.push(format!("{}index.html", page_path(&base, n)));
        }
    }
    paths
}

/// An error for a copied file that would overwrite a generated page.
pub fn clash(path: &str, from: &std::path::Path) -> Diagnostic {
    Diagnostic::error(
        from,
        format!("would be published at /{path}, where brief writes a generated page"),
    )
    .with_hint("rename or move the file")
}
