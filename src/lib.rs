//! The Codex MCP connector configurator.
//!
//! A pure core (everything but [`ui`]) turns what a person typed into a
//! validated [`model::ServerConfig`] and renders it as Codex configuration:
//! the `config.toml` table, the terminal commands, the desktop app's form
//! values and a share link. The core has no browser dependency and is tested
//! natively; [`ui`] is the thin Leptos shell compiled to WebAssembly.

pub mod catalog;
pub mod discovery;
pub mod merge;
pub mod model;
pub mod presets;
pub mod render;
pub mod server_tools;
pub mod share;
pub mod validate;

#[cfg(target_arch = "wasm32")]
pub mod ui;
