//! The live OAuth discovery check: runs only when asked, shows each step as
//! it arrives, and starts over when the URL changes.

use leptos::prelude::*;

use leptos::task::spawn_local;
use url::Url;

use crate::clients::{Asks, Client, WellKnown};
use crate::discovery::{
    AuthorizationPreview, Discovery, Fixer, PrmSource, Profile, Purpose, Registration, Report,
    Step, Suggestion, Verdict, allowlist, authorization_preview, curl_commands, initial_plan,
    requested_scopes,
};
use crate::model::Field;
use crate::ui::io::{browser, http};
use crate::ui::state::FormState;
use crate::ui::widgets::{CopyBlock, rich, with_code};

/// A finished check, for the URL it ran against.
#[derive(Clone, PartialEq)]
struct Finished {
    report: Report,
    preview: Option<AuthorizationPreview>,
}

fn purpose_label(purpose: &Purpose) -> &'static str {
    match purpose {
        Purpose::McpEndpoint(Asks::Get) => "MCP endpoint, asked with a GET",
        Purpose::McpEndpoint(_) => "MCP endpoint, initialize without a token (expects 401)",
        Purpose::ProtectedResource(PrmSource::Header) => {
            "Protected resource metadata (linked from the 401)"
        }
        Purpose::ProtectedResource(PrmSource::WellKnown(WellKnown::PathInserted)) => {
            "Protected resource metadata (path-inserted)"
        }
        Purpose::ProtectedResource(PrmSource::WellKnown(WellKnown::Root)) => {
            "Protected resource metadata (root)"
        }
        Purpose::ProtectedResource(PrmSource::WellKnown(WellKnown::UnderMcpUrl)) => {
            "Protected resource metadata (under the MCP URL)"
        }
        Purpose::AuthorizationServer => "Authorization server metadata",
        Purpose::DefaultEndpoint => "Default sign-in endpoint (2025-03-26)",
    }
}

/// How `client` signs in for the form's entry: its facts with the server's
/// name, the client id and the scopes the person set.
fn profile(state: FormState, client: Client) -> Profile {
    state.draft.with_untracked(|d| {
        let scopes: Vec<String> = d
            .scopes
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        let id = d.oauth_client_id.trim();
        Profile::of(
            client,
            d.name.trim(),
            (!id.is_empty()).then(|| id.to_owned()),
            &scopes,
        )
    })
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
        let client = state.client.get_untracked();
        let profile = profile(state, client);
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        steps.set(Vec::new());
        finished.set(None);
        running.set(true);
        spawn_local(async move {
            let mut discovery = Discovery::new(mcp.clone(), profile);
            while let Some((next, purpose)) = discovery.next_request() {
                let outcome = match purpose {
                    Purpose::McpEndpoint(Asks::Post) => http::challenge(&next).await,
                    _ => http::observe(&next).await,
                };
                if generation.get_value() != mine {
                    return;
                }
                discovery.observe(outcome);
                steps.set(discovery.steps().to_vec());
            }
            let learned = discovery.learned();
            let profile = discovery.profile();
            let sign_in = &client.facts().sign_in;
            let preview = learned.authorization_endpoint.as_ref().map(|endpoint| {
                let resource = learned.resource.clone().unwrap_or_else(|| mcp.to_string());
                let client_id = match learned.registration {
                    Some(Registration::MetadataDocument) => profile.metadata_document.clone(),
                    _ => profile.client_id.clone(),
                };
                authorization_preview(
                    endpoint,
                    &resource,
                    &requested_scopes(profile, learned),
                    client_id.as_deref(),
                    sign_in.redirect_uris.first().copied().unwrap_or_default(),
                    &browser::random_bytes(),
                    &browser::random_token(),
                )
            });
            let report = state
                .allowed_redirect_uris
                .with_value(|allow| allowlist::judged(discovery.report(), client, allow));
            finished.set(Some(Finished { report, preview }));
            running.set(false);
        });
    };

    let curl = Signal::derive(move || {
        let done = steps.with(|s| {
            s.iter()
                .map(|s| (s.url.clone(), s.purpose.clone()))
                .collect::<Vec<_>>()
        });
        let requests = if done.is_empty() {
            let client = state.client.get();
            url.get()
                .map(|u| initial_plan(&u, &profile(state, client)))
                .unwrap_or_default()
        } else {
            done
        };
        (!requests.is_empty())
            .then(|| curl_commands(&requests, &crate::connect::mcp::initialize(1)))
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
                format!("The server names the scopes {}.", list.join(", ")),
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
                "Runs the requests " {move || rich(&profile(state, state.client.get()).command)} " makes to find the sign-in page, from this browser, and says what it finds. "
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
                            <p data-testid="discovery-reason">{rich(&f.report.reason)}</p>
                            {fixer_text(f.report.fixer, state.client.get().name()).map(|t| view! { <p class="fixer">{t}</p> })}
                            {(!f.report.suggestions.is_empty()).then(|| view! {
                                <ul class="suggestions">{f.report.suggestions.clone().into_iter().map(suggestion_view).collect_view()}</ul>
                            })}
                        </div>
                    }
                })}
            </div>
            <Redirects state=state />
            <ol class="steps" data-testid="discovery-steps">{move || steps.get().into_iter().map(step_view).collect_view()}</ol>
            {move || finished.get().and_then(|f| f.preview).map(|p| view! {
                <details class="preview">
                    <summary>"The sign-in request " {state.client.get().name()} " will open"</summary>
                    <p class="note">"With PKCE S256 and the resource parameter; " {state.client.get().name()} " is sent back to " <code>{p.redirect_uri.clone()}</code> "."</p>
                    <pre tabindex="0" role="group" aria-label="Authorization request"><code data-testid="discovery-authorize-url">{p.url}</code></pre>
                </details>
            })}
            <CopyBlock testid="discovery-curl" title="the same check with curl" text=curl />
        </section>
    }
}

/// The redirect URIs the chosen client registers, and whether the
/// cluster's allowlist (presets' `allowed_redirect_uris`) admits them.
#[component]
fn Redirects(state: FormState) -> impl IntoView {
    move || {
        let client = state.client.get();
        let uris = client.facts().sign_in.redirect_uris;
        let refused = state
            .allowed_redirect_uris
            .with_value(|allow| allowlist::refused(client, allow));
        if uris.is_empty() {
            let text = format!(
                "{} does not document where its sign-in comes back, so the check cannot say whether the cluster's redirect allowlist admits it.",
                client.name()
            );
            return view! {
                <p class="redirects verdict-unknown" data-testid="discovery-redirects" data-verdict="unknown">{text}</p>
            }
            .into_any();
        }
        let verdict = if refused.is_empty() { "ok" } else { "error" };
        let list = uris
            .iter()
            .map(|u| format!("`{u}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let text = if refused.is_empty() {
            format!(
                "{} is sent back to {list} after signing in: the cluster's redirect allowlist admits it.",
                client.name()
            )
        } else {
            format!(
                "{} is sent back to {list} after signing in, and the cluster's redirect allowlist does not admit {}: the cluster refuses its sign-in until the operator adds it (For administrators has the lines).",
                client.name(),
                refused
                    .iter()
                    .map(|u| format!("`{u}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        view! {
            <p class=format!("redirects verdict-{verdict}") data-testid="discovery-redirects" data-verdict=verdict>{rich(&text)}</p>
        }
        .into_any()
    }
}
