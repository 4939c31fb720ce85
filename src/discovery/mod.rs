//! The OAuth discovery check, as a pure state machine: it plans each GET in
//! the order `codex mcp login` (through rmcp) and the MCP authorization spec
//! use, and turns each observed response into a step verdict and the next
//! request. It does no I/O: the browser shell fetches and feeds it
//! [`Outcome`]s. See `shared/docs/DISCOVERY.md`.

mod authorize;
mod documents;
mod report;
mod step;

pub use self::authorize::{
    AuthorizationPreview, authorization_preview, authorization_url, pkce_verifier,
};
pub use self::report::{Report, Suggestion, curl_commands};
pub use self::step::{Fixer, Learned, Outcome, PrmSource, Purpose, Registration, Step, Verdict};

use url::Url;

use crate::validate::join_url;

use self::documents::{AsCheck, PrmCheck, check_as_metadata, check_prm};

/// Largest body read; rmcp caps bodies at 1 MiB too.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Seconds the shell waits for one response.
pub const TIMEOUT_SECS: u32 = 10;

#[derive(Clone, Debug, PartialEq)]
enum Stage {
    Mcp,
    Prm {
        candidates: Vec<(Url, PrmSource)>,
        index: usize,
    },
    As {
        issuer: String,
        candidates: Vec<Url>,
        index: usize,
    },
    Done,
}

/// The check for one MCP URL, in progress or finished.
#[derive(Clone, Debug, PartialEq)]
pub struct Discovery {
    mcp: Url,
    client_id_configured: bool,
    stage: Stage,
    steps: Vec<Step>,
    learned: Learned,
    /// A document was read that decides the outcome (usable or not).
    conclusive: bool,
}

impl Discovery {
    /// Starts a check of `mcp`. `client_id_configured` says whether the
    /// person already set a pre-registered client id.
    pub fn new(mcp: Url, client_id_configured: bool) -> Self {
        Self {
            mcp,
            client_id_configured,
            stage: Stage::Mcp,
            steps: Vec::new(),
            learned: Learned::default(),
            conclusive: false,
        }
    }

    /// The URL to fetch next, or `None` when the check is finished.
    pub fn next_request(&self) -> Option<(Url, Purpose)> {
        match &self.stage {
            Stage::Mcp => Some((self.mcp.clone(), Purpose::McpEndpoint)),
            Stage::Prm { candidates, index } => candidates
                .get(*index)
                .map(|(url, source)| (url.clone(), Purpose::ProtectedResource(*source))),
            Stage::As {
                candidates, index, ..
            } => candidates
                .get(*index)
                .map(|url| (url.clone(), Purpose::AuthorizationServer)),
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
                self.steps.push(step);
                if purpose == Purpose::McpEndpoint {
                    // Without the endpoint's answer, Codex still tries the well-known locations.
                    self.stage = Stage::Prm {
                        candidates: documents::prm_locations(&self.mcp),
                        index: 0,
                    };
                } else {
                    self.advance(false);
                }
                return;
            }
        };
        match purpose {
            Purpose::McpEndpoint => self.on_mcp(&mut step, &body),
            Purpose::ProtectedResource(source) => {
                let found = self.on_prm(&mut step, source, &body);
                self.steps.push(step);
                self.advance(found);
                return;
            }
            Purpose::AuthorizationServer => {
                let found = self.on_as(&mut step, &body);
                self.steps.push(step);
                self.advance(found);
                return;
            }
        }
        self.steps.push(step);
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
                format!("No answer within {TIMEOUT_SECS} seconds; Codex gives up after 30. The server is slow or down."),
            ),
            Outcome::TooLarge => (
                Verdict::Error,
                Fixer::Operator,
                "The answer is larger than 1 MiB, which Codex refuses to read; this is not a metadata document.".to_owned(),
            ),
            Outcome::UnreadableRedirect => (
                Verdict::Error,
                Fixer::Operator,
                "Redirects somewhere the browser cannot read (often a sign-in page on another host). Codex follows only redirects on the same origin, so it finds no metadata here.".to_owned(),
            ),
            Outcome::Response { status, www_authenticate, body, redirected_to } => {
                step.status = Some(status);
                if let Some(target) = &redirected_to {
                    step.facts.push(format!("redirected to {target}"));
                    if target.origin() != url.origin() {
                        step.verdict = Verdict::Error;
                        step.fixer = Fixer::Operator;
                        step.message = format!(
                            "Redirects to another origin ({}). Codex follows only same-origin redirects, so it stops here.",
                            target.origin().ascii_serialization()
                        );
                        return Err(());
                    }
                }
                if body.len() > MAX_BODY_BYTES {
                    (Verdict::Error, Fixer::Operator, "The answer is larger than 1 MiB, which Codex refuses to read.".to_owned())
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

    fn on_mcp(&mut self, step: &mut Step, (status, header, _): &(u16, Option<String>, Vec<u8>)) {
        let mut candidates = Vec::new();
        match (status, header) {
            (401, Some(header)) => {
                step.facts.push(format!("WWW-Authenticate: {header}"));
                match documents::resource_metadata_param(header)
                    .map(|link| join_url(&self.mcp, &link))
                {
                    Some(Ok(link)) if link.origin() == self.mcp.origin() => {
                        step.message =
                            "Asks for sign-in (401) and links its protected resource metadata."
                                .to_owned();
                        candidates.push((link, PrmSource::Header));
                    }
                    Some(Ok(link)) => {
                        step.verdict = Verdict::Warning;
                        step.fixer = Fixer::Operator;
                        step.message = format!(
                            "Links protected resource metadata on another origin ({}), which Codex ignores; it looks in the well-known locations instead.",
                            link.origin().ascii_serialization()
                        );
                    }
                    Some(Err(_)) => {
                        step.verdict = Verdict::Warning;
                        step.fixer = Fixer::Operator;
                        step.message = "The resource_metadata link is not a valid URL; Codex looks in the well-known locations instead.".to_owned();
                    }
                    None => {
                        step.message = "Asks for sign-in (401) without a resource_metadata link; Codex looks in the well-known locations.".to_owned();
                    }
                }
            }
            (401, None) => {
                step.verdict = Verdict::Unknown;
                step.message = "Asks for sign-in (401), but the browser cannot read its WWW-Authenticate header: it is missing, or the server does not list it in Access-Control-Expose-Headers. The curl command below shows it.".to_owned();
            }
            (200..=299, _) => {
                step.verdict = Verdict::Warning;
                step.fixer = Fixer::Operator;
                step.message = format!(
                    "Answers {status} without sign-in: this endpoint may not require OAuth at all, and Codex would not need to log in."
                );
            }
            (status, _) if *status >= 500 || *status == 429 => {
                step.verdict = Verdict::Error;
                step.fixer = Fixer::Operator;
                step.message = format!(
                    "Answers {status}: the server is failing or rate-limiting. Try again later, or ask the operator."
                );
            }
            (status, _) => {
                step.verdict = Verdict::Warning;
                step.fixer = Fixer::Operator;
                step.message = format!(
                    "Answers {status} instead of 401; Codex still looks for OAuth metadata in the well-known locations."
                );
            }
        }
        candidates.extend(documents::prm_locations(&self.mcp));
        self.stage = Stage::Prm {
            candidates,
            index: 0,
        };
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
        match check_prm(&self.mcp, body, step) {
            PrmCheck::Usable {
                resource,
                issuer,
                scopes,
            } => {
                if source == PrmSource::CodexFallback && step.verdict == Verdict::Ok {
                    step.verdict = Verdict::Warning;
                    step.fixer = Fixer::Operator;
                    step.message = "Found only at <MCP URL>/.well-known/oauth-protected-resource: Codex looks there, other MCP clients do not. Publish it at /.well-known/oauth-protected-resource/<path> as well.".to_owned();
                }
                self.learned.resource = Some(resource);
                self.learned.scopes_supported = scopes;
                let candidates = documents::as_locations(&issuer);
                self.learned.issuer = Some(issuer.clone());
                self.stage = Stage::As {
                    issuer,
                    candidates,
                    index: 0,
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
        let Stage::As { issuer, .. } = &self.stage else {
            return false;
        };
        let issuer = issuer.clone();
        match check_as_metadata(&issuer, body, self.client_id_configured, step) {
            AsCheck::Usable(found) => {
                self.learned.authorization_endpoint = found.authorization_endpoint;
                self.learned.token_endpoint = found.token_endpoint;
                self.learned.registration_endpoint = found.registration_endpoint;
                self.learned.registration = Some(found.registration);
                self.learned.s256 = found.s256;
                if self.learned.scopes_supported.is_empty() {
                    self.learned.scopes_supported = found.scopes;
                }
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
                let unseen_endpoint =
                    step.purpose == Purpose::McpEndpoint && step.verdict == Verdict::Unknown;
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
                    self.stage = Stage::Done;
                }
            }
            Stage::As {
                candidates, index, ..
            } => {
                *index += 1;
                if *index >= candidates.len() {
                    self.stage = Stage::Done;
                }
            }
            Stage::Mcp | Stage::Done => self.stage = Stage::Done,
        }
    }
}

/// The requests a check starts with (the endpoint and the well-known
/// protected-resource-metadata locations), for the curl commands shown
/// before any check has run.
pub fn initial_plan(mcp: &Url) -> Vec<Url> {
    std::iter::once(mcp.clone())
        .chain(
            documents::prm_locations(mcp)
                .into_iter()
                .map(|(url, _)| url),
        )
        .collect()
}
