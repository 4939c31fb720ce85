//! The page's loader of what loads later: it fetches a piece's part of the
//! program when first asked, takes over the piece's wrappers one per task
//! (all in one go when the person pressed something there before the page
//! was live, so that it goes live in one frame), and says where each piece
//! stands.

use leptos::prelude::*;

use super::Piece;
use crate::ui::io::browser;
use crate::ui::state::FormState;

/// Where one piece stands.
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
    status: [RwSignal<Status>; 6],
}

impl Loader {
    /// A loader for the page whose state is `state`; pieces mount under the
    /// current owner (the page's).
    pub fn new(state: FormState) -> Self {
        let owner = Owner::current().unwrap_or_default();
        Self {
            state,
            owner: StoredValue::new_local(owner),
            status: std::array::from_fn(|_| RwSignal::new(Status::Idle)),
        }
    }

    /// Where `piece` stands (tracked).
    pub fn status(self, piece: Piece) -> Status {
        self.status[piece.index()].get()
    }

    /// Whether any of `pieces` failed to load, and why (tracked).
    pub fn failure(self, pieces: &[Piece]) -> Option<String> {
        pieces.iter().find_map(|p| match self.status(*p) {
            Status::Failed(why) => Some(why),
            _ => None,
        })
    }

    /// Loads the form's pieces (the picker, the setup part) at the person's
    /// first interaction with the page (a key, a touch, a click, a focus, a
    /// pointer over them), or at once those of `now`.
    pub fn load_form_when_needed(self, now: &[Piece]) {
        for piece in now {
            self.load(*piece);
        }
        if now.len() == 2 {
            return;
        }
        let Some(document) = browser::window().and_then(|w| w.document()) else {
            return;
        };
        use wasm_bindgen::JsCast;
        let load = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
            self.load(Piece::Tools);
            self.load(Piece::Setup);
        });
        for event in ["pointerdown", "keydown", "focusin", "touchstart"] {
            let _ = document.add_event_listener_with_callback(event, load.as_ref().unchecked_ref());
        }
        let islands = [
            Piece::Tools.element_id(),
            Piece::Setup.element_id(),
            crate::ui::widgets::Part::Client.id(),
        ];
        for id in islands {
            if let Some(island) = document.get_element_by_id(id) {
                let _ = island
                    .add_event_listener_with_callback("pointerover", load.as_ref().unchecked_ref());
            }
        }
        load.forget();
    }

    /// Starts loading `piece` unless it is loading or loaded already (a
    /// failed one is tried again).
    pub fn load(self, piece: Piece) {
        let status = self.status[piece.index()];
        let asked = matches!(status.get_untracked(), Status::Loading | Status::Ready);
        // The build's prerender never loads anything.
        if !asked && cfg!(target_arch = "wasm32") {
            #[cfg(target_arch = "wasm32")]
            self.spawn(piece, status);
        }
    }

    /// Fetches and mounts `piece`, saying how it went in `status`.
    #[cfg(target_arch = "wasm32")]
    fn spawn(self, piece: Piece, status: RwSignal<Status>) {
        use super::split::*;
        status.set(Status::Loading);
        let (state, owner) = (self.state, self.owner.get_value());
        leptos::task::spawn_local(async move {
            // Looked up once the page is in the document (a page mounted
            // whole asks for its pieces while it is being built).
            let Some(outer) = browser::element(piece.element_id()) else {
                return status.set(Status::Idle);
            };
            let steps = match piece {
                Piece::Tools => tools_steps(state, outer.child_element_count() > 0).await,
                Piece::Setup => setup_steps(state).await,
                Piece::Merge => merge_steps(state).await,
                Piece::Verify => verify_steps(state).await,
                Piece::Admin => admin_steps(state).await,
                Piece::Clients => clients_steps(state).await,
            };
            let Ok(steps) = steps else {
                let _ = outer.set_attribute("data-unloaded", "");
                return status.set(Status::Failed(format!(
                    "This part of the page ({}) could not be loaded. Check your connection and reload the page to try again.",
                    piece.describe()
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

    /// Waits until the part of the program that holds each of `pieces` has
    /// been fetched and started (or could not be), without mounting them:
    /// then asking for them mounts them before the next frame.
    #[cfg(target_arch = "wasm32")]
    pub async fn fetched(self, pieces: &[Piece]) {
        use super::split::*;
        // A part that cannot be fetched says so when its piece is asked for.
        for piece in pieces {
            match piece {
                Piece::Tools | Piece::Setup => {
                    let _ = preload_form().await;
                }
                Piece::Merge | Piece::Verify | Piece::Admin => {
                    let _ = preload_tabs().await;
                }
                Piece::Clients => {
                    let _ = preload_clients().await;
                }
            }
        }
    }
}
