//! The `[mcp_servers.NAME]` table for `~/.codex/config.toml`.

use toml_edit::{Array, DocumentMut, Item, Table, value};

use crate::model::ServerConfig;

fn string_array(items: &[String]) -> Array {
    items.iter().map(String::as_str).collect()
}

/// Inserts the keys only config.toml can hold (no `codex mcp add` flag for them).
fn insert_config_only(table: &mut Table, config: &ServerConfig, always_enabled: bool) {
    if always_enabled || !config.enabled {
        // Kloudfuse's documentation writes `enabled = true` explicitly.
        table.insert("enabled", value(config.enabled));
    }
    if config.required {
        table.insert("required", value(true));
    }
    if let Some(seconds) = config.startup_timeout_sec {
        table.insert("startup_timeout_sec", value(seconds));
    }
    if let Some(seconds) = config.tool_timeout_sec {
        table.insert("tool_timeout_sec", value(seconds));
    }
    if let Some(tools) = &config.enabled_tools {
        table.insert("enabled_tools", value(string_array(tools)));
    }
    if !config.disabled_tools.is_empty() {
        table.insert(
            "disabled_tools",
            value(string_array(&config.disabled_tools)),
        );
    }
    if !config.scopes.is_empty() {
        table.insert("scopes", value(string_array(&config.scopes)));
    }
}

/// The keys of one entry that this page writes, and so may change or remove
/// when it merges the entry into an existing file; everything else in an
/// entry (`http_headers`, per-tool approval modes…) is the person's own.
pub(crate) const MANAGED_KEYS: [&str; 11] = [
    "url",
    "bearer_token_env_var",
    "enabled",
    "required",
    "startup_timeout_sec",
    "tool_timeout_sec",
    "enabled_tools",
    "disabled_tools",
    "scopes",
    "oauth_resource",
    "oauth",
];

/// The entry's table: only fields that differ from Codex's defaults, plus
/// `enabled`, in the order of [`MANAGED_KEYS`].
pub(crate) fn entry_table(config: &ServerConfig) -> Table {
    let mut entry = Table::new();
    entry.insert("url", value(config.url.as_str()));
    if let Some(var) = &config.bearer_token_env_var {
        entry.insert("bearer_token_env_var", value(var.as_str()));
    }
    insert_config_only(&mut entry, config, true);
    if let Some(resource) = &config.oauth_resource {
        entry.insert("oauth_resource", value(resource.as_str()));
    }
    if let Some(client_id) = &config.oauth_client_id {
        let mut oauth = Table::new();
        oauth.insert("client_id", value(client_id.as_str()));
        entry.insert("oauth", Item::Table(oauth));
    }
    entry
}

/// Renders the whole entry as it belongs in `~/.codex/config.toml`: the name
/// is a quoted key when it is not a bare TOML key, strings are escaped, and
/// only fields that differ from Codex's defaults appear (plus `enabled`).
pub fn render_config_toml(config: &ServerConfig) -> String {
    let entry = entry_table(config);
    let mut servers = Table::new();
    servers.set_implicit(true);
    servers.insert(&config.name, Item::Table(entry));
    let mut doc = DocumentMut::new();
    doc.insert("mcp_servers", Item::Table(servers));
    doc.to_string()
}

/// The `key = value` lines that `codex mcp add` cannot write, to be added by
/// hand to the `[mcp_servers.NAME]` table it created; `None` when there are none.
pub fn render_config_only_lines(config: &ServerConfig) -> Option<String> {
    if !config.has_config_only_fields() {
        return None;
    }
    let mut doc = DocumentMut::new();
    insert_config_only(doc.as_table_mut(), config, false);
    Some(doc.to_string())
}

/// The table header `codex mcp add` writes for this entry, as it appears in
/// the file (`[mcp_servers."kfuse.prod"]`).
pub fn table_header(config: &ServerConfig) -> String {
    let key = toml_edit::Key::new(config.name.as_str());
    format!("[mcp_servers.{}]", key.display_repr())
}
