//! The form's own words that depend on the client chosen ([`Word`]), and
//! their standard text ([`standard_word`]), which a room answers with
//! its own where it would not be true of its client.

use super::Words;
use crate::model::{ApprovalMode, ConfigLocation};

/// A piece of the form's own text that depends on the client chosen. Each
/// has a key (the page marks where it stands with `data-word`, so a
/// teammate's link for another client reads in its words from the first
/// paint) and, unless a room says otherwise, the standard text
/// ([`standard_word`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Word {
    /// The client's name, in the page's title.
    Name,
    /// What the page does for this client, under the title (`code` in backquotes).
    Lede,
    /// The server name's hint: how the client names the server's tools.
    NameHint,
    /// The tool picker's legend.
    ToolsLegend,
    /// The label of when the client asks before a tool call.
    ApprovalLabel,
    /// The approval menu's empty choice: the client's own default.
    ApprovalUnset,
    /// One approval mode in the menus.
    Approval(ApprovalMode),
    /// What the approval choices become for this client.
    ApprovalHint,
    /// The legend of where the client runs.
    WhereLegend,
    /// Where the entry lives, for each choice of location.
    LocationHint(ConfigLocation),
    /// The label of "runs on another machine".
    RemoteLabel,
    /// What "runs on another machine" changes.
    RemoteHint,
    /// Advanced: what "Enabled" means.
    EnabledHint,
    /// Advanced: what "Required" means.
    RequiredHint,
    /// Advanced: the timeouts' placeholder.
    TimeoutPlaceholder,
    /// Advanced: when a pre-registered client id is needed.
    ClientIdHint,
    /// The page's footer (`code` in backquotes).
    Footer,
}

impl Word {
    /// Every word, in the order the page shows them.
    pub const ALL: [Word; 21] = [
        Word::Name,
        Word::Lede,
        Word::NameHint,
        Word::ToolsLegend,
        Word::ApprovalLabel,
        Word::ApprovalUnset,
        Word::Approval(ApprovalMode::Auto),
        Word::Approval(ApprovalMode::Prompt),
        Word::Approval(ApprovalMode::Writes),
        Word::Approval(ApprovalMode::Approve),
        Word::ApprovalHint,
        Word::WhereLegend,
        Word::LocationHint(ConfigLocation::User),
        Word::LocationHint(ConfigLocation::Project),
        Word::RemoteLabel,
        Word::RemoteHint,
        Word::EnabledHint,
        Word::RequiredHint,
        Word::TimeoutPlaceholder,
        Word::ClientIdHint,
        Word::Footer,
    ];

    /// The key the page marks the word's place with (`data-word`).
    pub fn key(self) -> &'static str {
        match self {
            Word::Name => "name",
            Word::Lede => "lede",
            Word::NameHint => "name-hint",
            Word::ToolsLegend => "tools-legend",
            Word::ApprovalLabel => "approval-label",
            Word::ApprovalUnset => "approval-unset",
            Word::Approval(ApprovalMode::Auto) => "approval-auto",
            Word::Approval(ApprovalMode::Prompt) => "approval-prompt",
            Word::Approval(ApprovalMode::Writes) => "approval-writes",
            Word::Approval(ApprovalMode::Approve) => "approval-approve",
            Word::ApprovalHint => "approval-hint",
            Word::WhereLegend => "where-legend",
            Word::LocationHint(ConfigLocation::User) => "location-user-hint",
            Word::LocationHint(ConfigLocation::Project) => "location-project-hint",
            Word::RemoteLabel => "remote-label",
            Word::RemoteHint => "remote-hint",
            Word::EnabledHint => "enabled-hint",
            Word::RequiredHint => "required-hint",
            Word::TimeoutPlaceholder => "timeout-placeholder",
            Word::ClientIdHint => "client-id-hint",
            Word::Footer => "footer",
        }
    }
}

/// The standard text of `word` for `room`'s client: the form's words with
/// the client's name in them. A room answers [`Words::word`] with its own
/// text where the standard one would not be true of it.
pub fn standard_word(room: &(impl Words + ?Sized), word: Word) -> String {
    let name = room.client().name();
    match word {
        Word::Name => name.to_owned(),
        Word::Lede => format!(
            "Enter your cluster's address and choose the tools {name} may use. The page writes what {name} needs, ready to copy. Nothing you type leaves this browser."
        ),
        Word::NameHint => {
            "How the client refers to the server; tools appear to the model as mcp__NAME__TOOL."
                .to_owned()
        }
        Word::ToolsLegend => format!("Tools {name} may call"),
        Word::ApprovalLabel => format!("When {name} asks before calling a tool"),
        Word::ApprovalUnset => format!("Not set: {name}'s default"),
        Word::Approval(mode) if room.default_approval() == Some(mode) => {
            format!("{} ({name}'s default)", mode.describe())
        }
        Word::Approval(mode) => mode.describe().to_owned(),
        Word::ApprovalHint => "Each tool below can differ.".to_owned(),
        Word::WhereLegend => format!("Where {name} runs"),
        Word::LocationHint(ConfigLocation::User) => {
            format!("In {name}'s settings for every project.")
        }
        Word::LocationHint(ConfigLocation::Project) => {
            "In the repository's own settings, shared with the team.".to_owned()
        }
        Word::RemoteLabel => format!("{name} runs on another machine"),
        Word::RemoteHint => "Over SSH, in a dev container or on a cloud workstation.".to_owned(),
        // Neutral: a client without the setting says so in a note.
        Word::EnabledHint => "Turn off to keep the entry without using it.".to_owned(),
        Word::RequiredHint => {
            "Refuse to start a session when this server fails to start.".to_owned()
        }
        Word::TimeoutPlaceholder => format!("{name} default"),
        Word::ClientIdHint => format!(
            "Only when the server does not register {name} by itself; your administrator gives it."
        ),
        Word::Footer => "Sign-in uses OAuth in your browser.".to_owned(),
    }
}
