//! The page and its parts. [`App`] renders them all at once: the build's
//! prerender and a page without one. The takeover of a prerendered page
//! (see [`super::takeover`]) mounts the same parts one at a time, each in its
//! own task, into the wrappers [`App`] put around them.

use leptos::prelude::*;

use super::fields::{AdvancedFields, NameField, UrlField};
use super::notices::Notices;
use super::outputs::Outputs;
use super::setup::SetupFields;
use super::start::{Start, StartNotice};
use super::state::{FormState, Trust};
use super::tools::ToolPicker;
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
    /// The order a takeover goes in: what the eye lands on first.
    pub const TAKEOVER: [Part; 7] = [
        Part::Fields,
        Part::Outputs,
        Part::Tools,
        Part::Setup,
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
}

impl Page {
    /// Sets up the page's state in the current owner, with its context (the
    /// state, and the one loader of the second module) and the draft's
    /// saving.
    pub fn new(presets: Presets, start: Start) -> Self {
        let Start {
            draft,
            notice,
            server_tools,
            review,
        } = start;
        let trust = Trust {
            hosts: presets.trusted(&browser::domain_to_ascii),
            requirements: presets.requirements.clone(),
            review,
        };
        let state = FormState::new(
            draft,
            server_tools,
            presets.catalog,
            presets.defaults,
            trust,
        );
        provide_context(state);
        provide_context(lazy::Loader::new(state));
        Effect::new(move |_| browser::save_draft(&draft_query(&state.draft.read())));
        Self {
            state,
            product: presets.product,
            cluster: presets.cluster,
            links: presets.links,
            notice: StoredValue::new(notice),
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
        view! { <NameField state=state /> <UrlField state=state /> }
    }

    /// The tool picker.
    pub fn tools(&self) -> impl IntoView + use<> {
        view! { <ToolPicker state=self.state /> }
    }

    /// Where Codex runs, and the advanced settings.
    pub fn setup(&self) -> impl IntoView + use<> {
        let state = self.state;
        view! { <SetupFields state=state /> <AdvancedFields state=state /> }
    }

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
                    "Needs the Codex CLI 0.169 or later for names with . / : @. "
                    "Sign-in uses OAuth in your browser: the Terminal tab's commands sign in once, and "
                    <code>"codex mcp login NAME"</code>" signs in again."
                </p>
            </footer>
        }
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
