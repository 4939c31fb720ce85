//! Which client, where the entry lives and where it runs: choices that
//! change the commands, not the entry; with the Advanced section below
//! them, the part of the form that loads later (the client's choice in its
//! own wrapper at the form's top) (the build prerenders it, so a first paint
//! shows it).

use leptos::prelude::*;

use crate::model::{ConfigLocation, Draft, Field};
use crate::render::{Section, Word};
use crate::ui::state::FormState;
use crate::ui::widgets::{Say, TextField, VersionNotes, hides};
use crate::validate::NotePlace;

/// Which client the outputs are for (`client-codex`, …): buttons, the
/// chosen one pressed; arrow keys move between them. Shown when the
/// operator offers more than one.
#[component]
pub fn ClientChoice(state: FormState) -> impl IntoView {
    let clients = state.clients.get_value();
    if clients.len() < 2 {
        return None;
    }
    let chosen = move || state.client.get();
    let count = clients.len();
    let order = clients.clone();
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let at = order.iter().position(|c| *c == chosen()).unwrap_or(0);
        let next = match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" => (at + 1) % count,
            "ArrowLeft" | "ArrowUp" => (at + count - 1) % count,
            _ => return,
        };
        ev.prevent_default();
        let client = order[next];
        state.draft.update(|d| d.client = client);
        crate::ui::io::browser::focus(&format!("client-{}", client.id()));
    };
    let buttons = clients
        .into_iter()
        .map(|client| {
            view! {
                <button type="button" id=format!("client-{}", client.id()) data-testid=format!("client-{}", client.id())
                    data-client-option=client.id()
                    aria-pressed=move || (chosen() == client).to_string()
                    on:click=move |_| state.draft.update(|d| d.client = client)>
                    {client.name()}
                </button>
            }
        })
        .collect_view();
    Some(view! {
        <div class="field">
            <span class="label" id="client-label">"Client"</span>
            <div class="client-choice" role="group" aria-labelledby="client-label" on:keydown=on_key>{buttons}</div>
            <p class="hint">"Which app connects to the server; the commands and files below are written for it."</p>
        </div>
    })
}

/// Where the client runs, then Advanced: the form's setup part.
#[component]
pub fn SetupPart(state: FormState) -> impl IntoView {
    view! { <SetupFields state=state /> <AdvancedFields state=state /> }
}

/// Whether `draft` sets anything of the setup part otherwise than the
/// build prerendered it (the built-in defaults): then the live part is
/// needed at once.
pub fn setup_differs(draft: &Draft) -> bool {
    let built = Draft::default();
    draft.client != built.client
        || draft.location != built.location
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

/// Where the client runs: the entry's location and the remote-machine
/// switch, for a client that has a use for them.
#[component]
pub fn SetupFields(state: FormState) -> impl IntoView {
    let location = move || state.draft.with(|d| d.location);
    let choose = move |value: ConfigLocation| state.draft.update(|d| d.location = value);
    let radio = move |value: ConfigLocation, label: &'static str| {
        let id = format!("location-{}", value.as_str());
        view! {
            <div class="check">
                <input type="radio" name="config-location" id=id.clone() value=value.as_str()
                    aria-describedby=format!("{id}-hint")
                    checked=state.draft.with_untracked(|d| d.location == value)
                    prop:checked=move || location() == value
                    on:change=move |_| choose(value) />
                <label for=id.clone()>{label}</label>
                <p class="hint" id=format!("{id}-hint")><Say state=state word=Word::LocationHint(value) /></p>
            </div>
        }
    };
    view! {
        <fieldset class="setup" data-section=Section::Where.key() hidden=hides(state, Section::Where)>
            <legend><Say state=state word=Word::WhereLegend /></legend>
            <div role="radiogroup" aria-label="Where the entry lives" data-testid="config-location">
                {radio(ConfigLocation::User, "All my projects")}
                {radio(ConfigLocation::Project, "This repository only")}
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
                <label for="remote"><Say state=state word=Word::RemoteLabel /></label>
                <p class="hint" id="remote-hint"><Say state=state word=Word::RemoteHint /></p>
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
                       hint: Word,
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
                <p class="hint" id=format!("{id}-hint")><Say state=state word=hint /></p>
            </div>
        }
    };
    view! {
        <details class="advanced" data-testid="advanced">
            <summary>"Advanced"</summary>
            <div class="advanced-body">
                {switch("enabled", "Enabled", Word::EnabledHint, |d| d.enabled, |d, on| d.enabled = on)}
                {switch("required", "Required", Word::RequiredHint, |d| d.required, |d, on| d.required = on)}
                <div class="pair">
                    <TextField state=state field=Field::StartupTimeout id="startup-timeout" testid="startup-timeout"
                        label="Startup timeout (s)" placeholder_word=Word::TimeoutPlaceholder inputmode="decimal"
                        get=|d| &d.startup_timeout_sec set=|d| &mut d.startup_timeout_sec />
                    <TextField state=state field=Field::ToolTimeout id="tool-timeout" testid="tool-timeout"
                        label="Tool-call timeout (s)" placeholder_word=Word::TimeoutPlaceholder inputmode="decimal"
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
                    hint_word=Word::ClientIdHint
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
