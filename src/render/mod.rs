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
pub use self::room::{Block, Layout, Merged, Output, Room, Section, Tone, Word, Words};

use crate::clients::Client;
use crate::model::ServerConfig;

/// The registry at this floor: each client's room, in the module of the
/// client's own name, and the one place that finds it.
macro_rules! rooms {
    (
        $(#[$first_doc:meta])* $first:ident => $first_module:ident,
        $($(#[$doc:meta])* $client:ident => $module:ident,)*
    ) => {
        rooms! { @each $first => $first_module, $($client => $module,)* }

        /// The words of the registry's first client, the page's default:
        /// the only client's words the first visit's program carries
        /// (every other client's come with [`words`], in a module of the
        /// program that loads later).
        pub fn default_words() -> &'static dyn Words {
            &$first_module::$first
        }
    };
    (@each $($client:ident => $module:ident,)*) => {
        $(pub mod $module;)*

        /// The room of `client`: everything the page knows and writes for it.
        pub fn room(client: Client) -> &'static dyn Room {
            match client {
                $(Client::$client => &$module::$client,)*
            }
        }

        /// Every output the person copies for `config` in `client`'s
        /// room (`known`: the tools the page knows the server has): what
        /// the tests enumerate. Each room's module answers with its own
        /// `outputs`; the page itself shows outputs through the panel or
        /// the tabs, so none of this is in its program.
        pub fn outputs(client: Client, config: &ServerConfig, known: &[String]) -> Vec<Output> {
            match client {
                $(Client::$client => $module::outputs(config, known),)*
            }
        }

        /// What the form says and shows for `client` (its room's face for
        /// the form, without its outputs). The page reaches it through the
        /// `form` module of the program, which loads later.
        pub fn words(client: Client) -> &'static dyn Words {
            match client {
                $(Client::$client => &$module::$client,)*
            }
        }
    };
}
crate::clients::registry!(rooms);
