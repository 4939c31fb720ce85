//! The split points: the functions whose code the build cuts into modules
//! of the program of their own, each fetched the first time one of its
//! functions is called. A module holds the page's parts that load
//! together: `form` (the tool picker, the setup part, and a link's banner
//! and review with the redirect note), `tabs` (the
//! merge, Verify and administrators' panels), `clients` (the chosen
//! client's panel) and `presets` (the reader of an operator's own file);
//! code two modules share travels in a small module of its own, fetched
//! with either.
//!
//! Each part's split point answers the steps that mount it: the wrapper a
//! step replaces (a prerendered part, or a tab's empty slot) and what it
//! mounts there. The loader takes them over one per task.

use leptos::prelude::*;

use crate::presets::Presets;
use crate::ui::state::FormState;

/// A split point's module of the program could not be fetched or started.
#[derive(Debug)]
pub struct Unloaded;

#[cfg(feature = "split")]
impl From<wasm_split_helpers::SplitLoaderError> for Unloaded {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        Unloaded
    }
}

/// One step of a part's mount: the id of the element it mounts in, and
/// what it mounts there (called under the page's owner).
pub type Step = (&'static str, Box<dyn FnOnce(web_sys::HtmlElement)>);

/// A function whose code the build cuts into the part `$part`, fetched the
/// first time it is called: an `async fn` that answers [`Unloaded`] when
/// that part cannot be fetched; `$preload` only fetches it. Without the
/// `split` feature, plain `async fn`s.
macro_rules! split_point {
    ($(#[$doc:meta])* $part:ident, $preload:ident: fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        $(#[$doc])*
        #[cfg(feature = "split")]
        #[wasm_split_helpers::wasm_split($part, fallible, preload(#[allow(dead_code)] $preload))]
        pub fn $name($($arg: $ty),*) -> Result<$ret, Unloaded> {
            Ok($body)
        }
        $(#[$doc])*
        #[cfg(not(feature = "split"))]
        pub async fn $name($($arg: $ty),*) -> Result<$ret, Unloaded> {
            Ok($body)
        }
        /// Fetches and starts the module of the program the function above is in.
        #[cfg(not(feature = "split"))]
        #[allow(dead_code)]
        pub async fn $preload() -> Result<(), Unloaded> {
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
/// module of the program goes without: the presets, or why they cannot be
/// used, in words for the page's notice.
pub async fn read_presets(text: String) -> Result<Presets, String> {
    read_presets_file(text).await.unwrap_or_else(|Unloaded| {
        Err("presets.toml could not be read: the page's reader for it did not load. Reload the page to try again.".to_owned())
    })
}

/// A step that mounts `view` in the element `id`.
fn step<V: IntoView + 'static>(id: &'static str, view: impl FnOnce() -> V + 'static) -> Step {
    (
        id,
        Box::new(move |parent| leptos::mount::mount_to(parent, view).forget()),
    )
}

split_point! {
    /// The tool picker: its prerendered parts one by one, or the whole
    /// picker in its empty wrapper when nothing was prerendered.
    form, preload_form: fn tools_steps(state: FormState, prerendered: bool) -> Vec<Step> {
        use super::tools::*;
        if prerendered {
            // The rows first: a link's tools change them.
            let extra = RwSignal::new(Vec::<String>::new());
            vec![
                step(TABLE_PART, move || view! { <ToolTable state=state extra=extra /> }),
                step(APPROVAL_PART, move || view! { <ToolApproval state=state /> }),
                step(ADDITIONS_PART, move || view! { <ToolAdditions state=state extra=extra /> }),
                step(SOURCE_PART, move || view! { <SourceHeader state=state /> }),
                step(IMPORT_PART, move || view! { <SourceImport state=state /> }),
            ]
        } else {
            vec![step(crate::ui::widgets::Part::Tools.id(), move || view! { <ToolPicker state=state /> })]
        }
    }
}

split_point! {
    /// Every client's words: the lookup the page keeps once it has it.
    form, preload_form_words: fn words_lookup() -> crate::ui::state::WordsOf {
        crate::render::words
    }
}

/// Every client's words, fetched with the form's module (or `None` when it
/// could not load: the page keeps the default client's words).
pub async fn client_words() -> Option<crate::ui::state::WordsOf> {
    words_lookup().await.ok()
}

split_point! {
    /// The choice of client, where it runs and Advanced.
    form, preload_form_setup: fn setup_steps(state: FormState) -> Vec<Step> {
        use super::setup::{ClientChoice, SetupPart};
        vec![
            step(crate::ui::widgets::Part::Client.id(), move || view! { <ClientChoice state=state /> }),
            step(crate::ui::widgets::Part::Setup.id(), move || view! { <SetupPart state=state /> }),
        ]
    }
}

split_point! {
    /// The merge panel, in its slot on the config.toml tab.
    tabs, preload_tabs: fn merge_steps(state: FormState) -> Vec<Step> {
        vec![step(crate::ui::widgets::Part::Merge.id(), move || view! { <super::merge::MergePanel state=state /> })]
    }
}

split_point! {
    /// The Verify tab's commands and the discovery check, in its slot.
    tabs, preload_tabs_verify: fn verify_steps(state: FormState) -> Vec<Step> {
        use super::verify::{DiscoveryPanel, VerifyPanel};
        vec![step(crate::ui::widgets::Part::Verify.id(), move || view! {
            <VerifyPanel state=state /> <DiscoveryPanel state=state />
        })]
    }
}

split_point! {
    /// The administrators' panel, in its slot.
    tabs, preload_tabs_admin: fn admin_steps(state: FormState) -> Vec<Step> {
        vec![step(crate::ui::widgets::Part::Admin.id(), move || view! { <super::admin::AdminPanel state=state /> })]
    }
}

split_point! {
    /// The outputs of the client chosen, when it is not Codex, in their slot.
    clients, preload_clients: fn clients_steps(state: FormState) -> Vec<Step> {
        vec![step(crate::ui::widgets::Part::Clients.id(), move || view! { <super::clients::ClientOutputs state=state /> })]
    }
}

split_point! {
    /// A link's banner, in its wrapper at the page's top, and its review
    /// and the redirect note, in theirs above the outputs. With the form's
    /// module: a module of their own cut the code they share with it into
    /// five more small files, which a link that needs the form's part then
    /// fetched too (bench.sh's link-tools row went from 0.7 to 1.9 s
    /// interactive), and what asks for one (a link that sets more than the
    /// name and URL, the person's first reach) asks for the other.
    form, preload_form_notes: fn notes_steps(state: FormState) -> Vec<Step> {
        use super::notes::{Notices, Review};
        use crate::ui::widgets::Part;
        vec![
            step(Part::Notices.id(), move || {
                let start = expect_context::<StoredValue<crate::ui::state::StartNotice>>().get_value();
                view! { <Notices start=start state=state /> }
            }),
            step(Part::Review.id(), move || view! { <Review state=state /> }),
        ]
    }
}
