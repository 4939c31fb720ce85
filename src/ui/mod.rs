//! The browser shell: Leptos components that hold the form's signals and
//! show what the core computes. No component formats TOML or quotes a shell
//! word itself.

mod app_form;
mod browser;
mod copy;
mod discovery;
pub mod extras;
mod fields;
mod http;
mod import;
mod lazy;
mod merge;
mod notices;
mod outputs;
mod page;
mod review;
mod setup;
#[cfg(target_arch = "wasm32")]
mod takeover;
mod tools;

use leptos::prelude::*;

use crate::model::{Draft, Field, Tool, decode_compact};
use crate::presets::Presets;
use crate::share::{LinkReview, ShareRisk, apply_share_query, draft_query};
use crate::validate::{
    Severity, TrustedHosts, Validation, host_of, validate_trusting, with_ascii_host,
    with_ascii_hosts,
};

use self::notices::StartNotice;
pub use self::page::App;

/// The page's state: the draft as typed, and everything derived from it.
#[derive(Clone, Copy)]
pub struct FormState {
    /// What the person typed.
    pub draft: RwSignal<Draft>,
    /// The draft, validated; every output derives from this.
    pub validation: Memo<Validation>,
    /// The tools offered in the picker.
    pub catalog: StoredValue<Vec<Tool>>,
    /// The form's defaults (from the presets); share links leave these out.
    pub defaults: StoredValue<Draft>,
    /// The server's real tools, once imported (kept in this browser only).
    pub server_tools: RwSignal<Option<Vec<Tool>>>,
    /// Fields whose errors are not shown yet: on a page that opens with the
    /// defaults, every field until the person types in it or leaves it.
    pub untouched: RwSignal<Vec<Field>>,
    /// The hosts the organisation runs (presets).
    pub trusted: StoredValue<TrustedHosts>,
    /// The share link the form was opened from, and what the person answered.
    pub review: RwSignal<Option<LinkReview>>,
    /// What the link sets that is still unanswered; while any is, nothing
    /// can be copied.
    pub risks: Memo<Vec<ShareRisk>>,
    /// Copying held back by the page that owns the draft (the second
    /// module's panels learn it from the first).
    pub held_elsewhere: RwSignal<bool>,
}

/// What the organisation trusts, and the link under review, for a [`FormState`].
#[derive(Clone, Debug, Default)]
pub struct Trust {
    /// The hosts the organisation runs.
    pub hosts: TrustedHosts,
    /// The share link the form opened from, if any.
    pub review: Option<LinkReview>,
}

impl FormState {
    /// Builds the state around a starting draft.
    pub fn new(
        start: Draft,
        server_tools: Option<Vec<Tool>>,
        catalog: Vec<Tool>,
        defaults: Draft,
        trust: Trust,
    ) -> Self {
        let untouched = RwSignal::new(if start == defaults {
            Field::ALL.to_vec()
        } else {
            Vec::new()
        });
        let draft = RwSignal::new(start);
        let defaults = StoredValue::new(defaults);
        let catalog = StoredValue::new(catalog);
        let server_tools = RwSignal::new(server_tools);
        let trusted = StoredValue::new(trust.hosts);
        let validation = Memo::new(move |_| {
            server_tools.with(|server| {
                catalog.with_value(|c| {
                    draft.with(|d| {
                        let ascii = with_ascii_hosts(d, &browser::domain_to_ascii);
                        trusted.with_value(|t| {
                            validate_trusting(ascii.as_ref().unwrap_or(d), c, server.as_deref(), t)
                        })
                    })
                })
            })
        });
        let review = RwSignal::new(trust.review);
        let risks = Memo::new(move |_| {
            review.with(|r| {
                r.as_ref().map_or_else(Vec::new, |r| {
                    draft.with(|d| trusted.with_value(|t| r.risks(d, t, &browser::domain_to_ascii)))
                })
            })
        });
        Self {
            draft,
            validation,
            catalog,
            defaults,
            server_tools,
            untouched,
            trusted,
            review,
            risks,
            held_elsewhere: RwSignal::new(false),
        }
    }

    /// Whether copying is held back until the person answers what a share
    /// link sets (tracked).
    pub fn copy_held(&self) -> bool {
        !self.risks.with(Vec::is_empty) || self.held_elsewhere.get()
    }

    /// [`FormState::copy_held`], untracked.
    pub fn copy_held_untracked(&self) -> bool {
        !self.risks.with_untracked(Vec::is_empty) || self.held_elsewhere.get_untracked()
    }

    /// The messages of one severity that `field` shows now (tracked):
    /// warnings always, errors once the field is touched.
    pub fn shown_messages(&self, field: Field, severity: Severity) -> Vec<String> {
        if severity == Severity::Error && self.untouched.with(|u| u.contains(&field)) {
            return Vec::new();
        }
        self.validation.with(|v| {
            v.messages(field, severity)
                .into_iter()
                .map(str::to_owned)
                .collect()
        })
    }

    /// The person has typed in `field` or left it: its errors show from now on.
    pub fn touch(&self, field: Field) {
        if self.untouched.with_untracked(|u| u.contains(&field)) {
            self.untouched.update(|u| u.retain(|f| *f != field));
        }
    }
}

/// What the form starts with, and what to tell the person about it.
pub struct Start {
    /// The draft the form opens with.
    pub draft: Draft,
    /// Where it came from, and problems with a link or the presets.
    pub notice: StartNotice,
    /// The server's tools imported earlier in this browser.
    pub server_tools: Option<Vec<Tool>>,
    /// The share link under review, when the form opened from one (or from
    /// a draft a link filled that the person has not answered yet).
    pub review: Option<LinkReview>,
}

impl Start {
    /// The page as it first looks to anyone: the presets' defaults. This is
    /// what the build prerenders, so it reads nothing from a browser.
    pub fn fresh(defaults: &Draft) -> Self {
        Self {
            draft: defaults.clone(),
            notice: StartNotice::default(),
            server_tools: None,
            review: None,
        }
    }

    /// Decides what the form starts with in this browser: an opened share
    /// link wins over the draft saved here (which is kept to restore), which
    /// wins over the defaults.
    pub fn from_browser(defaults: &Draft) -> Self {
        let (draft, notice, review) = starting_draft(defaults);
        Self {
            draft,
            notice,
            server_tools: saved_server_tools(),
            review,
        }
    }
}

/// The server's tools imported earlier in this browser, if any.
fn saved_server_tools() -> Option<Vec<Tool>> {
    browser::saved_server_tools().and_then(|saved| decode_compact(&saved))
}

/// The review of a link whose values a saved draft may still hold: a
/// reload must not turn a link's unanswered settings into the person's own.
fn pending_review(defaults: &Draft) -> Option<LinkReview> {
    browser::link_under_review().map(|q| LinkReview::new(apply_share_query(defaults, &q).draft))
}

fn starting_draft(defaults: &Draft) -> (Draft, StartNotice, Option<LinkReview>) {
    let defaults = defaults.clone();
    let query = browser::page_query();
    let saved = browser::saved_draft();
    let from_saved = || {
        saved
            .as_deref()
            .map(|s| apply_share_query(&defaults, s).draft)
            .unwrap_or_else(|| defaults.clone())
    };
    if query.trim_start_matches('?').is_empty() {
        return (
            from_saved(),
            StartNotice::default(),
            pending_review(&defaults),
        );
    }
    let shared = apply_share_query(&defaults, &query);
    browser::forget_page_query();
    if !shared.prefilled {
        let notice = StartNotice {
            notices: shared.notices,
            ..StartNotice::default()
        };
        return (from_saved(), notice, pending_review(&defaults));
    }
    browser::keep_link_under_review(Some(&query));
    if let Some(saved) = saved
        .as_deref()
        .filter(|s| *s != draft_query(&shared.draft))
    {
        browser::save_previous_draft(saved);
    }
    let url = &shared.draft.url;
    let notice = StartNotice {
        from_link: true,
        can_restore: browser::has_previous_draft(),
        notices: shared.notices,
        presets: None,
        link_host: host_of(
            with_ascii_host(url, &browser::domain_to_ascii)
                .as_deref()
                .unwrap_or(url),
        ),
    };
    let review = LinkReview::new(shared.draft.clone());
    (shared.draft, notice, Some(review))
}

/// A message with its `quoted` parts shown as code (findings, a link's
/// review).
pub fn with_code(message: &str) -> impl IntoView + use<> {
    message
        .split('`')
        .enumerate()
        .map(|(i, part)| {
            let part = part.to_owned();
            if i % 2 == 1 {
                view! { <code>{part}</code> }.into_any()
            } else {
                part.into_any()
            }
        })
        .collect_view()
}

/// Whether this is the live page, not the build's prerendered HTML: what
/// only works once the WebAssembly runs (Copy buttons) is disabled before.
pub const LIVE: bool = cfg!(target_arch = "wasm32");

/// The page as it first looks, as HTML: what the build puts in
/// `<div id="page">` for the browser to show before the WebAssembly arrives.
#[cfg(not(target_arch = "wasm32"))]
pub fn prerender(presets: Presets) -> String {
    let owner = Owner::new();
    owner.with(|| {
        let start = Start::fresh(&presets.defaults);
        view! { <App presets=presets start=start /> }.to_html()
    })
}

/// Where this browser keeps the draft (share-link format); the early
/// script reads it too, to paint a saved draft's name and URL.
pub const DRAFT_STORAGE_KEY: &str = "codex-mcp-configurator.draft";

/// What separates the page from the link banner in the prerender's output.
pub const LINK_BANNER_MARK: &str = "<!--codex-link-banner-->";

/// The banner a share link opens the page with, as HTML (its host line says
/// `example.com`, for the page's early script to replace). The build puts
/// it in a `<template>` that `scripts/early.js` shows before the form is
/// painted, so the banner the WebAssembly mounts later takes the place it
/// already has: one source for its words, and nothing moves.
#[cfg(not(target_arch = "wasm32"))]
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
        view! { <notices::Notices start=start state=state /> }.to_html()
    })
}

/// Loads the presets, then takes over the page the build prerendered in
/// `<div id="page">` part by part (see [`takeover`]), or mounts it whole on
/// `<body>` when there is none.
#[cfg(target_arch = "wasm32")]
pub fn mount() {
    console_error_panic_hook::set_once();
    let start = |(presets, problem): (Presets, Option<String>)| {
        let mut start = Start::from_browser(&presets.defaults);
        start.notice.presets = problem;
        match browser::element("page") {
            Some(root) => takeover::take_over(root, presets, start),
            None => {
                leptos::mount::mount_to_body(move || view! { <App presets=presets start=start /> })
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
#[cfg(target_arch = "wasm32")]
fn is_builtin(text: Option<&str>) -> bool {
    text.is_none_or(|t| t == crate::presets::BUILTIN_PRESETS)
}

/// The presets `text` sets up, and why a file was not used, if it was not.
/// An operator's own file is read by the second module, which has the TOML
/// reader the first module goes without.
#[cfg(target_arch = "wasm32")]
async fn presets_from(text: Option<String>) -> (Presets, Option<String>) {
    let Some(text) = text.filter(|t| !is_builtin(Some(t))) else {
        return (Presets::default(), None);
    };
    match lazy::read_presets(&text).await {
        Ok(Ok(presets)) => (presets, None),
        Ok(Err(problem)) => (Presets::default(), Some(problem)),
        Err(why) => (
            Presets::default(),
            Some(format!(
                "presets.toml could not be read: the page's second module did not load ({why}). Reload the page to try again."
            )),
        ),
    }
}
