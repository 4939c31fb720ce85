//! What Claude Code knows, as its real CLI answered on this machine
//! (npm `@anthropic-ai/claude-code`, the release in [`CHECKED`], under a
//! throwaway `HOME`, against MCP servers on 127.0.0.1), with its public
//! documentation (code.claude.com/docs/en/mcp, …/permissions,
//! …/managed-mcp) where the CLI cannot be asked.

/// The client's id (share links, presets, test ids).
pub const ID: &str = "claude-code";
/// Its name, as Anthropic writes it.
pub const NAME: &str = "Claude Code";
/// What the form's shared rules need to know of it.
pub const FACTS: super::Facts = super::Facts {
    id: ID,
    name: NAME,
    adds_with: Some("claude mcp add"),
    follows_release: false,
    bound_by_codex_requirements: false,
    reads_token_variable: true,
    sends_oauth_resource: false,
    sign_in: super::SignIn {
        command: "`claude mcp login NAME`",
        // Measured with 2.1.332 against the MCP conformance suite's servers.
        asks: super::Asks::Never,
        follows_other_origin: false,
        well_known: &[super::WellKnown::PathInserted, super::WellKnown::Root],
        falls_back_2025_03_26: true,
        selects_scopes: true,
        reads_scopes: true,
        metadata_document: Some("https://claude.ai/oauth/claude-code-client-metadata"),
        registers: true,
        keeps_a_secret: true,
        redirect_uris: &["http://localhost:*/callback"],
        tests_the_token: true,
        signs_in_only_at_initialize: false,
    },
};

/// The release the facts below were checked with.
pub const CHECKED: &str = "2.1.332";

/// `claude mcp add` refuses a name with anything but these, in its words:
/// "Invalid name NAME. Names can only contain letters, numbers, hyphens,
/// and underscores." (ASCII letters: `ü` is refused too.)
pub fn name_char_ok(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// Where `--scope user` writes the entry: the top-level `mcpServers` of
/// this file (`%USERPROFILE%\.claude.json` on Windows).
pub const USER_FILE: &str = "~/.claude.json";
/// Where `--scope project` writes the entry: the repository's root.
pub const PROJECT_FILE: &str = ".mcp.json";

/// The settings file for every project (permissions rules live here).
pub const USER_SETTINGS: &str = "~/.claude/settings.json";
/// The settings file of one repository, shared with its team.
pub const PROJECT_SETTINGS: &str = ".claude/settings.json";

/// The name Claude Code gives a server's tool in permission rules and to
/// the model: `mcp__SERVER__TOOL`, every character of the server's or the
/// tool's name other than ASCII letters, digits, `_` and `-` written `_`
/// (checked: a rule for `mcp__kfuse__notes.echo` denies nothing, one for
/// `mcp__kfuse__notes_echo` denies the tool `notes.echo`).
pub fn tool_rule(server: &str, tool: &str) -> String {
    format!("mcp__{}__{}", clean(server), clean(tool))
}

/// A rule for every tool of a server; as a deny rule, no allow rule
/// overrides it (deny wins, checked).
pub fn all_tools_rule(server: &str) -> String {
    format!("mcp__{}__*", clean(server))
}

fn clean(name: &str) -> String {
    name.chars()
        .map(|c| if name_char_ok(c) { c } else { '_' })
        .collect()
}

/// The files an administrator installs, by system (`managed-settings.json`
/// holds `allowedMcpServers` / `deniedMcpServers`).
pub const MANAGED_DIRS: [(&str, &str); 3] = [
    ("Linux and WSL", "/etc/claude-code/"),
    ("macOS", "/Library/Application Support/ClaudeCode/"),
    ("Windows", "C:\\Program Files\\ClaudeCode\\"),
];

/// The managed settings file's name.
pub const MANAGED_SETTINGS: &str = "managed-settings.json";

/// What Claude Code says of a server an administrator's allowlist leaves
/// out, when someone adds it (checked).
pub const NOT_ALLOWED: &str = "not allowed by enterprise policy";
