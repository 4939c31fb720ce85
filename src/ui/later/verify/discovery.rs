//! The live OAuth discovery check: runs only when asked, shows each step as
//! it arrives, and starts over when the URL changes.

use leptos::prelude::*;

use leptos::task::spawn_local;
use url::Url;

use crate::discovery::{
    AuthorizationPreview, Discovery, Fixer, PrmSource, Purpose, Report, Step, Suggestion, Verdict,
    authorization_preview, curl_commands, initial_plan,
};
use crate::model::Field;
use crate::ui::io::{browser, http};
use crate::ui::state::FormState;
use crate::ui::widgets::{CopyBlock, chosen, with_code};

/// A finished check, for the URL it ran against.
#[derive(Clone, PartialEq)]
struct Finished {
    report: Report,
    preview: Option<AuthorizationPreview>,
}

fn purpose_label(purpose: &Purpose) -> &'static str {
    match purpose {
        Purpose::McpEndpoint => "MCP endpoint (expects 401)",
        Purpose::ProtectedResource(PrmSource::Header) => {
            "Protected resource metadata (linked from the 401)"
        }
        Purpose::ProtectedResource(PrmSource::PathInserted) => {
            "Protected resource metadata (path-inserted)"
        }
        Purpose::ProtectedResource(PrmSource::Root) => "Protected resource metadata (root)",
        Purpose::ProtectedResource(PrmSource::CodexFallback) => {
            "Protected resource metadata (Codex-only location)"
        }
        Purpose::AuthorizationServer => "Authorization server metadata",
    }
}

fn headline(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Ok => "Sign-in will work",
        Verdict::Warning => "Sign-in should work, with a caveat",
        Verdict::Error => "Sign-in will fail",
        Verdict::Unknown => "Could not tell from the browser",
    }
}

fn fixer_text(fixer: Fixer, client: &str) -> Option<String> {
    match fixer {
        Fixer::Person => Some(format!(
            "Who can fix it: you, with a setting in your {client} config."
        )),
        Fixer::Operator => Some("Who can fix it: the cluster's operator.".to_owned()),
        Fixer::Nobody => None,
    }
}

fn step_view(step: Step) -> impl IntoView {
    let verdict = step.verdict.as_str();
    view! {
        <li class=format!("step verdict-{verdict}") data-step-verdict=verdict class:superseded=step.superseded>
            <div class="step-head">
                <span class=format!("pill verdict-{verdict}")>{verdict}</span>
                <span class="step-purpose">{purpose_label(&step.purpose)}</span>
                {step.status.map(|s| view! { <span class="step-status">{format!("HTTP {s}")}</span> })}
            </div>
            <code class="step-url">{step.url.to_string()}</code>
            <p class="step-message">{with_code(&step.message)}</p>
            {(!step.facts.is_empty()).then(|| view! {
                <ul class="facts">{step.facts.into_iter().map(|f| view! { <li><code>{f}</code></li> }).collect_view()}</ul>
            })}
        </li>
    }
}

/// The panel.
#[component]
pub fn DiscoveryPanel(state: FormState) -> impl IntoView {
    let steps = RwSignal::new(Vec::<Step>::new());
    let finished = RwSignal::new(None::<Finished>);
    let running = RwSignal::new(false);
    let generation = StoredValue::new(0u64);
    let url = Memo::new(move |_| state.validation.with(|v| v.normalized_url.clone()));

    // A new URL makes any result stale: forget it, and ignore a run in flight.
    Effect::new(move |previous: Option<Option<Url>>| {
        let current = url.get();
        if previous.is_some_and(|p| p != current) {
            generation.update_value(|g| *g += 1);
            steps.set(Vec::new());
            finished.set(None);
            running.set(false);
        }
        current
    });

    let run = move |_| {
        let Some(mcp) = url.get_untracked() else {
            return;
        };
        let (client_id, scopes) = state
            .draft
            .with_untracked(|d| (d.oauth_client_id.trim().to_owned(), d.scopes.clone()));
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        steps.set(Vec::new());
        finished.set(None);
        running.set(true);
        spawn_local(async move {
            let mut discovery = Discovery::new(mcp.clone(), !client_id.is_empty());
            while let Some((next, _)) = discovery.next_request() {
                let outcome = http::observe(&next).await;
                if generation.get_value() != mine {
                    return;
                }
                discovery.observe(outcome);
                steps.set(discovery.steps().to_vec());
            }
            let learned = discovery.learned();
            let preview = learned.authorization_endpoint.as_ref().map(|endpoint| {
                let resource = learned.resource.clone().unwrap_or_else(|| mcp.to_string());
                let scopes: Vec<String> = scopes
                    .split(|c: char| c == ',' || c.is_whitespace())
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect();
                let client = (!client_id.is_empty()).then_some(client_id.as_str());
                authorization_preview(
                    endpoint,
                    &resource,
                    &scopes,
                    client,
                    &browser::random_bytes(),
                    &browser::random_token(),
                )
            });
            finished.set(Some(Finished {
                report: discovery.report(),
                preview,
            }));
            running.set(false);
        });
    };

    let curl = Signal::derive(move || {
        let done = steps.with(|s| s.iter().map(|s| s.url.clone()).collect::<Vec<_>>());
        let urls = if done.is_empty() {
            url.get().map(|u| initial_plan(&u)).unwrap_or_default()
        } else {
            done
        };
        (!urls.is_empty()).then(|| curl_commands(&urls))
    });

    let apply = move |suggestion: Suggestion| match suggestion {
        Suggestion::Scopes(scopes) => {
            state.set_field(Field::Scopes, |d| d.scopes = scopes.join(" "));
            browser::reveal("scopes");
        }
        Suggestion::OauthResource(resource) => {
            state.set_field(Field::OauthResource, |d| d.oauth_resource = resource);
            browser::reveal("oauth-resource");
        }
        Suggestion::ClientId => browser::focus("oauth-client-id"),
    };
    let suggestion_view = move |s: Suggestion| {
        let (text, action) = match &s {
            Suggestion::Scopes(list) => (
                format!("The server advertises the scopes {}.", list.join(", ")),
                "Use these scopes",
            ),
            Suggestion::OauthResource(r) => (
                format!("The metadata names the resource {r}."),
                "Use it as the OAuth resource",
            ),
            Suggestion::ClientId => (
                "Login needs a pre-registered client id.".to_owned(),
                "Enter a client id",
            ),
        };
        view! {
            <li>{text} " " <button type="button" class="secondary small" on:click=move |_| apply(s.clone())>{action}</button></li>
        }
    };

    view! {
        <section class="discovery" aria-labelledby="discovery-title">
            <h3 id="discovery-title">"Check that sign-in will work"</h3>
            <p>
                "Runs the requests " {move || with_code(chosen(state).sign_in())} " makes to find the sign-in page, from this browser, and says what it finds. "
                "Browsers can only read answers the server allows (CORS); what they cannot see is marked unknown, and the curl commands below show it from a terminal."
            </p>
            <button type="button" data-testid="discovery-run" prop:disabled=move || url.with(Option::is_none) || running.get() on:click=run>
                {move || if running.get() { "Checking…" } else { "Check OAuth discovery" }}
            </button>
            <div aria-live="polite">
                {move || finished.get().map(|f| {
                    let verdict = f.report.verdict;
                    view! {
                        <div class=format!("verdict verdict-{}", verdict.as_str()) data-testid="discovery-verdict" data-verdict=verdict.as_str()>
                            <p class="verdict-head">{headline(verdict)}</p>
                            <p data-testid="discovery-reason">{f.report.reason.clone()}</p>
                            {fixer_text(f.report.fixer, state.client.get().name()).map(|t| view! { <p class="fixer">{t}</p> })}
                            {(!f.report.suggestions.is_empty()).then(|| view! {
                                <ul class="suggestions">{f.report.suggestions.clone().into_iter().map(suggestion_view).collect_view()}</ul>
                            })}
                        </div>
                    }
                })}
            </div>
            <ol class="steps" data-testid="discovery-steps">{move || steps.get().into_iter().map(step_view).collect_view()}</ol>
            {move || finished.get().and_then(|f| f.preview).map(|p| view! {
                <details class="preview">
                    <summary>"The sign-in request " {state.client.get().name()} " will open"</summary>
                    <p class="note">"With PKCE S256 and the resource parameter; " {state.client.get().name()} " listens on " <code>{p.redirect_uri.clone()}</code> " (it picks a free port)."</p>
                    <pre tabindex="0" role="group" aria-label="Authorization request"><code data-testid="discovery-authorize-url">{p.url}</code></pre>
                </details>
            })}
            <CopyBlock testid="discovery-curl" title="the same check with curl" text=curl />
        </section>
    }
}
