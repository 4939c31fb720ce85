//! The OAuth discovery check, as a pure state machine: it plans each
//! request in the order one client uses to find its sign-in (its
//! [`Profile`]: the MCP spec's for the page's own sign-in, each client's as
//! its real CLI did), and turns each observed response into a step verdict,
//! named for that client, and the next request. It does no I/O: the browser
//! shell fetches and feeds it [`Outcome`]s. See `shared/docs/DISCOVERY.md`.

pub mod allowlist;
mod authorize;
mod documents;
mod profile;
mod report;
mod step;

pub use self::authorize::{
    AuthorizationPreview, authorization_preview, authorization_url, pkce_verifier,
};
pub use self::documents::challenge_param;
pub use self::profile::Profile;
pub use self::report::{Report, Suggestion, curl_commands};
pub use self::step::{Fixer, Learned, Outcome, PrmSource, Purpose, Registration, Step, Verdict};

use url::Url;

use crate::clients::{Asks, WellKnown};
use crate::validate::join_url;

use self::documents::{AsCheck, PrmCheck, check_as_metadata, check_prm};

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

    /// A request the client itself does not make (the spec's POST, for a
    /// client that asks otherwise or not at all) only tells what the server
    /// wants: it never lowers the verdict.
    fn knowledge_only(&self, step: &mut Step, ask: Asks) {
        if ask != self.profile.asks {
            let how = match self.profile.asks {
                Asks::Never => "does not ask the endpoint before signing in",
                _ => "asks with a GET",
            };
            step.message = format!(
                "{} {how}; the page asks as the MCP spec's clients do, to learn what the server wants. {}",
                self.profile.who, step.message
            );
            step.superseded = true;
        }
    }

    /// After one of the endpoint's requests: the next, or the metadata's
    /// locations, linked first where the client follows the link.
    fn next_ask(&mut self) {
        let Stage::Mcp { asks, index } = &mut self.stage else {
            return;
        };
        *index += 1;
        if *index < asks.len() {
            return;
        }
        let mut candidates: Vec<(Url, PrmSource)> = self
            .own_link
            .iter()
            .map(|link| (link.clone(), PrmSource::Header))
            .collect();
        for found in documents::prm_locations(&self.mcp, &self.profile.well_known) {
            if !candidates.iter().any(|(url, _)| *url == found.0) {
                candidates.push(found);
            }
        }
        self.stage = Stage::Prm {
            candidates,
            index: 0,
        };
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

    fn on_mcp(
        &mut self,
        step: &mut Step,
        ask: Asks,
        (status, header, _): &(u16, Option<String>, Vec<u8>),
    ) {
        let who = self.profile.who.clone();
        let own = ask == self.profile.asks;
        let asked = match ask {
            Asks::Get => "a GET",
            _ => "`initialize` without a token",
        };
        match (status, header) {
            (401 | 403, Some(header)) => {
                step.facts.push(format!("WWW-Authenticate: {header}"));
                let scope: Vec<String> = documents::challenge_param(header, "scope")
                    .map(|s| s.split_whitespace().map(str::to_owned).collect())
                    .unwrap_or_default();
                if ask == Asks::Post {
                    self.learned.challenge_scope = scope.clone();
                }
                if own {
                    self.learned.own_challenge_scope = scope;
                }
                match documents::challenge_param(header, "resource_metadata")
                    .map(|link| join_url(&self.mcp, &link))
                {
                    Some(Ok(link))
                        if link.origin() == self.mcp.origin()
                            || self.profile.follows_other_origin =>
                    {
                        step.message = format!(
                            "Asks for sign-in ({status}) and links its protected resource metadata."
                        );
                        if own {
                            self.own_link = Some(link);
                        }
                    }
                    Some(Ok(link)) => {
                        step.verdict = Verdict::Warning;
                        step.fixer = Fixer::Operator;
                        step.message = format!(
                            "Links protected resource metadata on another origin ({}), which {who} ignores; it looks in the well-known locations instead.",
                            link.origin().ascii_serialization()
                        );
                    }
                    Some(Err(_)) => {
                        step.verdict = Verdict::Warning;
                        step.fixer = Fixer::Operator;
                        step.message = format!(
                            "The resource_metadata link is not a valid URL; {who} looks in the well-known locations instead."
                        );
                    }
                    None => {
                        step.message = format!(
                            "Asks for sign-in ({status}) without a resource_metadata link; {who} looks in the well-known locations."
                        );
                    }
                }
            }
            (401, None) => {
                step.verdict = Verdict::Unknown;
                step.message = "Asks for sign-in (401), but the browser cannot read its WWW-Authenticate header: it is missing, or the server does not list it in Access-Control-Expose-Headers. The curl command below shows it.".to_owned();
            }
            (200..=299, _) => {
                if ask == Asks::Post {
                    self.learned.initialize_answered = true;
                }
                step.message = format!(
                    "Answers {asked} ({status}): the server asks for sign-in later, for its tools, or not at all. {who} looks for OAuth metadata in the well-known locations."
                );
            }
            (status, _) if *status >= 500 || *status == 429 => {
                step.verdict = Verdict::Error;
                step.fixer = Fixer::Operator;
                step.message = format!(
                    "Answers {status}: the server is failing or rate-limiting. Try again later, or ask the operator."
                );
            }
            (status @ (404 | 405), _) if ask == Asks::Get => {
                // A standard server sends its challenge to a POST only.
                step.message = format!(
                    "Answers {status} to a GET, as a server that takes MCP requests only as POSTs may; {who} asks with a GET, so it looks in the well-known locations."
                );
            }
            (status, _) => {
                step.verdict = Verdict::Warning;
                step.fixer = Fixer::Operator;
                step.message = format!(
                    "Answers {status} to {asked} instead of 401; {who} still looks for OAuth metadata in the well-known locations."
                );
            }
        }
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

    /// Whether every step for `purpose` found nothing there (404 or 410):
    /// no location was blocked, failing or unreadable.
    fn all_missing(&self, purpose: Purpose) -> bool {
        let same = |step: &&Step| {
            std::mem::discriminant(&step.purpose) == std::mem::discriminant(&purpose)
        };
        self.steps
            .iter()
            .filter(same)
            .all(|step| matches!(step.status, Some(404 | 410)))
    }

    /// No protected resource metadata anywhere: a client that follows the
    /// 2025-03-26 revision reads the authorization server's metadata at the
    /// MCP URL's origin; others stop here.
    fn after_prm(&mut self) {
        let missing = self.all_missing(Purpose::ProtectedResource(PrmSource::Header));
        if !(self.profile.falls_back_2025_03_26 && missing) {
            self.stage = Stage::Done;
            return;
        }
        let issuer = self.mcp.origin().ascii_serialization();
        self.stage = Stage::As {
            candidates: documents::as_locations(&issuer),
            issuer,
            index: 0,
            legacy: true,
        };
    }

    /// A URL at the MCP URL's origin.
    fn at_origin(&self, path: &str) -> Url {
        let mut url = self.mcp.clone();
        url.set_path(path);
        url.set_query(None);
        url.set_fragment(None);
        url
    }

    /// Whether anything answers at the default `/authorize`.
    fn on_default(&mut self, step: &mut Step, status: u16) -> bool {
        let who = &self.profile.who;
        if matches!(status, 404 | 410) {
            step.verdict = Verdict::Error;
            step.fixer = Fixer::Operator;
            step.message = format!(
                "No sign-in anywhere: no protected resource metadata, no authorization server metadata at {}, and nothing at /authorize ({status}). The operator must publish the protected resource metadata (RFC 9728).",
                self.mcp.origin().ascii_serialization()
            );
            self.conclusive = true;
            return false;
        }
        step.message = format!(
            "Something answers at /authorize ({status}): with no metadata anywhere, {who} signs in the 2025-03-26 way, at /authorize, /token and /register."
        );
        true
    }

    /// No metadata at all: the 2025-03-26 revision's default endpoints at
    /// the MCP URL's origin.
    fn default_endpoints(&mut self) {
        self.learned.issuer = Some(self.mcp.origin().ascii_serialization());
        self.learned.authorization_endpoint = Some(self.at_origin("/authorize"));
        self.learned.token_endpoint = Some(self.at_origin("/token"));
        self.learned.registration_endpoint = Some(self.at_origin("/register"));
        self.learned.s256 = true;
        self.learned.defaults = true;
        self.conclusive = true;
        self.stage = Stage::Done;
        if let Some(step) = self.steps.last_mut() {
            let offers = documents::Offers {
                dynamic: true,
                documents: false,
                public: true,
                methods: Vec::new(),
            };
            self.learned.registration =
                Some(documents::judge_registration(&self.profile, offers, step));
            judge_scopes(&self.profile, &self.learned, step);
        }
    }
}

/// The scopes `profile`'s client asks for, from what the check learned:
/// the person's, else (for a client that picks them) those of the
/// challenge it saw, else the protected resource's `scopes_supported`,
/// else none.
pub fn requested_scopes(profile: &Profile, learned: &Learned) -> Vec<String> {
    if !profile.scopes.is_empty() {
        profile.scopes.clone()
    } else if !profile.selects_scopes {
        Vec::new()
    } else if !learned.own_challenge_scope.is_empty() {
        learned.own_challenge_scope.clone()
    } else {
        learned.resource_scopes.clone()
    }
}

/// Whether the scopes the client asks for cover those the server's
/// challenge wants; a client that tests its token reports it cannot
/// connect when they do not. And whether a client that signs in only when
/// `initialize` is refused ever gets to sign in here.
fn judge_scopes(profile: &Profile, learned: &Learned, step: &mut Step) {
    if profile.signs_in_only_at_initialize && learned.initialize_answered {
        documents::note(
            step,
            Verdict::Error,
            Fixer::Operator,
            format!(
                "{who} signs in only when the server refuses `initialize`, and this server answers `initialize` without a token (it asks for sign-in only at its tools): {who}'s sign-in ends \"Failed to get tools\". The operator makes the MCP endpoint ask for sign-in at `initialize` too.",
                who = profile.who
            ),
        );
    }
    let who = &profile.who;
    let requested = requested_scopes(profile, learned);
    step.facts.push(if requested.is_empty() {
        format!("{who} asks for no scope")
    } else {
        format!("{who} asks for the scopes {}", requested.join(" "))
    });
    let asks = if requested.is_empty() {
        "no scope".to_owned()
    } else {
        format!("`{}`", requested.join(" "))
    };
    let missing: Vec<&str> = learned
        .challenge_scope
        .iter()
        .filter(|s| !requested.contains(s))
        .map(String::as_str)
        .collect();
    if missing.is_empty() {
        return;
    }
    let wanted = format!("`{}`", missing.join(" "));
    let noun = if missing.len() == 1 {
        "the scope"
    } else {
        "the scopes"
    };
    let (verdict, outcome) = if profile.steps_up {
        (
            Verdict::Warning,
            format!("{who} signs in once more for it when the server refuses its token"),
        )
    } else if profile.tests_the_token {
        (
            Verdict::Error,
            format!("the server refuses its token, and {who} says it cannot connect"),
        )
    } else {
        (
            Verdict::Warning,
            format!("{who} signs in, but the server will refuse its calls"),
        )
    };
    let fix = if profile.reads_scopes {
        format!("Add {wanted} to the OAuth scopes (Advanced).")
    } else {
        format!(
            "{who} has no place for scopes: the operator lists {wanted} in the protected resource metadata's `scopes_supported`."
        )
    };
    documents::note(
        step,
        verdict,
        Fixer::Person,
        format!(
            "The server's challenge asks for {noun} {wanted}, and {who} asks for {asks}: {outcome}. {fix}"
        ),
    );
}

/// The requests a check starts with (the spec's POST, the client's own
/// GET, the well-known protected-resource-metadata locations), for the
/// curl commands shown before any check has run.
pub fn initial_plan(mcp: &Url, profile: &Profile) -> Vec<(Url, Purpose)> {
    let mut plan = vec![(mcp.clone(), Purpose::McpEndpoint(Asks::Post))];
    if profile.asks == Asks::Get {
        plan.push((mcp.clone(), Purpose::McpEndpoint(Asks::Get)));
    }
    plan.extend(
        documents::prm_locations(mcp, &profile.well_known)
            .into_iter()
            .map(|(url, source)| (url, Purpose::ProtectedResource(source))),
    );
    plan
}
