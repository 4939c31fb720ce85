//! Generators: every output the page shows, rendered from a validated
//! [`crate::model::ServerConfig`] only; one room per client (`codex/`),
//! and what every client's outputs share (`quote.rs`: the shells' quoting).

pub mod codex;
mod presets_tools;
mod quote;

pub use self::presets_tools::presets_tools_toml;
pub use self::quote::{posix_quote, powershell_quote};
