//! What the page gives for Claude Desktop: the custom connector's form
//! values, as the app asks for them, and the tools to switch off.

use crate::model::ServerConfig;
use crate::validate::others_than_allowed;

/// The connector's name.
pub fn connector_name(config: &ServerConfig) -> String {
    config.name.clone()
}

/// The connector's "Remote MCP server URL".
pub fn connector_url(config: &ServerConfig) -> String {
    config.url_text().to_owned()
}

/// The tools to switch off in the connector's tool list: the blocked ones,
/// and for "only these" every other tool the page knows.
pub fn tools_to_switch_off(config: &ServerConfig, known: &[String]) -> Vec<String> {
    let mut off = config.disabled_tools.clone();
    for tool in others_than_allowed(config, known) {
        if !off.contains(&tool) {
            off.push(tool);
        }
    }
    off
}
