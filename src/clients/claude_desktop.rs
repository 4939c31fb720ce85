//! What the Claude desktop app asks for, from Kloudfuse's page for it and
//! Anthropic's support pages ("Get started with custom connectors using
//! remote MCP", support.claude.com article 11175166): a remote server is a
//! custom connector, added in the app, never in `claude_desktop_config.json`.

/// The client's id (share links, presets, test ids).
pub const ID: &str = "claude-desktop";
/// Its name, as Anthropic writes it.
pub const NAME: &str = "Claude Desktop";
/// What the form's shared rules need to know of it.
pub const FACTS: super::Facts = super::Facts {
    id: ID,
    name: NAME,
    adds_with: None,
    follows_release: false,
    bound_by_codex_requirements: false,
    reads_token_variable: false,
    sends_oauth_resource: false,
    sign_in: super::SignIn {
        command: "**Connect**",
        // From Anthropic's documentation: the sign-in runs from Anthropic's
        // cloud and returns to claude.ai.
        asks: super::Asks::Post,
        follows_other_origin: true,
        well_known: &[super::WellKnown::PathInserted, super::WellKnown::Root],
        falls_back_2025_03_26: true,
        selects_scopes: true,
        reads_scopes: false,
        metadata_document: None,
        registers: true,
        keeps_a_secret: true,
        redirect_uris: &CALLBACKS,
        tests_the_token: true,
        signs_in_only_at_initialize: false,
    },
};

/// Where the person adds it.
pub const WHERE: &str = "Settings → Connectors → Add custom connector";

/// The connector form's fields the page fills, in the order the app shows them.
pub const FIELDS: [&str; 2] = ["Name", "Remote MCP server URL"];

/// The app refuses a URL that does not start with this ("Invalid URL format").
pub const URL_SCHEME: &str = "https://";
/// …or does not end with this, for a Kloudfuse cluster.
pub const URL_PATH_END: &str = "/mcp";

/// Its OAuth callbacks, on Anthropic's sites (the cluster's allowlist must
/// hold them; Kloudfuse's chart default does).
pub const CALLBACKS: [&str; 2] = [
    "https://claude.ai/api/mcp/auth_callback",
    "https://claude.com/api/mcp/auth_callback",
];

/// Anthropic's page listing the IP ranges connectors come from: "Claude
/// connects to your remote MCP server from Anthropic's cloud
/// infrastructure, rather than from your local device", so the server must
/// be reachable from the internet even when the app runs inside the
/// network.
pub const IP_RANGES_PAGE: &str = "https://platform.claude.com/docs/en/api/ip-addresses";
