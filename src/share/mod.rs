//! Share links: the query string that reopens the page prefilled, and its
//! forgiving parser.
//!
//! Parameters are named after Codex's own fields and only non-default values
//! are written. Parsing never fails as a whole: an unknown, repeated or
//! malformed parameter becomes a [`Notice`] and the rest still loads.

mod review;

pub use self::review::{LinkReview, RiskKind, ShareRisk};

use url::form_urlencoded;

use crate::clients::codex::{self, Release};
use crate::model::{ApprovalMode, Client, ConfigLocation, Draft, ServerConfig};
use crate::validate::{excerpt, looks_like_secret};

/// Longest parameter value the parser loads.
pub const MAX_PARAM_LEN: usize = 2048;

/// Every parameter a share link may carry.
pub const PARAMS: &[&str] = &[
    "client",
    "name",
    "url",
    "enabled_tools",
    "disabled_tools",
    "scopes",
    "enabled",
    "required",
    "startup_timeout_sec",
    "tool_timeout_sec",
    "oauth_resource",
    "oauth_client_id",
    "bearer_token_env_var",
    "location",
    "remote",
    "default_tools_approval_mode",
    "tools_approval_mode",
    "codex",
];

/// Something about a share link the person should know: what was skipped and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice(pub String);

/// A draft loaded from a share link.
#[derive(Clone, Debug, PartialEq)]
pub struct SharedDraft {
    /// The defaults with every usable parameter applied.
    pub draft: Draft,
    /// What was skipped, one notice per problem.
    pub notices: Vec<Notice>,
    /// Whether the link carried any known parameter (it then takes precedence
    /// over a saved draft).
    pub prefilled: bool,
}

/// What the banner says of a link for another client than the form's
/// default (`NAME` where scripts/early.js writes the name in the banner it
/// paints before the page is live).
pub fn link_client_line(name: &str) -> String {
    format!(
        "This link is for {name}: what the page writes is for it. Choose your client above if you use another."
    )
}

/// The query string (without `?`) for `config`, leaving out values equal to `defaults`.
pub fn share_query(config: &ServerConfig, defaults: &Draft) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    // No parameter means Codex (or the operator's first client): every
    // link made before there were other clients keeps its meaning.
    if config.client != defaults.client {
        query.append_pair("client", config.client.id());
    }
    if config.name != defaults.name {
        query.append_pair("name", &config.name);
    }
    query.append_pair("url", config.url_text());
    if let Some(tools) = &config.enabled_tools {
        query.append_pair("enabled_tools", &tools.join(","));
    }
    if !config.disabled_tools.is_empty() {
        query.append_pair("disabled_tools", &config.disabled_tools.join(","));
    }
    if !config.scopes.is_empty() {
        query.append_pair("scopes", &config.scopes.join(","));
    }
    if !config.enabled {
        query.append_pair("enabled", "false");
    }
    if config.required {
        query.append_pair("required", "true");
    }
    if let Some(seconds) = &config.startup_timeout_sec {
        query.append_pair("startup_timeout_sec", &seconds.to_string());
    }
    if let Some(seconds) = &config.tool_timeout_sec {
        query.append_pair("tool_timeout_sec", &seconds.to_string());
    }
    if let Some(resource) = &config.oauth_resource {
        query.append_pair("oauth_resource", resource);
    }
    if let Some(client_id) = &config.oauth_client_id {
        query.append_pair("oauth_client_id", client_id);
    }
    if let Some(var) = &config.bearer_token_env_var {
        query.append_pair("bearer_token_env_var", var);
    }
    if config.location != ConfigLocation::User {
        query.append_pair("location", config.location.as_str());
    }
    if config.remote {
        query.append_pair("remote", "true");
    }
    if let Some(mode) = config.default_approval {
        query.append_pair("default_tools_approval_mode", mode.as_str());
    }
    if !config.tool_approvals.is_empty() {
        query.append_pair(
            "tools_approval_mode",
            &approvals_param(&config.tool_approvals),
        );
    }
    let default_release = Release::parse(&defaults.codex).unwrap_or_else(|_| codex::newest());
    if config.codex != default_release {
        query.append_pair("codex", &config.codex.to_string());
    }
    query.finish()
}

/// Per-tool modes as `TOOL:MODE,TOOL:MODE` (tool names hold neither `:` nor `,`).
fn approvals_param(approvals: &[(String, ApprovalMode)]) -> String {
    approvals
        .iter()
        .map(|(tool, mode)| format!("{tool}:{}", mode.as_str()))
        .collect::<Vec<_>>()
        .join(",")
}

fn parse_approval(value: &str, notices: &mut Vec<Notice>) -> Option<ApprovalMode> {
    let mode = ApprovalMode::parse(value);
    if mode.is_none() {
        notices.push(Notice(format!(
            "Skipped the approval mode {} in the link: a link's modes are auto, prompt, writes and approve.",
            excerpt(value)
        )));
    }
    mode
}

/// The full link: `page` (its own query and fragment dropped) plus the query for `config`.
pub fn share_link(page: &str, config: &ServerConfig, defaults: &Draft) -> String {
    let base = page.split(['?', '#']).next().unwrap_or(page);
    format!("{base}?{}", share_query(config, defaults))
}

fn has_valid_percent_escapes(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = |j: usize| bytes.get(j).is_some_and(u8::is_ascii_hexdigit);
            if !(hex(i + 1) && hex(i + 2)) {
                return false;
            }
            i += 3;
        } else {
            i += 1;
        }
    }
    true
}

fn split_list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn parse_bool(key: &str, value: &str, notices: &mut Vec<Notice>) -> Option<bool> {
    match value {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => {
            notices.push(Notice(format!(
                "The link's {key}={} is neither true nor false, so {key} keeps its default.",
                excerpt(value)
            )));
            None
        }
    }
}

/// Applies a share link's query string (with or without the leading `?`) to
/// `defaults`. Never fails: whatever cannot be used is reported as a notice.
pub fn apply_share_query(defaults: &Draft, query: &str) -> SharedDraft {
    let mut draft = defaults.clone();
    let mut notices = Vec::new();
    let mut seen: Vec<&'static str> = Vec::new();
    let query = query.strip_prefix('?').unwrap_or(query);

    for raw in query.split('&').filter(|s| !s.is_empty()) {
        let raw_key = raw.split('=').next().unwrap_or_default();
        if !has_valid_percent_escapes(raw) {
            notices.push(Notice(format!(
                "Skipped {} in the link: its %-encoding is broken (a % must be followed by two hex digits).",
                excerpt(raw_key)
            )));
            continue;
        }
        let Some((key, value)) = form_urlencoded::parse(raw.as_bytes()).next() else {
            continue;
        };
        let Some(&known) = PARAMS.iter().find(|p| **p == key) else {
            notices.push(Notice(format!(
                "Ignored {} in the link: this page does not know that parameter.",
                excerpt(&key)
            )));
            continue;
        };
        if seen.contains(&known) {
            notices.push(Notice(format!(
                "The link gives {known} more than once; the first value is used."
            )));
            continue;
        }
        seen.push(known);
        if value.contains('\u{FFFD}') {
            notices.push(Notice(format!(
                "Skipped {known} in the link: its value is not valid UTF-8."
            )));
            continue;
        }
        if value.len() > MAX_PARAM_LEN {
            notices.push(Notice(format!(
                "Skipped {known} in the link: its value is {} characters long (at most {MAX_PARAM_LEN}).",
                value.len()
            )));
            continue;
        }
        let value = value.into_owned();
        match known {
            "client" => match Client::parse(&value) {
                Some(client) if client != defaults.client => {
                    draft.client = client;
                    notices.push(Notice(link_client_line(client.name())));
                }
                Some(client) => draft.client = client,
                None => notices.push(Notice(format!(
                    "The link's client={} is not one the page writes for ({}), so the form stays with {}.",
                    excerpt(&value),
                    Client::ALL.iter().map(|c| c.id()).collect::<Vec<_>>().join(", "),
                    draft.client.name()
                ))),
            },
            "name" => draft.name = value,
            "url" => draft.url = value,
            "enabled_tools" => {
                draft.tools.allow_only = true;
                draft.tools.enabled_tools = split_list(&value);
            }
            "disabled_tools" => draft.tools.disabled_tools = split_list(&value),
            "scopes" => draft.scopes = split_list(&value).join(","),
            "enabled" => draft.enabled = parse_bool(known, &value, &mut notices).unwrap_or(draft.enabled),
            "required" => {
                draft.required = parse_bool(known, &value, &mut notices).unwrap_or(draft.required);
            }
            "startup_timeout_sec" => draft.startup_timeout_sec = value,
            "tool_timeout_sec" => draft.tool_timeout_sec = value,
            "oauth_resource" => draft.oauth_resource = value,
            "oauth_client_id" => draft.oauth_client_id = value,
            "bearer_token_env_var" if looks_like_secret(&value) => notices.push(Notice(
                "Skipped bearer_token_env_var in the link: it held what looks like a token, not a variable name. Tokens never belong in a link; ask the sender to share the variable's name.".to_owned(),
            )),
            "bearer_token_env_var" => draft.bearer_token_env_var = value,
            "location" => match ConfigLocation::parse(&value) {
                Some(location) => draft.location = location,
                None => notices.push(Notice(format!(
                    "The link's location={} is neither user nor project, so the entry goes in ~/.codex/config.toml.",
                    excerpt(&value)
                ))),
            },
            "remote" => draft.remote = parse_bool(known, &value, &mut notices).unwrap_or(draft.remote),
            "default_tools_approval_mode" => {
                draft.default_approval = parse_approval(&value, &mut notices).or(draft.default_approval);
            }
            "codex" => draft.codex = value,
            "tools_approval_mode" => {
                draft.tool_approvals = split_list(&value)
                    .iter()
                    .filter_map(|item| match item.rsplit_once(':') {
                        Some((tool, mode)) => parse_approval(mode, &mut notices).map(|m| (tool.to_owned(), m)),
                        None => {
                            notices.push(Notice(format!(
                                "Skipped {} in the link's tools_approval_mode: write each as TOOL:MODE.",
                                excerpt(item)
                            )));
                            None
                        }
                    })
                    .collect();
            }
            _ => {}
        }
    }
    SharedDraft {
        draft,
        notices,
        prefilled: !seen.is_empty(),
    }
}

/// Encodes a whole draft, valid or not, in the share-link format so a page
/// reload can restore it. Values that look like secrets (a pasted token, a
/// password in the URL) are left out: they never reach storage.
pub fn draft_query(draft: &Draft) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.append_pair("client", draft.client.id());
    query.append_pair("name", &draft.name);
    query.append_pair("url", &without_password(&draft.url));
    if draft.tools.allow_only {
        query.append_pair("enabled_tools", &draft.tools.enabled_tools.join(","));
    }
    query.append_pair("disabled_tools", &draft.tools.disabled_tools.join(","));
    query.append_pair("scopes", &draft.scopes);
    query.append_pair("enabled", if draft.enabled { "true" } else { "false" });
    query.append_pair("required", if draft.required { "true" } else { "false" });
    query.append_pair("startup_timeout_sec", &draft.startup_timeout_sec);
    query.append_pair("tool_timeout_sec", &draft.tool_timeout_sec);
    query.append_pair("oauth_resource", &draft.oauth_resource);
    query.append_pair("oauth_client_id", &draft.oauth_client_id);
    if !looks_like_secret(draft.bearer_token_env_var.trim()) {
        query.append_pair("bearer_token_env_var", &draft.bearer_token_env_var);
    }
    query.append_pair("location", draft.location.as_str());
    query.append_pair("remote", if draft.remote { "true" } else { "false" });
    if let Some(mode) = draft.default_approval {
        query.append_pair("default_tools_approval_mode", mode.as_str());
    }
    query.append_pair(
        "tools_approval_mode",
        &approvals_param(&draft.tool_approvals),
    );
    query.append_pair("codex", &draft.codex);
    query.finish()
}

/// `typed` with any `user:password@` removed, so a pasted credential is
/// never stored.
fn without_password(typed: &str) -> String {
    match typed.split_once("://") {
        Some((scheme, rest)) => {
            let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
            match rest[..authority_end].rfind('@') {
                Some(at) => format!("{scheme}://{}", &rest[at + 1..]),
                None => typed.to_owned(),
            }
        }
        None => typed.to_owned(),
    }
}
