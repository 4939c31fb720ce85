//! Claude Code's [`Room`]: the form in its words, what it refuses, the
//! notes for what it cannot express, and its panel.

use super::{
    entry_file, managed_settings, merge_claude_settings, needs_approval,
    render_claude_login, render_claude_posix, render_claude_powershell, render_claude_settings,
    render_claude_verify, settings_file,
};
use crate::clients::{Client, claude_code as facts};
use crate::model::{ApprovalMode, ConfigLocation, ServerConfig};
use crate::render::room::{Block, Merged, Output, Room, Section, Word, Words, notes, panel_outputs, standard_word};
use crate::validate::{describe_char, excerpt};

/// Claude Code's room.
pub struct ClaudeCode;

impl Words for ClaudeCode {
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
            Word::RemoteHint => "Over SSH, in a dev container or on a cloud workstation: sign-in then prints a link to open on your own computer instead of opening a browser.".to_owned(),
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
}

impl Room for ClaudeCode {
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
                file: "settings.json",
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
}

/// Claude Code's outputs: its panel's copy blocks.
pub fn outputs(config: &ServerConfig, known: &[String]) -> Vec<Output> {
    panel_outputs(ClaudeCode.panel(Some(config), known))
}
