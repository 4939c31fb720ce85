//! What VS Code (its chat's agent mode, GitHub Copilot) knows of MCP
//! servers, from its documentation (code.visualstudio.com: "MCP
//! configuration reference", the MCP developer guide's install links):
//! no VS Code runs on this machine, so its entry is held against what
//! add-mcp (a peer, pinned) writes for it.

/// The client's id (share links, presets, test ids).
pub const ID: &str = "vscode";
/// Its name, as Microsoft writes it.
pub const NAME: &str = "VS Code";
/// What the form's shared rules need to know of it.
pub const FACTS: super::Facts = super::Facts {
    id: ID,
    name: NAME,
    adds_with: Some("code --add-mcp"),
    follows_release: false,
    bound_by_codex_requirements: false,
    // `${env:NAME}`, one of VS Code's predefined variables.
    reads_token_variable: true,
    sends_oauth_resource: false,
    sign_in: super::SignIn {
        command: "the server's **Start** in VS Code",
        // From its documentation: not measured here.
        asks: super::Asks::Post,
        follows_other_origin: true,
        well_known: &[super::WellKnown::PathInserted, super::WellKnown::Root],
        falls_back_2025_03_26: true,
        selects_scopes: true,
        reads_scopes: false,
        metadata_document: Some("https://vscode.dev/oauth/client-metadata.json"),
        registers: true,
        keeps_a_secret: true,
        redirect_uris: &[
            "https://vscode.dev/redirect",
            "https://insiders.vscode.dev/redirect",
            "http://127.0.0.1/",
            "http://127.0.0.1:33418/",
        ],
        tests_the_token: true,
        signs_in_only_at_initialize: false,
    },
};

/// The user profile's `mcp.json`, by system.
pub const USER_FILES: [(&str, &str); 3] = [
    ("Linux", "~/.config/Code/User/mcp.json"),
    ("macOS", "~/Library/Application Support/Code/User/mcp.json"),
    ("Windows", "%APPDATA%\\Code\\User\\mcp.json"),
];
/// A repository's own servers.
pub const PROJECT_FILE: &str = ".vscode/mcp.json";

/// The install link's start: the URL-encoded JSON of the server, with its
/// name, follows.
pub const INSTALL_LINK: &str = "vscode:mcp/install?";

/// The enterprise policy that decides which MCP servers VS Code may use.
pub const ACCESS_POLICY: &str = "chat.mcp.access";
