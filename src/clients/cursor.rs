//! What Cursor knows of MCP servers, from its documentation
//! (cursor.com/docs: MCP, "MCP Install Links"): no Cursor runs on this
//! machine, so its entry is held against what add-mcp (a peer, pinned)
//! writes for it.

/// The client's id (share links, presets, test ids).
pub const ID: &str = "cursor";
/// Its name, as Anysphere writes it.
pub const NAME: &str = "Cursor";
/// What the form's shared rules need to know of it.
pub const FACTS: super::Facts = super::Facts {
    id: ID,
    name: NAME,
    adds_with: None,
    // `${env:NAME}` in `headers` (its config interpolation).
    reads_token_variable: true,
    follows_release: false,
    bound_by_codex_requirements: false,
    sends_oauth_resource: false,
    sign_in: super::SignIn {
        command: "the server's **Connect** in Cursor",
        // From its documentation and issue trackers: not measured here.
        asks: super::Asks::Post,
        follows_other_origin: true,
        well_known: &[super::WellKnown::PathInserted, super::WellKnown::Root],
        falls_back_2025_03_26: false,
        selects_scopes: true,
        reads_scopes: true,
        metadata_document: None,
        registers: true,
        keeps_a_secret: true,
        redirect_uris: &[
            "cursor://anysphere.cursor-mcp/oauth/callback",
            "https://www.cursor.com/agents/mcp/oauth/callback",
        ],
        tests_the_token: true,
        signs_in_only_at_initialize: false,
    },
};

/// Where the person's own servers are.
pub const USER_FILE: &str = "~/.cursor/mcp.json";
/// The same file, as a person types it on Windows.
pub const USER_FILE_WINDOWS: &str = "%USERPROFILE%\\.cursor\\mcp.json";
/// A repository's own servers.
pub const PROJECT_FILE: &str = ".cursor/mcp.json";

/// The install link's start: `name=NAME&config=` and the base64 of the
/// server's JSON follow.
pub const INSTALL_LINK: &str = "cursor://anysphere.cursor-deeplink/mcp/install?";
