//! Connect from the page: sign in from the browser and read the server's
//! tools, as a pure state machine like [`crate::discovery`]. It plans every
//! request in the order the MCP authorization spec and Streamable HTTP use,
//! and turns each answer into the next step; the browser shell does the
//! fetches, opens the sign-in, and feeds back what it saw.
//!
//! Before anything opens, it checks that each endpoint the flow needs
//! answers this page (CORS), so that nothing is signed in where nothing can
//! complete. The access token lives in this value only, is sent to the MCP
//! URL alone, and is dropped once the tools are read.

mod exchange;
mod failure;
pub mod mcp;
pub mod oauth;
mod plan;

pub use self::exchange::{Connected, Method, Next, Observed, Params, Request};
pub use self::failure::{Endpoint, Failure, Fixer, GaveUp};

use serde_json::Value;
use url::Url;

use crate::discovery::{Discovery, Outcome};

/// Most `tools/list` pages read.
pub const MAX_PAGES: usize = 50;

#[derive(Clone, Debug, PartialEq)]
enum Stage {
    Discover(Box<Discovery>),
    Probe,
    Register(Url),
    ProbeToken,
    SignIn,
    Token(String),
    Initialize,
    Initialized,
    List { cursor: Option<String> },
    Close,
    Done,
    Failed(Failure),
}

/// The flow for one press of the button.
#[derive(Clone, Debug, PartialEq)]
pub struct Connect {
    params: Params,
    stage: Stage,
    /// The MCP endpoint answered without a token: no sign-in needed.
    open: bool,
    authorize: Option<Url>,
    token_endpoint: Option<Url>,
    registration: Option<Url>,
    client_id: Option<String>,
    registered: Option<(String, String)>,
    token: Option<String>,
    session: Option<String>,
    protocol: Option<String>,
    tools: Vec<Value>,
    pages: usize,
    capped: bool,
    next_id: u64,
    blocked_metadata: bool,
}

impl Connect {
    /// Starts the flow.
    pub fn new(params: Params) -> Self {
        let configured = params.client_id.is_some();
        let discovery = Discovery::new(params.mcp.clone(), configured);
        Self {
            params,
            stage: Stage::Discover(Box::new(discovery)),
            open: false,
            authorize: None,
            token_endpoint: None,
            registration: None,
            client_id: None,
            registered: None,
            token: None,
            session: None,
            protocol: None,
            tools: Vec::new(),
            pages: 0,
            capped: false,
            next_id: 1,
            blocked_metadata: false,
        }
    }

    /// A client this flow registered (registration endpoint, id), for the
    /// shell to keep for the tab: a second press does not register again.
    pub fn registered(&self) -> Option<&(String, String)> {
        self.registered.as_ref()
    }

    /// The `state` this press sent with its sign-in.
    pub fn state(&self) -> &str {
        &self.params.state
    }

    fn fail(&mut self, failure: Failure) {
        self.token = None;
        self.stage = Stage::Failed(failure);
    }

    /// Feeds back what the shell saw of the request [`Connect::next`] asked for.
    pub fn observe(&mut self, seen: Observed) {
        let endpoint = match self.next() {
            Next::Fetch(request) => request.endpoint,
            _ => return,
        };
        let stage = std::mem::replace(&mut self.stage, Stage::Done);
        if let Stage::Discover(discovery) = stage {
            return self.discovered(*discovery, seen);
        }
        self.stage = stage;
        let (status, content_type, session, challenge, body) = match seen {
            Observed::Answer {
                status,
                content_type,
                session,
                challenge,
                body,
            } => (status, content_type, session, challenge, body),
            // Closing the session is a courtesy: whatever happens, the tools are read.
            _ if self.stage == Stage::Close => return self.finish(),
            Observed::Blocked => return self.fail(Failure::Blocked(endpoint)),
            Observed::Timeout => return self.fail(Failure::Timeout(GaveUp::NoAnswer(endpoint))),
            Observed::TooLarge => {
                return self.fail(Failure::NotMcp(
                    "an answer larger than the page reads".to_owned(),
                ));
            }
        };
        match std::mem::replace(&mut self.stage, Stage::Done) {
            // Any answer the page can read means the endpoint allows this
            // origin; only one that is no MCP endpoint at all stops here.
            Stage::Probe => match status {
                200..=299 if self.open || self.authorize.is_none() => {
                    self.open = true;
                    self.stage = Stage::Initialize;
                }
                404 | 405 => self.fail(Failure::NotMcp(format!("HTTP {status} to an MCP request"))),
                _ => self.after_probe(),
            },
            Stage::Register(endpoint) => match oauth::registered(status, &body) {
                Ok(id) => {
                    self.registered = Some((endpoint.to_string(), id.clone()));
                    self.client_id = Some(id);
                    self.stage = Stage::ProbeToken;
                }
                Err(refusal) => self.fail(Failure::RegistrationRefused(refusal)),
            },
            Stage::ProbeToken => self.stage = Stage::SignIn,
            Stage::Token(_) => match oauth::token(status, &body) {
                Ok(token) => {
                    self.token = Some(token);
                    self.stage = Stage::Initialize;
                }
                Err(refusal) => self.fail(Failure::TokenRefused(refusal)),
            },
            Stage::Initialize => {
                let Some(result) =
                    self.rpc(status, content_type.as_deref(), challenge.as_deref(), &body)
                else {
                    return;
                };
                self.session = session.filter(|s| !s.is_empty() && s.len() < 1024);
                self.protocol = result
                    .get("protocolVersion")
                    .and_then(Value::as_str)
                    .map(str::to_owned);
                self.stage = Stage::Initialized;
            }
            Stage::Initialized => match status {
                200..=299 => self.stage = Stage::List { cursor: None },
                401 | 403 => self.unauthorized(challenge.as_deref()),
                _ => self.fail(Failure::NotMcp(format!(
                    "HTTP {status} to `notifications/initialized`"
                ))),
            },
            Stage::List { .. } => {
                let Some(result) =
                    self.rpc(status, content_type.as_deref(), challenge.as_deref(), &body)
                else {
                    return;
                };
                let Some(page) = result.get("tools").and_then(Value::as_array) else {
                    return self.fail(Failure::NotMcp(
                        "a `tools/list` result without `tools`".to_owned(),
                    ));
                };
                self.tools.extend(page.iter().cloned());
                self.pages += 1;
                let cursor = result
                    .get("nextCursor")
                    .and_then(Value::as_str)
                    .filter(|c| !c.is_empty());
                self.stage = match cursor {
                    Some(_) if self.pages >= MAX_PAGES => {
                        self.capped = true;
                        Stage::Close
                    }
                    Some(cursor) => Stage::List {
                        cursor: Some(cursor.to_owned()),
                    },
                    None => Stage::Close,
                };
                if self.stage == Stage::Close && self.session.is_none() {
                    self.finish();
                }
            }
            Stage::Close => self.finish(),
            other => self.stage = other,
        }
    }

    /// The result of a JSON-RPC answer, or the failure it is (stage set).
    fn rpc(
        &mut self,
        status: u16,
        content_type: Option<&str>,
        challenge: Option<&str>,
        body: &[u8],
    ) -> Option<Value> {
        if matches!(status, 401 | 403) {
            self.unauthorized(challenge);
            return None;
        }
        let id = self.next_id;
        self.next_id += 1;
        match mcp::read_response(content_type, body, id) {
            Ok(result) if result.is_object() => Some(result),
            Ok(_) => {
                self.fail(Failure::NotMcp(
                    "a JSON-RPC result that is not an object".to_owned(),
                ));
                None
            }
            Err(mcp::RpcProblem::NotRpc(what)) => {
                self.fail(Failure::NotMcp(format!("{what} (HTTP {status})")));
                None
            }
            Err(mcp::RpcProblem::Error(code, message)) => {
                self.fail(Failure::NotMcp(format!("JSON-RPC error {code}: {message}")));
                None
            }
        }
    }

    /// The sign-in came back to the page's callback with `query`. A state
    /// that is not the one this flow sent is refused, and its code is never
    /// redeemed. A window that closed may still answer late (an
    /// authorization server's opener policy hides it from the page).
    pub fn callback(&mut self, query: &str) {
        let waiting = matches!(
            self.stage,
            Stage::SignIn | Stage::Failed(Failure::Timeout(GaveUp::WindowClosed))
        );
        if !waiting {
            return;
        }
        let sent = self.params.state.as_str();
        match oauth::callback(query) {
            oauth::Callback::Code { code, state } if state.as_deref() == Some(sent) => {
                self.stage = Stage::Token(code);
            }
            oauth::Callback::Error {
                error,
                description,
                state,
            } if state.as_deref() == Some(sent) => {
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

    /// The MCP endpoint answers this page: now the client, before any sign-in.
    fn after_probe(&mut self) {
        if self.authorize.is_none() {
            return self.fail(Failure::NoSignIn(
                "the MCP endpoint wants a token, and the server names no usable sign-in".to_owned(),
            ));
        }
        if let Some(id) = &self.params.client_id {
            self.client_id = Some(id.clone());
            self.stage = Stage::ProbeToken;
            return;
        }
        let Some(endpoint) = self.registration.clone() else {
            return self.fail(Failure::NoRegistration);
        };
        match &self.params.registered {
            Some((at, id)) if *at == endpoint.as_str() => {
                self.client_id = Some(id.clone());
                self.registered = Some((at.clone(), id.clone()));
                self.stage = Stage::ProbeToken;
            }
            _ => self.stage = Stage::Register(endpoint),
        }
    }

    fn unauthorized(&mut self, challenge: Option<&str>) {
        let (error, scope) = challenge.map(mcp::challenge).unwrap_or_default();
        self.fail(Failure::Unauthorized { error, scope });
    }

    fn finish(&mut self) {
        // The token's work is done: it goes now.
        self.token = None;
        self.stage = Stage::Done;
    }

    /// Discovery saw `seen`; once it is done, the flow knows the endpoints.
    fn discovered(&mut self, mut discovery: Discovery, seen: Observed) {
        let was_mcp = discovery
            .next_request()
            .is_some_and(|(url, _)| url == self.params.mcp);
        let outcome = match seen {
            Observed::Answer {
                status,
                challenge,
                body,
                ..
            } => {
                if was_mcp && (200..300).contains(&status) {
                    self.open = true;
                }
                Outcome::Response {
                    status,
                    www_authenticate: challenge,
                    body,
                    redirected_to: None,
                }
            }
            Observed::Blocked => {
                self.blocked_metadata |= !was_mcp;
                Outcome::Blocked
            }
            Observed::Timeout => Outcome::Timeout,
            Observed::TooLarge => Outcome::TooLarge,
        };
        discovery.observe(outcome);
        if discovery.next_request().is_some() {
            self.stage = Stage::Discover(Box::new(discovery));
            return;
        }
        let learned = discovery.learned().clone();
        match (learned.authorization_endpoint, learned.token_endpoint) {
            (Some(authorize), Some(token)) => {
                self.authorize = Some(authorize);
                self.token_endpoint = Some(token);
                self.registration = learned.registration_endpoint;
                self.stage = Stage::Probe;
            }
            _ if self.open => self.stage = Stage::Probe,
            _ if self.blocked_metadata => self.fail(Failure::Blocked(Endpoint::Metadata)),
            _ => self.fail(Failure::NoSignIn(discovery.report().reason)),
        }
    }
}
