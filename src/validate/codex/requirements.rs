//! The organisation's Codex requirements: the one MCP server entry an
//! administrator's `requirements.toml` allows (presets.toml
//! `[codex_requirements]`). Codex compares an entry's name and URL with the
//! allowlist as plain strings and silently turns off any entry that differs
//! by a byte (`disabled_reason: "requirements (…)"`, checked with the real
//! releases), so the page writes the allowed bytes exactly and says, where
//! a name or URL is typed, when Codex would turn it off.

use url::Url;

use crate::model::Field;
use crate::validate::{excerpt, normalize_mcp_url, parse_url};

/// How the requirements match a server's URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RequiredUrl {
    /// `url = "…"`: exactly this string.
    Exact(String),
    /// `url = { match = "prefix", value = "…" }` (Codex 0.143 and later):
    /// any URL that starts with this string.
    Prefix(String),
}

/// The MCP server entry the organisation's requirements allow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Requirements {
    /// The server's name, exactly.
    pub name: String,
    /// Its URL, exactly or by prefix.
    pub url: RequiredUrl,
}

/// A name or URL that Codex would turn off under the requirements, where
/// it is typed, with the one-click fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequirementsWarning {
    /// The field it belongs next to (the name or the URL).
    pub field: Field,
    /// What Codex will do, and what the requirements allow.
    pub message: String,
    /// The value that fixes it, when one value does.
    pub fix: Option<String>,
}

impl Requirements {
    /// Reads an operator's `[codex_requirements]`: `name` and either `url`
    /// or `url_prefix`. The error says what to write instead.
    pub fn new(name: &str, url: Option<&str>, url_prefix: Option<&str>) -> Result<Self, String> {
        if name.is_empty() || name != name.trim() {
            return Err(
                "`name` must be the server's name exactly as requirements.toml allows it, without spaces around it."
                    .to_owned(),
            );
        }
        let url = match (url, url_prefix) {
            (Some(url), None) => {
                check_absolute(url)?;
                RequiredUrl::Exact(url.to_owned())
            }
            (None, Some(prefix)) => {
                check_absolute(prefix)?;
                RequiredUrl::Prefix(prefix.to_owned())
            }
            (Some(_), Some(_)) => {
                return Err(
                    "write either `url` (the exact URL) or `url_prefix` (a prefix, Codex 0.143 and later), not both."
                        .to_owned(),
                );
            }
            (None, None) => {
                return Err(
                    "add `url` (the exact URL requirements.toml allows) or `url_prefix`."
                        .to_owned(),
                );
            }
        };
        Ok(Self {
            name: name.to_owned(),
            url,
        })
    }

    /// The allowed URL written exactly as the requirements say it, when
    /// `normalized` (the URL the person typed, as the page normalises it)
    /// names the same server: the entry must carry those bytes, not the
    /// page's normalisation (case, a trailing slash, a default port).
    pub fn exact_url(&self, normalized: &Url) -> Option<&str> {
        match &self.url {
            RequiredUrl::Exact(allowed) => normalize_mcp_url(allowed, crate::clients::codex::NAME)
                .ok()
                .filter(|n| n.url == *normalized)
                .map(|_| allowed.as_str()),
            RequiredUrl::Prefix(_) => None,
        }
    }

    /// The URL the form starts with: the exact URL, or none for a prefix.
    pub fn default_url(&self) -> Option<&str> {
        match &self.url {
            RequiredUrl::Exact(url) => Some(url),
            RequiredUrl::Prefix(_) => None,
        }
    }

    /// What the requirements allow, in words for a message.
    pub fn describe(&self) -> String {
        match &self.url {
            RequiredUrl::Exact(url) => format!("`{}` at `{url}`", self.name),
            RequiredUrl::Prefix(prefix) => {
                format!("`{}` at a URL that starts with `{prefix}`", self.name)
            }
        }
    }

    /// Whether Codex keeps an entry named `name` at `written` (the URL as
    /// the entry holds it) switched on.
    pub fn allows(&self, name: &str, written: &str) -> bool {
        name == self.name && self.allows_url(written)
    }

    /// Whether the URL `written` (as the entry holds it) is allowed.
    pub fn allows_url(&self, written: &str) -> bool {
        match &self.url {
            RequiredUrl::Exact(url) => written == url,
            RequiredUrl::Prefix(prefix) => written.starts_with(prefix.as_str()),
        }
    }

    /// The warnings for an entry named `name` at `written`: each place where
    /// it differs from what the requirements allow.
    pub fn warnings(&self, name: &str, written: Option<&str>) -> Vec<RequirementsWarning> {
        let mut out = Vec::new();
        let allowed = self.describe();
        if name != self.name && !name.is_empty() {
            out.push(RequirementsWarning {
                field: Field::Name,
                message: format!(
                    "Codex turns this server off: your organisation's requirements allow only {allowed}, and compare names exactly ({} is not `{}`).",
                    excerpt(name),
                    self.name
                ),
                fix: Some(self.name.clone()),
            });
        }
        if let Some(written) = written
            && !self.allows_url(written)
        {
            out.push(RequirementsWarning {
                field: Field::Url,
                message: format!(
                    "Codex turns this server off: your organisation's requirements allow only {allowed}, and compare the URL as written, byte for byte ({} differs).",
                    excerpt(written)
                ),
                fix: self.default_url().map(str::to_owned),
            });
        }
        out
    }
}

fn check_absolute(url: &str) -> Result<(), String> {
    match parse_url(url) {
        Ok(parsed) if matches!(parsed.scheme(), "https" | "http") && url == url.trim() => Ok(()),
        _ => Err(format!(
            "{} is not an absolute http(s) URL; copy it from requirements.toml exactly.",
            excerpt(url)
        )),
    }
}
