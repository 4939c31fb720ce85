//! The sign-in: finding it from the endpoint's challenge (discovery, the
//! spec's way), the client id, the callback's checks (`state`, RFC 9207's
//! `iss`), and one more sign-in for a scope the server names.

use url::Url;

use super::{Connect, Endpoint, Failure, GaveUp, Observed, Stage, WHO, mcp, oauth};
use crate::discovery::{Discovery, Outcome, Profile, Registration, Verdict};

impl Connect {
    /// The MCP endpoint answered 401 or 403. Without a token: find the
    /// sign-in from its challenge. With one: a token without a scope the
    /// server names gets one more sign-in with the wider scope, once;
    /// anything else stops.
    pub(super) fn challenged(&mut self, status: u16, challenge: Option<String>, body: Vec<u8>) {
        if self.token.is_none() {
            let profile = Profile::spec(
                WHO,
                self.params.client_id.clone(),
                self.params.metadata_document.as_ref().map(Url::to_string),
                &self.params.scopes,
            );
            let mut discovery = Discovery::new(self.params.mcp.clone(), profile);
            discovery.observe(Outcome::Response {
                status,
                www_authenticate: challenge,
                body,
                redirected_to: None,
            });
            self.stage = Stage::Discover(Box::new(discovery));
            return self.discovery_step();
        }
        let (error, scope) = challenge.as_deref().map(mcp::challenge).unwrap_or_default();
        let wider: Vec<String> = scope
            .iter()
            .flat_map(|s| s.split_whitespace())
            .filter(|s| !self.scopes.iter().any(|had| had == s))
            .map(str::to_owned)
            .collect();
        let insufficient = error.as_deref() == Some("insufficient_scope");
        if insufficient && self.attempt == 0 && scope.is_some() {
            self.scopes.extend(wider);
            self.attempt = 1;
            self.token = None;
            self.session = None;
            self.protocol = None;
            self.stage = Stage::SignIn;
            return;
        }
        let again = self.attempt > 0;
        self.fail(Failure::Unauthorized {
            error,
            scope,
            again,
        });
    }

    /// The sign-in came back to the page's callback with `query`. A state
    /// that is not the one this sign-in sent, or an issuer that is not the
    /// server's (RFC 9207), is refused, and its code is never redeemed. A
    /// window that closed may still answer late (an authorization server's
    /// opener policy hides it from the page).
    pub fn callback(&mut self, query: &str) {
        let waiting = matches!(
            self.stage,
            Stage::SignIn | Stage::Failed(Failure::Timeout(GaveUp::WindowClosed))
        );
        if !waiting {
            return;
        }
        let sent = self.state().to_owned();
        match oauth::callback(query) {
            oauth::Callback::Code { code, state, iss } if state.as_deref() == Some(&sent) => {
                let expected = self.learned.issuer.clone().unwrap_or_default();
                let promised = self.learned.iss_parameter;
                match iss {
                    Some(found) if found != expected => self.fail(Failure::IssuerMismatch {
                        expected,
                        found: Some(found),
                    }),
                    None if promised => self.fail(Failure::IssuerMismatch {
                        expected,
                        found: None,
                    }),
                    _ => self.stage = Stage::Token(code),
                }
            }
            oauth::Callback::Error {
                error,
                description,
                state,
            } if state.as_deref() == Some(&sent) => {
                self.fail(Failure::Denied { error, description });
            }
            oauth::Callback::Code { .. } | oauth::Callback::Error { .. } => {
                self.fail(Failure::StateMismatch);
            }
            oauth::Callback::Nothing => {}
        }
    }

    /// The shell stopped waiting for the sign-in.
    pub fn gave_up(&mut self, why: GaveUp) {
        if self.stage == Stage::SignIn {
            self.fail(Failure::Timeout(why));
        }
    }

    /// Discovery saw `seen`.
    pub(super) fn discovered(&mut self, mut discovery: Discovery, seen: Observed) {
        let outcome = match seen {
            Observed::Answer {
                status,
                challenge,
                body,
                ..
            } => Outcome::Response {
                status,
                www_authenticate: challenge,
                body,
                redirected_to: None,
            },
            Observed::Blocked => Outcome::Blocked,
            Observed::Timeout => Outcome::Timeout,
            Observed::TooLarge => Outcome::TooLarge,
        };
        discovery.observe(outcome);
        self.stage = Stage::Discover(Box::new(discovery));
        self.discovery_step();
    }

    /// Once discovery is done, the flow knows where to sign in, with which
    /// scopes and how to get a client id, or why it cannot.
    pub(super) fn discovery_step(&mut self) {
        let Stage::Discover(discovery) = &self.stage else {
            return;
        };
        if discovery.next_request().is_some() {
            return;
        }
        let discovery = discovery.clone();
        let learned = discovery.learned().clone();
        let report = discovery.report();
        let blocked = discovery
            .steps()
            .iter()
            .any(|s| s.verdict == Verdict::Unknown && s.status.is_none());
        if learned.authorization_endpoint.is_none() || learned.token_endpoint.is_none() {
            return self.fail(if blocked {
                Failure::Blocked(Endpoint::Metadata)
            } else {
                Failure::NoSignIn(report.reason)
            });
        }
        let methods = learned.token_auth_methods.clone().unwrap_or_default();
        if !methods.is_empty() && !methods.iter().any(|m| m == "none") {
            return self.fail(Failure::NeedsSecret(methods));
        }
        if learned.registration == Some(Registration::PreRegistered)
            && self.params.client_id.is_none()
        {
            return self.fail(Failure::NoRegistration);
        }
        if report.verdict == Verdict::Error {
            return self.fail(Failure::NoSignIn(report.reason));
        }
        self.scopes = crate::discovery::requested_scopes(discovery.profile(), &learned);
        self.learned = learned;
        self.choose_client();
    }

    /// The client id, by the way discovery chose.
    pub(super) fn choose_client(&mut self) {
        match self.learned.registration {
            Some(Registration::PreRegistered) => {
                self.client_id = self.params.client_id.clone();
                self.stage = Stage::SignIn;
            }
            Some(Registration::MetadataDocument) => {
                self.client_id = self.params.metadata_document.as_ref().map(Url::to_string);
                self.stage = Stage::SignIn;
            }
            _ => {
                let Some(endpoint) = self.learned.registration_endpoint.clone() else {
                    return self.fail(Failure::NoRegistration);
                };
                match &self.params.registered {
                    Some((at, id)) if *at == endpoint.as_str() => {
                        self.client_id = Some(id.clone());
                        self.registered = Some((at.clone(), id.clone()));
                        self.stage = Stage::SignIn;
                    }
                    _ => self.stage = Stage::Register(endpoint),
                }
            }
        }
    }
}
