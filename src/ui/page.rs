//! The page and its parts. [`App`] renders them all at once: the build's
//! prerender and a page without one. The takeover of a prerendered page
//! (see [`super::takeover`]) mounts the same parts one at a time, each in its
//! own task, into the wrappers [`App`] put around them.

use leptos::prelude::*;

use super::fields::{CodexVersionField, NameField, UrlField};
use super::notices::Notices;
use super::outputs::Outputs;
use super::start::{Start, StartNotice};
use super::state::{FormState, Trust};
use super::{browser, lazy};
use crate::presets::{DocLink, Presets};
use crate::share::draft_query;

/// A part of the page with a life of its own: the wrapper `island-{id}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Head,
    Notices,
    Fields,
    Tools,
    Setup,
    Outputs,
    Foot,
}

impl Part {
    /// The order a takeover goes in: what the eye lands on first. The tool
    /// picker, where Codex runs and Advanced are the second module's (see
    /// `extras.rs`).
    pub const TAKEOVER: [Part; 5] = [
        Part::Fields,
        Part::Outputs,
        Part::Notices,
        Part::Head,
        Part::Foot,
    ];

    /// The id of the part's wrapper.
    pub fn id(self) -> &'static str {
        match self {
            Part::Head => "island-head",
            Part::Notices => "island-notices",
            Part::Fields => "island-fields",
            Part::Tools => "island-tools",
            Part::Setup => "island-setup",
            Part::Outputs => "island-outputs",
            Part::Foot => "island-foot",
        }
    }
}

/// What the parts are made from: the state, and the presets' words.
#[derive(Clone)]
pub struct Page {
    state: FormState,
    product: String,
    cluster: Option<String>,
    links: Vec<DocLink>,
    notice: StoredValue<StartNotice>,
    loader: lazy::Loader,
}

impl Page {
    /// Sets up the page's state in the current owner, with its context (the
    /// state, and the one loader of the second module) and the draft's
    /// saving.
    pub fn new(presets: Presets, start: Start) -> Self {
        // An operator's own catalog: the prerendered picker shows another.
        #[cfg(target_arch = "wasm32")]
        let own_catalog = presets.catalog != crate::catalog::kloudfuse_tools();
        let Start {
            draft,
            notice,
            server_tools,
            review,
        } = start;
        let trust = Trust {
            hosts: presets.trusted(&browser::domain_to_ascii),
            requirements: presets.requirements.clone(),
            review: review.map(|r| r.under(presets.requirements.clone())),
        };
        let state = FormState::new(
            draft,
            server_tools,
            presets.catalog,
            presets.defaults,
            trust,
        );
        provide_context(state);
        let organisation = crate::presets::encode_organisation(
            presets.requirements.as_ref(),
            presets.browser_client_id.as_deref(),
        );
        let loader = lazy::Loader::new(state, organisation);
        provide_context(loader);
        // The tool picker, where Codex runs and Advanced are the second
        // module's: load it at once when they must show more than the build
        // prerendered.
        #[cfg(target_arch = "wasm32")]
        {
            let picked = state.draft.with_untracked(|d| {
                state.defaults.with_value(|def| {
                    d.tools != def.tools
                        || d.tool_approvals != def.tool_approvals
                        || d.default_approval != def.default_approval
                })
            });
            let set_up = state.draft.with_untracked(super::setup::setup_differs);
            let prerendered = [Part::Tools, Part::Setup].into_iter().all(|part| {
                browser::element(part.id()).is_some_and(|island| island.child_element_count() > 0)
            });
            let imported = state.server_tools.with_untracked(Option::is_some);
            loader.load_when_needed(picked || set_up || imported || !prerendered || own_catalog);
        }
        Effect::new(move |_| browser::save_draft(&draft_query(&state.draft.read())));
        Self {
            state,
            product: presets.product,
            cluster: presets.cluster,
            links: presets.links,
            notice: StoredValue::new(notice),
            loader,
        }
    }

    /// Applies to the draft what the person chose in the prerendered tool
    /// picker, where Codex runs and Advanced before takeover (`changed`: control key and value, as the
    /// takeover reads them), so the outputs show it from the takeover's
    /// frame; the second module replays the same into the live picker.
    #[cfg(target_arch = "wasm32")]
    pub fn apply_prerendered_choices(&self, changed: &[(String, super::takeover::Value)]) {
        use super::takeover::Value;
        use crate::model::ApprovalMode;
        let state = self.state;
        let mut chose = false;
        for (key, value) in changed {
            let mut parts = key.split('|');
            let (testid, row) = (parts.next().unwrap_or(key), parts.next().unwrap_or(""));
            let picker = matches!(
                testid,
                "tool-only"
                    | "tool-block"
                    | "tools-all"
                    | "tools-only"
                    | "approval-default"
                    | "tool-approval"
                    | "tool-name-input"
            );
            if !picker {
                chose |= super::setup::apply_prerendered(state, testid, value);
                continue;
            }
            chose = true;
            state.draft.update(|d| match (testid, value) {
                ("tool-only", Value::Checked(on)) => toggle(&mut d.tools.enabled_tools, row, *on),
                ("tool-block", Value::Checked(on)) => toggle(&mut d.tools.disabled_tools, row, *on),
                ("tools-all", Value::Checked(true)) => d.tools.allow_only = false,
                ("tools-only", Value::Checked(true)) => d.tools.allow_only = true,
                ("approval-default", Value::Choice(mode)) => {
                    d.default_approval = ApprovalMode::parse(mode)
                }
                ("tool-approval", Value::Choice(mode)) => {
                    d.tool_approvals.retain(|(t, _)| t != row);
                    if let Some(mode) = ApprovalMode::parse(mode) {
                        d.tool_approvals.push((row.to_owned(), mode));
                    }
                }
                _ => {}
            });
        }
        // The person is choosing: the live parts are wanted now.
        if chose {
            self.loader.ensure();
        }
    }

    /// The title and what the page does.
    pub fn head(&self) -> impl IntoView + use<> {
        let title = format!("Connect Codex to your {} MCP server", self.product);
        let cluster = self
            .cluster
            .clone()
            .map(|c| view! { <p class="cluster">"Set up for " <strong>{c}</strong> "."</p> });
        view! {
            <header class="page-head">
                <h1>{title}</h1>
                {cluster}
                <p class="lede">
                    "Enter your cluster's address and choose the tools Codex may use. "
                    "The page writes the commands for the Codex CLI, the "
                    <code>"~/.codex/config.toml"</code>
                    " entry and the values for the Codex app, ready to copy. Nothing you type leaves this browser."
                </p>
                // On a narrow screen the commands sit below the whole form.
                <a class="jump" href="#outputs" data-testid="jump-to-outputs">"Skip to the commands ↓"</a>
            </header>
        }
    }

    /// Where the form's values came from.
    pub fn notices(&self) -> impl IntoView + use<> {
        view! { <Notices start=self.notice.get_value() state=self.state /> }
    }

    /// Name and URL.
    pub fn fields(&self) -> impl IntoView + use<> {
        let state = self.state;
        let loader = expect_context::<lazy::Loader>();
        // The tool picker below is the second module's: say so if it cannot load.
        let failed = move || match loader.status.get() {
            lazy::Extras::Failed(why) => Some(view! {
                <div class="msg error" data-testid="tools-load-error" role="alert"><p>{why}</p></div>
            }),
            _ => None,
        };
        view! { <NameField state=state /> <UrlField state=state /> <CodexVersionField state=state /> {failed} }
    }

    /// The tool picker, as the build prerenders it. In the browser the
    /// second module mounts it (extras.rs), so the first has none of its code.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn tools(&self) -> impl IntoView + use<> {
        view! { <super::tools::ToolPicker state=self.state /> }
    }

    /// The tool picker's place, which the second module fills.
    #[cfg(target_arch = "wasm32")]
    pub fn tools(&self) -> impl IntoView + use<> {}

    /// Where Codex runs, and the advanced settings, as the build
    /// prerenders them. In the browser the second module mounts them
    /// (extras.rs): a first paint shows them closed or at their defaults.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn setup(&self) -> impl IntoView + use<> {
        view! { <super::setup::SetupPart state=self.state /> }
    }

    /// Where Codex runs and Advanced: their place, which the second module fills.
    #[cfg(target_arch = "wasm32")]
    pub fn setup(&self) -> impl IntoView + use<> {}

    /// The outputs' tabs and the share link.
    pub fn outputs(&self) -> impl IntoView + use<> {
        view! { <Outputs state=self.state /> }
    }

    /// The operator's links and the requirements.
    pub fn foot(&self) -> impl IntoView + use<> {
        let links = (!self.links.is_empty()).then(|| {
            let items = self
                .links
                .iter()
                .cloned()
                .map(|l| view! { <li><a href=l.url>{l.title}</a></li> })
                .collect_view();
            view! { <nav aria-label="Documentation"><ul class="doc-links">{items}</ul></nav> }
        });
        view! {
            <footer class="page-foot">
                {links}
                <p>
                    {format!("Written for the Codex CLI {} to {}, as those releases answered; ", crate::codex::oldest(), crate::codex::newest())}
                    "set yours under the cluster URL. Sign-in uses OAuth in your browser: the Terminal tab's commands sign in once, and "
                    <code>"codex mcp login NAME"</code>" signs in again."
                </p>
            </footer>
        }
    }
}

/// Puts `name` in `list` or takes it out.
#[cfg(target_arch = "wasm32")]
fn toggle(list: &mut Vec<String>, name: &str, on: bool) {
    list.retain(|t| t != name);
    if on {
        list.push(name.to_owned());
    }
}

/// A part in its wrapper, the element a takeover mounts it in.
fn island(part: Part, content: impl IntoView) -> impl IntoView {
    view! { <div class="island" id=part.id()>{content}</div> }
}

/// The whole page, set up by `presets`, starting from `start`.
#[component]
pub fn App(presets: Presets, start: Start) -> impl IntoView {
    let page = Page::new(presets, start);
    view! {
        {island(Part::Head, page.head())}
        {island(Part::Notices, page.notices())}
        <main class="layout">
            // A takeover keeps this element and adds the same handler.
            <form class="form-pane" aria-label="Server settings" on:submit=|ev| ev.prevent_default()>
                {island(Part::Fields, page.fields())}
                {island(Part::Tools, page.tools())}
                {island(Part::Setup, page.setup())}
            </form>
            {island(Part::Outputs, page.outputs())}
        </main>
        {island(Part::Foot, page.foot())}
    }
}
