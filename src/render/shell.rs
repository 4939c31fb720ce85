//! Terminal commands for bash/zsh and PowerShell.

use std::borrow::Cow;

use crate::model::ServerConfig;

/// The commands a person runs, as argument vectors (`argv[0]` is `codex`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TerminalSteps {
    /// `codex mcp add NAME --url URL …`.
    pub add: Vec<String>,
    /// `codex mcp login NAME [--scopes …]`; `None` for bearer-token servers.
    pub login: Option<Vec<String>>,
    /// `codex mcp get NAME`, to check what Codex stored.
    pub verify: Vec<String>,
}

impl TerminalSteps {
    /// The commands in the order they are run.
    pub fn commands(&self) -> Vec<&[String]> {
        let mut commands = vec![self.add.as_slice()];
        if let Some(login) = &self.login {
            commands.push(login.as_slice());
        }
        commands.push(self.verify.as_slice());
        commands
    }
}

fn words(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// Adds `--flag value`, or `--flag=value` when the value starts with `-` and
/// would otherwise be read as another option.
fn push_option(argv: &mut Vec<String>, flag: &str, value: &str) {
    if value.starts_with('-') {
        argv.push(format!("{flag}={value}"));
    } else {
        argv.push(flag.to_owned());
        argv.push(value.to_owned());
    }
}

/// Builds the add, login and verify commands for `config`.
pub fn terminal_steps(config: &ServerConfig) -> TerminalSteps {
    let mut add = words(&["codex", "mcp", "add", &config.name]);
    push_option(&mut add, "--url", config.url.as_str());
    if let Some(var) = &config.bearer_token_env_var {
        push_option(&mut add, "--bearer-token-env-var", var);
    }
    if let Some(client_id) = &config.oauth_client_id {
        push_option(&mut add, "--oauth-client-id", client_id);
    }
    if let Some(resource) = &config.oauth_resource {
        push_option(&mut add, "--oauth-resource", resource);
    }
    let login = (!config.uses_bearer_token()).then(|| {
        let mut login = words(&["codex", "mcp", "login", &config.name]);
        if !config.scopes.is_empty() {
            push_option(&mut login, "--scopes", &config.scopes.join(","));
        }
        login
    });
    TerminalSteps {
        add,
        login,
        verify: words(&["codex", "mcp", "get", &config.name]),
    }
}

/// Quotes one word for bash and zsh (via the `shlex` crate, which is tested
/// against both). Validated input never holds NUL; should it, the word is
/// dropped rather than emitted unquoted.
pub fn posix_quote(word: &str) -> Cow<'_, str> {
    shlex::try_quote(word).unwrap_or(Cow::Borrowed("''"))
}

/// Quotes one word for PowerShell: bare when it holds only characters
/// PowerShell reads literally, otherwise single-quoted with every kind of
/// single quote PowerShell recognises doubled.
pub fn powershell_quote(word: &str) -> Cow<'_, str> {
    let bare = !word.is_empty()
        && !word.starts_with('@')
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/' | ':' | '='));
    if bare {
        return Cow::Borrowed(word);
    }
    let mut quoted = String::with_capacity(word.len() + 2);
    quoted.push('\'');
    for c in word.chars() {
        if matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}') {
            quoted.push(c);
        }
        quoted.push(c);
    }
    quoted.push('\'');
    Cow::Owned(quoted)
}

fn render_with(steps: &TerminalSteps, quote: fn(&str) -> Cow<'_, str>) -> String {
    let mut out = String::new();
    for argv in steps.commands() {
        let line: Vec<Cow<'_, str>> = argv.iter().map(|w| quote(w)).collect();
        out.push_str(&line.join(" "));
        out.push('\n');
    }
    out
}

/// The commands for bash and zsh, one per line.
pub fn render_posix(steps: &TerminalSteps) -> String {
    render_with(steps, posix_quote)
}

/// The commands for PowerShell, one per line.
pub fn render_powershell(steps: &TerminalSteps) -> String {
    render_with(steps, powershell_quote)
}
