//! International host names, and the one way the core parses URLs.
//!
//! The `url` crate is built without Unicode tables (see Cargo.toml), so a
//! host that needs UTS #46 processing must be converted before parsing:
//! the page converts it with the browser's own URL parser
//! ([`with_ascii_host`]), and [`parse_url`] refuses any that is left, with
//! the parser's own `IdnaError`.

use std::ops::Range;

use url::Url;

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
