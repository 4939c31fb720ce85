//! The form's first fields: the server's name, the cluster URL with the URL
//! the client will use, and the client's version.

use leptos::prelude::*;

use crate::model::Field;
use crate::render::Word;
use crate::ui::state::FormState;
use crate::ui::widgets::{TextField, with_code};

/// Where the name or URL differs from what the organisation's Codex
/// requirements allow (only while they bind the chosen client) (`requirements-warning`), with the one-click fix.
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
            hint_word=Word::NameHint
            placeholder="kfuse"
            get=|d| &d.name set=|d| &mut d.name
        />
        <RequirementsWarnings state=state field=Field::Name />
    }
}

/// Cluster URL, with the normalised URL the client will use.
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
            // Whichever client is chosen: the address its entry will hold.
            {move || normalized().map(|u| view! { "Your client will use " <code>{u}</code> })}
        </p>
        <RequirementsWarnings state=state field=Field::Url />
    }
}

/// The Codex release the person runs, with the releases the page knows as
/// suggestions (newest first); a free `0.NNN` entry works too.
#[component]
pub fn CodexVersionField(state: FormState) -> impl IntoView {
    let releases: Vec<String> = crate::clients::codex::cli()
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
