//! For administrators: the `requirements.toml` allowlist
//! entry for the form's server (or an existing file with it merged in), the
//! fleet entry for `/etc/codex/config.toml`, and both as a macOS
//! configuration profile.

use leptos::prelude::*;

use crate::clients::codex::{self, REQUIREMENTS_URL_PREFIX};
use crate::merge::merge_requirements;
use crate::render::{self, codex::AllowBy};
use crate::ui::io::browser;
use crate::ui::state::FormState;
use crate::ui::widgets::{CopyBlock, with_code};

/// The administrators' tab.
#[component]
pub fn AdminPanel(state: FormState) -> impl IntoView {
    let by = RwSignal::new(AllowBy::ExactUrl);
    let existing = RwSignal::new(String::new());
    let config = move || state.validation.with(|v| v.config.clone());
    // The allowlist: the entry alone, or merged into the pasted file.
    let requirements = Memo::new(move |_| {
        let config = config()?;
        let entry = render::codex::requirements_entry(&config, by.get());
        existing.with(|text| {
            if text.trim().is_empty() {
                Some(Ok(entry))
            } else {
                let url = render::codex::identity_url(&config, by.get());
                Some(merge_requirements(text, &config.name, &url))
            }
        })
    });
    let requirements_text =
        Signal::derive(move || requirements.with(|r| r.as_ref().and_then(|r| r.clone().ok())));
    let merge_problem = move || requirements.with(|r| r.as_ref().and_then(|r| r.clone().err()));
    let managed = Signal::derive(move || config().map(|c| render::codex::managed_config(&c)));
    let requirements_b64 =
        Signal::derive(move || requirements_text.get().map(|t| render::codex::base64(&t)));
    let managed_b64 = Signal::derive(move || managed.get().map(|t| render::codex::base64(&t)));
    let prefix = move || {
        config()
            .map(|c| render::codex::origin_prefix(&c))
            .unwrap_or_default()
    };
    let since = REQUIREMENTS_URL_PREFIX.since().unwrap_or(codex::newest());
    let download_status = RwSignal::new(String::new());
    let download = move |_| {
        let (Some(c), Some(req), Some(cfg)) = (
            config(),
            requirements_text.get_untracked(),
            managed.get_untracked(),
        ) else {
            return;
        };
        let profile = render::codex::mobileconfig(&c.name, &req, &cfg);
        let file = format!(
            "codex-{}.mobileconfig",
            c.name
                .replace(|ch: char| !ch.is_ascii_alphanumeric() && ch != '-', "-")
        );
        match browser::download(&file, profile.as_bytes()) {
            Ok(()) => download_status.set(format!("Saved {file}.")),
            Err(why) => download_status.set(why),
        }
    };
    let ready = move || requirements_text.with(Option::is_some) && !state.copy_held();
    view! {
        <section class="admin" aria-labelledby="admin-title">
            <h3 id="admin-title">"Allow this server in your organisation's Codex"</h3>
            <p>"A managed Codex reads an administrator's " <code>"requirements.toml"</code>
                ". Listing MCP servers there turns off every other one, silently, and Codex compares the name and the URL as exact strings: this entry uses the form's name and URL byte for byte."</p>
            <div class="mode" role="radiogroup" aria-label="How the allowlist matches the URL">
                <label>
                    <input type="radio" name="allow-by" data-testid="admin-allow-exact" checked=true
                        on:change=move |_| by.set(AllowBy::ExactUrl) />
                    "Exactly this URL (every Codex release)"
                </label>
                <label>
                    <input type="radio" name="allow-by" data-testid="admin-allow-prefix"
                        on:change=move |_| by.set(AllowBy::OriginPrefix) />
                    "Any URL that starts with " <code>{prefix}</code>
                </label>
            </div>
            {move || (by.get() == AllowBy::OriginPrefix).then(|| view! {
                <p class="msg warning" data-testid="admin-prefix-note">{with_code(&format!(
                    "A prefix needs Codex {since} or later on every machine: an older Codex refuses to start at all with such a requirements.toml (as the releases the page probed answer). To upgrade: `{}`.",
                    codex::UPGRADE
                ))}</p>
            })}
            <CopyBlock testid="admin-requirements" title="requirements.toml" text=requirements_text />
            <ul class="where">
                <li>"Linux and macOS: " <code>"/etc/codex/requirements.toml"</code></li>
                <li>"Windows: " <code>"%ProgramData%\\OpenAI\\Codex\\requirements.toml"</code></li>
                <li>"macOS with an MDM: the key " <code>"requirements_toml_base64"</code> " in the domain " <code>"com.openai.codex"</code> " (below)"</li>
                <li>"ChatGPT Business and Enterprise: the workspace's cloud requirements"</li>
            </ul>
            <details class="admin-merge" data-testid="admin-merge">
                <summary>"Already have a requirements.toml? Merge the entry into it"</summary>
                <label for="admin-requirements-input">"Paste your requirements.toml: the entry is added or updated in place, everything else kept"</label>
                <textarea id="admin-requirements-input" data-testid="admin-requirements-input" rows="5" spellcheck="false" autocomplete="off"
                    prop:value=move || existing.get() on:input=move |ev| existing.set(event_target_value(&ev))></textarea>
                {move || merge_problem().map(|p| view! {
                    <div class="msg error" data-testid="admin-requirements-error" role="alert"><p>{with_code(&p)}</p></div>
                })}
            </details>

            <h3>"Give every user the server"</h3>
            <p>"The same entry for " <code>"/etc/codex/config.toml"</code>
                " on Linux and macOS: every user's Codex lists the server without typing anything, and a user's own "
                <code>"~/.codex/config.toml"</code> " still wins over it. (" <code>"managed_config.toml"</code> " is being phased out.)"</p>
            <CopyBlock testid="admin-managed-config" title="/etc/codex/config.toml" text=managed />

            <h3>"macOS configuration profile"</h3>
            <p>"The two files as the values of Codex's managed preferences (domain " <code>"com.openai.codex"</code> "), for an MDM, or as a profile to install."</p>
            <CopyBlock testid="admin-requirements-base64" title="requirements_toml_base64" text=requirements_b64 />
            <CopyBlock testid="admin-managed-config-base64" title="config_toml_base64" text=managed_b64 />
            <button type="button" class="secondary" data-testid="admin-mobileconfig" prop:disabled=move || !ready() on:click=download>
                "Download codex.mobileconfig"
            </button>
            <p class="sr-only" role="status" aria-live="polite">{move || download_status.get()}</p>

            <super::redirects::RedirectAllowlist state=state nested=false />
        </section>
    }
}
