//! The copy block every panel shows its outputs in: a shared widget, so
//! panels import it rather than each other.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ui::io::browser::{self, LIVE};
use crate::ui::state::FormState;

/// A titled block of text with a copy button. The `testid` element holds
/// exactly the text the button copies; while `text` is `None` (an input is
/// invalid) the block shows why (`reason`, or the fields with errors of the
/// page's [`FormState`], from the context) and cannot be copied. Nor can it
/// while a share link's settings wait for the person's answer.
#[component]
pub fn CopyBlock(
    testid: &'static str,
    title: &'static str,
    text: Signal<Option<String>>,
    #[prop(optional)] reason: Option<Signal<String>>,
    /// Shows the text as a link saying this (an install link), instead of
    /// as code; the copy button copies the link.
    #[prop(optional)]
    link: Option<&'static str>,
) -> impl IntoView {
    let form = use_context::<FormState>();
    let reason = move || match (reason, form) {
        (Some(r), _) => r.get(),
        (None, Some(form)) => form.validation.with(|v| v.not_ready("this")),
        (None, None) => "Fill in or fix the form to get this.".to_owned(),
    };
    let status = RwSignal::new(String::new());
    let copy = move |_| {
        let Some(content) = text.get_untracked() else {
            return;
        };
        spawn_local(async move {
            match browser::copy_text(&content).await {
                Ok(()) => {
                    status.set(format!("Copied {title}"));
                    set_timeout(
                        move || status.set(String::new()),
                        std::time::Duration::from_secs(3),
                    );
                }
                Err(e) => status.set(e),
            }
        });
    };
    let ready = move || text.with(Option::is_some);
    let held = move || form.is_some_and(|f| f.copy_held());
    // The accessible name starts with the visible word, before and after a copy.
    let copied = move || status.with(|s| s.starts_with("Copied"));
    view! {
        <div class="block" class:not-ready=move || !ready() data-ready=move || ready().to_string()
            data-held=move || held().then_some("true")>
            <div class="block-head">
                <span class="block-title">{title}</span>
                <button type="button" class="copy" data-testid=format!("copy-{testid}")
                    aria-label=move || if copied() { format!("Copied {title}") } else { format!("Copy {title}") }
                    disabled=move || !LIVE || !ready() || held()
                    title=(!LIVE).then_some("Copy works once the page has finished loading.")
                    on:click=copy>
                    {move || if copied() { "Copied" } else { "Copy" }}
                    {move || copied().then(|| view! { <span aria-hidden="true">" ✓"</span> })}
                </button>
            </div>
            {match link {
                None => view! {
                    <pre tabindex="0" role="group" aria-label=title><code data-testid=testid>{move || text.get()}</code></pre>
                }.into_any(),
                Some(label) => view! {
                    <p class="install-link">{move || text.get().map(|href| view! {
                        <a class="button" data-testid=testid href=href>{label}</a>
                    })}</p>
                }.into_any(),
            }}
            {move || (!ready()).then(|| view! { <p class="not-ready-note">{reason()}</p> })}
            {move || (ready() && held()).then(|| view! {
                <p class="not-ready-note held-note"><a href="#share-risks-title">"Review what this link changes"</a>" first."</p>
            })}
            <p class="sr-only" role="status" aria-live="polite">{move || status.get()}</p>
        </div>
    }
}
