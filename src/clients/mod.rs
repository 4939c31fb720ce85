//! The MCP clients the page writes for, one room each: what each client
//! knows, as data (its commands and flags, its files, its rules for names
//! and tools, the release the facts were taken from), which validation and
//! the generators read alike. Codex first and the default; then the other
//! clients Kloudfuse documents.
//!
//! The ground floor, with `model`: nothing here imports from the crate.

pub mod claude_code;
pub mod claude_desktop;
pub mod codex;
pub mod gemini;

/// A client the page writes a connection for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Client {
    /// The OpenAI Codex CLI and desktop app.
    #[default]
    Codex,
    /// Anthropic's Claude Code CLI.
    ClaudeCode,
    /// Google's Gemini CLI.
    Gemini,
    /// The Claude desktop app (a custom connector).
    ClaudeDesktop,
}

impl Client {
    /// Every client, in the order the page offers them when the operator
    /// does not choose.
    pub const ALL: [Client; 4] = [
        Client::Codex,
        Client::ClaudeCode,
        Client::Gemini,
        Client::ClaudeDesktop,
    ];

    /// The client's id: in share links (`client=…`), presets and test ids.
    pub fn id(self) -> &'static str {
        match self {
            Client::Codex => "codex",
            Client::ClaudeCode => "claude-code",
            Client::Gemini => "gemini",
            Client::ClaudeDesktop => "claude-desktop",
        }
    }

    /// The client named `id`.
    pub fn parse(id: &str) -> Option<Client> {
        Client::ALL.into_iter().find(|c| c.id() == id)
    }

    /// The client's name, as its makers write it.
    pub fn name(self) -> &'static str {
        match self {
            Client::Codex => "Codex",
            Client::ClaudeCode => "Claude Code",
            Client::Gemini => "Gemini CLI",
            Client::ClaudeDesktop => "Claude Desktop",
        }
    }
}
