//! The page the first paint shows and the program takes over at start,
//! and its parts. [`App`] renders them all at once: the build's prerender
//! and a page without one. The takeover of a prerendered page (see
//! `ui::start`) mounts the same parts one at a time, each in its own task,
//! into the wrappers [`App`] put around them; the parts that load later
//! (`ui::later`) take over their own wrappers.

mod fields;
mod outputs;

use leptos::prelude::*;

use self::fields::{CodexVersionField, NameField, UrlField};
use self::outputs::{Outputs, Tabs};
use crate::presets::{DocLink, Presets};
use crate::render::{Layout, Section, Word};
use crate::share::draft_query;
use crate::ui::io::browser;
use crate::ui::later::Loader;
#[cfg(not(target_arch = "wasm32"))]
pub use crate::ui::later::Notices as LinkBanner;
use crate::ui::state::{FormState, Start, StartNotice, Trust};
use crate::ui::widgets::{Part, Say, hides, island};

/// The page's `data-layout` for a client's [`Layout`] (style.css shows
/// the tabs or the panel by it).
pub fn layout_key(layout: Layout) -> &'static str {
    match layout {
        Layout::Tabs => "tabs",
        Layout::Panel => "panel",
    }
}

/// What the parts are made from: the state, and the presets' words.
#[derive(Clone)]
pub struct Page {
    state: FormState,
    product: String,
    cluster: Option<String>,
    links: Vec<DocLink>,
    /// How the page opened (the build's prerender of the banner; in the
    /// browser the banner reads it from the context).
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    notice: StoredValue<StartNotice>,
    /// Whether the notes (`ui::later`'s banner, review and redirect note)
    /// go live with the page rather than when reached for.
    notes_now: bool,
    loader: Loader,
    tabs: Tabs,
}

impl Page {
    /// Sets up the page's state in the current owner, with its context (the
    /// state, and the one loader of the parts that load later) and the draft's
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
            browser_client_id: presets.browser_client_id.clone(),
            client_metadata_url: presets.client_metadata_url.clone(),
            allowed_redirect_uris: presets.allowed_redirect_uris.clone(),
            clients: presets.clients.clone(),
        };
        let state = FormState::new(
            draft,
            server_tools,
            presets.catalog,
            presets.defaults,
            trust,
        );
        provide_context(state);
        let loader = Loader::new(state);
        provide_context(loader);
        let notice = StoredValue::new(notice);
        // The banner loads later (`ui::later`), and reads how the page opened here.
        provide_context(notice);
        // A link's banner, its review, the redirect note: at once what must
        // show from the start, else when the person reaches for the banner
        // the early script painted (or chooses a client the cluster refuses).
        #[cfg(target_arch = "wasm32")]
        let notes_now = Self::notes_needed_at_once(state, notice);
        #[cfg(not(target_arch = "wasm32"))]
        let notes_now = false;
        #[cfg(target_arch = "wasm32")]
        if notes_now {
            loader.load(Part::Notices);
        } else {
            loader.load_when_reached(Part::Notices);
        }
        // The tool picker, where Codex runs and Advanced load later: at
        // once those that must show more than the build prerendered.
        #[cfg(target_arch = "wasm32")]
        loader.load_form_when_needed(&Self::needed_at_once(state, own_catalog));
        Effect::new(move |_| browser::save_draft(&draft_query(&state.draft.read())));
        // The chosen client on the page, and how its outputs are laid out
        // (style.css shows the tabs or the client's panel), its panel
        // loaded when it has one; the window's title names it too.
        Effect::new(move |_| {
            let client = state.client.get();
            // Another client's words come with a module that loads later;
            // once here they stay.
            #[cfg(target_arch = "wasm32")]
            if client != crate::render::default_words().client()
                && !crate::ui::widgets::have_words()
            {
                leptos::task::spawn_local(async move {
                    if let Some(words_of) = crate::ui::later::client_words().await {
                        crate::ui::widgets::words_arrived(state, words_of);
                    }
                });
            }
            let layout = crate::ui::widgets::chosen(state).layout();
            if let Some(page) = browser::element("page") {
                let _ = page.set_attribute("data-client", client.id());
                let _ = page.set_attribute("data-layout", layout_key(layout));
            }
            browser::set_title(&format!("Connect {} to your MCP server", client.name()));
            if layout == Layout::Panel || client != crate::render::default_words().client() {
                loader.load(Part::Clients);
            }
            if refused(state, client) {
                loader.load(Part::Notices);
            }
        });
        // An imported tool list is kept with the draft in this browser.
        Effect::new(move |previous: Option<()>| {
            let compact = state
                .server_tools
                .with(|t| t.as_deref().map(crate::model::encode_compact));
            if previous.is_some() {
                browser::save_server_tools(compact.as_deref());
            }
        });
        Self {
            state,
            product: presets.product,
            cluster: presets.cluster,
            links: presets.links,
            notice,
            notes_now,
            loader,
            tabs: Tabs::new(),
        }
    }

    /// The page's loader of what loads later.
    pub fn loader(&self) -> Loader {
        self.loader
    }

    /// The page's state.
    pub fn state(&self) -> FormState {
        self.state
    }

    /// Whether the notes must go live with the page (the takeover waits for
    /// them).
    pub fn notes_now(&self) -> bool {
        self.notes_now
    }

    /// Whether the notes must show from the start: something pressed on the
    /// banner the early script painted, or a banner it did not paint (none
    /// at all, or fewer items than the link's problems), an operator's
    /// presets that could not be used, a draft a link replaced, a link's
    /// settings to review, or a cluster that refuses the client's sign-in.
    #[cfg(target_arch = "wasm32")]
    fn notes_needed_at_once(state: FormState, notice: StoredValue<StartNotice>) -> bool {
        let painted = browser::element(Part::Notices.id())
            .filter(|island| island.child_element_count() > 0)
            .map(|island| {
                island
                    .query_selector_all("li")
                    .map_or(0, |items| items.length() as usize)
            });
        let banner = notice.with_value(|n| {
            let shows = n.from_link || !n.notices.is_empty();
            let unpainted = painted.is_none_or(|items| n.notices.len() > items);
            n.presets.is_some() || n.can_restore || (shows && unpainted)
        });
        banner
            || Part::Notices.pressed()
            || state.risks.with_untracked(|r| !r.is_empty())
            || refused(state, state.client.get_untracked())
    }

    /// The parts of the form that must be live from the start: those the
    /// person already pressed (the early script marks their wrapper
    /// `data-pressed`), and those the draft sets otherwise than the build
    /// prerendered them (a link's or a saved draft's tools or settings, an
    /// import, an operator's catalog).
    #[cfg(target_arch = "wasm32")]
    fn needed_at_once(state: FormState, own_catalog: bool) -> Vec<Part> {
        let island = |part: Part| browser::element(part.id());
        let prerendered = |part: Part| island(part).is_some_and(|i| i.child_element_count() > 0);
        let pressed = |part: Part| part.pressed();
        let picked = state.draft.with_untracked(|d| {
            state.defaults.with_value(|def| {
                d.tools != def.tools
                    || d.tool_approvals != def.tool_approvals
                    || d.default_approval != def.default_approval
            })
        });
        let imported = state.server_tools.with_untracked(Option::is_some);
        let set_up = state.draft.with_untracked(crate::ui::later::setup_differs);
        let mut now = Vec::new();
        if picked || imported || own_catalog || !prerendered(Part::Tools) || pressed(Part::Tools) {
            now.push(Part::Tools);
        }
        if set_up || !prerendered(Part::Setup) || pressed(Part::Setup) {
            now.push(Part::Setup);
        }
        now
    }

    /// The title and what the page does, in the chosen client's words.
    pub fn head(&self) -> impl IntoView + use<> {
        let state = self.state;
        let rest = format!(" to your {} MCP server", self.product);
        let cluster = self
            .cluster
            .clone()
            .map(|c| view! { <p class="cluster">"Set up for " <strong>{c}</strong> "."</p> });
        view! {
            <header class="page-head">
                <h1>"Connect " <Say state=state word=Word::Name /> {rest}</h1>
                {cluster}
                <p class="lede"><Say state=state word=Word::Lede /></p>
                // On a narrow screen the commands sit below the whole form.
                <a class="jump" href="#outputs" data-testid="jump-to-outputs">"Skip to the commands ↓"</a>
            </header>
        }
    }

    /// Where the form's values came from, as the build prerenders it (the
    /// plain page: nothing; a link's banner is a template of its own). In
    /// the browser it loads later and takes over its wrapper.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn notices(&self) -> impl IntoView + use<> {
        view! { <crate::ui::later::Notices start=self.notice.get_value() state=self.state /> }
    }

    /// The banner's place, which it fills once loaded.
    #[cfg(target_arch = "wasm32")]
    pub fn notices(&self) -> impl IntoView + use<> {}

    /// Name and URL.
    pub fn fields(&self) -> impl IntoView + use<> {
        let state = self.state;
        view! { <NameField state=state /> <UrlField state=state /> }
    }

    /// The version field, and why a part of the form could not load.
    pub fn fields_release(&self) -> impl IntoView + use<> {
        let state = self.state;
        let loader = self.loader;
        // The tool picker and the setup below load later: say so if they cannot.
        let failed = move || {
            loader.failure(&[Part::Tools, Part::Setup, Part::Clients, Part::Notices]).map(|why| view! {
                <div class="msg error" data-testid="tools-load-error" role="alert"><p>{why}</p></div>
            })
        };
        view! {
            <div data-section=Section::Release.key() hidden=hides(state, Section::Release)>
                <CodexVersionField state=state />
            </div>
            {failed}
        }
    }

    /// The tool picker, as the build prerenders it. In the browser it
    /// loads later and takes over its wrapper, so the program's first part
    /// has none of its code.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn tools(&self) -> impl IntoView + use<> {
        view! { <crate::ui::later::ToolPicker state=self.state /> }
    }

    /// The tool picker's place, which it fills once loaded.
    #[cfg(target_arch = "wasm32")]
    pub fn tools(&self) -> impl IntoView + use<> {}

    /// The choice of client, as the build prerenders it; in the browser it
    /// loads later with the setup part, like the picker.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn client(&self) -> impl IntoView + use<> {
        view! { <crate::ui::later::ClientChoice state=self.state /> }
    }

    /// The choice of client: its place, which it fills once loaded.
    #[cfg(target_arch = "wasm32")]
    pub fn client(&self) -> impl IntoView + use<> {}

    /// Where Codex runs, and the advanced settings, as the build
    /// prerenders them (closed, at their defaults). In the browser they
    /// load later, like the picker.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn setup(&self) -> impl IntoView + use<> {
        view! { <crate::ui::later::SetupPart state=self.state /> }
    }

    /// Where Codex runs and Advanced: their place, which they fill once loaded.
    #[cfg(target_arch = "wasm32")]
    pub fn setup(&self) -> impl IntoView + use<> {}

    /// The outputs' tabs and the share link, each in its part.
    pub fn outputs(&self) -> impl IntoView + use<> {
        view! { <Outputs state=self.state tabs=self.tabs /> }
    }

    /// The title and the tabs.
    #[cfg(target_arch = "wasm32")]
    pub fn outputs_head(&self) -> impl IntoView + use<> {
        view! { <outputs::OutputsHead tabs=self.tabs /> }
    }

    /// The Terminal tab.
    #[cfg(target_arch = "wasm32")]
    pub fn outputs_terminal(&self) -> impl IntoView + use<> {
        view! { <outputs::TerminalPanel state=self.state tabs=self.tabs /> }
    }

    /// The config.toml tab.
    #[cfg(target_arch = "wasm32")]
    pub fn outputs_config(&self) -> impl IntoView + use<> {
        view! { <outputs::ConfigPanel state=self.state tabs=self.tabs /> }
    }

    /// The client app's tab.
    #[cfg(target_arch = "wasm32")]
    pub fn outputs_app(&self) -> impl IntoView + use<> {
        view! { <outputs::AppPanel state=self.state tabs=self.tabs /> }
    }

    /// The Verify and administrators' tabs.
    #[cfg(target_arch = "wasm32")]
    pub fn outputs_later(&self) -> impl IntoView + use<> {
        view! { <outputs::LaterPanels tabs=self.tabs /> }
    }

    /// The share link.
    #[cfg(target_arch = "wasm32")]
    pub fn outputs_share(&self) -> impl IntoView + use<> {
        view! { <outputs::SharePanel state=self.state /> }
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
        let state = self.state;
        view! {
            <footer class="page-foot">
                {links}
                <p><Say state=state word=Word::Footer /></p>
            </footer>
        }
    }
}

/// Whether the cluster's redirect allowlist refuses `client`'s sign-in
/// (the note says so).
fn refused(state: FormState, client: crate::clients::Client) -> bool {
    state
        .allowed_redirect_uris
        .with_value(|allow| !crate::discovery::allowlist::refused(client, allow).is_empty())
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
                {island(Part::Client, page.client())}
                {island(Part::Fields, page.fields())}
                {island(Part::FieldsRelease, page.fields_release())}
                {island(Part::Tools, page.tools())}
                {island(Part::Setup, page.setup())}
            </form>
            {island(Part::Outputs, page.outputs())}
        </main>
        {island(Part::Foot, page.foot())}
    }
}
