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

use super::discovery::DiscoveryPanel;
use super::merge::MergePanel;
use super::state::FormState;
use crate::model::Draft;
use crate::model::{Tool, decode_compact, encode_compact};
use crate::server_tools::parse_tools_import;

thread_local! {
    static DRAFT: Cell<Option<RwSignal<Draft>>> = const { Cell::new(None) };
    static TOOLS: Cell<Option<RwSignal<Option<Vec<Tool>>>>> = const { Cell::new(None) };
    static HELD: Cell<Option<RwSignal<bool>>> = const { Cell::new(None) };
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
    let state = owner.with(|| {
        FormState::new(
            Draft::decode(encoded),
            super::start::saved_server_tools(),
            Vec::new(),
            Draft::default(),
            super::state::Trust::default(),
        )
    });
    HELD.set(Some(state.held_elsewhere));
    DRAFT.set(Some(state.draft));
    TOOLS.set(Some(state.server_tools));
    // Mounted under the owner, the panels find the state in its context.
    owner.with(|| {
        provide_context(state);
        leptos::mount::mount_to(merge, move || view! { <MergePanel state=state /> }).forget();
        leptos::mount::mount_to(discovery, move || view! { <DiscoveryPanel state=state /> })
            .forget();
    });
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

/// Hands the panels the imported tool list (compact form), or `None` when
/// there is none, so they validate the draft as the first module does.
pub fn set_server_tools(compact: Option<&str>) {
    if let Some(tools) = TOOLS.get() {
        let next = compact.and_then(decode_compact);
        if tools.with_untracked(|t| *t != next) {
            tools.set(next);
        }
    }
}

/// Holds the panels' copies back (or lets them go) as the first module
/// says: it owns the share link's review.
pub fn set_held(held: bool) {
    if let Some(signal) = HELD.get()
        && signal.get_untracked() != held
    {
        signal.set(held);
    }
}

/// Reads a pasted tool list (this module has the JSON reader): `ok`, a
/// newline and the compact list, or `error`, a newline and what to fix.
pub fn import_tools(text: &str) -> String {
    match parse_tools_import(text) {
        Ok(tools) => format!("ok\n{}", encode_compact(&tools)),
        Err(problem) => format!("error\n{problem}"),
    }
}

/// Reads an operator's `presets.toml` for the first module, which has no
/// TOML reader: `ok` and [`Presets::encode`]'s lines, or `error` and why the
/// file cannot be used (naming its line).
pub fn read_presets(text: &str) -> String {
    match crate::presets::parse_presets(text) {
        Ok(presets) => format!("ok\n{}", presets.encode()),
        Err(problem) => format!("error\n{problem}"),
    }
}
