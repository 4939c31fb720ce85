//! MCP URL rules: what a person may type and the URL Codex will be given.

use std::net::IpAddr;
use std::ops::Range;

use url::{Host, Url};

use super::{Finding, describe_char, excerpt};
use crate::model::Field;

/// Longest URL accepted; real MCP URLs are far shorter, and a longer value is
/// almost always a paste of the wrong thing.
pub const MAX_URL_LEN: usize = 2048;

/// Query parameter names that usually carry a credential.
const SECRET_QUERY_KEYS: &[&str] = &[
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
pub fn normalize_mcp_url(input: &str) -> Result<NormalizedUrl, Finding> {
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
            return Err(unsupported_scheme(scheme));
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
        other => return Err(unsupported_scheme(other)),
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(error(format!(
            "{} has no host name; enter the cluster's address, such as acme.kloudfuse.io.",
            excerpt(typed)
        )));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(error(
            "Remove the user:password@ part: a password in the URL would be copied into config.toml, shell history and share links. Codex signs in with OAuth (or a bearer token from an environment variable).".to_owned(),
        ));
    }
    if url.fragment().is_some() {
        return Err(error(
            "Remove the #… part: a URL fragment is never sent to the server, so Codex cannot use it.".to_owned(),
        ));
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

/// Where the host is in a typed URL: after any scheme and the slashes (or
/// backslashes, which URL parsers read as slashes) that follow it, and any
/// `user@`; before any port, path, query or fragment. Expects no tab or
/// line break, which URL parsers drop (see [`parse_url`]).
fn typed_host(typed: &str) -> Range<usize> {
    let lower = typed.get(..6).unwrap_or(typed).to_ascii_lowercase();
    let scheme_end = ["https:", "http:", "wss:", "ws:", "ftp:", "file:"]
        .iter()
        .find(|s| lower.starts_with(*s))
        .map(|s| s.len())
        .or_else(|| typed.find("://").map(|i| i + 1))
        .unwrap_or(0);
    let start = typed.len() - typed[scheme_end..].trim_start_matches(['/', '\\']).len();
    let authority_end = typed[start..]
        .find(['/', '\\', '?', '#'])
        .map_or(typed.len(), |i| start + i);
    let host_start = typed[start..authority_end]
        .rfind('@')
        .map_or(start, |i| start + i + 1);
    let host = &typed[host_start..authority_end];
    let host_end = match host.rfind(':') {
        Some(i) if !host.starts_with('[') => host_start + i,
        _ => authority_end,
    };
    host_start..host_end
}

/// Whether a host needs international-name processing: non-ASCII as typed
/// or once `%XX` escapes are decoded.
fn needs_idna(host: &str) -> bool {
    !host.is_ascii()
        || host.as_bytes().windows(3).any(|w| {
            w[0] == b'%'
                && matches!(w[1], b'8'..=b'9' | b'a'..=b'f' | b'A'..=b'F')
                && w[2].is_ascii_hexdigit()
        })
}

/// [`Url::parse`], except that a host needing international-name
/// processing is refused (`IdnaError`) instead of reaching a parser built
/// without Unicode tables; the page converts such hosts first
/// ([`with_ascii_host`]).
pub fn parse_url(input: &str) -> Result<Url, url::ParseError> {
    // As the parser does: no surrounding spaces or controls, no tab or line
    // break anywhere.
    let cleaned: String = input
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if needs_idna(&cleaned[typed_host(&cleaned)]) {
        return Err(url::ParseError::IdnaError);
    }
    Url::parse(&cleaned)
}

/// [`Url::join`] with [`parse_url`]'s rule for a reference that names a host.
pub fn join_url(base: &Url, reference: &str) -> Result<Url, url::ParseError> {
    let names_host = reference.contains("://") || reference.starts_with("//");
    if names_host {
        // A scheme-relative `//host/…` takes the base's (https or http) scheme.
        let absolute = match reference.strip_prefix("//") {
            Some(_) => format!("https:{reference}"),
            None => reference.to_owned(),
        };
        parse_url(&absolute)?;
    }
    base.join(reference)
}

/// `typed` with its host, when that is an internationalized domain name,
/// written in ASCII (punycode) by `to_ascii`; `None` when the host is ASCII
/// already or `to_ascii` refuses it (validation then says the name is not
/// valid).
///
/// The page passes the browser's own UTS #46 processing, the one the WHATWG
/// URL standard specifies, so it carries no Unicode tables of its own; the
/// URL parser it validates with is built without them (see Cargo.toml).
pub fn with_ascii_host(typed: &str, to_ascii: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let host = typed_host(typed);
    let unicode = &typed[host.clone()];
    if !needs_idna(unicode) {
        return None;
    }
    let ascii = to_ascii(unicode).filter(|a| a.is_ascii() && !a.is_empty())?;
    Some(format!(
        "{}{ascii}{}",
        &typed[..host.start],
        &typed[host.end..]
    ))
}

fn unsupported_scheme(scheme: &str) -> Finding {
    error(format!(
        "{} URLs are not supported; Codex reaches MCP servers over https:// (http:// only on this computer).",
        excerpt(&format!("{scheme}:"))
    ))
}
