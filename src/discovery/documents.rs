//! Reading the metadata documents: where to look, and whether what was
//! found lets Codex sign in.

use serde_json::{Map, Value};
use url::Url;

use crate::validate::parse_url;

use super::{Fixer, PrmSource, Registration, Step, Verdict};
use crate::validate::is_loopback;

/// Raises `step` to `verdict` (never lowers it) and appends `message`.
pub(super) fn note(step: &mut Step, verdict: Verdict, fixer: Fixer, message: impl AsRef<str>) {
    if verdict > step.verdict {
        step.verdict = verdict;
        step.fixer = fixer;
    }
    if !step.message.is_empty() {
        step.message.push(' ');
    }
    step.message.push_str(message.as_ref());
}

/// The `resource_metadata` parameter of a `WWW-Authenticate` header.
pub(super) fn resource_metadata_param(header: &str) -> Option<String> {
    let lower = header.to_ascii_lowercase();
    let start = lower.find("resource_metadata=")? + "resource_metadata=".len();
    let rest = &header[start..];
    let value = match rest.strip_prefix('"') {
        Some(quoted) => quoted.split('"').next()?,
        None => rest.split([',', ' ']).next()?,
    };
    (!value.is_empty()).then(|| value.to_owned())
}

fn with_path(base: &Url, path: &str) -> Option<Url> {
    let mut url = base.clone();
    url.set_query(None);
    url.set_fragment(None);
    url.set_path(path);
    Some(url)
}

/// The protected-resource-metadata locations, in the order Codex tries them.
pub(super) fn prm_locations(mcp: &Url) -> Vec<(Url, PrmSource)> {
    const WELL_KNOWN: &str = "/.well-known/oauth-protected-resource";
    let path = mcp.path().trim_end_matches('/');
    let mut out = Vec::new();
    if !path.is_empty() {
        out.extend(
            with_path(mcp, &format!("{WELL_KNOWN}{path}")).map(|u| (u, PrmSource::PathInserted)),
        );
    }
    out.extend(with_path(mcp, WELL_KNOWN).map(|u| (u, PrmSource::Root)));
    out.extend(
        with_path(mcp, &format!("{path}{WELL_KNOWN}")).map(|u| (u, PrmSource::CodexFallback)),
    );
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

/// The authorization-server-metadata locations for `issuer` (RFC 8414 §3,
/// then OpenID Connect Discovery in both forms).
pub(super) fn as_locations(issuer: &str) -> Vec<Url> {
    let Ok(url) = parse_url(issuer) else {
        return Vec::new();
    };
    let path = url.path().trim_end_matches('/').to_owned();
    let paths = if path.is_empty() {
        vec![
            "/.well-known/oauth-authorization-server".to_owned(),
            "/.well-known/openid-configuration".to_owned(),
        ]
    } else {
        vec![
            format!("/.well-known/oauth-authorization-server{path}"),
            format!("/.well-known/openid-configuration{path}"),
            format!("{path}/.well-known/openid-configuration"),
        ]
    };
    paths.iter().filter_map(|p| with_path(&url, p)).collect()
}

/// Judges a status before the body is read. `true` when the body should be
/// examined; otherwise the step says why not.
pub(super) fn judge_status(status: u16, step: &mut Step) -> bool {
    match status {
        200 => true,
        404 | 410 => {
            note(
                step,
                Verdict::Ok,
                Fixer::Nobody,
                format!("Not here ({status}); that is allowed, and the next location is tried."),
            );
            false
        }
        429 => {
            note(
                step,
                Verdict::Error,
                Fixer::Operator,
                "Rate-limited (429): try again in a minute; if it persists, the operator must let discovery through.",
            );
            false
        }
        500..=599 => {
            note(
                step,
                Verdict::Error,
                Fixer::Operator,
                format!(
                    "Server error ({status}): the cluster is failing to serve its OAuth metadata; ask the operator."
                ),
            );
            false
        }
        _ => {
            note(
                step,
                Verdict::Error,
                Fixer::Operator,
                format!("Answers {status} where a metadata document was expected."),
            );
            false
        }
    }
}

/// Parses a JSON object, or says in the step why the body is not one.
fn json_object(body: &[u8], step: &mut Step) -> Option<Map<String, Value>> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Some(map),
        Ok(_) => {
            note(
                step,
                Verdict::Error,
                Fixer::Operator,
                "The answer is JSON but not an object, so it is not a metadata document.",
            );
            None
        }
        Err(_) => {
            let text = String::from_utf8_lossy(&body[..body.len().min(512)]).to_ascii_lowercase();
            let message = if text.trim_start().starts_with('<') || text.contains("<html") {
                "An HTML page (probably a sign-in page) where a JSON metadata document was expected: the path is routed to the web app instead of the OAuth metadata."
            } else {
                "The answer is not JSON, so it is not a metadata document."
            };
            note(step, Verdict::Error, Fixer::Operator, message);
            None
        }
    }
}

fn string_list(map: &Map<String, Value>, key: &str) -> Result<Option<Vec<String>>, String> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| {
                v.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| format!("`{key}` must be a list of strings"))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some),
        Some(_) => Err(format!("`{key}` must be a list of strings")),
    }
}

/// What the protected resource metadata gave.
pub(super) enum PrmCheck {
    /// A document Codex can use (perhaps with warnings).
    Usable {
        resource: String,
        issuer: String,
        scopes: Vec<String>,
    },
    /// A document that stops login.
    Invalid,
    /// No document here; try the next location.
    Unusable,
}

/// Checks a protected-resource-metadata document against the MCP URL.
pub(super) fn check_prm(mcp: &Url, body: &[u8], step: &mut Step) -> PrmCheck {
    let Some(map) = json_object(body, step) else {
        return PrmCheck::Unusable;
    };
    let resource = match map.get("resource") {
        Some(Value::String(r)) if !r.is_empty() => r.clone(),
        Some(Value::String(_)) | None | Some(Value::Null) => {
            note(
                step,
                Verdict::Error,
                Fixer::Operator,
                "The metadata has no `resource`, so Codex cannot tell it belongs to this server.",
            );
            return PrmCheck::Invalid;
        }
        Some(_) => {
            note(
                step,
                Verdict::Error,
                Fixer::Operator,
                "`resource` must be a string.",
            );
            return PrmCheck::Invalid;
        }
    };
    step.facts.push(format!("resource = {resource}"));
    match parse_url(&resource) {
        Ok(url) if url == *mcp => {}
        Ok(url) if url.origin() != mcp.origin() => {
            note(
                step,
                Verdict::Error,
                Fixer::Operator,
                format!(
                    "`resource` is on another origin ({}) than the MCP URL, so this metadata describes another server. The operator must set it to {mcp}.",
                    url.origin().ascii_serialization()
                ),
            );
            return PrmCheck::Invalid;
        }
        Ok(url) if mcp.path().starts_with(url.path().trim_end_matches('/')) => {
            note(
                step,
                Verdict::Warning,
                Fixer::Person,
                format!(
                    "`resource` ({resource}) is a parent of the MCP URL, not the URL itself. Codex accepts it; if sign-in is refused, set the OAuth resource to {resource}."
                ),
            );
        }
        Ok(_) => {
            note(
                step,
                Verdict::Warning,
                Fixer::Operator,
                format!(
                    "`resource` ({resource}) differs from the MCP URL ({mcp}) but is on the same origin."
                ),
            );
        }
        Err(_) => {
            note(
                step,
                Verdict::Error,
                Fixer::Operator,
                "`resource` is not a URL.",
            );
            return PrmCheck::Invalid;
        }
    }
    let servers = match string_list(&map, "authorization_servers") {
        Ok(Some(list)) if !list.is_empty() => list,
        Ok(_) => {
            note(
                step,
                Verdict::Error,
                Fixer::Operator,
                "`authorization_servers` is missing or empty, so there is no authorization server to sign in with. The operator must list the issuer.",
            );
            return PrmCheck::Invalid;
        }
        Err(problem) => {
            note(step, Verdict::Error, Fixer::Operator, format!("{problem}."));
            return PrmCheck::Invalid;
        }
    };
    step.facts
        .push(format!("authorization_servers = {}", servers.join(", ")));
    let issuer = servers[0].clone();
    if !matches!(parse_url(&issuer), Ok(u) if matches!(u.scheme(), "https" | "http")) {
        note(
            step,
            Verdict::Error,
            Fixer::Operator,
            format!("The authorization server `{issuer}` is not an http(s) URL."),
        );
        return PrmCheck::Invalid;
    }
    let scopes = string_list(&map, "scopes_supported")
        .ok()
        .flatten()
        .unwrap_or_default();
    if step.message.is_empty() {
        note(
            step,
            Verdict::Ok,
            Fixer::Nobody,
            "Protected resource metadata found; it names the authorization server.",
        );
    }
    PrmCheck::Usable {
        resource,
        issuer,
        scopes,
    }
}

/// What a usable authorization-server document gave.
pub(super) struct AsFound {
    pub authorization_endpoint: Option<Url>,
    pub registration: Registration,
    pub s256: bool,
    pub scopes: Vec<String>,
}

/// What the authorization server metadata gave.
pub(super) enum AsCheck {
    /// A document was read; the step's verdict says whether it works.
    Usable(AsFound),
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
pub(super) fn check_as_metadata(
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
    AsCheck::Usable(AsFound {
        authorization_endpoint,
        registration,
        s256,
        scopes,
    })
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
