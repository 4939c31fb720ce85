//! Taking over the prerendered page.
//!
//! The build renders [`super::App`] to HTML with the presets' defaults and
//! puts it in `<div id="page">` (src/bin/prerender.rs, scripts/csp-hook.mjs),
//! so the form shows and takes typing before the WebAssembly has arrived.
//! When it has, each part of the page ([`Part`]) is mounted afresh in its
//! wrapper, one part per task so that no task blocks the page for long,
//! each within one task so that nothing moves between two paints (all in
//! one task when the live page will differ from the prerendered one). Whatever
//! the person changed in a part's prerendered controls is replayed into the
//! live ones as the same `input` or `change` event a keystroke or click would
//! have sent, so it reaches the draft through the page's own handlers. Focus,
//! the caret and the open tab follow. The outer elements (`<main>`,
//! `<form>`) stay.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

use super::page::{Page, Part};
use super::start::Start;
use crate::presets::Presets;

/// Takes over the prerendered page in `root`, part by part; `root` gets
/// `data-live` once every part is live.
pub fn take_over(root: HtmlElement, presets: Presets, start: Start) {
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
    // defaults, catalog) or what was typed (a URL brings the outputs)
    // change the parts' sizes: then every part goes live in this task, so
    // that what moves moves once, in the takeover's frame.
    let typed = read(&root);
    let at_once = own_presets || !typed.changed.is_empty();
    // The tool picker is the second module's, but what was chosen in the
    // prerendered one belongs in the outputs from the takeover's frame on.
    page.apply_prerendered_choices(&typed.changed);
    // Starting the module and the page's state is a task's work already:
    // the first part goes live in the next one.
    set_timeout(move || step(root, owner, page, 0, at_once), Duration::ZERO);
}

/// Takes over the `i`th part of [`Part::TAKEOVER`], then the next, in a
/// task of its own unless `at_once`.
fn step(root: HtmlElement, owner: Owner, page: Page, i: usize, at_once: bool) {
    let Some(&part) = Part::TAKEOVER.get(i) else {
        let _ = root.set_attribute("data-live", "");
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
        let typed = read(&wrapper);
        wrapper.set_inner_html("");
        owner.with(|| mount_part(part, wrapper.clone(), page.clone()));
        replay(&wrapper, typed);
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

/// Takes over one prerendered part in `wrapper` with what `mount` mounts
/// there, replaying what the person changed in it: how the second module
/// takes over the part it owns (the tool picker).
pub fn take_over_in(wrapper: &HtmlElement, mount: impl FnOnce(HtmlElement)) {
    let typed = read(wrapper);
    wrapper.set_inner_html("");
    mount(wrapper.clone());
    replay(wrapper, typed);
}

/// The control's current value, where the person changed it.
pub(super) enum Value {
    Text(String),
    Checked(bool),
    Choice(String),
}

/// What the person did to the prerendered page before takeover.
struct Typed {
    /// Each changed control, by [`key`].
    changed: Vec<(String, Value)>,
    focus: Option<(String, Option<u32>, Option<u32>)>,
    /// The tab opened before takeover (scripts/early.js shows its panel),
    /// when it is not the first.
    tab: Option<String>,
}

/// Mounts `part` of `page` in its `wrapper`. One arm per part, so that each
/// mounts its own view type (no type-erased view, which costs bytes).
fn mount_part(part: Part, wrapper: HtmlElement, page: Page) {
    use leptos::mount::mount_to;
    match part {
        Part::Head => mount_to(wrapper, move || page.head()).forget(),
        Part::Notices => mount_to(wrapper, move || page.notices()).forget(),
        Part::Fields => mount_to(wrapper, move || page.fields()).forget(),
        // The second module takes these over (extras.rs).
        Part::Tools | Part::Setup => {}
        Part::Outputs => mount_to(wrapper, move || page.outputs()).forget(),
        Part::Foot => mount_to(wrapper, move || page.foot()).forget(),
    }
}

/// Names a form control the same way in the prerendered and the live page:
/// its id, or its test id with the name of the tool row it sits in and its
/// value (radio buttons).
fn key(el: &Element) -> String {
    if !el.id().is_empty() {
        return el.id();
    }
    let row = el
        .closest("[data-name]")
        .ok()
        .flatten()
        .and_then(|r| r.get_attribute("data-name"))
        .unwrap_or_default();
    let attr = |name| el.get_attribute(name).unwrap_or_default();
    format!(
        "{}|{row}|{}|{}",
        attr("data-testid"),
        attr("name"),
        attr("value")
    )
}

fn controls(root: &Element) -> Vec<Element> {
    let Ok(list) = root.query_selector_all("input, textarea, select") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

/// The value of `el` if the person changed it from what the HTML said.
fn changed(el: &Element) -> Option<Value> {
    if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
        return if matches!(input.type_().as_str(), "checkbox" | "radio") {
            (input.checked() != input.default_checked()).then(|| Value::Checked(input.checked()))
        } else {
            (input.value() != input.default_value()).then(|| Value::Text(input.value()))
        };
    }
    if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
        return (Ok(area.value()) != area.default_value()).then(|| Value::Text(area.value()));
    }
    let select = el.dyn_ref::<HtmlSelectElement>()?;
    let default = select
        .query_selector("option[selected]")
        .ok()
        .flatten()
        .or_else(|| select.query_selector("option").ok().flatten())
        .and_then(|o| o.get_attribute("value"))
        .unwrap_or_default();
    (select.value() != default).then(|| Value::Choice(select.value()))
}

/// Reads what the person changed in the prerendered `page`.
fn read(page: &Element) -> Typed {
    let changed = controls(page)
        .iter()
        .filter_map(|el| {
            let value = changed(el)?;
            Some((key(el), value))
        })
        .collect();
    let focus = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .filter(|el| {
            page.contains(Some(el))
                && el
                    .matches("input, textarea, select, button")
                    .unwrap_or(false)
        })
        .map(|el| {
            let (start, end) = match el.dyn_ref::<HtmlInputElement>() {
                Some(input) => (
                    input.selection_start().ok().flatten(),
                    input.selection_end().ok().flatten(),
                ),
                None => (None, None),
            };
            (key(&el), start, end)
        });
    let tab = page
        .query_selector("[role=\"tab\"][aria-selected=\"true\"]")
        .ok()
        .flatten()
        .filter(|t| t.previous_element_sibling().is_some())
        .map(|t| t.id());
    Typed {
        changed,
        focus,
        tab,
    }
}

fn dispatch(el: &Element, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    if let Ok(event) = web_sys::Event::new_with_event_init_dict(kind, &init) {
        let _ = el.dispatch_event(&event);
    }
}

/// Replays `typed` into the live page mounted in `page`.
fn replay(page: &Element, typed: Typed) {
    let live = controls(page);
    let find = |k: &str| live.iter().find(|el| key(el) == k);
    for (k, value) in typed.changed {
        let Some(el) = find(&k) else { continue };
        match value {
            Value::Text(text) => {
                if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
                    input.set_value(&text);
                } else if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
                    area.set_value(&text);
                }
                dispatch(el, "input");
            }
            Value::Checked(on) => {
                if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
                    input.set_checked(on);
                }
                dispatch(el, "change");
            }
            Value::Choice(choice) => {
                if let Some(select) = el.dyn_ref::<HtmlSelectElement>() {
                    select.set_value(&choice);
                }
                dispatch(el, "change");
            }
        }
    }
    // The live tab opens as a click on it would (and loads what it needs).
    if let Some(tab) = typed
        .tab
        .and_then(|id| page.query_selector(&format!("#{id}")).ok().flatten())
        && let Some(tab) = tab.dyn_ref::<HtmlElement>()
    {
        tab.click();
    }
    if let Some((k, start, end)) = typed.focus {
        // The controls may have changed with the replay: look again.
        let live = controls(page);
        if let Some(el) = live.iter().find(|el| key(el) == k) {
            if let Some(el) = el.dyn_ref::<HtmlElement>() {
                let _ = el.focus();
            }
            if let (Some(input), Some(start), Some(end)) =
                (el.dyn_ref::<HtmlInputElement>(), start, end)
            {
                let _ = input.set_selection_range(start, end);
            }
        }
    }
}
