//! VS Code's room: the one-click install link, the `code --add-mcp`
//! command, the `mcp.json` entry for the user profile or the repository
//! (alone, or merged into the person's file), the tools to switch off in
//! its tools picker, the form in its words and the notes for what it
//! cannot express.

use serde_json::{Map, Value, json};

use super::json::{compact, object_at, pretty, read_settings, settings_file as file_text};
use super::quote::{posix_quote, powershell_quote, push_line, uri_component};
use super::room::{
    Block, Merged, Output, Room, Section, Word, Words, notes, panel_outputs, standard_word,
    tools_to_switch_off,
};
use crate::clients::{Client, vscode as facts};
use crate::model::{ApprovalMode, ConfigLocation, ServerConfig};

/// The file the entry belongs in (the user profile's, on Linux, for a message).
pub fn config_file(config: &ServerConfig) -> &'static str {
    match config.location {
        ConfigLocation::User => facts::USER_FILES[0].1,
        ConfigLocation::Project => facts::PROJECT_FILE,
    }
}

/// The server's entry, keys in VS Code's documented order (`type`, `url`,
/// `headers`, `oauth`).
pub fn vscode_entry(config: &ServerConfig) -> Map<String, Value> {
    let mut entry = Map::new();
    entry.insert("type".into(), json!("http"));
    entry.insert("url".into(), json!(config.url_text()));
    if let Some(var) = &config.bearer_token_env_var {
        entry.insert(
            "headers".into(),
            json!({ "Authorization": format!("Bearer ${{env:{var}}}") }),
        );
    }
    if let Some(id) = &config.oauth_client_id {
        entry.insert("oauth".into(), json!({ "clientId": id }));
    }
    entry
}

/// `mcp.json` with the entry under `servers`.
pub fn render_vscode_mcp_json(config: &ServerConfig) -> String {
    pretty(&json!({ "servers": { config.name.as_str(): Value::Object(vscode_entry(config)) } }))
}

/// The JSON the install link and `code --add-mcp` take: the name, then the
/// entry.
pub fn install_json(config: &ServerConfig) -> String {
    let mut object = Map::new();
    object.insert("name".into(), json!(config.name));
    object.extend(vscode_entry(config));
    compact(&Value::Object(object))
}

/// The one-click install link: `vscode:mcp/install?` and the JSON,
/// URL-encoded (its MCP developer guide).
pub fn install_link(config: &ServerConfig) -> String {
    format!("{}{}", facts::INSTALL_LINK, uri_component(&install_json(config)))
}

fn render(config: &ServerConfig, powershell: bool) -> String {
    let mut out = String::from("# Adds the server to your VS Code user profile.\n");
    if powershell {
        out.push_str("# PowerShell 7.3 or later passes the JSON as written; in Windows PowerShell 5.1 use the install link.\n");
    }
    let quote = if powershell {
        powershell_quote
    } else {
        posix_quote
    };
    push_line(
        &mut out,
        &["code".to_owned(), "--add-mcp".to_owned(), install_json(config)],
        quote,
    );
    out
}

/// `code --add-mcp` for bash and zsh.
pub fn render_vscode_posix(config: &ServerConfig) -> String {
    render(config, false)
}

/// `code --add-mcp` for PowerShell.
pub fn render_vscode_powershell(config: &ServerConfig) -> String {
    render(config, true)
}

/// The person's `mcp.json` with the entry under `servers`, replacing any of
/// the same name; everything else kept.
pub fn merge_vscode_mcp_json(existing: &str, config: &ServerConfig) -> Result<Merged, String> {
    let (mut map, dropped_comments) = read_settings(existing, config_file(config))?;
    object_at(&mut map, "servers").insert(config.name.clone(), Value::Object(vscode_entry(config)));
    Ok(Merged {
        text: file_text(map),
        dropped_comments,
    })
}

/// VS Code's room.
pub struct Vscode;

impl Words for Vscode {
    fn client(&self) -> Client {
        Client::Vscode
    }

    fn word(&self, word: Word) -> String {
        match word {
            Word::Lede => "Enter your cluster's address and choose the tools VS Code may use. The page writes a one-click install link, the `code --add-mcp` command and the `mcp.json` entry, and which tools to switch off, ready to copy. Nothing you type leaves this browser.".to_owned(),
            Word::NameHint => "How VS Code lists the server (its documentation suggests camelCase).".to_owned(),
            Word::ApprovalHint => "VS Code keeps when to ask in its chat: it asks before each tool call until you allow it there.".to_owned(),
            Word::LocationHint(ConfigLocation::User) => "In your user profile's mcp.json, for every workspace.".to_owned(),
            Word::LocationHint(ConfigLocation::Project) => format!(
                "In {} in the repository, shared with the team.",
                facts::PROJECT_FILE
            ),
            Word::Footer => "Written from VS Code's documentation. Sign-in uses OAuth in your browser when VS Code first starts the server.".to_owned(),
            other => standard_word(self, other),
        }
    }

    /// Where it runs (the repository's file or the profile's); when it asks
    /// is set in its chat.
    fn shows(&self, section: Section) -> bool {
        matches!(section, Section::Where)
    }

    fn default_approval(&self) -> Option<ApprovalMode> {
        None
    }
}

impl Room for Vscode {
    fn notes(&self, config: &ServerConfig, known: &[String]) -> Vec<String> {
        let name = facts::NAME;
        let mut out = Vec::new();
        out.extend(notes::no_allow_list(name, "switch off", config, known));
        out.extend(notes::approvals_in_the_app(name, "when it asks, choose **Always Allow** for a tool", config));
        if !config.enabled {
            out.push("VS Code has no setting in the entry to keep a server off: stop it in **MCP: List Servers** after adding it.".to_owned());
        }
        out.extend(notes::no_required(name, config));
        out.extend(notes::no_startup_wait(name, config));
        out.extend(notes::no_tool_wait(name, config));
        out.extend(notes::no_resource(name, config));
        if !config.scopes.is_empty() {
            out.push("VS Code has no place for OAuth scopes: it asks for the scopes the server names.".to_owned());
        }
        if config.bearer_token_env_var.is_some() {
            out.push("VS Code reads `${env:…}` from the environment it was started in: start VS Code from a shell that has the token.".to_owned());
        }
        if config.remote {
            out.push("In a remote window (SSH, a dev container), VS Code runs the server where the window's files are: add the entry with **MCP: Open Remote User Configuration**; sign-in still opens in your own browser.".to_owned());
        }
        if config.location == ConfigLocation::Project {
            out.push(format!(
                "The install link and `code --add-mcp` add the server to your user profile: for this repository, put the entry in {} instead.",
                facts::PROJECT_FILE
            ));
        }
        out
    }

    fn panel(&self, config: Option<&ServerConfig>, known: &[String]) -> Vec<Block> {
        let off = config.map(|c| tools_to_switch_off(c, known)).unwrap_or_default();
        let file = config.map_or(facts::USER_FILES[0].1, config_file);
        let mut blocks = vec![
            Block::heading(facts::NAME),
            Block::text("Open the link: VS Code asks you to confirm the server, then adds it to your user profile."),
            Block::Link {
                output: Output {
                    testid: "vscode-install-link",
                    title: "install link",
                    text: config.map(install_link),
                },
                label: "Add to VS Code",
            },
            Block::heading("Or from a terminal"),
            Block::copy("vscode-cli-posix", "bash/zsh command", config.map(render_vscode_posix)),
            Block::copy("vscode-cli-powershell", "PowerShell command", config.map(render_vscode_powershell)),
            Block::heading("Or the mcp.json entry"),
            Block::text(format!("For `{file}` (**MCP: Open User Configuration** opens the profile's):")),
            Block::copy("vscode-mcp-json", "mcp.json entry", config.map(render_vscode_mcp_json)),
            Block::Merge {
                ids: ["vscode-mcp-json-input", "vscode-mcp-json-error", "vscode-mcp-json-merged"],
                what: "the entry",
                file: "mcp.json",
            },
        ];
        if !off.is_empty() {
            blocks.push(Block::text("In the chat's tools picker (**Configure Tools…**), switch these off:"));
            blocks.push(Block::List {
                testid: Some("vscode-tools"),
                items: off.iter().map(|t| format!("`{t}`")).collect(),
            });
        }
        blocks.push(Block::text("Start the server (VS Code offers **Start** above it in mcp.json, or **MCP: List Servers**): sign-in opens in your browser."));
        blocks.push(Block::SignInCheck);
        blocks.push(Block::Admin(vec![Block::text(format!(
            "VS Code's enterprise policy `{}` (Group Policy on Windows, a configuration profile on macOS) decides which MCP servers anyone may use: none, only those of the organisation's MCP registry, or all.",
            facts::ACCESS_POLICY
        ))]));
        blocks
    }

    fn merge(
        &self,
        pasted: &str,
        config: &ServerConfig,
        _known: &[String],
    ) -> Option<Result<Merged, String>> {
        Some(merge_vscode_mcp_json(pasted, config))
    }
}

/// VS Code's outputs: its panel's copy blocks and link.
pub fn outputs(config: &ServerConfig, known: &[String]) -> Vec<Output> {
    panel_outputs(Vscode.panel(Some(config), known))
}
