//! What loads later: the parts of the one program a first paint does not
//! need, each behind a split point (the build cuts the program there, see
//! `scripts/csp-hook.mjs`, and the browser fetches a part when it is first
//! asked for): the tool picker, "Where Codex runs" with Advanced, the
//! merge, the Verify tab, the administrators' tab, and the reader of an
//! operator's own presets.
//!
//! This module is the boundary. The page asks a [`Loader`] for a [`Piece`];
//! the piece mounts under the page's own reactive owner and reads the
//! page's one [`FormState`], so nothing is handed over and nothing is kept
//! twice. A piece that cannot load says why where it would have shown
//! (`Status::Failed`), and the rest of the page goes on.
//!
//! Without the `split` feature (tests in a browser, which run one unsplit
//! program) every split point is a plain call.

// The tabs' panels are never prerendered: they exist in the browser only.
#[cfg(target_arch = "wasm32")]
mod admin;
#[cfg(target_arch = "wasm32")]
mod merge;
mod setup;
mod tools;
#[cfg(target_arch = "wasm32")]
mod verify;

#[cfg(not(target_arch = "wasm32"))]
pub use self::setup::SetupPart;
pub use self::setup::setup_differs;
#[cfg(not(target_arch = "wasm32"))]
pub use self::tools::ToolPicker;

use leptos::prelude::*;

use crate::presets::Presets;
use crate::ui::state::FormState;

/// A split point's part of the program could not be fetched or started.
#[derive(Debug)]
pub struct Unloaded;

#[cfg(feature = "split")]
impl From<wasm_split_helpers::SplitLoaderError> for Unloaded {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        Unloaded
    }
}

/// A function whose code the build cuts into its own part of the program
/// (`$chunk`), fetched the first time it is called: an `async fn` that
/// answers [`Unloaded`] when that part cannot be fetched; `$preload` only
/// fetches it. Without the `split` feature, plain `async fn`s.
macro_rules! split_point {
    // `$preload` fetches and starts the part without calling anything in it.
    ($(#[$doc:meta])* $chunk:ident, $preload:ident: fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        $(#[$doc])*
        #[cfg(feature = "split")]
        #[wasm_split_helpers::wasm_split($chunk, fallible, preload(#[allow(dead_code)] $preload))]
        fn $name($($arg: $ty),*) -> Result<$ret, Unloaded> {
            Ok($body)
        }
        $(#[$doc])*
        #[cfg(not(feature = "split"))]
        async fn $name($($arg: $ty),*) -> Result<$ret, Unloaded> {
            Ok($body)
        }
        /// Fetches and starts the part of the program the function above is in.
        #[cfg(not(feature = "split"))]
        #[allow(dead_code)]
        async fn $preload() -> Result<(), Unloaded> {
            Ok(())
        }
    };
}

split_point! {
    /// Reads an operator's own `presets.toml`: the presets, or why the
    /// file cannot be used (naming its line).
    presets, preload_presets: fn read_presets_file(text: String) -> Result<Presets, String> {
        crate::presets::parse_presets(&text).map_err(|e| e.to_string())
    }
}

/// Reads an operator's own `presets.toml` with the TOML reader the first
/// part of the program goes without: the presets, or why they cannot be
/// used, in words for the page's notice.
pub async fn read_presets(text: String) -> Result<Presets, String> {
    read_presets_file(text).await.unwrap_or_else(|Unloaded| {
        Err("presets.toml could not be read: the page's reader for it did not load. Reload the page to try again.".to_owned())
    })
}

/// A part of the page that loads later.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece {
    /// The tool picker, with the tools import and signing in from the page.
    Tools,
    /// Where Codex runs, and Advanced.
    Setup,
    /// The merge into an existing config.toml (config.toml tab).
    Merge,
    /// The Verify tab: its commands and the discovery check.
    Verify,
    /// The administrators' tab.
    Admin,
}

impl Piece {
    fn index(self) -> usize {
        self as usize
    }

    /// The element a piece mounts in: a prerendered part's wrapper, or a
    /// tab's empty slot.
    pub fn element_id(self) -> &'static str {
        match self {
            Piece::Tools => crate::ui::widgets::Part::Tools.id(),
            Piece::Setup => crate::ui::widgets::Part::Setup.id(),
            Piece::Merge => "merge-slot",
            Piece::Verify => "discovery-slot",
            Piece::Admin => "admin-slot",
        }
    }

    /// What the piece is, for a message about it.
    fn describe(self) -> &'static str {
        match self {
            Piece::Tools => "the tool picker",
            Piece::Setup => "where Codex runs and Advanced",
            Piece::Merge => "the merge",
            Piece::Verify => "the checks",
            Piece::Admin => "the administrators' files",
        }
    }
}

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
    state: FormState,
    owner: StoredValue<Owner, LocalStorage>,
    status: [RwSignal<Status>; 5],
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

    /// Whether any piece failed to load, and why (tracked).
    pub fn failure(self, pieces: &[Piece]) -> Option<String> {
        pieces.iter().find_map(|p| match self.status(*p) {
            Status::Failed(why) => Some(why),
            _ => None,
        })
    }

    /// Loads the form's pieces (the picker, the setup part) at the person's
    /// first interaction with the page (a key, a touch, a click, a focus, a
    /// pointer over them), or at once those of `now`, whose prerendered
    /// look is not what the draft says.
    pub fn load_form_when_needed(self, now: &[Piece]) {
        for piece in now {
            self.load(*piece);
        }
        if now.len() == 2 {
            return;
        }
        let Some(document) = crate::ui::io::browser::window().and_then(|w| w.document()) else {
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
        for piece in [Piece::Tools, Piece::Setup] {
            if let Some(island) = document.get_element_by_id(piece.element_id()) {
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
        status.set(Status::Loading);
        let (state, owner) = (self.state, self.owner.get_value());
        leptos::task::spawn_local(async move {
            // Looked up once the page is in the document (a page mounted
            // whole asks for its pieces while it is being built).
            let Some(element) = crate::ui::io::browser::element(piece.element_id()) else {
                return status.set(Status::Idle);
            };
            let mounted = match piece {
                Piece::Tools => mount_tools(owner, state, element).await,
                Piece::Setup => mount_setup(owner, state, element).await,
                Piece::Merge => mount_merge(owner, state, element).await,
                Piece::Verify => mount_verify(owner, state, element).await,
                Piece::Admin => mount_admin(owner, state, element).await,
            };
            status.set(match mounted {
                Ok(()) => Status::Ready,
                Err(Unloaded) => {
                    if let Some(element) = crate::ui::io::browser::element(piece.element_id()) {
                        let _ = element.set_attribute("data-unloaded", "");
                    }
                    Status::Failed(format!(
                        "This part of the page ({}) could not be loaded. Check your connection and reload the page to try again.",
                        piece.describe()
                    ))
                }
            });
        });
    }

    /// Waits until the part of the program that holds each of `pieces` has
    /// been fetched and started (or could not be), without mounting them:
    /// then asking for them mounts them before the next frame.
    #[cfg(target_arch = "wasm32")]
    pub async fn fetched(self, pieces: &[Piece]) {
        for piece in pieces {
            let _ = match piece {
                Piece::Tools => preload_tools().await.map_err(Unloaded::from),
                Piece::Setup => preload_setup().await.map_err(Unloaded::from),
                _ => Ok(()),
            };
        }
    }
}

/// Mounts `view` in `element` under `owner`, replacing a prerendered part
/// (then marked live, which replays what the person did to it before).
#[cfg(target_arch = "wasm32")]
fn mount_in<V: IntoView + 'static>(
    owner: Owner,
    element: web_sys::HtmlElement,
    view: impl FnOnce() -> V + 'static,
) {
    owner.with(|| {
        crate::ui::widgets::take_over(&element, move |parent| {
            leptos::mount::mount_to(parent, view).forget();
        });
    });
}

#[cfg(target_arch = "wasm32")]
split_point! {
    /// Takes over the prerendered tool picker.
    tools, preload_tools: fn mount_tools(owner: Owner, state: FormState, element: web_sys::HtmlElement) -> () {
        mount_in(owner, element, move || view! { <tools::ToolPicker state=state /> })
    }
}

#[cfg(target_arch = "wasm32")]
split_point! {
    /// Takes over the prerendered "Where Codex runs" and Advanced.
    setup, preload_setup: fn mount_setup(owner: Owner, state: FormState, element: web_sys::HtmlElement) -> () {
        mount_in(owner, element, move || view! { <setup::SetupPart state=state /> })
    }
}

#[cfg(target_arch = "wasm32")]
split_point! {
    /// Mounts the merge panel in its slot on the config.toml tab.
    merge, preload_merge: fn mount_merge(owner: Owner, state: FormState, element: web_sys::HtmlElement) -> () {
        mount_in(owner, element, move || view! { <merge::MergePanel state=state /> })
    }
}

#[cfg(target_arch = "wasm32")]
split_point! {
    /// Mounts the Verify tab's commands and the discovery check in its slot.
    verify, preload_verify: fn mount_verify(owner: Owner, state: FormState, element: web_sys::HtmlElement) -> () {
        mount_in(owner, element, move || view! {
            <verify::VerifyPanel state=state /> <verify::DiscoveryPanel state=state />
        })
    }
}

#[cfg(target_arch = "wasm32")]
split_point! {
    /// Mounts the administrators' panel in its slot.
    admin, preload_admin: fn mount_admin(owner: Owner, state: FormState, element: web_sys::HtmlElement) -> () {
        mount_in(owner, element, move || view! { <admin::AdminPanel state=state /> })
    }
}
