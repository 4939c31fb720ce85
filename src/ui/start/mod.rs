//! How the page starts: in the browser, the takeover of the prerendered
//! page ([`mount`]); at build time, the prerender that gives the first
//! paint.

#[cfg(target_arch = "wasm32")]
mod mount;
#[cfg(not(target_arch = "wasm32"))]
mod prerender;
#[cfg(target_arch = "wasm32")]
mod takeover;

#[cfg(target_arch = "wasm32")]
pub use self::mount::mount;
#[cfg(not(target_arch = "wasm32"))]
pub use self::prerender::{LINK_BANNER_MARK, client_words, prerender, prerender_link_banner};
