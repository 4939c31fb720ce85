//! Cursor's room: the one-click install link, the `mcp.json` entry for the
//! user or the repository (alone, or merged into the person's file), the
//! tools to switch off in its settings, the form in its words and the notes
//! for what it cannot express.

use base64::Engine;
use serde_json::{Map, Value, json};

use super::json::{compact, object_at, pretty, read_settings, settings_file as file_text};
use super::quote::uri_component;
use super::room::{
    Block, Merged, Output, Room, Section, Word, Words, notes, panel_outputs, standard_word,
    tools_to_switch_off,
};
use crate::clients::{Client, cursor as facts};
use crate::model::{ApprovalMode, ConfigLocation, ServerConfig};

/// The file the entry belongs in.
pub fn config_file(config: &ServerConfig) -> &'static str {
    match config.location {
        ConfigLocation::User => facts::USER_FILE,
        ConfigLocation::Project => facts::PROJECT_FILE,
    }
}

/// The server's entry as add-mcp writes it for Cursor (`url`, `headers`,
/// `auth` with `CLIENT_ID` and `scopes`).
pub fn cursor_entry(config: &ServerConfig) -> Value {
    let mut entry = Map::new();
    entry.insert("url".into(), json!(config.url_text()));
    if let Some(var) = &config.bearer_token_env_var {
        entry.insert(
            "headers".into(),
            json!({ "Authorization": format!("Bearer ${{env:{var}}}") }),
        );
    }
    let mut auth = Map::new();
    if let Some(id) = &config.oauth_client_id {
        auth.insert("CLIENT_ID".into(), json!(id));
    }
    if !config.scopes.is_empty() {
        auth.insert("scopes".into(), json!(config.scopes));
    }
    if !auth.is_empty() {
        entry.insert("auth".into(), Value::Object(auth));
    }
    Value::Object(entry)
}

/// `mcp.json` with the entry under `mcpServers`.
pub fn render_cursor_mcp_json(config: &ServerConfig) -> String {
    pretty(&json!({ "mcpServers": { config.name.as_str(): cursor_entry(config) } }))
}

/// The one-click install link: the name, and the base64 of the server's
/// own entry (its "MCP Install Links" page: the name travels in `name`, the
/// transport configuration in `config`), each URL-encoded.
pub fn install_link(config: &ServerConfig) -> String {
    let encoded =
        base64::engine::general_purpose::STANDARD.encode(compact(&cursor_entry(config)).as_bytes());
    format!(
        "{}name={}&config={}",
        facts::INSTALL_LINK,
        uri_component(&config.name),
        uri_component(&encoded)
    )
}

/// The person's `mcp.json` with the entry under `mcpServers`, replacing any
/// of the same name; everything else kept.
pub fn merge_cursor_mcp_json(existing: &str, config: &ServerConfig) -> Result<Merged, String> {
    let (mut map, dropped_comments) = read_settings(existing, config_file(config))?;
    object_at(&mut map, "mcpServers").insert(config.name.clone(), cursor_entry(config));
    Ok(Merged {
        text: file_text(map),
        dropped_comments,
    })
}

/// Cursor's room.
pub struct Cursor;

impl Words for Cursor {
    fn client(&self) -> Client {
        Client::Cursor
    }

    fn word(&self, word: Word) -> String {
        match word {
            Word::Lede => "Enter your cluster's address and choose the tools Cursor may use. The page writes a one-click install link and the `mcp.json` entry, and which tools to switch off, ready to copy. Nothing you type leaves this browser.".to_owned(),
            Word::NameHint => "How Cursor lists the server in its MCP settings.".to_owned(),
            Word::LocationHint(ConfigLocation::User) => format!(
                "In {}; on Windows, {}.",
                facts::USER_FILE,
                facts::USER_FILE_WINDOWS
            ),
            Word::LocationHint(ConfigLocation::Project) => format!(
                "In {} in the repository, shared with the team.",
                facts::PROJECT_FILE
            ),
            Word::Footer => "Written from Cursor's documentation. Sign-in uses OAuth in your browser when Cursor first connects to the server.".to_owned(),
            other => standard_word(self, other),
        }
    }

    fn shows(&self, section: Section) -> bool {
        matches!(section, Section::Where)
    }

    fn default_approval(&self) -> Option<ApprovalMode> {
        None
    }
}

impl Room for Cursor {
    fn notes(&self, config: &ServerConfig, known: &[String]) -> Vec<String> {
        let name = facts::NAME;
        let mut out = Vec::new();
        out.extend(notes::no_allow_list(name, "switch off", config, known));
        out.extend(notes::approvals_in_the_app(name, "Cursor asks before each tool call unless you add the tool to its auto-run allowlist in its settings", config));
        if !config.enabled {
            out.push("Cursor has no setting in the entry to keep a server off: switch it off in Cursor's MCP settings after adding it.".to_owned());
        }
        out.extend(notes::no_required(name, config));
        out.extend(notes::no_startup_wait(name, config));
        out.extend(notes::no_tool_wait(name, config));
        out.extend(notes::no_resource(name, config));
        if config.remote {
            out.push("In a remote window (SSH, a dev container), Cursor connects to the server from your own computer: \"where it runs\" changes nothing here.".to_owned());
        }
        if config.location == ConfigLocation::Project {
            out.push(format!(
                "The install link adds the server for every project: for this repository, put the entry in {} instead.",
                facts::PROJECT_FILE
            ));
        }
        out
    }

    fn panel(&self, config: Option<&ServerConfig>, known: &[String]) -> Vec<Block> {
        let off = config.map(|c| tools_to_switch_off(c, known)).unwrap_or_default();
        let file = config.map_or(facts::USER_FILE, config_file);
        let mut blocks = vec![
            Block::heading(facts::NAME),
            Block::text("Open the link: Cursor asks you to confirm the server, then adds it."),
            Block::Link {
                output: Output {
                    testid: "cursor-install-link",
                    title: "install link",
                    text: config.map(install_link),
                },
                label: "Add to Cursor",
            },
            Block::heading("Or the mcp.json entry"),
            Block::text(format!("For `{file}`:")),
            Block::copy("cursor-mcp-json", "mcp.json entry", config.map(render_cursor_mcp_json)),
            Block::Merge {
                ids: ["cursor-mcp-json-input", "cursor-mcp-json-error", "cursor-mcp-json-merged"],
                what: "the entry",
                file: "mcp.json",
            },
        ];
        if !off.is_empty() {
            blocks.push(Block::text("In Cursor's MCP settings, under the server's tools, switch these off:"));
            blocks.push(Block::List {
                testid: Some("cursor-tools"),
                items: off.iter().map(|t| format!("`{t}`")).collect(),
            });
        }
        blocks.push(Block::text("Cursor shows **Needs login** beside the server in its MCP settings: **Connect** opens the sign-in in your browser."));
        blocks.push(Block::SignInCheck);
        blocks.push(Block::Admin(vec![Block::text(
            "Cursor has no file an administrator installs for MCP servers: on a Teams or Enterprise plan, the team's admin dashboard decides which MCP servers members may add.",
        )]));
        blocks
    }

    fn merge(
        &self,
        pasted: &str,
        config: &ServerConfig,
        _known: &[String],
    ) -> Option<Result<Merged, String>> {
        Some(merge_cursor_mcp_json(pasted, config))
    }
}

/// Cursor's outputs: its panel's copy blocks and link.
pub fn outputs(config: &ServerConfig, known: &[String]) -> Vec<Output> {
    panel_outputs(Cursor.panel(Some(config), known))
}
