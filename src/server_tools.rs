//! The server's real tools, as Codex lists them: reading what the person
//! pastes (the tools command's output, an MCP `tools/list` result, or names
//! one per line), what each tool's MCP annotations say it does, and which
//! chosen names the server does not have.

use serde_json::{Map, Value};

use crate::model::ToolSelection;
use crate::validate::excerpt;
use crate::validate::tools::tool_name_problem;

/// Largest paste the import reads (the tools command's output for a server
/// with a few hundred tools and their schemas is well under this).
pub const MAX_IMPORT_BYTES: usize = 4 * 1024 * 1024;
/// Most tools one import keeps.
pub const MAX_TOOLS: usize = 2000;

/// What calling a tool does, from its MCP annotations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ToolEffect {
    /// `readOnlyHint: true`: it only reads.
    ReadOnly,
    /// It changes data but, by `destructiveHint: false`, only adds to it.
    Write,
    /// `destructiveHint: true`, or a write without `destructiveHint` (MCP's
    /// default is true), or an operator's mark.
    Destructive,
    /// No hints at all: MCP's defaults assume the worst, so never read-only.
    Unknown,
}

impl ToolEffect {
    /// The effect MCP's hints describe, with MCP's defaults for absent ones
    /// (`readOnlyHint` false, `destructiveHint` true); no hints is unknown.
    pub fn from_hints(read_only: Option<bool>, destructive: Option<bool>) -> Self {
        match (read_only, destructive) {
            (Some(true), _) => Self::ReadOnly,
            (None, None) => Self::Unknown,
            (_, Some(false)) => Self::Write,
            _ => Self::Destructive,
        }
    }

    /// Every effect.
    pub const ALL: [Self; 4] = [
        Self::ReadOnly,
        Self::Write,
        Self::Destructive,
        Self::Unknown,
    ];

    /// The MCP hints that say this effect: `(readOnlyHint, destructiveHint)`,
    /// each left out when MCP's default already says it.
    pub fn hints(self) -> (Option<bool>, Option<bool>) {
        match self {
            Self::ReadOnly => (Some(true), None),
            Self::Write => (Some(false), Some(false)),
            Self::Destructive => (Some(false), Some(true)),
            Self::Unknown => (None, None),
        }
    }

    /// The value of the picker's `data-effect` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ReadOnly => "read-only",
            Self::Write => "write",
            Self::Destructive => "destructive",
            Self::Unknown => "unknown",
        }
    }

    /// The badge a person reads.
    pub fn label(self) -> &'static str {
        match self {
            Self::ReadOnly => "read-only",
            Self::Write => "changes data",
            Self::Destructive => "can delete or overwrite",
            Self::Unknown => "unknown effect",
        }
    }
}

/// One tool a server offers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerTool {
    /// The exact MCP tool name.
    pub name: String,
    /// A human title (`title`, or `annotations.title`).
    pub title: Option<String>,
    /// What the tool does, in the server's words.
    pub description: Option<String>,
    /// What calling it does.
    pub effect: ToolEffect,
    /// `idempotentHint`: calling it twice does no more than once.
    pub idempotent: Option<bool>,
    /// `openWorldHint`: it reaches outside the server's own data.
    pub open_world: Option<bool>,
}

impl ServerTool {
    /// A tool known only by its name.
    pub fn named(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            title: None,
            description: None,
            effect: ToolEffect::Unknown,
            idempotent: None,
            open_world: None,
        }
    }
}

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
pub fn parse_tools_import(text: &str) -> Result<Vec<ServerTool>, ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge(text.len()));
    }
    let text = text.trim_start_matches('\u{feff}').trim();
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

fn from_json(text: &str) -> Result<Vec<ServerTool>, ImportError> {
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
    Tools(Vec<ServerTool>),
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

fn tools_from_map(map: &Map<String, Value>) -> Vec<ServerTool> {
    dedup(
        map.iter()
            .map(|(name, tool)| {
                let mut tool = tool_from(tool).unwrap_or_else(|| ServerTool::named(name));
                tool.name.clone_from(name);
                tool
            })
            .collect(),
    )
}

/// One MCP `Tool` object; `None` without a usable name.
fn tool_from(value: &Value) -> Option<ServerTool> {
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
    Some(ServerTool {
        name: name.to_owned(),
        title: text(value.get("title")).or_else(|| text(annotations.and_then(|a| a.get("title")))),
        description: text(value.get("description")),
        effect: ToolEffect::from_hints(hint("readOnlyHint"), hint("destructiveHint")),
        idempotent: hint("idempotentHint"),
        open_world: hint("openWorldHint"),
    })
}

fn from_names(text: &str) -> Result<Vec<ServerTool>, ImportError> {
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
        tools.push(ServerTool::named(name));
    }
    if tools.is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(dedup(tools))
}

/// Keeps the first tool of each name, at most [`MAX_TOOLS`], sorted by name.
fn dedup(mut tools: Vec<ServerTool>) -> Vec<ServerTool> {
    let mut seen = std::collections::HashSet::new();
    tools.retain(|t| seen.insert(t.name.clone()));
    tools.truncate(MAX_TOOLS);
    tools.sort_by(|a, b| a.name.cmp(&b.name));
    tools
}

/// The tools as an MCP `tools/list` result, which [`parse_tools_import`]
/// reads back as they are: how the page keeps an import in this browser.
pub fn encode_tools(tools: &[ServerTool]) -> String {
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

/// A chosen tool name the server does not offer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingTool {
    /// The name as chosen.
    pub name: String,
    /// The server's closest name, when one is close enough to be a typo.
    pub nearest: Option<String>,
}

/// The names in either list that `server` lacks, in list order.
pub fn tools_not_on_server(tools: &ToolSelection, server: &[ServerTool]) -> Vec<MissingTool> {
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
fn nearest_name(name: &str, server: &[ServerTool]) -> Option<String> {
    let limit = (name.chars().count() / 3).max(2);
    server
        .iter()
        .map(|t| {
            (
                edit_distance(&name.to_lowercase(), &t.name.to_lowercase()),
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

/// The tools as `[[tools]]` tables for an operator's `presets.toml`: name,
/// title, description and the MCP hints, so the page's catalog shows what
/// the cluster really offers before anyone imports it.
pub fn presets_tools_toml(tools: &[ServerTool]) -> String {
    use toml_writer::ToTomlValue;
    let mut out = String::new();
    for tool in tools {
        out.push_str("[[tools]]\n");
        out.push_str(&format!("name = {}\n", tool.name.as_str().to_toml_value()));
        if let Some(title) = &tool.title {
            out.push_str(&format!("title = {}\n", title.as_str().to_toml_value()));
        }
        if let Some(description) = &tool.description {
            out.push_str(&format!(
                "description = {}\n",
                description.as_str().to_toml_value()
            ));
        }
        let (read_only, destructive) = tool.effect.hints();
        let hints: Vec<String> = [
            ("readOnlyHint", read_only),
            ("destructiveHint", destructive),
            ("idempotentHint", tool.idempotent),
            ("openWorldHint", tool.open_world),
        ]
        .into_iter()
        .filter_map(|(key, value)| value.map(|v| format!("{key} = {v}")))
        .collect();
        // Always written: without it the presets read a tool as read-only,
        // and an empty table keeps a tool with no hints unknown.
        let hints = if hints.is_empty() {
            "{}".to_owned()
        } else {
            format!("{{ {} }}", hints.join(", "))
        };
        out.push_str(&format!("annotations = {hints}\n\n"));
    }
    out
}

/// The tools in a compact text form the page keeps in this browser and
/// hands between its two modules: one `application/x-www-form-urlencoded`
/// line per tool. Reading it needs no JSON parser, so the first module
/// carries none.
pub fn encode_compact(tools: &[ServerTool]) -> String {
    let flag = |v: Option<bool>| match v {
        Some(true) => "1",
        Some(false) => "0",
        None => "",
    };
    tools
        .iter()
        .map(|t| {
            let mut line = url::form_urlencoded::Serializer::new(String::new());
            line.append_pair("name", &t.name);
            if let Some(title) = &t.title {
                line.append_pair("title", title);
            }
            if let Some(description) = &t.description {
                line.append_pair("description", description);
            }
            line.append_pair("effect", t.effect.as_str());
            line.append_pair("idempotent", flag(t.idempotent));
            line.append_pair("open_world", flag(t.open_world));
            line.finish()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The tools [`encode_compact`] wrote; `None` when the text is not that.
pub fn decode_compact(text: &str) -> Option<Vec<ServerTool>> {
    let flag = |v: &str| match v {
        "1" => Some(true),
        "0" => Some(false),
        _ => None,
    };
    text.lines()
        .filter(|line| !line.is_empty())
        .map(|line| {
            let mut tool = ServerTool::named("");
            for (key, value) in url::form_urlencoded::parse(line.as_bytes()) {
                match &*key {
                    "name" => tool.name = value.into_owned(),
                    "title" => tool.title = Some(value.into_owned()),
                    "description" => tool.description = Some(value.into_owned()),
                    "effect" => {
                        tool.effect = ToolEffect::ALL.into_iter().find(|e| e.as_str() == value)?;
                    }
                    "idempotent" => tool.idempotent = flag(&value),
                    "open_world" => tool.open_world = flag(&value),
                    _ => {}
                }
            }
            (!tool.name.is_empty()).then_some(tool)
        })
        .collect()
}
