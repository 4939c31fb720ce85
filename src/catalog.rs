//! The tool catalog the page offers before the server's own list is
//! imported: tools a Kloudfuse MCP server is known to expose, each with a
//! one-line description and what calling it does.

pub use crate::server_tools::ToolEffect;

/// One tool a server is known to offer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogTool {
    /// The MCP tool name, exactly as the server reports it.
    pub name: String,
    /// A human title, when the operator gives one.
    pub title: Option<String>,
    /// One line saying what the tool does.
    pub description: String,
    /// What calling it does: the operator's `kind`, or MCP annotations.
    pub effect: ToolEffect,
}

/// The built-in catalog: the tool names Kloudfuse's documentation mentions,
/// as listed in the shipped `presets.toml`. A server may offer more; the page
/// lets a person type any other name, or import the server's own list.
pub fn kloudfuse_tools() -> Vec<CatalogTool> {
    let tool = |name: &str, description: &str, effect| CatalogTool {
        name: name.to_owned(),
        title: None,
        description: description.to_owned(),
        effect,
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
