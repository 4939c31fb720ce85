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

    /// The mode in a person's words.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Auto => "Ask when it may change data (Codex's default)",
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

impl ToolSelection {
    /// Replaces the tool `from` with `to` in both lists, in place, keeping
    /// one copy where `to` was already listed.
    pub fn rename(&mut self, from: &str, to: &str) {
        for list in [&mut self.enabled_tools, &mut self.disabled_tools] {
            if let Some(slot) = list.iter().position(|t| t == from) {
                to.clone_into(&mut list[slot]);
            }
            let mut seen = std::collections::HashSet::new();
            list.retain(|t| seen.insert(t.clone()));
        }
    }
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
            || self.default_approval.is_some()
            || !self.tool_approvals.is_empty()
    }
}

/// A number of seconds written as a plain decimal (`30`, `12.5`), kept as
/// its digits: the page never needs floating-point parsing or printing
/// (about 20 kB of its wasm), and Codex reads the value as a float.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seconds {
    /// Digits before the point, without leading zeros (`"0"` for none).
    whole: String,
    /// Digits after the point, without trailing zeros (may be empty).
    fraction: String,
}

impl Seconds {
    /// Reads `digits[.digits]` (either side may be left out, not both);
    /// `None` for anything else, signs and exponents included.
    pub fn parse(typed: &str) -> Option<Self> {
        let (whole, fraction) = typed.split_once('.').unwrap_or((typed, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (whole.is_empty() && fraction.is_empty()) || !digits(whole) || !digits(fraction) {
            return None;
        }
        let whole = whole.trim_start_matches('0');
        Some(Self {
            whole: if whole.is_empty() { "0" } else { whole }.to_owned(),
            fraction: fraction.trim_end_matches('0').to_owned(),
        })
    }

    /// Whether this is no time at all.
    pub fn is_zero(&self) -> bool {
        self.whole == "0" && self.fraction.is_empty()
    }

    /// Whether this is more than `limit` whole seconds.
    pub fn exceeds(&self, limit: u32) -> bool {
        let limit = limit.to_string();
        match self.whole.len().cmp(&limit.len()) {
            std::cmp::Ordering::Equal => match self.whole.as_str().cmp(limit.as_str()) {
                std::cmp::Ordering::Equal => !self.fraction.is_empty(),
                other => other.is_gt(),
            },
            other => other.is_gt(),
        }
    }

    /// The value as a TOML float: `30.0`, `12.5`.
    pub fn to_toml(&self) -> String {
        let fraction = if self.fraction.is_empty() {
            "0"
        } else {
            &self.fraction
        };
        format!("{}.{fraction}", self.whole)
    }
}

impl std::fmt::Display for Seconds {
    /// The shortest plain decimal: `30`, `12.5`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.whole)?;
        if !self.fraction.is_empty() {
            write!(f, ".{}", self.fraction)?;
        }
        Ok(())
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

impl Field {
    /// Every field, in form order.
    pub const ALL: [Field; 9] = [
        Field::Name,
        Field::Url,
        Field::Tools,
        Field::StartupTimeout,
        Field::ToolTimeout,
        Field::Scopes,
        Field::OauthResource,
        Field::OauthClientId,
        Field::BearerTokenEnvVar,
    ];

    /// The field as a sentence names it.
    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "the server name",
            Field::Url => "the cluster URL",
            Field::Tools => "the tool lists",
            Field::StartupTimeout => "the startup timeout",
            Field::ToolTimeout => "the tool timeout",
            Field::Scopes => "the OAuth scopes",
            Field::OauthResource => "the OAuth resource",
            Field::OauthClientId => "the OAuth client ID",
            Field::BearerTokenEnvVar => "the bearer token variable",
        }
    }
}

impl Draft {
    /// Every field, losslessly, as `application/x-www-form-urlencoded` text:
    /// how the page hands the draft to its lazily loaded second module. Unlike
    /// a share link this keeps everything as typed (it never leaves the page).
    pub fn encode(&self) -> String {
        let mut out = url::form_urlencoded::Serializer::new(String::new());
        for (key, value) in [
            ("name", &self.name),
            ("url", &self.url),
            ("startup_timeout_sec", &self.startup_timeout_sec),
            ("tool_timeout_sec", &self.tool_timeout_sec),
            ("scopes", &self.scopes),
            ("oauth_resource", &self.oauth_resource),
            ("oauth_client_id", &self.oauth_client_id),
            ("bearer_token_env_var", &self.bearer_token_env_var),
            ("location", &self.location.as_str().to_owned()),
        ] {
            out.append_pair(key, value);
        }
        for (key, on) in [
            ("enabled", self.enabled),
            ("required", self.required),
            ("allow_only", self.tools.allow_only),
            ("remote", self.remote),
        ] {
            out.append_pair(key, if on { "1" } else { "0" });
        }
        for tool in &self.tools.enabled_tools {
            out.append_pair("enabled_tool", tool);
        }
        for tool in &self.tools.disabled_tools {
            out.append_pair("disabled_tool", tool);
        }
        if let Some(mode) = self.default_approval {
            out.append_pair("default_approval", mode.as_str());
        }
        for (tool, mode) in &self.tool_approvals {
            out.append_pair("tool_approval", &format!("{}:{tool}", mode.as_str()));
        }
        out.finish()
    }

    /// The draft [`Draft::encode`] wrote; unknown keys are ignored and missing
    /// ones keep [`Draft::default`]'s value.
    pub fn decode(encoded: &str) -> Self {
        let mut draft = Self::default();
        for (key, value) in url::form_urlencoded::parse(encoded.as_bytes()) {
            let value = value.into_owned();
            match &*key {
                "name" => draft.name = value,
                "url" => draft.url = value,
                "startup_timeout_sec" => draft.startup_timeout_sec = value,
                "tool_timeout_sec" => draft.tool_timeout_sec = value,
                "scopes" => draft.scopes = value,
                "oauth_resource" => draft.oauth_resource = value,
                "oauth_client_id" => draft.oauth_client_id = value,
                "bearer_token_env_var" => draft.bearer_token_env_var = value,
                "enabled" => draft.enabled = value == "1",
                "required" => draft.required = value == "1",
                "allow_only" => draft.tools.allow_only = value == "1",
                "remote" => draft.remote = value == "1",
                "location" => draft.location = ConfigLocation::parse(&value).unwrap_or_default(),
                "enabled_tool" => draft.tools.enabled_tools.push(value),
                "disabled_tool" => draft.tools.disabled_tools.push(value),
                "default_approval" => draft.default_approval = ApprovalMode::parse(&value),
                "tool_approval" => {
                    if let Some((mode, tool)) = value.split_once(':')
                        && let Some(mode) = ApprovalMode::parse(mode)
                    {
                        draft.tool_approvals.push((tool.to_owned(), mode));
                    }
                }
                _ => {}
            }
        }
        draft
    }
}
