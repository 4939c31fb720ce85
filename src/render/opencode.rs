//! OpenCode's room: the `opencode mcp` commands (bash/zsh and PowerShell)
//! that write the entry and sign in once, the config as OpenCode reads it
//! (the entry under `mcp`, the tool choices as `permission` rules; alone,
//! or merged into the person's file), the form in its words and the notes
//! for what it cannot express.

use serde_json::{Map, Value, json};

use super::json::{number, object_at, pretty, read_settings, settings_file as file_text};
use super::quote::{posix_quote, powershell_quote, push_line};
use super::room::{
    Block, Merged, Output, Room, Section, Word, Words, notes, panel_outputs, standard_word,
};
use crate::clients::{Client, opencode as facts};
use crate::model::{ApprovalMode, ConfigLocation, ServerConfig};

/// The file the config belongs in.
pub fn config_file(config: &ServerConfig) -> &'static str {
    match config.location {
        ConfigLocation::User => facts::USER_FILE,
        ConfigLocation::Project => facts::PROJECT_FILE,
    }
}

fn header(config: &ServerConfig) -> Option<String> {
    config
        .bearer_token_env_var
        .as_ref()
        .map(|var| format!("Bearer {{env:{var}}}"))
}

/// The entry: what `opencode mcp add` stores (`type`, `url`, `headers`;
/// checked), then what only the file sets (`enabled`, `timeout` in
/// milliseconds, `oauth` with the client id and scopes).
pub fn opencode_entry(config: &ServerConfig) -> Value {
    let mut entry = Map::new();
    entry.insert("type".into(), json!("remote"));
    entry.insert("url".into(), json!(config.url_text()));
    if let Some(header) = header(config) {
        entry.insert("headers".into(), json!({ "Authorization": header }));
    }
    if !config.enabled {
        entry.insert("enabled".into(), json!(false));
    }
    if let Some(timeout) = &config.tool_timeout_sec {
        entry.insert("timeout".into(), number(&timeout.millis()));
    }
    let mut oauth = Map::new();
    if let Some(id) = &config.oauth_client_id {
        oauth.insert("clientId".into(), json!(id));
    }
    if !config.scopes.is_empty() {
        oauth.insert("scope".into(), json!(config.scopes.join(" ")));
    }
    if !oauth.is_empty() {
        entry.insert("oauth".into(), Value::Object(oauth));
    }
    Value::Object(entry)
}

fn action(mode: ApprovalMode) -> Option<&'static str> {
    match mode {
        ApprovalMode::Approve => Some("allow"),
        ApprovalMode::Prompt => Some("ask"),
        // OpenCode reads no tool annotations: these ask (a note says so).
        ApprovalMode::Auto | ApprovalMode::Writes => Some("ask"),
    }
}

/// The `permission` rules the tool choices mean, in order (the last rule
/// that matches a call decides): for "only these", every tool of the server
/// denied, then each chosen one allowed (or as its mode says); the server's
/// mode; each tool's own mode; each blocked tool denied, last.
pub fn opencode_permissions(config: &ServerConfig) -> Vec<(String, &'static str)> {
    let server = &config.name;
    let mut rules: Vec<(String, &'static str)> = Vec::new();
    let all = facts::permission_key(server, "*");
    let server_action = config
        .default_approval
        .filter(|m| *m != ApprovalMode::Approve)
        .and_then(action);
    match &config.enabled_tools {
        Some(only) => {
            rules.push((all, "deny"));
            for tool in only {
                let mode = config
                    .tool_approvals
                    .iter()
                    .find(|(t, _)| t == tool)
                    .map(|(_, m)| *m)
                    .or(config.default_approval)
                    .unwrap_or(ApprovalMode::Approve);
                rules.push((facts::permission_key(server, tool), action(mode).unwrap_or("allow")));
            }
        }
        None => {
            if let Some(server_action) = server_action {
                rules.push((all, server_action));
            }
            for (tool, mode) in &config.tool_approvals {
                if let Some(action) = action(*mode) {
                    rules.push((facts::permission_key(server, tool), action));
                }
            }
        }
    }
    for tool in &config.disabled_tools {
        let key = facts::permission_key(server, tool);
        rules.retain(|(k, _)| *k != key);
        rules.push((key, "deny"));
    }
    rules
}

/// The whole config OpenCode reads: `$schema`, the entry under `mcp`, and
/// the `permission` rules when the choices need any.
pub fn render_opencode_config(config: &ServerConfig) -> String {
    let mut file = Map::new();
    file.insert("$schema".into(), json!(facts::SCHEMA));
    file.insert("mcp".into(), json!({ config.name.as_str(): opencode_entry(config) }));
    let rules = opencode_permissions(config);
    if !rules.is_empty() {
        let permission: Map<String, Value> =
            rules.into_iter().map(|(k, v)| (k, json!(v))).collect();
        file.insert("permission".into(), Value::Object(permission));
    }
    pretty(&Value::Object(file))
}

/// Whether the config holds what `opencode mcp add` has no flag for.
pub fn needs_the_file(config: &ServerConfig) -> bool {
    let entry = opencode_entry(config);
    let only_added = entry
        .as_object()
        .is_some_and(|e| e.keys().all(|k| matches!(k.as_str(), "type" | "url" | "headers")));
    !only_added || !opencode_permissions(config).is_empty() || config.location == ConfigLocation::Project
}

/// `opencode mcp add`: the name, the URL, the header as `KEY=VALUE`.
pub fn opencode_add(config: &ServerConfig) -> Vec<String> {
    let mut argv: Vec<String> = ["opencode", "mcp", "add"].map(str::to_owned).to_vec();
    argv.push(config.name.clone());
    argv.push("--url".to_owned());
    argv.push(config.url_text().to_owned());
    if let Some(header) = header(config) {
        argv.push("--header".to_owned());
        argv.push(format!("Authorization={header}"));
    }
    argv
}

/// The commands: add (it replaces an entry of the name, checked), then
/// sign in once; or, where the file holds more than `add` can write, where
/// to put it.
fn render(config: &ServerConfig, quote: fn(&str) -> std::borrow::Cow<'_, str>) -> String {
    let mut out = format!(
        "# Writes the entry to {}, replacing any of the same name.\n",
        facts::USER_FILE
    );
    push_line(&mut out, &opencode_add(config), quote);
    if needs_the_file(config) {
        out.push_str(&format!(
            "# The rest of your choices are in the config below: put it in {} instead.\n",
            config_file(config)
        ));
    }
    if !config.uses_bearer_token() {
        out.push_str("# Sign in once, in your browser.\n");
        push_line(
            &mut out,
            &["opencode", "mcp", "auth", &config.name].map(str::to_owned),
            quote,
        );
    }
    out
}

/// The commands for bash and zsh.
pub fn render_opencode_posix(config: &ServerConfig) -> String {
    render(config, posix_quote)
}

/// The commands for PowerShell.
pub fn render_opencode_powershell(config: &ServerConfig) -> String {
    render(config, powershell_quote)
}

/// The person's config with the entry under `mcp` and the rules under
/// `permission`, replacing any of the same names; everything else kept.
pub fn merge_opencode_config(existing: &str, config: &ServerConfig) -> Result<Merged, String> {
    let (mut map, dropped_comments) = read_settings(existing, config_file(config))?;
    object_at(&mut map, "mcp").insert(config.name.clone(), opencode_entry(config));
    let rules = opencode_permissions(config);
    if !rules.is_empty() {
        let permission = object_at(&mut map, "permission");
        for (key, action) in rules {
            permission.remove(&key);
            permission.insert(key, json!(action));
        }
    }
    Ok(Merged {
        text: file_text(map),
        dropped_comments,
    })
}

/// OpenCode's room.
pub struct Opencode;

impl Words for Opencode {
    fn client(&self) -> Client {
        Client::Opencode
    }

    fn word(&self, word: Word) -> String {
        match word {
            Word::Lede => "Enter your cluster's address and choose the tools OpenCode may use. The page writes the `opencode mcp` commands that add the server and sign in once, and the config with the permission rules the tool choices mean, ready to copy. Nothing you type leaves this browser.".to_owned(),
            Word::NameHint => "How the client refers to the server; its tools are named NAME_TOOL in OpenCode's permissions.".to_owned(),
            Word::ApprovalHint => "Each tool below can differ; they become allow, ask and deny rules in OpenCode's config.".to_owned(),
            Word::LocationHint(ConfigLocation::User) => format!(
                "In {}; on Windows, {}.",
                facts::USER_FILE,
                facts::USER_FILE_WINDOWS
            ),
            Word::LocationHint(ConfigLocation::Project) => format!(
                "In {} at the repository's root, shared with the team.",
                facts::PROJECT_FILE
            ),
            Word::RemoteHint => "Over SSH, in a dev container or on a cloud workstation: sign-in then needs its callback port forwarded from your computer.".to_owned(),
            Word::Footer => format!(
                "Written for OpenCode {}, as its CLI answered. Sign-in uses OAuth in your browser: `opencode mcp auth NAME` signs in.",
                facts::CHECKED
            ),
            other => standard_word(self, other),
        }
    }

    fn shows(&self, section: Section) -> bool {
        matches!(section, Section::Where | Section::Approvals)
    }

    /// It calls a server's tools without asking unless a rule says to ask.
    fn default_approval(&self) -> Option<ApprovalMode> {
        Some(ApprovalMode::Approve)
    }
}

impl Room for Opencode {
    fn notes(&self, config: &ServerConfig, _known: &[String]) -> Vec<String> {
        let name = facts::NAME;
        let mut out = Vec::new();
        out.extend(notes::reads_no_annotations(name, config));
        out.extend(notes::no_required(name, config));
        out.extend(notes::no_startup_wait(name, config));
        out.extend(notes::no_resource(name, config));
        if needs_the_file(config) {
            out.push(format!(
                "`opencode mcp add` writes only the server's address{}: the config below holds the rest of your choices; put it in {} instead of relying on the command.",
                if config.bearer_token_env_var.is_some() { " and header" } else { "" },
                config_file(config)
            ));
        }
        if config.remote {
            out.push(format!(
                "OpenCode's sign-in comes back to {} on the machine it runs on: forward that port from your computer first (`ssh -L {port}:127.0.0.1:{port} HOST`), then run `opencode mcp auth {}` there and open the link it prints.",
                facts::REDIRECT_URI,
                config.name,
                port = facts::CALLBACK_PORT
            ));
        }
        out
    }

    fn panel(&self, config: Option<&ServerConfig>, _known: &[String]) -> Vec<Block> {
        let file = config.map_or(facts::USER_FILE, config_file);
        let name = config.map_or("NAME", |c| c.name.as_str());
        vec![
            Block::heading(facts::NAME),
            Block::text(format!(
                "Run these in a terminal: they write the entry to `{}`, replacing any of the same name, then sign in once. Checked with OpenCode {}.",
                facts::USER_FILE,
                facts::CHECKED
            )),
            Block::copy("opencode-cli-posix", "bash/zsh commands", config.map(render_opencode_posix)),
            Block::copy("opencode-cli-powershell", "PowerShell commands", config.map(render_opencode_powershell)),
            Block::heading("The config, with your tool choices"),
            Block::text(format!("OpenCode reads this from `{file}`: the entry, and the permission rules your tool choices mean (of the rules that match a tool, the last one decides).")),
            Block::copy("opencode-config", "opencode config", config.map(render_opencode_config)),
            Block::Merge {
                ids: ["opencode-config-input", "opencode-config-error", "opencode-config-merged"],
                what: "the entry and rules",
                file: "opencode.jsonc",
            },
            Block::heading("Sign in and verify"),
            Block::text(format!("`opencode mcp auth {name}` signs in in your browser; `opencode mcp list` then shows the server as connected.")),
            Block::SignInCheck,
            Block::Admin(vec![Block::text(
                "OpenCode has no system file for MCP servers: an organisation gives every user default servers from its own `.well-known/opencode` endpoint (OpenCode's documentation, \"Overriding remote defaults\"), where this entry goes under `mcp`.",
            )]),
        ]
    }

    fn merge(
        &self,
        pasted: &str,
        config: &ServerConfig,
        _known: &[String],
    ) -> Option<Result<Merged, String>> {
        Some(merge_opencode_config(pasted, config))
    }
}

/// OpenCode's outputs: its panel's copy blocks.
pub fn outputs(config: &ServerConfig, known: &[String]) -> Vec<Output> {
    panel_outputs(Opencode.panel(Some(config), known))
}
