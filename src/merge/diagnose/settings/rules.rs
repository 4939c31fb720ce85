//! What the pinned Codex enforces, setting by setting: the table the
//! checker walks (`mod.rs`). Every rule was checked against the CLI named
//! by [`CODEX_VERSION`]; the corpus test runs that CLI on every file it
//! keeps, so a bump (scripts/codex-bump.sh) shows what changed.

/// The Codex CLI version these rules were checked against.
pub const CODEX_VERSION: &str = "0.171.0";

/// What Codex accepts for one setting.
#[derive(Clone, Copy)]
pub(super) enum Rule {
    Str,
    Bool,
    /// A whole number (`i64`).
    Int,
    /// A port number (`u16`).
    Port,
    /// An array of strings.
    StrList,
    /// One of these strings.
    Enum(&'static [&'static str]),
    /// `approval_policy`: one of its words, or `{ granular = { … } }`; at the
    /// top level (`top`) Codex no longer takes `untrusted`.
    Approval {
        top: bool,
    },
    /// A table; the listed keys are checked, the others ignored.
    Table(&'static [(&'static str, Rule)]),
    /// A table of tables, each checked by the rule.
    Map(&'static Rule),
    /// A table whose values are booleans (or tables, for the features
    /// that take settings).
    Features,
    /// `true`/`false` or an array of strings (`tui.notifications`).
    BoolOrStrList,
    /// Refused whatever its value, with Codex's words.
    Removed(&'static str),
    /// `model_providers`: reserved ids, a name, `wire_api`.
    Providers,
    /// A table Codex reads as a struct (`[hooks]`); an array of tables is refused.
    Struct(&'static str),
}

pub(super) const APPROVAL_WORDS: &[&str] =
    &["untrusted", "on-failure", "on-request", "granular", "never"];
/// The switches `{ granular = { … } }` must set.
pub(super) const GRANULAR_REQUIRED: [&str; 3] = ["sandbox_approval", "rules", "mcp_elicitations"];
pub(super) const SANDBOX: Rule =
    Rule::Enum(&["read-only", "workspace-write", "danger-full-access"]);
pub(super) const SUMMARY: Rule = Rule::Enum(&["auto", "concise", "detailed", "none"]);
pub(super) const VERBOSITY: Rule = Rule::Enum(&["low", "medium", "high"]);

pub(super) const PROFILE: Rule = Rule::Table(&[
    ("model", Rule::Str),
    ("model_provider", Rule::Str),
    ("approval_policy", Rule::Approval { top: false }),
    ("sandbox_mode", SANDBOX),
    ("model_reasoning_summary", SUMMARY),
    ("model_verbosity", VERBOSITY),
]);
pub(super) const PROJECT: Rule =
    Rule::Table(&[("trust_level", Rule::Enum(&["trusted", "untrusted"]))]);

/// The top level of config.toml (`mcp_servers` is the merge's own business).
pub(super) const TOP: &[(&str, Rule)] = &[
    ("model", Rule::Str),
    ("model_provider", Rule::Str),
    ("instructions", Rule::Str),
    ("approval_policy", Rule::Approval { top: true }),
    ("sandbox_mode", SANDBOX),
    (
        "file_opener",
        Rule::Enum(&["vscode", "vscode-insiders", "windsurf", "cursor", "none"]),
    ),
    ("model_reasoning_summary", SUMMARY),
    ("model_verbosity", VERBOSITY),
    (
        "web_search",
        Rule::Enum(&["disabled", "cached", "indexed", "live"]),
    ),
    (
        "personality",
        Rule::Enum(&["none", "friendly", "pragmatic"]),
    ),
    (
        "mcp_oauth_credentials_store",
        Rule::Enum(&["auto", "file", "keyring"]),
    ),
    (
        "cli_auth_credentials_store",
        Rule::Enum(&["file", "keyring", "auto", "ephemeral"]),
    ),
    ("hide_agent_reasoning", Rule::Bool),
    ("model_context_window", Rule::Int),
    ("mcp_oauth_callback_port", Rule::Port),
    ("notify", Rule::StrList),
    (
        "profile",
        Rule::Removed(
            "the top-level `profile = \"…\"` setting is no longer supported; start Codex with `--profile NAME` (which reads `NAME.config.toml`) instead",
        ),
    ),
    (
        "history",
        Rule::Table(&[
            ("persistence", Rule::Enum(&["save-all", "none"])),
            ("max_bytes", Rule::Int),
        ]),
    ),
    (
        "shell_environment_policy",
        Rule::Table(&[("inherit", Rule::Enum(&["core", "all", "none"]))]),
    ),
    (
        "sandbox_workspace_write",
        Rule::Table(&[
            ("network_access", Rule::Bool),
            ("writable_roots", Rule::StrList),
        ]),
    ),
    (
        "tui",
        Rule::Table(&[("notifications", Rule::BoolOrStrList)]),
    ),
    ("features", Rule::Features),
    ("hooks", Rule::Struct("HooksToml")),
    ("model_providers", Rule::Providers),
    ("profiles", Rule::Map(&PROFILE)),
    ("projects", Rule::Map(&PROJECT)),
];

/// Provider ids Codex keeps for itself.
pub(super) const RESERVED_PROVIDERS: [&str; 3] = ["openai", "ollama", "lmstudio"];
