//! Reading the metadata documents: where to look, and whether what was
//! found lets the client sign in. The protected resource's document (RFC 9728)
//! is read in `prm.rs`, the authorization server's (RFC 8414, OpenID
//! Connect Discovery) in `as_metadata.rs`; what both need is here.

mod as_metadata;
mod prm;

pub(super) use self::as_metadata::{AsCheck, Offers, check_as_metadata, judge_registration};
pub(super) use self::prm::{PrmCheck, check_prm};

use serde_json::{Map, Value};
use url::Url;

use crate::clients::WellKnown;
use crate::validate::parse_url;

use super::{Fixer, PrmSource, Step, Verdict};

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

/// The parameter `name` (`resource_metadata`, `scope`, `error`) of a
/// `WWW-Authenticate` challenge, quoted or not.
pub fn challenge_param(header: &str, name: &str) -> Option<String> {
    let lower = header.to_ascii_lowercase();
    let key = format!("{name}=");
    // The parameter itself, not one whose name ends with it.
    let start = lower.match_indices(&key).find_map(|(at, _)| {
        let before = lower[..at].chars().next_back();
        before
            .is_none_or(|c| c == ' ' || c == ',')
            .then_some(at + key.len())
    })?;
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

/// The protected-resource-metadata locations, in the order `order` gives.
pub(super) fn prm_locations(mcp: &Url, order: &[WellKnown]) -> Vec<(Url, PrmSource)> {
    const WELL_KNOWN: &str = "/.well-known/oauth-protected-resource";
    let path = mcp.path().trim_end_matches('/');
    let mut out: Vec<(Url, PrmSource)> = Vec::new();
    for &place in order {
        let at = match place {
            WellKnown::PathInserted if path.is_empty() => continue,
            WellKnown::PathInserted => format!("{WELL_KNOWN}{path}"),
            WellKnown::Root => WELL_KNOWN.to_owned(),
            WellKnown::UnderMcpUrl => format!("{path}{WELL_KNOWN}"),
        };
        if let Some(url) = with_path(mcp, &at)
            && !out.iter().any(|(seen, _)| *seen == url)
        {
            out.push((url, PrmSource::WellKnown(place)));
        }
    }
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
