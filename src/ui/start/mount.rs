//! The page's start in the browser: the presets, then the takeover of the
//! prerendered page (or a whole mount where there is none).

#[cfg(not(feature = "split"))]
use leptos::prelude::*;

use super::takeover::take_over_page;
use crate::presets::Presets;
use crate::ui::io::{browser, http};
#[cfg(not(feature = "split"))]
use crate::ui::page::App;
use crate::ui::state::Start;

/// Loads the presets, then takes over the page the build prerendered in
/// `<div id="page">` part by part (see [`takeover`]), or mounts it whole on
/// `<body>` when there is none.
pub fn mount() {
    // The hook's formatting costs the program's main module; release builds abort
    // on a panic without it.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    let start = |(presets, problem): (Presets, Option<String>)| {
        let mut start = Start::from_browser(&presets.defaults);
        start.notice.presets = problem;
        match browser::element("page") {
            // The page's state in a task of its own.
            Some(root) => leptos::prelude::set_timeout(
                move || take_over_page(root, presets, start),
                std::time::Duration::ZERO,
            ),
            // The program in one piece (tests in a browser): the whole page.
            #[cfg(not(feature = "split"))]
            None => {
                leptos::mount::mount_to_body(move || view! { <App presets=presets start=start /> })
            }
            // The page as the build cuts it always has the prerendered page
            // (scripts/csp-hook.mjs): without it, say what is wrong rather
            // than carry a second way to build the whole page.
            #[cfg(feature = "split")]
            None => {
                let _ = (presets, start);
                if let Some(body) = browser::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.body())
                {
                    body.set_text_content(Some(
                        "This page was built without its prerendered form (index.html has no <div id=\"page\">). Build it with trunk build, which runs scripts/csp-hook.mjs.",
                    ));
                }
            }
        }
    };
    // Usually the loader has read the shipped file by now: start in the
    // next task, so that starting the module and setting up the page are
    // two short tasks rather than one long one. Leptos' executor starts with
    // the mount, so the waits below use wasm-bindgen's directly.
    match http::presets_already_read() {
        Some(text) if is_builtin(text.as_deref()) => {
            leptos::prelude::set_timeout(
                move || start((Presets::default(), None)),
                std::time::Duration::ZERO,
            );
        }
        Some(text) => {
            wasm_bindgen_futures::spawn_local(async move { start(presets_from(text).await) })
        }
        None => wasm_bindgen_futures::spawn_local(async move {
            start(presets_from(http::load_presets().await).await)
        }),
    }
}

/// Whether `presets.toml` is the shipped file, the built-in presets (or
/// there is none): no reading to do.
fn is_builtin(text: Option<&str>) -> bool {
    text.is_none_or(|t| t == crate::presets::BUILTIN_PRESETS)
}

/// The presets `text` sets up, and why a file was not used, if it was not.
/// An operator's own file is read by a part of the program that loads only
/// for it: the TOML reader the first part goes without.
async fn presets_from(text: Option<String>) -> (Presets, Option<String>) {
    let Some(text) = text.filter(|t| !is_builtin(Some(t))) else {
        return (Presets::default(), None);
    };
    match crate::ui::later::read_presets(text).await {
        Ok(presets) => (presets, None),
        Err(problem) => (Presets::default(), Some(problem)),
    }
}
