//! Terminal commands for bash/zsh and PowerShell.

use super::render_config_toml;
use crate::clients::codex;
use crate::model::{ConfigLocation, ServerConfig};
use crate::render::quote::{posix_quote, powershell_quote, push_line, push_option};
use crate::validate::FORWARDED_CALLBACK_PORT;

/// How the person signs in on a first set-up, as the commands do it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignIn {
    /// `codex mcp add` finds OAuth and signs in itself, in the browser.
    DuringAdd,
    /// `codex mcp login` signs in, in the browser, once the entry is written.
    Login,
    /// `codex mcp login --no-browser` prints the link and reads the address
    /// the browser lands on (Codex runs on another machine).
    LoginNoBrowser,
    /// `codex mcp login` on a fixed callback port that the person forwards
    /// from their own computer (another machine, a release without
    /// `--no-browser`).
    LoginForwarded,
    /// No sign-in: Codex sends the token from an environment variable.
    BearerToken,
}

/// One step of the set-up, rendered differently for each shell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Runs a command; `argv[0]` is `codex`.
    Run(Vec<String>),
    /// Creates the folder of the config file at `ConfigLocation`, if missing.
    MakeFolder(ConfigLocation),
    /// Appends `text` (the whole entry) to the config file at `ConfigLocation`.
    Append(ConfigLocation, String),
}

/// The commands a person runs on a first set-up: exactly one sign-in, with
/// the scopes and client the form asks for, and nothing after it (a sign-in
/// that reads a pasted address must be the last line of a pasted block).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TerminalSteps {
    /// What writes the entry: `codex mcp add …` alone, or the file route
    /// (remove any old entry, append the whole table).
    pub write: Vec<Step>,
    /// The separate sign-in, run last; `None` when `add` signs in itself or
    /// the server takes a bearer token.
    pub login: Option<Vec<String>>,
    /// What the person will see.
    pub sign_in: SignIn,
}

impl TerminalSteps {
    /// The argument vectors of every command, in the order they run.
    pub fn commands(&self) -> Vec<&[String]> {
        let mut commands: Vec<&[String]> = self
            .write
            .iter()
            .filter_map(|step| match step {
                Step::Run(argv) => Some(argv.as_slice()),
                _ => None,
            })
            .collect();
        if let Some(login) = &self.login {
            commands.push(login.as_slice());
        }
        commands
    }

    /// Whether the entry is written to the file by the commands themselves
    /// rather than by `codex mcp add`.
    pub fn writes_the_file(&self) -> bool {
        self.write
            .iter()
            .any(|step| matches!(step, Step::Append(..)))
    }
}

fn words(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// How `config` signs in when Codex runs on another machine: `--no-browser`
/// where the release has it, else a fixed callback port to forward.
fn remote_sign_in(config: &ServerConfig) -> SignIn {
    if codex::LOGIN_NO_BROWSER.holds(config.codex) {
        SignIn::LoginNoBrowser
    } else {
        SignIn::LoginForwarded
    }
}

/// `codex mcp login NAME`, with `--no-browser` when Codex runs on another
/// machine (or, on a release without it, the callback port to forward):
/// how a person signs in, the first time after the file route and any time
/// again. The scopes come from the entry, so they need no flag.
pub fn login_command(config: &ServerConfig) -> Vec<String> {
    let mut login = words(&["codex", "mcp", "login", &config.name]);
    if config.remote {
        match remote_sign_in(config) {
            SignIn::LoginForwarded => {
                // A top-level key: `-c` sets it for this command only.
                login.push("-c".to_owned());
                login.push(format!("mcp_oauth_callback_port={FORWARDED_CALLBACK_PORT}"));
            }
            _ => login.push("--no-browser".to_owned()),
        }
    }
    login
}

/// Whether `codex mcp add` alone sets the entry up as the form says.
///
/// `add` replaces the whole entry with what its flags say, and for an OAuth
/// server signs in at once with the scopes the server advertises (checked
/// with Codex 0.169: it ignores `scopes` in config.toml, and `-c` overrides
/// of the entry make it refuse to start). So anything only config.toml can
/// hold, a flag the person's release lacks, a project's own config file, or
/// a sign-in without a local browser needs the file written first and one
/// `codex mcp login` after.
fn add_is_enough(config: &ServerConfig) -> bool {
    let has = |fact: codex::Fact| fact.holds(config.codex);
    config.location == ConfigLocation::User
        && !config.has_config_only_fields()
        && (!config.remote || config.uses_bearer_token())
        && (config.oauth_client_id.is_none() || has(codex::ADD_OAUTH_CLIENT_ID))
        && (config.oauth_resource.is_none() || has(codex::ADD_OAUTH_RESOURCE))
}

/// Builds the first set-up for `config`: the shortest sequence that signs in
/// exactly once.
pub fn terminal_steps(config: &ServerConfig) -> TerminalSteps {
    if add_is_enough(config) {
        let mut add = words(&["codex", "mcp", "add", &config.name]);
        push_option(&mut add, "--url", config.url_text());
        if let Some(var) = &config.bearer_token_env_var {
            push_option(&mut add, "--bearer-token-env-var", var);
        }
        if let Some(client_id) = &config.oauth_client_id {
            push_option(&mut add, "--oauth-client-id", client_id);
        }
        if let Some(resource) = &config.oauth_resource {
            push_option(&mut add, "--oauth-resource", resource);
        }
        let sign_in = if config.uses_bearer_token() {
            SignIn::BearerToken
        } else {
            SignIn::DuringAdd
        };
        return TerminalSteps {
            write: vec![Step::Run(add)],
            login: None,
            sign_in,
        };
    }
    let mut write = vec![Step::MakeFolder(config.location)];
    if config.location == ConfigLocation::User {
        // Makes the block safe to run again: Codex rewrites its own file
        // without the old entry, so the appended table is never a duplicate.
        write.push(Step::Run(words(&["codex", "mcp", "remove", &config.name])));
    }
    write.push(Step::Append(
        config.location,
        format!("\n{}", render_config_toml(config)),
    ));
    let (login, sign_in) = if config.uses_bearer_token() {
        (None, SignIn::BearerToken)
    } else if config.remote {
        (Some(login_command(config)), remote_sign_in(config))
    } else {
        (Some(login_command(config)), SignIn::Login)
    };
    TerminalSteps {
        write,
        login,
        sign_in,
    }
}

/// The user's Codex folder in bash and zsh, honouring `CODEX_HOME` as Codex does.
const POSIX_CODEX_HOME: &str = "\"${CODEX_HOME:-$HOME/.codex}\"";
/// Sets `$codexHome` in PowerShell, honouring `CODEX_HOME` as Codex does.
const POWERSHELL_CODEX_HOME: &str =
    "$codexHome = if ($env:CODEX_HOME) { $env:CODEX_HOME } else { \"$env:USERPROFILE\\.codex\" }";

/// The commands for bash and zsh, one per line; the entry is appended with a
/// quoted here-document, which the shell passes on byte for byte.
pub fn render_posix(steps: &TerminalSteps) -> String {
    let mut out = String::new();
    let folder = |location: ConfigLocation| match location {
        ConfigLocation::User => POSIX_CODEX_HOME.to_owned(),
        ConfigLocation::Project => ".codex".to_owned(),
    };
    for step in &steps.write {
        match step {
            Step::Run(argv) => push_line(&mut out, argv, posix_quote),
            Step::MakeFolder(location) => {
                out.push_str(&format!("mkdir -p {}\n", folder(*location)));
            }
            Step::Append(location, text) => {
                let file = match location {
                    ConfigLocation::User => "\"${CODEX_HOME:-$HOME/.codex}/config.toml\"",
                    ConfigLocation::Project => ".codex/config.toml",
                };
                // No line of a rendered entry is ever the bare word TOML.
                out.push_str(&format!("cat >> {file} <<'TOML'\n{text}TOML\n"));
            }
        }
    }
    if let Some(login) = &steps.login {
        push_line(&mut out, login, posix_quote);
    }
    out
}

/// The commands for PowerShell, one per line, from the same steps as
/// [`render_posix`]; the entry is appended as a literal here-string, in UTF-8.
pub fn render_powershell(steps: &TerminalSteps) -> String {
    let mut out = String::new();
    for step in &steps.write {
        match step {
            Step::Run(argv) => push_line(&mut out, argv, powershell_quote),
            Step::MakeFolder(ConfigLocation::User) => {
                out.push_str(POWERSHELL_CODEX_HOME);
                out.push_str("\nNew-Item -ItemType Directory -Force -Path $codexHome | Out-Null\n");
            }
            Step::MakeFolder(ConfigLocation::Project) => {
                out.push_str("New-Item -ItemType Directory -Force -Path .codex | Out-Null\n");
            }
            Step::Append(location, text) => {
                let file = match location {
                    ConfigLocation::User => "\"$codexHome\\config.toml\"",
                    ConfigLocation::Project => ".codex\\config.toml",
                };
                // A here-string's content ends at a line starting with '@,
                // which no line of a rendered entry does. Add-Content ends
                // the text with the newline the here-string leaves out.
                let body = text.strip_suffix('\n').unwrap_or(text);
                out.push_str(&format!(
                    "Add-Content -Encoding utf8 -Path {file} -Value @'\n{body}\n'@\n"
                ));
            }
        }
    }
    if let Some(login) = &steps.login {
        push_line(&mut out, login, powershell_quote);
    }
    out
}
