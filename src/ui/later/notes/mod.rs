//! What the page says about how it opened and what a sign-in will meet:
//! the banner of a link (or of an operator's presets that could not be
//! used), a link's review, and the note that the cluster's redirect
//! allowlist refuses the chosen client. A part that loads later, with the
//! form's module: a plain page needs none of it, a link's banner is
//! painted by the early script until the person reaches for it, and the
//! page asks for it at once when something must show from the start
//! (`Page::new`).

mod banner;
mod review;

use leptos::prelude::*;

pub use self::banner::Notices;
pub use self::review::ShareRisks;
use crate::ui::state::FormState;
use crate::ui::widgets::with_code;

/// A `client-note` when the cluster's redirect allowlist (presets'
/// `allowed_redirect_uris`) refuses where the chosen client is sent back
/// after signing in: its sign-in will be refused.
#[component]
pub fn RedirectNote(state: FormState) -> impl IntoView {
    move || {
        let client = state.client.get();
        let refused = state
            .allowed_redirect_uris
            .with_value(|allow| crate::discovery::allowlist::refused(client, allow));
        (!refused.is_empty()).then(|| {
            let uris = refused
                .iter()
                .map(|u| format!("`{u}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let text = format!(
                "The cluster will refuse {name}'s sign-in: {name} is sent back to {uris} after signing in, which the cluster's redirect allowlist does not admit. Its operator adds the line under For administrators; until then {name} cannot sign in to this server.",
                name = client.name()
            );
            view! {
                <div class="msg error" data-testid="client-note" data-kind="redirect" role="alert"><p>{with_code(&text)}</p></div>
            }
        })
    }
}

/// What shows above the outputs: a link's review and the redirect note.
#[component]
pub fn Review(state: FormState) -> impl IntoView {
    view! { <ShareRisks state=state /> <RedirectNote state=state /> }
}
