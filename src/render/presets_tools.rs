//! The server's tools as `[[tools]]` tables for an operator's presets.

use crate::model::Tool;

/// The tools as `[[tools]]` tables for an operator's `presets.toml`: name,
/// title, description and the MCP hints, so the page's catalog shows what
/// the cluster really offers before anyone imports it.
pub fn presets_tools_toml(tools: &[Tool]) -> String {
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
