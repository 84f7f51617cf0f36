//! One part of the search index, made by Pagefind's Rust API from custom
//! records (no HTML is parsed).
//!
//! Pagefind's API is async on tokio; each part is indexed on a runtime of
//! its own, on the calling thread, so that parts can be indexed side by
//! side on the build's worker threads.

use crate::cache::search::PartFiles;

use super::record::Record;

/// How many records' fragments (what a result shows) share one file. One
/// file a record made the index most of a site's files (10,000 of 27,000
/// at 10,000 briefings), each of which every build checks and keeps; five
/// a file cost a reader's browser a few kilobytes more per page of
/// results.
const FRAGMENTS_PER_FILE: usize = 5;

/// Whether Pagefind's file `name` is one the search page loads: the
/// search API and its worker, the index and its WebAssembly. Pagefind's
/// own UIs, its highlighter and the playground are left out (the theme
/// has its own search page).
fn kept(name: &str) -> bool {
    matches!(
        name,
        "pagefind.js" | "pagefind-worker.js" | "pagefind-entry.json"
    ) || (name.starts_with("pagefind.") && name.ends_with(".pf_meta"))
        || (name.starts_with("wasm.") && name.ends_with(".pagefind"))
        || ["index/", "fragment/", "filter/"]
            .iter()
            .any(|dir| name.starts_with(dir))
}

/// Indexes `records` (each with its body text) in `language` (an ISO
/// 639-1 code; Pagefind indexes one it cannot stem without stemming).
pub(super) fn index(records: &[(Record, String)], language: &str) -> Result<PartFiles, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the indexer: {e}"))?;
    runtime.block_on(async {
        let options = pagefind::options::PagefindServiceConfig::builder()
            .force_language(language.to_string())
            .max_fragments(records.len().div_ceil(FRAGMENTS_PER_FILE).max(1) as u32)
            .build();
        let mut index =
            pagefind::api::PagefindIndex::new(Some(options)).map_err(|e| e.to_string())?;
        for (record, body) in records {
            index
                .add_custom_record(
                    record.href.clone(),
                    record.content(body),
                    language.to_string(),
                    Some(record.meta()),
                    Some(record.filters()),
                    Some(record.sort()),
                )
                .await
                .map_err(|e| format!("{}: {e}", record.href))?;
        }
        let files = index.get_files().await.map_err(|e| e.to_string())?;
        let mut files: PartFiles = files
            .into_iter()
            .filter_map(|f| {
                let name = f.filename.to_string_lossy().replace('\\', "/");
                kept(&name).then_some((name, f.contents))
            })
            .collect();
        // Pagefind hands its files over in no fixed order.
        files.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(files)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> (Record, String) {
        let record = Record {
            href: "briefings/a/".into(),
            title: "Sanctions tighten".into(),
            summary: "A summary.".into(),
            date: "1 May 2025".into(),
            iso: "2025-05-01T00:00:00+00:00".into(),
            year: "2025".into(),
            tags: vec!["Trade".into()],
            authors: vec!["Ana".into()],
        };
        (record, "Exports fell.".into())
    }

    #[test]
    fn an_index_holds_what_the_search_page_loads_and_no_more() {
        let files = index(&[record()], "en").unwrap();
        let names: Vec<&str> = files.iter().map(|f| f.0.as_str()).collect();
        for name in ["pagefind.js", "pagefind-entry.json", "wasm.en.pagefind"] {
            assert!(names.contains(&name), "{names:?}");
        }
        assert!(names.iter().any(|n| n.starts_with("fragment/")));
        assert!(names.iter().any(|n| n.starts_with("filter/")));
        assert!(!names.iter().any(|n| n.contains("-ui")), "{names:?}");
        let again = index(&[record()], "en").unwrap();
        assert!(files == again, "the same records make the same bytes");
    }
}
