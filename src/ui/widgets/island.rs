//! The page's parts: each a wrapper of its own (`display: contents`) that
//! goes live on its own, at start (the takeover) or when first needed (the
//! parts that load later, `ui/later`).

use leptos::prelude::*;

/// A part of the page with a life of its own: the wrapper `island-{id}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The title and what the page does.
    Head,
    /// Where the form's values came from (a link's banner); with a link's
    /// review and the redirect note ([`Part::Review`]), loaded later.
    Notices,
    /// A link's review and the redirect note, above the outputs (loaded
    /// later, with the banner).
    Review,
    /// The choice of client (loaded later, with the setup part).
    Client,
    /// The name and URL fields.
    Fields,
    /// The version field, and why a part could not load.
    FieldsRelease,
    /// The tool picker (loaded later).
    Tools,
    /// Where the client runs and Advanced (loaded later).
    Setup,
    /// The outputs' tabs and the share link (its own parts below).
    Outputs,
    /// A link's review, the title and the tabs.
    OutputsHead,
    /// The Terminal tab.
    OutputsTerminal,
    /// The config.toml tab.
    OutputsConfig,
    /// The client app's tab.
    OutputsApp,
    /// The Verify and administrators' tabs (their panels load later).
    OutputsLater,
    /// The share link.
    OutputsShare,
    /// The operator's links.
    Foot,
    /// The merge into an existing config.toml, in the config.toml tab (loaded later).
    Merge,
    /// The Verify tab's commands and the discovery check (loaded later).
    Verify,
    /// The administrators' tab (loaded later).
    Admin,
    /// The chosen client's panel (loaded later).
    Clients,
}

impl Part {
    /// The parts the program takes over at start, one per task, in the
    /// order the eye lands on them; the tool picker and the setup part are
    /// taken over by what loads later, and the outputs are their own parts.
    pub const AT_START: [Part; 10] = [
        Part::Fields,
        Part::FieldsRelease,
        Part::OutputsHead,
        Part::OutputsTerminal,
        Part::OutputsConfig,
        Part::OutputsApp,
        Part::OutputsLater,
        Part::OutputsShare,
        Part::Head,
        Part::Foot,
    ];

    /// The id of the part's wrapper.
    pub fn id(self) -> &'static str {
        match self {
            Part::Head => "island-head",
            Part::Notices => "island-notices",
            Part::Review => "island-review",
            Part::Client => "island-client",
            Part::Fields => "island-fields",
            Part::FieldsRelease => "island-fields-release",
            Part::Tools => "island-tools",
            Part::Setup => "island-setup",
            Part::Outputs => "island-outputs",
            Part::OutputsHead => "island-outputs-head",
            Part::OutputsTerminal => "island-outputs-terminal",
            Part::OutputsConfig => "island-outputs-config",
            Part::OutputsApp => "island-outputs-app",
            Part::OutputsLater => "island-outputs-later",
            Part::OutputsShare => "island-outputs-share",
            Part::Foot => "island-foot",
            Part::Merge => "merge-slot",
            Part::Verify => "discovery-slot",
            Part::Admin => "admin-slot",
            Part::Clients => "clients-slot",
        }
    }

    /// The parts that load later, each behind a split point (`ui/later`),
    /// in the loader's order.
    pub const LATER: [Part; 7] = [
        Part::Notices,
        Part::Tools,
        Part::Setup,
        Part::Merge,
        Part::Verify,
        Part::Admin,
        Part::Clients,
    ];

    /// Where the part stands among [`Part::LATER`], if it loads later.
    pub fn later_index(self) -> Option<usize> {
        Self::LATER.iter().position(|p| *p == self)
    }

    /// Whether the person pressed something in the part's wrapper before
    /// the page was live (the early script marks it `data-pressed`); the
    /// setup part counts presses on the client's choice, which loads with it.
    #[cfg(target_arch = "wasm32")]
    pub fn pressed(self) -> bool {
        crate::ui::io::browser::pressed(self.id())
            || (self == Part::Setup && crate::ui::io::browser::pressed(Part::Client.id()))
    }

    /// What the part is, for a message about it.
    pub fn describe(self) -> &'static str {
        match self {
            Part::Tools => "the tool picker",
            Part::Setup => "where the client runs and Advanced",
            Part::Merge => "the merge",
            Part::Verify => "the checks",
            Part::Admin => "the administrators' files",
            Part::Clients => "this client's commands and files",
            Part::Head => "the title",
            Part::Notices | Part::Review => "the notes about this link and the sign-in",
            Part::Client => "the choice of client",
            Part::Fields | Part::FieldsRelease => "the form's fields",
            Part::Outputs
            | Part::OutputsHead
            | Part::OutputsTerminal
            | Part::OutputsConfig
            | Part::OutputsApp
            | Part::OutputsLater
            | Part::OutputsShare => "the outputs",
            Part::Foot => "the footer",
        }
    }
}

/// A part in its wrapper, the element a takeover mounts it in.
pub fn island(part: Part, content: impl IntoView) -> impl IntoView {
    view! { <div class="island" id=part.id()>{content}</div> }
}

/// Replaces the prerendered part in `wrapper` with what `mount` mounts
/// there, and marks it live: the page's early script (scripts/early.js)
/// then applies, in order, what the person did to the prerendered part.
#[cfg(target_arch = "wasm32")]
pub fn take_over(wrapper: &web_sys::HtmlElement, mount: impl FnOnce(web_sys::HtmlElement)) {
    wrapper.set_inner_html("");
    mount(wrapper.clone());
    let _ = wrapper.set_attribute("data-live", "");
}
