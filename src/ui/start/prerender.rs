//! The page as the build prerenders it (natively, `--features prerender`):
//! the page everyone first sees, and the share link's banner for
//! `scripts/early.js`.

use leptos::prelude::*;

use crate::model::Draft;
use crate::presets::Presets;
use crate::render::{Section, Word, words};
use crate::ui::page::{App, LinkBanner};
use crate::ui::state::{FormState, Start, StartNotice, Trust};

/// The page as it first looks, as HTML: what the build puts in
/// `<div id="page">` for the browser to show before the WebAssembly arrives.
pub fn prerender(presets: Presets) -> String {
    let owner = Owner::new();
    owner.with(|| {
        let start = Start::fresh(&presets.defaults);
        view! { <App presets=presets start=start /> }.to_html()
    })
}

/// What separates the page from the link banner in the prerender's output.
pub const LINK_BANNER_MARK: &str = "<!--codex-link-banner-->";

/// The banner a share link opens the page with, as HTML (its host line says
/// `example.com`, for the page's early script to replace). The build puts
/// it in a `<template>` that `scripts/early.js` shows before the form is
/// painted, so the banner the WebAssembly mounts later takes the place it
/// already has: one source for its words, and nothing moves.
pub fn prerender_link_banner() -> String {
    let owner = Owner::new();
    owner.with(|| {
        let defaults = Draft::default();
        let state = FormState::new(
            defaults.clone(),
            None,
            Vec::new(),
            defaults,
            Trust::default(),
        );
        let start = StartNotice {
            from_link: true,
            link_host: Some("example.com".to_owned()),
            ..StartNotice::default()
        };
        view! { <LinkBanner start=start state=state /> }.to_html()
    })
}

/// What `scripts/early.js` needs to show the page for another client
/// than the one prerendered (a teammate's link, a saved draft), before the
/// first paint: for each client the page offers but the prerendered one,
/// its `data-layout`, the sections it does not show (`data-section`) and
/// each word (`data-word`) it says otherwise, as JSON.
pub fn client_words(presets: &Presets) -> String {
    use serde_json::{Map, Value, json};
    let prerendered = presets.defaults.client;
    let base = words(prerendered);
    let mut clients = Map::new();
    for &client in presets.clients.iter().filter(|c| **c != prerendered) {
        let own = words(client);
        let words: Map<String, Value> = Word::ALL
            .into_iter()
            .map(|w| (w, own.word(w)))
            .filter(|(w, text)| *text != base.word(*w))
            .map(|(w, text)| (w.key().to_owned(), Value::String(text)))
            .collect();
        let hide: Vec<&str> = Section::ALL
            .into_iter()
            .filter(|s| !own.shows(*s))
            .map(Section::key)
            .collect();
        clients.insert(
            client.id().to_owned(),
            json!({
                "layout": crate::ui::page::layout_key(own.layout()),
                "hide": hide,
                "words": words,
            }),
        );
    }
    json!({
        "prerendered": prerendered.id(),
        "prerenderedName": prerendered.name(),
        "clients": clients,
    })
    .to_string()
}
