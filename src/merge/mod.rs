//! Merging the entry into a config.toml the person already has: the file
//! is diagnosed (syntax errors, the mistakes hand-pasting makes), the entry
//! is added or updated in place, and everything else is kept byte for byte.
//! No I/O: the pasted text comes in, the updated text and findings go out.

mod diagnose;
mod diff;
mod edit;
mod file;
mod requirements;
mod scan;

pub use self::diff::{DiffLine, DiffRow, LineChange, diff_with_context, line_diff};
pub use self::file::{
    CODEX_CHECK_POSIX, CODEX_CHECK_POWERSHELL, FileProblem, MAX_FILE_BYTES, OpenedFile, check_size,
    file_bytes, read_config_file,
};
pub use self::requirements::merge_requirements;

use std::ops::Range;

use crate::model::ServerConfig;
use crate::validate::Severity;

/// The kinds of problem the merge recognises in a pasted file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DiagnosisKind {
    /// The file is not valid TOML.
    Syntax,
    /// Curly quotes (“ ” ‘ ’) where TOML needs straight ones.
    SmartQuotes,
    /// A Windows path in a basic string, where backslashes are escapes.
    WindowsPath,
    /// The same table header twice: Codex rejects the whole file.
    DuplicateTable,
    /// `[mcp.servers.x]` or similar, which Codex ignores.
    WrongTableName,
    /// A server name with dots written bare, read as nested tables.
    NestedName,
    /// The existing entry for this server authenticates with a token.
    BearerToken,
    /// `mcp_servers` has a shape the merge cannot edit safely.
    Unmergeable,
    /// A setting elsewhere in the file that Codex refuses the file for (an
    /// unknown value, a wrong type, a removed setting): the merge still
    /// runs, and the result is marked as refused until it is fixed.
    CodexRefuses,
    /// What the person's release does with a setting that is not a refusal:
    /// it ignores the setting, or checks what is in a table the page cannot
    /// judge.
    CodexNote,
}

impl DiagnosisKind {
    /// A stable identifier, used as `data-kind` on the page.
    pub fn id(self) -> &'static str {
        match self {
            Self::Syntax => "syntax",
            Self::SmartQuotes => "smart-quotes",
            Self::WindowsPath => "windows-path",
            Self::DuplicateTable => "duplicate-table",
            Self::WrongTableName => "wrong-table-name",
            Self::NestedName => "nested-name",
            Self::BearerToken => "bearer-token",
            Self::Unmergeable => "unmergeable",
            Self::CodexRefuses => "codex-refuses",
            Self::CodexNote => "codex-note",
        }
    }
}

/// One replacement of a byte range of the pasted text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// The bytes replaced.
    pub range: Range<usize>,
    /// What replaces them.
    pub replacement: String,
}

/// A one-click correction of the pasted text, offered only where it is
/// safe: it changes nothing but the problem it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// The button's words ("Use straight quotes").
    pub label: String,
    /// Non-overlapping edits of the pasted text.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// The pasted text with this fix applied.
    pub fn apply(&self, text: &str) -> String {
        let mut edits: Vec<&Edit> = self.edits.iter().collect();
        edits.sort_by_key(|e| e.range.start);
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for edit in edits {
            if edit.range.start < at || edit.range.end > text.len() {
                continue; // overlapping or stale: skip rather than corrupt
            }
            out.push_str(&text[at..edit.range.start]);
            out.push_str(&edit.replacement);
            at = edit.range.end;
        }
        out.push_str(&text[at..]);
        out
    }
}

/// One finding about the pasted file.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnosis {
    /// What kind of problem.
    pub kind: DiagnosisKind,
    /// An error (the file would not load in Codex) stops the merge; a
    /// warning does not.
    pub severity: Severity,
    /// The 1-based line it is on, when it is on one.
    pub line: Option<usize>,
    /// What is wrong and how to fix it, in plain words.
    pub message: String,
    /// A safe one-click fix, when there is one.
    pub fix: Option<Fix>,
}

/// What the merge did with the entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MergeAction {
    /// The file had no entry of this name; one was added.
    Added,
    /// The file's entry of this name was updated in place.
    Updated,
    /// The file's entry already said exactly this.
    Unchanged,
}

pub use self::diagnose::CODEX_VERSION;

/// The result of merging the entry into a pasted file.
#[derive(Clone, Debug, PartialEq)]
pub struct MergeOutcome {
    /// Everything found in the pasted file, in line order.
    pub diagnoses: Vec<Diagnosis>,
    /// The whole updated file; `None` when the pasted file cannot be merged.
    pub merged: Option<String>,
    /// What happened to the entry, when it was merged.
    pub action: Option<MergeAction>,
}

impl MergeOutcome {
    /// The findings Codex refuses the whole file for, which the merged file
    /// still carries until they are fixed.
    pub fn refusals(&self) -> impl Iterator<Item = &Diagnosis> {
        self.diagnoses
            .iter()
            .filter(|d| d.kind == DiagnosisKind::CodexRefuses)
    }
}

/// Merges `config`'s entry into `existing` (the person's config.toml): adds
/// it, or updates the entry of the same name in place, keeping comments,
/// key order, formatting and every other table as they were.
pub fn merge_config(existing: &str, config: &ServerConfig) -> MergeOutcome {
    let found = scan::scan(existing);
    let parsed = toml_edit::Document::parse(existing);
    let mut diagnoses = diagnose::diagnose(existing, &found, parsed.as_ref(), config);
    let mut merged = None;
    let mut action = None;
    if let Ok(doc) = parsed {
        let mut doc = doc.into_mut();
        match edit::upsert_entry(&mut doc, config) {
            Ok(done) => {
                merged = Some(finish(existing, doc.to_string()));
                action = Some(done);
            }
            Err(message) => diagnoses.push(Diagnosis {
                kind: DiagnosisKind::Unmergeable,
                severity: Severity::Error,
                line: None,
                message,
                fix: None,
            }),
        }
    }
    if diagnoses
        .iter()
        .any(|d| d.severity == Severity::Error && d.kind != DiagnosisKind::CodexRefuses)
    {
        // The merge cannot be trusted on such a file: fix the file first.
        // (A refused setting elsewhere leaves the merge sound; the panel
        // shows the result marked as refused until it is fixed.)
        merged = None;
        action = None;
    }
    diagnoses.sort_by_key(|d| d.line.unwrap_or(0));
    MergeOutcome {
        diagnoses,
        merged,
        action,
    }
}

/// Gives the output the input's line endings and final-newline habit, which
/// the TOML library normalises.
fn finish(existing: &str, rendered: String) -> String {
    let mut out = if existing.contains("\r\n") {
        let mut crlf = String::with_capacity(rendered.len() + rendered.len() / 20);
        let mut previous = '\0';
        for c in rendered.chars() {
            if c == '\n' && previous != '\r' {
                crlf.push('\r');
            }
            crlf.push(c);
            previous = c;
        }
        crlf
    } else {
        rendered
    };
    if !existing.is_empty() && !existing.ends_with('\n') {
        let trimmed = out.trim_end_matches('\n').trim_end_matches('\r').len();
        if out[trimmed..].matches('\n').count() == 1 {
            out.truncate(trimmed);
        }
    }
    out
}
