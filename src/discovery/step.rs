//! What the check says: each step's verdict and who can fix what it found,
//! the answers the shell feeds in, and what was learned along the way.

use url::Url;

use crate::clients::{Asks, WellKnown};

/// How a step, or the whole check, came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    /// Works as the spec asks.
    Ok,
    /// Works with the client, but not by the spec, or needs an extra setting.
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
    /// The person, with a setting of their client's.
    Person,
    /// The cluster operator.
    Operator,
    /// Nobody needs to.
    Nobody,
}

/// What the shell saw for one request.
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
    /// The MCP endpoint itself, expected to answer 401: a POST of
    /// `initialize` without a token (the spec's way, which the check always
    /// makes to learn what the server asks), or a GET (a client's own way).
    McpEndpoint(Asks),
    /// Protected resource metadata (RFC 9728).
    ProtectedResource(PrmSource),
    /// Authorization server metadata (RFC 8414 or OpenID Connect Discovery).
    AuthorizationServer,
    /// The 2025-03-26 revision's default `/authorize`, asked whether it
    /// is there at all (no metadata anywhere).
    DefaultEndpoint,
}

/// Where a protected-resource-metadata URL came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrmSource {
    /// The `resource_metadata` of the endpoint's 401.
    Header,
    /// A well-known location.
    WellKnown(WellKnown),
}

/// One request and what came of it.
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
    /// Scopes the protected resource metadata advertises.
    pub resource_scopes: Vec<String>,
    /// How the client gets a client id.
    pub registration: Option<Registration>,
    /// Whether S256 PKCE is advertised.
    pub s256: bool,
    /// The scopes the endpoint's challenge to the spec's POST names
    /// (`scope="…"`): what the server wants.
    pub challenge_scope: Vec<String>,
    /// The scopes the challenge the client itself saw names.
    pub own_challenge_scope: Vec<String>,
    /// `token_endpoint_auth_methods_supported`, when the server lists them.
    pub token_auth_methods: Option<Vec<String>>,
    /// `client_id_metadata_document_supported`.
    pub metadata_documents: bool,
    /// `authorization_response_iss_parameter_supported` (RFC 9207).
    pub iss_parameter: bool,
    /// No metadata at all: the 2025-03-26 revision's default endpoints.
    pub defaults: bool,
    /// `initialize` without a token was answered (the server asks for
    /// sign-in later, at its tools, or not at all).
    pub initialize_answered: bool,
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
