//! What the GitHub Copilot CLI knows, as its real CLI answered on this
//! machine (npm `@github/copilot`, the release in [`CHECKED`], under a
//! throwaway `HOME`), with its documentation (docs.github.com, Copilot
//! CLI's command reference) where the CLI cannot be asked: its sign-in runs
//! inside a Copilot session, which needs a GitHub account, so no test here
//! drives it.

/// The client's id (share links, presets, test ids).
pub const ID: &str = "copilot-cli";
/// Its name, as GitHub writes it.
pub const NAME: &str = "GitHub Copilot CLI";
/// What the form's shared rules need to know of it.
pub const FACTS: super::Facts = super::Facts {
    id: ID,
    name: NAME,
    adds_with: Some("copilot mcp add"),
    follows_release: false,
    bound_by_codex_requirements: false,
    // A header's value is stored as given: the CLI documents no reading of
    // a variable there.
    reads_token_variable: false,
    sends_oauth_resource: false,
    sign_in: super::SignIn {
        command: "a Copilot session (`copilot`)",
        // From its documentation: it signs in when a session first connects.
        asks: super::Asks::Post,
        follows_other_origin: true,
        well_known: &[super::WellKnown::PathInserted, super::WellKnown::Root],
        falls_back_2025_03_26: false,
        selects_scopes: true,
        reads_scopes: false,
        metadata_document: None,
        registers: true,
        keeps_a_secret: true,
        redirect_uris: &["http://127.0.0.1:*/"],
        tests_the_token: true,
        signs_in_only_at_initialize: false,
    },
};

/// The release the facts below were checked with.
pub const CHECKED: &str = "1.0.102";

/// Where `copilot mcp add` writes (its user configuration).
pub const USER_FILE: &str = "~/.copilot/mcp-config.json";
/// The same file, as a person types it on Windows.
pub const USER_FILE_WINDOWS: &str = "%USERPROFILE%\\.copilot\\mcp-config.json";
/// A repository's own servers, at its root (also read: `.github/mcp.json`).
pub const PROJECT_FILE: &str = ".mcp.json";

/// Where `copilot mcp disable NAME` records a server it keeps off
/// (`"disabledMcpServers": [NAME]`, checked).
pub const SETTINGS_FILE: &str = "~/.copilot/settings.json";

/// `--tools` with this stores every tool (the default, `["*"]`).
pub const ALL_TOOLS: &str = "*";

/// A session's flag that lets a tool be called without asking: `SERVER`
/// for all its tools, `SERVER(TOOL)` for one.
pub const ALLOW_TOOL: &str = "--allow-tool";
