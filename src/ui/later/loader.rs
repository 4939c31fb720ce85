//! The page's loader of what loads later: it fetches a part's part of the
//! program when first asked, takes over the part's wrappers one per task
//! (all in one go when the person pressed something there before the page
//! was live, so that it goes live in one frame), and says where each part
//! stands.

use leptos::prelude::*;

use crate::ui::io::browser;
use crate::ui::state::FormState;
use crate::ui::widgets::Part;

/// Calls `load` on each of the events named for each target (for the rest
/// of the page's life: a load asked twice is asked once).
fn on_first(targets: &[(&web_sys::EventTarget, &[&str])], load: impl Fn() + 'static) {
    use wasm_bindgen::JsCast;
    let load = wasm_bindgen::closure::Closure::<dyn Fn()>::new(load);
    for (target, events) in targets {
        for event in *events {
            let _ = target.add_event_listener_with_callback(event, load.as_ref().unchecked_ref());
        }
    }
    load.forget();
}

/// Where one part stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// Not asked for yet.
    Idle,
    /// Being fetched and started.
    Loading,
    /// Mounted.
    Ready,
    /// Could not load; the message says why and what to do.
    Failed(String),
}

/// The page's loader of what loads later: one per page, in the context.
#[derive(Clone, Copy)]
pub struct Loader {
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    state: FormState,
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    owner: StoredValue<Owner, LocalStorage>,
    status: [RwSignal<Status>; Part::LATER.len()],
}

impl Loader {
    /// A loader for the page whose state is `state`; parts mount under the
    /// current owner (the page's).
    pub fn new(state: FormState) -> Self {
        let owner = Owner::current().unwrap_or_default();
        Self {
            state,
            owner: StoredValue::new_local(owner),
            status: std::array::from_fn(|_| RwSignal::new(Status::Idle)),
        }
    }

    /// Where `part` stands (tracked); a part that does not load later is
    /// always ready.
    pub fn status(self, part: Part) -> Status {
        part.later_index()
            .map_or(Status::Ready, |i| self.status[i].get())
    }

    /// Whether any of `parts` failed to load, and why (tracked).
    pub fn failure(self, parts: &[Part]) -> Option<String> {
        parts.iter().find_map(|p| match self.status(*p) {
            Status::Failed(why) => Some(why),
            _ => None,
        })
    }

    /// Loads the form's parts (the picker, the setup part) at the person's
    /// first interaction with the page (a key, a touch, a click, a focus, a
    /// pointer over them), or at once those of `now`.
    pub fn load_form_when_needed(self, now: &[Part]) {
        for part in now {
            self.load(*part);
        }
        if now.len() == 2 {
            return;
        }
        let Some(document) = browser::window().and_then(|w| w.document()) else {
            return;
        };
        let islands = [Part::Tools.id(), Part::Setup.id(), Part::Client.id()]
            .map(|id| document.get_element_by_id(id));
        let targets: Vec<(&web_sys::EventTarget, &[&str])> = std::iter::once((
            document.as_ref(),
            &["pointerdown", "keydown", "focusin", "touchstart"][..],
        ))
        .chain(
            islands
                .iter()
                .flatten()
                .map(|island| (island.as_ref(), &["pointerover"][..])),
        )
        .collect();
        on_first(&targets, move || {
            self.load(Part::Tools);
            self.load(Part::Setup);
        });
    }

    /// Loads `part` when the person first reaches for its wrapper: a
    /// pointer over it, a press, a touch, or the focus in it.
    pub fn load_when_reached(self, part: Part) {
        if let Some(wrapper) = browser::element(part.id()) {
            let events = ["pointerover", "pointerdown", "focusin", "touchstart"];
            on_first(&[(wrapper.as_ref(), &events[..])], move || self.load(part));
        }
    }

    /// Starts loading `part` unless it is loading or loaded already (a
    /// failed one is tried again).
    pub fn load(self, part: Part) {
        let Some(status) = part.later_index().map(|i| self.status[i]) else {
            return;
        };
        let asked = matches!(status.get_untracked(), Status::Loading | Status::Ready);
        // The build's prerender never loads anything.
        if !asked && cfg!(target_arch = "wasm32") {
            #[cfg(target_arch = "wasm32")]
            self.spawn(part, status);
        }
    }

    /// Fetches and mounts `part`, saying how it went in `status`.
    #[cfg(target_arch = "wasm32")]
    fn spawn(self, part: Part, status: RwSignal<Status>) {
        use super::split::*;
        status.set(Status::Loading);
        let (state, owner) = (self.state, self.owner.get_value());
        leptos::task::spawn_local(async move {
            // Looked up once the page is in the document (a page mounted
            // whole asks for its parts while it is being built).
            let Some(outer) = browser::element(part.id()) else {
                return status.set(Status::Idle);
            };
            let steps = match part {
                Part::Tools => tools_steps(state, outer.child_element_count() > 0).await,
                Part::Setup => setup_steps(state).await,
                Part::Merge => merge_steps(state).await,
                Part::Verify => verify_steps(state).await,
                Part::Admin => admin_steps(state).await,
                Part::Clients => clients_steps(state).await,
                Part::Notices => notes_steps(state).await,
                // Live from the start, or loaded with another part: the
                // loader never loads them.
                Part::Head
                | Part::Review
                | Part::Client
                | Part::Fields
                | Part::FieldsRelease
                | Part::Outputs
                | Part::OutputsHead
                | Part::OutputsTerminal
                | Part::OutputsConfig
                | Part::OutputsApp
                | Part::OutputsLater
                | Part::OutputsShare
                | Part::Foot => return status.set(Status::Ready),
            };
            let Ok(steps) = steps else {
                let _ = outer.set_attribute("data-unloaded", "");
                return status.set(Status::Failed(format!(
                    "This part of the page ({}) could not be loaded. Check your connection and reload the page to try again.",
                    part.describe()
                )));
            };
            // What the person pressed before goes live in one frame.
            let together =
                browser::element("page").is_some_and(|p| p.has_attribute("data-touched"));
            let last = steps.len();
            for (i, (id, mount)) in steps.into_iter().enumerate() {
                if let Some(element) = browser::element(id) {
                    owner.with(|| crate::ui::widgets::take_over(&element, mount));
                }
                if !together && i + 1 < last {
                    browser::next_task().await;
                }
            }
            let _ = outer.set_attribute("data-live", "");
            status.set(Status::Ready);
        });
    }

    /// Waits until the module of the program that holds each of `parts` has
    /// been fetched and started (or could not be), without mounting them:
    /// then asking for them mounts them before the next frame.
    #[cfg(target_arch = "wasm32")]
    pub async fn fetched(self, parts: &[Part]) {
        use super::split::*;
        // A module that cannot be fetched says so when its part is asked for.
        for part in parts {
            match part {
                Part::Tools | Part::Setup => {
                    let _ = preload_form().await;
                }
                Part::Merge | Part::Verify | Part::Admin => {
                    let _ = preload_tabs().await;
                }
                Part::Clients => {
                    let _ = preload_clients().await;
                }
                Part::Notices => {
                    let _ = preload_form_notes().await;
                }
                // Live from the start, or loaded with another part: nothing to fetch.
                Part::Head
                | Part::Review
                | Part::Client
                | Part::Fields
                | Part::FieldsRelease
                | Part::Outputs
                | Part::OutputsHead
                | Part::OutputsTerminal
                | Part::OutputsConfig
                | Part::OutputsApp
                | Part::OutputsLater
                | Part::OutputsShare
                | Part::Foot => {}
            }
        }
    }
}
