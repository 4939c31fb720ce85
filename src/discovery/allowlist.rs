//! The cluster's redirect allowlist: a Kloudfuse cluster refuses a sign-in
//! whose `redirect_uri` is not on
//! `user-mgmt-service.config.MCPConnector.AllowedRedirectURIs` (Helm
//! values), where `*` stands for any run of characters. Which redirect URIs
//! each client registers is in its facts (`crate::clients`); the operator
//! states the cluster's list in presets.toml (`allowed_redirect_uris`).

use super::{Fixer, Report, Verdict};
use crate::clients::Client;

/// The Helm values key that holds the list.
pub const HELM_KEY: &str = "user-mgmt-service.config.MCPConnector.AllowedRedirectURIs";

/// Kloudfuse's chart default for the list: the CLIs' loopback callbacks and
/// Claude's web callbacks.
pub const CHART_DEFAULT: [&str; 4] = [
    "http://localhost:*",
    "http://127.0.0.1:*",
    "https://claude.ai/api/mcp/auth_callback",
    "https://claude.com/api/mcp/auth_callback",
];

/// Whether `pattern` (`*` for any run of characters) matches `text`.
fn glob(pattern: &str, text: &str) -> bool {
    let Some((first, rest)) = pattern.split_once('*') else {
        return pattern == text;
    };
    let Some(mut left) = text.strip_prefix(first) else {
        return false;
    };
    let mut parts: Vec<&str> = rest.split('*').collect();
    let last = parts.pop().unwrap_or_default();
    for part in parts {
        match left.find(part) {
            Some(at) => left = &left[at + part.len()..],
            None => return false,
        }
    }
    left.len() >= last.len() && left.ends_with(last)
}

/// One URI a client's pattern stands for: each `*` (the port it picks, a
/// path it makes up) as a client fills it.
pub fn example(pattern: &str) -> String {
    pattern.replace(":*", ":33418").replace('*', "a1B2c3")
}

/// Whether `allowlist` admits the redirect URIs `pattern` stands for.
pub fn admits(allowlist: &[String], pattern: &str) -> bool {
    let uri = example(pattern);
    allowlist.iter().any(|allowed| glob(allowed, &uri))
}

/// The redirect URIs of `client` that `allowlist` refuses.
pub fn refused(client: Client, allowlist: &[String]) -> Vec<&'static str> {
    client
        .facts()
        .sign_in
        .redirect_uris
        .iter()
        .copied()
        .filter(|pattern| !admits(allowlist, pattern))
        .collect()
}

/// The check's `report` for `client`, with what the cluster's allowlist
/// says: a redirect it refuses fails the sign-in, whatever else worked.
pub fn judged(report: Report, client: Client, allowlist: &[String]) -> Report {
    let refused = refused(client, allowlist);
    if refused.is_empty() || report.verdict == Verdict::Error {
        return report;
    }
    let uris = refused
        .iter()
        .map(|u| format!("`{u}`"))
        .collect::<Vec<_>>()
        .join(", ");
    Report {
        verdict: Verdict::Error,
        reason: format!(
            "The cluster refuses {name}'s sign-in: {name} comes back to {uris}, which its redirect allowlist does not admit. The operator adds the line under For administrators.",
            name = client.facts().name
        ),
        fixer: Fixer::Operator,
        ..report
    }
}

/// The line an operator adds to admit `pattern`: for a callback on a port
/// the client picks, the host with every port (as the chart writes it).
pub fn line_for(pattern: &str) -> String {
    match pattern.find(":*") {
        Some(at) => pattern[..at + 2].to_owned(),
        None => pattern.to_owned(),
    }
}

/// The Helm values an operator sets so that every client in `clients`
/// can sign in: the list as it is, then a line for each redirect URI it
/// refuses, each named for the clients it admits.
pub fn helm_values(allowlist: &[String], clients: &[Client]) -> String {
    let mut added: Vec<(String, Vec<&'static str>)> = Vec::new();
    for &client in clients {
        for pattern in refused(client, allowlist) {
            let line = line_for(pattern);
            match added.iter_mut().find(|(l, _)| *l == line) {
                Some((_, names)) => names.push(client.facts().name),
                None => added.push((line, vec![client.facts().name])),
            }
        }
    }
    let mut out = String::from(
        "user-mgmt-service:\n  config:\n    MCPConnector:\n      AllowedRedirectURIs:\n",
    );
    for line in allowlist {
        out.push_str(&format!("        - \"{line}\"\n"));
    }
    for (line, names) in added {
        out.push_str(&format!(
            "        - \"{line}\"  # added for {}\n",
            names.join(", ")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_star_stands_for_any_run_of_characters() {
        assert!(glob(
            "http://localhost:*",
            "http://localhost:49152/callback"
        ));
        assert!(glob(
            "http://127.0.0.1:*/callback/*",
            "http://127.0.0.1:1/callback/x"
        ));
        assert!(!glob(
            "http://localhost:*",
            "http://127.0.0.1:49152/callback"
        ));
        assert!(!glob(
            "https://claude.ai/api/mcp/auth_callback",
            "https://claude.ai/api/mcp/auth_callback/x"
        ));
        assert!(glob("*", ""));
        assert!(!glob("a*b*c", "acb"));
    }
}
