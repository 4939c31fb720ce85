//! The tools import: reading what the person pastes (the tools command's
//! output, an MCP `tools/list` result, or names one per line) into the
//! page's [`Tool`]s, with what each tool's MCP annotations say it does. A
//! reader above validation, in the tool picker's module of the program
//! (`ui/later`), which loads later: the first visit carries no JSON reader
//! for it.

use serde_json::{Map, Value};

use crate::model::{Tool, ToolEffect};
use crate::validate::excerpt;
use crate::validate::tools::tool_name_problem;

/// Largest paste the import reads (the tools command's output for a server
/// with a few hundred tools and their schemas is well under this).
pub const MAX_IMPORT_BYTES: usize = 4 * 1024 * 1024;
/// Most tools one import keeps.
pub const MAX_TOOLS: usize = 2000;

/// Why a paste could not be used as a tool list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// Nothing was pasted.
    Empty,
    /// More than [`MAX_IMPORT_BYTES`].
    TooLarge(usize),
    /// It looks like JSON but does not parse.
    BadJson(String),
    /// It is JSON, but holds no tool list.
    NoToolList,
    /// Codex answered, but could not reach the server's tools.
    ServerError(String),
    /// A line of a name list is not a tool name.
    BadName { line: usize, problem: String },
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const EXPECTED: &str = "Paste what the tools command printed, an MCP tools/list result (JSON), or tool names one per line.";
        match self {
            Self::Empty => write!(f, "Nothing to import yet. {EXPECTED}"),
            Self::TooLarge(bytes) => write!(
                f,
                "That paste is {bytes} bytes; the import reads at most {MAX_IMPORT_BYTES}. {EXPECTED}"
            ),
            Self::BadJson(why) => write!(
                f,
                "This looks like JSON but does not parse ({why}). Copy the command's whole output again. {EXPECTED}"
            ),
            Self::NoToolList => write!(
                f,
                "This JSON holds no tool list (no \"tools\" in it). {EXPECTED}"
            ),
            Self::ServerError(why) => write!(
                f,
                "Codex could not list the server's tools: {why}. Sign in first (the Terminal tab), then run the command again."
            ),
            Self::BadName { line, problem } => {
                write!(f, "Line {line} is not a tool name: {problem} {EXPECTED}")
            }
        }
    }
}

/// Reads a pasted tool list. Accepts the tools command's output (the JSON
/// lines `codex app-server` prints, whose `mcpServerStatus/list` answer maps
/// tool names to tools), an MCP `tools/list` result or response, a JSON
/// array of tools, or plain names one per line (`#` starts a comment).
pub fn parse_tools_import(text: &str) -> Result<Vec<Tool>, ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge(text.len()));
    }
    let text = text.trim_start_matches('\u{feff}').trim();
    // The commands print `codex --version` first; the page reads that line
    // for the release, and it is no tool.
    let text = match text.split_once('\n') {
        Some((first, rest)) if first.trim().starts_with("codex-cli ") => rest.trim(),
        None if text.starts_with("codex-cli ") => "",
        _ => text,
    };
    if text.is_empty() {
        return Err(ImportError::Empty);
    }
    // The tools command's output may start with Codex's warnings.
    if text
        .lines()
        .any(|line| line.trim_start().starts_with(['{', '[']))
    {
        return from_json(text);
    }
    from_names(text)
}

fn from_json(text: &str) -> Result<Vec<Tool>, ImportError> {
    // One document (a pasted tools/list result), or JSON lines (the tools
    // command's output, where other notifications come first).
    let values: Vec<Value> = match serde_json::from_str::<Value>(text) {
        Ok(value) => vec![value],
        Err(whole) => {
            let lines: Vec<Value> = text
                .lines()
                .filter_map(|line| serde_json::from_str(line.trim()).ok())
                .collect();
            if lines.is_empty() {
                return Err(ImportError::BadJson(format!(
                    "line {}, column {}: {}",
                    whole.line(),
                    whole.column(),
                    first_sentence(&whole.to_string())
                )));
            }
            lines
        }
    };
    let mut server_error = None;
    for value in &values {
        match tools_in(value) {
            Found::Tools(tools) => return Ok(tools),
            Found::Error(why) => server_error = Some(why),
            Found::Nothing => {}
        }
    }
    Err(server_error.map_or(ImportError::NoToolList, ImportError::ServerError))
}

fn first_sentence(text: &str) -> String {
    text.split(" at line ").next().unwrap_or(text).to_owned()
}

enum Found {
    Tools(Vec<Tool>),
    Error(String),
    Nothing,
}

/// The tools in one JSON value, wherever the known shapes keep them.
fn tools_in(value: &Value) -> Found {
    let result = value.get("result").unwrap_or(value);
    // codex app-server: result.data[].tools is a map of name to tool.
    if let Some(servers) = result.get("data").and_then(Value::as_array) {
        let mut error = None;
        for server in servers {
            match server.get("tools").and_then(Value::as_object) {
                Some(map) if !map.is_empty() => return Found::Tools(tools_from_map(map)),
                _ => {}
            }
            if let Some(why) = server.get("toolsError").and_then(Value::as_str) {
                error = Some(excerpt(why));
            }
        }
        return error.map_or(Found::Nothing, Found::Error);
    }
    // MCP tools/list: result.tools (or a bare array of tools).
    let list = result
        .get("tools")
        .and_then(Value::as_array)
        .or_else(|| result.as_array());
    match list {
        Some(list) => Found::Tools(dedup(list.iter().filter_map(tool_from).collect())),
        None => Found::Nothing,
    }
}

fn tools_from_map(map: &Map<String, Value>) -> Vec<Tool> {
    dedup(
        map.iter()
            .map(|(name, tool)| {
                let mut tool = tool_from(tool).unwrap_or_else(|| Tool::named(name));
                tool.name.clone_from(name);
                tool
            })
            .collect(),
    )
}

/// One MCP `Tool` object; `None` without a usable name.
fn tool_from(value: &Value) -> Option<Tool> {
    let name = value.get("name")?.as_str()?.trim();
    if name.is_empty() || name.len() > 128 {
        return None;
    }
    let annotations = value.get("annotations");
    let hint = |key: &str| {
        annotations
            .and_then(|a| a.get(key))
            .and_then(Value::as_bool)
    };
    let text = |v: Option<&Value>| {
        v.and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    Some(Tool {
        name: name.to_owned(),
        title: text(value.get("title")).or_else(|| text(annotations.and_then(|a| a.get("title")))),
        description: text(value.get("description")),
        effect: ToolEffect::from_hints(hint("readOnlyHint"), hint("destructiveHint")),
        idempotent: hint("idempotentHint"),
        open_world: hint("openWorldHint"),
    })
}

fn from_names(text: &str) -> Result<Vec<Tool>, ImportError> {
    let mut tools = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let name = line.trim();
        if name.is_empty() || name.starts_with('#') {
            continue;
        }
        if let Some(problem) = tool_name_problem(name) {
            return Err(ImportError::BadName {
                line: i + 1,
                problem,
            });
        }
        tools.push(Tool::named(name));
    }
    if tools.is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(dedup(tools))
}

/// The tools of an MCP `tools/list` answer's `tools` arrays (every page of
/// it), as the picker shows them: entries without a usable name left out,
/// each name once, at most [`MAX_TOOLS`], sorted by name.
pub fn tools_from_list(list: &[Value]) -> Vec<Tool> {
    dedup(list.iter().filter_map(tool_from).collect())
}

/// Keeps the first tool of each name, at most [`MAX_TOOLS`], sorted by name.
fn dedup(mut tools: Vec<Tool>) -> Vec<Tool> {
    let mut seen = std::collections::HashSet::new();
    tools.retain(|t| seen.insert(t.name.clone()));
    tools.truncate(MAX_TOOLS);
    tools.sort_by(|a, b| a.name.cmp(&b.name));
    tools
}

/// The tools as an MCP `tools/list` result, which [`parse_tools_import`]
/// reads back as they are: how the page keeps an import in this browser.
pub fn encode_tools(tools: &[Tool]) -> String {
    let list: Vec<Value> = tools
        .iter()
        .map(|t| {
            let mut tool = Map::new();
            tool.insert("name".into(), t.name.clone().into());
            if let Some(title) = &t.title {
                tool.insert("title".into(), title.clone().into());
            }
            if let Some(description) = &t.description {
                tool.insert("description".into(), description.clone().into());
            }
            let mut hints = Map::new();
            let (read_only, destructive) = t.effect.hints();
            for (key, value) in [
                ("readOnlyHint", read_only),
                ("destructiveHint", destructive),
                ("idempotentHint", t.idempotent),
                ("openWorldHint", t.open_world),
            ] {
                if let Some(value) = value {
                    hints.insert(key.into(), value.into());
                }
            }
            if !hints.is_empty() {
                tool.insert("annotations".into(), hints.into());
            }
            tool.into()
        })
        .collect();
    let mut result = Map::new();
    result.insert("tools".into(), list.into());
    Value::Object(result).to_string()
}
