//! The outputs: tabs of copyable blocks, and the share link. Every block is
//! derived from the validated model; none keeps state of its own. The
//! Codex app's form is a module of its own; the config.toml, Verify and
//! administrators' tabs show panels that load when the tab first opens.

mod app_form;

use leptos::prelude::*;

use self::app_form::AppForm;
use super::review::ShareRisks;
use crate::model::{ConfigLocation, ServerConfig};
use crate::render::{self, SignIn};
use crate::share::share_link;
use crate::ui::io::browser;
use crate::ui::later::{Loader, Piece, Status};
use crate::ui::state::FormState;
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
fn piece_of_tab(i: usize) -> Option<Piece> {
    match i {
        1 => Some(Piece::Merge),
        3 => Some(Piece::Verify),
        4 => Some(Piece::Admin),
        _ => None,
    }
}

/// A derived output: `Some(text)` while the draft is valid.
fn output(state: FormState, render: fn(&ServerConfig) -> String) -> Signal<Option<String>> {
    Signal::derive(move || state.validation.with(|v| v.config.as_ref().map(render)))
}

/// Tabs of outputs and the share link.
#[component]
pub fn Outputs(state: FormState) -> impl IntoView {
    let selected = RwSignal::new(0usize);
    let loader = expect_context::<Loader>();
    // The panels of the config.toml, Verify and administrators' tabs load
    // when their tab first opens.
    Effect::new(move |_| {
        if let Some(piece) = piece_of_tab(selected.get()) {
            loader.load(piece);
        }
    });
    let loading = move |piece: Piece| match loader.status(piece) {
        Status::Loading => Some(view! { <p class="note extras-status">"Loading…"</p> }.into_any()),
        Status::Failed(why) => Some(
            view! { <div class="msg error extras-status"><p>{with_code(&why)}</p></div> }
                .into_any(),
        ),
        Status::Idle | Status::Ready => None,
    };
    let powershell = RwSignal::new(false);
    let config = move || state.validation.with(|v| v.config.clone());

    // The steps once per edit; both shells and the notes read them.
    let steps = Memo::new(move |_| {
        state
            .validation
            .with(|v| v.config.as_ref().map(render::terminal_steps))
    });
    let posix = Signal::derive(move || steps.with(|s| s.as_ref().map(render::render_posix)));
    let pwsh = Signal::derive(move || steps.with(|s| s.as_ref().map(render::render_powershell)));
    let toml = output(state, render::render_config_toml);
    let sign_in_note = move || match (config(), steps.with(|s| s.as_ref().map(|s| s.sign_in))) {
        (Some(c), Some(sign_in)) => sign_in_sentence(&c, sign_in),
        _ => state
            .validation
            .with(|v| v.not_ready("the commands"))
            .into_any(),
    };
    let writes_the_file = move || steps.with(|s| s.as_ref().is_some_and(|s| s.writes_the_file()));
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
                    on:pointerenter=move |_| if let Some(piece) = piece_of_tab(i) { loader.load(piece) }>
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
    let (p4, l4, h4) = panel(4);
    let location = move || {
        state
            .validation
            .with(|v| v.config.as_ref().map(|c| c.location))
            .unwrap_or_default()
    };
    let config_file = move || config_path(location(), false);
    let windows_file = move || config_path(location(), true);

    view! {
        <section class="outputs-pane" id="outputs" aria-labelledby="outputs-title" tabindex="-1">
            <ShareRisks state=state />
            <h2 id="outputs-title">"Your configuration"</h2>
            <div role="tablist" aria-label="Ways to configure Codex" class="tabs" on:keydown=on_tab_key>
                {tab_buttons}
            </div>

            <div role="tabpanel" id=p0 aria-labelledby=l0 hidden=h0 class="panel">
                <p data-testid="sign-in-note">{sign_in_note}</p>
                <div class="shell-switch" role="group" aria-label="Shell">
                    <button type="button" data-testid="shell-posix" aria-pressed=move || (!powershell.get()).to_string()
                        on:click=move |_| powershell.set(false)>"bash / zsh"</button>
                    <button type="button" data-testid="shell-powershell" aria-pressed=move || powershell.get().to_string()
                        on:click=move |_| powershell.set(true)>"PowerShell"</button>
                </div>
                <div hidden=move || powershell.get()><CopyBlock testid="cli-posix" title="bash/zsh commands" text=posix /></div>
                <div hidden=move || !powershell.get()><CopyBlock testid="cli-powershell" title="PowerShell commands" text=pwsh /></div>
                {move || config().map(|c| view! {
                    <SignInNotes config=c writes_the_file=writes_the_file() powershell=powershell.get() />
                })}
            </div>

            <div role="tabpanel" id=p1 aria-labelledby=l1 hidden=h1 class="panel">
                <p>"Add this to " <code>{config_file}</code> " (on Windows " <code>{windows_file}</code>
                    "; create the file if it does not exist), replacing any entry with the same name."</p>
                <CopyBlock testid="config-toml" title="config.toml entry" text=toml />
                <div role="status">{move || loading(Piece::Merge)}</div>
                <div id=Piece::Merge.element_id()></div>
            </div>

            <div role="tabpanel" id=p2 aria-labelledby=l2 hidden=h2 class="panel">
                <AppForm state=state />
            </div>

            <div role="tabpanel" id=p3 aria-labelledby=l3 hidden=h3 class="panel">
                <div role="status">{move || loading(Piece::Verify)}</div>
                <div id=Piece::Verify.element_id()></div>
            </div>

            <div role="tabpanel" id=p4 aria-labelledby=l4 hidden=h4 class="panel">
                <p>"For whoever manages Codex on the organisation's machines: allow this server, and give it to every user."</p>
                <div role="status">{move || loading(Piece::Admin)}</div>
                <div id=Piece::Admin.element_id()></div>
            </div>

            <div class="share">
                <h2>"Share with a teammate"</h2>
                <p>"This link opens the page with your settings filled in. It never carries a token or password."</p>
                <CopyBlock testid="share-link" title="share link" text=share />
            </div>
        </section>
    }
}

/// Where the config file at `location` is, as a person types it in bash or
/// in PowerShell.
fn config_path(location: ConfigLocation, powershell: bool) -> &'static str {
    match (location, powershell) {
        (ConfigLocation::User, false) => "~/.codex/config.toml",
        (ConfigLocation::User, true) => "%USERPROFILE%\\.codex\\config.toml",
        (ConfigLocation::Project, false) => ".codex/config.toml",
        (ConfigLocation::Project, true) => ".codex\\config.toml",
    }
}

/// One line: what the person will see when they run the commands.
fn sign_in_sentence(config: &ServerConfig, sign_in: SignIn) -> AnyView {
    match sign_in {
        SignIn::DuringAdd => view! {
            <code>"codex mcp add"</code> " opens your browser to sign in and finishes once you have."
        }
        .into_any(),
        SignIn::Login => view! {
            "The first lines write the entry; " <code>"codex mcp login"</code>
            " then opens your browser to sign in, once."
        }
        .into_any(),
        SignIn::LoginNoBrowser => view! {
            <code>"codex mcp login --no-browser"</code>
            " prints a link: open it on your own computer, sign in, then paste the address your browser ends on (even an error page) back into the terminal."
        }
        .into_any(),
        SignIn::LoginForwarded => {
            let port = crate::validate::FORWARDED_CALLBACK_PORT;
            view! {
                <code>"codex mcp login"</code> " prints a link and waits for the sign-in on port " {port}
                ": first forward that port from your own computer (" <code>{format!("ssh -L {port}:127.0.0.1:{port} HOST")}</code>
                ", or your dev container's Ports tab), then open the link there and sign in."
            }
            .into_any()
        }
        SignIn::BearerToken => {
            let var = config.bearer_token_env_var.clone().unwrap_or_default();
            view! {
                "No sign-in: Codex sends the token from " <code>{var}</code>
                ", which must be set where Codex runs."
            }
            .into_any()
        }
    }
}

/// The notes under the commands: where the entry goes, what a project needs,
/// and how to sign in again.
#[component]
fn SignInNotes(config: ServerConfig, writes_the_file: bool, powershell: bool) -> impl IntoView {
    let path = config_path(config.location, powershell);
    let quote = if powershell {
        render::powershell_quote
    } else {
        render::posix_quote
    };
    let again = render::login_command(&config)
        .iter()
        .map(|w| quote(w).into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    let written = if writes_the_file {
        view! {
            <p class="note" data-testid="config-file-note">"The entry goes in " <code>{path}</code>
            ". Running the commands again replaces it."</p>
        }
        .into_any()
    } else {
        view! {
            <p class="note" data-testid="config-file-note"><code>"codex mcp add"</code> " writes the entry in "
            <code>{path}</code> "."
            {(!config.uses_bearer_token()).then(|| view! {
                " If it prints “may or may not require login”, run " <code>{again.clone()}</code> "."
            })}</p>
        }
        .into_any()
    };
    let project = (config.location == ConfigLocation::Project).then(|| view! {
        <p class="note" data-testid="project-note">
            "Run them at your repository's root. " <code>"codex mcp add"</code>
            " only writes your own config, so these commands write the project's file. Codex reads it only in a project you trust: if you have never started "
            <code>"codex"</code> " there, start it once and trust the folder first, or the sign-in will not find the server."
        </p>
    });
    let sign_in_again = (!config.uses_bearer_token()).then(|| view! {
        <p class="note" data-testid="sign-in-again">"To sign in again later (after " <code>"codex mcp logout"</code>
        " or when the session expires): " <code>{again}</code></p>
    });
    view! { {written} {project} {sign_in_again} }
}
