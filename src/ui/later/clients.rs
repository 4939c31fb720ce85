//! The panel of the chosen client, when its outputs are a panel (every
//! client but the one the tabs are for): what its room ([`Room::panel`])
//! lays out — commands, settings, form values, the box to merge a pasted
//! settings file, the sign-in check, the administrators' files — with the
//! notes for what it cannot express on top. One component for every
//! client: a client is its room, not code here. A part of its own, fetched
//! when such a client is chosen (or a link chooses one).

use leptos::prelude::*;

use crate::model::ServerConfig;
use crate::render::{Block, Layout, Merged, Output, Room, Tone, room};
use crate::ui::state::FormState;
use crate::ui::widgets::{CopyBlock, rich};

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
/// ([`Room::refusal`]).
fn accepted(state: FormState, room: &dyn Room) -> Option<ServerConfig> {
    state
        .validation
        .with(|v| v.config.clone())
        .filter(|c| room.refusal(c).is_none())
}

/// The chosen client's panel; nothing while the chosen client's outputs
/// are the tabs.
#[component]
pub fn ClientOutputs(state: FormState) -> impl IntoView {
    // What the person pasted into a merge box, by the box's id: kept while
    // the panel is laid out again for each change of the form.
    let pastes = Pastes(RwSignal::new(Vec::new()));
    move || {
        let client = state.client.get();
        let room = room(client);
        (room.layout() == Layout::Panel).then(|| {
            let blocks = Memo::new(move |_| {
                let known = known_tools(state);
                let mut blocks = room.panel(accepted(state, room).as_ref(), &known);
                // Every client's administrators' section holds the cluster's
                // redirect allowlist.
                if !blocks.iter().any(|b| matches!(b, Block::Admin(_))) {
                    blocks.push(Block::Admin(Vec::new()));
                }
                blocks
            });
            // The blocks up to the first that takes long to lay out (a merge
            // box, the sign-in check, the administrators') go live at once,
            // then one block per task: the whole panel in one task blocked a
            // slow phone for longer than a frame (bench.sh's link-client row).
            let shown = RwSignal::new(blocks.with_untracked(|b| heavy_from(b)));
            reveal(shown, blocks);
            let count = move || blocks.with(Vec::len);
            view! {
                <div class="panel client-panel" data-client=client.id()>
                    <ClientNotes state=state room=room />
                    {move || (0..count()).map(|i| {
                        let visible = Memo::new(move |_| shown.get() > i);
                        move || visible.get().then(|| blocks.with(|b| b.get(i).cloned())).flatten()
                            .map(|b| show(state, room, pastes, b))
                    }).collect_view()}
                </div>
            }
        })
    }
}

/// Shows one more of `blocks` in each task until `shown` counts them all;
/// then every block shows, however many the panel comes to have. Stops
/// when the panel is gone (another client chosen meanwhile).
fn reveal(shown: RwSignal<usize>, blocks: Memo<Vec<Block>>) {
    let (Some(now), Some(all)) = (
        shown.try_get_untracked(),
        blocks.try_with_untracked(Vec::len),
    ) else {
        return;
    };
    if now >= all {
        shown.try_set(usize::MAX);
        return;
    }
    set_timeout(
        move || {
            if shown.try_update(|n| *n += 1).is_some() {
                reveal(shown, blocks);
            }
        },
        std::time::Duration::ZERO,
    );
}

/// Where the panel's blocks that take long to lay out begin.
fn heavy_from(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .position(|b| {
            matches!(
                b,
                Block::Merge { .. } | Block::SignInCheck | Block::Admin(_)
            )
        })
        .unwrap_or(blocks.len())
}

/// The texts pasted into a panel's merge boxes, by the box's id.
#[derive(Clone, Copy)]
struct Pastes(RwSignal<Vec<(&'static str, String)>>);

impl Pastes {
    /// What is in the box `id` (tracked).
    fn get(self, id: &'static str) -> String {
        self.0.with(|all| {
            all.iter()
                .find(|(box_id, _)| *box_id == id)
                .map(|(_, text)| text.clone())
                .unwrap_or_default()
        })
    }

    /// Puts `text` in the box `id`.
    fn set(self, id: &'static str, text: String) {
        self.0.update(|all| {
            all.retain(|(box_id, _)| *box_id != id);
            all.push((id, text));
        });
    }
}

/// One block of a panel.
fn show(state: FormState, room: &'static dyn Room, pastes: Pastes, block: Block) -> AnyView {
    match block {
        Block::Heading(text) => view! { <h3>{text}</h3> }.into_any(),
        Block::Text { tone, testid, text } => match tone {
            Tone::Plain => view! { <p data-testid=testid>{rich(&text)}</p> }.into_any(),
            Tone::Note => view! { <p class="note" data-testid=testid>{rich(&text)}</p> }.into_any(),
            Tone::Warning => view! {
                <div class="msg warning" data-testid=testid><p>{rich(&text)}</p></div>
            }
            .into_any(),
        },
        Block::Steps(steps) => view! {
            <ol class="steps">{steps.into_iter().map(|s| view! { <li>{rich(&s)}</li> }).collect_view()}</ol>
        }
        .into_any(),
        Block::List { testid, items } => view! {
            <ul data-testid=testid>{items.into_iter().map(|i| view! { <li>{rich(&i)}</li> }).collect_view()}</ul>
        }
        .into_any(),
        Block::Copy(Output {
            testid,
            title,
            text,
        }) => view! { <CopyBlock testid=testid title=title text=Signal::stored(text) /> }.into_any(),
        Block::Link {
            output: Output {
                testid,
                title,
                text,
            },
            label,
        } => view! { <CopyBlock testid=testid title=title text=Signal::stored(text) link=label /> }
            .into_any(),
        Block::Merge { ids, what, file } => {
            view! { <SettingsMerge state=state room=room pastes=pastes ids=ids what=what file=file /> }.into_any()
        }
        Block::SignInCheck => view! {
            <p class="note">"The check below asks the server what " {room.client().name()}
                " asks before it signs in, as the MCP authorization spec has every client ask."</p>
            <super::verify::DiscoveryPanel state=state />
        }
        .into_any(),
        Block::Admin(inner) => view! {
            <details class="admin">
                <summary>"For administrators"</summary>
                {inner.into_iter().map(|b| show(state, room, pastes, b)).collect_view()}
                <super::redirects::RedirectAllowlist state=state nested=true />
            </details>
        }
        .into_any(),
    }
}

/// A client's settings file merged with what the page writes: a box to
/// paste the person's file into, and the whole file back (or why it
/// cannot be read). `ids` are the test ids of the box, the error and the
/// merged file; `what` says what goes in, `file` names the file. The pasted text is kept in
/// `pastes`, whatever the form's other fields do.
#[component]
fn SettingsMerge(
    state: FormState,
    room: &'static dyn Room,
    pastes: Pastes,
    ids: [&'static str; 3],
    what: &'static str,
    file: &'static str,
) -> impl IntoView {
    let [input, error, merged_id] = ids;
    let merged = Memo::new(move |_| {
        let config = accepted(state, room)?;
        let known = known_tools(state);
        let text = pastes.get(input);
        (!text.trim().is_empty())
            .then(|| room.merge(&text, &config, &known))
            .flatten()
    });
    let merged_text = Signal::derive(move || {
        merged.with(|m| {
            m.as_ref()
                .and_then(|m| m.as_ref().ok())
                .map(|m: &Merged| m.text.clone())
        })
    });
    let dropped = move || merged.with(|m| matches!(m, Some(Ok(m)) if m.dropped_comments));
    let problem = move || merged.with(|m| m.as_ref().and_then(|m| m.as_ref().err().cloned()));
    view! {
        <label for=input>{format!("Or paste your {file} to get it back with {what} merged in:")}</label>
        <textarea id=input data-testid=input rows="5" spellcheck="false"
            prop:value=move || pastes.get(input) on:input=move |ev| pastes.set(input, event_target_value(&ev))></textarea>
        {move || problem().map(|p| view! { <div class="msg error" role="alert" data-testid=error><p>{rich(&p)}</p></div> })}
        {move || dropped().then(|| view! { <p class="note">"Your file's comments are not in the merged file: JSON has no place for them."</p> })}
        {move || merged_text.get().map(|_| view! {
            <CopyBlock testid=merged_id title="your settings.json, merged" text=merged_text />
        })}
    }
}

/// What the chosen client refuses (`msg error`) and cannot express as
/// asked (`msg warning`), each a `client-note` saying what happens instead.
#[component]
fn ClientNotes(state: FormState, room: &'static dyn Room) -> impl IntoView {
    let notes = move || {
        let known = known_tools(state);
        state.validation.with(|v| {
            v.config.as_ref().map_or_else(Vec::new, |c| {
                let refusal = room.refusal(c).map(|r| ("msg error", r));
                let notes = room
                    .notes(c, &known)
                    .into_iter()
                    .map(|n| ("msg warning", n));
                refusal.into_iter().chain(notes).collect::<Vec<_>>()
            })
        })
    };
    move || {
        notes()
            .into_iter()
            .map(|(class, note)| {
                view! { <div class=class data-testid="client-note"><p>{rich(&note)}</p></div> }
            })
            .collect_view()
    }
}
