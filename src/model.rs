//! The two shapes of one `[mcp_servers.NAME]` entry: the [`Draft`] a person is
//! typing, and the [`ServerConfig`] that validation makes of it.

use url::Url;

/// The server name Kloudfuse's documentation uses.
pub const DEFAULT_NAME: &str = "kfuse";

/// What the person has typed, field by field, exactly as typed. Nothing here
/// is trusted; [`crate::validate::validate`] turns it into a [`ServerConfig`].
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    /// Server name, the key under `[mcp_servers]`.
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
}

impl Default for Draft {
    fn default() -> Self {
        Self {
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
        }
    }
}

/// The tools Codex may call: an optional allow list and a block list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ToolSelection {
    /// `true` when the person chose "only these tools" (`enabled_tools`).
    pub allow_only: bool,
    /// The "only these" list; ignored unless `allow_only`.
    pub enabled_tools: Vec<String>,
    /// The "never these" list (`disabled_tools`), applied after the allow list.
    pub disabled_tools: Vec<String>,
}

/// A validated server entry: every field is known to be accepted by Codex and
/// safe to render into TOML, shell commands and a share link.
#[derive(Clone, Debug, PartialEq)]
pub struct ServerConfig {
    /// Server name (ASCII letters, digits, `- _ : @ / .`).
    pub name: String,
    /// The normalised MCP URL (WHATWG serialisation).
    pub url: Url,
    /// `Some` when only these tools are exposed; never `Some(empty)`.
    pub enabled_tools: Option<Vec<String>>,
    /// Tools never exposed.
    pub disabled_tools: Vec<String>,
    /// `enabled` in config.toml.
    pub enabled: bool,
    /// `required` in config.toml.
    pub required: bool,
    /// `startup_timeout_sec`; `None` leaves Codex's default.
    pub startup_timeout_sec: Option<f64>,
    /// `tool_timeout_sec`; `None` leaves Codex's default.
    pub tool_timeout_sec: Option<f64>,
    /// OAuth scopes to request at login.
    pub scopes: Vec<String>,
    /// `oauth_resource`, an absolute URL.
    pub oauth_resource: Option<String>,
    /// `[mcp_servers.NAME.oauth] client_id`.
    pub oauth_client_id: Option<String>,
    /// `bearer_token_env_var`; when set, OAuth is not used.
    pub bearer_token_env_var: Option<String>,
}

impl ServerConfig {
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
    }
}

/// The form fields a finding can be attached to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// Server name.
    Name,
    /// MCP URL.
    Url,
    /// Allow and block lists.
    Tools,
    /// Startup timeout.
    StartupTimeout,
    /// Tool-call timeout.
    ToolTimeout,
    /// OAuth scopes.
    Scopes,
    /// OAuth resource.
    OauthResource,
    /// Pre-registered OAuth client id.
    OauthClientId,
    /// Bearer-token environment variable.
    BearerTokenEnvVar,
}
