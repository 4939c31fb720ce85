//! The Codex release the person runs: which of their choices it honours,
//! as the real releases answered (`crate::clients::codex`). A choice it cannot
//! honour stays in the form and gets a [`VersionNote`] where it is made:
//! what happens on that release, from which release it works, and the
//! upgrade command. None for the newest release.

use crate::clients::codex::{self, Fact, Release, UPGRADE};
use crate::model::{ApprovalMode, Draft, Field};
use crate::validate::{Finding, RequiredUrl, Requirements};

/// Where a note about the release belongs: the choice it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotePlace {
    /// A field of the form (the name, the OAuth resource, the client id,
    /// the Codex version itself).
    Field(Field),
    /// The server's default approval mode.
    DefaultApproval,
    /// One tool's approval mode.
    ToolApproval(String),
    /// "Codex runs on another machine".
    Remote,
    /// "This repository only".
    Location,
}

/// What the chosen release does with one of the person's choices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionNote {
    /// The choice it is about.
    pub place: NotePlace,
    /// What happens, from which release it works, and how to upgrade.
    pub message: String,
    /// The release refuses it outright, so nothing can be written until the
    /// choice (or the release) changes.
    pub blocks: bool,
}

impl VersionNote {
    fn at(place: NotePlace, message: String) -> Self {
        Self {
            place,
            message,
            blocks: false,
        }
    }
}

/// The sign-in's callback port when Codex runs on another machine and has
/// no `login --no-browser`: the port to forward from the person's computer.
pub const FORWARDED_CALLBACK_PORT: u16 = 8976;

/// "It works from 0.144. To upgrade: `npm install -g …`."
fn from_release(fact: Fact) -> String {
    match fact.since() {
        Some(since) => format!("It works from Codex {since}. To upgrade: `{UPGRADE}`."),
        None => format!("No release the page knows has it yet. To upgrade: `{UPGRADE}`."),
    }
}

/// Reads the version field; an unusable entry is an error there, and the
/// newest release stands in so the rest of the form still checks.
pub(crate) fn check_release(typed: &str, findings: &mut Vec<Finding>) -> Release {
    if typed.trim().is_empty() {
        return codex::newest();
    }
    match Release::parse(typed) {
        Ok(release) => release,
        Err(problem) => {
            findings.push(Finding::error(Field::CodexVersion, problem));
            codex::newest()
        }
    }
}

/// The notes for `release` about `draft`'s choices, and the approval modes
/// it can be given (`writes` left out where the release refuses the whole
/// file for it).
pub(crate) fn release_notes(draft: &Draft, release: Release, notes: &mut Vec<VersionNote>) {
    let (oldest, newest) = (codex::oldest(), codex::newest());
    if release < oldest {
        notes.push(VersionNote::at(
            NotePlace::Field(Field::CodexVersion),
            format!(
                "The page knows Codex {oldest} to {newest}; for {release} it writes what {oldest} reads, which an older release may not. To upgrade: `{UPGRADE}`."
            ),
        ));
    } else if release > newest {
        notes.push(VersionNote::at(
            NotePlace::Field(Field::CodexVersion),
            format!(
                "Codex {release} is newer than {newest}, the newest release the page was checked against: it writes for {newest}, which newer releases have read so far."
            ),
        ));
    }
    name_notes(&draft.name, release, notes);
    if !draft.oauth_resource.trim().is_empty() && !codex::OAUTH_RESOURCE_KEY.holds(release) {
        notes.push(VersionNote::at(
            NotePlace::Field(Field::OauthResource),
            format!(
                "Codex {release} ignores `oauth_resource` and asks for a token for the server's own URL. {}",
                from_release(codex::OAUTH_RESOURCE_KEY)
            ),
        ));
    }
    if !draft.oauth_client_id.trim().is_empty() && !codex::OAUTH_CLIENT_ID_KEY.holds(release) {
        notes.push(VersionNote::at(
            NotePlace::Field(Field::OauthClientId),
            format!(
                "Codex {release} ignores `[oauth] client_id` and registers itself with the server, which fails where only your administrator's client may sign in. {}",
                from_release(codex::OAUTH_CLIENT_ID_KEY)
            ),
        ));
    }
    if let Some(mode) = draft.default_approval {
        approval_note(
            NotePlace::DefaultApproval,
            codex::DEFAULT_APPROVAL_KEY,
            "`default_tools_approval_mode`",
            mode,
            release,
            notes,
        );
    }
    for (tool, mode) in &draft.tool_approvals {
        approval_note(
            NotePlace::ToolApproval(tool.clone()),
            codex::TOOL_APPROVAL_KEY,
            "per-tool approval modes",
            *mode,
            release,
            notes,
        );
    }
    if draft.remote
        && draft.bearer_token_env_var.trim().is_empty()
        && !codex::LOGIN_NO_BROWSER.holds(release)
    {
        let port = FORWARDED_CALLBACK_PORT;
        notes.push(VersionNote::at(
            NotePlace::Remote,
            format!(
                "Codex {release} has no `codex mcp login --no-browser`, so the commands fix the sign-in's callback port to {port} instead: before you run them, forward that port from your own computer (`ssh -L {port}:127.0.0.1:{port} HOST`, or the Ports tab of your dev container), then open the link Codex prints in your own browser. {}",
                from_release(codex::LOGIN_NO_BROWSER)
            ),
        ));
    }
    if draft.location == crate::model::ConfigLocation::Project
        && !codex::PROJECT_CONFIG.holds(release)
    {
        notes.push(VersionNote::at(
            NotePlace::Location,
            format!(
                "Codex {release} does not read a project's `.codex/config.toml`. {}",
                from_release(codex::PROJECT_CONFIG)
            ),
        ));
    }
}

/// The organisation allows its server by a URL prefix, which a release
/// before prefix matchers cannot read: it refuses to start at all.
pub(crate) fn requirements_note(
    req: &Requirements,
    release: Release,
    notes: &mut Vec<VersionNote>,
) {
    if matches!(req.url, RequiredUrl::Prefix(_)) && !codex::REQUIREMENTS_URL_PREFIX.holds(release) {
        notes.push(VersionNote::at(
            NotePlace::Field(Field::CodexVersion),
            format!(
                "Your organisation's requirements allow this server by a URL prefix, which Codex {release} cannot read: on a machine with that requirements.toml it refuses to start at all. {}",
                from_release(codex::REQUIREMENTS_URL_PREFIX)
            ),
        ));
    }
}

/// A name with a character the release's `codex mcp add` and `remove`
/// refuse: nothing can be written for it.
fn name_notes(name: &str, release: Release, notes: &mut Vec<VersionNote>) {
    for c in [".", "/", ":", "@"] {
        let fact = Fact::NameChar(c);
        if name.contains(c) && !fact.holds(release) {
            notes.push(VersionNote {
                place: NotePlace::Field(Field::Name),
                message: format!(
                    "Codex {release} takes only letters, digits, `-` and `_` in a server name: `codex mcp add` and `codex mcp remove` refuse `{c}`. Rename the server (such as `{}`), or upgrade. {}",
                    name.replace(['.', '/', ':', '@'], "-"),
                    from_release(fact)
                ),
                blocks: true,
            });
            return;
        }
    }
}

/// The note for an approval `mode` set through `key` (a server default or
/// a tool's), if `release` ignores the key or refuses the value.
fn approval_note(
    place: NotePlace,
    key: Fact,
    what: &str,
    mode: ApprovalMode,
    release: Release,
    notes: &mut Vec<VersionNote>,
) {
    let Fact::ServerKey(path) = key else {
        return;
    };
    if !key.holds(release) {
        notes.push(VersionNote::at(
            place,
            format!(
                "Codex {release} ignores {what} and asks as it always does. {}",
                from_release(key)
            ),
        ));
    } else if codex::refuses_server_value(release, path, mode.as_str()) {
        let known = codex::server_values(release, path)
            .unwrap_or_default()
            .iter()
            .map(|v| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(", ");
        notes.push(VersionNote::at(
            place,
            format!(
                "Codex {release} refuses the whole config.toml for `{}` (it knows {known}), so the entry leaves it out and Codex asks as it does by default. {}",
                mode.as_str(),
                from_release(Fact::ServerValue(path, mode.as_str()))
            ),
        ));
    }
}

/// `mode` when `release` can be given it through `key` in config.toml,
/// `None` when that release would refuse the whole file for it.
pub(crate) fn writable_mode(
    key: Fact,
    mode: Option<ApprovalMode>,
    release: Release,
) -> Option<ApprovalMode> {
    let Fact::ServerKey(path) = key else {
        return mode;
    };
    mode.filter(|m| !codex::refuses_server_value(release, path, m.as_str()))
}
