//! Claude Code's room: the commands that add the server and sign in once
//! (bash/zsh and PowerShell), the `permissions` rules the tool choices
//! mean (alone, or merged into the person's settings), Verify, the
//! administrators' file, the form in its words and the notes for what it
//! cannot express.

use serde_json::{Map, Value, json};

use super::json::{compact, object_at, pretty, read_settings, settings_file as file_text};
use super::quote::{posix_quote, powershell_quote, push_line};
use super::room::{Block, Merged, Room, Section, Word, notes, others_than_allowed, standard_word};
use crate::clients::{Client, claude_code as facts};
use crate::model::{ApprovalMode, ConfigLocation, ServerConfig};
use crate::validate::{describe_char, excerpt};

/// The commands, in the order they run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaudeSteps {
    /// Removes an earlier entry of the name (`add` refuses a name it has);
    /// fails harmlessly when there is none.
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
        // One string, the scopes separated by spaces.
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
        // The name and URL before any option that takes several values.
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

/// Claude Code's room.
pub struct ClaudeCode;

impl Room for ClaudeCode {
    fn client(&self) -> Client {
        Client::ClaudeCode
    }

    fn word(&self, word: Word) -> String {
        match word {
            Word::Lede => "Enter your cluster's address and choose the tools Claude Code may use. The page writes the `claude mcp` commands that add the server and sign in once, and the permission rules the tool choices mean, ready to copy. Nothing you type leaves this browser.".to_owned(),
            Word::ApprovalHint => "Each tool below can differ; they become allow and ask rules in Claude Code's settings.".to_owned(),
            Word::LocationHint(ConfigLocation::User) => format!(
                "In {} (its user scope), and the tool rules in {}.",
                facts::USER_FILE,
                facts::USER_SETTINGS
            ),
            Word::LocationHint(ConfigLocation::Project) => format!(
                "In {} at the repository's root, shared with the team: Claude Code asks each person to approve it once. Tool rules in {}.",
                facts::PROJECT_FILE,
                facts::PROJECT_SETTINGS
            ),
            Word::Footer => format!(
                "Written for Claude Code {}, as its CLI answered. Sign-in uses OAuth in your browser: the commands sign in once, and `claude mcp login NAME` signs in again.",
                facts::CHECKED
            ),
            other => standard_word(self, other),
        }
    }

    fn shows(&self, section: Section) -> bool {
        matches!(section, Section::Where | Section::Approvals)
    }

    /// It asks before every call of a server's tool unless a rule allows it.
    fn default_approval(&self) -> Option<ApprovalMode> {
        Some(ApprovalMode::Prompt)
    }

    fn refusal(&self, config: &ServerConfig) -> Option<String> {
        let name = &config.name;
        let bad = name.chars().find(|&c| !facts::name_char_ok(c))?;
        let fixed: String = name
            .chars()
            .map(|c| if facts::name_char_ok(c) { c } else { '-' })
            .collect();
        Some(format!(
            "Claude Code refuses {} as a server name ({} is not allowed): its names take only letters, digits, hyphens and underscores. Write {} in the server name instead.",
            excerpt(name),
            describe_char(bad),
            excerpt(&fixed)
        ))
    }

    fn notes(&self, config: &ServerConfig, known: &[String]) -> Vec<String> {
        let name = facts::NAME;
        let mut out = Vec::new();
        out.extend(notes::no_allow_list(name, "the settings deny", config, known));
        out.extend(notes::reads_no_annotations(name, config));
        if !config.enabled {
            out.push("Claude Code has no setting in the entry to keep a server off: the commands add it on; turn it off in Claude Code with /mcp.".to_owned());
        }
        out.extend(notes::no_required(name, config));
        if let Some(startup) = &config.startup_timeout_sec {
            out.push(format!("Claude Code's wait for a server to start is one setting for every server, the environment variable MCP_TIMEOUT in milliseconds: start it as `MCP_TIMEOUT={} claude`.", startup.millis()));
        }
        if let Some(tool) = &config.tool_timeout_sec {
            out.push(format!("Claude Code's wait for a tool call is one setting for every server, the environment variable MCP_TOOL_TIMEOUT in milliseconds: start it as `MCP_TOOL_TIMEOUT={} claude`.", tool.millis()));
        }
        out.extend(notes::no_resource(name, config));
        out
    }

    fn panel(&self, config: Option<&ServerConfig>, known: &[String]) -> Vec<Block> {
        let file = config.map_or(facts::USER_FILE, entry_file);
        let rules_file = config.map_or(facts::USER_SETTINGS, settings_file);
        let mut blocks = vec![
            Block::heading(facts::NAME),
            Block::text(format!(
                "Run these in a terminal: they replace any entry of this name in `{file}`, then sign in once (unlike Codex, adding a server does not sign in). Checked with Claude Code {}.",
                facts::CHECKED
            )),
            Block::copy("claude-cli-posix", "bash/zsh commands", config.map(render_claude_posix)),
            Block::copy("claude-cli-powershell", "PowerShell commands", config.map(render_claude_powershell)),
        ];
        if config.is_some_and(|c| needs_approval(c) && !c.uses_bearer_token()) {
            blocks.push(Block::text("Once you have approved it, sign in (bash/zsh and PowerShell alike):"));
            blocks.push(Block::copy("claude-login", "sign-in command", config.and_then(render_claude_login)));
        }
        blocks.extend([
            Block::heading("Which tools, and when it asks"),
            Block::text(format!(
                "Claude Code keeps tool rules in its settings: add these to `{rules_file}` (a deny rule wins over any allow rule). `{{}}` means the choices need no rule."
            )),
            Block::copy("claude-settings", "settings.json rules", config.map(|c| render_claude_settings(c, known))),
            Block::Merge {
                ids: ["claude-settings-input", "claude-settings-error", "claude-settings-merged"],
                what: "the rules",
            },
            Block::heading("Verify"),
            Block::copy("claude-verify", "Verify commands", config.map(render_claude_verify)),
            Block::SignInCheck,
            Block::Admin(vec![
                Block::text("Allow this server, and no server an allowlist does not name, on every machine: install as"),
                Block::List {
                    testid: None,
                    items: facts::MANAGED_DIRS
                        .iter()
                        .map(|(system, dir)| format!("{system}: `{dir}{}`", facts::MANAGED_SETTINGS))
                        .collect(),
                },
                Block::copy("admin-claude-managed-settings", "managed-settings.json", config.map(managed_settings)),
                Block::note(format!(
                    "Claude Code then refuses any other server (\"{}\"). Merge into an existing file by hand: it may hold other policies.",
                    facts::NOT_ALLOWED
                )),
            ]),
        ]);
        blocks
    }

    fn merge(
        &self,
        pasted: &str,
        config: &ServerConfig,
        known: &[String],
    ) -> Option<Result<Merged, String>> {
        Some(merge_claude_settings(pasted, config, known, settings_file(config)))
    }

    fn sign_in(&self) -> &'static str {
        "`claude mcp login`"
    }
}
