//! The Terminal tab: the commands for bash/zsh and PowerShell, the line
//! that says what running them does, and the notes under them.

use leptos::prelude::*;

use super::Tabs;
use crate::model::{ConfigLocation, ServerConfig};
use crate::render::{self, codex::SignIn};
use crate::ui::state::FormState;
use crate::ui::widgets::CopyBlock;

/// The Terminal tab's panel.
#[component]
pub fn TerminalPanel(state: FormState, tabs: Tabs) -> impl IntoView {
    let powershell = tabs.powershell;
    let config = move || state.validation.with(|v| v.config.clone());
    // The steps once per edit; both shells and the notes read them.
    let steps = Memo::new(move |_| {
        state
            .validation
            .with(|v| v.config.as_ref().map(render::codex::terminal_steps))
    });
    let posix = Signal::derive(move || steps.with(|s| s.as_ref().map(render::codex::render_posix)));
    let pwsh =
        Signal::derive(move || steps.with(|s| s.as_ref().map(render::codex::render_powershell)));
    let sign_in_note = move || match (config(), steps.with(|s| s.as_ref().map(|s| s.sign_in))) {
        (Some(c), Some(sign_in)) => sign_in_sentence(&c, sign_in),
        _ => state
            .validation
            .with(|v| v.not_ready("the commands"))
            .into_any(),
    };
    let writes_the_file = move || steps.with(|s| s.as_ref().is_some_and(|s| s.writes_the_file()));
    view! {
        <div role="tabpanel" id="panel-terminal" aria-labelledby="tab-terminal" hidden=tabs.hidden(0) class="panel tabs-only">
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
    }
}

/// Where the config file at `location` is, as a person types it in bash or
/// in PowerShell.
pub(super) fn config_path(location: ConfigLocation, powershell: bool) -> &'static str {
    use crate::clients::codex as facts;
    match (location, powershell) {
        (ConfigLocation::User, false) => facts::USER_FILE,
        (ConfigLocation::User, true) => facts::USER_FILE_WINDOWS,
        (ConfigLocation::Project, false) => facts::PROJECT_FILE,
        (ConfigLocation::Project, true) => facts::PROJECT_FILE_WINDOWS,
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
    let again = render::codex::login_command(&config)
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
