//! The tool catalog the page offers: tools a Kloudfuse MCP server is known to
//! expose, each with a one-line description and whether it changes data.

/// Whether calling a tool only reads data or can change or delete it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToolKind {
    /// Reads data only.
    ReadOnly,
    /// Can change or delete data; a candidate for the block list.
    Destructive,
}

/// One tool a server is known to offer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogTool {
    /// The MCP tool name, exactly as the server reports it.
    pub name: String,
    /// One line saying what the tool does.
    pub description: String,
    /// Read-only or destructive.
    pub kind: ToolKind,
}

/// The built-in catalog: the tool names Kloudfuse's documentation mentions,
/// as listed in the shipped `presets.toml`. A server may offer more; the page
/// lets a person type any other name.
pub fn kloudfuse_tools() -> Vec<CatalogTool> {
    let tool = |name: &str, description: &str, kind| CatalogTool {
        name: name.to_owned(),
        description: description.to_owned(),
        kind,
    };
    vec![
        tool(
            "logs_search",
            "Search logs with filters and a time range.",
            ToolKind::ReadOnly,
        ),
        tool(
            "prometheus_query",
            "Run a PromQL query against the cluster's metrics.",
            ToolKind::ReadOnly,
        ),
        tool(
            "delete_all_entities",
            "Delete every entity of a kind. Changes data; block it unless you need it.",
            ToolKind::Destructive,
        ),
    ]
}
