//! Gemini CLI's room: the `gemini mcp add` command (bash/zsh and
//! PowerShell), the `mcpServers` entry exactly as the CLI stores it (alone,
//! or merged into the person's settings), the sign-in and trusted folders,
//! the administrators' system settings, the form in its words and the
//! notes for what it cannot express.

use serde_json::{Map, Value, json};

use super::json::{number, object_at, pretty, read_settings, settings_file as file_text};
use super::quote::{posix_quote, powershell_quote, push_line, push_option};
use super::room::{Block, Merged, Output, Room, Section, Tone, Word, Words, notes, panel_outputs, standard_word};
use crate::clients::{Client, gemini as facts};
use crate::model::{ApprovalMode, ConfigLocation, ServerConfig};
use crate::validate::excerpt;

/// `user` or `project`.
pub fn scope(config: &ServerConfig) -> &'static str {
    match config.location {
        ConfigLocation::User => "user",
        ConfigLocation::Project => "project",
    }
}

/// The settings file the entry lands in.
pub fn settings_file(config: &ServerConfig) -> &'static str {
    match config.location {
        ConfigLocation::User => facts::USER_FILE,
        ConfigLocation::Project => facts::PROJECT_FILE,
    }
}

fn header(config: &ServerConfig) -> Option<String> {
    config
        .bearer_token_env_var
        .as_ref()
        .map(|var| format!("Bearer ${var}"))
}

/// Whether the CLI is told to trust the server (never ask).
fn trusted(config: &ServerConfig) -> bool {
    config.default_approval == Some(ApprovalMode::Approve)
}

/// `gemini mcp add`: the name and URL first (options before them take them
/// as their values: "Not enough non-option arguments", checked), each tool
/// its own value (`--include-tools a,b` stores one tool named `a,b`,
/// whatever the help says, checked), the timeout in milliseconds.
pub fn gemini_add(config: &ServerConfig) -> Vec<String> {
    let mut argv: Vec<String> = [
        "gemini",
        "mcp",
        "add",
        "--transport",
        "http",
        "--scope",
        scope(config),
    ]
    .map(str::to_owned)
    .to_vec();
    argv.push(config.name.clone());
    argv.push(config.url_text().to_owned());
    if let Some(header) = header(config) {
        push_option(&mut argv, "-H", &format!("Authorization: {header}"));
    }
    if let Some(timeout) = &config.tool_timeout_sec {
        push_option(&mut argv, "--timeout", &timeout.millis());
    }
    if trusted(config) {
        argv.push("--trust".to_owned());
    }
    for tool in config.enabled_tools.iter().flatten() {
        push_option(&mut argv, "--include-tools", tool);
    }
    for tool in &config.disabled_tools {
        push_option(&mut argv, "--exclude-tools", tool);
    }
    argv
}

/// The entry as `gemini mcp add` stores it, keys in its order; with the
/// `oauth` object no flag sets, when scopes or a client id are chosen.
pub fn gemini_entry(config: &ServerConfig) -> Value {
    let mut entry = Map::new();
    entry.insert("url".into(), json!(config.url_text()));
    entry.insert("type".into(), json!("http"));
    if let Some(header) = header(config) {
        entry.insert("headers".into(), json!({ "Authorization": header }));
    }
    if let Some(timeout) = &config.tool_timeout_sec {
        entry.insert("timeout".into(), number(&timeout.millis()));
    }
    if trusted(config) {
        entry.insert("trust".into(), json!(true));
    }
    if let Some(tools) = &config.enabled_tools {
        entry.insert("includeTools".into(), json!(tools));
    }
    if !config.disabled_tools.is_empty() {
        entry.insert("excludeTools".into(), json!(config.disabled_tools));
    }
    if needs_oauth_object(config) {
        let mut oauth = Map::new();
        oauth.insert("enabled".into(), json!(true));
        if let Some(id) = &config.oauth_client_id {
            oauth.insert("clientId".into(), json!(id));
        }
        if !config.scopes.is_empty() {
            oauth.insert("scopes".into(), json!(config.scopes));
        }
        entry.insert("oauth".into(), Value::Object(oauth));
    }
    Value::Object(entry)
}

/// Whether the entry holds what `gemini mcp add` has no flag for.
pub fn needs_oauth_object(config: &ServerConfig) -> bool {
    !config.scopes.is_empty() || config.oauth_client_id.is_some()
}

/// The settings JSON with the entry under `mcpServers`.
pub fn render_gemini_settings(config: &ServerConfig) -> String {
    pretty(&json!({ "mcpServers": { config.name.as_str(): gemini_entry(config) } }))
}

/// The command, then where to sign in. Run again, it writes the same
/// entry: `gemini mcp add` with a name it has replaces the whole entry
/// ("is already configured … updated", checked).
fn render(config: &ServerConfig, quote: fn(&str) -> std::borrow::Cow<'_, str>) -> String {
    let mut out = String::from("# Writes the entry, replacing any of the same name.\n");
    push_line(&mut out, &gemini_add(config), quote);
    if !config.uses_bearer_token() {
        out.push_str(&format!(
            "# Then sign in inside Gemini CLI: /mcp auth {}\n",
            config.name
        ));
    }
    out
}

/// The command for bash and zsh.
pub fn render_gemini_posix(config: &ServerConfig) -> String {
    render(config, posix_quote)
}

/// The command for PowerShell.
pub fn render_gemini_powershell(config: &ServerConfig) -> String {
    render(config, powershell_quote)
}

/// The system settings that give every user this server and let the CLI
/// connect to no other (`mcp.allowed`).
pub fn system_settings(config: &ServerConfig) -> String {
    pretty(&json!({
        "mcpServers": { config.name.as_str(): gemini_entry(config) },
        "mcp": { "allowed": [config.name] },
    }))
}

/// The person's settings with the entry under `mcpServers`, replacing any
/// of the same name, as `gemini mcp add` does; everything else kept.
pub fn merge_gemini_settings(existing: &str, config: &ServerConfig, file: &str) -> Result<Merged, String> {
    let (mut map, dropped_comments) = read_settings(existing, file)?;
    object_at(&mut map, "mcpServers").insert(config.name.clone(), gemini_entry(config));
    Ok(Merged {
        text: file_text(map),
        dropped_comments,
    })
}

/// Gemini CLI's room.
pub struct Gemini;

impl Words for Gemini {
    fn client(&self) -> Client {
        Client::Gemini
    }

    fn word(&self, word: Word) -> String {
        match word {
            Word::Lede => "Enter your cluster's address and choose the tools Gemini CLI may use. The page writes the `gemini mcp add` command and the `settings.json` entry exactly as it stores it, ready to copy. Nothing you type leaves this browser.".to_owned(),
            Word::NameHint => "How the client refers to the server; tools appear to the model as mcp_NAME_TOOL.".to_owned(),
            Word::ApprovalHint => "Each tool below can differ; Gemini CLI trusts a whole server or none.".to_owned(),
            Word::LocationHint(ConfigLocation::User) => format!(
                "In {}; on Windows, {}.",
                facts::USER_FILE,
                facts::USER_FILE_WINDOWS
            ),
            Word::LocationHint(ConfigLocation::Project) => format!(
                "In {} at the repository's root, read once you trust the folder.",
                facts::PROJECT_FILE
            ),
            Word::RemoteHint => "Over SSH, in a dev container or on a cloud workstation: sign-in then needs its callback port forwarded from your computer.".to_owned(),
            Word::Footer => format!(
                "Written for Gemini CLI {}, as its CLI answered. Sign-in uses OAuth in your browser: `/mcp auth NAME` inside Gemini CLI signs in.",
                facts::CHECKED
            ),
            other => standard_word(self, other),
        }
    }

    fn shows(&self, section: Section) -> bool {
        matches!(section, Section::Where | Section::Approvals)
    }

    /// It asks before each call of a server's tool unless the server is trusted.
    fn default_approval(&self) -> Option<ApprovalMode> {
        Some(ApprovalMode::Prompt)
    }
}

impl Room for Gemini {
    fn notes(&self, config: &ServerConfig, _known: &[String]) -> Vec<String> {
        let name = facts::NAME;
        let mut out = Vec::new();
        if config.name.contains(facts::DISCOURAGED_NAME_CHAR) {
            out.push(format!(
                "Gemini CLI names this server's tools mcp_{}_TOOL, and its documentation asks for no `_` in server names: write {} in the server name instead.",
                config.name,
                excerpt(&config.name.replace('_', "-"))
            ));
        }
        out.extend(notes::reads_no_annotations(name, config));
        if config.tool_approvals.iter().any(|(_, m)| *m == ApprovalMode::Approve) {
            out.push("Gemini CLI trusts a whole server or none (`--trust`): a tool you set to \"Never ask\" asks until you answer \"Always allow\" when Gemini CLI asks.".to_owned());
        }
        if !config.enabled {
            out.push(format!("Gemini CLI has no setting in the entry to keep a server off: to keep it but not connect, add \"{}\" to \"mcp\": {{\"excluded\": [...]}} in the same settings.json.", config.name));
        }
        out.extend(notes::no_required(name, config));
        out.extend(notes::no_startup_wait(name, config));
        out.extend(notes::no_resource(name, config));
        if needs_oauth_object(config) {
            out.push(format!("`gemini mcp add` has no flag for OAuth scopes or a client id: the settings entry holds them (\"oauth\"); put it in {} instead of running the command.", settings_file(config)));
        }
        if config.remote {
            out.push(format!("Gemini CLI has no sign-in that prints a link for another machine: start it there as `{}={port} gemini`, forward that port from your computer (`ssh -L {port}:localhost:{port} HOST`), then run /mcp auth {}.", facts::CALLBACK_PORT_VARIABLE, config.name, port = facts::FORWARDED_CALLBACK_PORT));
        }
        out
    }

    fn panel(&self, config: Option<&ServerConfig>, _known: &[String]) -> Vec<Block> {
        let file = config.map_or(facts::USER_FILE, settings_file);
        let name = config.map_or("NAME", |c| c.name.as_str());
        let systems = facts::SYSTEM_SETTINGS
            .iter()
            .map(|(system, path)| format!("{system}: `{path}`"))
            .collect();
        vec![
            Block::heading(facts::NAME),
            Block::text(format!(
                "Run this in a terminal: it writes the entry to `{file}`, replacing any of the same name. Each tool is its own value (one comma-separated value would be one tool). Checked with Gemini CLI {}.",
                facts::CHECKED
            )),
            Block::copy("gemini-cli-posix", "bash/zsh command", config.map(render_gemini_posix)),
            Block::copy("gemini-cli-powershell", "PowerShell command", config.map(render_gemini_powershell)),
            Block::heading("Or the settings entry"),
            Block::text(format!("The same entry, exactly as the command stores it, for `{file}`:")),
            Block::copy("gemini-settings", "settings.json entry", config.map(render_gemini_settings)),
            Block::Merge {
                ids: ["gemini-settings-input", "gemini-settings-error", "gemini-settings-merged"],
                what: "the entry",
                file: "settings.json",
            },
            Block::heading("Sign in and verify"),
            Block::Text {
                tone: Tone::Plain,
                testid: Some("gemini-sign-in"),
                text: format!("Start `gemini` in the folder you work in and sign in with `/mcp auth {name}` (it opens your browser); `/mcp` lists the server and its tools."),
            },
            Block::Text {
                tone: Tone::Note,
                testid: Some("gemini-trust"),
                text: format!(
                    "A server in your user settings shows as \"Disabled\" in a folder you have not trusted: answer Gemini CLI's trust question there, or list the folder in `{}`. Then `gemini mcp list` shows it.",
                    facts::TRUSTED_FOLDERS
                ),
            },
            Block::SignInCheck,
            Block::Admin(vec![
                Block::text("Give every user this server and let Gemini CLI connect to no other: install as the system settings,"),
                Block::List { testid: None, items: systems },
                Block::copy("admin-gemini-system-settings", "system settings.json", config.map(system_settings)),
                Block::note(format!(
                    "Any other server then shows as \"{}\" in gemini mcp list; the system entry wins over a user's entry of the same name.",
                    facts::BLOCKED
                )),
            ]),
        ]
    }

    fn merge(
        &self,
        pasted: &str,
        config: &ServerConfig,
        _known: &[String],
    ) -> Option<Result<Merged, String>> {
        Some(merge_gemini_settings(pasted, config, settings_file(config)))
    }
}

/// Gemini CLI's outputs: its panel's copy blocks.
pub fn outputs(config: &ServerConfig, known: &[String]) -> Vec<Output> {
    panel_outputs(Gemini.panel(Some(config), known))
}
