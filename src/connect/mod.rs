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

mod failure;
pub mod mcp;
pub mod oauth;

pub use self::failure::{Endpoint, Failure, Fixer, GaveUp};

use serde_json::Value;
use url::Url;

use crate::discovery::{Discovery, Outcome};
use crate::model::Tool;

/// Most `tools/list` pages read.
pub const MAX_PAGES: usize = 50;

/// What the flow starts from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Params {
    /// The MCP URL (the resource).
    pub mcp: Url,
    /// The scopes the person chose (none: the server decides).
    pub scopes: Vec<String>,
    /// The operator's client for browsers (`browser_client_id`).
    pub client_id: Option<String>,
    /// A client this tab registered before: (registration endpoint, id).
    pub registered: Option<(String, String)>,
    /// The page's callback, the only redirect URI.
    pub redirect_uri: Url,
    /// Random bytes for the PKCE verifier.
    pub verifier: [u8; 32],
    /// A random `state`.
    pub state: String,
}

/// How a request is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `DELETE`
    Delete,
}

/// One request for the shell to make, without credentials of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// How.
    pub method: Method,
    /// Where.
    pub url: Url,
    /// The headers to send.
    pub headers: Vec<(&'static str, String)>,
    /// The body, if any.
    pub body: Option<String>,
    /// Which endpoint it is, for a message when it is blocked.
    pub endpoint: Endpoint,
}

/// What the shell saw of a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Observed {
    /// An answer the browser could read.
    Answer {
        /// HTTP status.
        status: u16,
        /// `Content-Type`.
        content_type: Option<String>,
        /// `Mcp-Session-Id`, when readable.
        session: Option<String>,
        /// `WWW-Authenticate`, when readable.
        challenge: Option<String>,
        /// The body (capped by the shell).
        body: Vec<u8>,
    },
    /// Refused by the browser (CORS) or unreachable.
    Blocked,
    /// No answer in time.
    Timeout,
    /// Larger than the shell reads.
    TooLarge,
}

/// The tools, read.
#[derive(Clone, Debug, PartialEq)]
pub struct Connected {
    /// Every tool the server listed (at most [`MAX_PAGES`] pages).
    pub tools: Vec<Tool>,
    /// Pages read.
    pub pages: usize,
    /// Whether the list went on past [`MAX_PAGES`] pages.
    pub capped: bool,
    /// The server's host, for the status line.
    pub host: String,
}

/// What the shell does next.
#[derive(Clone, Debug, PartialEq)]
pub enum Next {
    /// Make this request and [`Connect::observe`] what it gives.
    Fetch(Request),
    /// Open this sign-in page and [`Connect::callback`] what comes back.
    SignIn(Url),
    /// Done.
    Connected(Connected),
    /// Stopped, and why.
    Failed(Failure),
}

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

    /// What the person sees while it runs.
    pub fn progress(&self) -> &'static str {
        match self.stage {
            Stage::Discover(_) => "Finding the server's sign-in…",
            Stage::Probe | Stage::ProbeToken => "Checking that the server answers this page…",
            Stage::Register(_) => "Registering this page with the server…",
            Stage::SignIn => "Waiting for you to sign in, in the window that opened…",
            Stage::Token(_) => "Finishing the sign-in…",
            Stage::Initialize | Stage::Initialized | Stage::List { .. } | Stage::Close => {
                "Reading the server's tools…"
            }
            Stage::Done | Stage::Failed(_) => "",
        }
    }

    /// What the shell does next.
    pub fn next(&self) -> Next {
        let mcp = &self.params.mcp;
        match &self.stage {
            Stage::Discover(d) => match d.next_request() {
                Some((url, _)) => Next::Fetch(Request {
                    method: Method::Get,
                    endpoint: if url == *mcp {
                        Endpoint::Mcp
                    } else {
                        Endpoint::Metadata
                    },
                    url,
                    headers: Vec::new(),
                    body: None,
                }),
                None => Next::Failed(Failure::Internal),
            },
            // Answers this page's origin with the headers the real requests
            // carry (a made-up token, so nothing is granted), or is blocked.
            Stage::Probe => Next::Fetch(
                self.mcp_post(mcp::initialize(0), (!self.open).then_some("connect-probe")),
            ),
            Stage::Register(endpoint) => Next::Fetch(Request {
                method: Method::Post,
                url: endpoint.clone(),
                headers: vec![("content-type", "application/json".to_owned())],
                body: Some(oauth::registration(&self.params.redirect_uri)),
                endpoint: Endpoint::Registration,
            }),
            Stage::ProbeToken => Next::Fetch(self.token_post("connect-probe")),
            Stage::SignIn => match (&self.authorize, &self.client_id) {
                (Some(endpoint), Some(client)) => {
                    Next::SignIn(crate::discovery::authorization_url(
                        endpoint,
                        client,
                        &self.params.redirect_uri,
                        &self.params.verifier,
                        &self.params.state,
                        mcp.as_str(),
                        &self.params.scopes,
                    ))
                }
                _ => Next::Failed(Failure::Internal),
            },
            Stage::Token(code) => Next::Fetch(self.token_post(code)),
            Stage::Initialize => Next::Fetch(self.mcp_post(mcp::initialize(self.next_id), None)),
            Stage::Initialized => Next::Fetch(self.mcp_post(mcp::initialized(), None)),
            Stage::List { cursor } => {
                Next::Fetch(self.mcp_post(mcp::tools_list(self.next_id, cursor.as_deref()), None))
            }
            Stage::Close => {
                let mut request = self.mcp_post(String::new(), None);
                request.method = Method::Delete;
                request.body = None;
                request.headers.retain(|(name, _)| *name != "content-type");
                Next::Fetch(request)
            }
            Stage::Done => Next::Connected(Connected {
                tools: crate::server_tools::tools_from_list(&self.tools),
                pages: self.pages,
                capped: self.capped,
                host: mcp.host_str().unwrap_or_default().to_owned(),
            }),
            Stage::Failed(failure) => Next::Failed(failure.clone()),
        }
    }

    /// A POST to the MCP URL: the token (or the probe's) to it alone, the
    /// session and the protocol version once the server gave them.
    fn mcp_post(&self, body: String, probe_token: Option<&str>) -> Request {
        let mut headers = vec![
            ("content-type", "application/json".to_owned()),
            ("accept", "application/json, text/event-stream".to_owned()),
            (
                "mcp-protocol-version",
                self.protocol
                    .clone()
                    .unwrap_or_else(|| mcp::PROTOCOL_VERSION.to_owned()),
            ),
        ];
        if let Some(token) = probe_token.or(self.token.as_deref()) {
            headers.push(("authorization", format!("Bearer {token}")));
        }
        if let Some(session) = &self.session {
            headers.push(("mcp-session-id", session.clone()));
        }
        Request {
            method: Method::Post,
            url: self.params.mcp.clone(),
            headers,
            body: Some(body),
            endpoint: Endpoint::Mcp,
        }
    }

    fn token_post(&self, code: &str) -> Request {
        let url = self
            .token_endpoint
            .clone()
            .unwrap_or_else(|| self.params.mcp.clone());
        Request {
            method: Method::Post,
            url,
            headers: vec![(
                "content-type",
                "application/x-www-form-urlencoded".to_owned(),
            )],
            body: Some(oauth::token_request(
                code,
                &self.params.redirect_uri,
                self.client_id.as_deref().unwrap_or_default(),
                &crate::discovery::pkce_verifier(&self.params.verifier),
                self.params.mcp.as_str(),
            )),
            endpoint: Endpoint::Token,
        }
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
