//! Claude Code's outputs: the commands (bash/zsh and PowerShell) that add
//! the server and sign in once, the permission rules (alone, or merged into
//! a pasted settings file), Verify, and the administrators' file.

use leptos::prelude::*;

use super::{ClientNotes, SettingsMerge, SignInCheck, output};
use crate::clients::claude_code as facts;
use crate::merge::merge_claude_settings;
use crate::render::claude_code as render;
use crate::ui::state::FormState;
use crate::ui::widgets::CopyBlock;

/// Claude Code's panel.
#[component]
pub fn ClaudeCodeOutputs(state: FormState) -> impl IntoView {
    let config = move || super::accepted(state);
    let posix = output(state, |c, _| render::render_claude_posix(c));
    let pwsh = output(state, |c, _| render::render_claude_powershell(c));
    let settings = output(state, render::render_claude_settings);
    let verify = output(state, |c, _| render::render_claude_verify(c));
    let login = Signal::derive(move || config().and_then(|c| render::render_claude_login(&c)));
    let approve =
        move || config().is_some_and(|c| render::needs_approval(&c) && !c.uses_bearer_token());
    let managed = output(state, |c, _| render::managed_settings(c));
    let file = move || config().map_or(facts::USER_FILE, |c| render::entry_file(&c));
    let settings_file =
        move || config().map_or(facts::USER_SETTINGS, |c| render::settings_file(&c));
    let dirs = facts::MANAGED_DIRS
        .iter()
        .map(|(system, dir)| view! { <li>{*system}": "<code>{format!("{dir}{}", facts::MANAGED_SETTINGS)}</code></li> })
        .collect_view();
    view! {
        <div class="panel client-panel" data-client="claude-code">
            <h3>"Claude Code"</h3>
            <ClientNotes state=state />
            <p>"Run these in a terminal: they replace any entry of this name in "<code>{file}</code>
                ", then sign in once (unlike Codex, adding a server does not sign in). Checked with Claude Code "{facts::CHECKED}"."</p>
            <CopyBlock testid="claude-cli-posix" title="bash/zsh commands" text=posix />
            <CopyBlock testid="claude-cli-powershell" title="PowerShell commands" text=pwsh />
            {move || approve().then(|| view! {
                <p>"Once you have approved it, sign in (bash/zsh and PowerShell alike):"</p>
                <CopyBlock testid="claude-login" title="sign-in command" text=login />
            })}
            <h3>"Which tools, and when it asks"</h3>
            <p>"Claude Code keeps tool rules in its settings: add these to "<code>{settings_file}</code>
                " (a deny rule wins over any allow rule). "<code>"{}"</code>" means the choices need no rule."</p>
            <CopyBlock testid="claude-settings" title="settings.json rules" text=settings />
            <SettingsMerge state=state what="the rules"
                ids=["claude-settings-input", "claude-settings-error", "claude-settings-merged"]
                merge=|text, c, known| merge_claude_settings(text, c, known, render::settings_file(c)) />
            <h3>"Verify"</h3>
            <CopyBlock testid="claude-verify" title="Verify commands" text=verify />
            <SignInCheck state=state />
            <details class="admin">
                <summary>"For administrators"</summary>
                <p>"Allow this server, and no server an allowlist does not name, on every machine: install as"</p>
                <ul>{dirs}</ul>
                <CopyBlock testid="admin-claude-managed-settings" title="managed-settings.json" text=managed />
                <p class="note">{format!("Claude Code then refuses any other server (\"{}\"). Merge into an existing file by hand: it may hold other policies.", facts::NOT_ALLOWED)}</p>
            </details>
        </div>
    }
}
