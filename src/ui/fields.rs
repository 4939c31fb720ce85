//! Text fields of the form, each with its inline errors and warnings.

use leptos::prelude::*;

use super::state::FormState;
use super::text::with_code;
use crate::model::{Draft, Field};
use crate::validate::{NotePlace, Severity};

/// The notes about the person's Codex release for one place of the form
/// (`version-note`, one per choice the release cannot honour), in the muted
/// note style: nothing is wrong with the choice itself.
#[component]
pub fn VersionNotes(state: FormState, place: NotePlace) -> impl IntoView {
    move || {
        let notes: Vec<String> = state.validation.with(|v| {
            v.notes_at(&place)
                .filter(|n| !n.blocks)
                .map(|n| n.message.clone())
                .collect()
        });
        (!notes.is_empty()).then(|| {
            view! {
                <div class="msg note version-notes">
                    {notes.into_iter().map(|m| view! { <p data-testid="version-note">{with_code(&m)}</p> }).collect_view()}
                </div>
            }
        })
    }
}

/// The errors (`{testid}-error`) and warnings (`{testid}-warning`) of one
/// field, and the notes about the person's Codex release; each element
/// exists only while it has something to say. A note that blocks (the
/// release refuses the value) is one of the field's errors.
#[component]
pub fn FieldMessages(
    state: FormState,
    field: Field,
    id: &'static str,
    testid: &'static str,
) -> impl IntoView {
    let blocking = move || {
        state.validation.with(|v| {
            v.notes_at(&NotePlace::Field(field))
                .filter(|n| n.blocks)
                .map(|n| n.message.clone())
                .collect::<Vec<_>>()
        })
    };
    let block = move |severity: Severity, kind: &'static str| {
        let messages = state.shown_messages(field, severity);
        let notes = if severity == Severity::Error {
            blocking()
        } else {
            Vec::new()
        };
        (!messages.is_empty() || !notes.is_empty()).then(|| {
            view! {
                <div class=format!("msg {kind}") id=format!("{id}-{kind}") data-testid=format!("{testid}-{kind}")>
                    {messages.into_iter().map(|m| view! { <p>{with_code(&m)}</p> }).collect_view()}
                    {notes.into_iter().map(|m| view! { <p data-testid="version-note">{with_code(&m)}</p> }).collect_view()}
                </div>
            }
        })
    };
    view! {
        {move || block(Severity::Error, "error")}
        {move || block(Severity::Warning, "warning")}
        <VersionNotes state=state place=NotePlace::Field(field) />
    }
}

/// The `aria-describedby` list for an input: its hint and whichever messages exist.
fn described_by(
    state: FormState,
    field: Field,
    id: &'static str,
    has_hint: bool,
) -> impl Fn() -> String {
    move || {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(format!("{id}-hint"));
        }
        if state.field_blocked_shown(field) {
            ids.push(format!("{id}-error"));
        }
        if !state.shown_messages(field, Severity::Warning).is_empty() {
            ids.push(format!("{id}-warning"));
        }
        ids.join(" ")
    }
}

/// A labelled text input bound to one draft field.
#[component]
pub fn TextField(
    state: FormState,
    field: Field,
    id: &'static str,
    testid: &'static str,
    label: &'static str,
    #[prop(optional)] hint: &'static str,
    #[prop(optional)] placeholder: &'static str,
    #[prop(optional)] inputmode: &'static str,
    /// The id of a `<datalist>` of suggestions.
    #[prop(optional)]
    list: &'static str,
    get: fn(&Draft) -> &String,
    set: fn(&mut Draft) -> &mut String,
) -> impl IntoView {
    let invalid = move || state.field_blocked_shown(field).to_string();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {(!hint.is_empty()).then(|| view! { <p class="hint" id=format!("{id}-hint")>{with_code(hint)}</p> })}
            <input
                type="text"
                id=id
                name=id
                data-testid=format!("{testid}-input")
                placeholder=placeholder
                inputmode=(!inputmode.is_empty()).then_some(inputmode)
                list=(!list.is_empty()).then_some(list)
                autocomplete="off"
                spellcheck="false"
                autocapitalize="off"
                aria-invalid=invalid
                aria-describedby=described_by(state, field, id, !hint.is_empty())
                value=state.draft.with_untracked(|d| get(d).clone())
                prop:value=move || state.draft.with(|d| get(d).clone())
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    state.touch(field);
                    state.draft.update(|d| *set(d) = value);
                }
                on:blur=move |_| state.touch(field)
            />
            <FieldMessages state=state field=field id=id testid=testid />
        </div>
    }
}

/// Where the name or URL differs from what the organisation's Codex
/// requirements allow (`requirements-warning`), with the one-click fix.
#[component]
fn RequirementsWarnings(state: FormState, field: Field) -> impl IntoView {
    move || {
        state
            .validation
            .with(|v| {
                v.requirements
                    .iter()
                    .filter(|w| w.field == field)
                    .cloned()
                    .collect::<Vec<_>>()
            })
            .into_iter()
            .map(|w| {
                let fix = w.fix.clone().map(|value| {
                    let label = format!("Use {value}");
                    let apply = value.clone();
                    view! {
                        <button type="button" class="secondary small" data-testid="requirements-fix"
                            on:click=move |_| {
                                let value = apply.clone();
                                state.touch(field);
                                state.draft.update(|d| match field {
                                    Field::Name => d.name = value,
                                    _ => d.url = value,
                                });
                            }>
                            {label}
                        </button>
                    }
                });
                view! {
                    <div class="msg warning" data-testid="requirements-warning" data-field=field.label()>
                        <p>{with_code(&w.message)}</p>
                        {fix}
                    </div>
                }
            })
            .collect_view()
    }
}

/// Server name.
#[component]
pub fn NameField(state: FormState) -> impl IntoView {
    view! {
        <TextField
            state=state field=Field::Name id="name" testid="name" label="Server name"
            hint="How Codex refers to the server; tools appear to the model as mcp__NAME__TOOL."
            placeholder="kfuse"
            get=|d| &d.name set=|d| &mut d.name
        />
        <RequirementsWarnings state=state field=Field::Name />
    }
}

/// Cluster URL, with the normalised URL Codex will use.
#[component]
pub fn UrlField(state: FormState) -> impl IntoView {
    let normalized = move || {
        state.validation.with(|v| match &v.config {
            Some(config) => Some(config.url_text().to_owned()),
            None => v.normalized_url.as_ref().map(|u| u.to_string()),
        })
    };
    view! {
        <TextField
            state=state field=Field::Url id="url" testid="url" label="Cluster URL"
            hint="Your Kloudfuse cluster's address, such as acme.kloudfuse.io; https:// and /mcp are added when left out."
            placeholder="acme.kloudfuse.io"
            inputmode="url"
            get=|d| &d.url set=|d| &mut d.url
        />
        <p class="normalized" data-testid="url-normalized" aria-live="polite">
            {move || normalized().map(|u| view! { "Codex will use " <code>{u}</code> })}
        </p>
        <RequirementsWarnings state=state field=Field::Url />
    }
}

/// The Codex release the person runs, with the releases the page knows as
/// suggestions (newest first); a free `0.NNN` entry works too.
#[component]
pub fn CodexVersionField(state: FormState) -> impl IntoView {
    let releases: Vec<String> = crate::codex::cli()
        .releases()
        .map(|r| r.to_string())
        .collect();
    view! {
        <TextField
            state=state field=Field::CodexVersion id="codex-version" testid="codex-version"
            label="Your Codex version"
            hint="What `codex --version` prints. The commands and config.toml use only what that release knows."
            placeholder="0.171" inputmode="decimal" list="codex-releases"
            get=|d| &d.codex set=|d| &mut d.codex
        />
        <datalist id="codex-releases">
            {releases.into_iter().rev().map(|r| view! { <option value=r></option> }).collect_view()}
        </datalist>
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
