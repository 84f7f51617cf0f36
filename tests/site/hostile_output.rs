//! What an editor may legitimately write that looks like markup or steers
//! text direction, read back from the output as a reader's software reads
//! it: a feed reader, a browser's window title, a mail client.

use crate::common::{TestSite, fm};

#[test]
fn an_rss_summary_that_looks_like_markup_reads_as_written() {
    // RSS readers take an item's description as HTML. The summary is
    // plain text and went in unescaped, so "the <details> element" hid
    // the rest of the summary in a reader, and `<b>` made it bold.
    let site = TestSite::new();
    let summary = "Browsers now ship the <details> element & <b>bold</b> claims";
    site.briefing(
        "markup",
        &format!(
            "{}\nsummary: {summary:?}",
            fm("A title", "2025-01-05", &["X"])
        ),
        "Body.\n",
    );
    site.build().unwrap();
    for feed in ["rss.xml", "tags/x/rss.xml", "feeds/archive/1/rss.xml"] {
        if !site.public().join(feed).is_file() {
            continue;
        }
        let channel = rss::Channel::read_from(site.read(feed).as_bytes()).unwrap();
        let description = channel.items()[0].description().unwrap();
        let html = scraper::Html::parse_fragment(description);
        let shown: String = html.root_element().text().collect();
        assert_eq!(shown, summary, "{feed}: {description}");
    }
    // Atom's summary and JSON Feed's are plain text: unchanged.
    let json: serde_json::Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    assert_eq!(json["items"][0]["summary"], summary);
}
