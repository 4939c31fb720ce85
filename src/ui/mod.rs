//! The browser shell: Leptos components that hold the form's signals and
//! show what the core computes. No component formats TOML or quotes a shell
//! word itself.

mod app_form;
mod browser;
mod discovery;
pub mod extras;
mod fields;
mod http;
mod import;
mod lazy;
mod merge;
mod notices;
mod outputs;
mod setup;
mod tools;

use leptos::prelude::*;

use crate::catalog::CatalogTool;
use crate::model::Draft;
use crate::presets::Presets;
use crate::server_tools::{ServerTool, decode_compact};
use crate::share::{apply_share_query, draft_query};
use crate::validate::{Validation, validate_with_server, with_ascii_hosts};

use self::fields::{AdvancedFields, NameField, UrlField};
use self::notices::{Notices, StartNotice};
use self::outputs::Outputs;
use self::setup::SetupFields;
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
    /// The form's defaults (from the presets); share links leave these out.
    pub defaults: StoredValue<Draft>,
    /// The server's real tools, once imported (kept in this browser only).
    pub server_tools: RwSignal<Option<Vec<ServerTool>>>,
}

impl FormState {
    /// Builds the state around a starting draft.
    pub fn new(start: Draft, catalog: Vec<CatalogTool>, defaults: Draft) -> Self {
        let draft = RwSignal::new(start);
        let defaults = StoredValue::new(defaults);
        let catalog = StoredValue::new(catalog);
        let server_tools =
            RwSignal::new(browser::saved_server_tools().and_then(|saved| decode_compact(&saved)));
        let validation = Memo::new(move |_| {
            server_tools.with(|server| {
                catalog.with_value(|c| {
                    draft.with(|d| {
                        let ascii = with_ascii_hosts(d, &browser::domain_to_ascii);
                        validate_with_server(ascii.as_ref().unwrap_or(d), c, server.as_deref())
                    })
                })
            })
        });
        Self {
            draft,
            validation,
            catalog,
            defaults,
            server_tools,
        }
    }
}

/// Decides what the form starts with: an opened share link wins over the
/// draft saved in this browser (which is kept to restore), which wins over
/// the defaults.
fn starting_draft(defaults: &Draft) -> (Draft, StartNotice) {
    let defaults = defaults.clone();
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
            presets: None,
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
        presets: None,
    };
    (shared.draft, notice)
}

/// The whole page, set up by `presets`; `presets_problem` says why a presets
/// file was not used, if one was not.
#[component]
pub fn App(presets: Presets, presets_problem: Option<String>) -> impl IntoView {
    let (start, mut start_notice) = starting_draft(&presets.defaults);
    start_notice.presets = presets_problem;
    let state = FormState::new(start, presets.catalog, presets.defaults);
    // One loader of the second module for the whole page: the tabs that show
    // its panels and the tool import both use it.
    provide_context(lazy::Loader::new(state));
    Effect::new(move |_| browser::save_draft(&draft_query(&state.draft.read())));
    let title = format!("Connect Codex to your {} MCP server", presets.product);
    let cluster_hint = presets
        .cluster
        .map(|c| view! { <p class="cluster">"Set up for " <strong>{c}</strong> "."</p> });
    let links = (!presets.links.is_empty()).then(|| {
        let items = presets
            .links
            .into_iter()
            .map(|l| view! { <li><a href=l.url>{l.title}</a></li> })
            .collect_view();
        view! { <nav aria-label="Documentation"><ul class="doc-links">{items}</ul></nav> }
    });

    view! {
        <header class="page-head">
            <h1>{title}</h1>
            {cluster_hint}
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
                <SetupFields state=state />
                <AdvancedFields state=state />
            </form>
            <Outputs state=state />
        </main>
        <footer class="page-foot">
            {links}
            <p>
                "Needs the Codex CLI 0.169 or later for names with . / : @. "
                "Sign-in uses OAuth in your browser: the Terminal tab's commands sign in once, and "
                <code>"codex mcp login NAME"</code>" signs in again."
            </p>
        </footer>
    }
}

/// Loads the presets, then mounts the page on `<body>`.
pub fn mount() {
    console_error_panic_hook::set_once();
    let start = |(presets, problem): (Presets, Option<String>)| {
        leptos::mount::mount_to_body(
            move || view! { <App presets=presets presets_problem=problem /> },
        );
    };
    // Usually the loader has read the file by now: mount in this task.
    if let Some(ready) = http::presets_already_read() {
        return start(ready);
    }
    // Leptos' executor starts with the mount, so the presets load uses
    // wasm-bindgen's directly.
    wasm_bindgen_futures::spawn_local(async move { start(http::load_presets().await) });
}
