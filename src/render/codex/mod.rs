//! What the page writes for Codex: the `config.toml` entry, the terminal
//! steps for bash/zsh and PowerShell (the `add`, or the file route and one
//! `login`), the Codex app's form values, the tools and Verify commands,
//! and the administrators' files.

mod admin;
mod app;
mod config_toml;
mod room;
mod shell;
mod tools_command;

pub use self::admin::{
    AllowBy, base64, identity_url, managed_config, mobileconfig, origin_prefix, requirements_entry,
};
pub use self::app::{AppField, app_fields, render_app_fields};
pub use self::room::{Codex, outputs};
pub(crate) use self::config_toml::{EntryValue, MANAGED_KEYS, entry_keys};
pub use self::config_toml::{render_config_toml, table_header};
pub use self::shell::{
    SignIn, Step, TerminalSteps, login_command, render_posix, render_powershell, terminal_steps,
};
pub use self::tools_command::{
    ANSWER_SECONDS, render_tools_command_posix, render_tools_command_powershell,
    render_tools_in_use_posix, render_tools_in_use_powershell, render_verify_commands,
};
