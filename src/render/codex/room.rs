//! Codex's room: the form's words for Codex, and its outputs, which are
//! the page's own tabs (prerendered at first paint, `ui/page/outputs`).

use super::{
    managed_config, render_app_fields, render_config_toml, render_posix, render_powershell,
    render_tools_in_use_posix, render_tools_in_use_powershell, render_verify_commands,
    terminal_steps,
};
use crate::clients::{Client, codex as facts};
use crate::model::{ApprovalMode, ConfigLocation, ServerConfig};
use crate::render::room::{Block, Layout, Output, Room, Section, Word, Words, standard_word};

/// The OpenAI Codex CLI and desktop app.
pub struct Codex;

impl Words for Codex {
    fn client(&self) -> Client {
        Client::Codex
    }

    fn word(&self, word: Word) -> String {
        match word {
            Word::Lede => "Enter your cluster's address and choose the tools Codex may use. The page writes the commands for the Codex CLI, the `~/.codex/config.toml` entry and the values for the Codex app, ready to copy. Nothing you type leaves this browser.".to_owned(),
            Word::ApprovalHint => "Each tool below can differ. The Codex app's form cannot set these; they live in config.toml.".to_owned(),
            Word::LocationHint(ConfigLocation::User) => format!(
                "In {}; on Windows, {}.",
                facts::USER_FILE,
                facts::USER_FILE_WINDOWS
            ),
            Word::LocationHint(ConfigLocation::Project) => format!(
                "In {} at the repository's root, which Codex reads only once you trust the project.",
                facts::PROJECT_FILE
            ),
            Word::RemoteHint => "Over SSH, in a dev container or on a cloud workstation: sign-in then prints a link to open on your own computer instead of opening a browser.".to_owned(),
            Word::EnabledHint => "Codex starts this server. Turn off to keep the entry without using it.".to_owned(),
            Word::RequiredHint => "Codex refuses to start a session when this server fails to start.".to_owned(),
            Word::Footer => format!(
                "Written for the Codex CLI {} to {}, as those releases answered; set yours under the cluster URL. Sign-in uses OAuth in your browser: the Terminal tab's commands sign in once, and `codex mcp login NAME` signs in again.",
                facts::oldest(),
                facts::newest()
            ),
            other => standard_word(self, other),
        }
    }

    fn shows(&self, _section: Section) -> bool {
        true
    }

    fn layout(&self) -> Layout {
        Layout::Tabs
    }

    fn default_approval(&self) -> Option<ApprovalMode> {
        Some(ApprovalMode::Auto)
    }
}

impl Room for Codex {
    /// None: the form's choices are Codex's own; what an older release
    /// cannot do is a `version-note` of its own.
    fn notes(&self, _config: &ServerConfig, _known: &[String]) -> Vec<String> {
        Vec::new()
    }

    /// None: Codex's outputs are the page's tabs.
    fn panel(&self, _config: Option<&ServerConfig>, _known: &[String]) -> Vec<Block> {
        Vec::new()
    }
}

/// Codex's outputs, as its tabs show them (bash/zsh and PowerShell, the
/// config.toml entry, the app's values, Verify, the fleet entry).
pub fn outputs(config: &ServerConfig, _known: &[String]) -> Vec<Output> {
    let steps = terminal_steps(config);
    let output = |testid, title, text: String| Output {
        testid,
        title,
        text: Some(text),
    };
    vec![
        output("cli-posix", "bash/zsh commands", render_posix(&steps)),
        output("cli-powershell", "PowerShell commands", render_powershell(&steps)),
        output("config-toml", "config.toml entry", render_config_toml(config)),
        output("app-fields", "Codex app form values", render_app_fields(config)),
        output("verify-commands", "verification commands", render_verify_commands(config)),
        output("verify-tools-posix", "tools Codex will use (bash/zsh)", render_tools_in_use_posix(config)),
        output("verify-tools-powershell", "tools Codex will use (PowerShell)", render_tools_in_use_powershell(config)),
        output("admin-managed-config", "/etc/codex/config.toml", managed_config(config)),
    ]
}
