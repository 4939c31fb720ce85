//! The authorization server metadata (RFC 8414, or OpenID Connect
//! Discovery): whether it has what the client needs to sign in, and how the
//! client gets a client id.

use serde_json::{Map, Value};
use url::Url;

use super::{json_object, note, string_list};
use crate::discovery::{Fixer, Profile, Registration, Step, Verdict};
use crate::validate::{is_loopback, parse_url};

/// What a usable authorization-server document gave.
pub(in crate::discovery) struct AsFound {
    /// The `issuer` the document names (RFC 9207 compares the callback's
    /// `iss` with it).
    pub issuer: Option<String>,
    pub authorization_endpoint: Option<Url>,
    pub token_endpoint: Option<Url>,
    pub registration_endpoint: Option<Url>,
    pub registration: Registration,
    pub s256: bool,
    pub scopes: Vec<String>,
    pub token_auth_methods: Option<Vec<String>>,
    pub metadata_documents: bool,
    pub iss_parameter: bool,
}

/// What the authorization server metadata gave.
pub(in crate::discovery) enum AsCheck {
    /// A document was read; the step's verdict says whether it works.
    Usable(Box<AsFound>),
    /// No document here; try the next location.
    Unusable,
}

fn endpoint(map: &Map<String, Value>, key: &str, who: &str, step: &mut Step) -> Option<Url> {
    let problem = match map.get(key) {
        None | Some(Value::Null) => format!("`{key}` is missing."),
        Some(Value::String(text)) => match parse_url(text) {
            Ok(url) if url.scheme() == "https" => return Some(url),
            Ok(url) if url.scheme() == "http" && is_loopback(&url) => return Some(url),
            Ok(url) if url.scheme() == "http" => format!(
                "`{key}` uses http:// on a host that is not this computer; {who} needs https://."
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
/// tolerating a lone trailing `/` as the clients do.
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

/// Checks an authorization-server metadata document. `legacy`: found the
/// 2025-03-26 way, at the MCP URL's origin without protected resource
/// metadata, where the issuer it names is not compared.
pub(in crate::discovery) fn check_as_metadata(
    issuer: &str,
    body: &[u8],
    profile: &Profile,
    legacy: bool,
    step: &mut Step,
) -> AsCheck {
    let who = profile.who.as_str();
    let Some(map) = json_object(body, step) else {
        return AsCheck::Unusable;
    };
    let named = map
        .get("issuer")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_owned);
    match map.get("issuer") {
        Some(Value::String(found)) if !found.is_empty() => {
            step.facts.push(format!("issuer = {found}"));
            if !legacy && !same_issuer(issuer, found) {
                note(
                    step,
                    Verdict::Error,
                    Fixer::Operator,
                    format!(
                        "The document's issuer ({found}) is not the issuer it was fetched for ({issuer}), so {who} rejects it. The operator must configure the cluster's public base URL so both match."
                    ),
                );
            }
        }
        _ => note(
            step,
            Verdict::Error,
            Fixer::Operator,
            format!(
                "The document has no `issuer` (or an empty one), so {who} cannot trust it. The operator must configure the cluster's public base URL."
            ),
        ),
    }
    let authorization_endpoint = endpoint(&map, "authorization_endpoint", who, step);
    let token_endpoint = endpoint(&map, "token_endpoint", who, step);
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
            format!("`response_types_supported` lacks `code`, the only flow {who} uses."),
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
                    "PKCE S256 is not among `code_challenge_methods_supported` ({}); {who} signs in only with S256.",
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
                format!(
                    "`code_challenge_methods_supported` is absent: the MCP spec says a client must then refuse; {who} goes on without knowing that S256 works."
                ),
            );
            false
        }
        Err(problem) => {
            note(step, Verdict::Error, Fixer::Operator, format!("{problem}."));
            false
        }
    };
    let registration = registration(&map, profile, step);
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
            format!(
                "Authorization server metadata is valid: PKCE S256, and {who} can get a client id."
            ),
        );
    }
    AsCheck::Usable(Box::new(AsFound {
        issuer: named,
        authorization_endpoint,
        token_endpoint,
        registration_endpoint,
        registration,
        s256,
        scopes,
        token_auth_methods: string_list(&map, "token_endpoint_auth_methods_supported")
            .ok()
            .flatten(),
        metadata_documents: map.get("client_id_metadata_document_supported")
            == Some(&Value::Bool(true)),
        iss_parameter: map.get("authorization_response_iss_parameter_supported")
            == Some(&Value::Bool(true)),
    }))
}

fn registration(map: &Map<String, Value>, profile: &Profile, step: &mut Step) -> Registration {
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
    let methods = string_list(map, "token_endpoint_auth_methods_supported")
        .ok()
        .flatten();
    let public = methods
        .as_ref()
        .is_none_or(|methods| methods.iter().any(|m| m == "none"));
    let documents = map.get("client_id_metadata_document_supported") == Some(&Value::Bool(true));
    if documents {
        step.facts
            .push("client ID metadata documents supported".to_owned());
    }
    judge_registration(
        profile,
        Offers {
            dynamic,
            documents,
            public,
            methods: methods.unwrap_or_default(),
        },
        step,
    )
}

/// How an authorization server lets clients get a client id.
pub(in crate::discovery) struct Offers {
    /// A registration endpoint (RFC 7591).
    pub dynamic: bool,
    /// Client id metadata documents.
    pub documents: bool,
    /// A token endpoint that takes public clients (`none` among its
    /// methods, or no methods listed).
    pub public: bool,
    /// The methods it lists.
    pub methods: Vec<String>,
}

/// How `profile`'s client gets a client id from a server that `offers`,
/// with the step's verdict: the person's (or operator's) id, its metadata
/// document, dynamic registration, or no way at all.
pub(in crate::discovery) fn judge_registration(
    profile: &Profile,
    offers: Offers,
    step: &mut Step,
) -> Registration {
    let who = profile.who.as_str();
    if !offers.public && !profile.keeps_a_secret {
        note(
            step,
            Verdict::Error,
            Fixer::Operator,
            format!(
                "The token endpoint takes only clients with a secret ({}), and {who} runs in a browser, which keeps none. The server's operator registers it as a public client (`none`) and lists `none` in `token_endpoint_auth_methods_supported`.",
                offers.methods.join(", ")
            ),
        );
    }
    if let Some(id) = &profile.client_id {
        note(
            step,
            Verdict::Ok,
            Fixer::Nobody,
            format!("{who} signs in as the pre-registered client `{id}`."),
        );
        return Registration::PreRegistered;
    }
    if let Some(document) = profile
        .metadata_document
        .as_ref()
        .filter(|_| offers.documents && offers.public)
    {
        let host = crate::validate::parse_url(document)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_default();
        note(
            step,
            Verdict::Warning,
            Fixer::Operator,
            format!(
                "{who} signs in with its client id metadata document, {document}: the authorization server must fetch that URL, so a cluster that cannot reach {host} refuses the sign-in."
            ),
        );
        return Registration::MetadataDocument;
    }
    if offers.dynamic && profile.registers {
        return Registration::Dynamic;
    }
    let without = if offers.documents {
        "no `registration_endpoint`, and no client id metadata document it can use"
    } else {
        "no `registration_endpoint`, no client id metadata documents"
    };
    note(
        step,
        Verdict::Error,
        Fixer::Person,
        format!(
            "No way for {who} to get a client id by itself ({without}): ask your administrator for a pre-registered client id and set it under Advanced."
        ),
    );
    Registration::PreRegistered
}
