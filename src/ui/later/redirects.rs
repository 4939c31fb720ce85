//! For administrators: the cluster's redirect allowlist as Helm values,
//! with a line for every redirect URI the page's clients need and the list
//! (presets' `allowed_redirect_uris`) lacks (`admin-redirect-uris`).

use leptos::prelude::*;

use crate::discovery::allowlist::{HELM_KEY, helm_values, refused};
use crate::ui::state::FormState;
use crate::ui::widgets::{CopyBlock, with_code};

/// The Helm values, and what they add; under a heading of its own level
/// (`nested`: inside a client's administrators' section).
#[component]
pub fn RedirectAllowlist(state: FormState, nested: bool) -> impl IntoView {
    let clients = state.clients.get_value();
    let allow = state.allowed_redirect_uris.get_value();
    let missing: Vec<&str> = clients
        .iter()
        .filter(|c| !refused(**c, &allow).is_empty())
        .map(|c| c.name())
        .collect();
    let said = match missing.as_slice() {
        [] => "Every client this page offers is sent back somewhere the cluster's redirect allowlist admits, as these values say.".to_owned(),
        [one] => format!(
            "The cluster's redirect allowlist refuses where {one} is sent back after signing in: these values add the lines (marked) that let every client this page offers sign in."
        ),
        [rest @ .., last] => format!(
            "The cluster's redirect allowlist refuses where {} and {last} are sent back after signing in: these values add the lines (marked) that let every client this page offers sign in.",
            rest.join(", ")
        ),
    };
    let text = helm_values(&allow, &clients);
    // About every client the page offers, whichever is chosen.
    view! {
        <div class="redirect-allowlist" data-every-client="">
        {if nested {
            view! { <h4>"The cluster's redirect allowlist"</h4> }.into_any()
        } else {
            view! { <h3>"The cluster's redirect allowlist"</h3> }.into_any()
        }}
        <p>{with_code(&format!("A Kloudfuse cluster refuses a sign-in that sends the person back anywhere not listed in `{HELM_KEY}` (Helm values). {said}"))}</p>
        <CopyBlock testid="admin-redirect-uris" title="the Helm values for the redirect allowlist" text=Signal::stored(Some(text)) />
        </div>
    }
}
