//! The Codex app tab: the app's "Connect to a custom MCP" form, one row per
//! field, each value with its own copy button (a form takes one value per
//! field, not a block), and the whole set as one block for notes.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::render::{self, codex::AppField};
use crate::ui::io::browser;
use crate::ui::state::FormState;
use crate::ui::widgets::CopyBlock;

/// One field: its label, its value or "leave empty", and a copy button.
#[component]
fn FieldRow(field: AppField, state: FormState) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let label = field.label;
    // The accessible name starts with the visible word, before and after a copy.
    let done = move || status.with(|s| s.starts_with("Copied"));
    let value = field.value.map(|value| {
        let copied = value.clone();
        let copy = move |_| {
            let copied = copied.clone();
            spawn_local(async move {
                match browser::copy_text(&copied).await {
                    Ok(()) => status.set(format!("Copied the {label} value")),
                    Err(e) => status.set(e),
                }
            });
        };
        view! {
            <td><code data-testid="app-field-value">{value}</code></td>
            <td>
                <button type="button" class="copy small" data-testid="app-field-copy"
                    aria-label=move || if done() { format!("Copied the {label} value") } else { format!("Copy the {label} value") }
                    disabled=move || state.copy_held()
                    title=move || state.copy_held().then_some("Review what this link changes first.")
                    on:click=copy>
                    {move || if done() { "Copied" } else { "Copy" }}
                    {move || done().then(|| view! { <span aria-hidden="true">" ✓"</span> })}
                </button>
                <span class="sr-only" role="status" aria-live="polite">{move || status.get()}</span>
            </td>
        }
    });
    let empty = value.is_none();
    view! {
        <tr data-testid="app-field" data-field=label>
            <th scope="row">{label}</th>
            {value}
            {empty.then(|| view! { <td colspan="2" class="leave-empty">"Leave empty"</td> })}
        </tr>
    }
}

/// The app tab's body.
#[component]
pub fn AppForm(state: FormState) -> impl IntoView {
    let block = Signal::derive(move || {
        state
            .validation
            .with(|v| v.config.as_ref().map(render::codex::render_app_fields))
    });
    let rows = move || {
        state.validation.with(|v| {
            v.config.as_ref().map(|c| {
                render::codex::app_fields(c)
                    .into_iter()
                    .map(|field| view! { <FieldRow field=field state=state /> })
                    .collect_view()
            })
        })
    };
    view! {
        <p>"In the Codex app, connect a custom MCP server and fill in its form, field by field."</p>
        {move || match rows() {
            Some(rows) => view! {
                <table class="app-form" aria-label="The Codex app's form">
                    <thead><tr><th scope="col">"Field"</th><th scope="col">"Value"</th><th scope="col"><span class="sr-only">"Copy"</span></th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }.into_any(),
            None => view! { <p class="not-ready-note">{move || state.validation.with(|v| v.not_ready("the values"))}</p> }.into_any(),
        }}
        <p class="app-block-title">"All values as one block, for notes:"</p>
        <CopyBlock testid="app-fields" title="Codex app form values" text=block />
        <p class="note">"Tool lists, approval modes, timeouts and scopes are not part of the app's form; they live in config.toml (see its tab), which the app reads too."</p>
    }
}
