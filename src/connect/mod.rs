//! Connect from the page: sign in from the browser and read the server's
//! tools, as a pure state machine like [`crate::discovery`]. It signs in as
//! the MCP authorization spec's clients do (2025-11-25, with the 2026-07-28
//! revision's requirements on clients): `initialize` without a token first,
//! the challenge's metadata and scope, the well-known locations, then the
//! 2025-03-26 fallbacks; a client id from the operator, else the page's
//! client id metadata document where the server takes one, else dynamic
//! registration; PKCE S256, `state`, `resource`, `iss` checked; one more
//! sign-in with the wider scope when the server asks for it. The browser
//! shell does the fetches, opens the sign-in, and feeds back what it saw.
//!
//! It sends no request the spec treats as an error (no made-up token, no
//! made-up code). Before anything opens it has learned, from requests a
//! conforming client sends anyway, that the MCP endpoint, the metadata and
//! the registration endpoint answer this page (CORS). The token endpoint
//! cannot be asked without a code: one that refuses this page is named
//! after the sign-in, with the lines its operator adds. The access token
//! lives in this value only, is sent to the MCP URL alone, and is dropped
//! once the tools are read.

mod exchange;
mod failure;
pub mod mcp;
pub mod oauth;
mod plan;
mod sign_in;

pub use self::exchange::{Attempt, Connected, Method, Next, Observed, Params, Request};
pub use self::failure::{Endpoint, Failure, Fixer, GaveUp};

use serde_json::Value;
use url::Url;

use crate::discovery::{Discovery, Learned};

/// Most `tools/list` pages read.
pub const MAX_PAGES: usize = 50;

/// What the page calls itself in the sign-in check's words.
const WHO: &str = "The page";

#[derive(Clone, Debug, PartialEq)]
enum Stage {
    /// MCP requests, with the token once there is one.
    Initialize,
    Initialized,
    List {
        cursor: Option<String>,
    },
    Close,
    /// The endpoint asked for sign-in: finding where.
    Discover(Box<Discovery>),
    Register(Url),
    SignIn,
    Token(String),
    Done,
    Failed(Failure),
}

/// The flow for one press of the button.
#[derive(Clone, Debug, PartialEq)]
pub struct Connect {
    params: Params,
    stage: Stage,
    /// Which of `params.attempts` the sign-in uses: 1 after a step-up.
    attempt: usize,
    /// The scopes the sign-in asks for.
    scopes: Vec<String>,
    /// What discovery found.
    learned: Learned,
    client_id: Option<String>,
    registered: Option<(String, String)>,
    token: Option<String>,
    session: Option<String>,
    protocol: Option<String>,
    tools: Vec<Value>,
    pages: usize,
    capped: bool,
    next_id: u64,
}

impl Connect {
    /// Starts the flow: `initialize`, without a token.
    pub fn new(params: Params) -> Self {
        let scopes = params.scopes.clone();
        Self {
            params,
            stage: Stage::Initialize,
            attempt: 0,
            scopes,
            learned: Learned::default(),
            client_id: None,
            registered: None,
            token: None,
            session: None,
            protocol: None,
            tools: Vec::new(),
            pages: 0,
            capped: false,
            next_id: 1,
        }
    }

    /// A client this flow registered (registration endpoint, id), for the
    /// shell to keep for the tab: a second press does not register again.
    pub fn registered(&self) -> Option<&(String, String)> {
        self.registered.as_ref()
    }

    /// The `state` the sign-in under way sent.
    pub fn state(&self) -> &str {
        &self.params.attempts[self.attempt].state
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
        let mcp = matches!(
            self.stage,
            Stage::Initialize | Stage::Initialized | Stage::List { .. }
        );
        if mcp && matches!(status, 401 | 403) {
            return self.challenged(status, challenge, body);
        }
        match std::mem::replace(&mut self.stage, Stage::Done) {
            Stage::Register(endpoint) => match oauth::registered(status, &body) {
                Ok(found) if found.auth_method.as_deref().is_some_and(|m| m != "none") => {
                    self.fail(Failure::NeedsSecret(
                        found.auth_method.into_iter().collect(),
                    ));
                }
                Ok(found) => {
                    self.registered = Some((endpoint.to_string(), found.client_id.clone()));
                    self.client_id = Some(found.client_id);
                    self.stage = Stage::SignIn;
                }
                Err(refusal) => self.fail(Failure::RegistrationRefused(refusal)),
            },
            Stage::Token(_) => match oauth::token(status, &body) {
                Ok(token) => {
                    self.token = Some(token);
                    self.session = None;
                    self.protocol = None;
                    self.stage = Stage::Initialize;
                }
                Err(refusal) => self.fail(Failure::TokenRefused(refusal)),
            },
            Stage::Initialize => {
                if matches!(status, 404 | 405) {
                    return self.fail(Failure::NotMcp(format!("HTTP {status} to an MCP request")));
                }
                let Some(result) = self.rpc(status, content_type.as_deref(), &body) else {
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
                _ => self.fail(Failure::NotMcp(format!(
                    "HTTP {status} to `notifications/initialized`"
                ))),
            },
            Stage::List { .. } => {
                let Some(result) = self.rpc(status, content_type.as_deref(), &body) else {
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
    fn rpc(&mut self, status: u16, content_type: Option<&str>, body: &[u8]) -> Option<Value> {
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

    fn finish(&mut self) {
        // The token's work is done: it goes now.
        self.token = None;
        self.stage = Stage::Done;
    }
}
