//! The page's second module: the tool picker with the tools import, where
//! Codex runs and Advanced, the merge panel, the Verify tab's commands and discovery check, and the
//! administrators' panel — everything a first paint does not need. The
//! first module loads it at the person's first interaction with the page,
//! or when a tab that shows it opens (see `lazy.rs`), hands over the draft
//! as [`Draft::encode`] text, and hands it over again at every edit; the
//! panels derive everything from that copy exactly as the first module does
//! from its own.
//!
//! The first module stays the draft's owner. The tool picker lives here,
//! so its edits, and an imported tool list, go back to the first module as
//! `codex-draft` and `codex-tools` events on the document; the first module
//! applies them and hands the result back, which this copy then already
//! holds. A suggestion another panel applies goes through the form field it
//! belongs to (see [`super::browser::set_field`]).

use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use web_sys::HtmlElement;

use super::admin::AdminPanel;
use super::browser;
use super::discovery::DiscoveryPanel;
use super::merge::MergePanel;
use super::state::FormState;
use super::verify::VerifyPanel;
use crate::model::{Draft, Tool, decode_compact, encode_compact};

/// The event that hands an edit of the draft to the first module.
pub const DRAFT_EVENT: &str = "codex-draft";
/// The event that hands an imported list (compact form, or empty for none)
/// to the first module.
pub const TOOLS_EVENT: &str = "codex-tools";

thread_local! {
    static DRAFT: Cell<Option<RwSignal<Draft>>> = const { Cell::new(None) };
    static TOOLS: Cell<Option<RwSignal<Option<Vec<Tool>>>>> = const { Cell::new(None) };
    static HELD: Cell<Option<RwSignal<bool>>> = const { Cell::new(None) };
    static STATE: Cell<Option<FormState>> = const { Cell::new(None) };
    /// What the first module last handed over (draft, tools), so that only
    /// this module's own edits go back.
    static HANDED: RefCell<(String, Option<String>)> = const { RefCell::new((String::new(), None)) };
    /// The operator's client for the page's own sign-in (presets).
    static BROWSER_CLIENT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The operator's `browser_client_id`, if the presets set one.
pub fn browser_client_id() -> Option<String> {
    BROWSER_CLIENT.with_borrow(Clone::clone)
}

/// The elements the second module's panels mount in.
pub struct Slots {
    /// The config.toml tab: the merge.
    pub merge: HtmlElement,
    /// The Verify tab: the verify commands and the discovery check.
    pub verify: HtmlElement,
    /// The administrators' tab.
    pub admin: HtmlElement,
}

/// What the first module hands over at mount.
pub struct HandOver<'a> {
    /// The draft, [`Draft::encode`]d.
    pub draft: &'a str,
    /// The form's defaults (the presets'), encoded the same way.
    pub defaults: &'a str,
    /// The organisation's Codex requirements and client for browsers (the
    /// presets' `encode_organisation` lines, or empty).
    pub organisation: &'a str,
    /// The tools the picker offers (the presets' catalog), compact.
    pub catalog: &'a str,
}

/// Mounts the panels in their `slots`, following the draft handed over.
/// Mounting again only hands the draft over.
pub fn mount_extras(slots: Slots, given: HandOver<'_>) {
    if DRAFT.get().is_some() {
        return set_draft(given.draft);
    }
    console_error_panic_hook::set_once();
    // The hand-back effects are created before the first mount starts the executor.
    #[cfg(target_arch = "wasm32")]
    let _ = any_spawner::Executor::init_wasm_bindgen();
    HANDED.with_borrow_mut(|h| h.0 = given.draft.to_owned());
    let (requirements, client) = crate::presets::decode_organisation(given.organisation);
    BROWSER_CLIENT.with_borrow_mut(|c| *c = client);
    let owner = Owner::new();
    let state = owner.with(|| {
        FormState::new(
            Draft::decode(given.draft),
            super::start::saved_server_tools(),
            decode_compact(given.catalog).unwrap_or_default(),
            Draft::decode(given.defaults),
            super::state::Trust {
                requirements,
                ..super::state::Trust::default()
            },
        )
    });
    HANDED.with_borrow_mut(|h| {
        h.1 = state
            .server_tools
            .with_untracked(|t| t.as_deref().map(encode_compact));
    });
    HELD.set(Some(state.held_elsewhere));
    DRAFT.set(Some(state.draft));
    TOOLS.set(Some(state.server_tools));
    STATE.set(Some(state));
    owner.with(|| {
        provide_context(state);
        hand_back(state);
        let Slots {
            merge,
            verify,
            admin,
        } = slots;
        leptos::mount::mount_to(merge, move || view! { <MergePanel state=state /> }).forget();
        leptos::mount::mount_to(
            verify,
            move || view! { <VerifyPanel state=state /> <DiscoveryPanel state=state /> },
        )
        .forget();
        leptos::mount::mount_to(admin, move || view! { <AdminPanel state=state /> }).forget();
    });
    // The panels live as long as the page.
    std::mem::forget(owner);
}

/// Sends this module's own edits of the draft and of the imported tools to
/// the first module.
fn hand_back(state: FormState) {
    Effect::new(move |_| {
        let encoded = state.draft.with(Draft::encode);
        let own = HANDED.with_borrow(|h| h.0 != encoded);
        if own {
            HANDED.with_borrow_mut(|h| h.0.clone_from(&encoded));
            browser::announce(DRAFT_EVENT, &encoded);
        }
    });
    Effect::new(move |_| {
        let compact = state
            .server_tools
            .with(|t| t.as_deref().map(encode_compact));
        let own = HANDED.with_borrow(|h| h.1 != compact);
        if own {
            HANDED.with_borrow_mut(|h| h.1.clone_from(&compact));
            browser::save_server_tools(compact.as_deref());
            browser::announce(TOOLS_EVENT, compact.as_deref().unwrap_or(""));
        }
    });
}

/// Takes over the prerendered tool picker in `island` (its wrapper) with the
/// live one: what the person changed in it before is replayed, as the first
/// module's takeover does for its parts. Does nothing before the panels
/// are mounted, or twice.
#[cfg(target_arch = "wasm32")]
pub fn take_over_tools(island: HtmlElement) {
    take_over(
        island,
        |state| view! { <super::tools::ToolPicker state=state /> },
    );
}

/// Takes over the prerendered "Where Codex runs" and Advanced in `island`,
/// as [`take_over_tools`] does the picker.
#[cfg(target_arch = "wasm32")]
pub fn take_over_setup(island: HtmlElement) {
    take_over(
        island,
        |state| view! { <super::setup::SetupPart state=state /> },
    );
}

#[cfg(target_arch = "wasm32")]
fn take_over<V: IntoView + 'static>(
    island: HtmlElement,
    part: impl FnOnce(FormState) -> V + 'static,
) {
    let Some(state) = STATE.get() else {
        return;
    };
    if island.has_attribute("data-live") {
        return;
    }
    let owner = Owner::new();
    owner.with(|| {
        provide_context(state);
        super::takeover::take_over_in(&island, |wrapper| {
            leptos::mount::mount_to(wrapper, move || part(state)).forget();
        });
    });
    let _ = island.set_attribute("data-live", "");
    std::mem::forget(owner);
}

/// Hands the panels the draft as it is now.
pub fn set_draft(encoded: &str) {
    if let Some(draft) = DRAFT.get() {
        HANDED.with_borrow_mut(|h| h.0 = encoded.to_owned());
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
        HANDED.with_borrow_mut(|h| h.1 = compact.map(str::to_owned));
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

/// Reads an operator's `presets.toml` for the first module, which has no
/// TOML reader: `ok` and [`Presets::encode`]'s lines, or `error` and why the
/// file cannot be used (naming its line).
///
/// [`Presets::encode`]: crate::presets::Presets::encode
pub fn read_presets(text: &str) -> String {
    match crate::presets::parse_presets(text) {
        Ok(presets) => format!("ok\n{}", presets.encode()),
        Err(problem) => format!("error\n{problem}"),
    }
}
