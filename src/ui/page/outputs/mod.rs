//! The outputs: tabs of copyable blocks, and the share link. Every block is
//! derived from the validated model; none keeps state of its own. Each
//! tab's panel is a part of its own (the takeover mounts one per task);
//! the config.toml, Verify and administrators' tabs show panels that load
//! when the tab first opens.

mod app_form;
mod terminal;

use leptos::prelude::*;

use self::app_form::AppForm;
pub use self::terminal::TerminalPanel;
use self::terminal::config_path;
use crate::model::ServerConfig;
use crate::render;
use crate::share::share_link;
use crate::ui::io::browser;
use crate::ui::later::{Loader, Status};
use crate::ui::state::FormState;
use crate::ui::widgets::Part;
use crate::ui::widgets::{CopyBlock, with_code};

const TABS: [(&str, &str); 5] = [
    ("terminal", "Terminal"),
    ("config", "config.toml"),
    ("app", "Codex app"),
    ("verify", "Verify"),
    ("admin", "Administrators"),
];

/// The panel that loads when tab `i` first opens (config.toml: the merge;
/// Verify: its commands and the discovery check; administrators).
fn part_of_tab(i: usize) -> Option<Part> {
    match i {
        1 => Some(Part::Merge),
        3 => Some(Part::Verify),
        4 => Some(Part::Admin),
        _ => None,
    }
}

/// What the outputs' parts share: the open tab and the shell shown.
#[derive(Clone, Copy)]
pub struct Tabs {
    /// The open tab, an index of `TABS`.
    selected: RwSignal<usize>,
    /// Whether the Terminal tab shows PowerShell rather than bash/zsh.
    powershell: RwSignal<bool>,
}

impl Tabs {
    /// The first tab open, bash/zsh shown.
    pub fn new() -> Self {
        Self {
            selected: RwSignal::new(0),
            powershell: RwSignal::new(false),
        }
    }

    /// Whether tab `i`'s panel is hidden (tracked).
    fn hidden(self, i: usize) -> impl Fn() -> bool + Copy {
        move || self.selected.get() != i
    }
}

/// A derived output: `Some(text)` while the draft is valid.
fn output(state: FormState, render: fn(&ServerConfig) -> String) -> Signal<Option<String>> {
    Signal::derive(move || state.validation.with(|v| v.config.as_ref().map(render)))
}

/// The "Loading…" or "could not be loaded" of a tab's panel that loads later.
fn loading(loader: Loader, part: Part) -> impl Fn() -> Option<AnyView> {
    move || match loader.status(part) {
        Status::Loading => Some(view! { <p class="note extras-status">"Loading…"</p> }.into_any()),
        Status::Failed(why) => Some(
            view! { <div class="msg error extras-status"><p>{with_code(&why)}</p></div> }
                .into_any(),
        ),
        Status::Idle | Status::Ready => None,
    }
}

/// The outputs' parts, each in its wrapper, inside the section the takeover keeps.
#[component]
pub fn Outputs(state: FormState, tabs: Tabs) -> impl IntoView {
    use crate::ui::widgets::{Part, island};
    view! {
        <section class="outputs-pane" id="outputs" aria-labelledby="outputs-title" tabindex="-1">
            {island(Part::Review, review(state))}
            {island(Part::OutputsHead, view! { <OutputsHead tabs=tabs /> })}
            {island(Part::OutputsTerminal, view! { <TerminalPanel state=state tabs=tabs /> })}
            {island(Part::OutputsConfig, view! { <ConfigPanel state=state tabs=tabs /> })}
            {island(Part::OutputsApp, view! { <AppPanel state=state tabs=tabs /> })}
            {island(Part::OutputsLater, view! { <LaterPanels tabs=tabs /> })}
            {client_slot()}
            {island(Part::OutputsShare, view! { <SharePanel state=state /> })}
        </section>
    }
}

/// A link's review and the redirect note, as the build prerenders them (a
/// plain page: neither shows); in the browser they load later, with the
/// banner.
#[cfg(not(target_arch = "wasm32"))]
fn review(state: FormState) -> impl IntoView {
    view! { <crate::ui::later::Review state=state /> }
}

/// The place of a link's review and the redirect note, which they fill once loaded.
#[cfg(target_arch = "wasm32")]
fn review(_: FormState) -> impl IntoView {}

/// The title and the tabs.
#[component]
pub fn OutputsHead(tabs: Tabs) -> impl IntoView {
    let selected = tabs.selected;
    let loader = expect_context::<Loader>();
    // The panels of the config.toml, Verify and administrators' tabs load
    // when their tab first opens.
    Effect::new(move |_| {
        if let Some(part) = part_of_tab(selected.get()) {
            loader.load(part);
        }
    });
    let on_tab_key = move |ev: leptos::ev::KeyboardEvent| {
        let current = selected.get_untracked();
        let next = match ev.key().as_str() {
            "ArrowRight" => (current + 1) % TABS.len(),
            "ArrowLeft" => (current + TABS.len() - 1) % TABS.len(),
            "Home" => 0,
            "End" => TABS.len() - 1,
            _ => return,
        };
        ev.prevent_default();
        selected.set(next);
        browser::focus(&format!("tab-{}", TABS[next].0));
    };
    let tab_buttons = TABS
        .iter()
        .enumerate()
        .map(|(i, (id, label))| {
            view! {
                <button type="button" role="tab" id=format!("tab-{id}") data-testid=format!("tab-{id}")
                    aria-controls=format!("panel-{id}")
                    aria-selected=move || (selected.get() == i).to_string()
                    tabindex=move || if selected.get() == i { "0" } else { "-1" }
                    on:click=move |_| selected.set(i)
                    on:pointerenter=move |_| if let Some(part) = part_of_tab(i) { loader.load(part) }>
                    {*label}
                </button>
            }
        })
        .collect_view();
    view! {
        <h2 id="outputs-title">"Your configuration"</h2>
        <div role="tablist" aria-label="Ways to configure Codex" class="tabs tabs-only" on:keydown=on_tab_key>
            {tab_buttons}
        </div>
    }
}

/// The config.toml tab: the entry, and the merge's place.
#[component]
pub fn ConfigPanel(state: FormState, tabs: Tabs) -> impl IntoView {
    let loader = expect_context::<Loader>();
    let toml = output(state, render::codex::render_config_toml);
    let location = move || {
        state
            .validation
            .with(|v| v.config.as_ref().map(|c| c.location))
            .unwrap_or_default()
    };
    view! {
        <div role="tabpanel" id="panel-config" aria-labelledby="tab-config" hidden=tabs.hidden(1) class="panel tabs-only">
            <p>"Add this to " <code>{move || config_path(location(), false)}</code> " (on Windows "
                <code>{move || config_path(location(), true)}</code>
                "; create the file if it does not exist), replacing any entry with the same name."</p>
            <CopyBlock testid="config-toml" title="config.toml entry" text=toml />
            <div role="status">{loading(loader, Part::Merge)}</div>
            <div id=Part::Merge.id()></div>
        </div>
    }
}

/// The Codex app tab.
#[component]
pub fn AppPanel(state: FormState, tabs: Tabs) -> impl IntoView {
    view! {
        <div role="tabpanel" id="panel-app" aria-labelledby="tab-app" hidden=tabs.hidden(2) class="panel tabs-only">
            <AppForm state=state />
        </div>
    }
}

/// The Verify and administrators' tabs: the places of their panels, which
/// load when the tab first opens.
#[component]
pub fn LaterPanels(tabs: Tabs) -> impl IntoView {
    let loader = expect_context::<Loader>();
    view! {
        <div role="tabpanel" id="panel-verify" aria-labelledby="tab-verify" hidden=tabs.hidden(3) class="panel tabs-only">
            <div role="status">{loading(loader, Part::Verify)}</div>
            <div id=Part::Verify.id()></div>
        </div>
        <div role="tabpanel" id="panel-admin" aria-labelledby="tab-admin" hidden=tabs.hidden(4) class="panel tabs-only">
            <p>"For whoever manages Codex on the organisation's machines: allow this server, and give it to every user."</p>
            <div role="status">{loading(loader, Part::Admin)}</div>
            <div id=Part::Admin.id()></div>
        </div>
    }
}

/// The panel of a client whose outputs are a panel ([`Layout::Panel`]):
/// its place, in the outputs' own section (which a takeover keeps), filled
/// once loaded when such a client is chosen. The page's `data-layout`
/// shows it instead of the tabs (style.css); why it could not load shows
/// under the form's first fields.
///
/// [`Layout::Panel`]: crate::render::Layout::Panel
fn client_slot() -> impl IntoView {
    view! {
        <div class="panel-only" id=Part::Clients.id()>
            <p class="note extras-status">"Loading…"</p>
        </div>
    }
}

/// The share link.
#[component]
pub fn SharePanel(state: FormState) -> impl IntoView {
    let share = Signal::derive(move || {
        let page = browser::page_address();
        let defaults = state.defaults.get_value();
        state
            .validation
            .with(|v| v.config.as_ref().map(|c| share_link(&page, c, &defaults)))
    });
    view! {
        <div class="share">
            <h2>"Share with a teammate"</h2>
            <p>"This link opens the page with your settings filled in. It never carries a token or password."</p>
            <CopyBlock testid="share-link" title="share link" text=share />
        </div>
    }
}
