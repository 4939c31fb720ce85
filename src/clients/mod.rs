//! The MCP clients the page writes for, one room each: what each client
//! knows, as data (its commands and flags, its files, its rules for names
//! and tools, how it signs in, the release the facts were taken from).
//! Codex first and the default; then the other clients Kloudfuse
//! documents.
//!
//! The ground floor, with `model`: nothing here imports from the crate.
//! Each client's outputs, words and notes live in its room in
//! `crate::render` (the same module name), which the registry below lists
//! too.

/// The registry: every client the page writes for, in the order the page
/// offers them when the operator does not choose, one line each —
/// `Variant => module` with its doc. `module` is the client's file here
/// (`src/clients/module.rs`, its facts) and its room in `src/render/`
/// (its words, notes and outputs). Each floor expands the list with a
/// macro of its own (`$then`): the [`Client`] choice here, the rooms in
/// `crate::render`. Adding a client is adding its line and those two files.
macro_rules! registry {
    ($then:ident) => {
        $then! {
            /// The OpenAI Codex CLI and desktop app.
            Codex => codex,
            /// Anthropic's Claude Code CLI.
            ClaudeCode => claude_code,
            /// Google's Gemini CLI.
            Gemini => gemini,
            /// The Claude desktop app (a custom connector).
            ClaudeDesktop => claude_desktop,
            /// VS Code's chat (GitHub Copilot's agent mode).
            Vscode => vscode,
            /// The Cursor editor.
            Cursor => cursor,
            /// GitHub's Copilot CLI.
            CopilotCli => copilot_cli,
            /// The OpenCode CLI.
            Opencode => opencode,
            /// The Windsurf editor (Cascade).
            Windsurf => windsurf,
        }
    };
}
pub(crate) use registry;

/// The registry at this floor: each client's module of facts, and the
/// choice of client.
macro_rules! clients {
    ($($(#[$doc:meta])* $client:ident => $module:ident,)*) => {
        $(pub mod $module;)*

        /// A client the page writes a connection for.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Client {
            $($(#[$doc])* $client,)*
        }

        impl Client {
            /// Every client, in the order the page offers them when the
            /// operator does not choose.
            pub const ALL: &[Client] = &[$(Client::$client,)*];

            /// What the form's shared rules need to know of the client.
            pub fn facts(self) -> &'static Facts {
                match self {
                    $(Client::$client => &$module::FACTS,)*
                }
            }
        }
    };
}
registry!(clients);

impl Default for Client {
    /// The first client of the registry (Codex).
    fn default() -> Self {
        Client::ALL[0]
    }
}

/// What the page's shared parts (validation, links, presets) need to
/// know of a client, as data: each client's file states all of it, and
/// its room in `crate::render` says the rest.
#[derive(Debug)]
pub struct Facts {
    /// The client's id: in share links (`client=…`), presets and test ids.
    pub id: &'static str,
    /// Its name, as its makers write it.
    pub name: &'static str,
    /// The command that adds a server, if the client has one (a name that
    /// starts with `-` would be read as its option).
    pub adds_with: Option<&'static str>,
    /// Whether the form's release field (`codex=`, Codex's release numbers)
    /// is this client's: its outputs then follow the release typed.
    pub follows_release: bool,
    /// Whether the organisation's Codex requirements (presets'
    /// `[codex_requirements]`) bind this client.
    pub bound_by_codex_requirements: bool,
    /// Whether the client reads a bearer token from the form's environment
    /// variable (and sends it with every request).
    pub reads_token_variable: bool,
    /// Whether the client sends the form's OAuth resource when it signs in
    /// (beside the server's URL); the others give a note instead.
    pub sends_oauth_resource: bool,
    /// How it finds its sign-in and signs in, as its real CLI did against
    /// the MCP conformance suite's servers (or its documentation says).
    pub sign_in: SignIn,
}

/// How a client first asks the MCP endpoint for its sign-in challenge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Asks {
    /// A POST of `initialize` without a token, as the MCP spec's clients do
    /// (a standard server sends its challenge to a POST).
    Post,
    /// A GET, which many servers answer 404 or 405.
    Get,
    /// Not at all: it goes straight to the well-known metadata.
    Never,
}

/// A well-known location of the protected resource metadata (RFC 9728),
/// for an MCP URL `https://host/mcp`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WellKnown {
    /// `https://host/.well-known/oauth-protected-resource/mcp`.
    PathInserted,
    /// `https://host/.well-known/oauth-protected-resource`.
    Root,
    /// `https://host/mcp/.well-known/oauth-protected-resource`, which the
    /// spec does not name.
    UnderMcpUrl,
}

/// How a client finds and performs its sign-in (OAuth): what the sign-in
/// check follows for it, and what a cluster's allowlist must admit.
#[derive(Debug)]
pub struct SignIn {
    /// How the person signs in (`codex mcp login NAME`), in backquotes.
    pub command: &'static str,
    /// How it first asks the endpoint.
    pub asks: Asks,
    /// Whether it follows the challenge's `resource_metadata` link to
    /// another origin than the MCP URL's.
    pub follows_other_origin: bool,
    /// Where it looks for the protected resource metadata, in order, when
    /// the challenge links none.
    pub well_known: &'static [WellKnown],
    /// Whether, finding no protected resource metadata, it falls back as
    /// the 2025-03-26 revision says (the authorization server's metadata at
    /// the MCP URL's origin, else `/authorize`, `/token`, `/register`).
    pub falls_back_2025_03_26: bool,
    /// Whether it asks for the scopes the challenge it saw (or else the
    /// metadata's `scopes_supported`) names when the person names none.
    pub selects_scopes: bool,
    /// Whether the scopes the form sets reach it (its config has a place
    /// for them).
    pub reads_scopes: bool,
    /// Its client id metadata document on its maker's site, which it uses
    /// where the server offers them (the server must fetch it).
    pub metadata_document: Option<&'static str>,
    /// Whether it registers itself dynamically (RFC 7591) when the server
    /// offers it.
    pub registers: bool,
    /// Whether it keeps a secret the registration gives it and sends it to
    /// the token endpoint (a program on the person's machine can; a page
    /// in a browser cannot).
    pub keeps_a_secret: bool,
    /// The redirect URIs it registers, `*` for the port (or path) it picks,
    /// as a cluster's allowlist writes them.
    pub redirect_uris: &'static [&'static str],
    /// Whether it tries the server with its new token right after signing
    /// in, and counts the sign-in as failed when the server refuses it
    /// (a token without a scope the server wants).
    pub tests_the_token: bool,
    /// Whether it signs in only when `initialize` itself is refused: a
    /// server that answers `initialize` without a token and asks for
    /// sign-in only at its tools never gets its sign-in.
    pub signs_in_only_at_initialize: bool,
}

impl Client {
    /// The client's id: in share links (`client=…`), presets and test ids.
    pub fn id(self) -> &'static str {
        self.facts().id
    }

    /// The client's name, as its makers write it.
    pub fn name(self) -> &'static str {
        self.facts().name
    }

    /// The client whose id is `id`.
    pub fn parse(id: &str) -> Option<Client> {
        Client::ALL.iter().copied().find(|c| c.id() == id)
    }
}
