//! The banner that says where the form's values came from.

use leptos::prelude::*;

use crate::share::apply_share_query;
use crate::ui::io::browser;
use crate::ui::state::{FormState, StartNotice};
use crate::ui::widgets::with_code;

/// Shows the start notice, and offers to restore a draft a link replaced.
#[component]
pub fn Notices(start: StartNotice, state: FormState) -> impl IntoView {
    let visible =
        RwSignal::new(start.from_link || !start.notices.is_empty() || start.presets.is_some());
    let can_restore = RwSignal::new(start.can_restore);
    let restore = move |_| {
        if let Some(saved) = browser::take_previous_draft() {
            let defaults = state.defaults.get_value();
            state.draft.set(apply_share_query(&defaults, &saved).draft);
        }
        can_restore.set(false);
        visible.set(false);
    };
    let headline = if start.from_link {
        Some(
            "Opened from a share link: the form shows the sender's settings, in place of any draft saved in this browser.",
        )
    } else if !start.notices.is_empty() {
        Some("The link you opened could not be used.")
    } else {
        None
    };
    let presets = start.presets;
    let host = start.link_host.filter(|_| start.from_link);

    let items: Vec<String> = start.notices.into_iter().map(|n| n.0).collect();
    view! {
        <Show when=move || visible.get()>
            <section class="notice" role="status" data-testid="share-notices" aria-label="About this link">
                {presets.clone().map(|problem| view! {
                    <p class="presets-problem" data-testid="presets-notice">
                        "This page's settings file could not be used, so the built-in defaults apply. " {with_code(&problem)}
                    </p>
                })}
                {headline.map(|h| view! { <p>{h}</p> })}
                {host.clone().map(|host| view! {
                    <p data-testid="share-host">"This link points at " <code>{host}</code>
                    ". Check that it is your organisation's server before you sign in."</p>
                })}
                <ul>{items.iter().map(|n| view! { <li>{with_code(n)}</li> }).collect_view()}</ul>
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
