//! What the connect flow and the browser shell exchange: what the flow
//! starts from, the requests it plans, what the shell saw of each, and what
//! the shell does next.

use url::Url;

use super::{Endpoint, Failure};
use crate::model::Tool;

/// What the flow starts from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Params {
    /// The MCP URL (the resource).
    pub mcp: Url,
    /// The scopes the person chose (none: the server's, as the spec says).
    pub scopes: Vec<String>,
    /// The operator's client for browsers (`browser_client_id`).
    pub client_id: Option<String>,
    /// The page's client id metadata document, whose URL is its client id
    /// where the server takes them: the operator's
    /// (`client_metadata_url`), or the one served beside the page.
    pub metadata_document: Option<Url>,
    /// A client this tab registered before: (registration endpoint, id).
    pub registered: Option<(String, String)>,
    /// The page's callback, the only redirect URI.
    pub redirect_uri: Url,
    /// The sign-in's PKCE verifier and `state`, and those of one more
    /// sign-in with a wider scope, should the server ask for it.
    pub attempts: [Attempt; 2],
}

/// What one sign-in needs that nobody may guess.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attempt {
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
