//! The ground floor: the two shapes of one connection to a remote MCP
//! server, the [`Draft`] a person is typing and the [`ServerConfig`] that
//! validation makes of it, for whichever client ([`Client`]) it is written
//! for, and what a tool is ([`Tool`]), whatever it came from. It imports
//! only the clients' facts (`crate::clients`), on the same floor.

mod field;
mod seconds;
mod tool;

pub use self::field::Field;
pub use self::seconds::Seconds;
pub use self::tool::{Tool, ToolEffect, ToolSelection, decode_compact, encode_compact};

use url::Url;

pub use crate::clients::Client;
use crate::clients::codex::Release;

/// The server name Kloudfuse's documentation uses.
pub const DEFAULT_NAME: &str = "kfuse";

/// What the person has typed, field by field, exactly as typed. Nothing here
/// is trusted; [`crate::validate::validate`] turns it into a [`ServerConfig`].
/// The fields carry Codex's names (the share link's, which came first);
/// each client's renderers say what a field means for that client.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    /// The client the connection is written for.
    pub client: Client,
    /// Server name: the key under Codex's `[mcp_servers]`, the other
    /// clients' `mcpServers`, the connector's name in Claude Desktop.
    pub name: String,
    /// Cluster or MCP URL as typed (`acme.kloudfuse.io`, `https://…/mcp`).
    pub url: String,
    /// Tool filters ("only these" and "never these").
    pub tools: ToolSelection,
    /// Whether Codex starts the server (`enabled`).
    pub enabled: bool,
    /// Whether Codex refuses to start when the server fails (`required`).
    pub required: bool,
    /// Seconds to wait for the server to start; empty means Codex's default.
    pub startup_timeout_sec: String,
    /// Seconds to wait for one tool call; empty means Codex's default.
    pub tool_timeout_sec: String,
    /// OAuth scopes, separated by commas or spaces.
    pub scopes: String,
    /// The OAuth `resource` parameter, when it differs from the URL.
    pub oauth_resource: String,
    /// A client id registered in advance with the authorization server.
    pub oauth_client_id: String,
    /// Name of the environment variable holding a bearer token (token clusters).
    pub bearer_token_env_var: String,
    /// Which config.toml holds the entry.
    pub location: ConfigLocation,
    /// Whether Codex runs on another machine than the person's browser (SSH,
    /// a dev container, a cloud workstation), so sign-in cannot open a browser.
    pub remote: bool,
    /// When Codex asks before calling this server's tools
    /// (`default_tools_approval_mode`); `None` leaves Codex's default.
    pub default_approval: Option<ApprovalMode>,
    /// Per-tool approval modes (`[mcp_servers.NAME.tools.TOOL] approval_mode`),
    /// in the order chosen.
    pub tool_approvals: Vec<(String, ApprovalMode)>,
    /// The Codex release the person runs, as typed (`0.130`); empty means
    /// the newest the page knows.
    pub codex: String,
}

/// When Codex asks the person before calling a tool: Codex's
/// `AppToolApproval` (`auto | prompt | writes | approve`), as decided in
/// `requires_mcp_tool_approval_for_mode` (codex-rs/core/src/mcp_tool_call.rs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ApprovalMode {
    /// Codex's default: asks unless the tool is marked read-only, and always
    /// for a tool marked destructive.
    Auto,
    /// Asks every time, and "allow for this session" counts once only.
    Prompt,
    /// Asks every time for any tool not marked read-only.
    Writes,
    /// Never asks.
    Approve,
}

impl ApprovalMode {
    /// Every mode, in the order the page offers them.
    pub const ALL: [Self; 4] = [Self::Auto, Self::Prompt, Self::Writes, Self::Approve];

    /// Codex's name for the mode.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Prompt => "prompt",
            Self::Writes => "writes",
            Self::Approve => "approve",
        }
    }

    /// The mode Codex calls `value`.
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == value)
    }

    /// The mode in a person's words (a client's room adds which mode is
    /// its default).
    pub fn describe(self) -> &'static str {
        match self {
            Self::Auto => "Ask when it may change data",
            Self::Prompt => "Ask me every time",
            Self::Writes => "Ask every time unless marked read-only",
            Self::Approve => "Never ask",
        }
    }
}

/// Which `config.toml` holds the entry.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ConfigLocation {
    /// `~/.codex/config.toml` (`%USERPROFILE%\.codex\config.toml`): every project.
    #[default]
    User,
    /// `.codex/config.toml` in a repository, which Codex reads only once the
    /// person has trusted that project.
    Project,
}

impl ConfigLocation {
    /// The value used in share links and the page's radio group.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::Project => "project",
        }
    }

    /// The location named `value` (`user` or `project`).
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "user" => Some(Self::User),
            "project" => Some(Self::Project),
            _ => None,
        }
    }
}

impl Default for Draft {
    fn default() -> Self {
        Self {
            client: Client::default(),
            name: DEFAULT_NAME.to_owned(),
            url: String::new(),
            tools: ToolSelection::default(),
            enabled: true,
            required: false,
            startup_timeout_sec: String::new(),
            tool_timeout_sec: String::new(),
            scopes: String::new(),
            oauth_resource: String::new(),
            oauth_client_id: String::new(),
            bearer_token_env_var: String::new(),
            location: ConfigLocation::User,
            remote: false,
            default_approval: None,
            tool_approvals: Vec::new(),
            codex: crate::clients::codex::newest().to_string(),
        }
    }
}

/// A validated connection: every field is known to be accepted by the
/// client it is for and safe to render into its files, shell commands and
/// a share link.
#[derive(Clone, Debug, PartialEq)]
pub struct ServerConfig {
    /// The client the outputs are written for.
    pub client: Client,
    /// Server name (ASCII letters, digits, `- _ : @ / .`).
    pub name: String,
    /// The normalised MCP URL (WHATWG serialisation).
    pub url: Url,
    /// The same URL written exactly as the organisation's Codex requirements
    /// allow it, when they name this server: Codex compares the bytes, so
    /// the entry carries these instead of the normalised form.
    pub exact_url: Option<String>,
    /// `Some` when only these tools are exposed; never `Some(empty)`.
    pub enabled_tools: Option<Vec<String>>,
    /// Tools never exposed.
    pub disabled_tools: Vec<String>,
    /// `enabled` in config.toml.
    pub enabled: bool,
    /// `required` in config.toml.
    pub required: bool,
    /// `startup_timeout_sec`; `None` leaves Codex's default.
    pub startup_timeout_sec: Option<Seconds>,
    /// `tool_timeout_sec`; `None` leaves Codex's default.
    pub tool_timeout_sec: Option<Seconds>,
    /// OAuth scopes to request at login.
    pub scopes: Vec<String>,
    /// `oauth_resource`, an absolute URL.
    pub oauth_resource: Option<String>,
    /// `[mcp_servers.NAME.oauth] client_id`.
    pub oauth_client_id: Option<String>,
    /// `bearer_token_env_var`; when set, OAuth is not used.
    pub bearer_token_env_var: Option<String>,
    /// Which config.toml holds the entry (not part of the entry itself).
    pub location: ConfigLocation,
    /// Whether Codex runs on another machine, so sign-in must not wait for a
    /// browser on the same machine (not part of the entry itself).
    pub remote: bool,
    /// `default_tools_approval_mode`.
    pub default_approval: Option<ApprovalMode>,
    /// `[mcp_servers.NAME.tools.TOOL] approval_mode`, one per tool name.
    pub tool_approvals: Vec<(String, ApprovalMode)>,
    /// The Codex release the outputs are written for (not part of the entry).
    pub codex: Release,
}

impl ServerConfig {
    /// The URL as the entry writes it: the organisation's exact bytes when
    /// its requirements name this server, else the normalised URL.
    pub fn url_text(&self) -> &str {
        self.exact_url.as_deref().unwrap_or(self.url.as_str())
    }

    /// Whether this entry authenticates with a bearer token instead of OAuth.
    pub fn uses_bearer_token(&self) -> bool {
        self.bearer_token_env_var.is_some()
    }

    /// Fields that `codex mcp add` has no flag for, so only config.toml holds them.
    pub fn has_config_only_fields(&self) -> bool {
        !self.enabled
            || self.required
            || self.startup_timeout_sec.is_some()
            || self.tool_timeout_sec.is_some()
            || self.enabled_tools.is_some()
            || !self.disabled_tools.is_empty()
            || !self.scopes.is_empty()
            || self.default_approval.is_some()
            || !self.tool_approvals.is_empty()
    }
}
