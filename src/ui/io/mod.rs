//! The page's only browser I/O: location, history, storage and clipboard
//! ([`browser`]), and the network ([`http`]). Everything returns plain
//! values or errors as text.

pub mod browser;
pub mod http;

pub use self::browser::{DRAFT_STORAGE_KEY, LIVE};
