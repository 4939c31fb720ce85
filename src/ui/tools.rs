//! The tool picker: all tools or only some, a block list, and tools typed by name.

use leptos::prelude::*;

use super::FormState;
use super::fields::FieldMessages;
use crate::catalog::ToolKind;
use crate::model::{Field, ToolSelection};

/// One row of the picker.
#[derive(Clone, PartialEq)]
struct Row {
    name: String,
    description: Option<String>,
    destructive: bool,
}

fn toggle(list: &mut Vec<String>, name: &str, on: bool) {
    list.retain(|t| t != name);
    if on {
        list.push(name.to_owned());
    }
}

/// Catalog tools first, then any other name in either list or added here.
fn rows(state: FormState, extra: &[String]) -> Vec<Row> {
    let mut rows: Vec<Row> = state.catalog.with_value(|catalog| {
        catalog
            .iter()
            .map(|t| Row {
                name: t.name.clone(),
                description: Some(t.description.clone()),
                destructive: t.kind == ToolKind::Destructive,
            })
            .collect()
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
                    description: None,
                    destructive: false,
                });
            }
        }
    });
    rows
}

/// The picker.
#[component]
pub fn ToolPicker(state: FormState) -> impl IntoView {
    let extra = RwSignal::new(Vec::<String>::new());
    let typed = RwSignal::new(String::new());
    let allow_only = move || state.draft.with(|d| d.tools.allow_only);
    let set_mode = move |only: bool| state.draft.update(|d| d.tools.allow_only = only);
    let edit =
        move |f: Box<dyn FnOnce(&mut ToolSelection)>| state.draft.update(|d| f(&mut d.tools));

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
        state.catalog.with_value(|c| {
            c.iter()
                .filter(|t| t.kind == ToolKind::Destructive)
                .map(|t| t.name.clone())
                .collect::<Vec<_>>()
        })
    };
    let has_destructive = move || !destructive().is_empty();
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
        let is_custom = row.description.is_none();
        let remove_name = name.clone();
        view! {
            <tr class:destructive=row.destructive>
                <th scope="row">
                    <code class="tool-name">{name.clone()}</code>
                    {row.destructive.then(|| view! { <span class="badge danger">"changes data"</span> })}
                    {row.description.map(|d| view! { <div class="tool-desc">{d}</div> })}
                    {is_custom.then(|| view! { <div class="tool-desc">"Added by name"</div> })}
                </th>
                <td>
                    <input type="checkbox" aria-label=format!("Only {name}: allow {name}")
                        prop:disabled=move || !allow_only()
                        prop:checked=move || state.draft.with(|d| d.tools.enabled_tools.contains(&n1))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            let n = n2.clone();
                            edit(Box::new(move |t| toggle(&mut t.enabled_tools, &n, on)));
                        } />
                </td>
                <td>
                    <input type="checkbox" aria-label=format!("Block {name}")
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
                "The list shows the tools Kloudfuse documents; your server may offer more. Add any other tool by its exact name."
            </p>
            <div class="mode" role="radiogroup" aria-label="Which tools">
                <label>
                    <input type="radio" name="tool-mode" data-testid="tools-all"
                        prop:checked=move || !allow_only() on:change=move |_| set_mode(false) />
                    "All tools the server offers"
                </label>
                <label>
                    <input type="radio" name="tool-mode" data-testid="tools-only"
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
                <button type="button" class="secondary" data-testid="block-destructive" on:click=move |_| block_destructive()>
                    "Block destructive tools"
                </button>
            })}
            <FieldMessages state=state field=Field::Tools id="tools" testid="tools" />
        </fieldset>
    }
}
