//! A client's room: the one interface every client implements, Codex
//! included. What the form says in the client's words, which parts of the
//! form apply to it, what it refuses and what it cannot express, what the
//! person copies, how it signs in. One implementation per client, in its
//! own file of this folder; [`super::room`] finds it (the registry in
//! `crate::clients` lists them), and nothing outside the rooms tells one
//! client from another.
//!
//! Everything here is plain data: the page (`crate::ui`) shows it, the
//! build prerenders it, the tests read it natively.

use crate::clients::Client;
use crate::model::{ApprovalMode, ConfigLocation, ServerConfig};

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
    pub const ALL: [Word; 20] = [
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
            Word::EnabledHint => "enabled-hint",
            Word::RequiredHint => "required-hint",
            Word::TimeoutPlaceholder => "timeout-placeholder",
            Word::ClientIdHint => "client-id-hint",
            Word::Footer => "footer",
        }
    }
}

/// The standard text of `word` for `room`'s client: the form's words with
/// the client's name in them. A room answers [`Room::word`] with its own
/// text where the standard one would not be true of it.
pub fn standard_word(room: &(impl Room + ?Sized), word: Word) -> String {
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
        Word::EnabledHint => {
            format!("{name} starts this server. Turn off to keep the entry without using it.")
        }
        Word::RequiredHint => {
            format!("{name} refuses to start a session when this server fails to start.")
        }
        Word::TimeoutPlaceholder => format!("{name} default"),
        Word::ClientIdHint => format!(
            "Only when the server does not register {name} by itself; your administrator gives it."
        ),
        Word::Footer => "Sign-in uses OAuth in your browser.".to_owned(),
    }
}

/// A part of the form that not every client has a use for. A room that
/// does not show one gives a `client-note` for whatever a link sets there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Section {
    /// Where the client runs: the entry's location and "another machine".
    Where,
    /// When the client asks before a tool call (the menus).
    Approvals,
    /// The client release the person runs (the outputs follow it).
    Release,
    /// A command that prints the server's tools as the client sees them.
    ToolsCommand,
}

impl Section {
    /// Every section that a client may leave out.
    pub const ALL: [Section; 4] = [
        Section::Where,
        Section::Approvals,
        Section::Release,
        Section::ToolsCommand,
    ];

    /// The key the page marks the section with (`data-section`).
    pub fn key(self) -> &'static str {
        match self {
            Section::Where => "where",
            Section::Approvals => "approvals",
            Section::Release => "release",
            Section::ToolsCommand => "tools-command",
        }
    }
}

/// How a client's outputs are laid out on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// The page's own tabs, prerendered at first paint (the default client's).
    Tabs,
    /// A panel of [`Block`]s, loaded when the client is chosen.
    Panel,
}

/// How a text block reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// A paragraph.
    Plain,
    /// A quieter paragraph.
    Note,
    /// A boxed warning.
    Warning,
}

/// One block of a client's panel, in the order shown. Texts mark `code` in
/// backquotes and **strong** words in double stars.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A heading.
    Heading(String),
    /// A paragraph, with a test id where checks outside the page read it.
    Text {
        /// How it reads.
        tone: Tone,
        /// Its `data-testid`, if any.
        testid: Option<&'static str>,
        /// The text.
        text: String,
    },
    /// Numbered steps.
    Steps(Vec<String>),
    /// A list, with a test id where checks read it.
    List {
        /// Its `data-testid`, if any.
        testid: Option<&'static str>,
        /// The items.
        items: Vec<String>,
    },
    /// An output to copy.
    Copy(Output),
    /// A box for the person's own file, which comes back with the entry
    /// merged in ([`Room::merge`]); the test ids of the box, of its error
    /// and of the merged file.
    Merge {
        /// The test ids: the box, its error, the merged file.
        ids: [&'static str; 3],
        /// What is merged in ("the rules", "the entry").
        what: &'static str,
    },
    /// The sign-in check (the discovery panel), as this client signs in.
    SignInCheck,
    /// What administrators install, folded away under "For administrators".
    Admin(Vec<Block>),
}

impl Block {
    /// A paragraph.
    pub fn text(text: impl Into<String>) -> Self {
        Block::Text {
            tone: Tone::Plain,
            testid: None,
            text: text.into(),
        }
    }

    /// A quieter paragraph.
    pub fn note(text: impl Into<String>) -> Self {
        Block::Text {
            tone: Tone::Note,
            testid: None,
            text: text.into(),
        }
    }

    /// A heading.
    pub fn heading(text: impl Into<String>) -> Self {
        Block::Heading(text.into())
    }

    /// An output to copy; `text` is `None` while there is nothing to copy.
    pub fn copy(testid: &'static str, title: &'static str, text: Option<String>) -> Self {
        Block::Copy(Output {
            testid,
            title,
            text,
        })
    }
}

/// An output the person copies: exactly its text, under its test id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    /// Its `data-testid` (its copy button is `copy-TESTID`).
    pub testid: &'static str,
    /// Its title.
    pub title: &'static str,
    /// The text, or `None` while the form is not ready or the client refuses it.
    pub text: Option<String>,
}

/// A settings file the person pasted, with the entry merged in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merged {
    /// The whole file, with the entry in it.
    pub text: String,
    /// Whether the pasted file had comments, which the merged one lacks.
    pub dropped_comments: bool,
}

/// Everything the page knows and writes for one client. Rooms are unit
/// structs in this folder, one per client, found with [`super::room`].
pub trait Room: Sync {
    /// Which client this is.
    fn client(&self) -> Client;

    /// The form's text in this client's words ([`standard_word`] unless
    /// the room says otherwise).
    fn word(&self, word: Word) -> String {
        standard_word(self, word)
    }

    /// Whether the form shows `section` for this client.
    fn shows(&self, section: Section) -> bool;

    /// How its outputs are laid out.
    fn layout(&self) -> Layout {
        Layout::Panel
    }

    /// The approval mode the client uses when the form sets none, if it is
    /// one of the form's (the menus mark it as the client's default).
    fn default_approval(&self) -> Option<ApprovalMode>;

    /// Why the client refuses the entry as the form has it, with what to
    /// write instead (its outputs are held back meanwhile). The form's own
    /// rules have passed already.
    fn refusal(&self, _config: &ServerConfig) -> Option<String> {
        None
    }

    /// What the client does instead of each choice it cannot express, in
    /// the order of the form (`client-note`). `known` are the tools the
    /// page knows the server has.
    fn notes(&self, config: &ServerConfig, known: &[String]) -> Vec<String>;

    /// The client's panel ([`Layout::Panel`]), for `config` when the form
    /// is ready and the client takes it.
    fn panel(&self, config: Option<&ServerConfig>, known: &[String]) -> Vec<Block>;

    /// Every output the person copies for `config`: by default, the
    /// panel's.
    fn outputs(&self, config: &ServerConfig, known: &[String]) -> Vec<Output> {
        fn collect(blocks: Vec<Block>, into: &mut Vec<Output>) {
            for block in blocks {
                match block {
                    Block::Copy(output) => into.push(output),
                    Block::Admin(inner) => collect(inner, into),
                    _ => {}
                }
            }
        }
        let mut outputs = Vec::new();
        collect(self.panel(Some(config), known), &mut outputs);
        outputs
    }

    /// The person's own settings file `pasted` with the entry merged in,
    /// for the panel's [`Block::Merge`] box, or why it cannot be read.
    fn merge(
        &self,
        _pasted: &str,
        _config: &ServerConfig,
        _known: &[String],
    ) -> Option<Result<Merged, String>> {
        None
    }

    /// How the person signs in, for the sign-in check's words
    /// (`codex mcp login`, `/mcp auth`…).
    fn sign_in(&self) -> &'static str;
}

/// The tools "only these" leaves out, of those the page knows the server
/// has: what a client without an allow list must block one by one.
pub fn others_than_allowed(config: &ServerConfig, known: &[String]) -> Vec<String> {
    let Some(allowed) = &config.enabled_tools else {
        return Vec::new();
    };
    known
        .iter()
        .filter(|t| !allowed.contains(t) && !config.disabled_tools.contains(t))
        .cloned()
        .collect()
}

/// The notes several rooms give in the same words.
pub mod notes {
    use super::others_than_allowed;
    use crate::model::{ApprovalMode, ServerConfig};

    /// A client without an allow list: what `blocks` ("the settings deny",
    /// "switch off") every other tool the page knows, or that it knows none.
    pub fn no_allow_list(
        name: &str,
        blocks: &str,
        config: &ServerConfig,
        known: &[String],
    ) -> Option<String> {
        config.enabled_tools.as_ref()?;
        let others = others_than_allowed(config, known);
        Some(if others.is_empty() {
            format!(
                "{name} has no list of only these tools, and the page knows no other tool of this server to block: a tool the server has or adds beyond your list is on. Read the server's tools, or block them by name."
            )
        } else {
            format!(
                "{name} has no list of only these tools: {blocks} every other tool the page knows of this server ({}). A tool the server adds later is allowed until you block it.",
                others.join(", ")
            )
        })
    }

    /// A client that reads no tool annotations: the modes that ask unless a
    /// tool is marked (Codex's `auto` and `writes`) ask every time.
    pub fn reads_no_annotations(name: &str, config: &ServerConfig) -> Option<String> {
        let mut named = Vec::new();
        if let Some(mode @ (ApprovalMode::Auto | ApprovalMode::Writes)) = config.default_approval {
            named.push(format!("every tool (\"{}\")", mode.describe()));
        }
        for (tool, mode) in &config.tool_approvals {
            if matches!(mode, ApprovalMode::Auto | ApprovalMode::Writes) {
                named.push(format!("`{tool}`"));
            }
        }
        (!named.is_empty()).then(|| {
            format!(
                "{name} does not read whether a tool changes data: it asks before each call of {} unless a rule says otherwise.",
                named.join(", ")
            )
        })
    }

    /// "Required", which no client but Codex has.
    pub fn no_required(name: &str, config: &ServerConfig) -> Option<String> {
        config.required.then(|| format!("{name} has no setting to refuse to start without this server: it starts anyway and shows the server as failed."))
    }

    /// A start-up wait the client has no setting for.
    pub fn no_startup_wait(name: &str, config: &ServerConfig) -> Option<String> {
        config.startup_timeout_sec.as_ref().map(|_| {
            format!("{name} has no setting for how long to wait for the server to start: its own default applies.")
        })
    }

    /// An OAuth resource the client has no place for.
    pub fn no_resource(name: &str, config: &ServerConfig) -> Option<String> {
        config.oauth_resource.as_ref().map(|_| {
            format!("{name} has no place for an OAuth resource: it asks for a token for the server's own URL.")
        })
    }
}
