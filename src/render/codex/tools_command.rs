//! The command that prints a server's tools as Codex sees them, for the
//! picker's import: every tool, whatever filters the entry already has.
//!
//! `codex app-server` answers `mcpServerStatus/list` with each tool's name,
//! title, description and annotations, signed in with what Codex holds. That
//! list applies `enabled_tools` and `disabled_tools`, and a `-c` override
//! cannot remove a list (overrides merge into the entry), so the command
//! points `CODEX_HOME` at a scratch folder holding this entry without its
//! filters and a copy of the stored sign-in (`.credentials.json`; sign-ins
//! kept in the system keyring are found by server name and URL either way).
//! Codex's standard input stays open for a few seconds, long enough for the
//! answer, then closes, and the command ends on its own. Every command
//! prints `codex --version` first, so its pasted output also tells the page
//! which release the person runs.

use super::render_config_toml;
use crate::model::ServerConfig;
use crate::render::quote::{posix_quote, powershell_quote};

/// Seconds the command gives Codex to answer before it closes its input.
pub const ANSWER_SECONDS: u32 = 12;

/// The three JSON-RPC messages, one per line: initialize, initialized, and
/// the tool list of `name`. A valid server name (ASCII letters, digits and
/// `- _ : @ / .`) needs no escaping in a JSON string.
fn requests(name: &str) -> [String; 3] {
    let name = format!("\"{name}\"");
    [
        r#"{"id":0,"method":"initialize","params":{"clientInfo":{"name":"codex-mcp-configurator","version":"1.0.0"}}}"#.to_owned(),
        r#"{"method":"initialized"}"#.to_owned(),
        format!(
            r#"{{"id":1,"method":"mcpServerStatus/list","params":{{"serverName":{name},"detail":"toolsAndAuthOnly"}}}}"#
        ),
    ]
}

/// The entry as the scratch config holds it: enabled, and without tool lists.
fn unfiltered_entry(config: &ServerConfig) -> String {
    let unfiltered = ServerConfig {
        enabled: true,
        enabled_tools: None,
        disabled_tools: Vec::new(),
        ..config.clone()
    };
    render_config_toml(&unfiltered)
}

/// `codex app-server` fed the three requests, its input held open for
/// [`ANSWER_SECONDS`], in bash and zsh.
fn posix_pipeline(config: &ServerConfig, codex_home: &str) -> String {
    let quoted: Vec<String> = requests(&config.name)
        .iter()
        .map(|r| posix_quote(r).into_owned())
        .collect();
    format!(
        "{{ printf '%s\\n' {}; sleep {ANSWER_SECONDS}; }} | {codex_home}codex app-server\n",
        quoted.join(" ")
    )
}

/// The same pipeline in PowerShell.
fn powershell_pipeline(config: &ServerConfig) -> String {
    let quoted: Vec<String> = requests(&config.name)
        .iter()
        .map(|r| powershell_quote(r).into_owned())
        .collect();
    format!(
        "& {{ {}; Start-Sleep -Seconds {ANSWER_SECONDS} }} | codex app-server\n",
        quoted.join(", ")
    )
}

/// The tools Codex will use, with the entry's filters applied (the Verify
/// tab's check after setting up), for bash and zsh.
pub fn render_tools_in_use_posix(config: &ServerConfig) -> String {
    format!("codex --version\n{}", posix_pipeline(config, ""))
}

/// [`render_tools_in_use_posix`] for PowerShell.
pub fn render_tools_in_use_powershell(config: &ServerConfig) -> String {
    format!("codex --version\n{}", powershell_pipeline(config))
}

/// The Verify tab's commands: the release, this server's entry, and every
/// server with its sign-in status (and, under an administrator's
/// requirements, whether Codex turned it off).
pub fn render_verify_commands(config: &ServerConfig) -> String {
    let name = posix_quote(&config.name);
    format!("codex --version\ncodex mcp get {name}\ncodex mcp list\n")
}

/// The tools command for bash and zsh.
pub fn render_tools_command_posix(config: &ServerConfig) -> String {
    format!(
        "codex --version\n\
         t=$(mktemp -d)\n\
         cp \"${{CODEX_HOME:-$HOME/.codex}}/.credentials.json\" \"$t/\" 2>/dev/null\n\
         cat > \"$t/config.toml\" <<'TOML'\n{entry}TOML\n\
         {pipeline}\
         rm -rf \"$t\"\n",
        entry = unfiltered_entry(config),
        pipeline = posix_pipeline(config, "CODEX_HOME=\"$t\" "),
    )
}

/// The tools command for PowerShell, from the same steps.
pub fn render_tools_command_powershell(config: &ServerConfig) -> String {
    let entry = unfiltered_entry(config);
    let entry = entry.strip_suffix('\n').unwrap_or(&entry);
    format!(
        "codex --version\n\
         $t = Join-Path ([IO.Path]::GetTempPath()) ([guid]::NewGuid())\n\
         New-Item -ItemType Directory -Path $t | Out-Null\n\
         $codexHome = if ($env:CODEX_HOME) {{ $env:CODEX_HOME }} else {{ \"$env:USERPROFILE\\.codex\" }}\n\
         Copy-Item \"$codexHome\\.credentials.json\" $t -ErrorAction SilentlyContinue\n\
         Set-Content -Encoding utf8 -Path \"$t\\config.toml\" -Value @'\n{entry}\n'@\n\
         $saved = $env:CODEX_HOME; $env:CODEX_HOME = $t\n\
         {pipeline}\
         $env:CODEX_HOME = $saved; Remove-Item -Recurse -Force $t\n",
        pipeline = powershell_pipeline(config),
    )
}
