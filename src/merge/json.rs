//! Merging the other clients' entries into a settings file the person
//! already has: everything else in the file is kept (keys, values and their
//! order); comments, which Gemini CLI's reader allows and JSON has not,
//! are read past and said to be dropped.

use serde_json::{Map, Value};

use crate::clients::claude_code;
use crate::model::ServerConfig;
use crate::render::json::Json;

/// A merged file, and what the person should know about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergedJson {
    /// The whole file, with the entry in it.
    pub text: String,
    /// Whether the pasted file had comments, which the merged one lacks.
    pub dropped_comments: bool,
}

/// `text` without its `//` and `/* */` comments (strings kept as they are),
/// and whether it had any.
fn without_comments(text: &str) -> (String, bool) {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut had = false;
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if c == '\\' {
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match (c, chars.peek()) {
            ('"', _) => {
                in_string = true;
                out.push(c);
            }
            ('/', Some('/')) => {
                had = true;
                for next in chars.by_ref() {
                    if next == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            ('/', Some('*')) => {
                had = true;
                chars.next();
                let mut last = ' ';
                for next in chars.by_ref() {
                    if next == '\n' {
                        out.push('\n');
                    }
                    if last == '*' && next == '/' {
                        break;
                    }
                    last = next;
                }
            }
            _ => out.push(c),
        }
    }
    (out, had)
}

/// Reads the pasted file: an object at the top, or why not.
fn read_object(text: &str, file: &str) -> Result<(Map<String, Value>, bool), String> {
    let (plain, had_comments) = without_comments(text);
    let value: Value = serde_json::from_str(&plain).map_err(|e| {
        format!(
            "The pasted {file} is not JSON: {e}. Fix it there (a missing comma or quote is the usual cause), or clear the box to copy the settings alone."
        )
    })?;
    match value {
        Value::Object(map) => Ok((map, had_comments)),
        _ => Err(format!(
            "The pasted {file} is not a JSON object ({{ … }} at the top): paste the whole file."
        )),
    }
}

fn to_value(json: &Json) -> Value {
    serde_json::from_str(&json.compact()).unwrap_or(Value::Null)
}

fn pretty(map: Map<String, Value>) -> String {
    let mut text = serde_json::to_string_pretty(&Value::Object(map)).unwrap_or_default();
    text.push('\n');
    text
}

/// An object member of `map`, made one if it is missing or not an object.
fn object_at<'a>(map: &'a mut Map<String, Value>, key: &str) -> &'a mut Map<String, Value> {
    if !map.get(key).is_some_and(Value::is_object) {
        map.insert(key.to_owned(), Value::Object(Map::new()));
    }
    map.get_mut(key)
        .and_then(Value::as_object_mut)
        .expect("just made an object")
}

/// Gemini CLI's settings with the entry under `mcpServers`, replacing any
/// of the same name, as `gemini mcp add` does.
pub fn merge_gemini_settings(
    existing: &str,
    config: &ServerConfig,
    file: &str,
) -> Result<MergedJson, String> {
    let (mut map, dropped_comments) = read_object(existing, file)?;
    let entry = to_value(&crate::render::gemini::gemini_entry(config));
    object_at(&mut map, "mcpServers").insert(config.name.clone(), entry);
    Ok(MergedJson {
        text: pretty(map),
        dropped_comments,
    })
}

/// Claude Code's settings with this server's permission rules: the rules
/// the file had for this server's tools are replaced by the page's, every
/// other rule and setting kept.
pub fn merge_claude_settings(
    existing: &str,
    config: &ServerConfig,
    known: &[String],
    file: &str,
) -> Result<MergedJson, String> {
    let (mut map, dropped_comments) = read_object(existing, file)?;
    let server_rule = claude_code::tool_rule(&config.name, "");
    let server_rule = server_rule.trim_end_matches('_');
    let ours = |rule: &str| rule == server_rule || rule.starts_with(&format!("{server_rule}__"));
    let rules = crate::render::claude_code::claude_rules(config, known);
    let permissions = object_at(&mut map, "permissions");
    for list in ["allow", "ask", "deny"] {
        let mut kept: Vec<Value> = match permissions.get(list) {
            Some(Value::Array(items)) => items
                .iter()
                .filter(|v| !v.as_str().is_some_and(ours))
                .cloned()
                .collect(),
            _ => Vec::new(),
        };
        if let Some((_, add)) = rules.iter().find(|(name, _)| *name == list) {
            kept.extend(add.iter().cloned().map(Value::String));
        }
        if kept.is_empty() {
            permissions.shift_remove(list);
        } else {
            permissions.insert(list.to_owned(), Value::Array(kept));
        }
    }
    if permissions.is_empty() {
        map.shift_remove("permissions");
    }
    Ok(MergedJson {
        text: pretty(map),
        dropped_comments,
    })
}
