//! MCP over Streamable HTTP, as the connect flow speaks it: the JSON-RPC
//! requests, and the answers read whether the server sends them as JSON or
//! as a Server-Sent Events stream.

use serde_json::{Value, json};

/// The protocol version the page asks for; the server answers with the one
/// it speaks, which later requests name in `MCP-Protocol-Version`.
pub const PROTOCOL_VERSION: &str = "2025-06-18";

/// `initialize` with id `id`.
pub fn initialize(id: u64) -> String {
    json!({
        "jsonrpc": "2.0",
        "id": id,
        "method": "initialize",
        "params": {
            "protocolVersion": PROTOCOL_VERSION,
            "capabilities": {},
            "clientInfo": { "name": "mcp-configurator", "version": env!("CARGO_PKG_VERSION") }
        }
    })
    .to_string()
}

/// The `notifications/initialized` notification.
pub fn initialized() -> String {
    json!({ "jsonrpc": "2.0", "method": "notifications/initialized" }).to_string()
}

/// `tools/list` with id `id`, from `cursor` when given.
pub fn tools_list(id: u64, cursor: Option<&str>) -> String {
    let params = match cursor {
        Some(cursor) => json!({ "cursor": cursor }),
        None => json!({}),
    };
    json!({ "jsonrpc": "2.0", "id": id, "method": "tools/list", "params": params }).to_string()
}

/// What is wrong with an answer that should be a JSON-RPC response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RpcProblem {
    /// Not JSON-RPC at all: what it is instead.
    NotRpc(String),
    /// A JSON-RPC error: its code and message.
    Error(i64, String),
}

/// The `result` of the JSON-RPC response with `id` in `body`, sent as JSON
/// (`application/json`) or as events (`text/event-stream`, the response in
/// a `data:` line, possibly after notifications).
pub fn read_response(
    content_type: Option<&str>,
    body: &[u8],
    id: u64,
) -> Result<Value, RpcProblem> {
    let text = std::str::from_utf8(body)
        .map_err(|_| RpcProblem::NotRpc("an answer that is not UTF-8 text".to_owned()))?;
    let kind = content_type
        .unwrap_or_default()
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let messages: Vec<Value> = if kind == "text/event-stream" {
        events(text)
            .iter()
            .filter_map(|data| serde_json::from_str(data).ok())
            .collect()
    } else {
        match serde_json::from_str::<Value>(text.trim()) {
            Ok(Value::Array(batch)) => batch,
            Ok(one) => vec![one],
            Err(_) => {
                let what = if text.trim_start().starts_with('<') {
                    "an HTML page".to_owned()
                } else if kind.is_empty() {
                    "an answer that is not JSON".to_owned()
                } else {
                    format!("`{kind}` that is not JSON")
                };
                return Err(RpcProblem::NotRpc(what));
            }
        }
    };
    let response = messages
        .into_iter()
        .find(|m| {
            m.get("id").and_then(Value::as_u64) == Some(id)
                && m.get("jsonrpc") == Some(&json!("2.0"))
        })
        .ok_or_else(|| RpcProblem::NotRpc(format!("no JSON-RPC response with id {id}")))?;
    if let Some(error) = response.get("error") {
        let code = error.get("code").and_then(Value::as_i64).unwrap_or(0);
        let message = error
            .get("message")
            .and_then(Value::as_str)
            .unwrap_or("no message")
            .to_owned();
        return Err(RpcProblem::Error(code, message));
    }
    response
        .get("result")
        .cloned()
        .ok_or_else(|| RpcProblem::NotRpc("a JSON-RPC response without a result".to_owned()))
}

/// The `data` of each event of a Server-Sent Events stream (several `data:`
/// lines of one event joined by newlines).
fn events(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut data: Vec<&str> = Vec::new();
    for line in text.lines().chain(std::iter::once("")) {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            if !data.is_empty() {
                out.push(data.join("\n"));
                data.clear();
            }
        } else if let Some(value) = line.strip_prefix("data:") {
            data.push(value.strip_prefix(' ').unwrap_or(value));
        }
    }
    out
}

/// The `error` and `scope` of a `WWW-Authenticate: Bearer …` challenge.
pub fn challenge(header: &str) -> (Option<String>, Option<String>) {
    let param = |name| crate::discovery::challenge_param(header, name);
    (param("error"), param("scope"))
}
