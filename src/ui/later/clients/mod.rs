//! The outputs of the clients beside Codex, one room each: what the chosen
//! client's person copies (commands, settings, form values), the notes for
//! what that client cannot express, its sign-in and Verify, and its
//! administrators' files. A part of its own, fetched when a client other
//! than Codex is chosen (or a link chooses one).

mod claude_code;
mod claude_desktop;
mod gemini;

use leptos::prelude::*;

use self::claude_code::ClaudeCodeOutputs;
use self::claude_desktop::ClaudeDesktopOutputs;
use self::gemini::GeminiOutputs;
use crate::merge::MergedJson;
use crate::model::{Client, ServerConfig};
use crate::ui::state::FormState;
use crate::ui::widgets::{CopyBlock, with_code};
use crate::validate::{client_notes, client_refusal};

/// The tools the page knows the server has: its own list once read, else
/// the catalog on offer.
fn known_tools(state: FormState) -> Vec<String> {
    state.server_tools.with(|server| match server {
        Some(tools) => tools.iter().map(|t| t.name.clone()).collect(),
        None => state
            .catalog
            .with_value(|c| c.iter().map(|t| t.name.clone()).collect()),
    })
}

/// The entry, while the draft is valid and the chosen client takes it
/// (see [`client_refusal`]).
fn accepted(state: FormState) -> Option<ServerConfig> {
    state
        .validation
        .with(|v| v.config.clone())
        .filter(|c| client_refusal(c).is_none())
}

/// A derived output of the chosen client: `Some(text)` while the draft is
/// valid and the client takes it.
fn output(
    state: FormState,
    render: impl Fn(&ServerConfig, &[String]) -> String + Send + Sync + 'static,
) -> Signal<Option<String>> {
    Signal::derive(move || accepted(state).map(|c| render(&c, &known_tools(state))))
}

/// The chosen client's outputs; nothing while Codex is chosen.
#[component]
pub fn ClientOutputs(state: FormState) -> impl IntoView {
    let client = Memo::new(move |_| state.draft.with(|d| d.client));
    move || match client.get() {
        Client::Codex => ().into_any(),
        Client::ClaudeCode => view! { <ClaudeCodeOutputs state=state /> }.into_any(),
        Client::Gemini => view! { <GeminiOutputs state=state /> }.into_any(),
        Client::ClaudeDesktop => view! { <ClaudeDesktopOutputs state=state /> }.into_any(),
    }
}

/// A client's settings file merged with what the page writes: a box to
/// paste the person's `settings.json` into, and the whole file back (or
/// why it cannot be read). `ids` are the test ids of the box, the error
/// and the merged file; `what` says what goes in.
#[component]
fn SettingsMerge(
    state: FormState,
    ids: [&'static str; 3],
    what: &'static str,
    merge: fn(&str, &ServerConfig, &[String]) -> Result<MergedJson, String>,
) -> impl IntoView {
    let pasted = RwSignal::new(String::new());
    let merged = Memo::new(move |_| {
        let config = accepted(state)?;
        let known = known_tools(state);
        pasted.with(|text| (!text.trim().is_empty()).then(|| merge(text, &config, &known)))
    });
    let merged_text = Signal::derive(move || {
        merged.with(|m| {
            m.as_ref()
                .and_then(|m| m.as_ref().ok())
                .map(|m| m.text.clone())
        })
    });
    let dropped = move || merged.with(|m| matches!(m, Some(Ok(m)) if m.dropped_comments));
    let problem = move || merged.with(|m| m.as_ref().and_then(|m| m.as_ref().err().cloned()));
    let [input, error, merged_id] = ids;
    view! {
        <label for=input>{format!("Or paste your settings.json to get it back with {what} merged in:")}</label>
        <textarea id=input data-testid=input rows="5" spellcheck="false"
            prop:value=move || pasted.get() on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
        {move || problem().map(|p| view! { <div class="msg error" role="alert" data-testid=error><p>{with_code(&p)}</p></div> })}
        {move || dropped().then(|| view! { <p class="note">"Your file's comments are not in the merged file: JSON has no place for them."</p> })}
        {move || merged_text.get().map(|_| view! {
            <CopyBlock testid=merged_id title="your settings.json, merged" text=merged_text />
        })}
    }
}

/// The discovery check of the Verify tab, for a CLI client: the requests
/// are the MCP authorization spec's, which Codex, Claude Code and Gemini
/// CLI follow alike.
#[component]
fn SignInCheck(state: FormState) -> impl IntoView {
    view! {
        <p class="note">"The check below asks the server what every MCP client asks before it signs in (the MCP authorization spec, which this client follows as Codex does)."</p>
        <super::verify::DiscoveryPanel state=state />
    }
}

/// What the chosen client cannot express as asked, each saying what
/// happens instead (`client-note`).
#[component]
fn ClientNotes(state: FormState) -> impl IntoView {
    let notes = move || {
        let known = known_tools(state);
        state.validation.with(|v| {
            v.config.as_ref().map_or_else(Vec::new, |c| {
                let refusal = client_refusal(c).map(|r| ("msg error", r));
                let notes = client_notes(c, &known)
                    .into_iter()
                    .map(|n| ("msg warning", n));
                refusal.into_iter().chain(notes).collect()
            })
        })
    };
    move || {
        notes()
            .into_iter()
            .map(|(class, note)| {
                view! { <div class=class data-testid="client-note"><p>{with_code(&note)}</p></div> }
            })
            .collect_view()
    }
}
