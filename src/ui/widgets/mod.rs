//! What the panels show their words in, shared so that panels import these
//! and never each other: the copy block, a text field with its messages,
//! text with code in it, the chosen client's words, and the wrappers of
//! the page's parts.

mod copy;
mod field;
mod island;
mod text;
mod words;

pub use self::copy::CopyBlock;
pub use self::field::{FieldMessages, TextField, VersionNotes};
#[cfg(target_arch = "wasm32")]
pub use self::island::take_over;
pub use self::island::{Part, island};
#[cfg(target_arch = "wasm32")]
pub use self::text::rich;
pub use self::text::with_code;
pub use self::words::{Say, chosen, hides, word};
#[cfg(target_arch = "wasm32")]
pub use self::words::{have_words, words_arrived};
