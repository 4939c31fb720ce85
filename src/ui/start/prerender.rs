//! The page as the build prerenders it (natively, `--features prerender`):
//! the page everyone first sees, and the share link's banner for
//! `scripts/early.js`.

use leptos::prelude::*;

use crate::model::Draft;
use crate::presets::Presets;
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
