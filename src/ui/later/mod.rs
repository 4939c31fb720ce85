//! What loads later: the parts of the one program a first paint does not
//! need, each behind a split point (the build cuts the program there, see
//! `scripts/split.mjs`, and the browser fetches a part when it is first
//! asked for): the form's tool picker and setup part, the config.toml,
//! Verify and administrators' tabs' panels, the outputs of the clients
//! beside Codex, and the reader of an operator's own presets.
//!
//! This module is the boundary. The page asks the [`Loader`] for a
//! [`Piece`] (`loader.rs`); the split points (`split.rs`) give the steps
//! that mount it, each under the page's own reactive owner and reading the
//! page's one [`FormState`](crate::ui::state::FormState), so nothing is
//! handed over and nothing is kept twice. A piece that cannot load says why
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
mod setup;
#[cfg(target_arch = "wasm32")]
mod split;
mod tools;
#[cfg(target_arch = "wasm32")]
mod verify;

pub use self::loader::{Loader, Status};
pub use self::setup::setup_differs;
#[cfg(not(target_arch = "wasm32"))]
pub use self::setup::{ClientChoice, SetupPart};
#[cfg(target_arch = "wasm32")]
pub use self::split::read_presets;
#[cfg(not(target_arch = "wasm32"))]
pub use self::tools::ToolPicker;

/// A part of the page that loads later.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece {
    /// The tool picker, with the tools import and signing in from the page.
    Tools,
    /// Where Codex runs, and Advanced.
    Setup,
    /// The merge into an existing config.toml (config.toml tab).
    Merge,
    /// The Verify tab: its commands and the discovery check.
    Verify,
    /// The administrators' tab.
    Admin,
    /// The outputs of a client other than Codex.
    Clients,
}

impl Piece {
    fn index(self) -> usize {
        self as usize
    }

    /// The element a piece mounts in: a prerendered part's wrapper, or a
    /// tab's empty slot.
    pub fn element_id(self) -> &'static str {
        match self {
            Piece::Tools => crate::ui::widgets::Part::Tools.id(),
            Piece::Setup => crate::ui::widgets::Part::Setup.id(),
            Piece::Merge => "merge-slot",
            Piece::Verify => "discovery-slot",
            Piece::Admin => "admin-slot",
            Piece::Clients => "clients-slot",
        }
    }

    /// Whether the person pressed something in the piece's wrappers before
    /// the page was live (the early script marks them `data-pressed`).
    #[cfg(target_arch = "wasm32")]
    pub fn pressed(self) -> bool {
        crate::ui::io::browser::pressed(self.element_id())
            || (self == Piece::Setup
                && crate::ui::io::browser::pressed(crate::ui::widgets::Part::Client.id()))
    }

    /// What the piece is, for a message about it.
    fn describe(self) -> &'static str {
        match self {
            Piece::Tools => "the tool picker",
            Piece::Setup => "where Codex runs and Advanced",
            Piece::Merge => "the merge",
            Piece::Verify => "the checks",
            Piece::Admin => "the administrators' files",
            Piece::Clients => "this client's commands and files",
        }
    }
}
