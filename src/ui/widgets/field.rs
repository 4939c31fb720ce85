//! A text field of the form with its inline errors, warnings and the notes
//! about the person's release, for every part of the form.

use leptos::prelude::*;

use super::text::with_code;
use super::words::chosen;
use crate::model::{Draft, Field};
use crate::render::Word;
use crate::ui::state::FormState;
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
    /// The hint in the chosen client's words, in place of `hint`.
    #[prop(optional)]
    hint_word: Option<Word>,
    #[prop(optional)] placeholder: &'static str,
    /// The placeholder in the chosen client's words, in place of `placeholder`.
    #[prop(optional)]
    placeholder_word: Option<Word>,
    #[prop(optional)] inputmode: &'static str,
    /// The id of a `<datalist>` of suggestions.
    #[prop(optional)]
    list: &'static str,
    get: fn(&Draft) -> &String,
    set: fn(&mut Draft) -> &mut String,
) -> impl IntoView {
    let invalid = move || state.field_blocked_shown(field).to_string();
    let has_hint = !hint.is_empty() || hint_word.is_some();
    let hint_text = move || hint_word.map_or_else(|| hint.to_owned(), |w| chosen(state).word(w));
    let placeholder_text =
        move || placeholder_word.map_or_else(|| placeholder.to_owned(), |w| chosen(state).word(w));
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {has_hint.then(|| view! {
                <p class="hint" id=format!("{id}-hint") data-word=hint_word.map(Word::key)>{move || with_code(&hint_text())}</p>
            })}
            <input
                type="text"
                id=id
                name=id
                data-testid=format!("{testid}-input")
                placeholder=placeholder_text
                data-word-placeholder=placeholder_word.map(Word::key)
                inputmode=(!inputmode.is_empty()).then_some(inputmode)
                list=(!list.is_empty()).then_some(list)
                autocomplete="off"
                spellcheck="false"
                autocapitalize="off"
                aria-invalid=invalid
                aria-describedby=described_by(state, field, id, has_hint)
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
