//! Windsurf's room: the `mcp_config.json` entry (alone, or merged into the
//! person's file), the tools to switch off in its MCP settings, the form in
//! its words and the notes for what it cannot express.

use serde_json::{Map, Value, json};

use super::json::{object_at, pretty, read_settings, settings_file as file_text};
use super::room::{
    Block, Merged, Output, Room, Section, Word, Words, notes, panel_outputs, standard_word,
    tools_to_switch_off,
};
use crate::clients::{Client, windsurf as facts};
use crate::model::{ApprovalMode, ConfigLocation, ServerConfig};

/// The entry as add-mcp writes it for Windsurf (`serverUrl`), with
/// `headers` for a token from a variable.
pub fn windsurf_entry(config: &ServerConfig) -> Value {
    let mut entry = Map::new();
    entry.insert("serverUrl".into(), json!(config.url_text()));
    if let Some(var) = &config.bearer_token_env_var {
        entry.insert(
            "headers".into(),
            json!({ "Authorization": format!("Bearer ${{env:{var}}}") }),
        );
    }
    Value::Object(entry)
}

/// `mcp_config.json` with the entry under `mcpServers`.
pub fn render_windsurf_mcp_json(config: &ServerConfig) -> String {
    pretty(&json!({ "mcpServers": { config.name.as_str(): windsurf_entry(config) } }))
}

/// The person's file with the entry under `mcpServers`, replacing any of
/// the same name; everything else kept.
pub fn merge_windsurf_mcp_json(existing: &str, config: &ServerConfig) -> Result<Merged, String> {
    let (mut map, dropped_comments) = read_settings(existing, facts::USER_FILE)?;
    object_at(&mut map, "mcpServers").insert(config.name.clone(), windsurf_entry(config));
    Ok(Merged {
        text: file_text(map),
        dropped_comments,
    })
}

/// Windsurf's room.
pub struct Windsurf;

impl Words for Windsurf {
    fn client(&self) -> Client {
        Client::Windsurf
    }

    fn word(&self, word: Word) -> String {
        match word {
            Word::Lede => "Enter your cluster's address and choose the tools Windsurf may use. The page writes the `mcp_config.json` entry and which tools to switch off, ready to copy. Nothing you type leaves this browser.".to_owned(),
            Word::NameHint => "How Windsurf lists the server in its MCP settings.".to_owned(),
            Word::Footer => "Written from Windsurf's documentation. Sign-in uses OAuth in your browser when Windsurf first connects to the server.".to_owned(),
            other => standard_word(self, other),
        }
    }

    /// Neither where it runs (one file for every workspace) nor when it
    /// asks (set in the app).
    fn shows(&self, _section: Section) -> bool {
        false
    }

    fn default_approval(&self) -> Option<ApprovalMode> {
        None
    }
}

impl Room for Windsurf {
    fn notes(&self, config: &ServerConfig, known: &[String]) -> Vec<String> {
        let name = facts::NAME;
        let mut out = Vec::new();
        out.extend(notes::no_allow_list(name, "switch off", config, known));
        out.extend(notes::approvals_in_the_app(name, "Cascade asks before each tool call unless its auto-execution settings allow it", config));
        if !config.enabled {
            out.push("Windsurf has no setting in the entry to keep a server off: switch it off in its MCP settings after adding it.".to_owned());
        }
        out.extend(notes::no_required(name, config));
        out.extend(notes::no_startup_wait(name, config));
        out.extend(notes::no_tool_wait(name, config));
        out.extend(notes::no_resource(name, config));
        if !config.scopes.is_empty() {
            out.push("Windsurf has no place for OAuth scopes: it asks for the scopes the server names.".to_owned());
        }
        if config.oauth_client_id.is_some() {
            out.push("Windsurf has no place for a pre-registered client id: it registers itself with the server.".to_owned());
        }
        if config.remote {
            out.push("Windsurf connects to the server from the computer it runs on: \"where it runs\" changes nothing in its entry.".to_owned());
        }
        if config.location == ConfigLocation::Project {
            out.push(format!("Windsurf has one file of MCP servers, {}, for every workspace: the entry goes there.", facts::USER_FILE));
        }
        out
    }

    fn panel(&self, config: Option<&ServerConfig>, known: &[String]) -> Vec<Block> {
        let off = config.map(|c| tools_to_switch_off(c, known)).unwrap_or_default();
        let mut blocks = vec![
            Block::heading(facts::NAME),
            Block::text(format!(
                "Open Windsurf's MCP settings (**Manage MCPs** → **View raw config**, which opens `{}`; on Windows `{}`) and add the entry:",
                facts::USER_FILE,
                facts::USER_FILE_WINDOWS
            )),
            Block::copy("windsurf-mcp-json", "mcp_config.json entry", config.map(render_windsurf_mcp_json)),
            Block::Merge {
                ids: ["windsurf-mcp-json-input", "windsurf-mcp-json-error", "windsurf-mcp-json-merged"],
                what: "the entry",
                file: "mcp_config.json",
            },
        ];
        if !off.is_empty() {
            blocks.push(Block::text("In Windsurf's MCP settings, under the server's tools, switch these off:"));
            blocks.push(Block::List {
                testid: Some("windsurf-tools"),
                items: off.iter().map(|t| format!("`{t}`")).collect(),
            });
        }
        blocks.push(Block::text("Refresh the MCP servers: Windsurf signs in to the server in your browser when it first connects."));
        blocks.push(Block::SignInCheck);
        blocks.push(Block::Admin(vec![Block::text(
            "Windsurf has no file an administrator installs for MCP servers: on a Teams or Enterprise plan, the team's admin settings allow MCP servers by a whitelist.",
        )]));
        blocks
    }

    fn merge(
        &self,
        pasted: &str,
        config: &ServerConfig,
        _known: &[String],
    ) -> Option<Result<Merged, String>> {
        Some(merge_windsurf_mcp_json(pasted, config))
    }
}

/// Windsurf's outputs: its panel's copy blocks.
pub fn outputs(config: &ServerConfig, known: &[String]) -> Vec<Output> {
    panel_outputs(Windsurf.panel(Some(config), known))
}
