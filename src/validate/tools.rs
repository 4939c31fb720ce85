//! Tool allow and block lists, under MCP's tool-name rules.

use super::{Finding, describe_char, excerpt};
use crate::model::Tool;
use crate::model::{ApprovalMode, Field, ToolSelection};

/// Longest tool name MCP allows.
pub const MAX_TOOL_NAME_LEN: usize = 128;

/// The lists that passed, duplicates removed, invalid names left out.
pub(super) struct CheckedTools {
    pub enabled_tools: Option<Vec<String>>,
    pub disabled_tools: Vec<String>,
}

/// Why `name` is not a valid MCP tool name, if it is not.
pub fn tool_name_problem(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("A tool name cannot be empty.".to_owned());
    }
    if name.len() > MAX_TOOL_NAME_LEN {
        return Some(format!(
            "{} is {} characters; MCP tool names have at most {MAX_TOOL_NAME_LEN}.",
            excerpt(name),
            name.len()
        ));
    }
    let bad = name
        .chars()
        .find(|&c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))?;
    Some(format!(
        "{}: {} is not allowed in a tool name; MCP tool names use letters, digits, _ - and . only.",
        excerpt(name),
        describe_char(bad)
    ))
}

fn checked_list(list: &[String], findings: &mut Vec<Finding>) -> Vec<String> {
    let mut kept: Vec<String> = Vec::new();
    for name in list {
        if let Some(problem) = tool_name_problem(name) {
            findings.push(Finding::error(Field::Tools, problem));
        } else if !kept.contains(name) {
            kept.push(name.clone());
        }
    }
    kept
}

/// Checks both lists, pushing findings.
/// `who` is the client's name, as the messages say it.
pub(super) fn check_tools(
    tools: &ToolSelection,
    who: &str,
    findings: &mut Vec<Finding>,
) -> CheckedTools {
    let enabled = tools
        .allow_only
        .then(|| checked_list(&tools.enabled_tools, findings));
    let disabled = checked_list(&tools.disabled_tools, findings);
    if let Some(list) = &enabled {
        if list.is_empty() && tools.enabled_tools.is_empty() {
            findings.push(Finding::error(
                Field::Tools,
                format!("\"Only these tools\" is on but its list is empty, so {who} would expose no tools. Add a tool to the list, or choose all tools."),
            ));
        }
        for name in list.iter().filter(|name| disabled.contains(name)) {
            findings.push(Finding::warning(
                Field::Tools,
                format!(
                    "`{name}` is in both lists; the block list wins, so {who} will not expose it."
                ),
            ));
        }
    }
    CheckedTools {
        enabled_tools: enabled,
        disabled_tools: disabled,
    }
}

/// Checks the chosen names against the server's real tools.
pub(super) fn check_against_server(
    selection: &ToolSelection,
    checked: &CheckedTools,
    server: &[Tool],
    who: &str,
    findings: &mut Vec<Finding>,
) {
    for missing in tools_not_on_server(selection, server) {
        let allowed = selection.allow_only && selection.enabled_tools.contains(&missing.name);
        let consequence = if allowed {
            format!("so {who} cannot expose it")
        } else {
            "so blocking it does nothing".to_owned()
        };
        let hint = match &missing.nearest {
            Some(nearest) => format!(" Did you mean `{nearest}`?"),
            None => " Pick it from the list your server reports, or remove it.".to_owned(),
        };
        findings.push(Finding::warning(
            Field::Tools,
            format!(
                "`{}` is not on your server (its imported tool list has no such name), {consequence}.{hint}",
                missing.name
            ),
        ));
    }
    if let Some(allowed) = &checked.enabled_tools {
        let exposed = allowed.iter().any(|name| {
            !checked.disabled_tools.contains(name) && server.iter().any(|t| &t.name == name)
        });
        if !allowed.is_empty() && !exposed {
            findings.push(Finding::error(
                Field::Tools,
                format!("None of the \"only these\" tools is on your server (or every one is blocked), so {who} would expose no tools from it. Pick tools from your server's list."),
            ));
        }
    }
}

/// The per-tool approval modes, one per valid tool name (the last choice wins).
pub(super) fn check_approvals(
    approvals: &[(String, ApprovalMode)],
    findings: &mut Vec<Finding>,
) -> Vec<(String, ApprovalMode)> {
    let mut kept: Vec<(String, ApprovalMode)> = Vec::new();
    for (name, mode) in approvals {
        if let Some(problem) = tool_name_problem(name) {
            findings.push(Finding::error(Field::Tools, problem));
            continue;
        }
        kept.retain(|(kept_name, _)| kept_name != name);
        kept.push((name.clone(), *mode));
    }
    kept
}

/// A chosen tool name the server does not offer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingTool {
    /// The name as chosen.
    pub name: String,
    /// The server's closest name, when one is close enough to be a typo.
    pub nearest: Option<String>,
}

/// The names in either list that `server` lacks, in list order.
pub fn tools_not_on_server(tools: &ToolSelection, server: &[Tool]) -> Vec<MissingTool> {
    let allowed = tools.allow_only.then_some(&tools.enabled_tools);
    let mut missing: Vec<MissingTool> = Vec::new();
    for name in allowed.into_iter().flatten().chain(&tools.disabled_tools) {
        if server.iter().any(|t| &t.name == name) || missing.iter().any(|m| &m.name == name) {
            continue;
        }
        missing.push(MissingTool {
            name: name.clone(),
            nearest: nearest_name(name, server),
        });
    }
    missing
}

/// The server's name closest to `name` by edit distance (case-insensitive),
/// when it is within a third of the name's length (at least 2 edits).
fn nearest_name(name: &str, server: &[Tool]) -> Option<String> {
    let limit = (name.chars().count() / 3).max(2);
    server
        .iter()
        .map(|t| {
            (
                // Tool names are ASCII: no Unicode case tables in the page.
                edit_distance(&name.to_ascii_lowercase(), &t.name.to_ascii_lowercase()),
                t,
            )
        })
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, t)| t.name.clone())
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}
