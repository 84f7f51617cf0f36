//! One test binary for the commands around a build: the CLI's arguments
//! and exit codes, path resolution, output-folder safety, and the editor's
//! loop (`serve`, `new`, `init`, `check`).

#[path = "../common/mod.rs"]
mod common;

mod changes;
mod cli;
mod editor;
mod incremental;
mod output_safety;
mod paths;
