//! The authorization server metadata (RFC 8414, or OpenID Connect
//! Discovery): whether it has what `codex mcp login` needs to sign in, and
//! how a client gets registered.

use serde_json::{Map, Value};
use url::Url;

use super::{json_object, note, string_list};
use crate::discovery::{Fixer, Registration, Step, Verdict};
use crate::validate::{is_loopback, parse_url};

/// What a usable authorization-server document gave.
pub(in crate::discovery) struct AsFound {
    pub authorization_endpoint: Option<Url>,
    pub token_endpoint: Option<Url>,
    pub registration_endpoint: Option<Url>,
    pub registration: Registration,
    pub s256: bool,
    pub scopes: Vec<String>,
}

/// What the authorization server metadata gave.
pub(in crate::discovery) enum AsCheck {
    /// A document was read; the step's verdict says whether it works.
    Usable(Box<AsFound>),
    /// No document here; try the next location.
    Unusable,
}

fn endpoint(map: &Map<String, Value>, key: &str, step: &mut Step) -> Option<Url> {
    let problem = match map.get(key) {
        None | Some(Value::Null) => format!("`{key}` is missing."),
        Some(Value::String(text)) => match parse_url(text) {
            Ok(url) if url.scheme() == "https" => return Some(url),
            Ok(url) if url.scheme() == "http" && is_loopback(&url) => return Some(url),
            Ok(url) if url.scheme() == "http" => format!(
                "`{key}` uses http:// on a host that is not this computer; Codex needs https://."
            ),
            Ok(url) => format!(
                "`{key}` uses the `{}:` scheme; it must be https://.",
                url.scheme()
            ),
            Err(_) => format!("`{key}` is not a URL."),
        },
        Some(_) => format!("`{key}` must be a string URL."),
    };
    note(step, Verdict::Error, Fixer::Operator, problem);
    None
}

/// Whether the issuer in the document is the one the URL was built from,
/// tolerating a lone trailing `/` as Codex does.
fn same_issuer(expected: &str, found: &str) -> bool {
    expected == found
        || expected.trim_end_matches('/') == found.trim_end_matches('/') && {
            let path = |s: &str| {
                parse_url(s)
                    .map(|u| u.path().to_owned())
                    .unwrap_or_default()
            };
            path(expected).trim_end_matches('/').is_empty()
                && path(found).trim_end_matches('/').is_empty()
        }
}

/// Checks an authorization-server metadata document.
pub(in crate::discovery) fn check_as_metadata(
    issuer: &str,
    body: &[u8],
    client_id_configured: bool,
    step: &mut Step,
) -> AsCheck {
    let Some(map) = json_object(body, step) else {
        return AsCheck::Unusable;
    };
    match map.get("issuer") {
        Some(Value::String(found)) if !found.is_empty() => {
            step.facts.push(format!("issuer = {found}"));
            if !same_issuer(issuer, found) {
                note(
                    step,
                    Verdict::Error,
                    Fixer::Operator,
                    format!(
                        "The document's issuer ({found}) is not the issuer it was fetched for ({issuer}), so Codex rejects it. The operator must configure the cluster's public base URL so both match."
                    ),
                );
            }
        }
        _ => note(
            step,
            Verdict::Error,
            Fixer::Operator,
            "The document has no `issuer` (or an empty one), so Codex cannot trust it. The operator must configure the cluster's public base URL.",
        ),
    }
    let authorization_endpoint = endpoint(&map, "authorization_endpoint", step);
    let token_endpoint = endpoint(&map, "token_endpoint", step);
    if let Some(url) = &authorization_endpoint {
        step.facts.push(format!("authorization_endpoint = {url}"));
    }
    if let Some(url) = &token_endpoint {
        step.facts.push(format!("token_endpoint = {url}"));
    }
    match string_list(&map, "response_types_supported") {
        Ok(Some(types)) if !types.iter().any(|t| t == "code") => note(
            step,
            Verdict::Error,
            Fixer::Operator,
            "`response_types_supported` lacks `code`, the only flow Codex uses.",
        ),
        Err(problem) => note(step, Verdict::Error, Fixer::Operator, format!("{problem}.")),
        _ => {}
    }
    let s256 = match string_list(&map, "code_challenge_methods_supported") {
        Ok(Some(methods)) if methods.iter().any(|m| m == "S256") => {
            step.facts
                .push("code_challenge_methods_supported includes S256".to_owned());
            true
        }
        Ok(Some(methods)) => {
            note(
                step,
                Verdict::Error,
                Fixer::Operator,
                format!(
                    "PKCE S256 is not among `code_challenge_methods_supported` ({}); Codex signs in only with S256.",
                    methods.join(", ")
                ),
            );
            false
        }
        Ok(None) => {
            note(
                step,
                Verdict::Warning,
                Fixer::Operator,
                "`code_challenge_methods_supported` is absent: the MCP spec says a client must then refuse; Codex only warns and goes on.",
            );
            false
        }
        Err(problem) => {
            note(step, Verdict::Error, Fixer::Operator, format!("{problem}."));
            false
        }
    };
    let registration = registration(&map, client_id_configured, step);
    // Only a usable URL: the check above says what is wrong with another.
    let registration_endpoint = map
        .get("registration_endpoint")
        .and_then(Value::as_str)
        .and_then(|text| parse_url(text).ok())
        .filter(|url| url.scheme() == "https" || (url.scheme() == "http" && is_loopback(url)));
    let scopes = string_list(&map, "scopes_supported")
        .ok()
        .flatten()
        .unwrap_or_default();
    if step.message.is_empty() {
        note(
            step,
            Verdict::Ok,
            Fixer::Nobody,
            "Authorization server metadata is valid: PKCE S256, and Codex can register itself.",
        );
    }
    AsCheck::Usable(Box::new(AsFound {
        authorization_endpoint,
        token_endpoint,
        registration_endpoint,
        registration,
        s256,
        scopes,
    }))
}

fn registration(
    map: &Map<String, Value>,
    client_id_configured: bool,
    step: &mut Step,
) -> Registration {
    let dynamic = match map.get("registration_endpoint") {
        Some(Value::String(url)) => {
            step.facts.push(format!("registration_endpoint = {url}"));
            true
        }
        None | Some(Value::Null) => false,
        Some(_) => {
            note(
                step,
                Verdict::Error,
                Fixer::Operator,
                "`registration_endpoint` must be a string URL.",
            );
            false
        }
    };
    let cimd = map.get("client_id_metadata_document_supported") == Some(&Value::Bool(true));
    let none_auth = string_list(map, "token_endpoint_auth_methods_supported")
        .ok()
        .flatten()
        .is_some_and(|methods| methods.iter().any(|m| m == "none"));
    if cimd && none_auth {
        step.facts
            .push("client ID metadata documents supported".to_owned());
        return Registration::MetadataDocument;
    }
    if cimd && dynamic {
        note(
            step,
            Verdict::Warning,
            Fixer::Operator,
            "Client ID metadata documents are advertised without `none` in `token_endpoint_auth_methods_supported`, so Codex cannot use them and registers dynamically instead.",
        );
    }
    if dynamic {
        return Registration::Dynamic;
    }
    if client_id_configured {
        note(
            step,
            Verdict::Ok,
            Fixer::Nobody,
            "No self-registration is offered; Codex will use the pre-registered client id you set.",
        );
    } else {
        note(
            step,
            Verdict::Warning,
            Fixer::Person,
            "No way for Codex to register itself (no `registration_endpoint`, no usable client ID metadata documents): ask your administrator for a pre-registered client id and set it under Advanced.",
        );
    }
    Registration::PreRegistered
}
