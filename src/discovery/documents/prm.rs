//! The protected resource metadata (RFC 9728): whether the document the
//! MCP server points to names this server and an authorization server.

use serde_json::Value;
use url::Url;

use super::{json_object, note, string_list};
use crate::discovery::{Fixer, Step, Verdict};
use crate::validate::parse_url;

/// What the protected resource metadata gave.
pub(in crate::discovery) enum PrmCheck {
    /// A document the client can use (perhaps with warnings).
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
pub(in crate::discovery) fn check_prm(
    mcp: &Url,
    body: &[u8],
    who: &str,
    step: &mut Step,
) -> PrmCheck {
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
                format!(
                    "The metadata has no `resource`, so {who} cannot tell it belongs to this server."
                ),
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
                    "`resource` ({resource}) is a parent of the MCP URL, not the URL itself. {who} accepts it; if sign-in is refused, set the OAuth resource to {resource}."
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
