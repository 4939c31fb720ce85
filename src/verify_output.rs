//! Reading what the Verify tab's commands printed, pasted back into the
//! page: the Codex release (`codex --version`) and what Codex says about
//! this server (`codex mcp get NAME`, `codex mcp list`). A reader above
//! validation, in the Verify tab's module of the program, which loads
//! when the tab first opens.

use crate::clients::codex::Release;

/// What Codex says about one server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryState {
    /// Codex has no server of that name.
    Missing,
    /// Codex has it and will start it.
    Enabled,
    /// Codex has it but turned it off, for this reason as Codex words it
    /// (`requirements (/etc/codex/requirements.toml)`, or none when the
    /// entry itself says `enabled = false`).
    Disabled(Option<String>),
}

impl EntryState {
    /// Whether an administrator's requirements turned the server off.
    pub fn by_requirements(&self) -> bool {
        matches!(self, Self::Disabled(Some(reason)) if reason.starts_with("requirements"))
    }
}

/// What a paste of the Verify commands' output says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VerifyReading {
    /// The release `codex --version` printed.
    pub release: Option<Release>,
    /// What Codex says about the server, when the paste says anything.
    pub entry: Option<EntryState>,
    /// The URL Codex has for it, as it printed it.
    pub url: Option<String>,
}

/// Reads the output of `codex --version`, `codex mcp get NAME` and
/// `codex mcp list` about the server `name`. Anything else in the paste
/// is passed over.
pub fn read_verify_output(text: &str, name: &str) -> VerifyReading {
    let mut reading = VerifyReading {
        release: Release::from_version_line(text),
        ..VerifyReading::default()
    };
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with("No MCP server named")
            && (trimmed.contains(&format!("'{name}'")) || trimmed.contains(&format!("`{name}`")))
        {
            reading.entry.get_or_insert(EntryState::Missing);
        }
        // `codex mcp get NAME`: the name alone, or with why it is off.
        if *line == name {
            reading.entry = Some(EntryState::Enabled);
        } else if let Some(reason) = line
            .strip_prefix(name)
            .and_then(|rest| rest.strip_prefix(" (disabled"))
            .map(|rest| rest.trim_end_matches(')'))
        {
            let reason = reason.strip_prefix(": ").map(str::to_owned);
            reading.entry = Some(EntryState::Disabled(reason));
        }
        if reading.entry.is_some()
            && let Some(url) = trimmed.strip_prefix("url: ")
        {
            reading.url.get_or_insert_with(|| url.to_owned());
        }
        // `codex mcp list`: a table whose header names the columns.
        if trimmed.starts_with("Name ")
            && trimmed.contains(" Status")
            && let Some(row) = list_row(line, &lines[i + 1..], name)
        {
            reading.url.get_or_insert(row.url);
            reading.entry.get_or_insert(row.state);
        }
    }
    reading
}

struct Row {
    url: String,
    state: EntryState,
}

/// The row for `name` in `codex mcp list`'s table, read by the columns the
/// header sets out.
fn list_row(header: &str, rows: &[&str], name: &str) -> Option<Row> {
    let column = |title: &str| header.find(title);
    let (url_at, status_at) = (column("Url")?, column("Status")?);
    let auth_at = column("Auth").unwrap_or(usize::MAX);
    let cell = |row: &str, from: usize, to: usize| -> String {
        row.get(from..to.min(row.len()))
            .or_else(|| row.get(from..))
            .unwrap_or_default()
            .trim()
            .to_owned()
    };
    let next_after = |at: usize| {
        [url_at, status_at, auth_at]
            .into_iter()
            .filter(|c| *c > at)
            .min()
            .unwrap_or(usize::MAX)
    };
    rows.iter()
        .take_while(|row| !row.trim().is_empty())
        .find(|row| cell(row, 0, url_at) == name)
        .map(|row| {
            let status = cell(row, status_at, next_after(status_at));
            let state = match status.strip_prefix("disabled") {
                Some(reason) => EntryState::Disabled(
                    reason
                        .strip_prefix(": ")
                        .map(str::to_owned)
                        .filter(|r| !r.is_empty()),
                ),
                None => EntryState::Enabled,
            };
            Row {
                url: cell(row, url_at, next_after(url_at)),
                state,
            }
        })
}
