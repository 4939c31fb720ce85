//! Every way the connect flow stops short, named with who can fix it.

use super::oauth::Refusal;

/// The endpoint a request went to, for a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Endpoint {
    /// The MCP URL.
    Mcp,
    /// A metadata document (RFC 9728, RFC 8414).
    Metadata,
    /// The registration endpoint.
    Registration,
    /// The token endpoint.
    Token,
}

impl Endpoint {
    /// The endpoint in a sentence.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Mcp => "the MCP endpoint",
            Self::Metadata => "the sign-in metadata",
            Self::Registration => "the registration endpoint",
            Self::Token => "the token endpoint",
        }
    }

    /// Its name in `data-endpoint`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Mcp => "mcp",
            Self::Metadata => "metadata",
            Self::Registration => "registration",
            Self::Token => "token",
        }
    }
}

/// Why the shell stopped waiting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GaveUp {
    /// A request got no answer in time.
    NoAnswer(Endpoint),
    /// The sign-in window closed before it sent the person back.
    WindowClosed,
    /// The sign-in took longer than the page waits.
    SignInTooLong,
    /// The browser did not open the sign-in window.
    WindowBlocked,
}

/// Who fixes a failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fixer {
    /// The person, on this page.
    Person,
    /// The operator of the cluster or of this page.
    Operator,
}

/// Why the flow stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The browser refused a request (CORS) or could not reach it.
    Blocked(Endpoint),
    /// No registration endpoint, no client id metadata document the
    /// server takes, and no `browser_client_id`.
    NoRegistration,
    /// The token endpoint takes only clients with a secret (the methods it
    /// lists), which a page in a browser cannot keep.
    NeedsSecret(Vec<String>),
    /// The registration endpoint refused the page.
    RegistrationRefused(Refusal),
    /// The token endpoint refused the code.
    TokenRefused(Refusal),
    /// The authorization server sent an error back (declined, or policy).
    Denied {
        /// `error`.
        error: String,
        /// `error_description`.
        description: Option<String>,
    },
    /// The callback's state is not the one sent.
    StateMismatch,
    /// The callback's `iss` is not the authorization server's issuer, or
    /// is missing where the server promised it (RFC 9207): the answer may
    /// come from another server.
    IssuerMismatch {
        /// The issuer the page signed in with.
        expected: String,
        /// What came back, if anything.
        found: Option<String>,
    },
    /// The MCP endpoint refused the token.
    Unauthorized {
        /// `error` of its challenge (`insufficient_scope`).
        error: Option<String>,
        /// `scope` of its challenge: what it wants.
        scope: Option<String>,
        /// Whether the page had signed in a second time, for that scope.
        again: bool,
    },
    /// The endpoint wants a token and the server names no usable sign-in.
    NoSignIn(String),
    /// Answers that are not MCP JSON-RPC.
    NotMcp(String),
    /// Waited too long, or the window closed.
    Timeout(GaveUp),
    /// The flow was asked for something out of order (a bug).
    Internal,
}

impl Failure {
    /// The `data-reason` of the status.
    pub fn reason(&self) -> &'static str {
        match self {
            Self::Blocked(_) => "blocked",
            Self::NoRegistration | Self::NeedsSecret(_) => "no-registration",
            Self::RegistrationRefused(_) => "registration-refused",
            Self::TokenRefused(_) => "token-refused",
            Self::Denied { .. } => "denied",
            Self::StateMismatch | Self::IssuerMismatch { .. } => "state-mismatch",
            Self::Unauthorized { .. } | Self::NoSignIn(_) => "unauthorized",
            Self::NotMcp(_) | Self::Internal => "not-mcp",
            Self::Timeout(_) => "timeout",
        }
    }

    /// Who can fix it.
    pub fn fixer(&self) -> Fixer {
        match self {
            Self::Denied { .. }
            | Self::StateMismatch
            | Self::Timeout(GaveUp::WindowClosed | GaveUp::SignInTooLong | GaveUp::WindowBlocked) => {
                Fixer::Person
            }
            Self::Unauthorized {
                scope: Some(_),
                again: false,
                ..
            } => Fixer::Person,
            _ => Fixer::Operator,
        }
    }

    /// What happened and what to do, in a sentence or two.
    pub fn message(&self) -> String {
        match self {
            Self::Blocked(endpoint) => format!(
                "The browser refused the request to {}: that server does not allow this page's origin (CORS), or this browser cannot reach it. Nothing was signed in. The cluster's operator adds the CORS lines below in front of the cluster (or serves this page on the cluster's own host).",
                endpoint.describe()
            ),
            Self::NoRegistration => "The server offers no registration endpoint and takes no client id metadata document this page has, and this page has no client of its own for browsers, so no sign-in was opened. The page's operator registers a client with the redirect URI below and sets it as `browser_client_id` in presets.toml.".to_owned(),
            Self::NeedsSecret(methods) => format!(
                "The server's token endpoint takes only clients with a secret ({}), and a page in a browser keeps none, so no sign-in was opened. The server's operator registers this page as a public client (`token_endpoint_auth_method: none`, with the redirect URI below) and lists `none` among the methods.",
                methods.join(", ")
            ),
            Self::RegistrationRefused(refusal) => format!(
                "The server refused to register this page ({}), so no sign-in was opened. Its operator can allow public clients with this redirect URI, or set `browser_client_id` for this page.",
                refusal.words()
            ),
            Self::TokenRefused(refusal) => format!(
                "The server refused to finish the sign-in ({}).",
                refusal.words()
            ),
            Self::Denied { error, description } => format!(
                "The sign-in ended without access: `{error}`{}. You declined, or the server's policy refused this account or these scopes.",
                description.as_ref().map(|d| format!(" ({d})")).unwrap_or_default()
            ),
            Self::StateMismatch => "The sign-in came back with a `state` this page did not send, so it was refused and its code never used. Start again; if it happens again, something else is answering for the sign-in.".to_owned(),
            Self::IssuerMismatch { expected, found } => format!(
                "The sign-in came back from {}, not from {expected}, the server this page signed in with, so its code was never used (RFC 9207). Start again; if it happens again, another server is answering for the sign-in.",
                found.as_ref().map_or_else(|| "a server that did not say which it is (no `iss`)".to_owned(), |f| format!("`{f}`"))
            ),
            Self::Unauthorized { error, scope, again: true } => format!(
                "The MCP endpoint refused the token{} even after a second sign-in for the scope it named{}. The account may lack that permission: the server's operator grants it.",
                error.as_ref().map(|e| format!(" (`{e}`)")).unwrap_or_default(),
                scope.as_ref().map(|s| format!(" (`{s}`)")).unwrap_or_default()
            ),
            Self::Unauthorized { error, scope, again: false } => match scope {
                Some(scope) => format!(
                    "The MCP endpoint refused the token{}: it wants the scope `{scope}`. Add it to the OAuth scopes (Advanced) and connect again.",
                    error.as_ref().map(|e| format!(" (`{e}`)")).unwrap_or_default()
                ),
                None => format!(
                    "The MCP endpoint refused the token{}.",
                    error.as_ref().map(|e| format!(" (`{e}`)")).unwrap_or_default()
                ),
            },
            Self::NoSignIn(why) => format!("The MCP endpoint refused the page without a token, and its sign-in could not be found: {why}"),
            Self::NotMcp(what) => format!("The server answered with {what}, not MCP's JSON-RPC. Check the URL."),
            Self::Timeout(GaveUp::NoAnswer(endpoint)) => format!("{} did not answer in time.", capitalised(endpoint.describe())),
            Self::Timeout(GaveUp::WindowClosed) => "The sign-in window closed before it sent you back here.".to_owned(),
            Self::Timeout(GaveUp::SignInTooLong) => "The sign-in did not come back in time.".to_owned(),
            Self::Timeout(GaveUp::WindowBlocked) => "The browser did not open the sign-in window: allow pop-ups for this page and press the button again.".to_owned(),
            Self::Internal => "The page lost track of the sign-in. Reload and try again.".to_owned(),
        }
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}
