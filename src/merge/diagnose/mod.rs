//! The mistakes hand-pasting makes in a config.toml, each found with its
//! line, explained, and fixed in one click where the fix cannot change
//! anything but the mistake.

mod settings;
mod strings;
mod tables;
mod tokens;

pub use self::settings::CODEX_VERSION;

use toml_edit::{Document, Item, TomlError};

use super::scan::{Scan, line_and_column};
use super::{Diagnosis, DiagnosisKind, Edit, Fix};
use crate::model::ServerConfig;
use crate::validate::Severity;

/// A finding on 1-based `line` (0 when no line is known).
pub(super) fn diagnosis(
    kind: DiagnosisKind,
    severity: Severity,
    line: usize,
    message: String,
    fix: Option<Fix>,
) -> Diagnosis {
    Diagnosis {
        kind,
        severity,
        line: (line > 0).then_some(line),
        message,
        fix,
    }
}

/// A fix made of `edits`, or none when there is nothing to edit.
pub(super) fn fix(label: &str, edits: Vec<Edit>) -> Option<Fix> {
    (!edits.is_empty()).then(|| Fix {
        label: label.to_owned(),
        edits,
    })
}

/// "line 3" or "lines 3, 7 and 9".
pub(super) fn lines_phrase(lines: &[usize]) -> String {
    match lines {
        [one] => format!("line {one}"),
        [init @ .., last] => {
            let init: Vec<String> = init.iter().map(ToString::to_string).collect();
            format!("lines {} and {last}", init.join(", "))
        }
        [] => String::new(),
    }
}

/// The parser's own error, with line and column.
fn syntax(text: &str, error: &TomlError) -> Diagnosis {
    let at = error.span().map_or(0, |s| s.start);
    let (line, column) = line_and_column(text, at);
    let what = error
        .message()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ");
    diagnosis(
        DiagnosisKind::Syntax,
        Severity::Error,
        line,
        format!(
            "Line {line}, column {column}: this is not valid TOML ({what}). Codex cannot read \
             the file until it is fixed; correct it here and the merge runs again."
        ),
        None,
    )
}

/// Every finding about the pasted file: those the text alone shows (what
/// stops a file parsing), then, when it parses, those that need the parsed
/// file, or else the parser's own error.
pub(super) fn diagnose(
    text: &str,
    found: &Scan,
    parsed: Result<&Document<&str>, &TomlError>,
    config: &ServerConfig,
) -> Vec<Diagnosis> {
    let mut out = Vec::new();
    out.extend(strings::smart_quotes(text, found));
    out.extend(strings::windows_paths(text, found));
    let paths = tables::header_paths(text, &found.headers);
    out.extend(tables::duplicate_tables(text, &paths, &config.name));
    out.extend(tables::wrong_table_names(&paths));
    let doc = match parsed {
        Ok(doc) => doc,
        Err(error) => {
            out.push(syntax(text, error));
            return out;
        }
    };
    out.extend(settings::refusals(text, doc, config));
    let Some(servers) = doc.get("mcp_servers").and_then(Item::as_table_like) else {
        return out;
    };
    for (name, item) in servers.iter() {
        if let Some(entry) = item.as_table_like() {
            out.extend(tables::nested_name(&paths, name, entry));
        }
    }
    if let Some(entry) = servers.get(&config.name).and_then(Item::as_table_like) {
        out.extend(tokens::bearer_token(text, entry, config));
    }
    out
}
