//! A client's room: the one interface every client implements, Codex
//! included. What the form says in the client's words, which parts of the
//! form apply to it, what it refuses and what it cannot express, what the
//! person copies, how it signs in. One implementation per client, in the
//! client's own module of `render/`; [`super::room`] finds it (the registry in
//! `crate::clients` lists them), and nothing outside the rooms tells one
//! client from another.
//!
//! Everything here is plain data: the page (`crate::ui`) shows it, the
//! build prerenders it, the tests read it natively.

pub mod notes;
mod words;

pub use self::words::{Word, standard_word};

use crate::clients::Client;
use crate::model::{ApprovalMode, ServerConfig};

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
    /// A one-click install link: an `<a>` whose `href` is the output's
    /// text, which its copy button copies too; `label` is what the link says.
    Link {
        /// The link, as an output.
        output: Output,
        /// What the link says.
        label: &'static str,
    },
    /// A box for the person's own file, which comes back with the entry
    /// merged in ([`Room::merge`]); the test ids of the box, of its error
    /// and of the merged file.
    Merge {
        /// The test ids: the box, its error, the merged file.
        ids: [&'static str; 3],
        /// What is merged in ("the rules", "the entry").
        what: &'static str,
        /// The file's name, as the person knows it (`settings.json`).
        file: &'static str,
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
///
/// A room has two faces: [`Words`], what the form says and shows for the
/// client, which the first paint needs, and the rest, which only the
/// client's panel and the tests need. A page reaches the first through
/// [`super::words`] and the whole through [`super::room`], so that the
/// first visit carries no client's outputs, notes or panel.
pub trait Room: Words {
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
}

/// What the form says and shows for one client: its words, the sections it
/// uses, how its outputs are laid out. Light enough for the first paint.
pub trait Words: Sync {
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
}

/// Every output a panel holds (its copy blocks, those of its
/// administrators' section too), in order: a panel client's outputs.
pub fn panel_outputs(blocks: Vec<Block>) -> Vec<Output> {
    fn collect(blocks: Vec<Block>, into: &mut Vec<Output>) {
        for block in blocks {
            match block {
                Block::Copy(output) | Block::Link { output, .. } => into.push(output),
                Block::Admin(inner) => collect(inner, into),
                _ => {}
            }
        }
    }
    let mut outputs = Vec::new();
    collect(blocks, &mut outputs);
    outputs
}

/// The tools to switch off in a client that keeps tool switches in its own
/// window: the blocked ones, and for "only these" every other tool the page
/// knows.
pub fn tools_to_switch_off(config: &ServerConfig, known: &[String]) -> Vec<String> {
    let mut off = config.disabled_tools.clone();
    for tool in others_than_allowed(config, known) {
        if !off.contains(&tool) {
            off.push(tool);
        }
    }
    off
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
