//! The form's fields, as findings name them.

/// The form fields a finding can be attached to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// Server name.
    Name,
    /// MCP URL.
    Url,
    /// Allow and block lists.
    Tools,
    /// Startup timeout.
    StartupTimeout,
    /// Tool-call timeout.
    ToolTimeout,
    /// OAuth scopes.
    Scopes,
    /// OAuth resource.
    OauthResource,
    /// Pre-registered OAuth client id.
    OauthClientId,
    /// Bearer-token environment variable.
    BearerTokenEnvVar,
    /// The Codex release the person runs.
    CodexVersion,
}

impl Field {
    /// Every field, in form order.
    pub const ALL: [Field; 10] = [
        Field::Name,
        Field::Url,
        Field::Tools,
        Field::StartupTimeout,
        Field::ToolTimeout,
        Field::Scopes,
        Field::OauthResource,
        Field::OauthClientId,
        Field::BearerTokenEnvVar,
        Field::CodexVersion,
    ];

    /// The field as a sentence names it.
    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "the server name",
            Field::Url => "the cluster URL",
            Field::Tools => "the tool lists",
            Field::StartupTimeout => "the startup timeout",
            Field::ToolTimeout => "the tool timeout",
            Field::Scopes => "the OAuth scopes",
            Field::OauthResource => "the OAuth resource",
            Field::OauthClientId => "the OAuth client ID",
            Field::BearerTokenEnvVar => "the bearer token variable",
            Field::CodexVersion => "the Codex version",
        }
    }
}
