//! The form in the chosen client's words: its room's [`Word`]s, marked
//! with `data-word` so that the page's early script (scripts/early.js) can
//! put a teammate's client's words in place before the first paint, and
//! the parts of the form a client has no use for ([`Section`]), marked
//! with `data-section` and hidden.

use std::sync::OnceLock;

use leptos::prelude::*;

use super::text::with_code;
use crate::render::{Section, Word, Words, default_words};
use crate::ui::state::{FormState, WordsOf};

/// Every client's words, once the module of the program that carries them
/// has loaded: a fact of the program, set once for the tab's life.
static WORDS_OF: OnceLock<WordsOf> = OnceLock::new();

/// Whether every client's words are here.
#[cfg(target_arch = "wasm32")]
pub fn have_words() -> bool {
    WORDS_OF.get().is_some()
}

/// Keeps every client's words, now that they are here, and says so to
/// whatever shows them.
#[cfg(target_arch = "wasm32")]
pub fn words_arrived(state: FormState, words_of: WordsOf) {
    if WORDS_OF.set(words_of).is_ok() {
        state.words_arrived.notify();
    }
}

/// What the form says and shows for the client chosen now (tracked): the
/// default client's words, which the first visit carries, or another
/// client's once the module that has them has loaded (until then, the
/// default's: the takeover waits for it when a link names another client).
pub fn chosen(state: FormState) -> &'static dyn Words {
    let client = state.client.get();
    // The build's prerender is the whole program: every client's words.
    if cfg!(not(target_arch = "wasm32")) {
        return crate::render::words(client);
    }
    let default = default_words();
    if client == default.client() {
        return default;
    }
    state.words_arrived.track();
    WORDS_OF.get().map_or(default, |words_of| words_of(client))
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
