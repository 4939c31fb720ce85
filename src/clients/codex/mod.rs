//! What each release of the Codex CLI knows, as the real releases answered
//! it. `scripts/codex-probe.mjs` installs every release from npm, asks each
//! the same questions (`--help`, config files it reads or refuses, server
//! names, the administrator's requirements) and writes the answers in
//! `cli.txt` and `settings.txt` beside this file; nothing there is written
//! by hand. Validation, the generators and the merge ask this module, and
//! only this module, what a release can do.
//!
//! The ground floor, with `model`: it imports nothing from the crate.

mod release;
mod table;

pub use self::release::Release;
pub use self::table::Table;

use std::sync::OnceLock;

/// The client's id (share links, presets, test ids).
pub const ID: &str = "codex";
/// Its name, as OpenAI writes it.
pub const NAME: &str = "Codex";
/// What the form's shared rules need to know of it.
pub const FACTS: super::Facts = super::Facts {
    id: ID,
    name: NAME,
    adds_with: Some("codex mcp add"),
    follows_release: true,
    bound_by_codex_requirements: true,
    reads_token_variable: true,
    sends_oauth_resource: true,
    sign_in: super::SignIn {
        command: "`codex mcp login NAME`",
        // Measured with 0.171 against the MCP conformance suite's servers.
        asks: super::Asks::Get,
        follows_other_origin: false,
        well_known: &[super::WellKnown::PathInserted, super::WellKnown::UnderMcpUrl, super::WellKnown::Root],
        falls_back_2025_03_26: false,
        selects_scopes: true,
        reads_scopes: true,
        metadata_document: Some("https://chatgpt.com/oauth/codex/*/client.json"),
        registers: true,
        keeps_a_secret: true,
        redirect_uris: &["http://127.0.0.1:*/callback/*"],
        tests_the_token: false,
        signs_in_only_at_initialize: false,
    },
};

/// The person's own config file, for every project.
pub const USER_FILE: &str = "~/.codex/config.toml";
/// The same file, as a person types it on Windows.
pub const USER_FILE_WINDOWS: &str = "%USERPROFILE%\\.codex\\config.toml";
/// A repository's own config file, which Codex reads once the project is trusted.
pub const PROJECT_FILE: &str = ".codex/config.toml";
/// The same file, as a person types it on Windows.
pub const PROJECT_FILE_WINDOWS: &str = ".codex\\config.toml";

/// The command every note about an older release names.
pub const UPGRADE: &str = "npm install -g @openai/codex@latest";

/// The answers about commands, flags, server names, the server entry and
/// behaviours (what the page's outputs depend on).
pub fn cli() -> &'static Table {
    static CLI: OnceLock<Table> = OnceLock::new();
    CLI.get_or_init(|| Table::parse(include_str!("cli.txt")))
}

/// The answers about the rest of config.toml (what the whole-file check
/// needs; only the merge, which loads with the config.toml tab, reads it).
pub fn settings() -> &'static Table {
    static SETTINGS: OnceLock<Table> = OnceLock::new();
    SETTINGS.get_or_init(|| Table::parse(include_str!("settings.txt")))
}

/// The newest release the tables know: the page's default.
pub fn newest() -> Release {
    cli().releases().last().unwrap_or(Release::new(0))
}

/// The oldest release the tables know: the oldest the page supports.
pub fn oldest() -> Release {
    cli().releases().next().unwrap_or(Release::new(0))
}

/// One thing a release may or may not do, as the probe asked it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fact {
    /// `codex mcp COMMAND --FLAG` exists (`"login:--no-browser"`).
    Flag(&'static str),
    /// `codex mcp add` and `codex mcp remove` take this character in a
    /// server name (beyond letters, digits, `-` and `_`).
    NameChar(&'static str),
    /// Codex reads this key of a server entry (`tools.*.approval_mode`): a
    /// wrong value makes it refuse the file. Earlier releases ignore the
    /// key without a word.
    ServerKey(&'static str),
    /// Codex takes this value of an enum key of a server entry.
    ServerValue(&'static str, &'static str),
    /// Codex reads this top-level key about MCP (`mcp_oauth_callback_port`).
    McpSetting(&'static str),
    /// A behaviour the probe saw (`"project-config"`, `"error-position"`).
    Behaviour(&'static str),
}

/// `codex mcp login --no-browser`: sign in on another machine.
pub const LOGIN_NO_BROWSER: Fact = Fact::Flag("login:--no-browser");
/// `codex mcp add --oauth-client-id`.
pub const ADD_OAUTH_CLIENT_ID: Fact = Fact::Flag("add:--oauth-client-id");
/// `codex mcp add --oauth-resource`.
pub const ADD_OAUTH_RESOURCE: Fact = Fact::Flag("add:--oauth-resource");
/// `oauth_resource` in a server entry.
pub const OAUTH_RESOURCE_KEY: Fact = Fact::ServerKey("oauth_resource");
/// `[mcp_servers.NAME.oauth] client_id`.
pub const OAUTH_CLIENT_ID_KEY: Fact = Fact::ServerKey("oauth.client_id");
/// `default_tools_approval_mode`.
pub const DEFAULT_APPROVAL_KEY: Fact = Fact::ServerKey("default_tools_approval_mode");
/// `[mcp_servers.NAME.tools.TOOL] approval_mode`.
pub const TOOL_APPROVAL_KEY: Fact = Fact::ServerKey("tools.*.approval_mode");
/// A trusted project's `.codex/config.toml` adds its servers.
pub const PROJECT_CONFIG: Fact = Fact::Behaviour("project-config");
/// Refusals name `config.toml:LINE:COLUMN`.
pub const ERROR_POSITION: Fact = Fact::Behaviour("error-position");
/// requirements.toml takes `{ match = "prefix", value = … }` for a URL.
pub const REQUIREMENTS_URL_PREFIX: Fact = Fact::Behaviour("requirements-url-prefix");
/// The top-level `mcp_oauth_callback_port` fixes the sign-in's port.
pub const CALLBACK_PORT_KEY: Fact = Fact::McpSetting("mcp_oauth_callback_port");

/// The table path of a server entry's key.
fn server_path(key: &str) -> String {
    format!("mcp_servers.*.{key}")
}

/// The values Codex lists for an enum key of a server entry, when it
/// checks that key at all.
pub fn server_values(release: Release, key: &str) -> Option<Vec<&'static str>> {
    let answer = cli().answer("config", &server_path(key), release)?;
    answer
        .strip_prefix("variant ")
        .map(|list| list.split(',').collect())
}

impl Fact {
    /// Whether `release` has it.
    pub fn holds(self, release: Release) -> bool {
        let table = cli();
        match self {
            Self::Flag(flag) => table.answer("flag", flag, release).is_some(),
            Self::NameChar(c) => table.answer("name", c, release).is_some(),
            Self::ServerKey(key) => table.answer("config", &server_path(key), release).is_some(),
            Self::ServerValue(key, value) => {
                server_values(release, key).is_some_and(|values| values.contains(&value))
            }
            Self::McpSetting(path) => table.answer("config", path, release).is_some(),
            Self::Behaviour(b) => table.answer("behaviour", b, release).is_some(),
        }
    }

    /// The first release from which every release to the newest has it;
    /// `None` when the newest does not.
    pub fn since(self) -> Option<Release> {
        cli().since(|r| self.holds(r))
    }

    /// Whether the probe asked about it at all (a test checks every fact
    /// the page relies on).
    pub fn asked(self) -> bool {
        let table = cli();
        match self {
            Self::Flag(flag) => table.asks("flag", flag),
            Self::NameChar(c) => table.asks("name", c),
            Self::ServerKey(key) | Self::ServerValue(key, _) => {
                table.asks("config", &server_path(key))
            }
            Self::McpSetting(path) => table.asks("config", path),
            Self::Behaviour(b) => table.asks("behaviour", b),
        }
    }
}

/// Whether `release` refuses the whole file for `value` of the server
/// entry's enum `key` (it checks the key and does not list the value).
pub fn refuses_server_value(release: Release, key: &str, value: &str) -> bool {
    server_values(release, key).is_some_and(|values| !values.contains(&value))
}
