//! The outputs: tabs of copyable blocks, and the share link. Every block is
//! derived from the validated model; none keeps state of its own.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::lazy::{DISCOVERY_SLOT, Extras, Loader, MERGE_SLOT};
use super::{FormState, browser};
use crate::model::ServerConfig;
use crate::render;
use crate::share::share_link;

/// A titled block of text with a copy button. The `testid` element holds
/// exactly the text the button copies; while `text` is `None` (an input is
/// invalid) the block shows why (`reason`, or the form's fields) and cannot
/// be copied.
#[component]
pub fn CopyBlock(
    testid: &'static str,
    title: &'static str,
    text: Signal<Option<String>>,
    #[prop(optional)] reason: Option<Signal<String>>,
) -> impl IntoView {
    let reason = move || {
        reason.map_or_else(
            || "Fix the fields marked in red to get this.".to_owned(),
            |r| r.get(),
        )
    };
    let status = RwSignal::new(String::new());
    let copy = move |_| {
        let Some(content) = text.get_untracked() else {
            return;
        };
        spawn_local(async move {
            match browser::copy_text(&content).await {
                Ok(()) => {
                    status.set(format!("Copied {title}"));
                    set_timeout(
                        move || status.set(String::new()),
                        std::time::Duration::from_secs(3),
                    );
                }
                Err(e) => status.set(e),
            }
        });
    };
    let ready = move || text.with(Option::is_some);
    view! {
        <div class="block" class:not-ready=move || !ready() data-ready=move || ready().to_string()>
            <div class="block-head">
                <span class="block-title">{title}</span>
                <button type="button" class="copy" data-testid=format!("copy-{testid}")
                    aria-label=format!("Copy {title}") prop:disabled=move || !ready() on:click=copy>
                    {move || if status.with(|s| s.starts_with("Copied")) { "Copied ✓" } else { "Copy" }}
                </button>
            </div>
            <pre tabindex="0" role="group" aria-label=title><code data-testid=testid>{move || text.get().unwrap_or_default()}</code></pre>
            {move || (!ready()).then(|| view! { <p class="not-ready-note">{reason()}</p> })}
            <p class="sr-only" role="status" aria-live="polite">{move || status.get()}</p>
        </div>
    }
}

const TABS: [(&str, &str); 4] = [
    ("terminal", "Terminal"),
    ("config", "config.toml"),
    ("app", "Codex app"),
    ("verify", "Verify"),
];

/// The tabs that show a panel of the second module (config.toml: merge;
/// verify: discovery).
const TABS_WITH_EXTRAS: [usize; 2] = [1, 3];

/// A derived output: `Some(text)` while the draft is valid.
fn output(state: FormState, render: fn(&ServerConfig) -> String) -> Signal<Option<String>> {
    Signal::derive(move || state.validation.with(|v| v.config.as_ref().map(render)))
}

/// Tabs of outputs and the share link.
#[component]
pub fn Outputs(state: FormState) -> impl IntoView {
    let selected = RwSignal::new(0usize);
    let extras = Loader::new(state);
    // The merge panel (config.toml tab) and the discovery check (verify tab)
    // come from the second module: load it when either tab first opens.
    Effect::new(move |_| {
        if TABS_WITH_EXTRAS.contains(&selected.get()) {
            extras.ensure();
        }
    });
    let extras_status = move || {
        match extras.status.get() {
        Extras::Loading => Some(view! { <p class="note extras-status">"Loading the merge and sign-in check tools…"</p> }.into_any()),
        Extras::Failed(why) => Some(view! { <div class="msg error extras-status"><p>{why}</p></div> }.into_any()),
        Extras::Idle | Extras::Ready => None,
    }
    };
    let powershell = RwSignal::new(false);
    let config = move || state.validation.with(|v| v.config.clone());

    let posix = output(state, |c| render::render_posix(&render::terminal_steps(c)));
    let pwsh = output(state, |c| {
        render::render_powershell(&render::terminal_steps(c))
    });
    let toml = output(state, render::render_config_toml);
    let app = output(state, render::render_app_fields);
    let extra_lines = Signal::derive(move || {
        state
            .validation
            .with(|v| v.config.as_ref().and_then(render::render_config_only_lines))
    });
    let verify = output(state, |c| {
        let name = render::posix_quote(&c.name);
        format!("codex mcp get {name}\ncodex mcp list\n")
    });
    let share = Signal::derive(move || {
        let page = browser::page_address();
        let defaults = state.defaults.get_value();
        state
            .validation
            .with(|v| v.config.as_ref().map(|c| share_link(&page, c, &defaults)))
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
                    on:pointerenter=move |_| if TABS_WITH_EXTRAS.contains(&i) { extras.ensure() }>
                    {*label}
                </button>
            }
        })
        .collect_view();
    let panel = move |i: usize| {
        let (id, _) = TABS[i];
        (format!("panel-{id}"), format!("tab-{id}"), move || {
            selected.get() != i
        })
    };
    let (p0, l0, h0) = panel(0);
    let (p1, l1, h1) = panel(1);
    let (p2, l2, h2) = panel(2);
    let (p3, l3, h3) = panel(3);
    let header = move || {
        config()
            .map(|c| render::table_header(&c))
            .unwrap_or_default()
    };
    let bearer = move || config().and_then(|c| c.bearer_token_env_var);

    view! {
        <section class="outputs-pane" aria-labelledby="outputs-title">
            <h2 id="outputs-title">"Your configuration"</h2>
            <div role="tablist" aria-label="Ways to configure Codex" class="tabs" on:keydown=on_tab_key>
                {tab_buttons}
            </div>

            <div role="tabpanel" id=p0 aria-labelledby=l0 hidden=h0 class="panel">
                <p>"Run these in a terminal. " <code>"codex mcp login"</code> " opens your browser to sign in."</p>
                <div class="shell-switch" role="group" aria-label="Shell">
                    <button type="button" data-testid="shell-posix" aria-pressed=move || (!powershell.get()).to_string()
                        on:click=move |_| powershell.set(false)>"bash / zsh"</button>
                    <button type="button" data-testid="shell-powershell" aria-pressed=move || powershell.get().to_string()
                        on:click=move |_| powershell.set(true)>"PowerShell"</button>
                </div>
                <div hidden=move || powershell.get()><CopyBlock testid="cli-posix" title="bash/zsh commands" text=posix /></div>
                <div hidden=move || !powershell.get()><CopyBlock testid="cli-powershell" title="PowerShell commands" text=pwsh /></div>
                {move || bearer().map(|var| view! {
                    <p class="note">"This server uses a bearer token: set " <code>{var}</code>
                    " in the environment Codex runs in. No login step is needed."</p>
                })}
                <Show when=move || extra_lines.with(Option::is_some)>
                    <p class="note" data-testid="config-only-note">
                        <code>"codex mcp add"</code> " has no flags for tool lists, timeouts, scopes, " <code>"required"</code>
                        " or " <code>"enabled"</code> ". After running the commands, open " <code>"~/.codex/config.toml"</code>
                        " and add these lines under " <code>{header}</code> ":"
                    </p>
                    <CopyBlock testid="config-only-lines" title="lines to add to config.toml" text=extra_lines />
                </Show>
            </div>

            <div role="tabpanel" id=p1 aria-labelledby=l1 hidden=h1 class="panel">
                <p>"Add this to " <code>"~/.codex/config.toml"</code> " (create the file if it does not exist), replacing any entry with the same name."</p>
                <CopyBlock testid="config-toml" title="config.toml entry" text=toml />
                <div role="status">{extras_status}</div>
                <div id=MERGE_SLOT></div>
            </div>

            <div role="tabpanel" id=p2 aria-labelledby=l2 hidden=h2 class="panel">
                <p>"In the Codex app, connect a custom MCP server and fill in the form with these values."</p>
                <CopyBlock testid="app-fields" title="Codex app form values" text=app />
                <p class="note">"Tool lists, timeouts and scopes are not part of the app's form; they live in config.toml (see its tab), which the app reads too."</p>
            </div>

            <div role="tabpanel" id=p3 aria-labelledby=l3 hidden=h3 class="panel">
                <p>"Check what Codex stored: the first command prints this server's entry, the second every server with its sign-in status."</p>
                <CopyBlock testid="verify-commands" title="verification commands" text=verify />
                <p class="note">"In a Codex session, type " <code>"/mcp"</code> " to see the server's tools."</p>
                <div role="status">{extras_status}</div>
                <div id=DISCOVERY_SLOT></div>
            </div>

            <div class="share">
                <h2>"Share with a teammate"</h2>
                <p>"This link opens the page with your settings filled in. It never carries a token or password."</p>
                <CopyBlock testid="share-link" title="share link" text=share />
            </div>
        </section>
    }
}
