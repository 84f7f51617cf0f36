//! The two pages of one briefing: its page and its email edition.

use tera::Value;

use super::Shared;
use crate::error::{BuildError, Diagnostic};
use crate::render::{email, jsonld, views};
use crate::routes::{EmailPart, Route};

impl Shared<'_> {
    /// Briefing `i`'s page, at `route`.
    pub(super) fn briefing_page(&self, i: usize, route: Route<'_>) -> Result<(), BuildError> {
        let (config, site) = (self.config, self.site);
        let b = &site.briefings[i];
        let meta = self.meta("briefing", b.title.clone(), b.summary.clone(), route);
        let meta = self.in_language_of(meta, i);
        let mut cx = self.context(&meta);
        let mut view = views::full(config, site, &self.refs, i)?;
        view.related = site
            .related_to(i)
            .iter()
            .map(|&r| match self.related_links {
                true => self.link(r),
                false => self.card(r),
            })
            .collect();
        cx.insert("briefing", &view);
        let neighbour = |n: usize| match self.related_links {
            true => self.link(n),
            false => self.card(n),
        };
        let newer = i.checked_sub(1).map(neighbour);
        let older = (i + 1 < site.briefings.len()).then(|| neighbour(i + 1));
        cx.insert_value("newer", newer.unwrap_or_else(Value::none));
        cx.insert_value("older", older.unwrap_or_else(Value::none));
        cx.insert_value(
            "json_ld",
            Value::safe_string(&jsonld::news_article(config, site, i)),
        );
        self.render("briefing.html", &cx, route)
    }

    /// Briefing `i`'s email edition, HTML at `route` and the text beside it.
    pub(super) fn email_edition(
        &self,
        i: usize,
        slug: &str,
        route: Route<'_>,
    ) -> Result<(), BuildError> {
        let (config, site) = (self.config, self.site);
        let b = &site.briefings[i];
        let page = Route::Briefing { index: i, slug };
        let body = email::prepare_body(self.bodies.get(i)?);
        let meta = self.meta("email", b.title.clone(), b.summary.clone(), page);
        let meta = self.in_language_of(meta, i);
        let mut cx = self.context(&meta);
        let mut view = views::full(config, site, &self.refs, i)?;
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
        self.sink.write(&route.path(), inlined.as_bytes())?;
        let text = email::text(config, site, &page.url(config), b, &body);
        let text_route = Route::Email {
            index: i,
            slug,
            part: EmailPart::Text,
        };
        self.sink.write(&text_route.path(), text.as_bytes())
    }
}
