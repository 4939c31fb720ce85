//! What the Gemini CLI knows, as its real CLI answered on this machine
//! (npm `@google/gemini-cli`, the release in [`CHECKED`], under a
//! throwaway `HOME`), with its documentation (docs/tools/mcp-server.md,
//! docs/cli/enterprise.md in google-gemini/gemini-cli) where the CLI
//! cannot be asked.

/// The client's id (share links, presets, test ids).
pub const ID: &str = "gemini";
/// Its name, as Google writes it.
pub const NAME: &str = "Gemini CLI";
/// What the form's shared rules need to know of it.
pub const FACTS: super::Facts = super::Facts {
    id: ID,
    name: NAME,
    adds_with: Some("gemini mcp add"),
    follows_release: false,
    bound_by_codex_requirements: false,
    reads_token_variable: true,
    sends_oauth_resource: false,
    sign_in: super::SignIn {
        command: "`/mcp auth NAME`",
        // From its documentation (docs/tools/mcp-server.md): its sign-in
        // runs inside the CLI, which no test here can drive headless.
        asks: super::Asks::Post,
        follows_other_origin: true,
        well_known: &[super::WellKnown::PathInserted, super::WellKnown::Root],
        falls_back_2025_03_26: true,
        selects_scopes: true,
        reads_scopes: true,
        metadata_document: None,
        registers: true,
        keeps_a_secret: true,
        redirect_uris: &["http://localhost:*/oauth/callback"],
        tests_the_token: true,
        signs_in_only_at_initialize: false,
    },
};

/// The release the facts below were checked with.
pub const CHECKED: &str = "0.61.0";

/// `gemini mcp add` takes any name (spaces and `ü` too), but names the
/// server's tools `mcp_SERVER_TOOL` and its documentation says "Do not use
/// underscores in your MCP server names": a character the page warns about.
pub const DISCOURAGED_NAME_CHAR: char = '_';

/// Where `--scope user` writes the entry (`%USERPROFILE%\.gemini\settings.json`).
pub const USER_FILE: &str = "~/.gemini/settings.json";
/// The same file, as a person types it on Windows.
pub const USER_FILE_WINDOWS: &str = "%USERPROFILE%\\.gemini\\settings.json";
/// Where `--scope project` (the CLI's default) writes it.
pub const PROJECT_FILE: &str = ".gemini/settings.json";

/// Signing in happens inside the CLI: `/mcp auth NAME`, or by itself when
/// it first connects to a server that answers 401; the callback listens on
/// `http://localhost:PORT/oauth/callback`, a random port unless
/// `OAUTH_CALLBACK_PORT` fixes it.
pub const CALLBACK_PORT_VARIABLE: &str = "OAUTH_CALLBACK_PORT";

/// The port the page suggests fixing the callback at, to forward it from
/// another machine (any free port works).
pub const FORWARDED_CALLBACK_PORT: u16 = 8976;

/// A server at user level is listed as "Disabled" in a folder the person
/// has not trusted; this file records the folders they trust.
pub const TRUSTED_FOLDERS: &str = "~/.gemini/trustedFolders.json";

/// The system settings an administrator installs, by system; their
/// `mcpServers` win over a user's, and `mcp.allowed` lists the only server
/// names the CLI connects to (others show "Blocked").
pub const SYSTEM_SETTINGS: [(&str, &str); 3] = [
    ("Linux", "/etc/gemini-cli/settings.json"),
    (
        "macOS",
        "/Library/Application Support/GeminiCli/settings.json",
    ),
    ("Windows", "C:\\ProgramData\\gemini-cli\\settings.json"),
];

/// What `gemini mcp list` says of a server `mcp.allowed` leaves out.
pub const BLOCKED: &str = "Blocked";
