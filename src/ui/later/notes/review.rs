//! "Review this link": what a share link sets that sends something
//! elsewhere or lets Codex act without asking, each with the value, what it
//! lets happen and a button that puts it back; one button accepts the rest.
//! The rules are [`crate::share::LinkReview`]'s; this only shows them.

use leptos::prelude::*;

use crate::share::ShareRisk;
use crate::ui::io::browser;
use crate::ui::state::FormState;
use crate::ui::widgets::with_code;

/// One finding, with its revert button.
fn risk_item(state: FormState, risk: ShareRisk) -> impl IntoView {
    let kind = risk.kind;
    let client = state.draft.with_untracked(|d| d.client);
    let room = crate::ui::widgets::chosen(state);
    let label = state.defaults.with_value(|defaults| {
        kind.revert_label(defaults, client, |mode| {
            room.word(crate::render::Word::Approval(mode))
        })
    });
    let revert = move |_| {
        let Some(link) = state
            .review
            .with_untracked(|r| r.as_ref().map(|r| r.link().clone()))
        else {
            return;
        };
        let defaults = state.defaults.get_value();
        state.draft.update(|d| kind.revert(d, &link, &defaults));
    };
    view! {
        <li class="share-risk" data-testid="share-risk" data-kind=kind.as_str()>
            <p class="risk-title">{kind.title()}</p>
            <pre class="risk-value"><code>{risk.value}</code></pre>
            <p class="risk-what">{with_code(&risk.consequence)}</p>
            <button type="button" class="secondary small" data-testid="share-risk-revert" on:click=revert>
                {label}
            </button>
        </li>
    }
}

/// The findings of the link the page opened from, while any is unanswered;
/// once all are, a line says copying works again.
#[component]
pub fn ShareRisks(state: FormState) -> impl IntoView {
    let answered = RwSignal::new(false);
    let open = move || !state.risks.with(Vec::is_empty);
    // Every answer ends here: the link no longer needs asking after a reload.
    Effect::new(move |was_open: Option<bool>| {
        let now_open = open();
        if was_open == Some(true) && !now_open {
            answered.set(true);
        }
        if !now_open && state.review.with_untracked(Option::is_some) {
            browser::keep_link_under_review(None);
        }
        now_open
    });
    let accept = move |_| {
        let trusted = state.trusted.get_value();
        let current = state.draft.get_untracked();
        state.review.update(|r| {
            if let Some(r) = r {
                r.accept_all(&current, &trusted, &browser::domain_to_ascii);
            }
        });
    };
    let count = move || state.risks.with(Vec::len);
    view! {
        <Show when=open>
            <section class="share-risks" data-testid="share-risks" aria-labelledby="share-risks-title">
                <h2 id="share-risks-title">"Review what this link changes"</h2>
                <p>"Someone else made this link. Nothing can be copied until you put back or accept "
                    {move || if count() == 1 { "this setting" } else { "these settings" }} "."</p>
                <ul>
                    {move || state.risks.get().into_iter().map(|risk| risk_item(state, risk)).collect_view()}
                </ul>
                <button type="button" data-testid="share-risks-accept" on:click=accept>
                    {move || if count() == 1 { "I trust this setting" } else { "I trust these settings" }}
                </button>
            </section>
        </Show>
        <p class="sr-only" role="status" aria-live="polite">
            {move || (answered.get() && !open()).then_some("Every setting of the link is answered: you can copy now.")}
        </p>
    }
}
