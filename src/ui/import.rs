//! "Your server's tools": the command that lists them as Codex sees them,
//! and the box its output is pasted into.

use leptos::prelude::*;

use super::text::with_code;

use super::browser;
use super::copy::CopyBlock;
use super::lazy::{Extras, Loader};
use super::state::FormState;
use crate::model::ServerConfig;
use crate::model::encode_compact;
use crate::render;
use crate::render::presets_tools_toml;

/// The import panel at the top of the tool picker.
#[component]
pub fn ToolImport(state: FormState) -> impl IntoView {
    let pasted = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let powershell = RwSignal::new(false);
    let command = |render: fn(&ServerConfig) -> String| {
        Signal::derive(move || state.validation.with(|v| v.config.as_ref().map(render)))
    };
    let posix = command(render::render_tools_command_posix);
    let pwsh = command(render::render_tools_command_powershell);
    let not_ready = Signal::derive(|| {
        "Enter a valid server name and URL first: the command names this entry.".to_owned()
    });

    // The JSON reader lives in the second module: a paste waits for it.
    let loader = expect_context::<Loader>();
    let waiting = RwSignal::new(None::<String>);
    let version_set = RwSignal::new(None::<String>);
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        pasted.set(text.clone());
        // The command prints `codex --version` first: that is the release.
        if let Some(release) = crate::codex::Release::from_version_line(&text) {
            let typed = release.to_string();
            if state.draft.with_untracked(|d| d.codex != typed) {
                state.draft.update(|d| d.codex = typed.clone());
                version_set.set(Some(typed));
            }
        }
        if text.trim().is_empty() {
            error.set(None);
            waiting.set(None);
            return;
        }
        waiting.set(Some(text));
        loader.ensure();
    };
    Effect::new(move |_| {
        let status = loader.status.get();
        let Some(text) = waiting.get() else {
            return;
        };
        if let Extras::Failed(why) = status {
            error.set(Some(why));
            waiting.set(None);
            return;
        }
        let Some(read) = loader.import_tools(&text) else {
            return;
        };
        waiting.set(None);
        match read {
            Ok(tools) => {
                browser::save_server_tools(Some(&encode_compact(&tools)));
                // The server's list judges the tool lists: show what it finds.
                state.touch(crate::model::Field::Tools);
                state.server_tools.set(Some(tools));
                error.set(None);
                pasted.set(String::new());
            }
            // The paste stays in the box, so nothing is lost.
            Err(problem) => error.set(Some(problem)),
        }
    });
    let phase = move || {
        if waiting.with(Option::is_some) {
            "reading"
        } else if error.with(Option::is_some) {
            "error"
        } else if state.server_tools.with(Option::is_some) {
            "imported"
        } else {
            "idle"
        }
    };
    let forget = move |_| {
        browser::save_server_tools(None);
        state.server_tools.set(None);
    };
    let status = move || {
        state.server_tools.with(|tools| match tools {
            Some(tools) => format!(
                "Showing the {} tools your server reported. Choices for names it lacks are flagged.",
                tools.len()
            ),
            None => "The names below are unverified: they come from the page's presets, not from your server. Import your server's own list to check them.".to_owned(),
        })
    };
    let imported = move || state.server_tools.with(Option::is_some);
    let presets = Signal::derive(move || {
        state
            .server_tools
            .with(|tools| tools.as_deref().map(presets_tools_toml))
    });

    view! {
        <section class="import" aria-labelledby="import-title" data-testid="tools-import-panel" data-state=phase>
            <p class="subhead" id="import-title">"Your server's tools"</p>
            <p class="hint" data-testid="tools-source" class:unverified=move || !imported()>{status}</p>
            <details class="import-steps" open=move || !imported()>
                <summary>{move || if imported() { "Import again" } else { "Get my server's tools" }}</summary>
                <p class="hint">
                    "After signing in (Terminal tab), run this. It prints every tool as Codex sees it, whatever the filters, and ends by itself after about "
                    {render::ANSWER_SECONDS} " seconds. It needs nothing but Codex."
                </p>
                <div class="shell-switch" role="group" aria-label="Shell for the tools command">
                    <button type="button" aria-pressed=move || (!powershell.get()).to_string()
                        on:click=move |_| powershell.set(false)>"bash / zsh"</button>
                    <button type="button" aria-pressed=move || powershell.get().to_string()
                        on:click=move |_| powershell.set(true)>"PowerShell"</button>
                </div>
                <div hidden=move || powershell.get()>
                    <CopyBlock testid="tools-command-posix" title="tools command (bash/zsh)" text=posix reason=not_ready />
                </div>
                <div hidden=move || !powershell.get()>
                    <CopyBlock testid="tools-command-powershell" title="tools command (PowerShell)" text=pwsh reason=not_ready />
                </div>
                <label for="tools-import">"Paste everything it printed (or an MCP tools/list result, or tool names one per line)"</label>
                <textarea id="tools-import" data-testid="tools-import" rows="4" spellcheck="false" autocomplete="off"
                    aria-invalid=move || error.with(Option::is_some).to_string()
                    aria-describedby=move || if error.with(Option::is_some) { "tools-import-error" } else { "" }
                    prop:value=move || pasted.get()
                    on:input=on_input></textarea>
                {move || waiting.with(Option::is_some).then(|| view! { <p class="hint" role="status">"Reading the list…"</p> })}
                {move || error.get().map(|e| view! {
                    <div class="msg error" id="tools-import-error" data-testid="tools-import-error" role="alert"><p>{with_code(&e)}</p></div>
                })}
            </details>
            {move || version_set.get().map(|v| view! {
                <p class="note" role="status" data-testid="codex-version-set">
                    "Your Codex version is now " <strong>{v}</strong> ", from the first line the command printed: the commands and config.toml follow it."
                </p>
            })}
            {move || imported().then(|| view! {
                <button type="button" class="secondary" data-testid="tools-forget" on:click=forget>
                    "Forget the imported list"
                </button>
                <details class="operator">
                    <summary>"For the page's operator: these tools as presets"</summary>
                    <p class="hint">"Put these " <code>"[[tools]]"</code> " tables in the " <code>"presets.toml"</code>
                        " served next to the page, and everyone starts from your cluster's real tools."</p>
                    <CopyBlock testid="tools-presets" title="presets.toml [[tools]]" text=presets />
                </details>
            })}
        </section>
    }
}
