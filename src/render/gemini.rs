//! What the page writes for the Gemini CLI: the `gemini mcp add` command
//! (bash/zsh and PowerShell), the `mcpServers` entry exactly as the CLI
//! stores it, and the administrators' system settings.

use super::json::Json;
use super::quote::{posix_quote, powershell_quote, push_line, push_option};
use crate::clients::gemini as facts;
use crate::model::{ApprovalMode, ConfigLocation, ServerConfig};

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

/// `gemini mcp add`: the name and URL first, each tool its own value.
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
pub fn gemini_entry(config: &ServerConfig) -> Json {
    let mut pairs = vec![
        ("url", Json::str(config.url_text())),
        ("type", Json::str("http")),
    ];
    if let Some(header) = header(config) {
        pairs.push((
            "headers",
            Json::object([("Authorization", Json::Str(header))]),
        ));
    }
    if let Some(timeout) = &config.tool_timeout_sec {
        pairs.push(("timeout", Json::Num(timeout.millis())));
    }
    if trusted(config) {
        pairs.push(("trust", Json::Bool(true)));
    }
    if let Some(tools) = &config.enabled_tools {
        pairs.push(("includeTools", Json::strings(tools)));
    }
    if !config.disabled_tools.is_empty() {
        pairs.push(("excludeTools", Json::strings(&config.disabled_tools)));
    }
    if needs_oauth_object(config) {
        let mut oauth = vec![("enabled", Json::Bool(true))];
        if let Some(id) = &config.oauth_client_id {
            oauth.push(("clientId", Json::str(id)));
        }
        if !config.scopes.is_empty() {
            oauth.push(("scopes", Json::strings(&config.scopes)));
        }
        pairs.push(("oauth", Json::object(oauth)));
    }
    Json::object(pairs)
}

/// Whether the entry holds what `gemini mcp add` has no flag for.
pub fn needs_oauth_object(config: &ServerConfig) -> bool {
    !config.scopes.is_empty() || config.oauth_client_id.is_some()
}

/// The settings JSON with the entry under `mcpServers`.
pub fn render_gemini_settings(config: &ServerConfig) -> String {
    Json::object([(
        "mcpServers",
        Json::object([(config.name.clone(), gemini_entry(config))]),
    )])
    .pretty()
}

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
    Json::object([
        (
            "mcpServers",
            Json::object([(config.name.clone(), gemini_entry(config))]),
        ),
        (
            "mcp",
            Json::object([("allowed", Json::strings(std::slice::from_ref(&config.name)))]),
        ),
    ])
    .pretty()
}
