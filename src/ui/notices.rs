//! The banner that says where the form's values came from.

use leptos::prelude::*;

use super::{FormState, browser};
use crate::model::Draft;
use crate::share::{Notice, apply_share_query};

/// What to tell the person about how the page started.
#[derive(Clone, Debug, Default)]
pub struct StartNotice {
    /// The form was filled from a share link.
    pub from_link: bool,
    /// Problems with the link's parameters.
    pub notices: Vec<Notice>,
}

/// Shows the start notice, and offers to restore a draft a link replaced.
#[component]
pub fn Notices(start: StartNotice, state: FormState) -> impl IntoView {
    let visible = RwSignal::new(start.from_link || !start.notices.is_empty());
    let can_restore = RwSignal::new(start.from_link && browser::has_previous_draft());
    let restore = move |_| {
        if let Some(saved) = browser::take_previous_draft() {
            state
                .draft
                .set(apply_share_query(&Draft::default(), &saved).draft);
        }
        can_restore.set(false);
        visible.set(false);
    };
    let headline = if start.from_link {
        "Opened from a share link: the form shows the sender's settings, in place of any draft saved in this browser."
    } else {
        "The link you opened could not be used."
    };
    let items = start
        .notices
        .into_iter()
        .map(|n| view! { <li>{n.0}</li> })
        .collect_view();
    view! {
        <Show when=move || visible.get()>
            <section class="notice" role="status" data-testid="share-notices" aria-label="About this link">
                <p>{headline}</p>
                <ul>{items.clone()}</ul>
                <div class="notice-actions">
                    <Show when=move || can_restore.get()>
                        <button type="button" class="secondary" on:click=restore>"Restore my previous draft"</button>
                    </Show>
                    <button type="button" class="secondary" on:click=move |_| visible.set(false)>"Dismiss"</button>
                </div>
            </section>
        </Show>
    }
}
