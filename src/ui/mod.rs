//! The browser shell: Leptos components that hold the form's signals and
//! show what the core computes. No component formats TOML or quotes a shell
//! word itself.

mod browser;
mod discovery;
mod fields;
mod http;
mod notices;
mod outputs;
mod tools;

use leptos::prelude::*;

use crate::catalog::{CatalogTool, kloudfuse_tools};
use crate::model::Draft;
use crate::share::{apply_share_query, draft_query};
use crate::validate::{Validation, validate};

use self::fields::{AdvancedFields, NameField, UrlField};
use self::notices::{Notices, StartNotice};
use self::outputs::Outputs;
use self::tools::ToolPicker;

/// The page's state: the draft as typed, and everything derived from it.
#[derive(Clone, Copy)]
pub struct FormState {
    /// What the person typed.
    pub draft: RwSignal<Draft>,
    /// The draft, validated; every output derives from this.
    pub validation: Memo<Validation>,
    /// The tools offered in the picker.
    pub catalog: StoredValue<Vec<CatalogTool>>,
}

impl FormState {
    /// Builds the state around a starting draft.
    pub fn new(start: Draft, catalog: Vec<CatalogTool>) -> Self {
        let draft = RwSignal::new(start);
        let catalog = StoredValue::new(catalog);
        let validation = Memo::new(move |_| catalog.with_value(|c| draft.with(|d| validate(d, c))));
        Self {
            draft,
            validation,
            catalog,
        }
    }
}

/// Decides what the form starts with: an opened share link wins over the
/// draft saved in this browser (which is kept to restore), which wins over
/// the defaults.
fn starting_draft() -> (Draft, StartNotice) {
    let defaults = Draft::default();
    let query = browser::page_query();
    let saved = browser::saved_draft();
    let from_saved = || {
        saved
            .as_deref()
            .map(|s| apply_share_query(&defaults, s).draft)
            .unwrap_or_else(|| defaults.clone())
    };
    if query.trim_start_matches('?').is_empty() {
        return (from_saved(), StartNotice::default());
    }
    let shared = apply_share_query(&defaults, &query);
    browser::forget_page_query();
    if !shared.prefilled {
        let notice = StartNotice {
            from_link: false,
            notices: shared.notices,
        };
        return (from_saved(), notice);
    }
    if let Some(saved) = saved
        .as_deref()
        .filter(|s| *s != draft_query(&shared.draft))
    {
        browser::save_previous_draft(saved);
    }
    let notice = StartNotice {
        from_link: true,
        notices: shared.notices,
    };
    (shared.draft, notice)
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let (start, start_notice) = starting_draft();
    let state = FormState::new(start, kloudfuse_tools());
    Effect::new(move |_| browser::save_draft(&draft_query(&state.draft.read())));

    view! {
        <header class="page-head">
            <h1>"Connect Codex to your Kloudfuse MCP server"</h1>
            <p class="lede">
                "Enter your cluster's address and choose the tools Codex may use. "
                "The page writes the commands for the Codex CLI, the "
                <code>"~/.codex/config.toml"</code>
                " entry and the values for the Codex app, ready to copy. Nothing you type leaves this browser."
            </p>
        </header>
        <Notices start=start_notice state=state />
        <main class="layout">
            <form class="form-pane" aria-label="Server settings" on:submit=|ev| ev.prevent_default()>
                <NameField state=state />
                <UrlField state=state />
                <ToolPicker state=state />
                <AdvancedFields state=state />
            </form>
            <Outputs state=state />
        </main>
        <footer class="page-foot">
            <p>
                "Needs the Codex CLI 0.169 or later for names with . / : @. "
                "Sign-in uses OAuth: after "<code>"codex mcp add"</code>", run "
                <code>"codex mcp login"</code>" and finish in the browser."
            </p>
        </footer>
    }
}

/// Mounts the page on `<body>`.
pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
