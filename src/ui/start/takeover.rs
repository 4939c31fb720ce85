//! Taking over the prerendered page.
//!
//! The build renders [`App`](crate::ui::App) to HTML with the presets'
//! defaults and puts it in `<div id="page">` (src/bin/prerender.rs,
//! scripts/csp-hook.mjs), so the form shows and takes typing before the
//! WebAssembly has arrived. When it has, each part of the page ([`Part`])
//! is mounted afresh in its wrapper, one part per task so that no task
//! blocks the page for long, each within one task so that nothing moves
//! between two paints (all in one task when the live page will differ from
//! the prerendered one). A part is marked live once mounted; what the
//! person did to it before (every press, key and input, which the page's
//! early script keeps) is then applied to the live part, in order, by that
//! script: one mechanism for every control, whichever part of the program
//! owns it. The outer elements (`<main>`, `<form>`) stay.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::HtmlElement;

use crate::presets::Presets;
use crate::ui::later::Status;
use crate::ui::page::Page;
use crate::ui::state::Start;
use crate::ui::widgets::{Part, take_over};

/// Takes over the prerendered page in `root`, part by part; `root` gets
/// `data-started` once every part the program takes over at start is live,
/// and `data-live` once what the person did before is applied too (by the
/// early script, which marks `root` `data-keeps-presses`; without it, at
/// once).
pub fn take_over_page(root: HtmlElement, presets: Presets, start: Start) {
    // The page's effects are created before the first mount starts the executor.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    // The build prerenders the shipped presets, the built-in ones; an
    // operator's own file changes the page at takeover.
    let own_presets = presets != Presets::default();
    let owner = Owner::new();
    let page = owner.with(|| Page::new(presets, start));
    // The prerendered form has no handler: Enter in a field must not submit it.
    if let Ok(Some(form)) = root.query_selector("form") {
        let prevent =
            Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| ev.prevent_default());
        let _ = form.add_event_listener_with_callback("submit", prevent.as_ref().unchecked_ref());
        prevent.forget();
    }
    // A share link or a saved draft painted as itself (scripts/early.js:
    // the link's banner, the name and URL), so its parts go live one by one
    // like the plain page's. An operator's own presets (another title,
    // defaults, catalog) or what the person did before takeover (a URL
    // brings the outputs; the early script marks the page `data-touched`)
    // change the parts' sizes: then every part goes live in this task, so
    // that what moves moves once, in the takeover's frame.
    let at_once = own_presets || root.has_attribute("data-touched");
    // The parts that load later and were pressed already (the early script
    // marks them `data-pressed`) go live in the same frame as the rest:
    // wait until their code is here, then take over everything at once.
    let pressed: Vec<Part> = [Part::Tools, Part::Setup]
        .into_iter()
        .filter(|p| p.pressed())
        .collect();
    // A page for another client than the default speaks that client's
    // words from its first live frame, as the early script painted them:
    // wait for them too (they come with the form's module).
    let state = page.state();
    let other_client = state.client.get_untracked() != crate::render::default_words().client();
    if !pressed.is_empty() || other_client {
        let loader = page.loader();
        return leptos::task::spawn_local(async move {
            if other_client
                && !crate::ui::widgets::have_words()
                && let Some(words_of) = crate::ui::later::client_words().await
            {
                crate::ui::widgets::words_arrived(state, words_of);
            }
            loader.fetched(&pressed).await;
            // The parts of the module that just arrived mount as it does
            // (the client's choice, its panel): the takeover's first part
            // in a task of its own, not theirs (a long task on a slow
            // phone), unless something pressed goes live with everything.
            if pressed.is_empty() {
                crate::ui::io::browser::next_task().await;
            }
            step(root, owner, page, 0, at_once || !pressed.is_empty());
        });
    }
    // Starting the module and the page's state is a task's work already:
    // the first part goes live in the next one.
    set_timeout(move || step(root, owner, page, 0, at_once), Duration::ZERO);
}

/// Takes over the `i`th part of [`Part::AT_START`], then the next, in a
/// task of its own unless `at_once`.
fn step(root: HtmlElement, owner: Owner, page: Page, i: usize, at_once: bool) {
    let Some(&part) = Part::AT_START.get(i) else {
        let done = if root.has_attribute("data-keeps-presses") {
            "data-started"
        } else {
            "data-live"
        };
        // The notes that must show from the start (a link's review, …)
        // load beside the takeover: the page is started once they are here
        // (or say why they could not load).
        if page.notes_now() {
            let loader = page.loader();
            owner.with(|| {
                Effect::new(move |_| {
                    if loader.status(Part::Notices) != Status::Loading {
                        let _ = root.set_attribute(done, "");
                    }
                })
            });
        } else {
            let _ = root.set_attribute(done, "");
        }
        // The page lives as long as the tab.
        std::mem::forget(owner);
        return;
    };
    let wrapper = root
        .query_selector(&format!("#{}", part.id()))
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    if let Some(wrapper) = wrapper {
        owner.with(|| take_over(&wrapper, |parent| mount_part(part, parent, page.clone())));
    }
    if at_once {
        step(root, owner, page, i + 1, at_once);
    } else {
        set_timeout(
            move || step(root, owner, page, i + 1, at_once),
            Duration::ZERO,
        );
    }
}

/// Mounts `part` of `page` in its `wrapper`. One arm per part, so that each
/// mounts its own view type (no type-erased view, which costs bytes).
fn mount_part(part: Part, wrapper: HtmlElement, page: Page) {
    use leptos::mount::mount_to;
    match part {
        Part::Head => mount_to(wrapper, move || page.head()).forget(),
        Part::Fields => mount_to(wrapper, move || page.fields()).forget(),
        Part::FieldsRelease => mount_to(wrapper, move || page.fields_release()).forget(),
        // These load later and take over their wrappers themselves.
        Part::Notices
        | Part::Review
        | Part::Tools
        | Part::Setup
        | Part::Client
        | Part::Merge
        | Part::Verify
        | Part::Admin
        | Part::Clients => {}
        // The outputs' wrapper stays; its parts are taken over one by one.
        Part::Outputs => {}
        Part::OutputsHead => mount_to(wrapper, move || page.outputs_head()).forget(),
        Part::OutputsTerminal => mount_to(wrapper, move || page.outputs_terminal()).forget(),
        Part::OutputsConfig => mount_to(wrapper, move || page.outputs_config()).forget(),
        Part::OutputsApp => mount_to(wrapper, move || page.outputs_app()).forget(),
        Part::OutputsLater => mount_to(wrapper, move || page.outputs_later()).forget(),
        Part::OutputsShare => mount_to(wrapper, move || page.outputs_share()).forget(),
        Part::Foot => mount_to(wrapper, move || page.foot()).forget(),
    }
}
