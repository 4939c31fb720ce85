//! The browser shell: Leptos components that hold the form's signals and
//! show what the core computes. No component formats TOML or quotes a shell
//! word itself.
//!
//! Its folders follow what runs when, on floors (a folder imports only from
//! the ones above it in this list):
//! - [`io`]: the browser's storage, clipboard, location and network;
//! - [`state`]: the page's one state and what the form starts with;
//! - [`widgets`]: what every panel shows its words in (the copy block, a
//!   field with its messages, the parts' wrappers);
//! - [`later`]: what loads when first needed, each behind one split point
//!   of the one program (the tool picker, the setup part, the merge, the
//!   Verify and administrators' tabs, an operator's presets);
//! - [`page`]: the page the first paint shows and the program takes over;
//! - [`start`]: the start in the browser (the takeover) and the build's
//!   prerender.

mod io;
pub mod later;
mod page;
mod start;
mod state;
mod widgets;

pub use self::io::{DRAFT_STORAGE_KEY, LIVE};
pub use self::page::App;
#[cfg(target_arch = "wasm32")]
pub use self::start::mount;
#[cfg(not(target_arch = "wasm32"))]
pub use self::start::{LINK_BANNER_MARK, client_words, prerender, prerender_link_banner};
pub use self::state::{FormState, Start, StartNotice, Trust};
