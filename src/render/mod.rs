//! Generators: every output the page shows, rendered from a validated
//! [`crate::model::ServerConfig`] only, one room per client ([`Room`]:
//! `codex/`, `claude_code.rs`, `gemini.rs`, `claude_desktop.rs`, as the
//! registry in `crate::clients` lists them), and what their outputs share
//! (`quote.rs`: the shells' quoting; `json.rs`: the clients' JSON files).

pub mod json;
mod presets_tools;
mod quote;
pub mod room;

pub use self::presets_tools::presets_tools_toml;
pub use self::quote::{posix_quote, powershell_quote};
pub use self::room::{Block, Layout, Merged, Output, Room, Section, Tone, Word};

use crate::clients::Client;

/// The registry at this floor: each client's room, in the module of the
/// client's own name, and the one place that finds it.
macro_rules! rooms {
    ($($(#[$doc:meta])* $client:ident => $module:ident,)*) => {
        $(pub mod $module;)*

        /// The room of `client`: everything the page knows and writes for it.
        pub fn room(client: Client) -> &'static dyn Room {
            match client {
                $(Client::$client => &$module::$client,)*
            }
        }
    };
}
crate::clients::registry!(rooms);
