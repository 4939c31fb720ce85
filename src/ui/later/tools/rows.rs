//! The picker's rows: one per tool the page knows (the server's list once
//! imported, else the presets' catalog) or the person named, each with its
//! effect, its approval and its "only" and "block" boxes.

use leptos::prelude::*;

use crate::model::{ApprovalMode, Draft, Field, Tool, ToolEffect, ToolSelection};
use crate::render::{Section, Word};
use crate::ui::state::FormState;
use crate::ui::widgets::{VersionNotes, hides, word};
use crate::validate::NotePlace;

/// One row of the picker.
#[derive(Clone, PartialEq)]
pub(super) struct Row {
    pub(super) name: String,
    title: Option<String>,
    description: Option<String>,
    pub(super) effect: ToolEffect,
    /// Named by the person, not offered by the list shown.
    pub(super) typed: bool,
}

pub(super) fn toggle(list: &mut Vec<String>, name: &str, on: bool) {
    list.retain(|t| t != name);
    if on {
        list.push(name.to_owned());
    }
}

/// The server's tools once imported (else the presets' catalog), then any
/// other name in either list or added here.
pub(super) fn rows(state: FormState, extra: &[String]) -> Vec<Row> {
    // One kind of tool, whether imported or from the presets.
    let known = |tools: &[Tool]| -> Vec<Row> {
        tools
            .iter()
            .map(|t| Row {
                name: t.name.clone(),
                title: t.title.clone(),
                description: t.description.clone(),
                effect: t.effect,
                typed: false,
            })
            .collect()
    };
    let mut rows = state.server_tools.with(|server| match server {
        Some(tools) => known(tools),
        None => state.catalog.with_value(|catalog| known(catalog)),
    });
    state.draft.with(|d| {
        let typed = d
            .tools
            .enabled_tools
            .iter()
            .chain(&d.tools.disabled_tools)
            .chain(extra);
        for name in typed {
            if !rows.iter().any(|r| &r.name == name) {
                rows.push(Row {
                    name: name.clone(),
                    title: None,
                    description: None,
                    effect: ToolEffect::Unknown,
                    typed: true,
                });
            }
        }
    });
    rows
}

/// Changes the tool lists as the person does: their errors show from then on.
pub(super) fn edit(state: FormState, change: impl FnOnce(&mut ToolSelection)) {
    state.touch(Field::Tools);
    state.draft.update(|d| change(&mut d.tools));
}

/// Sets (or, with `None`, clears) the approval mode of one tool.
pub(super) fn set_approval(draft: &mut Draft, tool: &str, mode: Option<ApprovalMode>) {
    draft.tool_approvals.retain(|(t, _)| t != tool);
    if let Some(mode) = mode {
        draft.tool_approvals.push((tool.to_owned(), mode));
    }
}

/// A tool's approval mode: the server default, or one of the form's four,
/// in the chosen client's words (for a client that reads approvals).
#[component]
fn ApprovalSelect(state: FormState, tool: String) -> impl IntoView {
    let current = {
        let tool = tool.clone();
        move || {
            state.draft.with(|d| {
                d.tool_approvals
                    .iter()
                    .find(|(t, _)| *t == tool)
                    .map(|(_, m)| *m)
            })
        }
    };
    let options = ApprovalMode::ALL
        .into_iter()
        .map(|mode| {
            let current = current.clone();
            view! {
                <option value=mode.as_str() data-word=Word::Approval(mode).key() selected=move || current() == Some(mode)>
                    {word(state, Word::Approval(mode))}
                </option>
            }
        })
        .collect_view();
    let label = format!("Approval for {tool}");
    let is_default = {
        let current = current.clone();
        move || current().is_none()
    };
    view! {
        <select class="tool-approval" data-testid="tool-approval" aria-label=label
            data-section=Section::Approvals.key() hidden=hides(state, Section::Approvals)
            on:change=move |ev| {
                let mode = ApprovalMode::parse(&event_target_value(&ev));
                state.draft.update(|d| set_approval(d, &tool, mode));
            }>
            <option value="" selected=is_default>"Server default"</option>
            {options}
        </select>
    }
}

/// One tool's row; `extra` holds the names added by hand, which a row of
/// such a name can take out again.
#[component]
pub(super) fn ToolRow(state: FormState, row: Row, extra: RwSignal<Vec<String>>) -> impl IntoView {
    let name = row.name.clone();
    let (n1, n2, n3, n4) = (name.clone(), name.clone(), name.clone(), name.clone());
    let is_custom = row.typed;
    let remove_name = name.clone();
    let effect = row.effect;
    let badge_class = match effect {
        ToolEffect::ReadOnly => "badge safe",
        ToolEffect::Write => "badge write",
        ToolEffect::Destructive => "badge danger",
        ToolEffect::Unknown => "badge unknown",
    };
    let typed_note = if state.server_tools.with_untracked(Option::is_some) {
        "Not on your server's list"
    } else {
        "Added by name"
    };
    view! {
        <tr class:destructive=effect == ToolEffect::Destructive data-testid="tool-row"
            data-name=name.clone() data-effect=effect.as_str()>
            <th scope="row">
                <code class="tool-name">{name.clone()}</code>
                {(!is_custom).then(|| view! { <span class=badge_class>{effect.label()}</span> })}
                {row.title.map(|t| view! { <div class="tool-title">{t}</div> })}
                {row.description.map(|d| view! { <div class="tool-desc">{d}</div> })}
                {is_custom.then(|| view! { <div class="tool-desc">{typed_note}</div> })}
                <ApprovalSelect state=state tool=name.clone() />
                <VersionNotes state=state place=NotePlace::ToolApproval(name.clone()) />
            </th>
            <td>
                <input type="checkbox" data-testid="tool-only" aria-label=format!("Only {name}: allow {name}")
                    disabled=move || !state.draft.with(|d| d.tools.allow_only)
                    checked=state.draft.with_untracked(|d| d.tools.enabled_tools.contains(&n1))
                    prop:checked=move || state.draft.with(|d| d.tools.enabled_tools.contains(&n1))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        let n = n2.clone();
                        edit(state, move |t| toggle(&mut t.enabled_tools, &n, on));
                    } />
            </td>
            <td>
                <input type="checkbox" data-testid="tool-block" aria-label=format!("Block {name}")
                    checked=state.draft.with_untracked(|d| d.tools.disabled_tools.contains(&n3))
                    prop:checked=move || state.draft.with(|d| d.tools.disabled_tools.contains(&n3))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        let n = n4.clone();
                        edit(state, move |t| toggle(&mut t.disabled_tools, &n, on));
                    } />
            </td>
            <td>
                {is_custom.then(|| {
                    let label = format!("Remove {remove_name}");
                    view! {
                        <button type="button" class="icon" aria-label=label.clone() title=label
                            on:click=move |_| {
                                let n = remove_name.clone();
                                extra.update(|e| e.retain(|t| *t != n));
                                edit(state, move |t| {
                                    toggle(&mut t.enabled_tools, &n, false);
                                    toggle(&mut t.disabled_tools, &n, false);
                                });
                            }>"×"</button>
                    }
                })}
            </td>
        </tr>
    }
}
