//! What loads later: the parts of the page a first paint does not need,
//! each behind a split point (the build cuts the program there into
//! modules, see `scripts/split.mjs`, and the browser fetches a module when
//! it is first asked for): the form's tool picker and setup part, the
//! config.toml, Verify and administrators' tabs' panels, the chosen
//! client's panel, a link's banner and review, and the reader of an
//! operator's own presets.
//!
//! This module is the boundary. The page asks the [`Loader`] for a
//! [`Part`](crate::ui::widgets::Part) that loads later (`loader.rs`); the
//! split points (`split.rs`) give the steps that mount it, each under the
//! page's own reactive owner and reading the
//! page's one [`FormState`](crate::ui::state::FormState), so nothing is
//! handed over and nothing is kept twice. A part that cannot load says why
//! where it would have shown, and the rest of the page goes on.
//!
//! Without the `split` feature (tests in a browser, which run one unsplit
//! program) every split point is a plain call.

// The tabs' panels are never prerendered: they exist in the browser only.
#[cfg(target_arch = "wasm32")]
mod admin;
#[cfg(target_arch = "wasm32")]
mod clients;
mod loader;
#[cfg(target_arch = "wasm32")]
mod merge;
mod notes;
#[cfg(target_arch = "wasm32")]
mod redirects;
mod setup;
#[cfg(target_arch = "wasm32")]
mod split;
mod tools;
#[cfg(target_arch = "wasm32")]
mod verify;

pub use self::loader::{Loader, Status};
#[cfg(not(target_arch = "wasm32"))]
pub use self::notes::{Notices, Review};
pub use self::setup::setup_differs;
#[cfg(not(target_arch = "wasm32"))]
pub use self::setup::{ClientChoice, SetupPart};
#[cfg(target_arch = "wasm32")]
pub use self::split::{client_words, read_presets};
#[cfg(not(target_arch = "wasm32"))]
pub use self::tools::ToolPicker;
