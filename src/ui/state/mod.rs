//! The page's one state ([`FormState`]: the draft, its validation, what the
//! organisation trusts and the link under review), which every component of
//! the page and of what loads later reads, and what the form starts with
//! in this browser ([`Start`]).

mod form;
mod start;

pub use self::form::{FormState, Trust, WordsOf};
pub use self::start::{Start, StartNotice};
