//! The picker's choices, in three parts that go live one by one: when
//! Codex asks and all tools or only some; the rows; a tool added by name,
//! the destructive tools at once, and what the lists get wrong, with fixes.

use leptos::prelude::*;

use super::rows::{ToolRow, edit, rows, set_approval, toggle};
use crate::model::{ApprovalMode, Field, ToolEffect};
use crate::render::{Section, Word};
use crate::ui::state::FormState;
use crate::ui::widgets::{FieldMessages, Say, VersionNotes, hides, word};
use crate::validate::NotePlace;
use crate::validate::tools::tools_not_on_server;

/// Buttons that replace a name the server lacks with its nearest real name.
#[component]
fn NearestFixes(state: FormState) -> impl IntoView {
    let fixes = move || {
        state.server_tools.with(|server| {
            server.as_ref().map_or_else(Vec::new, |server| {
                state.draft.with(|d| tools_not_on_server(&d.tools, server))
            })
        })
    };
    move || {
        fixes()
            .into_iter()
            .filter_map(|m| m.nearest.map(|nearest| (m.name, nearest)))
            .map(|(name, nearest)| {
                let label = format!("Use {nearest} instead of {name}");
                let (from, to) = (name.clone(), nearest.clone());
                view! {
                    <button type="button" class="secondary fix" data-testid="tools-fix" aria-label=label
                        on:click=move |_| state.draft.update(|d| d.tools.rename(&from, &to))>
                        "Use " <code>{nearest}</code> " for " <code>{name}</code>
                    </button>
                }
            })
            .collect_view()
    }
}

/// When the client asks before calling a tool (for a client that reads
/// approvals), and whether it gets all tools or only some.
#[component]
pub fn ToolApproval(state: FormState) -> impl IntoView {
    let allow_only = move || state.draft.with(|d| d.tools.allow_only);
    // Any change to the lists shows their errors from then on.
    let set_mode = move |only: bool| {
        state.touch(Field::Tools);
        state.draft.update(|d| d.tools.allow_only = only);
    };
    view! {
        <div class="field approval" data-section=Section::Approvals.key() hidden=hides(state, Section::Approvals)>
            <label for="approval-default"><Say state=state word=Word::ApprovalLabel /></label>
            <select id="approval-default" data-testid="approval-default"
                on:change=move |ev| {
                    let mode = ApprovalMode::parse(&event_target_value(&ev));
                    state.draft.update(|d| d.default_approval = mode);
                }>
                <option value="" data-word=Word::ApprovalUnset.key() selected=move || state.draft.with(|d| d.default_approval.is_none())>
                    {word(state, Word::ApprovalUnset)}
                </option>
                {ApprovalMode::ALL.into_iter().map(|mode| view! {
                    <option value=mode.as_str() data-word=Word::Approval(mode).key() selected=move || state.draft.with(|d| d.default_approval == Some(mode))>
                        {word(state, Word::Approval(mode))}
                    </option>
                }).collect_view()}
            </select>
            <p class="hint"><Say state=state word=Word::ApprovalHint /></p>
            <VersionNotes state=state place=NotePlace::DefaultApproval />
        </div>
        <div class="mode" role="radiogroup" aria-label="Which tools">
            <label>
                <input type="radio" name="tool-mode" data-testid="tools-all"
                    checked=!untrack(allow_only)
                    prop:checked=move || !allow_only() on:change=move |_| set_mode(false) />
                "All tools the server offers"
            </label>
            <label>
                <input type="radio" name="tool-mode" data-testid="tools-only"
                    checked=untrack(allow_only)
                    prop:checked=allow_only on:change=move |_| set_mode(true) />
                "Only the tools I pick"
            </label>
        </div>
    }
}

/// The rows; `extra` holds the names added by hand.
#[component]
pub fn ToolTable(state: FormState, extra: RwSignal<Vec<String>>) -> impl IntoView {
    view! {
        <table class="tool-table">
            <thead>
                <tr><th scope="col">"Tool"</th><th scope="col">"Only"</th><th scope="col">"Block"</th><th scope="col"><span class="sr-only">"Remove"</span></th></tr>
            </thead>
            <tbody>
                {move || rows(state, &extra.read()).into_iter().map(|row| view! { <ToolRow state=state row=row extra=extra /> }).collect_view()}
            </tbody>
        </table>
    }
}

/// A tool added by name (into `extra`), the destructive tools at once, and
/// what the lists get wrong, with fixes.
#[component]
pub fn ToolAdditions(state: FormState, extra: RwSignal<Vec<String>>) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let allow_only = move || state.draft.with(|d| d.tools.allow_only);
    let add_typed = move || {
        let name = typed.get_untracked().trim().to_owned();
        if name.is_empty() {
            return;
        }
        // In "only these" mode a typed tool is meant to be allowed; otherwise
        // the only reason to name it is to block it.
        let only = allow_only();
        let added = name.clone();
        edit(state, move |tools| {
            if only {
                toggle(&mut tools.enabled_tools, &added, true);
            } else {
                toggle(&mut tools.disabled_tools, &added, true);
            }
        });
        extra.update(|e| {
            if !e.contains(&name) {
                e.push(name);
            }
        });
        typed.set(String::new());
    };
    let destructive = move || {
        rows(state, &[])
            .into_iter()
            .filter(|r| !r.typed && r.effect == ToolEffect::Destructive)
            .map(|r| r.name)
            .collect::<Vec<_>>()
    };
    let has_destructive = move || !destructive().is_empty();
    let ask_destructive = move || {
        let names = destructive();
        state.draft.update(|d| {
            for name in names {
                set_approval(d, &name, Some(ApprovalMode::Prompt));
                toggle(&mut d.tools.disabled_tools, &name, false);
            }
        });
    };
    let block_destructive = move || {
        let names = destructive();
        edit(state, move |t| {
            for name in &names {
                toggle(&mut t.disabled_tools, name, true);
            }
        });
    };
    view! {
        <div class="add-tool">
            <label for="tool-name-input">"Add a tool by name"</label>
            <div class="inline">
                <input type="text" id="tool-name-input" data-testid="tool-name-input" autocomplete="off" spellcheck="false"
                    placeholder="e.g. traces_search"
                    prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev))
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            add_typed();
                        }
                    } />
                <button type="button" class="secondary" data-testid="tool-add" on:click=move |_| add_typed()>
                    {move || if allow_only() { "Add to “only”" } else { "Add to “block”" }}
                </button>
            </div>
        </div>
        {move || has_destructive().then(|| view! {
            <button type="button" class="secondary" data-testid="ask-destructive" on:click=move |_| ask_destructive()
                data-section=Section::Approvals.key() hidden=hides(state, Section::Approvals)>
                "Ask me every time for destructive tools"
            </button>
            <button type="button" class="secondary" data-testid="block-destructive" on:click=move |_| block_destructive()>
                "Block destructive tools"
            </button>
        })}
        <FieldMessages state=state field=Field::Tools id="tools" testid="tools" />
        <div class="fixes"><NearestFixes state=state /></div>
    }
}
