//! The browser shell: Leptos components that hold the form's signals and
//! show what the core computes. No component formats TOML or quotes a shell
//! word itself.

mod admin;
mod app_form;
mod browser;
mod connect;
mod copy;
mod discovery;
pub mod extras;
mod fields;
mod http;
mod import;
mod lazy;
mod merge;
#[cfg(target_arch = "wasm32")]
mod mount;
mod notices;
mod outputs;
mod page;
#[cfg(not(target_arch = "wasm32"))]
mod prerender;
mod review;
mod setup;
mod start;
mod state;
#[cfg(target_arch = "wasm32")]
mod takeover;
mod text;
mod tools;
mod verify;

pub use self::browser::{DRAFT_STORAGE_KEY, LIVE};
#[cfg(target_arch = "wasm32")]
pub use self::mount::mount;
pub use self::page::App;
#[cfg(not(target_arch = "wasm32"))]
pub use self::prerender::{LINK_BANNER_MARK, prerender, prerender_link_banner};
pub use self::start::{Start, StartNotice};
pub use self::state::{FormState, Trust};
