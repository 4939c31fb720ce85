//! Loading the page's second module (the tool picker, where Codex runs and
//! Advanced, the merge panel, the
//! Verify and administrators' panels, see `extras.rs`) at the person's
//! first interaction with the page, or when a tab that shows it first
//! opens, so a first visit downloads only what the first paint and the
//! outputs need.
//!
//! The build's post-build hook names the module in
//! `<meta name="codex-extras" content="…/extras-HASH.js">`; its wasm sits
//! beside it as `extras-HASH_bg.wasm`.

use js_sys::{Function, Object, Promise, Reflect};
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::state::FormState;
use crate::model::{decode_compact, encode_compact};
use crate::presets::Presets;

#[wasm_bindgen(inline_js = "export function import_module(url) { return import(url); }")]
extern "C" {
    /// The browser's dynamic `import()`.
    fn import_module(url: &str) -> Promise;
}

/// Where the second module stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Extras {
    /// Not asked for yet.
    Idle,
    /// Downloading and starting.
    Loading,
    /// Mounted in its slots.
    Ready,
    /// Could not load; the message says why and what to do.
    Failed(String),
}

/// Element id of the slot the merge panel mounts in (config.toml tab).
pub const MERGE_SLOT: &str = "merge-slot";
/// Element id of the slot the discovery check mounts in (Verify tab).
pub const DISCOVERY_SLOT: &str = "discovery-slot";
/// Element id of the slot the administrators' panel mounts in (its tab).
pub const ADMIN_SLOT: &str = "admin-slot";

/// The second module's exports the first module calls.
struct Exports {
    set_draft: Function,
    set_server_tools: Function,
    set_held: Function,
}

/// The second module's loader for one page: its status, and once loaded,
/// the hand-over of every edit. One per page, shared through the context.
#[derive(Clone, Copy)]
pub struct Loader {
    /// Where the module stands.
    pub status: RwSignal<Extras>,
    exports: StoredValue<Option<Exports>, LocalStorage>,
    state: FormState,
    /// What the module needs of the organisation (presets'
    /// `encode_organisation` lines).
    organisation: StoredValue<String>,
}

impl Loader {
    /// A loader that has loaded nothing yet. Call it in a component, so the
    /// hand-over effect lives as long as the page.
    pub fn new(state: FormState, organisation: String) -> Self {
        let status = RwSignal::new(Extras::Idle);
        let exports = StoredValue::new_local(None::<Exports>);
        // Every edit reaches the panels' copy of the draft once they exist,
        // and so does the imported tool list (the validation depends on it).
        Effect::new(move |_| {
            if status.with(|s| *s != Extras::Ready) {
                return;
            }
            let encoded = state.draft.with(|d| d.encode());
            exports.with_value(|e| {
                if let Some(e) = e {
                    let _ = e.set_draft.call1(&JsValue::NULL, &encoded.into());
                }
            });
        });
        Effect::new(move |_| {
            if status.with(|s| *s != Extras::Ready) {
                return;
            }
            let tools = state
                .server_tools
                .with(|t| t.as_deref().map(encode_compact));
            exports.with_value(|e| {
                if let Some(e) = e {
                    let tools = tools.map_or(JsValue::NULL, JsValue::from);
                    let _ = e.set_server_tools.call1(&JsValue::NULL, &tools);
                }
            });
        });
        // The panels hold their copies back while a link waits for answers.
        // The tool picker and the import (second module) hand their edits over.
        super::browser::listen(super::extras::DRAFT_EVENT, move |encoded| {
            let next = crate::model::Draft::decode(&encoded);
            if state.draft.with_untracked(|d| *d != next) {
                state.draft.set(next);
            }
        });
        super::browser::listen(super::extras::TOOLS_EVENT, move |compact| {
            let next = decode_compact(&compact);
            if state.server_tools.with_untracked(|t| *t != next) {
                state.server_tools.set(next);
            }
        });
        Effect::new(move |_| {
            if status.with(|s| *s != Extras::Ready) {
                return;
            }
            let held = state.copy_held();
            exports.with_value(|e| {
                if let Some(e) = e {
                    let _ = e.set_held.call1(&JsValue::NULL, &held.into());
                }
            });
        });
        Self {
            status,
            exports,
            state,
            organisation: StoredValue::new(organisation),
        }
    }

    /// Loads the module at the person's first interaction with the page
    /// (a key, a touch, a click, a focus, a pointer over the tool picker),
    /// or at once when `now` (its parts must show more than they were
    /// prerendered with: a link's or a saved draft's tools or settings, an
    /// import).
    pub fn load_when_needed(self, now: bool) {
        if now {
            return self.ensure();
        }
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let load = Closure::<dyn Fn()>::new(move || self.ensure());
        for event in ["pointerdown", "keydown", "focusin", "touchstart"] {
            let _ = document.add_event_listener_with_callback(event, load.as_ref().unchecked_ref());
        }
        for part in [super::page::Part::Tools, super::page::Part::Setup] {
            if let Some(island) = document.get_element_by_id(part.id()) {
                let _ = island
                    .add_event_listener_with_callback("pointerover", load.as_ref().unchecked_ref());
            }
        }
        load.forget();
    }

    /// Starts loading the module unless it is loading or loaded already.
    pub fn ensure(self) {
        if !matches!(
            self.status.get_untracked(),
            Extras::Idle | Extras::Failed(_)
        ) {
            return;
        }
        self.status.set(Extras::Loading);
        leptos::task::spawn_local(async move {
            match load(self.state, self.organisation.get_value()).await {
                Ok(exports) => {
                    self.exports.set_value(Some(exports));
                    self.status.set(Extras::Ready);
                }
                Err(why) => self.status.set(Extras::Failed(format!(
                    "The page's second part (the tool picker, Advanced, the merge and the checks) could not be loaded ({why}). Check your connection and reload the page to try again."
                ))),
            }
        });
    }
}

/// The second module, imported and started.
struct Module {
    value: JsValue,
    url: String,
}

impl Module {
    /// Imports and starts the module (again: the browser and wasm-bindgen
    /// hand back the one already running).
    async fn start() -> Result<Self, String> {
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or("no document")?;
        let url = document
            .query_selector("meta[name=\"codex-extras\"]")
            .ok()
            .flatten()
            .and_then(|m| m.get_attribute("content"))
            .ok_or("this build does not name the module")?;
        let wasm_url = url
            .strip_suffix(".js")
            .map(|stem| format!("{stem}_bg.wasm"))
            .ok_or("the module's address does not end in .js")?;
        let value = JsFuture::from(import_module(&url))
            .await
            .map_err(|_| format!("{url} did not load"))?;
        let module = Self { value, url };
        let options = Object::new();
        let _ = Reflect::set(&options, &"module_or_path".into(), &wasm_url.clone().into());
        let started = module
            .export("default")?
            .call1(&JsValue::NULL, &options)
            .map_err(|_| format!("{wasm_url} did not start"))?;
        JsFuture::from(Promise::resolve(&started))
            .await
            .map_err(|_| format!("{wasm_url} did not start"))?;
        Ok(module)
    }

    fn export(&self, name: &str) -> Result<Function, String> {
        Reflect::get(&self.value, &name.into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
            .ok_or_else(|| format!("{} has no {name}", self.url))
    }
}

/// Reads an operator's presets file with the second module's TOML reader
/// (the first module has none): the presets, or why the file cannot be
/// used; the outer `Err` says why the module itself did not load.
pub async fn read_presets(text: &str) -> Result<Result<Presets, String>, String> {
    let module = Module::start().await?;
    let answer = module
        .export("read_presets")?
        .call1(&JsValue::NULL, &text.into())
        .ok()
        .and_then(|a| a.as_string())
        .ok_or("it could not read the file")?;
    Ok(match answer.split_once('\n') {
        Some(("ok", encoded)) => {
            Presets::decode(encoded).ok_or_else(|| "The presets could not be read back.".to_owned())
        }
        Some((_, message)) => Err(message.to_owned()),
        None => Err(answer),
    })
}

/// Imports and starts the module, mounts its panels, and returns the
/// functions the first module calls.
async fn load(state: FormState, organisation: String) -> Result<Exports, String> {
    let module = Module::start().await?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let slot = |id: &str| -> Result<JsValue, String> {
        document
            .get_element_by_id(id)
            .map(JsValue::from)
            .ok_or_else(|| format!("the page has no #{id}"))
    };
    let encoded = state.draft.with_untracked(|d| d.encode());
    let exports = Exports {
        set_draft: module.export("set_draft")?,
        set_server_tools: module.export("set_server_tools")?,
        set_held: module.export("set_held")?,
    };
    let slots = js_sys::Array::of3(
        &slot(MERGE_SLOT)?,
        &slot(DISCOVERY_SLOT)?,
        &slot(ADMIN_SLOT)?,
    );
    let defaults = state.defaults.with_value(|d| d.encode());
    let catalog = state.catalog.with_value(|c| encode_compact(c));
    let args = js_sys::Array::of5(
        &slots,
        &encoded.into(),
        &defaults.into(),
        &organisation.into(),
        &catalog.into(),
    );
    module
        .export("mount_extras")?
        .apply(&JsValue::NULL, &args)
        .map_err(|_| "its panels did not mount".to_owned())?;
    // Setup first: a test (or a person) that waits for the live picker
    // then finds the form's setup part live too.
    module
        .export("take_over_setup")?
        .call1(&JsValue::NULL, &slot(super::page::Part::Setup.id())?)
        .map_err(|_| "where Codex runs and Advanced did not mount".to_owned())?;
    module
        .export("take_over_tools")?
        .call1(&JsValue::NULL, &slot(super::page::Part::Tools.id())?)
        .map_err(|_| "the tool picker did not mount".to_owned())?;
    // Before the panels' first paint, not at the next effect.
    let held = untrack(|| state.copy_held());
    let _ = exports.set_held.call1(&JsValue::NULL, &held.into());
    Ok(exports)
}
