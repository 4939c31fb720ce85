//! The Codex MCP connector configurator.
//!
//! A pure core (everything but [`ui`]) turns what a person typed into a
//! validated [`model::ServerConfig`] and renders it as Codex configuration:
//! the `config.toml` table, the terminal commands, the desktop app's form
//! values and a share link. The core has no browser dependency and is tested
//! natively; [`ui`] is the thin Leptos shell compiled to WebAssembly.

#![recursion_limit = "256"]

pub mod catalog;
pub mod clients;
pub mod connect;
pub mod discovery;
pub mod merge;
pub mod model;
pub mod presets;
pub mod render;
pub mod server_tools;
pub mod share;
pub mod validate;
pub mod verify_output;

// Natively, only the build's prerender uses the shell: its browser-only
// paths (the start-up, the takeover) are unused there.
#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub mod ui;
