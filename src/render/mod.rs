//! Generators: every output the page shows, rendered from a validated
//! [`crate::model::ServerConfig`] only; one room per client (`codex/`,
//! `claude_code.rs`, `gemini.rs`, `claude_desktop.rs`), and what their
//! outputs share (`quote.rs`: the shells' quoting; `json.rs`: the other
//! clients' files).

pub mod claude_code;
pub mod claude_desktop;
pub mod codex;
pub mod gemini;
pub mod json;
mod presets_tools;
mod quote;

pub use self::presets_tools::presets_tools_toml;
pub use self::quote::{posix_quote, powershell_quote};
