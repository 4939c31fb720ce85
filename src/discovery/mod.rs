//! The OAuth discovery check, as a pure state machine: it plans each
//! request in the order one client uses to find its sign-in (its
//! [`Profile`]: the MCP spec's for the page's own sign-in, each client's as
//! its real CLI did), and turns each observed response into a step verdict,
//! named for that client, and the next request. It does no I/O: the browser
//! shell fetches and feeds it [`Outcome`]s. See `shared/docs/DISCOVERY.md`.

pub mod allowlist;
mod authorize;
mod documents;
mod endpoint;
mod fallback;
mod profile;
mod report;
mod scopes;
mod step;

pub use self::authorize::{
    AuthorizationPreview, authorization_preview, authorization_url, pkce_verifier,
};
pub use self::documents::challenge_param;
pub use self::endpoint::initial_plan;
pub use self::profile::Profile;
pub use self::report::{Report, Suggestion, curl_commands};
pub use self::scopes::requested_scopes;
pub use self::step::{Fixer, Learned, Outcome, PrmSource, Purpose, Registration, Step, Verdict};

use url::Url;

use crate::clients::{Asks, WellKnown};

use self::documents::{AsCheck, PrmCheck, check_as_metadata, check_prm};
use self::scopes::judge_scopes;

/// Largest body read; rmcp caps bodies at 1 MiB too.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Seconds the shell waits for one response.
pub const TIMEOUT_SECS: u32 = 10;

#[derive(Clone, Debug, PartialEq)]
enum Stage {
    /// The MCP endpoint: the spec's POST, then the client's GET if it
    /// asks that way.
    Mcp {
        asks: Vec<Asks>,
        index: usize,
    },
    Prm {
        candidates: Vec<(Url, PrmSource)>,
        index: usize,
    },
    As {
        issuer: String,
        candidates: Vec<Url>,
        index: usize,
        /// The 2025-03-26 way: the metadata at the MCP URL's origin, found
        /// without protected resource metadata.
        legacy: bool,
    },
    /// The 2025-03-26 defaults: is `/authorize` there?
    Defaults,
    Done,
}

/// The check for one MCP URL, in progress or finished.
#[derive(Clone, Debug, PartialEq)]
pub struct Discovery {
    mcp: Url,
    profile: Profile,
    stage: Stage,
    steps: Vec<Step>,
    learned: Learned,
    /// The `resource_metadata` link of the challenge the client itself saw.
    own_link: Option<Url>,
    /// A document was read that decides the outcome (usable or not).
    conclusive: bool,
}

impl Discovery {
    /// Starts a check of `mcp`, looking as `profile` says: a POST of
    /// `initialize` without a token first, as the spec's clients ask (what
    /// the server wants, whoever looks), then the client's own GET if it
    /// asks that way.
    pub fn new(mcp: Url, profile: Profile) -> Self {
        let mut asks = vec![Asks::Post];
        if profile.asks == Asks::Get {
            asks.push(Asks::Get);
        }
        Self {
            mcp,
            profile,
            stage: Stage::Mcp { asks, index: 0 },
            steps: Vec::new(),
            learned: Learned::default(),
            own_link: None,
            conclusive: false,
        }
    }

    /// Who looks, and how.
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// The URL to fetch next, or `None` when the check is finished.
    pub fn next_request(&self) -> Option<(Url, Purpose)> {
        match &self.stage {
            Stage::Mcp { asks, index } => asks
                .get(*index)
                .map(|ask| (self.mcp.clone(), Purpose::McpEndpoint(*ask))),
            Stage::Prm { candidates, index } => candidates
                .get(*index)
                .map(|(url, source)| (url.clone(), Purpose::ProtectedResource(*source))),
            Stage::As {
                candidates, index, ..
            } => candidates
                .get(*index)
                .map(|url| (url.clone(), Purpose::AuthorizationServer)),
            Stage::Defaults => Some((self.at_origin("/authorize"), Purpose::DefaultEndpoint)),
            Stage::Done => None,
        }
    }

    /// Every step so far.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// What was learned so far.
    pub fn learned(&self) -> &Learned {
        &self.learned
    }

    /// Whether the check has finished.
    pub fn is_done(&self) -> bool {
        self.stage == Stage::Done
    }

    /// Feeds the outcome of the request [`Discovery::next_request`] named.
    pub fn observe(&mut self, outcome: Outcome) {
        let Some((url, purpose)) = self.next_request() else {
            return;
        };
        let mut step = Step {
            url: url.clone(),
            purpose: purpose.clone(),
            status: None,
            verdict: Verdict::Ok,
            message: String::new(),
            facts: Vec::new(),
            fixer: Fixer::Nobody,
            superseded: false,
        };
        let body = match self.transport(&url, outcome, &mut step) {
            Ok(body) => body,
            Err(()) => {
                match purpose {
                    Purpose::McpEndpoint(ask) => {
                        self.knowledge_only(&mut step, ask);
                        self.steps.push(step);
                        self.next_ask();
                    }
                    Purpose::DefaultEndpoint => {
                        // Blocked or failing: the sign-in may still be there.
                        self.steps.push(step);
                        self.default_endpoints();
                    }
                    _ => {
                        self.steps.push(step);
                        self.advance(false);
                    }
                }
                return;
            }
        };
        match purpose {
            Purpose::McpEndpoint(ask) => {
                self.on_mcp(&mut step, ask, &body);
                self.knowledge_only(&mut step, ask);
                self.steps.push(step);
                self.next_ask();
            }
            Purpose::ProtectedResource(source) => {
                let found = self.on_prm(&mut step, source, &body);
                self.steps.push(step);
                self.advance(found);
            }
            Purpose::AuthorizationServer => {
                let found = self.on_as(&mut step, &body);
                self.steps.push(step);
                self.advance(found);
            }
            Purpose::DefaultEndpoint => {
                let there = self.on_default(&mut step, body.0);
                self.steps.push(step);
                if there {
                    self.default_endpoints();
                } else {
                    self.stage = Stage::Done;
                }
            }
        }
    }

    /// Handles what every request has in common: failures, redirects and
    /// status codes. Returns the body and status for a response to examine.
    fn transport(
        &mut self,
        url: &Url,
        outcome: Outcome,
        step: &mut Step,
    ) -> Result<(u16, Option<String>, Vec<u8>), ()> {
        let (verdict, fixer, message) = match outcome {
            Outcome::Blocked => (
                Verdict::Unknown,
                Fixer::Nobody,
                "Could not check from the browser: the request was blocked (no CORS headers, or the host is unreachable from here). Run the curl command below to check from a terminal.".to_owned(),
            ),
            Outcome::Timeout => (
                Verdict::Error,
                Fixer::Operator,
                format!("No answer within {TIMEOUT_SECS} seconds. The server is slow or down."),
            ),
            Outcome::TooLarge => (
                Verdict::Error,
                Fixer::Operator,
                format!("The answer is larger than 1 MiB, which {} does not read; this is not a metadata document.", self.profile.who),
            ),
            Outcome::UnreadableRedirect => (
                Verdict::Error,
                Fixer::Operator,
                format!("Redirects somewhere the browser cannot read (often a sign-in page on another host). {} follows only redirects on the same origin, so it finds no metadata here.", self.profile.who),
            ),
            Outcome::Response { status, www_authenticate, body, redirected_to } => {
                step.status = Some(status);
                if let Some(target) = &redirected_to {
                    step.facts.push(format!("redirected to {target}"));
                    if target.origin() != url.origin() {
                        step.verdict = Verdict::Error;
                        step.fixer = Fixer::Operator;
                        step.message = format!(
                            "Redirects to another origin ({}). {} follows only same-origin redirects, so it stops here.",
                            target.origin().ascii_serialization(),
                            self.profile.who
                        );
                        return Err(());
                    }
                }
                if body.len() > MAX_BODY_BYTES {
                    (Verdict::Error, Fixer::Operator, format!("The answer is larger than 1 MiB, which {} does not read.", self.profile.who))
                } else {
                    return Ok((status, www_authenticate, body));
                }
            }
        };
        step.verdict = verdict;
        step.fixer = fixer;
        step.message = message;
        Err(())
    }

    fn on_prm(
        &mut self,
        step: &mut Step,
        source: PrmSource,
        (status, _, body): &(u16, Option<String>, Vec<u8>),
    ) -> bool {
        if !documents::judge_status(*status, step) {
            return false;
        }
        match check_prm(&self.mcp, body, &self.profile.who, step) {
            PrmCheck::Usable {
                resource,
                issuer,
                scopes,
            } => {
                if source == PrmSource::WellKnown(WellKnown::UnderMcpUrl)
                    && step.verdict == Verdict::Ok
                {
                    step.verdict = Verdict::Warning;
                    step.fixer = Fixer::Operator;
                    step.message = format!(
                        "Found only at <MCP URL>/.well-known/oauth-protected-resource: {} looks there, clients that follow the spec do not. Publish it at /.well-known/oauth-protected-resource/<path> as well.",
                        self.profile.who
                    );
                }
                self.learned.resource = Some(resource);
                self.learned.resource_scopes = scopes.clone();
                self.learned.scopes_supported = scopes;
                let candidates = documents::as_locations(&issuer);
                self.learned.issuer = Some(issuer.clone());
                self.stage = Stage::As {
                    issuer,
                    candidates,
                    index: 0,
                    legacy: false,
                };
                true
            }
            PrmCheck::Invalid => {
                self.conclusive = true;
                self.stage = Stage::Done;
                false
            }
            PrmCheck::Unusable => false,
        }
    }

    fn on_as(
        &mut self,
        step: &mut Step,
        (status, _, body): &(u16, Option<String>, Vec<u8>),
    ) -> bool {
        if !documents::judge_status(*status, step) {
            return false;
        }
        let Stage::As { issuer, legacy, .. } = &self.stage else {
            return false;
        };
        let (issuer, legacy) = (issuer.clone(), *legacy);
        match check_as_metadata(&issuer, body, &self.profile, legacy, step) {
            AsCheck::Usable(found) => {
                self.learned.issuer = found.issuer.or(Some(issuer));
                self.learned.authorization_endpoint = found.authorization_endpoint;
                self.learned.token_endpoint = found.token_endpoint;
                self.learned.registration_endpoint = found.registration_endpoint;
                self.learned.registration = Some(found.registration);
                self.learned.s256 = found.s256;
                self.learned.token_auth_methods = found.token_auth_methods;
                self.learned.metadata_documents = found.metadata_documents;
                self.learned.iss_parameter = found.iss_parameter;
                if self.learned.scopes_supported.is_empty() {
                    self.learned.scopes_supported = found.scopes;
                }
                judge_scopes(&self.profile, &self.learned, step);
                self.conclusive = true;
                self.stage = Stage::Done;
                true
            }
            AsCheck::Unusable => false,
        }
    }

    /// Moves to the next candidate, or finishes. A success marks the
    /// stage's earlier misses as superseded.
    fn advance(&mut self, found: bool) {
        if found {
            // The new stage starts at index 0; mark this stage's misses.
            let last = self.steps.len() - 1;
            let purpose_kind = std::mem::discriminant(&self.steps[last].purpose);
            for step in self.steps[..last].iter_mut() {
                let same_stage = std::mem::discriminant(&step.purpose) == purpose_kind;
                let unseen_endpoint = matches!(step.purpose, Purpose::McpEndpoint(_))
                    && step.verdict == Verdict::Unknown;
                if same_stage || unseen_endpoint {
                    step.superseded = true;
                }
            }
            if self.steps[last].purpose == Purpose::AuthorizationServer {
                self.stage = Stage::Done;
            }
            return;
        }
        match &mut self.stage {
            Stage::Prm { candidates, index } => {
                *index += 1;
                if *index >= candidates.len() {
                    self.after_prm();
                }
            }
            Stage::As {
                candidates,
                index,
                legacy,
                ..
            } => {
                *index += 1;
                if *index >= candidates.len() {
                    let legacy = *legacy;
                    self.stage = if legacy && self.all_missing(Purpose::AuthorizationServer) {
                        Stage::Defaults
                    } else {
                        Stage::Done
                    };
                }
            }
            Stage::Mcp { .. } | Stage::Defaults | Stage::Done => self.stage = Stage::Done,
        }
    }
}
