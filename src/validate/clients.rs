//! Each client's own rules, read from its facts (`crate::clients`): what
//! it refuses (its outputs are held back), and the notes (`client-note`) for the
//! choices on the form it has no place for, each saying what happens
//! instead. Codex has none here: the form's choices are its own.

use super::{describe_char, excerpt};
use crate::clients::{Client, claude_code, claude_desktop, gemini};
use crate::model::{ApprovalMode, ServerConfig};

/// Why the chosen client refuses the entry as the form has it (a name
/// Claude Code refuses, a URL Claude Desktop's form refuses), with what to
/// write instead; its outputs are held back while it does. The form's own
/// rules (Codex's) have passed already.
pub fn client_refusal(config: &ServerConfig) -> Option<String> {
    let name = &config.name;
    match config.client {
        Client::ClaudeCode => {
            let bad = name.chars().find(|&c| !claude_code::name_char_ok(c))?;
            let fixed: String = name
                .chars()
                .map(|c| if claude_code::name_char_ok(c) { c } else { '-' })
                .collect();
            Some(format!(
                "Claude Code refuses {} as a server name ({} is not allowed): its names take only letters, digits, hyphens and underscores. Write {} in the server name instead.",
                excerpt(name),
                describe_char(bad),
                excerpt(&fixed)
            ))
        }
        Client::ClaudeDesktop => {
            let url = &config.url;
            let ok = url.as_str().starts_with(claude_desktop::URL_SCHEME)
                && url.path().ends_with(claude_desktop::URL_PATH_END);
            (!ok).then(|| format!(
                "Claude Desktop refuses {} (\"Invalid URL format\"): a connector's URL starts with {} and, for a Kloudfuse cluster, ends with {}. Write the cluster's https:// address.",
                excerpt(config.url_text()),
                claude_desktop::URL_SCHEME,
                claude_desktop::URL_PATH_END
            ))
        }
        Client::Codex | Client::Gemini => None,
    }
}

/// The tools "only these" leaves out, of those the page knows the server
/// has: what a client without an allow list must block one by one.
pub fn others_than_allowed(config: &ServerConfig, known: &[String]) -> Vec<String> {
    let Some(allowed) = &config.enabled_tools else {
        return Vec::new();
    };
    known
        .iter()
        .filter(|t| !allowed.contains(t) && !config.disabled_tools.contains(t))
        .cloned()
        .collect()
}

/// The tools the chosen approval modes leave asking every time in a client
/// that reads no tool annotations (Codex's `auto` and `writes`).
fn annotation_modes(config: &ServerConfig) -> Vec<String> {
    let mut named = Vec::new();
    if let Some(mode @ (ApprovalMode::Auto | ApprovalMode::Writes)) = config.default_approval {
        named.push(format!("every tool (\"{}\")", mode.describe()));
    }
    for (tool, mode) in &config.tool_approvals {
        if matches!(mode, ApprovalMode::Auto | ApprovalMode::Writes) {
            named.push(format!("`{tool}`"));
        }
    }
    named
}

/// What the chosen client does instead of each choice it cannot express,
/// in the order of the form; none for Codex. `known` are the tools the
/// page knows the server has (its own list once read, else the catalog).
pub fn client_notes(config: &ServerConfig, known: &[String]) -> Vec<String> {
    let mut notes = Vec::new();
    let client = config.client;
    let name = client.name();
    if client == Client::Codex {
        return notes;
    }
    if client == Client::Gemini && config.name.contains(gemini::DISCOURAGED_NAME_CHAR) {
        notes.push(format!(
            "Gemini CLI names this server's tools mcp_{}_TOOL, and its documentation asks for no `_` in server names: write {} in the server name instead.",
            config.name,
            excerpt(&config.name.replace('_', "-"))
        ));
    }
    if config.enabled_tools.is_some() && client != Client::Gemini {
        let others = others_than_allowed(config, known);
        let what = if client == Client::ClaudeCode {
            "the settings deny"
        } else {
            "switch off"
        };
        notes.push(if others.is_empty() {
            format!("{name} has no list of only these tools, and the page knows no other tool of this server to block: a tool the server has or adds beyond your list is on. Read the server's tools, or block them by name.")
        } else {
            format!(
                "{name} has no list of only these tools: {what} every other tool the page knows of this server ({}). A tool the server adds later is allowed until you block it.",
                others.join(", ")
            )
        });
    }
    let asks = annotation_modes(config);
    if !asks.is_empty() && client != Client::ClaudeDesktop {
        notes.push(format!(
            "{name} does not read whether a tool changes data: it asks before each call of {} unless a rule says otherwise.",
            asks.join(", ")
        ));
    }
    if client == Client::Gemini
        && config
            .tool_approvals
            .iter()
            .any(|(_, m)| *m == ApprovalMode::Approve)
    {
        notes.push("Gemini CLI trusts a whole server or none (`--trust`): a tool you set to \"Never ask\" asks until you answer \"Always allow\" when Gemini CLI asks.".to_owned());
    }
    if client == Client::ClaudeDesktop
        && (config.default_approval.is_some() || !config.tool_approvals.is_empty())
    {
        notes.push("Claude Desktop keeps when to ask in the app: after connecting, set each tool's permission in the connector's tool list.".to_owned());
    }
    if !config.enabled {
        notes.push(match client {
            Client::ClaudeCode => "Claude Code has no setting in the entry to keep a server off: the commands add it on; turn it off in Claude Code with /mcp.".to_owned(),
            Client::Gemini => format!("Gemini CLI has no setting in the entry to keep a server off: to keep it but not connect, add \"{}\" to \"mcp\": {{\"excluded\": [...]}} in the same settings.json.", config.name),
            _ => "Claude Desktop has no setting to add a connector switched off: switch it off in Settings → Connectors after adding it.".to_owned(),
        });
    }
    if config.required {
        notes.push(format!("{name} has no setting to refuse to start without this server: it starts anyway and shows the server as failed."));
    }
    if let Some(startup) = &config.startup_timeout_sec {
        notes.push(match client {
            Client::ClaudeCode => format!("Claude Code's wait for a server to start is one setting for every server, the environment variable MCP_TIMEOUT in milliseconds: start it as `MCP_TIMEOUT={} claude`.", startup.millis()),
            _ => format!("{name} has no setting for how long to wait for the server to start: its own default applies."),
        });
    }
    if let Some(tool) = &config.tool_timeout_sec {
        match client {
            Client::ClaudeCode => notes.push(format!("Claude Code's wait for a tool call is one setting for every server, the environment variable MCP_TOOL_TIMEOUT in milliseconds: start it as `MCP_TOOL_TIMEOUT={} claude`.", tool.millis())),
            Client::ClaudeDesktop => notes.push("Claude Desktop has no setting for how long to wait for a tool call: its own default applies.".to_owned()),
            _ => {}
        }
    }
    if config.oauth_resource.is_some() {
        notes.push(format!("{name} has no place for an OAuth resource: it asks for a token for the server's own URL."));
    }
    if client == Client::Gemini && (!config.scopes.is_empty() || config.oauth_client_id.is_some()) {
        notes.push(format!("`gemini mcp add` has no flag for OAuth scopes or a client id: the settings entry holds them (\"oauth\"); put it in {} instead of running the command.", match config.location { crate::model::ConfigLocation::User => gemini::USER_FILE, crate::model::ConfigLocation::Project => gemini::PROJECT_FILE }));
    }
    if config.remote && client == Client::Gemini {
        notes.push(format!("Gemini CLI has no sign-in that prints a link for another machine: start it there as `{}={port} gemini`, forward that port from your computer (`ssh -L {port}:localhost:{port} HOST`), then run /mcp auth {}.", gemini::CALLBACK_PORT_VARIABLE, config.name, port = super::FORWARDED_CALLBACK_PORT));
    }
    if !config.scopes.is_empty() && client == Client::ClaudeDesktop {
        notes.push(
            "Claude Desktop has no place for scopes: it asks for the scopes the server advertises."
                .to_owned(),
        );
    }
    if let (Some(id), Client::ClaudeDesktop) = (&config.oauth_client_id, client) {
        notes.push(format!("Open \"Advanced settings\" in the connector's form and enter the OAuth Client ID {id}; its redirect URIs must include {}.", claude_desktop::CALLBACKS.join(" and ")));
    }
    if config.bearer_token_env_var.is_some() && client == Client::ClaudeDesktop {
        notes.push("Claude Desktop's connectors sign in with OAuth only: a token from an environment variable cannot be given. Use a cluster with Kloudfuse's OAuth connector.".to_owned());
    }
    if config.remote && client == Client::ClaudeDesktop {
        notes.push("Claude Desktop runs on your own computer and connects from Anthropic's cloud: \"where it runs\" does not apply.".to_owned());
    }
    if config.location == crate::model::ConfigLocation::Project && client == Client::ClaudeDesktop {
        notes.push("Claude Desktop has no per-repository connectors: the connector is for every conversation.".to_owned());
    }
    notes
}
