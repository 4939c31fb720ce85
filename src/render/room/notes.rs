//! The notes several rooms give in the same words: a choice the client
//! has no place for, said once.

use super::others_than_allowed;
use crate::model::{ApprovalMode, ServerConfig};

/// A client without an allow list: what `blocks` ("the settings deny",
/// "switch off") every other tool the page knows, or that it knows none.
pub fn no_allow_list(
    name: &str,
    blocks: &str,
    config: &ServerConfig,
    known: &[String],
) -> Option<String> {
    config.enabled_tools.as_ref()?;
    let others = others_than_allowed(config, known);
    Some(if others.is_empty() {
        format!(
            "{name} has no list of only these tools, and the page knows no other tool of this server to block: a tool the server has or adds beyond your list is on. Read the server's tools, or block them by name."
        )
    } else {
        format!(
            "{name} has no list of only these tools: {blocks} every other tool the page knows of this server ({}). A tool the server adds later is allowed until you block it.",
            others.join(", ")
        )
    })
}

/// A client that reads no tool annotations: the modes that ask unless a
/// tool is marked (Codex's `auto` and `writes`) ask every time.
pub fn reads_no_annotations(name: &str, config: &ServerConfig) -> Option<String> {
    let mut named = Vec::new();
    if let Some(mode @ (ApprovalMode::Auto | ApprovalMode::Writes)) = config.default_approval {
        named.push(format!("every tool (\"{}\")", mode.describe()));
    }
    for (tool, mode) in &config.tool_approvals {
        if matches!(mode, ApprovalMode::Auto | ApprovalMode::Writes) {
            named.push(format!("`{tool}`"));
        }
    }
    (!named.is_empty()).then(|| {
        format!(
            "{name} does not read whether a tool changes data: it asks before each call of {} unless a rule says otherwise.",
            named.join(", ")
        )
    })
}

/// "Required", which no client but Codex has.
pub fn no_required(name: &str, config: &ServerConfig) -> Option<String> {
    config.required.then(|| format!("{name} has no setting to refuse to start without this server: it starts anyway and shows the server as failed."))
}

/// A start-up wait the client has no setting for.
pub fn no_startup_wait(name: &str, config: &ServerConfig) -> Option<String> {
    config.startup_timeout_sec.as_ref().map(|_| {
        format!("{name} has no setting for how long to wait for the server to start: its own default applies.")
    })
}

/// An OAuth resource the client has no place for.
pub fn no_resource(name: &str, config: &ServerConfig) -> Option<String> {
    config.oauth_resource.as_ref().map(|_| {
        format!("{name} has no place for an OAuth resource: it asks for a token for the server's own URL.")
    })
}

/// A client that keeps when it asks in its own window: what the person
/// does there (`how`), for any approval the form sets.
pub fn approvals_in_the_app(name: &str, how: &str, config: &ServerConfig) -> Option<String> {
    (config.default_approval.is_some() || !config.tool_approvals.is_empty())
        .then(|| format!("{name} keeps when it asks in its own window, not in the entry: {how}."))
}

/// A tool-call wait the client has no setting for.
pub fn no_tool_wait(name: &str, config: &ServerConfig) -> Option<String> {
    config.tool_timeout_sec.as_ref().map(|_| {
        format!(
            "{name} has no setting for how long to wait for a tool call: its own default applies."
        )
    })
}
