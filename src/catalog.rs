//! The tool catalog the page offers before the server's own list is
//! imported: tools a Kloudfuse MCP server is known to expose, each with a
//! one-line description and what calling it does.

use crate::model::{Tool, ToolEffect};

/// The built-in catalog: the tool names Kloudfuse's documentation mentions,
/// as listed in the shipped `presets.toml`. A server may offer more; the page
/// lets a person type any other name, or import the server's own list.
pub fn kloudfuse_tools() -> Vec<Tool> {
    let tool = |name: &str, description: &str, effect| Tool {
        description: Some(description.to_owned()),
        effect,
        ..Tool::named(name)
    };
    vec![
        tool(
            "logs_search",
            "Search logs with filters and a time range.",
            ToolEffect::ReadOnly,
        ),
        tool(
            "prometheus_query",
            "Run a PromQL query against the cluster's metrics.",
            ToolEffect::ReadOnly,
        ),
        tool(
            "delete_all_entities",
            "Delete every entity of a kind. Changes data; block it unless you need it.",
            ToolEffect::Destructive,
        ),
    ]
}
