//! The `[mcp_servers.NAME]` table for `~/.codex/config.toml`.
//!
//! [`entry_keys`] decides which keys the entry has, in which order; the
//! page writes them as text here, and the merge (a module of the program
//! that loads with the config.toml tab) turns the same list into
//! `toml_edit` values, so the two can never disagree.

use toml_writer::{ToTomlKey, ToTomlValue};

use crate::model::{Seconds, ServerConfig};

/// One value of the entry.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum EntryValue<'a> {
    Str(&'a str),
    Bool(bool),
    Seconds(&'a Seconds),
    List(&'a [String]),
}

impl EntryValue<'_> {
    fn to_toml(self) -> String {
        match self {
            Self::Str(s) => s.to_toml_value(),
            Self::Bool(b) => b.to_toml_value(),
            Self::Seconds(s) => s.to_toml(),
            Self::List(items) => items.to_toml_value(),
        }
    }
}

/// The keys only config.toml can hold (no `codex mcp add` flag for them).
fn config_only_keys(config: &ServerConfig) -> Vec<(&'static str, EntryValue<'_>)> {
    // Kloudfuse's documentation writes `enabled = true` explicitly.
    let mut keys = vec![("enabled", EntryValue::Bool(config.enabled))];
    if config.required {
        keys.push(("required", EntryValue::Bool(true)));
    }
    if let Some(seconds) = &config.startup_timeout_sec {
        keys.push(("startup_timeout_sec", EntryValue::Seconds(seconds)));
    }
    if let Some(seconds) = &config.tool_timeout_sec {
        keys.push(("tool_timeout_sec", EntryValue::Seconds(seconds)));
    }
    if let Some(tools) = &config.enabled_tools {
        keys.push(("enabled_tools", EntryValue::List(tools)));
    }
    if !config.disabled_tools.is_empty() {
        keys.push(("disabled_tools", EntryValue::List(&config.disabled_tools)));
    }
    if !config.scopes.is_empty() {
        keys.push(("scopes", EntryValue::List(&config.scopes)));
    }
    if let Some(mode) = config.default_approval {
        keys.push((
            "default_tools_approval_mode",
            EntryValue::Str(mode.as_str()),
        ));
    }
    keys
}

/// The keys of one entry that this page writes, and so may change or remove
/// when it merges the entry into an existing file; everything else in an
/// entry (`http_headers`, per-tool approval modes…) is the person's own.
pub(crate) const MANAGED_KEYS: [&str; 13] = [
    "url",
    "bearer_token_env_var",
    "enabled",
    "required",
    "startup_timeout_sec",
    "tool_timeout_sec",
    "enabled_tools",
    "disabled_tools",
    "scopes",
    "default_tools_approval_mode",
    "oauth_resource",
    "oauth",
    "tools",
];

/// The entry's keys, in the order of [`MANAGED_KEYS`]: only fields that
/// differ from Codex's defaults, plus `enabled`. The `oauth` sub-table is
/// [`ServerConfig::oauth_client_id`], and the `tools` sub-tables are
/// [`ServerConfig::tool_approvals`], written after them.
pub(crate) fn entry_keys(config: &ServerConfig) -> Vec<(&'static str, EntryValue<'_>)> {
    let mut keys = vec![("url", EntryValue::Str(config.url_text()))];
    if let Some(var) = &config.bearer_token_env_var {
        keys.push(("bearer_token_env_var", EntryValue::Str(var)));
    }
    keys.extend(config_only_keys(config));
    if let Some(resource) = &config.oauth_resource {
        keys.push(("oauth_resource", EntryValue::Str(resource)));
    }
    keys
}

fn write_keys(out: &mut String, keys: &[(&str, EntryValue<'_>)]) {
    for (key, value) in keys {
        out.push_str(key);
        out.push_str(" = ");
        out.push_str(&value.to_toml());
        out.push('\n');
    }
}

/// Renders the whole entry as it belongs in `~/.codex/config.toml`: the name
/// is a quoted key when it is not a bare TOML key, strings are escaped, and
/// only fields that differ from Codex's defaults appear (plus `enabled`).
pub fn render_config_toml(config: &ServerConfig) -> String {
    let header = table_header(config);
    let mut out = format!("{header}\n");
    write_keys(&mut out, &entry_keys(config));
    let prefix = header.trim_end_matches(']');
    if let Some(client_id) = &config.oauth_client_id {
        out.push_str(&format!("\n{prefix}.oauth]\n"));
        write_keys(&mut out, &[("client_id", EntryValue::Str(client_id))]);
    }
    for (tool, mode) in &config.tool_approvals {
        out.push_str(&format!(
            "\n{prefix}.tools.{}]\n",
            tool.as_str().to_toml_key()
        ));
        write_keys(
            &mut out,
            &[("approval_mode", EntryValue::Str(mode.as_str()))],
        );
    }
    out
}

/// The table header `codex mcp add` writes for this entry, as it appears in
/// the file (`[mcp_servers."kfuse.prod"]`).
pub fn table_header(config: &ServerConfig) -> String {
    format!("[mcp_servers.{}]", config.name.to_toml_key())
}
