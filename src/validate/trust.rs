//! The hosts an organisation runs, and what the page says about a setting
//! that sends something to a host, or a token, elsewhere.
//!
//! An operator lists trusted hosts in presets (`trusted_hosts`); the host of
//! the presets' default URL is always trusted. A leading `*.` matches any
//! subdomain, never the bare domain, as certificates and Codex's own
//! allowlists read it. Hosts are compared after the page's own
//! normalisation: lower case, international names in punycode, IPv4 in its
//! dotted form (the WHATWG host serialisation the `url` crate prints).

use std::fmt;

use url::Url;

use super::{Finding, excerpt, normalize_mcp_url, parse_url};
use crate::clients::Facts;
use crate::model::Field;

/// One `trusted_hosts` entry: a host, or every subdomain of a domain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostPattern {
    /// Exactly this host (`observability.acme.example`, `10.0.0.5`).
    Exact(String),
    /// Any host below this domain (`*.corp.acme.example`), not the domain itself.
    Subdomains(String),
}

impl HostPattern {
    /// Reads an operator's pattern, or says what is wrong with it and how to
    /// write it instead.
    pub fn parse(typed: &str) -> Result<Self, String> {
        let trimmed = typed.trim();
        if trimmed.is_empty() {
            return Err(
                "a trusted host is empty; write a host name such as observability.acme.example."
                    .to_owned(),
            );
        }
        if let Some((_, rest)) = trimmed.split_once("://") {
            let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
            return Err(format!(
                "{} is a URL; write the host alone, such as `{host}`.",
                excerpt(trimmed)
            ));
        }
        let (wildcard, host) = match trimmed.strip_prefix("*.") {
            Some(rest) => (true, rest),
            None => (false, trimmed),
        };
        if host.contains('*') {
            return Err(format!(
                "{}: `*` is allowed only at the start, as `*.` followed by a domain (any of its subdomains).",
                excerpt(trimmed)
            ));
        }
        if !host.is_ascii() {
            return Err(format!(
                "{}: write an international name in its ASCII form (punycode, xn--…), as the address bar shows it.",
                excerpt(trimmed)
            ));
        }
        let normalized = normalize_host(host).ok_or_else(|| {
            format!(
                "{} is not a host name; write a host alone (no port, path or user), such as observability.acme.example.",
                excerpt(trimmed)
            )
        })?;
        if wildcard {
            let is_domain = normalized.contains('.')
                && !normalized.starts_with('[')
                && normalized.parse::<std::net::Ipv4Addr>().is_err();
            if !is_domain {
                return Err(format!(
                    "{}: `*.` must be followed by a domain with at least one dot, such as *.corp.acme.example.",
                    excerpt(trimmed)
                ));
            }
            return Ok(Self::Subdomains(normalized));
        }
        Ok(Self::Exact(normalized))
    }

    /// Whether `host` (already normalised, as [`url::Url::host_str`] gives
    /// it) is one this pattern trusts.
    pub fn matches(&self, host: &str) -> bool {
        match self {
            Self::Exact(exact) => host == exact,
            Self::Subdomains(domain) => host
                .strip_suffix(domain.as_str())
                .is_some_and(|sub| sub.len() > 1 && sub.ends_with('.')),
        }
    }
}

impl fmt::Display for HostPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Exact(host) => f.write_str(host),
            Self::Subdomains(domain) => write!(f, "*.{domain}"),
        }
    }
}

/// `host` as the URL parser serialises it, or `None` when it is not a host
/// alone (a port, path, user or query is not part of a host).
fn normalize_host(host: &str) -> Option<String> {
    if host.contains(['/', '\\', '?', '#', '@']) {
        return None;
    }
    let url = parse_url(&format!("https://{host}/")).ok()?;
    if url.port().is_some() || url.path() != "/" || host.ends_with(':') {
        return None;
    }
    url.host_str().map(str::to_owned)
}

/// The hosts the organisation runs: the operator's `trusted_hosts` and the
/// host of the presets' default URL.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedHosts {
    patterns: Vec<HostPattern>,
}

impl TrustedHosts {
    /// The operator's patterns, plus the host of `default_url` (as typed in
    /// presets, already in ASCII) when it is a usable URL.
    pub fn new(mut patterns: Vec<HostPattern>, default_url: &str) -> Self {
        if let Some(host) = host_of(default_url) {
            let pattern = HostPattern::Exact(host);
            if !patterns.contains(&pattern) {
                patterns.push(pattern);
            }
        }
        Self { patterns }
    }

    /// Whether the operator named no host at all (the shipped presets):
    /// then no host is called untrusted.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Whether `host` (normalised) is one the organisation runs.
    pub fn trusts(&self, host: &str) -> bool {
        self.patterns.iter().any(|p| p.matches(host))
    }

    /// The patterns as a person reads them: "a.example, *.b.example".
    pub fn describe(&self) -> String {
        self.patterns
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Whether `host` (normalised) is outside these hosts; `false` when
    /// nothing is trusted (the shipped presets).
    pub fn is_foreign(&self, host: &str) -> bool {
        !self.is_empty() && !self.trusts(host)
    }
}

/// The normalised host of a server URL as typed (`acme.io`, `https://…`),
/// by the page's own rules; `None` while the URL is not valid.
pub fn host_of(typed: &str) -> Option<String> {
    let url = normalize_mcp_url(typed, "the client").ok()?.url;
    url.host_str().map(str::to_owned)
}

/// The origin (`scheme://host[:port]`, ASCII) of the OAuth resource
/// `resource` when it is another than the server URL's; `None` when it is
/// the same or `resource` is not an absolute URL with a host.
pub fn foreign_resource_origin(server: &Url, resource: &str) -> Option<String> {
    let url = parse_url(resource.trim()).ok().filter(Url::has_host)?;
    let origin = url.origin().ascii_serialization();
    (origin != server.origin().ascii_serialization()).then_some(origin)
}

/// A host as a sentence names it: `` `host` ``, or "the server" while the
/// URL has none.
pub fn named_host(host: Option<&str>) -> String {
    host.map_or("the server".to_owned(), |h| format!("`{h}`"))
}

/// What the person's own settings send elsewhere, as field warnings (they
/// hold nothing back): a server outside the trusted hosts, an OAuth
/// resource on another origin, and what a bearer-token variable sends.
/// Takes the values validation has already checked: the normalised server
/// URL, the resource and the variable's name, for the client `facts`
/// describe (a client that never sends the resource is not warned of it).
pub fn trust_warnings(
    server: Option<&Url>,
    resource: Option<&str>,
    token_var: Option<&str>,
    trusted: &TrustedHosts,
    facts: &Facts,
) -> Vec<Finding> {
    let who = facts.name;
    let mut findings = Vec::new();
    let host = server.and_then(Url::host_str);
    if let Some(host) = host.filter(|h| trusted.is_foreign(h)) {
        findings.push(Finding::warning(
            Field::Url,
            format!(
                "`{host}` is not one of your organisation's servers ({}). Check the address before you sign in or send a token there.",
                trusted.describe()
            ),
        ));
    }
    if let Some(resource) = resource.filter(|r| {
        facts.sends_oauth_resource
            && server.is_some_and(|s| foreign_resource_origin(s, r).is_some())
    }) {
        findings.push(Finding::warning(
            Field::OauthResource,
            format!(
                "{} is on another origin than the server URL: {who} asks your sign-in server for a token meant for it and hands that token to {}. Leave it empty unless your administrator asked for it.",
                excerpt(resource),
                named_host(host)
            ),
        ));
    }
    if let Some(var) = token_var.filter(|_| facts.reads_token_variable) {
        findings.push(Finding::warning(
            Field::BearerTokenEnvVar,
            format!(
                "{who} reads {} on your computer and sends its value as a bearer token to {} with every request: use a token meant for that server only.",
                excerpt(var),
                named_host(host)
            ),
        ));
    }
    findings
}
