//! Claude Code's room: the commands that add the server and sign in once
//! (bash/zsh and PowerShell), the `permissions` rules the tool choices
//! mean (alone, or merged into the person's settings), Verify and the
//! administrators' file; the form in its words, the notes for what it
//! cannot express and its panel (`room.rs`).

mod room;

pub use self::room::{ClaudeCode, outputs};

use serde_json::{Map, Value, json};

use super::json::{compact, object_at, pretty, read_settings, settings_file as file_text};
use super::quote::{posix_quote, powershell_quote, push_line};
use super::room::{Merged, others_than_allowed};
use crate::clients::claude_code as facts;
use crate::model::{ApprovalMode, ConfigLocation, ServerConfig};

/// The commands, in the order they run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaudeSteps {
    /// Removes an earlier entry of the name: `claude mcp add` refuses a
    /// name it has ("MCP server NAME already exists in user config", exit
    /// status 1, checked), and a re-run should replace it; fails
    /// harmlessly when there is none.
    pub remove: Vec<String>,
    /// Adds the entry: `claude mcp add`, or `add-json` when the entry holds
    /// what no flag sets (scopes).
    pub add: Vec<String>,
    /// The one sign-in, last (a `--no-browser` sign-in reads a pasted
    /// address); `None` for a bearer token.
    pub login: Option<Vec<String>>,
}

fn words(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// `user` or `project`: Claude Code's name for where the entry goes.
pub fn scope(config: &ServerConfig) -> &'static str {
    match config.location {
        ConfigLocation::User => "user",
        ConfigLocation::Project => "project",
    }
}

/// The file the entry lands in.
pub fn entry_file(config: &ServerConfig) -> &'static str {
    match config.location {
        ConfigLocation::User => facts::USER_FILE,
        ConfigLocation::Project => facts::PROJECT_FILE,
    }
}

/// The settings file the permission rules belong in.
pub fn settings_file(config: &ServerConfig) -> &'static str {
    match config.location {
        ConfigLocation::User => facts::USER_SETTINGS,
        ConfigLocation::Project => facts::PROJECT_SETTINGS,
    }
}

fn header(config: &ServerConfig) -> Option<String> {
    config
        .bearer_token_env_var
        .as_ref()
        .map(|var| format!("Authorization: Bearer ${{{var}}}"))
}

/// The entry as `claude mcp add` stores it: `type`, `url`, then `headers`
/// and `oauth` when set.
pub fn claude_entry(config: &ServerConfig) -> Value {
    let mut entry = Map::new();
    entry.insert("type".into(), json!("http"));
    entry.insert("url".into(), json!(config.url_text()));
    if let Some(header) = header(config) {
        let value = header.trim_start_matches("Authorization: ");
        entry.insert("headers".into(), json!({ "Authorization": value }));
    }
    let mut oauth = Map::new();
    if let Some(id) = &config.oauth_client_id {
        oauth.insert("clientId".into(), json!(id));
    }
    if !config.scopes.is_empty() {
        // One string, the scopes separated by spaces ("oauth.scopes:
        // expected string, received array", checked); no flag of `claude
        // mcp add` sets it, so scopes go through `add-json`.
        oauth.insert("scopes".into(), json!(config.scopes.join(" ")));
    }
    if !oauth.is_empty() {
        entry.insert("oauth".into(), Value::Object(oauth));
    }
    Value::Object(entry)
}

/// The commands for `config`.
pub fn claude_steps(config: &ServerConfig) -> ClaudeSteps {
    let scope = scope(config);
    let remove = words(&["claude", "mcp", "remove", &config.name, "-s", scope]);
    let add = if config.scopes.is_empty() {
        let mut add = words(&[
            "claude",
            "mcp",
            "add",
            "--transport",
            "http",
            "--scope",
            scope,
        ]);
        // The name and URL before any option: `--header`, `--client-id`
        // and friends take one or more values and would take them as
        // theirs ("missing required argument 'name'", checked).
        add.push(config.name.clone());
        add.push(config.url_text().to_owned());
        if let Some(header) = header(config) {
            add.push("--header".to_owned());
            add.push(header);
        }
        if let Some(id) = &config.oauth_client_id {
            add.push(format!("--client-id={id}"));
        }
        add
    } else {
        let mut add = words(&["claude", "mcp", "add-json", "--scope", scope]);
        add.push(config.name.clone());
        add.push(compact(&claude_entry(config)));
        add
    };
    let login = (!config.uses_bearer_token()).then(|| {
        let mut login = words(&["claude", "mcp", "login"]);
        if config.remote {
            login.push("--no-browser".to_owned());
        }
        login.push(config.name.clone());
        login
    });
    ClaudeSteps { remove, add, login }
}

fn sign_in_comment(config: &ServerConfig) -> &'static str {
    if config.remote {
        "# Sign in: open the link it prints in your own browser, then paste the address the browser ends on."
    } else {
        "# Sign in once, in your browser."
    }
}

/// Whether the person must approve the entry in Claude Code before it
/// connects: a project's `.mcp.json` server is "awaiting approval" for
/// each person until they do ("Run `claude` in this directory to review
/// it first", as `claude mcp login` refuses it), so its sign-in is a
/// command of its own, run after ([`render_claude_login`]).
pub fn needs_approval(config: &ServerConfig) -> bool {
    config.location == ConfigLocation::Project
}

/// How to approve a project's server, for the commands' comment.
fn approval_comment(config: &ServerConfig) -> String {
    format!(
        "# Claude Code asks each person once before it connects to a project's server:\n# run `claude` here and approve {name}, or add \"enabledMcpjsonServers\": [\"{name}\"]\n# to your own {settings}. Then sign in with the command below.\n",
        name = config.name,
        settings = facts::USER_SETTINGS
    )
}

/// The commands for one shell: remove, add, then the one sign-in (or, for
/// a project's server, how to approve it first). `powershell` pipes an
/// `add-json` entry in on standard input: before 7.3 PowerShell hands a
/// native command's argument over without the quotes inside it.
fn render(config: &ServerConfig, powershell: bool) -> String {
    let (quote, quiet): (fn(&str) -> std::borrow::Cow<'_, str>, &str) = if powershell {
        (powershell_quote, " 2>$null\n")
    } else {
        (posix_quote, " 2>/dev/null || true\n")
    };
    let steps = claude_steps(config);
    let mut out = String::from("# Replace any earlier entry of this name (there may be none).\n");
    let mut remove = String::new();
    push_line(&mut remove, &steps.remove, quote);
    out.push_str(remove.trim_end());
    out.push_str(quiet);
    match steps.add.split_last() {
        Some((json, argv)) if powershell && argv.get(2).is_some_and(|w| w == "add-json") => {
            out.push_str(&quote(json));
            out.push_str(" | ");
            let mut argv = argv.to_vec();
            argv.push("-".to_owned());
            push_line(&mut out, &argv, quote);
        }
        _ => push_line(&mut out, &steps.add, quote),
    }
    if needs_approval(config) {
        out.push_str(&approval_comment(config));
    } else if let Some(login) = &steps.login {
        out.push_str(sign_in_comment(config));
        out.push('\n');
        push_line(&mut out, login, quote);
    }
    out
}

/// The commands for bash and zsh.
pub fn render_claude_posix(config: &ServerConfig) -> String {
    render(config, false)
}

/// The commands for PowerShell.
pub fn render_claude_powershell(config: &ServerConfig) -> String {
    render(config, true)
}

/// The sign-in on its own, for a project's server once approved (the same
/// in both shells: Claude Code's names need no quoting); `None` for a
/// bearer token.
pub fn render_claude_login(config: &ServerConfig) -> Option<String> {
    let login = claude_steps(config).login?;
    let mut out = String::new();
    push_line(&mut out, &login, posix_quote);
    Some(out)
}

/// The permission rules the tool choices mean: `deny` for each blocked
/// tool (and, for "only these", each other tool the page knows), `allow`
/// for "never ask", `ask` for a tool that asks under a server that does
/// not. Claude Code asks before every MCP tool call unless allowed, so
/// "ask every time" needs no rule of its own. Empty lists are left out.
pub fn claude_rules(config: &ServerConfig, known: &[String]) -> Vec<(&'static str, Vec<String>)> {
    let server = &config.name;
    let mut deny: Vec<String> = config
        .disabled_tools
        .iter()
        .chain(others_than_allowed(config, known).iter())
        .map(|tool| facts::tool_rule(server, tool))
        .collect();
    deny.dedup();
    let all_allowed = config.default_approval == Some(ApprovalMode::Approve);
    let mut allow = Vec::new();
    let mut ask = Vec::new();
    if all_allowed {
        allow.push(facts::all_tools_rule(server));
    }
    for (tool, mode) in &config.tool_approvals {
        let rule = facts::tool_rule(server, tool);
        if deny.contains(&rule) {
            continue;
        }
        match mode {
            ApprovalMode::Approve if !all_allowed => allow.push(rule),
            ApprovalMode::Prompt | ApprovalMode::Writes | ApprovalMode::Auto if all_allowed => {
                ask.push(rule)
            }
            _ => {}
        }
    }
    [("allow", allow), ("ask", ask), ("deny", deny)]
        .into_iter()
        .filter(|(_, rules)| !rules.is_empty())
        .collect()
}

/// The settings JSON with the `permissions` rules (`{}` when the choices
/// need none).
pub fn render_claude_settings(config: &ServerConfig, known: &[String]) -> String {
    let rules = claude_rules(config, known);
    if rules.is_empty() {
        return "{}".to_owned();
    }
    let permissions: Map<String, Value> = rules
        .into_iter()
        .map(|(list, rules)| (list.to_owned(), json!(rules)))
        .collect();
    pretty(&json!({ "permissions": permissions }))
}

/// The Verify commands: the health check from the shell, and `/mcp`.
pub fn render_claude_verify(config: &ServerConfig) -> String {
    let mut out = String::from("# Expect \"Status: ✔ Connected\".\n");
    push_line(
        &mut out,
        &words(&["claude", "mcp", "get", &config.name]),
        posix_quote,
    );
    out.push_str("# Inside Claude Code: /mcp lists the server, its tools and signs in again.\n");
    out
}

/// `managed-settings.json` allowing exactly this server's URL.
pub fn managed_settings(config: &ServerConfig) -> String {
    pretty(&json!({ "allowedMcpServers": [{ "serverUrl": config.url_text() }] }))
}

/// The person's settings with this server's permission rules: the rules
/// the file had for this server's tools are replaced by the page's, every
/// other rule and setting kept.
pub fn merge_claude_settings(
    existing: &str,
    config: &ServerConfig,
    known: &[String],
    file: &str,
) -> Result<Merged, String> {
    let (mut map, dropped_comments) = read_settings(existing, file)?;
    let server_rule = facts::tool_rule(&config.name, "");
    let server_rule = server_rule.trim_end_matches('_');
    let ours = |rule: &str| rule == server_rule || rule.starts_with(&format!("{server_rule}__"));
    let rules = claude_rules(config, known);
    let permissions = object_at(&mut map, "permissions");
    for list in ["allow", "ask", "deny"] {
        let mut kept: Vec<Value> = match permissions.get(list) {
            Some(Value::Array(items)) => items
                .iter()
                .filter(|v| !v.as_str().is_some_and(ours))
                .cloned()
                .collect(),
            _ => Vec::new(),
        };
        if let Some((_, add)) = rules.iter().find(|(name, _)| *name == list) {
            kept.extend(add.iter().cloned().map(Value::String));
        }
        if kept.is_empty() {
            permissions.shift_remove(list);
        } else {
            permissions.insert(list.to_owned(), Value::Array(kept));
        }
    }
    if permissions.is_empty() {
        map.shift_remove("permissions");
    }
    Ok(Merged {
        text: file_text(map),
        dropped_comments,
    })
}
