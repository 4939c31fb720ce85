//! Server-name rules, as the newest Codex applies them (what an older
//! release refuses is its note: see `release.rs`).

use super::{Finding, describe_char, excerpt};
use crate::clients::Facts;
use crate::model::Field;

/// Longest tool name the model accepts; Codex shortens longer ones.
pub const QUALIFIED_TOOL_NAME_LIMIT: usize = 64;

const ALLOWED_HINT: &str = "use letters, digits, - _ : @ / .";

/// Characters the newest Codex accepts beyond letters, digits, `-` and `_`.
fn is_new_in_codex(c: char) -> bool {
    matches!(c, ':' | '@' | '/' | '.')
}

fn is_allowed(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_') || is_new_in_codex(c)
}

/// Checks a server name, pushing findings; returns the name when it is usable.
/// `facts` say which client the messages speak of.
pub(super) fn check_name<'a>(
    name: &'a str,
    facts: &Facts,
    findings: &mut Vec<Finding>,
) -> Option<&'a str> {
    let who = facts.name;
    if name.is_empty() {
        findings.push(Finding::error(
            Field::Name,
            format!("Enter a server name, such as kfuse: {who} stores the server under this name."),
        ));
        return None;
    }
    if let Some(bad) = name.chars().find(|&c| !is_allowed(c)) {
        let what = if bad.is_ascii() {
            describe_char(bad)
        } else {
            format!("{} (not ASCII)", describe_char(bad))
        };
        findings.push(Finding::error(
            Field::Name,
            format!(
                "{}: {what} is not allowed in a server name; {ALLOWED_HINT}",
                excerpt(name)
            ),
        ));
        return None;
    }
    if name.starts_with('-') {
        findings.push(Finding::error(
            Field::Name,
            format!(
                "{}: a server name cannot start with -, because {} would read it as an option; start with a letter or digit.",
                excerpt(name),
                facts.adds_with.map_or_else(|| "a client's commands".to_owned(), |c| format!("`{c}`"))
            ),
        ));
        return None;
    }
    Some(name)
}

/// Warns when `mcp__NAME__TOOL` passes the 64-character limit for any tool
/// the model would see.
pub(super) fn check_qualified_length(
    name: &str,
    who: &str,
    tools: &[&str],
    findings: &mut Vec<Finding>,
) {
    let longest = tools.iter().copied().max_by_key(|t| t.len());
    let Some(tool) = longest else { return };
    let qualified_len = "mcp__".len() + name.len() + "__".len() + tool.len();
    if qualified_len > QUALIFIED_TOOL_NAME_LIMIT {
        let shorter_by = qualified_len - QUALIFIED_TOOL_NAME_LIMIT;
        findings.push(Finding::warning(
            Field::Name,
            format!(
                "The model sees tools as mcp__NAME__TOOL: `mcp__{name}__{tool}` is {qualified_len} characters, over the limit of {QUALIFIED_TOOL_NAME_LIMIT}, so {who} shortens it. Use a server name at least {shorter_by} characters shorter."
            ),
        ));
    }
}
