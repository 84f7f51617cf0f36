//! brief: a static site generator for a briefing newsletter.
//!
//! The pipeline, one module a stage, data flowing one way:
//!
//! ```text
//! site.toml ──> config::Config
//! content/**.md ──> content (split, front matter, markdown) ──> Briefing
//! Vec<Briefing> ──> site::collect ──> Site (order, tags, archive)
//! Site ──> render (Tera pages, RSS feeds, sitemap) ──> output::Sink
//! output::Staging ──(atomic swap, or journaled moves of changed files)──> public/
//! ```
//!
//! [`build::build`] runs it end to end. What one build leaves for the next
//! ([`cache`]: parses, output records) and the dev server's memory of its
//! last rebuild live outside the stages, which only take what they are
//! handed.

// Diagnostics are large but travel only on the cold error path; boxing
// them everywhere would cost more clarity than it saves.
#![allow(clippy::result_large_err)]

pub mod build;
pub mod cache;
pub mod check;
pub mod config;
pub mod content;
pub mod error;
pub mod i18n;
pub mod output;
pub mod render;
pub mod routes;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod util;

pub use build::{BuildOptions, BuildReport, build};
pub use error::{BuildError, Diagnostic};
