//! Claude Desktop's room: the custom connector's form values as the app
//! asks for them, the tools to switch off, what its connecting from
//! Anthropic's cloud means for a cluster in a private network, and the
//! notes for what the connector has no place for.

use super::room::{Block, Output, Room, Section, Tone, Word, Words, notes, panel_outputs, standard_word, tools_to_switch_off};
use crate::clients::{Client, claude_desktop as facts};
use crate::model::{ApprovalMode, ConfigLocation, ServerConfig};
use crate::validate::excerpt;

/// The connector's name.
pub fn connector_name(config: &ServerConfig) -> String {
    config.name.clone()
}

/// The connector's "Remote MCP server URL".
pub fn connector_url(config: &ServerConfig) -> String {
    config.url_text().to_owned()
}

/// Claude Desktop's room.
pub struct ClaudeDesktop;

impl Words for ClaudeDesktop {
    fn client(&self) -> Client {
        Client::ClaudeDesktop
    }

    fn word(&self, word: Word) -> String {
        match word {
            Word::Lede => "Enter your cluster's address and choose the tools Claude Desktop may use. The page writes the values for its custom connector's form, and which tools to switch off there, ready to copy. Nothing you type leaves this browser.".to_owned(),
            Word::NameHint => "The connector's name, as Claude Desktop lists it.".to_owned(),
            Word::Footer => "Claude Desktop adds the connector in the app; its sign-in opens in your browser and returns to Anthropic's site.".to_owned(),
            other => standard_word(self, other),
        }
    }

    /// Neither where it runs (its connectors are for every conversation and
    /// connect from Anthropic's cloud) nor when it asks (set in the app).
    fn shows(&self, _section: Section) -> bool {
        false
    }

    fn default_approval(&self) -> Option<ApprovalMode> {
        None
    }
}

impl Room for ClaudeDesktop {
    fn refusal(&self, config: &ServerConfig) -> Option<String> {
        let url = &config.url;
        let ok = url.as_str().starts_with(facts::URL_SCHEME) && url.path().ends_with(facts::URL_PATH_END);
        (!ok).then(|| format!(
            "Claude Desktop refuses {} (\"Invalid URL format\"): a connector's URL starts with {} and, for a Kloudfuse cluster, ends with {}. Write the cluster's https:// address.",
            excerpt(config.url_text()),
            facts::URL_SCHEME,
            facts::URL_PATH_END
        ))
    }

    fn notes(&self, config: &ServerConfig, known: &[String]) -> Vec<String> {
        let name = facts::NAME;
        let mut out = Vec::new();
        out.extend(notes::no_allow_list(name, "switch off", config, known));
        if config.default_approval.is_some() || !config.tool_approvals.is_empty() {
            out.push("Claude Desktop keeps when to ask in the app: after connecting, set each tool's permission in the connector's tool list.".to_owned());
        }
        if !config.enabled {
            out.push("Claude Desktop has no setting to add a connector switched off: switch it off in Settings → Connectors after adding it.".to_owned());
        }
        out.extend(notes::no_required(name, config));
        out.extend(notes::no_startup_wait(name, config));
        if config.tool_timeout_sec.is_some() {
            out.push("Claude Desktop has no setting for how long to wait for a tool call: its own default applies.".to_owned());
        }
        out.extend(notes::no_resource(name, config));
        if !config.scopes.is_empty() {
            out.push("Claude Desktop has no place for scopes: it asks for the scopes the server advertises.".to_owned());
        }
        if let Some(id) = &config.oauth_client_id {
            out.push(format!("Open \"Advanced settings\" in the connector's form and enter the OAuth Client ID {id}; its redirect URIs must include {}.", facts::CALLBACKS.join(" and ")));
        }
        if config.bearer_token_env_var.is_some() {
            out.push("Claude Desktop's connectors sign in with OAuth only: a token from an environment variable cannot be given. Use a cluster with Kloudfuse's OAuth connector.".to_owned());
        }
        if config.remote {
            out.push("Claude Desktop runs on your own computer and connects from Anthropic's cloud: \"where it runs\" does not apply.".to_owned());
        }
        if config.location == ConfigLocation::Project {
            out.push("Claude Desktop has no per-repository connectors: the connector is for every conversation.".to_owned());
        }
        out
    }

    fn panel(&self, config: Option<&ServerConfig>, known: &[String]) -> Vec<Block> {
        let off = config.map(|c| tools_to_switch_off(c, known)).unwrap_or_default();
        let mut blocks = vec![
            Block::heading(facts::NAME),
            Block::Text {
                tone: Tone::Warning,
                testid: Some("claude-desktop-reach"),
                text: format!(
                    "Claude Desktop connects to the server from Anthropic's cloud, not from your computer: the cluster's `/mcp` must be reachable from the internet, from [Anthropic's IP ranges]({}). A cluster only reachable inside a private network or over a VPN cannot be added; use a client that runs on your computer there.",
                    facts::IP_RANGES_PAGE
                ),
            },
            Block::Steps(vec![
                format!("In Claude Desktop open **{}**. On a Team or Enterprise plan an Owner adds it once for everyone.", facts::WHERE),
                "Fill in the form (leave **Advanced settings** closed):".to_owned(),
            ]),
            Block::copy("claude-desktop-name", facts::FIELDS[0], config.map(connector_name)),
            Block::copy("claude-desktop-url", facts::FIELDS[1], config.map(connector_url)),
            Block::text(format!(
                "Then **Connect**: the sign-in opens in your browser and returns to `claude.ai` (the cluster's allowed redirects must hold `{}`; Kloudfuse's default does).",
                facts::CALLBACKS[0]
            )),
        ];
        if !off.is_empty() {
            blocks.push(Block::text("In the connector's tool list, switch these off:"));
            blocks.push(Block::List {
                testid: Some("claude-desktop-tools"),
                items: off.iter().map(|t| format!("`{t}`")).collect(),
            });
        }
        blocks
    }
}

/// Claude Desktop's outputs: its panel's copy blocks.
pub fn outputs(config: &ServerConfig, known: &[String]) -> Vec<Output> {
    panel_outputs(ClaudeDesktop.panel(Some(config), known))
}
