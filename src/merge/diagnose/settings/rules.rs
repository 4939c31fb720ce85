//! Which settings the whole-file check reads, and what shape each takes.
//! What a release does with a wrong value (whether it checks the setting at
//! all, the variants it lists, the type it names, its own sentence) is not
//! here: it comes from the answers the real releases gave
//! (`crate::clients::codex::settings`), looked up by the setting's path with `*` for
//! a key of the person's choosing, exactly as `scripts/codex-probes.mjs`
//! asks it.

/// The Codex CLI version the page's npm pin installs, whose answers are the
/// page's default; the corpus test runs that CLI.
pub const CODEX_VERSION: &str = "0.171.0";

/// A value's type.
#[derive(Clone, Copy)]
pub(super) enum Kind {
    Str,
    Bool,
    /// A whole number (`i64`, `usize`).
    Int,
    /// A port number (`u16`).
    Port,
    /// An array of strings.
    StrList,
}

/// What one setting takes.
#[derive(Clone, Copy)]
pub(super) enum Rule {
    /// A value of one type.
    Typed(Kind),
    /// One of the words the release lists.
    Enum,
    /// `approval_policy`: one of its words, or `{ granular = { … } }` where
    /// the release lists `granular`; at the top level (`top`), `untrusted`
    /// where the release still takes it.
    Approval { top: bool },
    /// A table; the listed keys are checked, the others ignored.
    Table(&'static [(&'static str, Rule)]),
    /// A table of tables, each checked by the rule.
    Map(&'static Rule),
    /// Checked by the shapes the probe asked (`shapes.rs`): `[features]`,
    /// `agents`, `permissions`, `default_permissions`.
    Shapes,
    /// `tui.notifications`: `true`/`false` or a list of strings.
    Notifications,
    /// The top-level `profile = "…"`.
    Profile,
    /// `model_providers`: reserved ids, a name, `wire_api`.
    Providers,
    /// `[hooks]`: a table Codex reads as a struct; an array of tables is
    /// refused where the release refuses it.
    Hooks,
}

/// The switches `{ granular = { … } }` must set.
pub(super) const GRANULAR_REQUIRED: [&str; 3] = ["sandbox_approval", "rules", "mcp_elicitations"];
/// Provider ids Codex may keep for itself (each asked of every release).
pub(super) const RESERVED_PROVIDERS: [&str; 3] = ["openai", "ollama", "lmstudio"];

const PROFILE: Rule = Rule::Table(&[
    ("model", Rule::Typed(Kind::Str)),
    ("model_provider", Rule::Typed(Kind::Str)),
    ("approval_policy", Rule::Approval { top: false }),
    ("sandbox_mode", Rule::Enum),
    ("model_reasoning_summary", Rule::Enum),
    ("model_reasoning_effort", Rule::Enum),
    ("model_verbosity", Rule::Enum),
]);
const PROJECT: Rule = Rule::Table(&[("trust_level", Rule::Enum)]);
/// The keys of other servers' entries the check reads (the page's own entry
/// is rewritten by the merge).
const SERVER: Rule = Rule::Table(&[
    ("default_tools_approval_mode", Rule::Enum),
    (
        "tools",
        Rule::Map(&Rule::Table(&[("approval_mode", Rule::Enum)])),
    ),
]);

/// The top level of config.toml.
pub(super) const TOP: &[(&str, Rule)] = &[
    ("model", Rule::Typed(Kind::Str)),
    ("model_provider", Rule::Typed(Kind::Str)),
    ("instructions", Rule::Typed(Kind::Str)),
    ("approval_policy", Rule::Approval { top: true }),
    ("sandbox_mode", Rule::Enum),
    ("file_opener", Rule::Enum),
    ("model_reasoning_summary", Rule::Enum),
    ("model_reasoning_effort", Rule::Enum),
    ("model_verbosity", Rule::Enum),
    ("web_search", Rule::Enum),
    ("personality", Rule::Enum),
    ("service_tier", Rule::Enum),
    ("mcp_oauth_credentials_store", Rule::Enum),
    ("cli_auth_credentials_store", Rule::Enum),
    ("hide_agent_reasoning", Rule::Typed(Kind::Bool)),
    ("model_context_window", Rule::Typed(Kind::Int)),
    ("mcp_oauth_callback_port", Rule::Typed(Kind::Port)),
    ("notify", Rule::Typed(Kind::StrList)),
    ("profile", Rule::Profile),
    // Which keys are settings, roles or rules changes from release to
    // release: read by the shapes each release was asked.
    ("agents", Rule::Shapes),
    ("permissions", Rule::Shapes),
    ("default_permissions", Rule::Shapes),
    (
        "history",
        Rule::Table(&[
            ("persistence", Rule::Enum),
            ("max_bytes", Rule::Typed(Kind::Int)),
        ]),
    ),
    (
        "shell_environment_policy",
        Rule::Table(&[("inherit", Rule::Enum)]),
    ),
    (
        "sandbox_workspace_write",
        Rule::Table(&[
            ("network_access", Rule::Typed(Kind::Bool)),
            ("writable_roots", Rule::Typed(Kind::StrList)),
        ]),
    ),
    (
        "tui",
        Rule::Table(&[("notifications", Rule::Notifications)]),
    ),
    ("features", Rule::Shapes),
    ("hooks", Rule::Hooks),
    ("model_providers", Rule::Providers),
    ("profiles", Rule::Map(&PROFILE)),
    ("projects", Rule::Map(&PROJECT)),
    ("mcp_servers", Rule::Map(&SERVER)),
];
