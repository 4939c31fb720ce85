//! GitHub Copilot CLI's room: the `copilot mcp` commands (bash/zsh and
//! PowerShell) that replace an entry of the name and add the server with
//! its `tools` allow list, the entry exactly as the CLI stores it in
//! `mcp-config.json` (alone, or merged into the person's file), the form in
//! its words and the notes for what it cannot express.

use serde_json::{Map, Value, json};

use super::json::{number, object_at, pretty, read_settings, settings_file as file_text};
use super::quote::{posix_quote, powershell_quote, push_line, push_option};
use super::room::{
    Block, Merged, Output, Room, Section, Word, Words, notes, others_than_allowed, panel_outputs,
    standard_word,
};
use crate::clients::{Client, copilot_cli as facts};
use crate::model::{ApprovalMode, ConfigLocation, ServerConfig};

/// The file the entry belongs in.
pub fn config_file(config: &ServerConfig) -> &'static str {
    match config.location {
        ConfigLocation::User => facts::USER_FILE,
        ConfigLocation::Project => facts::PROJECT_FILE,
    }
}

/// The `tools` allow list (Copilot CLI has no block list): every tool
/// (`*`) unless the form limits them; "only these" less any blocked; a
/// block alone as every other tool the page knows.
pub fn allowed_tools(config: &ServerConfig, known: &[String]) -> Vec<String> {
    match &config.enabled_tools {
        Some(only) => only
            .iter()
            .filter(|t| !config.disabled_tools.contains(t))
            .cloned()
            .collect(),
        None if config.disabled_tools.is_empty() => vec![facts::ALL_TOOLS.to_owned()],
        None => known
            .iter()
            .filter(|t| !config.disabled_tools.contains(t))
            .cloned()
            .collect(),
    }
}

/// The entry as `copilot mcp add` stores it, keys in its order (`tools`,
/// `timeout`, `type`, `url`; checked).
pub fn copilot_entry(config: &ServerConfig, known: &[String]) -> Value {
    let mut entry = Map::new();
    entry.insert("tools".into(), json!(allowed_tools(config, known)));
    if let Some(timeout) = &config.tool_timeout_sec {
        entry.insert("timeout".into(), number(&timeout.millis()));
    }
    entry.insert("type".into(), json!("http"));
    entry.insert("url".into(), json!(config.url_text()));
    Value::Object(entry)
}

/// The file's JSON with the entry under `mcpServers`.
pub fn render_copilot_config(config: &ServerConfig, known: &[String]) -> String {
    pretty(&json!({ "mcpServers": { config.name.as_str(): copilot_entry(config, known) } }))
}

/// `copilot mcp add`: its options before the name and URL (`--tools a,b`,
/// or `""` for none; `--timeout` in milliseconds).
pub fn copilot_add(config: &ServerConfig, known: &[String]) -> Vec<String> {
    let mut argv: Vec<String> = ["copilot", "mcp", "add", "--transport", "http"]
        .map(str::to_owned)
        .to_vec();
    let tools = allowed_tools(config, known);
    if tools != [facts::ALL_TOOLS] {
        push_option(&mut argv, "--tools", &tools.join(","));
    }
    if let Some(timeout) = &config.tool_timeout_sec {
        push_option(&mut argv, "--timeout", &timeout.millis());
    }
    argv.push(config.name.clone());
    argv.push(config.url_text().to_owned());
    argv
}

/// The commands for one shell: remove any entry of the name (`add`
/// refuses one it has: "Server \"NAME\" already exists. To update it,
/// remove it first", exit status 1, checked), add, keep it off when asked,
/// then how to sign in.
fn render(config: &ServerConfig, known: &[String], powershell: bool) -> String {
    let (quote, quiet): (fn(&str) -> std::borrow::Cow<'_, str>, &str) = if powershell {
        (powershell_quote, " 2>$null\n")
    } else {
        (posix_quote, " 2>/dev/null || true\n")
    };
    let mut out = String::from("# Replace any earlier entry of this name (there may be none).\n");
    let mut remove = String::new();
    push_line(
        &mut remove,
        &["copilot", "mcp", "remove", &config.name].map(str::to_owned),
        quote,
    );
    out.push_str(remove.trim_end());
    out.push_str(quiet);
    push_line(&mut out, &copilot_add(config, known), quote);
    if !config.enabled {
        push_line(
            &mut out,
            &["copilot", "mcp", "disable", &config.name].map(str::to_owned),
            quote,
        );
    }
    out.push_str("# Sign in: start copilot; it opens your browser when it first connects to the server.\n");
    out
}

/// The commands for bash and zsh.
pub fn render_copilot_posix(config: &ServerConfig, known: &[String]) -> String {
    render(config, known, false)
}

/// The commands for PowerShell.
pub fn render_copilot_powershell(config: &ServerConfig, known: &[String]) -> String {
    render(config, known, true)
}

/// The person's file with the entry under `mcpServers`, replacing any of
/// the same name; everything else kept.
pub fn merge_copilot_config(
    existing: &str,
    config: &ServerConfig,
    known: &[String],
) -> Result<Merged, String> {
    let (mut map, dropped_comments) = read_settings(existing, config_file(config))?;
    object_at(&mut map, "mcpServers").insert(config.name.clone(), copilot_entry(config, known));
    Ok(Merged {
        text: file_text(map),
        dropped_comments,
    })
}

/// The session flags that let tools run without asking, for "never ask".
fn allow_flags(config: &ServerConfig) -> Vec<String> {
    if config.default_approval == Some(ApprovalMode::Approve) {
        return vec![format!("{}={}", facts::ALLOW_TOOL, config.name)];
    }
    config
        .tool_approvals
        .iter()
        .filter(|(_, mode)| *mode == ApprovalMode::Approve)
        .map(|(tool, _)| format!("{}='{}({tool})'", facts::ALLOW_TOOL, config.name))
        .collect()
}

/// GitHub Copilot CLI's room.
pub struct CopilotCli;

impl Words for CopilotCli {
    fn client(&self) -> Client {
        Client::CopilotCli
    }

    fn word(&self, word: Word) -> String {
        match word {
            Word::Lede => "Enter your cluster's address and choose the tools GitHub Copilot CLI may use. The page writes the `copilot mcp` commands and the `mcp-config.json` entry exactly as the CLI stores it, ready to copy. Nothing you type leaves this browser.".to_owned(),
            Word::NameHint => "How the client refers to the server; its tools appear as NAME/TOOL.".to_owned(),
            Word::ApprovalHint => "Copilot CLI asks before each tool call; \"never ask\" becomes a flag to start it with.".to_owned(),
            Word::LocationHint(ConfigLocation::User) => format!(
                "In {}; on Windows, {}.",
                facts::USER_FILE,
                facts::USER_FILE_WINDOWS
            ),
            Word::LocationHint(ConfigLocation::Project) => format!(
                "In {} at the repository's root (or .github/mcp.json), shared with the team.",
                facts::PROJECT_FILE
            ),
            Word::Footer => format!(
                "Written for GitHub Copilot CLI {}, as its CLI answered. Sign-in uses OAuth in your browser, when a Copilot session first connects to the server.",
                facts::CHECKED
            ),
            other => standard_word(self, other),
        }
    }

    fn shows(&self, section: Section) -> bool {
        matches!(section, Section::Where | Section::Approvals)
    }

    /// It asks before each call of a server's tool unless a flag allows it.
    fn default_approval(&self) -> Option<ApprovalMode> {
        Some(ApprovalMode::Prompt)
    }
}

impl Room for CopilotCli {
    fn notes(&self, config: &ServerConfig, known: &[String]) -> Vec<String> {
        let name = facts::NAME;
        let mut out = Vec::new();
        if config.enabled_tools.is_none() && !config.disabled_tools.is_empty() {
            let others = others_than_allowed(config, known);
            out.push(if allowed_tools(config, known).is_empty() {
                "GitHub Copilot CLI has only a list of allowed tools, and you block every tool the page knows: the entry allows none.".to_owned()
            } else {
                format!(
                    "GitHub Copilot CLI has only a list of allowed tools, no blocked ones: the entry allows every other tool the page knows{}. A tool the server adds later is off until you add it to `tools`.",
                    if others.is_empty() { String::new() } else { format!(" ({})", others.join(", ")) }
                )
            });
        }
        out.extend(notes::reads_no_annotations(name, config));
        let flags = allow_flags(config);
        if !flags.is_empty() {
            out.push(format!(
                "GitHub Copilot CLI keeps \"never ask\" out of its files: start it as `copilot {}` to let those calls run without asking.",
                flags.join(" ")
            ));
        }
        if !config.enabled {
            out.push(format!(
                "GitHub Copilot CLI keeps a server off in `{}` (\"disabledMcpServers\"), not in the entry: the commands end with `copilot mcp disable`.",
                facts::SETTINGS_FILE
            ));
        }
        out.extend(notes::no_required(name, config));
        out.extend(notes::no_startup_wait(name, config));
        out.extend(notes::no_resource(name, config));
        if !config.scopes.is_empty() {
            out.push("GitHub Copilot CLI has no place for OAuth scopes: it asks for the scopes the server names.".to_owned());
        }
        if config.oauth_client_id.is_some() {
            out.push("GitHub Copilot CLI has no place for a pre-registered client id: it registers itself with the server.".to_owned());
        }
        if let Some(var) = &config.bearer_token_env_var {
            out.push(format!(
                "GitHub Copilot CLI reads no token from a variable: it signs in with OAuth. To send a token instead, add `--header \"Authorization: Bearer ${var}\"` to `copilot mcp add` (in bash/zsh the shell puts the token itself in {}).",
                facts::USER_FILE
            ));
        }
        if config.remote {
            out.push("GitHub Copilot CLI has no sign-in that prints a link for another machine: its sign-in needs a browser on the machine it runs on, or its callback port forwarded there.".to_owned());
        }
        if config.location == ConfigLocation::Project {
            out.push(format!(
                "`copilot mcp add` writes your user file only: for this repository, put the entry below in {} at its root instead of running the commands.",
                facts::PROJECT_FILE
            ));
        }
        out
    }

    fn panel(&self, config: Option<&ServerConfig>, known: &[String]) -> Vec<Block> {
        let file = config.map_or(facts::USER_FILE, config_file);
        vec![
            Block::heading(facts::NAME),
            Block::text(format!(
                "Run these in a terminal: they replace any entry of this name in `{}`. Checked with GitHub Copilot CLI {}.",
                facts::USER_FILE,
                facts::CHECKED
            )),
            Block::copy("copilot-cli-posix", "bash/zsh commands", config.map(|c| render_copilot_posix(c, known))),
            Block::copy("copilot-cli-powershell", "PowerShell commands", config.map(|c| render_copilot_powershell(c, known))),
            Block::heading("Or the config entry"),
            Block::text(format!("The same entry, exactly as the commands store it, for `{file}`:")),
            Block::copy("copilot-config", "mcp-config.json entry", config.map(|c| render_copilot_config(c, known))),
            Block::Merge {
                ids: ["copilot-config-input", "copilot-config-error", "copilot-config-merged"],
                what: "the entry",
                file: "mcp-config.json",
            },
            Block::heading("Sign in and verify"),
            Block::text("Start `copilot`: it signs in to the server in your browser when it first connects. `/mcp` in the session lists the server and its tools; `copilot mcp get NAME` shows the entry."),
            Block::SignInCheck,
            Block::Admin(vec![Block::text(
                "GitHub Copilot CLI has no file an administrator installs for MCP servers: an organisation allows or blocks MCP servers for Copilot in its Copilot policies on GitHub.",
            )]),
        ]
    }

    fn merge(
        &self,
        pasted: &str,
        config: &ServerConfig,
        known: &[String],
    ) -> Option<Result<Merged, String>> {
        Some(merge_copilot_config(pasted, config, known))
    }
}

/// GitHub Copilot CLI's outputs: its panel's copy blocks.
pub fn outputs(config: &ServerConfig, known: &[String]) -> Vec<Output> {
    panel_outputs(CopilotCli.panel(Some(config), known))
}
