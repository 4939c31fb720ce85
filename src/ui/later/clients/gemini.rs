//! Gemini CLI's outputs: the `gemini mcp add` command (bash/zsh and
//! PowerShell), the entry as the CLI stores it (alone, or merged into a
//! pasted settings file), the sign-in and trusted folders, and the system
//! settings for administrators.

use leptos::prelude::*;

use super::{ClientNotes, SettingsMerge, SignInCheck, output};
use crate::clients::gemini as facts;
use crate::merge::merge_gemini_settings;
use crate::render::gemini as render;
use crate::ui::state::FormState;
use crate::ui::widgets::CopyBlock;

/// Gemini CLI's panel.
#[component]
pub fn GeminiOutputs(state: FormState) -> impl IntoView {
    let config = move || super::accepted(state);
    let posix = output(state, |c, _| render::render_gemini_posix(c));
    let pwsh = output(state, |c, _| render::render_gemini_powershell(c));
    let settings = output(state, |c, _| render::render_gemini_settings(c));
    let system = output(state, |c, _| render::system_settings(c));
    let file = move || config().map_or(facts::USER_FILE, |c| render::settings_file(&c));
    let name = move || {
        config()
            .map(|c| c.name)
            .unwrap_or_else(|| "NAME".to_owned())
    };
    let systems = facts::SYSTEM_SETTINGS
        .iter()
        .map(|(system, path)| view! { <li>{*system}": "<code>{*path}</code></li> })
        .collect_view();
    view! {
        <div class="panel client-panel" data-client="gemini">
            <h3>"Gemini CLI"</h3>
            <ClientNotes state=state />
            <p>"Run this in a terminal: it writes the entry to "<code>{file}</code>
                ", replacing any of the same name. Each tool is its own value (one comma-separated value would be one tool). Checked with Gemini CLI "{facts::CHECKED}"."</p>
            <CopyBlock testid="gemini-cli-posix" title="bash/zsh command" text=posix />
            <CopyBlock testid="gemini-cli-powershell" title="PowerShell command" text=pwsh />
            <h3>"Or the settings entry"</h3>
            <p>"The same entry, exactly as the command stores it, for "<code>{file}</code>":"</p>
            <CopyBlock testid="gemini-settings" title="settings.json entry" text=settings />
            <SettingsMerge state=state what="the entry"
                ids=["gemini-settings-input", "gemini-settings-error", "gemini-settings-merged"]
                merge=|text, c, _| merge_gemini_settings(text, c, render::settings_file(c)) />
            <h3>"Sign in and verify"</h3>
            <p data-testid="gemini-sign-in">"Start "<code>"gemini"</code>" in the folder you work in and sign in with "
                <code>{move || format!("/mcp auth {}", name())}</code>
                " (it opens your browser); "<code>"/mcp"</code>" lists the server and its tools."</p>
            <p class="note" data-testid="gemini-trust">"A server in your user settings shows as \"Disabled\" in a folder you have not trusted: answer Gemini CLI's trust question there, or list the folder in "
                <code>{facts::TRUSTED_FOLDERS}</code>". Then "<code>"gemini mcp list"</code>" shows it."</p>
            <SignInCheck state=state />
            <details class="admin">
                <summary>"For administrators"</summary>
                <p>"Give every user this server and let Gemini CLI connect to no other: install as the system settings,"</p>
                <ul>{systems}</ul>
                <CopyBlock testid="admin-gemini-system-settings" title="system settings.json" text=system />
                <p class="note">{format!("Any other server then shows as \"{}\" in gemini mcp list; the system entry wins over a user's entry of the same name.", facts::BLOCKED)}</p>
            </details>
        </div>
    }
}
