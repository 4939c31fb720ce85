//! The summary of a finished check, what it suggests for the outputs, and
//! the curl commands that repeat it from a terminal.

use url::Url;

use super::{Discovery, Fixer, Purpose, Registration, Step, Verdict, requested_scopes};
use crate::clients::Asks;
use crate::render::posix_quote;

/// A setting discovery suggests for the person's config.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Suggestion {
    /// Request these scopes (the form's OAuth scopes).
    Scopes(Vec<String>),
    /// The server cannot register the client: a pre-registered client id is needed.
    ClientId,
    /// The metadata's `resource` differs from the URL: set `oauth_resource`.
    OauthResource(String),
}

/// The check as a whole.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// `ok`, `warning`, `error` or `unknown`.
    pub verdict: Verdict,
    /// Why, in plain words.
    pub reason: String,
    /// Who can fix it.
    pub fixer: Fixer,
    /// Settings to consider.
    pub suggestions: Vec<Suggestion>,
}

fn worst<'a>(steps: impl Iterator<Item = &'a Step>) -> Option<&'a Step> {
    steps.fold(None, |acc: Option<&Step>, s| match acc {
        Some(a) if a.verdict >= s.verdict => Some(a),
        _ => Some(s),
    })
}

impl Discovery {
    /// The summary. Steps a later step made unnecessary (a blocked `/mcp`
    /// whose metadata was found anyway, a 404 before the location that
    /// answered) do not lower it.
    pub fn report(&self) -> Report {
        let decisive: Vec<&Step> = self.steps.iter().filter(|s| !s.superseded).collect();
        let (verdict, reason, fixer) = if self.conclusive {
            match worst(decisive.iter().copied()) {
                Some(step) if step.verdict != Verdict::Ok => {
                    (step.verdict, step.message.clone(), step.fixer)
                }
                _ => (
                    Verdict::Ok,
                    format!(
                        "{} finds the authorization server and opens the sign-in page.",
                        self.profile.command
                    ),
                    Fixer::Nobody,
                ),
            }
        } else {
            self.exhausted(&decisive)
        };
        Report {
            verdict,
            reason,
            fixer,
            suggestions: self.suggestions(),
        }
    }

    fn exhausted(&self, decisive: &[&Step]) -> (Verdict, String, Fixer) {
        if let Some(error) = decisive.iter().find(|s| s.verdict == Verdict::Error) {
            return (
                Verdict::Error,
                format!("{} ({})", error.message, error.url),
                error.fixer,
            );
        }
        if decisive.iter().any(|s| s.verdict == Verdict::Unknown) {
            return (
                Verdict::Unknown,
                format!(
                    "Could not complete the check from the browser: some answers were blocked or unreadable here. Run the curl commands below in a terminal to see what {} sees.",
                    self.profile.who
                ),
                Fixer::Nobody,
            );
        }
        let open_endpoint = self.steps.iter().any(|s| {
            matches!(s.purpose, Purpose::McpEndpoint(_)) && matches!(s.status, Some(200..=299))
        });
        let who = &self.profile.who;
        if open_endpoint {
            return (
                Verdict::Warning,
                format!(
                    "The server answers without sign-in and publishes no OAuth metadata: {who} can connect without signing in."
                ),
                Fixer::Nobody,
            );
        }
        let in_as_stage = self.learned.issuer.is_some();
        let reason = if in_as_stage {
            format!(
                "No authorization server metadata for {} at any location {who} tries. The operator must publish it (RFC 8414 or OpenID Connect Discovery).",
                self.learned.issuer.as_deref().unwrap_or_default()
            )
        } else {
            format!(
                "No OAuth protected resource metadata at any location {who} tries, so {} cannot find where to sign in. The operator must publish it (RFC 9728) at a well-known location{}.",
                self.profile.command,
                if self.profile.asks == Asks::Post {
                    " or link it from the 401's WWW-Authenticate header"
                } else {
                    ""
                }
            )
        };
        (Verdict::Error, reason, Fixer::Operator)
    }

    fn suggestions(&self) -> Vec<Suggestion> {
        let mut out = Vec::new();
        if !self.conclusive {
            return out;
        }
        let requested = requested_scopes(&self.profile, &self.learned);
        let mut wanted = requested.clone();
        wanted.extend(
            self.learned
                .challenge_scope
                .iter()
                .filter(|s| !requested.contains(s))
                .cloned(),
        );
        if wanted != requested && self.profile.reads_scopes {
            out.push(Suggestion::Scopes(wanted));
        } else if self.profile.scopes.is_empty() && !self.learned.scopes_supported.is_empty() {
            out.push(Suggestion::Scopes(self.learned.scopes_supported.clone()));
        }
        if self.learned.registration == Some(Registration::PreRegistered)
            && self.profile.client_id.is_none()
        {
            out.push(Suggestion::ClientId);
        }
        if let Some(resource) = self
            .learned
            .resource
            .as_ref()
            .filter(|r| *r != self.mcp.as_str())
        {
            out.push(Suggestion::OauthResource(resource.clone()));
        }
        out
    }
}

/// The curl commands that repeat the check's requests from a terminal, one
/// per line (`-i` shows the status and headers, including WWW-Authenticate):
/// a GET for each, but the spec's POST, which sends `initialize` (its JSON).
pub fn curl_commands(requests: &[(Url, Purpose)], initialize: &str) -> String {
    requests
        .iter()
        .map(|(url, purpose)| match purpose {
            Purpose::McpEndpoint(Asks::Post) => format!(
                "curl -sS -i --max-time 30 -X POST -H 'content-type: application/json' -H 'accept: application/json, text/event-stream' --data {} {}\n",
                posix_quote(initialize),
                posix_quote(url.as_str())
            ),
            _ => format!("curl -sS -i --max-time 30 {}\n", posix_quote(url.as_str())),
        })
        .collect()
}
