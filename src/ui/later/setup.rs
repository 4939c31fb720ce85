//! Where the entry lives and where Codex runs: two choices that change the
//! commands, not the entry; with the Advanced section below them, the part
//! of the form that loads later (the build prerenders it, so a first paint
//! shows it).

use leptos::prelude::*;

use crate::model::{ConfigLocation, Draft, Field};
use crate::ui::state::FormState;
use crate::ui::widgets::{TextField, VersionNotes};
use crate::validate::NotePlace;

/// Where Codex runs, then Advanced: the form's setup part.
#[component]
pub fn SetupPart(state: FormState) -> impl IntoView {
    view! { <SetupFields state=state /> <AdvancedFields state=state /> }
}

/// Whether `draft` sets anything of the setup part otherwise than the
/// build prerendered it (the built-in defaults): then the live part is
/// needed at once.
pub fn setup_differs(draft: &Draft) -> bool {
    let built = Draft::default();
    draft.location != built.location
        || draft.remote != built.remote
        || draft.enabled != built.enabled
        || draft.required != built.required
        || draft.startup_timeout_sec != built.startup_timeout_sec
        || draft.tool_timeout_sec != built.tool_timeout_sec
        || draft.scopes != built.scopes
        || draft.oauth_resource != built.oauth_resource
        || draft.oauth_client_id != built.oauth_client_id
        || draft.bearer_token_env_var != built.bearer_token_env_var
}

/// The "Where Codex runs" fieldset: the config file's location and the
/// remote-machine switch.
#[component]
pub fn SetupFields(state: FormState) -> impl IntoView {
    let location = move || state.draft.with(|d| d.location);
    let choose = move |value: ConfigLocation| state.draft.update(|d| d.location = value);
    let radio = move |value: ConfigLocation, label: &'static str, hint: &'static str| {
        let id = format!("location-{}", value.as_str());
        view! {
            <div class="check">
                <input type="radio" name="config-location" id=id.clone() value=value.as_str()
                    aria-describedby=format!("{id}-hint")
                    checked=state.draft.with_untracked(|d| d.location == value)
                    prop:checked=move || location() == value
                    on:change=move |_| choose(value) />
                <label for=id.clone()>{label}</label>
                <p class="hint" id=format!("{id}-hint")>{hint}</p>
            </div>
        }
    };
    view! {
        <fieldset class="setup">
            <legend>"Where Codex runs"</legend>
            <div role="radiogroup" aria-label="Where the entry lives" data-testid="config-location">
                {radio(ConfigLocation::User, "All my projects",
                    "In ~/.codex/config.toml; on Windows, %USERPROFILE%\\.codex\\config.toml.")}
                {radio(ConfigLocation::Project, "This repository only",
                    "In .codex/config.toml at the repository's root, which Codex reads only once you trust the project.")}
                <VersionNotes state=state place=NotePlace::Location />
            </div>
            <div class="check">
                <input type="checkbox" id="remote" name="remote" data-testid="remote-toggle"
                    aria-describedby="remote-hint"
                    checked=state.draft.with_untracked(|d| d.remote)
                    prop:checked=move || state.draft.with(|d| d.remote)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        state.draft.update(|d| d.remote = on);
                    } />
                <label for="remote">"Codex runs on another machine"</label>
                <p class="hint" id="remote-hint">
                    "Over SSH, in a dev container or on a cloud workstation: sign-in then prints a link to open on your own computer instead of opening a browser."
                </p>
                <VersionNotes state=state place=NotePlace::Remote />
            </div>
        </fieldset>
    }
}

/// The "Advanced" section: switches, timeouts, OAuth settings, bearer token.
#[component]
pub fn AdvancedFields(state: FormState) -> impl IntoView {
    let switch = move |id: &'static str,
                       label: &'static str,
                       hint: &'static str,
                       get: fn(&Draft) -> bool,
                       set: fn(&mut Draft, bool)| {
        view! {
            <div class="check">
                <input
                    type="checkbox" id=id name=id
                    aria-describedby=format!("{id}-hint")
                    checked=state.draft.with_untracked(get)
                    prop:checked=move || state.draft.with(get)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        state.draft.update(|d| set(d, on));
                    }
                />
                <label for=id>{label}</label>
                <p class="hint" id=format!("{id}-hint")>{hint}</p>
            </div>
        }
    };
    view! {
        <details class="advanced" data-testid="advanced">
            <summary>"Advanced"</summary>
            <div class="advanced-body">
                {switch("enabled", "Enabled", "Codex starts this server. Turn off to keep the entry without using it.", |d| d.enabled, |d, on| d.enabled = on)}
                {switch("required", "Required", "Codex refuses to start a session when this server fails to start.", |d| d.required, |d, on| d.required = on)}
                <div class="pair">
                    <TextField state=state field=Field::StartupTimeout id="startup-timeout" testid="startup-timeout"
                        label="Startup timeout (s)" placeholder="Codex default" inputmode="decimal"
                        get=|d| &d.startup_timeout_sec set=|d| &mut d.startup_timeout_sec />
                    <TextField state=state field=Field::ToolTimeout id="tool-timeout" testid="tool-timeout"
                        label="Tool-call timeout (s)" placeholder="Codex default" inputmode="decimal"
                        get=|d| &d.tool_timeout_sec set=|d| &mut d.tool_timeout_sec />
                </div>
                <TextField state=state field=Field::Scopes id="scopes" testid="scopes" label="OAuth scopes"
                    hint="Separated by commas or spaces; leave empty to let the server decide."
                    placeholder="openid, offline_access"
                    get=|d| &d.scopes set=|d| &mut d.scopes />
                <TextField state=state field=Field::OauthResource id="oauth-resource" testid="oauth-resource"
                    label="OAuth resource" hint="Only when your identity provider needs a resource that differs from the URL."
                    placeholder="https://acme.kloudfuse.io/mcp"
                    get=|d| &d.oauth_resource set=|d| &mut d.oauth_resource />
                <TextField state=state field=Field::OauthClientId id="oauth-client-id" testid="oauth-client-id"
                    label="Pre-registered OAuth client id"
                    hint="Only when the server does not register Codex by itself; your administrator gives it."
                    get=|d| &d.oauth_client_id set=|d| &mut d.oauth_client_id />
                <TextField state=state field=Field::BearerTokenEnvVar id="bearer-token-env-var" testid="bearer-token-env-var"
                    label="Bearer-token environment variable"
                    hint="For clusters that use a static token instead of OAuth: the name of the variable that holds it, never the token itself."
                    placeholder="KFUSE_TOKEN"
                    get=|d| &d.bearer_token_env_var set=|d| &mut d.bearer_token_env_var />
            </div>
        </details>
    }
}
