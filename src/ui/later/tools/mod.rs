//! The tool picker, which loads later (prerendered for the first paint):
//! all tools or only some, a block list, and tools typed by name.

mod connect;
mod source;

use leptos::prelude::*;

use self::source::ToolSource;
use crate::model::{ApprovalMode, Draft, Field, ToolSelection};
use crate::model::{Tool, ToolEffect};
use crate::ui::state::FormState;
use crate::ui::widgets::{FieldMessages, VersionNotes};
use crate::validate::NotePlace;
use crate::validate::tools::tools_not_on_server;

/// One row of the picker.
#[derive(Clone, PartialEq)]
struct Row {
    name: String,
    title: Option<String>,
    description: Option<String>,
    effect: ToolEffect,
    /// Named by the person, not offered by the list shown.
    typed: bool,
}

fn toggle(list: &mut Vec<String>, name: &str, on: bool) {
    list.retain(|t| t != name);
    if on {
        list.push(name.to_owned());
    }
}

/// The server's tools once imported (else the presets' catalog), then any
/// other name in either list or added here.
fn rows(state: FormState, extra: &[String]) -> Vec<Row> {
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

/// Sets (or, with `None`, clears) the approval mode of one tool.
fn set_approval(draft: &mut Draft, tool: &str, mode: Option<ApprovalMode>) {
    draft.tool_approvals.retain(|(t, _)| t != tool);
    if let Some(mode) = mode {
        draft.tool_approvals.push((tool.to_owned(), mode));
    }
}

/// A tool's approval mode: the server default, or one of Codex's four.
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
            view! { <option value=mode.as_str() selected=move || current() == Some(mode)>{mode.describe()}</option> }
        })
        .collect_view();
    let label = format!("Approval for {tool}");
    let is_default = {
        let current = current.clone();
        move || current().is_none()
    };
    view! {
        <select class="tool-approval" data-testid="tool-approval" aria-label=label
            on:change=move |ev| {
                let mode = ApprovalMode::parse(&event_target_value(&ev));
                state.draft.update(|d| set_approval(d, &tool, mode));
            }>
            <option value="" selected=is_default>"Server default"</option>
            {options}
        </select>
    }
}

/// The picker.
#[component]
pub fn ToolPicker(state: FormState) -> impl IntoView {
    let extra = RwSignal::new(Vec::<String>::new());
    let typed = RwSignal::new(String::new());
    let allow_only = move || state.draft.with(|d| d.tools.allow_only);
    // Any change to the lists shows their errors from then on.
    let set_mode = move |only: bool| {
        state.touch(Field::Tools);
        state.draft.update(|d| d.tools.allow_only = only);
    };
    let edit = move |f: Box<dyn FnOnce(&mut ToolSelection)>| {
        state.touch(Field::Tools);
        state.draft.update(|d| f(&mut d.tools));
    };

    let add_typed = move || {
        let name = typed.get_untracked().trim().to_owned();
        if name.is_empty() {
            return;
        }
        // In "only these" mode a typed tool is meant to be allowed; otherwise
        // the only reason to name it is to block it.
        let only = allow_only();
        let added = name.clone();
        edit(Box::new(move |tools| {
            if only {
                toggle(&mut tools.enabled_tools, &added, true);
            } else {
                toggle(&mut tools.disabled_tools, &added, true);
            }
        }));
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
        edit(Box::new(move |t| {
            for name in &names {
                toggle(&mut t.disabled_tools, name, true);
            }
        }));
    };

    let row_view = move |row: Row| {
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
                        disabled=move || !allow_only()
                        checked=state.draft.with_untracked(|d| d.tools.enabled_tools.contains(&n1))
                        prop:checked=move || state.draft.with(|d| d.tools.enabled_tools.contains(&n1))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            let n = n2.clone();
                            edit(Box::new(move |t| toggle(&mut t.enabled_tools, &n, on)));
                        } />
                </td>
                <td>
                    <input type="checkbox" data-testid="tool-block" aria-label=format!("Block {name}")
                        checked=state.draft.with_untracked(|d| d.tools.disabled_tools.contains(&n3))
                        prop:checked=move || state.draft.with(|d| d.tools.disabled_tools.contains(&n3))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            let n = n4.clone();
                            edit(Box::new(move |t| toggle(&mut t.disabled_tools, &n, on)));
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
                                    edit(Box::new(move |t| {
                                        toggle(&mut t.enabled_tools, &n, false);
                                        toggle(&mut t.disabled_tools, &n, false);
                                    }));
                                }>"×"</button>
                        }
                    })}
                </td>
            </tr>
        }
    };

    view! {
        <fieldset class="tools" aria-describedby="tools-hint">
            <legend>"Tools Codex may call"</legend>
            <p class="hint" id="tools-hint">
                "Choose all the server's tools, or only some, and block any. Add any other tool by its exact name."
            </p>
            <ToolSource state=state />
            <div class="field approval">
                <label for="approval-default">"When Codex asks before calling a tool"</label>
                <select id="approval-default" data-testid="approval-default"
                    on:change=move |ev| {
                        let mode = ApprovalMode::parse(&event_target_value(&ev));
                        state.draft.update(|d| d.default_approval = mode);
                    }>
                    <option value="" selected=move || state.draft.with(|d| d.default_approval.is_none())>
                        "Not set: Codex's default"
                    </option>
                    {ApprovalMode::ALL.into_iter().map(|mode| view! {
                        <option value=mode.as_str() selected=move || state.draft.with(|d| d.default_approval == Some(mode))>
                            {mode.describe()}
                        </option>
                    }).collect_view()}
                </select>
                <p class="hint">"Each tool below can differ. The Codex app's form cannot set these; they live in config.toml."</p>
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
            <table class="tool-table">
                <thead>
                    <tr><th scope="col">"Tool"</th><th scope="col">"Only"</th><th scope="col">"Block"</th><th scope="col"><span class="sr-only">"Remove"</span></th></tr>
                </thead>
                <tbody>
                    {move || rows(state, &extra.read()).into_iter().map(row_view).collect_view()}
                </tbody>
            </table>
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
                <button type="button" class="secondary" data-testid="ask-destructive" on:click=move |_| ask_destructive()>
                    "Ask me every time for destructive tools"
                </button>
                <button type="button" class="secondary" data-testid="block-destructive" on:click=move |_| block_destructive()>
                    "Block destructive tools"
                </button>
            })}
            <FieldMessages state=state field=Field::Tools id="tools" testid="tools" />
            <div class="fixes"><NearestFixes state=state /></div>
        </fieldset>
    }
}
