//! The page's second module: the merge panel and the discovery check, which
//! most visits never open. The first module loads it on demand (see
//! `lazy.rs`), hands over the draft as [`Draft::encode`] text, and hands it
//! over again at every edit; the panels then derive everything from that
//! copy exactly as the first module does from its own.
//!
//! The panels never write the draft themselves: a suggestion they apply goes
//! through the form field it belongs to (see [`super::browser::set_field`]),
//! so the first module stays the draft's only owner.

use std::cell::Cell;

use leptos::prelude::*;
use web_sys::HtmlElement;

use super::FormState;
use super::discovery::DiscoveryPanel;
use super::merge::MergePanel;
use crate::model::Draft;

thread_local! {
    static DRAFT: Cell<Option<RwSignal<Draft>>> = const { Cell::new(None) };
}

/// Mounts the merge panel in `merge` and the discovery panel in `discovery`,
/// both following the draft `encoded`. Mounting again does nothing.
pub fn mount_extras(merge: HtmlElement, discovery: HtmlElement, encoded: &str) {
    if DRAFT.get().is_some() {
        return set_draft(encoded);
    }
    console_error_panic_hook::set_once();
    // The catalog only feeds a naming warning, never the entry, so the
    // panels' copy validates to the same entry without it.
    let owner = Owner::new();
    let state = owner.with(|| FormState::new(Draft::decode(encoded), Vec::new(), Draft::default()));
    DRAFT.set(Some(state.draft));
    leptos::mount::mount_to(merge, move || view! { <MergePanel state=state /> }).forget();
    leptos::mount::mount_to(discovery, move || view! { <DiscoveryPanel state=state /> }).forget();
    // The panels live as long as the page.
    std::mem::forget(owner);
}

/// Hands the panels the draft as it is now.
pub fn set_draft(encoded: &str) {
    if let Some(draft) = DRAFT.get() {
        let next = Draft::decode(encoded);
        if draft.with_untracked(|d| *d != next) {
            draft.set(next);
        }
    }
}
