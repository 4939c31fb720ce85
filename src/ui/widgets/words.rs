//! The form in the chosen client's words: its room's [`Word`]s, marked
//! with `data-word` so that the page's early script (scripts/early.js) can
//! put a teammate's client's words in place before the first paint, and
//! the parts of the form a client has no use for ([`Section`]), marked
//! with `data-section` and hidden.

use leptos::prelude::*;

use super::text::with_code;
use crate::render::{Room, Section, Word, room};
use crate::ui::state::FormState;

/// The room of the client chosen now (tracked).
pub fn chosen(state: FormState) -> &'static dyn Room {
    room(state.client.get())
}

/// `word` in the chosen client's words (tracked).
pub fn word(state: FormState, word: Word) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    move || chosen(state).word(word)
}

/// Whether `section` is hidden for the chosen client (tracked).
pub fn hides(
    state: FormState,
    section: Section,
) -> impl Fn() -> bool + Copy + Send + Sync + 'static {
    move || !chosen(state).shows(section)
}

/// `word` in the chosen client's words, `code` in backquotes shown as code.
#[component]
pub fn Say(state: FormState, word: Word) -> impl IntoView {
    view! { <span data-word=word.key()>{move || with_code(&chosen(state).word(word))}</span> }
}
