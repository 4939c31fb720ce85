//! What the check says: each step's verdict and who can fix what it found,
//! the answers the shell feeds in, and what was learned along the way.

use url::Url;

/// How a step, or the whole check, came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    /// Works as the spec asks.
    Ok,
    /// Works with Codex, but not by the spec, or needs an extra setting.
    Warning,
    /// The browser could not see it; the terminal can.
    Unknown,
    /// Login will fail.
    Error,
}

impl Verdict {
    /// The word used in `data-verdict`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Ok => "ok",
            Verdict::Warning => "warning",
            Verdict::Unknown => "unknown",
            Verdict::Error => "error",
        }
    }
}

/// Who can fix a problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fixer {
    /// The person, with a setting in their Codex config.
    Person,
    /// The cluster operator.
    Operator,
    /// Nobody needs to.
    Nobody,
}

/// What the shell saw for one GET.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// An HTTP response the browser could read.
    Response {
        /// HTTP status.
        status: u16,
        /// `WWW-Authenticate`, when present and readable.
        www_authenticate: Option<String>,
        /// The body (the shell stops reading past [`MAX_BODY_BYTES`]).
        body: Vec<u8>,
        /// Where a redirect led, when the request was redirected.
        redirected_to: Option<Url>,
    },
    /// The fetch was rejected (`TypeError`): CORS, DNS, TLS or a refused connection.
    Blocked,
    /// No answer within [`TIMEOUT_SECS`].
    Timeout,
    /// The body passed [`MAX_BODY_BYTES`].
    TooLarge,
    /// A redirect whose target the browser could not read.
    UnreadableRedirect,
}

/// What a request is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// The MCP endpoint itself, expected to answer 401.
    McpEndpoint,
    /// Protected resource metadata (RFC 9728).
    ProtectedResource(PrmSource),
    /// Authorization server metadata (RFC 8414 or OpenID Connect Discovery).
    AuthorizationServer,
}

/// Where a protected-resource-metadata URL came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrmSource {
    /// The `resource_metadata` of the endpoint's 401.
    Header,
    /// `/.well-known/oauth-protected-resource/<path>`.
    PathInserted,
    /// `/.well-known/oauth-protected-resource`.
    Root,
    /// `<mcp url>/.well-known/oauth-protected-resource`, tried only by Codex.
    CodexFallback,
}

/// One GET and what came of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// The URL fetched.
    pub url: Url,
    /// Why it was fetched.
    pub purpose: Purpose,
    /// HTTP status, when a response was read.
    pub status: Option<u16>,
    /// The step's verdict.
    pub verdict: Verdict,
    /// What was found, in plain words.
    pub message: String,
    /// The fields that decided the verdict (`issuer = …`).
    pub facts: Vec<String>,
    /// Who can fix what this step found.
    pub fixer: Fixer,
    /// A later step found what this one was looking for, so it does not
    /// count toward the summary.
    pub superseded: bool,
}

/// What discovery learned that changes the outputs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Learned {
    /// `resource` from the protected resource metadata.
    pub resource: Option<String>,
    /// The authorization server's issuer.
    pub issuer: Option<String>,
    /// `authorization_endpoint`.
    pub authorization_endpoint: Option<Url>,
    /// `token_endpoint`.
    pub token_endpoint: Option<Url>,
    /// `registration_endpoint` (dynamic client registration, RFC 7591).
    pub registration_endpoint: Option<Url>,
    /// Scopes the resource or authorization server advertises.
    pub scopes_supported: Vec<String>,
    /// How Codex can register itself.
    pub registration: Option<Registration>,
    /// Whether S256 PKCE is advertised.
    pub s256: bool,
}

/// How a client gets a client id from this authorization server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Registration {
    /// Dynamic client registration (`registration_endpoint`).
    Dynamic,
    /// Client ID metadata documents.
    MetadataDocument,
    /// Neither: a pre-registered client id is needed.
    PreRegistered,
}
