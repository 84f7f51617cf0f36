//! One test binary for what a build publishes: pages, feeds, email
//! editions, scheduling, and the snapshots of the fixture sites. The
//! modules were separate binaries; each linked the whole crate.

#[path = "../common/mod.rs"]
mod common;

mod aliases;
mod archives;
mod authors;
mod build;
mod bundles;
mod cards;
mod feeds;
mod fixtures;
mod hostile_output;
mod languages;
mod leftovers;
mod links;
mod news;
mod newsroom;
mod publishing;
mod related;
mod search;
mod subscribe;
