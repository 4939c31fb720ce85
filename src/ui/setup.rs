//! Where the entry lives and where Codex runs: two choices that change the
//! commands, not the entry; with the Advanced section below them, the part
//! of the form the second module mounts (the build prerenders it, so a
//! first paint shows it; see `extras.rs`).

use leptos::prelude::*;

use super::fields::{AdvancedFields, VersionNotes};
use super::state::FormState;
use crate::model::{ConfigLocation, Draft};
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

/// Applies to the draft what the person changed in the prerendered setup
/// part before takeover (`key` as the takeover names the control), so the
/// outputs show it from the takeover's frame. Whether it was one of them.
#[cfg(target_arch = "wasm32")]
pub fn apply_prerendered(state: FormState, key: &str, value: &super::takeover::Value) -> bool {
    use super::takeover::Value;
    match (key, value) {
        ("location-user", Value::Checked(true)) => {
            state.draft.update(|d| d.location = ConfigLocation::User)
        }
        ("location-project", Value::Checked(true)) => {
            state.draft.update(|d| d.location = ConfigLocation::Project)
        }
        ("remote", Value::Checked(on)) => state.draft.update(|d| d.remote = *on),
        ("enabled", Value::Checked(on)) => state.draft.update(|d| d.enabled = *on),
        ("required", Value::Checked(on)) => state.draft.update(|d| d.required = *on),
        (_, Value::Text(text)) => {
            let field: fn(&mut Draft) -> &mut String = match key {
                "startup-timeout" => |d| &mut d.startup_timeout_sec,
                "tool-timeout" => |d| &mut d.tool_timeout_sec,
                "scopes" => |d| &mut d.scopes,
                "oauth-resource" => |d| &mut d.oauth_resource,
                "oauth-client-id" => |d| &mut d.oauth_client_id,
                "bearer-token-env-var" => |d| &mut d.bearer_token_env_var,
                _ => return false,
            };
            state.draft.update(|d| text.clone_into(field(d)));
        }
        _ => return false,
    }
    true
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
