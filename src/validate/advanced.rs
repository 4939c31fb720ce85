//! The "Advanced" fields: timeouts, OAuth settings and the bearer-token
//! environment variable.

use super::{Finding, describe_char, excerpt};
use crate::clients::Facts;
use crate::model::{Draft, Field, Seconds};

/// Longest timeout accepted. Codex fails to start on values it cannot turn
/// into a duration, and a wait longer than a day is always a typo.
pub const MAX_TIMEOUT_SEC: u32 = 86_400;

/// Longest value accepted in a free-text advanced field.
const MAX_FIELD_LEN: usize = 512;

/// The advanced fields that passed.
pub(super) struct CheckedAdvanced {
    pub startup_timeout_sec: Option<Seconds>,
    pub tool_timeout_sec: Option<Seconds>,
    pub scopes: Vec<String>,
    pub oauth_resource: Option<String>,
    pub oauth_client_id: Option<String>,
    pub bearer_token_env_var: Option<String>,
}

/// Checks the advanced fields of `draft`, pushing findings.
pub(super) fn check_advanced(draft: &Draft, findings: &mut Vec<Finding>) -> CheckedAdvanced {
    let facts = draft.client.facts();
    let checked = CheckedAdvanced {
        startup_timeout_sec: check_timeout(
            Field::StartupTimeout,
            "startup timeout",
            &draft.startup_timeout_sec,
            facts.name,
            findings,
        ),
        tool_timeout_sec: check_timeout(
            Field::ToolTimeout,
            "tool timeout",
            &draft.tool_timeout_sec,
            facts.name,
            findings,
        ),
        scopes: check_scopes(&draft.scopes, findings),
        oauth_resource: check_resource(&draft.oauth_resource, facts, findings),
        oauth_client_id: check_client_id(&draft.oauth_client_id, findings),
        bearer_token_env_var: check_env_var(&draft.bearer_token_env_var, findings),
    };
    let uses_oauth_fields = !draft.scopes.trim().is_empty()
        || !draft.oauth_resource.trim().is_empty()
        || !draft.oauth_client_id.trim().is_empty();
    if !draft.bearer_token_env_var.trim().is_empty() && uses_oauth_fields {
        findings.push(Finding::error(
            Field::BearerTokenEnvVar,
            "A bearer token replaces OAuth sign-in: clear the scopes, OAuth resource and client id, or clear this field to sign in with OAuth.",
        ));
    }
    checked
}

fn too_long(field: Field, label: &str, value: &str, findings: &mut Vec<Finding>) -> bool {
    let long = value.len() > MAX_FIELD_LEN;
    if long {
        findings.push(Finding::error(
            field,
            format!(
                "The {label} is {} characters long; at most {MAX_FIELD_LEN} are accepted. Check that you pasted the right value.",
                value.len()
            ),
        ));
    }
    long
}

fn check_timeout(
    field: Field,
    label: &str,
    typed: &str,
    who: &str,
    findings: &mut Vec<Finding>,
) -> Option<Seconds> {
    let typed = typed.trim();
    if typed.is_empty() || too_long(field, label, typed, findings) {
        return None;
    }
    let seconds = match Seconds::parse(typed) {
        Some(seconds) => seconds,
        None => {
            findings.push(Finding::error(
                field,
                format!(
                    "{} is not a number of seconds; enter a positive number such as 30 or 12.5, or leave it empty for {who}'s default.",
                    excerpt(typed)
                ),
            ));
            return None;
        }
    };
    if seconds.is_zero() {
        findings.push(Finding::error(
            field,
            format!("The {label} must be more than 0 seconds; leave it empty for {who}'s default."),
        ));
        return None;
    }
    if seconds.exceeds(MAX_TIMEOUT_SEC) {
        findings.push(Finding::error(
            field,
            format!("The {label} can be at most {MAX_TIMEOUT_SEC} seconds (one day)."),
        ));
        return None;
    }
    Some(seconds)
}

/// Why `scope` is not an OAuth scope token (RFC 6749 §3.3), if it is not.
pub fn scope_problem(scope: &str) -> Option<String> {
    let bad = scope
        .chars()
        .find(|&c| !matches!(c, '\x21' | '\x23'..='\x5B' | '\x5D'..='\x7E') || c == ',')?;
    Some(format!(
        "{}: {} is not allowed in an OAuth scope; scopes are printable ASCII without spaces, quotes or backslashes, separated by commas or spaces.",
        excerpt(scope),
        describe_char(bad)
    ))
}

fn check_scopes(typed: &str, findings: &mut Vec<Finding>) -> Vec<String> {
    if too_long(Field::Scopes, "scope list", typed, findings) {
        return Vec::new();
    }
    let mut scopes: Vec<String> = Vec::new();
    for scope in typed
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
    {
        if let Some(problem) = scope_problem(scope) {
            findings.push(Finding::error(Field::Scopes, problem));
        } else if !scopes.iter().any(|s| s == scope) {
            scopes.push(scope.to_owned());
        }
    }
    scopes
}

fn check_resource(typed: &str, facts: &Facts, findings: &mut Vec<Finding>) -> Option<String> {
    let typed = typed.trim();
    if typed.is_empty() || too_long(Field::OauthResource, "OAuth resource", typed, findings) {
        return None;
    }
    let problem = if let Some(c) = typed.chars().find(|c| c.is_whitespace() || c.is_control()) {
        Some(format!("{} is not allowed in it", describe_char(c)))
    } else {
        match super::parse_url(typed) {
            Err(_) => Some("it is not an absolute URL".to_owned()),
            Ok(url) if !matches!(url.scheme(), "https" | "http") => {
                Some("it must start with https://".to_owned())
            }
            Ok(url) if url.fragment().is_some() => Some("it must not have a #fragment".to_owned()),
            Ok(url) if !url.username().is_empty() || url.password().is_some() => {
                Some("it must not hold a user name or password".to_owned())
            }
            Ok(_) => None,
        }
    };
    match problem {
        Some(problem) => {
            findings.push(Finding::error(
                Field::OauthResource,
                format!(
                    "{}: {problem}. The OAuth resource is a URL such as https://acme.kloudfuse.io/mcp; leave it empty to use the server URL.",
                    excerpt(typed)
                ),
            ));
            None
        }
        None if facts.sends_oauth_resource => {
            // Checked with Codex 0.169 against the MCP SDK's authorization server.
            findings.push(Finding::warning(
                Field::OauthResource,
                "Codex sends this resource in addition to the server URL (two resource parameters, as RFC 8707 allows). An authorization server that takes only one refuses the sign-in with invalid_request; leave this empty unless your identity provider asks for it.",
            ));
            Some(typed.to_owned())
        }
        // A client with no place for it says so in a note of its own.
        None => Some(typed.to_owned()),
    }
}

fn check_client_id(typed: &str, findings: &mut Vec<Finding>) -> Option<String> {
    let typed = typed.trim();
    if typed.is_empty() || too_long(Field::OauthClientId, "client id", typed, findings) {
        return None;
    }
    if let Some(c) = typed
        .chars()
        .find(|&c| !c.is_ascii_graphic() || c == '"' || c == '\\')
    {
        findings.push(Finding::error(
            Field::OauthClientId,
            format!(
                "{}: {} is not allowed in a client id; paste the id exactly as your administrator gave it (printable ASCII, no spaces or quotes).",
                excerpt(typed),
                describe_char(c)
            ),
        ));
        return None;
    }
    if has_secret_prefix(typed) {
        findings.push(Finding::error(
            Field::OauthClientId,
            "This looks like a token or client secret, not a client id. Secrets never go into config.toml or a share link; enter only the client id.",
        ));
        return None;
    }
    Some(typed.to_owned())
}

fn is_env_var_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Whether a value starts the way well-known credentials do (an
/// `Authorization` header value, a JWT, common API-key prefixes).
fn has_secret_prefix(value: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "bearer ",
        "basic ",
        "eyj",
        "sk-",
        "ghp_",
        "gho_",
        "ghs_",
        "ghu_",
        "github_pat_",
        "glpat-",
        "xoxb-",
        "xoxp-",
        "akia",
    ];
    let lower = value.to_ascii_lowercase();
    value.len() >= 12 && PREFIXES.iter().any(|p| lower.starts_with(p))
}

/// Whether a value looks like a credential (a token, key or secret) rather
/// than a name. Used to refuse pasted tokens before they reach any output.
pub fn looks_like_secret(value: &str) -> bool {
    if has_secret_prefix(value) {
        return true;
    }
    if value.len() >= 16 && !is_env_var_name(value) && !value.contains(' ') {
        return true;
    }
    // A long run without separators that mixes digits with letters of both
    // cases reads as random, which names of variables never are.
    value.split('_').any(|run| {
        run.len() >= 20
            && run.chars().any(|c| c.is_ascii_digit())
            && run.chars().any(|c| c.is_ascii_lowercase())
            && run.chars().any(|c| c.is_ascii_uppercase())
    })
}

fn check_env_var(typed: &str, findings: &mut Vec<Finding>) -> Option<String> {
    let typed = typed.trim();
    if typed.is_empty() {
        return None;
    }
    if looks_like_secret(typed) {
        findings.push(Finding::error(
            Field::BearerTokenEnvVar,
            "This looks like a token, not the name of an environment variable. Never paste the token here: set it in your shell (export KFUSE_TOKEN=…) and enter the variable's name, such as KFUSE_TOKEN.",
        ));
        return None;
    }
    if too_long(
        Field::BearerTokenEnvVar,
        "environment variable name",
        typed,
        findings,
    ) {
        return None;
    }
    if !is_env_var_name(typed) {
        findings.push(Finding::error(
            Field::BearerTokenEnvVar,
            format!(
                "{}: an environment variable name starts with a letter or _ and holds only letters, digits and _ (for example KFUSE_TOKEN).",
                excerpt(typed)
            ),
        ));
        return None;
    }
    Some(typed.to_owned())
}
