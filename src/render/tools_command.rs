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
//! answer, then closes, and the command ends on its own.

use super::render_config_toml;
use crate::model::ServerConfig;

/// Seconds the command gives Codex to answer before it closes its input.
pub const ANSWER_SECONDS: u32 = 12;

/// The three JSON-RPC messages, one per line: initialize, initialized, and
/// the tool list of `name`.
fn requests(name: &str) -> [String; 3] {
    let name = serde_json::Value::from(name).to_string();
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

/// The tools command for bash and zsh.
pub fn render_tools_command_posix(config: &ServerConfig) -> String {
    let quoted: Vec<String> = requests(&config.name)
        .iter()
        .map(|r| super::posix_quote(r).into_owned())
        .collect();
    format!(
        "t=$(mktemp -d)\n\
         cp \"${{CODEX_HOME:-$HOME/.codex}}/.credentials.json\" \"$t/\" 2>/dev/null\n\
         cat > \"$t/config.toml\" <<'TOML'\n{entry}TOML\n\
         {{ printf '%s\\n' {requests}; sleep {ANSWER_SECONDS}; }} | CODEX_HOME=\"$t\" codex app-server\n\
         rm -rf \"$t\"\n",
        entry = unfiltered_entry(config),
        requests = quoted.join(" "),
    )
}

/// The tools command for PowerShell, from the same steps.
pub fn render_tools_command_powershell(config: &ServerConfig) -> String {
    let quoted: Vec<String> = requests(&config.name)
        .iter()
        .map(|r| super::powershell_quote(r).into_owned())
        .collect();
    let entry = unfiltered_entry(config);
    let entry = entry.strip_suffix('\n').unwrap_or(&entry);
    format!(
        "$t = Join-Path ([IO.Path]::GetTempPath()) ([guid]::NewGuid())\n\
         New-Item -ItemType Directory -Path $t | Out-Null\n\
         $codexHome = if ($env:CODEX_HOME) {{ $env:CODEX_HOME }} else {{ \"$env:USERPROFILE\\.codex\" }}\n\
         Copy-Item \"$codexHome\\.credentials.json\" $t -ErrorAction SilentlyContinue\n\
         Set-Content -Encoding utf8 -Path \"$t\\config.toml\" -Value @'\n{entry}\n'@\n\
         $saved = $env:CODEX_HOME; $env:CODEX_HOME = $t\n\
         & {{ {requests}; Start-Sleep -Seconds {ANSWER_SECONDS} }} | codex app-server\n\
         $env:CODEX_HOME = $saved; Remove-Item -Recurse -Force $t\n",
        requests = quoted.join(", "),
    )
}
