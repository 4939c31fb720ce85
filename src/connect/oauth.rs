//! The OAuth side of the connect flow: registering the page as a public
//! client (RFC 7591), the callback, and the token request and answer. The
//! authorization request is discovery's ([`crate::discovery::authorization_url`]),
//! the same one its preview shows.

use serde_json::{Value, json};
use url::Url;
use url::form_urlencoded;

/// What the page calls itself when it registers.
pub const CLIENT_NAME: &str = "MCP configurator (reads this server's tools in your browser)";

/// The registration request: a public client (`none`), the authorization
/// code grant, the page's callback as its only redirect URI.
pub fn registration(redirect_uri: &Url) -> String {
    json!({
        "client_name": CLIENT_NAME,
        "redirect_uris": [redirect_uri.as_str()],
        "grant_types": ["authorization_code"],
        "response_types": ["code"],
        "token_endpoint_auth_method": "none",
        "application_type": "web"
    })
    .to_string()
}

/// An authorization server's refusal, in its own words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// The HTTP status.
    pub status: u16,
    /// `error`, when the answer has one.
    pub error: Option<String>,
    /// `error_description`, when the answer has one.
    pub description: Option<String>,
}

impl Refusal {
    fn from(status: u16, body: &[u8]) -> Self {
        let value: Option<Value> = serde_json::from_slice(body).ok();
        let field = |key: &str| {
            value
                .as_ref()
                .and_then(|v| v.get(key))
                .and_then(Value::as_str)
                .map(|s| s.chars().take(300).collect())
        };
        Self {
            status,
            error: field("error"),
            description: field("error_description"),
        }
    }

    /// `error: description`, as much as the server said.
    pub fn words(&self) -> String {
        match (&self.error, &self.description) {
            (Some(e), Some(d)) => format!("`{e}`: {d}"),
            (Some(e), None) => format!("`{e}`"),
            (None, Some(d)) => d.clone(),
            (None, None) => format!("HTTP {} without an OAuth error", self.status),
        }
    }
}

/// A registration's answer: the client id, and the token endpoint's
/// method the server registered it with, when it says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Registered {
    /// `client_id`.
    pub client_id: String,
    /// `token_endpoint_auth_method`, when the answer names one.
    pub auth_method: Option<String>,
}

/// What a registration answer gives, or the refusal.
pub fn registered(status: u16, body: &[u8]) -> Result<Registered, Refusal> {
    let value = (200..300)
        .contains(&status)
        .then(|| serde_json::from_slice::<Value>(body).ok())
        .flatten();
    let field = |key: &str| {
        value
            .as_ref()
            .and_then(|v| v.get(key))
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    field("client_id")
        .map(|client_id| Registered {
            client_id,
            auth_method: field("token_endpoint_auth_method"),
        })
        .ok_or_else(|| Refusal::from(status, body))
}

/// The file beside the page that holds its client id metadata document.
pub const METADATA_FILE: &str = "client-metadata.json";

/// The page's client id metadata document: the URL it is served at is the
/// client id, its only redirect URI the page's callback, a public client
/// (draft-ietf-oauth-client-id-metadata-document).
pub fn metadata_document(at: &Url, redirect_uri: &Url) -> String {
    let mut document =
        serde_json::from_str::<Value>(&registration(redirect_uri)).unwrap_or_else(|_| json!({}));
    document["client_id"] = json!(at.as_str());
    serde_json::to_string_pretty(&document).unwrap_or_default() + "\n"
}

/// Whether `body`, served at `at`, is a client id metadata document the
/// page can sign in as: served over https, naming `at` as its client id and
/// the page's callback among its redirect URIs, for a public client.
pub fn document_fits(body: &[u8], at: &Url, redirect_uri: &Url) -> bool {
    let Ok(document) = serde_json::from_slice::<Value>(body) else {
        return false;
    };
    let redirects = document
        .get("redirect_uris")
        .and_then(Value::as_array)
        .is_some_and(|uris| {
            uris.iter()
                .any(|u| u.as_str() == Some(redirect_uri.as_str()))
        });
    at.scheme() == "https"
        && document.get("client_id").and_then(Value::as_str) == Some(at.as_str())
        && redirects
        && document
            .get("token_endpoint_auth_method")
            .and_then(Value::as_str)
            .is_none_or(|m| m == "none")
}

/// The token request for `code` (form-encoded, a public client).
pub fn token_request(
    code: &str,
    redirect_uri: &Url,
    client_id: &str,
    verifier: &str,
    resource: &str,
) -> String {
    form_urlencoded::Serializer::new(String::new())
        .append_pair("grant_type", "authorization_code")
        .append_pair("code", code)
        .append_pair("redirect_uri", redirect_uri.as_str())
        .append_pair("client_id", client_id)
        .append_pair("code_verifier", verifier)
        .append_pair("resource", resource)
        .finish()
}

/// The access token a token answer gives, or the refusal.
pub fn token(status: u16, body: &[u8]) -> Result<String, Refusal> {
    let value: Option<Value> = (200..300)
        .contains(&status)
        .then(|| serde_json::from_slice(body).ok())
        .flatten();
    let bearer = value.as_ref().is_some_and(|v| {
        v.get("token_type")
            .and_then(Value::as_str)
            .is_none_or(|t| t.eq_ignore_ascii_case("bearer"))
    });
    value
        .as_ref()
        .filter(|_| bearer)
        .and_then(|v| v.get("access_token").and_then(Value::as_str))
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| Refusal::from(status, body))
}

/// What the sign-in sent back to the page's callback.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Callback {
    /// A code, and the state and issuer (`iss`, RFC 9207) it came with.
    Code {
        code: String,
        state: Option<String>,
        iss: Option<String>,
    },
    /// The authorization server's refusal, and the state it came with.
    Error {
        error: String,
        description: Option<String>,
        state: Option<String>,
    },
    /// Neither: not a sign-in's answer.
    Nothing,
}

/// Reads the callback's query (with or without `?`).
pub fn callback(query: &str) -> Callback {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut code = None;
    let mut state = None;
    let mut error = None;
    let mut description = None;
    let mut iss = None;
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        let slot = match &*key {
            "code" => &mut code,
            "state" => &mut state,
            "iss" => &mut iss,
            "error" => &mut error,
            "error_description" => &mut description,
            _ => continue,
        };
        // The first of a repeated parameter counts, as servers write one.
        if slot.is_none() {
            *slot = Some(value.chars().take(2048).collect::<String>());
        }
    }
    match (error, code) {
        (Some(error), _) => Callback::Error {
            error,
            description,
            state,
        },
        (None, Some(code)) if !code.is_empty() => Callback::Code { code, state, iss },
        _ => Callback::Nothing,
    }
}
