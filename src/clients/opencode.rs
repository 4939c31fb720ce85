//! What OpenCode knows, as its real CLI answered on this machine (npm
//! `opencode-ai`, the release in [`CHECKED`], under a throwaway `HOME`,
//! against MCP servers on 127.0.0.1: `opencode mcp add`, `mcp auth`,
//! `mcp list` and `debug config`), with its documentation
//! (opencode.ai/docs/mcp-servers, …/permissions) where it cannot be asked.

/// The client's id (share links, presets, test ids).
pub const ID: &str = "opencode";
/// Its name, as its makers write it.
pub const NAME: &str = "OpenCode";
/// What the form's shared rules need to know of it.
pub const FACTS: super::Facts = super::Facts {
    id: ID,
    name: NAME,
    adds_with: Some("opencode mcp add"),
    follows_release: false,
    bound_by_codex_requirements: false,
    reads_token_variable: true,
    sends_oauth_resource: false,
    sign_in: super::SignIn {
        command: "`opencode mcp auth NAME`",
        // Measured with 1.18.33 against the MCP conformance suite's servers.
        asks: super::Asks::Post,
        follows_other_origin: true,
        well_known: &[super::WellKnown::PathInserted, super::WellKnown::Root],
        falls_back_2025_03_26: true,
        selects_scopes: true,
        reads_scopes: true,
        metadata_document: None,
        registers: true,
        keeps_a_secret: true,
        redirect_uris: &[REDIRECT_URI],
        tests_the_token: true,
        // `opencode mcp auth` answers "Authentication failed … Failed to get
        // tools" where `initialize` succeeds and `tools/list` asks for it.
        signs_in_only_at_initialize: true,
    },
};

/// The release the facts below were checked with.
pub const CHECKED: &str = "1.18.33";

/// Where `opencode mcp add` writes, wherever it runs (checked in a git
/// repository too).
pub const USER_FILE: &str = "~/.config/opencode/opencode.jsonc";
/// The same file, as a person types it on Windows.
pub const USER_FILE_WINDOWS: &str = "%USERPROFILE%\\.config\\opencode\\opencode.jsonc";
/// A repository's own config, at its root.
pub const PROJECT_FILE: &str = "opencode.json";

/// The file's schema, which `opencode mcp add` writes first.
pub const SCHEMA: &str = "https://opencode.ai/config.json";

/// Where its sign-in comes back: a fixed port on this computer (checked).
pub const REDIRECT_URI: &str = "http://127.0.0.1:19876/mcp/oauth/callback";
/// That port, to forward from another machine.
pub const CALLBACK_PORT: u16 = 19876;

/// A tool's name in OpenCode's `permission` rules: the server's name, `_`,
/// the tool's (`*` for every tool of the server). Of the rules that match
/// a call, the last one written decides.
pub fn permission_key(server: &str, tool: &str) -> String {
    format!("{server}_{tool}")
}
