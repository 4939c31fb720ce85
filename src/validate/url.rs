//! MCP URL rules: what a person may type and the URL Codex will be given.

use std::net::IpAddr;

use url::{Host, Url};

use super::host::parse_url;
use super::{Finding, describe_char, excerpt};
use crate::model::Field;

/// Longest URL accepted; real MCP URLs are far shorter, and a longer value is
/// almost always a paste of the wrong thing.
pub const MAX_URL_LEN: usize = 2048;

/// Query parameter names that usually carry a credential; a URL with one
/// is refused (matched without regard to case).
pub const SECRET_QUERY_KEYS: &[&str] = &[
    "token",
    "access_token",
    "id_token",
    "api_key",
    "apikey",
    "key",
    "secret",
    "client_secret",
    "password",
    "sig",
    "signature",
];

/// A URL that passed the rules, with any warnings about it.
#[derive(Clone, Debug, PartialEq)]
pub struct NormalizedUrl {
    /// The URL Codex will be given, in WHATWG serialisation.
    pub url: Url,
    /// Things that work but deserve attention (http on loopback, a query).
    pub warnings: Vec<Finding>,
}

fn error(message: String) -> Finding {
    Finding::error(Field::Url, message)
}

/// Whether `url` points at this computer (localhost, 127.0.0.0/8, ::1).
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(domain)) => domain == "localhost" || domain.ends_with(".localhost"),
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

/// The scheme a person typed without `//` (`mailto:x`, `javascript:y`), told
/// apart from a `host:port` (`acme.io:8443`), which has a digit after `:`.
fn bare_scheme(input: &str) -> Option<&str> {
    let (scheme, rest) = input.split_once(':')?;
    let mut chars = scheme.chars();
    let starts_alpha = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let scheme_chars = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let port_follows = rest.chars().next().is_some_and(|c| c.is_ascii_digit());
    (starts_alpha && scheme_chars && !port_follows && !rest.is_empty()).then_some(scheme)
}

fn describe_parse_error(input: &str, err: url::ParseError) -> String {
    use url::ParseError as E;
    let what = match err {
        E::EmptyHost => "it has no host name".to_owned(),
        E::InvalidPort => "the port must be a number from 1 to 65535".to_owned(),
        E::InvalidIpv4Address => "the IPv4 address is not valid".to_owned(),
        E::InvalidIpv6Address => {
            "the IPv6 address is not valid (write it in brackets, like [::1])".to_owned()
        }
        E::InvalidDomainCharacter => {
            "the host name holds a character no domain name can have".to_owned()
        }
        E::IdnaError => "the host name is not a valid international domain name".to_owned(),
        other => other.to_string(),
    };
    format!(
        "{} is not a usable URL: {what}. Enter your cluster's address, such as acme.kloudfuse.io or https://acme.kloudfuse.io/mcp.",
        excerpt(input)
    )
}

/// Applies the URL rules to what the person typed: adds `https://` when no
/// scheme is given and `/mcp` when the path is empty, and returns the WHATWG
/// serialisation, or the error that stops it.
/// `who` is the client's name, as the messages say it.
pub fn normalize_mcp_url(input: &str, who: &str) -> Result<NormalizedUrl, Finding> {
    let typed = input.trim();
    if typed.is_empty() {
        return Err(error(
            "Enter your cluster's URL, such as acme.kloudfuse.io; https:// and /mcp are added when you leave them out.".to_owned(),
        ));
    }
    if typed.len() > MAX_URL_LEN {
        return Err(error(format!(
            "The URL is {} characters long; MCP URLs are far shorter (at most {MAX_URL_LEN}). Paste only the cluster's address.",
            typed.len()
        )));
    }
    if let Some(c) = typed.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Err(error(format!(
            "{}: {} is not allowed in a URL; remove it.",
            excerpt(typed),
            describe_char(c)
        )));
    }
    let with_scheme = if let Some((_, after)) = typed.split_once("://") {
        if after.is_empty() || after.starts_with(['/', '\\', '?', '#']) {
            return Err(error(format!(
                "{} has no host name; enter the cluster's address, such as acme.kloudfuse.io.",
                excerpt(typed)
            )));
        }
        typed.to_owned()
    } else if let Some(scheme) = bare_scheme(typed) {
        if scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http") {
            typed.to_owned()
        } else {
            return Err(unsupported_scheme(scheme, who));
        }
    } else {
        format!("https://{typed}")
    };
    let mut url = parse_url(&with_scheme).map_err(|e| error(describe_parse_error(typed, e)))?;

    let mut warnings = Vec::new();
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => warnings.push(Finding::warning(
            Field::Url,
            "http:// is not encrypted: fine for a server on this computer, but a cluster needs https://.",
        )),
        "http" => {
            return Err(error(format!(
                "http:// is allowed only for a server on this computer (localhost, 127.0.0.1, [::1]); use https://{} instead.",
                url.host_str().unwrap_or_default()
            )));
        }
        other => return Err(unsupported_scheme(other, who)),
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(error(format!(
            "{} has no host name; enter the cluster's address, such as acme.kloudfuse.io.",
            excerpt(typed)
        )));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(error(format!(
            "Remove the user:password@ part: a password in the URL would be copied into config.toml, shell history and share links. {who} signs in with OAuth (or a bearer token from an environment variable)."
        )));
    }
    if url.fragment().is_some() {
        return Err(error(format!(
            "Remove the #… part: a URL fragment is never sent to the server, so {who} cannot use it."
        )));
    }
    if url.query() == Some("") {
        url.set_query(None);
    }
    if let Some(query) = url.query() {
        let secret_key = url
            .query_pairs()
            .map(|(key, _)| key.to_ascii_lowercase())
            .find(|key| SECRET_QUERY_KEYS.contains(&key.as_str()));
        if let Some(key) = secret_key {
            return Err(error(format!(
                "The query string carries `{key}=`, which looks like a credential; it would be copied into config.toml and share links. Remove it and use a bearer-token environment variable or OAuth instead."
            )));
        }
        warnings.push(Finding::warning(
            Field::Url,
            format!(
                "The URL has a query string ({}); MCP endpoints rarely need one. Check that it is intended.",
                excerpt(&format!("?{query}"))
            ),
        ));
    }
    if url.path().is_empty() || url.path() == "/" {
        url.set_path("/mcp");
    }
    Ok(NormalizedUrl { url, warnings })
}

fn unsupported_scheme(scheme: &str, who: &str) -> Finding {
    error(format!(
        "{} URLs are not supported; {who} reaches MCP servers over https:// (http:// only on this computer).",
        excerpt(&format!("{scheme}:"))
    ))
}
