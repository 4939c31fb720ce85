//! The Verify tab, which loads when first opened: its commands, what Codex stored, the
//! tools it will use, and the box their output is pasted back into, which
//! sets the Codex version and says what Codex does with the server.

use leptos::prelude::*;

mod discovery;

pub use self::discovery::DiscoveryPanel;

use crate::model::{Field, ServerConfig};
use crate::render;
use crate::ui::state::FormState;
use crate::ui::widgets::{CopyBlock, with_code};
use crate::verify_output::{EntryState, read_verify_output};

/// What the pasted output says, in a sentence, and its `data-state`.
fn reading_words(state: FormState, text: &str) -> Option<(&'static str, String)> {
    let name = state.draft.with_untracked(|d| d.name.trim().to_owned());
    let reading = read_verify_output(text, &name);
    let release = reading
        .release
        .map_or_else(|| "Codex".to_owned(), |r| format!("Codex {r}"));
    let allowed = state
        .requirements
        .with_value(|r| r.as_ref().map(crate::validate::Requirements::describe));
    Some(match reading.entry? {
        EntryState::Missing => (
            "missing",
            format!(
                "{release} has no server named `{name}`: run the Terminal tab's commands first."
            ),
        ),
        EntryState::Enabled => (
            "enabled",
            format!(
                "{release} has `{name}`{} and starts it.",
                reading
                    .url
                    .map(|u| format!(" at `{u}`"))
                    .unwrap_or_default()
            ),
        ),
        ref state if state.by_requirements() => {
            let EntryState::Disabled(Some(reason)) = state else {
                return None;
            };
            let what = match allowed {
                Some(allowed) => format!("Your organisation's requirements allow only {allowed}: use exactly that name and URL (the form's fix buttons do)."),
                None => "An administrator's requirements.toml allows other servers only, compared as exact strings: ask them which name and URL it allows.".to_owned(),
            };
            (
                "disabled",
                format!(
                    "{release} turned `{name}` off: disabled by your organisation's requirements (`{reason}`). {what}"
                ),
            )
        }
        EntryState::Disabled(reason) => (
            "disabled",
            format!(
                "{release} has `{name}` but it is turned off{}. Turn Enabled on (Advanced) and run the commands again.",
                reason.map(|r| format!(" ({r})")).unwrap_or_default()
            ),
        ),
    })
}

/// The Verify tab's commands and the paste-back box.
#[component]
pub fn VerifyPanel(state: FormState) -> impl IntoView {
    let output = |render: fn(&ServerConfig) -> String| {
        Signal::derive(move || state.validation.with(|v| v.config.as_ref().map(render)))
    };
    let verify = output(render::codex::render_verify_commands);
    let tools_in_use = output(render::codex::render_tools_in_use_posix);
    let tools_in_use_pwsh = output(render::codex::render_tools_in_use_powershell);
    let pasted = RwSignal::new(String::new());
    let version_set = RwSignal::new(None::<String>);
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        if let Some(release) = crate::clients::codex::Release::from_version_line(&text) {
            let typed = release.to_string();
            if state.draft.with_untracked(|d| d.codex != typed) {
                let release = typed.clone();
                state.set_field(Field::CodexVersion, move |d| d.codex = release);
                version_set.set(Some(typed));
            }
        }
        pasted.set(text);
    };
    let reading = move || pasted.with(|text| reading_words(state, text));
    view! {
        <p>"Check what Codex stored: the commands print Codex's version, this server's entry, and every server with its sign-in status."</p>
        <CopyBlock testid="verify-commands" title="verification commands" text=verify />
        <label for="verify-import">"Paste what they printed: the page reads your Codex version and what Codex does with this server"</label>
        <textarea id="verify-import" data-testid="verify-import" rows="3" spellcheck="false" autocomplete="off"
            prop:value=move || pasted.get() on:input=on_input></textarea>
        {move || version_set.get().map(|v| view! {
            <p class="note" role="status" data-testid="codex-version-set">
                "Your Codex version is now " <strong>{v}</strong> ", from the first line the commands printed."
            </p>
        })}
        {move || reading().map(|(kind, words)| view! {
            <div class=format!("msg {}", if kind == "enabled" { "ok" } else { "warning" }) data-testid="verify-reading" data-state=kind role="status">
                <p>{with_code(&words)}</p>
            </div>
        })}
        <h3>"The tools Codex will use"</h3>
        <p>"This asks Codex which of the server's tools it exposes, with your allow and block lists applied, and ends by itself after about "
            {render::codex::ANSWER_SECONDS} " seconds. (The tools command in the form lists every tool, filters ignored, for choosing.)"</p>
        <CopyBlock testid="verify-tools-posix" title="tools Codex will use (bash/zsh)" text=tools_in_use />
        <CopyBlock testid="verify-tools-powershell" title="tools Codex will use (PowerShell)" text=tools_in_use_pwsh />
        <p class="note">"In a Codex session, type " <code>"/mcp"</code> " to see the server's tools."</p>
    }
}
