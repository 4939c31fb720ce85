//! Claude Desktop's outputs: the custom connector's form values as the app
//! asks for them, the tools to switch off, and what its connecting from
//! Anthropic's cloud means for a cluster in a private network.

use leptos::prelude::*;

use super::{ClientNotes, known_tools};
use crate::clients::claude_desktop as facts;
use crate::render::claude_desktop as render;
use crate::ui::state::FormState;
use crate::ui::widgets::CopyBlock;

/// Claude Desktop's panel.
#[component]
pub fn ClaudeDesktopOutputs(state: FormState) -> impl IntoView {
    let config = move || super::accepted(state);
    let name = Signal::derive(move || config().map(|c| render::connector_name(&c)));
    let url = Signal::derive(move || config().map(|c| render::connector_url(&c)));
    let off = move || {
        let known = known_tools(state);
        config()
            .map(|c| render::tools_to_switch_off(&c, &known))
            .unwrap_or_default()
    };
    view! {
        <div class="panel client-panel" data-client="claude-desktop">
            <h3>"Claude Desktop"</h3>
            <ClientNotes state=state />
            <div class="msg warning" data-testid="claude-desktop-reach">
                <p>"Claude Desktop connects to the server from Anthropic's cloud, not from your computer: the cluster's "<code>"/mcp"</code>
                    " must be reachable from the internet, from "<a href=facts::IP_RANGES_PAGE>"Anthropic's IP ranges"</a>
                    ". A cluster only reachable inside a private network or over a VPN cannot be added; use Claude Code, Codex or Gemini CLI there."</p>
            </div>
            <ol class="steps">
                <li>"In Claude Desktop open "<strong>{facts::WHERE}</strong>". On a Team or Enterprise plan an Owner adds it once for everyone."</li>
                <li>"Fill in the form (leave "<em>"Advanced settings"</em>" closed):"</li>
            </ol>
            <CopyBlock testid="claude-desktop-name" title=facts::FIELDS[0] text=name />
            <CopyBlock testid="claude-desktop-url" title=facts::FIELDS[1] text=url />
            <p>"Then "<strong>"Connect"</strong>": the sign-in opens in your browser and returns to "<code>"claude.ai"</code>
                " (the cluster's allowed redirects must hold "<code>{facts::CALLBACKS[0]}</code>"; Kloudfuse's default does)."</p>
            {move || {
                let off = off();
                (!off.is_empty()).then(|| view! {
                    <p>"In the connector's tool list, switch these off:"</p>
                    <ul data-testid="claude-desktop-tools">{off.into_iter().map(|t| view! { <li><code>{t}</code></li> }).collect_view()}</ul>
                })
            }}
        </div>
    }
}
