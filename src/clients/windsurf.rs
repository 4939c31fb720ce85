//! What Windsurf (Cascade) knows of MCP servers, from its documentation
//! (docs.windsurf.com, Cascade: MCP): no Windsurf runs on this machine, so
//! its entry is held against what add-mcp (a peer, pinned) writes for it.

/// The client's id (share links, presets, test ids).
pub const ID: &str = "windsurf";
/// Its name, as its makers write it.
pub const NAME: &str = "Windsurf";
/// What the form's shared rules need to know of it.
pub const FACTS: super::Facts = super::Facts {
    id: ID,
    name: NAME,
    adds_with: None,
    follows_release: false,
    bound_by_codex_requirements: false,
    // `${env:NAME}` in `serverUrl` and `headers` (its config interpolation).
    reads_token_variable: true,
    sends_oauth_resource: false,
    sign_in: super::SignIn {
        command: "the server's sign-in in Windsurf's MCP settings",
        // From its documentation: not measured here.
        asks: super::Asks::Post,
        follows_other_origin: true,
        well_known: &[super::WellKnown::PathInserted, super::WellKnown::Root],
        falls_back_2025_03_26: false,
        selects_scopes: true,
        reads_scopes: false,
        metadata_document: None,
        registers: true,
        keeps_a_secret: true,
        // Its documentation names no redirect URI.
        redirect_uris: &[],
        tests_the_token: true,
        signs_in_only_at_initialize: false,
    },
};

/// Its one file of MCP servers, for every workspace.
pub const USER_FILE: &str = "~/.codeium/windsurf/mcp_config.json";
/// The same file, as a person types it on Windows.
pub const USER_FILE_WINDOWS: &str = "%USERPROFILE%\\.codeium\\windsurf\\mcp_config.json";
