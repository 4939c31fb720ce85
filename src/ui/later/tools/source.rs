//! "Your server's tools": where the picker's names come from, the command
//! that lists them as Codex sees them (Codex's own section), and the box
//! its output or a `tools/list` result is pasted into (with the tool
//! picker: an import sets the page's server tools).

use leptos::prelude::*;

use super::connect::ConnectPanel;
use crate::model::{Field, ServerConfig};
use crate::render;
use crate::render::Section;
use crate::render::presets_tools_toml;
use crate::server_tools::parse_tools_import;
use crate::ui::state::FormState;
use crate::ui::widgets::{CopyBlock, chosen, hides, with_code};

/// The header of the tool picker: where its names come from (with signing
/// in from the page), and the collapsed "Get my server's tools" with the
/// import, each a part of its own.
#[component]
pub fn ToolSource(state: FormState) -> impl IntoView {
    view! {
        <section class="import" aria-labelledby="import-title">
            <div class="island" id=super::SOURCE_PART><SourceHeader state=state /></div>
            <div class="island" id=super::IMPORT_PART><SourceImport state=state /></div>
        </section>
    }
}

/// Where the picker's names come from, and signing in from the page.
#[component]
pub fn SourceHeader(state: FormState) -> impl IntoView {
    let imported = move || state.server_tools.with(Option::is_some);
    let status = move || {
        state.server_tools.with(|tools| match tools {
            Some(tools) => format!(
                "Showing the {} tools your server reported. Choices for names it lacks are flagged.",
                tools.len()
            ),
            None => "The names below are unverified: they come from the page's presets, not from your server. Import your server's own list to check them.".to_owned(),
        })
    };
    view! {
        <p class="subhead" id="import-title">"Your server's tools"</p>
        <p class="hint" data-testid="tools-source" class:unverified=move || !imported()>{status}</p>
        <ConnectPanel state=state />
    }
}

/// "Get my server's tools" with the import, and forgetting an imported list.
#[component]
pub fn SourceImport(state: FormState) -> impl IntoView {
    let imported = move || state.server_tools.with(Option::is_some);
    let forget = move |_| state.server_tools.set(None);
    view! {
        <details class="import-steps" data-testid="tools-import-steps">
            <summary>{move || if imported() { "Import again" } else { "Get my server's tools" }}</summary>
            <ImportPanel state=state />
        </details>
        {move || imported().then(|| view! {
            <button type="button" class="secondary" data-testid="tools-forget" on:click=forget>
                "Forget the imported list"
            </button>
        })}
    }
}

/// The import panel: the tools command for both shells,
/// the box its output is pasted into, and, once imported, the tools as an
/// operator's presets.
#[component]
pub fn ImportPanel(state: FormState) -> impl IntoView {
    let pasted = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let version_set = RwSignal::new(None::<String>);
    let powershell = RwSignal::new(false);
    let command = |render: fn(&ServerConfig) -> String| {
        Signal::derive(move || state.validation.with(|v| v.config.as_ref().map(render)))
    };
    let posix = command(render::codex::render_tools_command_posix);
    let pwsh = command(render::codex::render_tools_command_powershell);
    let not_ready = Signal::derive(|| {
        "Enter a valid server name and URL first: the command names this entry.".to_owned()
    });
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        pasted.set(text.clone());
        // The command prints `codex --version` first: that is the release,
        // typed into the version field as a person would.
        if let Some(release) = crate::clients::codex::Release::from_version_line(&text) {
            let typed = release.to_string();
            if state.draft.with_untracked(|d| d.codex != typed) {
                let release = typed.clone();
                state.set_field(Field::CodexVersion, move |d| d.codex = release);
                version_set.set(Some(typed));
            }
        }
        if text.trim().is_empty() {
            error.set(None);
            return;
        }
        match parse_tools_import(&text) {
            Ok(tools) => {
                // The server's list judges the tool lists: show what it finds.
                state.touch(Field::Tools);
                state.server_tools.set(Some(tools));
                error.set(None);
                pasted.set(String::new());
            }
            // The paste stays in the box, so nothing is lost.
            Err(problem) => error.set(Some(problem.to_string())),
        }
    };
    let phase = move || {
        if error.with(Option::is_some) {
            "error"
        } else if state.server_tools.with(Option::is_some) {
            "imported"
        } else {
            "idle"
        }
    };
    let presets = Signal::derive(move || {
        state
            .server_tools
            .with(|tools| tools.as_deref().map(presets_tools_toml))
    });
    view! {
        <div data-testid="tools-import-panel" data-state=phase>
            <div data-section=Section::ToolsCommand.key() hidden=hides(state, Section::ToolsCommand)>
                <p class="hint">
                    "After signing in (Terminal tab), run this. It prints every tool as Codex sees it, whatever the filters, and ends by itself after about "
                    {render::codex::ANSWER_SECONDS} " seconds. It needs nothing but Codex."
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
            </div>
            <label for="tools-import">{move || if chosen(state).shows(Section::ToolsCommand) {
                "Paste everything it printed (or an MCP tools/list result, or tool names one per line)"
            } else {
                "Paste an MCP tools/list result, or tool names one per line"
            }}</label>
            <textarea id="tools-import" data-testid="tools-import" rows="4" spellcheck="false" autocomplete="off"
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=move || if error.with(Option::is_some) { "tools-import-error" } else { "" }
                prop:value=move || pasted.get()
                on:input=on_input></textarea>
            {move || error.get().map(|e| view! {
                <div class="msg error" id="tools-import-error" data-testid="tools-import-error" role="alert"><p>{with_code(&e)}</p></div>
            })}
            {move || version_set.get().map(|v| view! {
                <p class="note" role="status" data-testid="codex-version-set">
                    "Your Codex version is now " <strong>{v}</strong> ", from the first line the command printed: the commands and config.toml follow it."
                </p>
            })}
            {move || state.server_tools.with(Option::is_some).then(|| view! {
                <details class="operator">
                    <summary>"For the page's operator: these tools as presets"</summary>
                    <p class="hint">"Put these " <code>"[[tools]]"</code> " tables in the " <code>"presets.toml"</code>
                        " served next to the page, and everyone starts from your cluster's real tools."</p>
                    <CopyBlock testid="tools-presets" title="presets.toml [[tools]]" text=presets />
                </details>
            })}
        </div>
    }
}
