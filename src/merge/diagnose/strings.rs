//! Strings as pasted: curly quotes where TOML needs straight ones, and
//! Windows paths in basic strings, where backslashes are escapes.

use toml_edit::Value;

use super::{diagnosis, fix, lines_phrase};
use crate::merge::scan::Scan;
use crate::merge::{Diagnosis, DiagnosisKind, Edit};
use crate::validate::Severity;

/// A TOML string holding exactly `content`, as the TOML library writes it.
fn toml_string(content: &str) -> String {
    Value::from(content).to_string()
}

pub(super) fn smart_quotes(text: &str, found: &Scan) -> Option<Diagnosis> {
    let first = found.smart_quoted.first()?;
    let mut lines: Vec<usize> = found.smart_quoted.iter().map(|q| q.line).collect();
    lines.dedup();
    let edits = found
        .smart_quoted
        .iter()
        .filter(|q| q.closed)
        .map(|q| Edit {
            range: q.range.clone(),
            replacement: toml_string(&text[q.inner.clone()]),
        })
        .collect::<Vec<_>>();
    let all_closed = edits.len() == found.smart_quoted.len();
    Some(diagnosis(
        DiagnosisKind::SmartQuotes,
        Severity::Error,
        first.line,
        format!(
            "Curly quotes (“ ” ‘ ’) on {}: TOML needs straight quotes (\" or '). They usually \
             come from copying out of a chat window or a word processor.{}",
            lines_phrase(&lines),
            if all_closed {
                ""
            } else {
                " One of them is not closed on its line: retype that value with straight quotes."
            }
        ),
        if all_closed {
            fix("Use straight quotes", edits)
        } else {
            None
        },
    ))
}

/// What the backslashes in a basic string's raw text do: whether any escape
/// is invalid, whether any silently turns a path's `\t`, `\n`… into a tab or
/// a line break, and whether the text already escapes a backslash (`\\`).
fn escapes(raw: &str) -> (bool, bool, bool) {
    let (mut invalid, mut changes_path, mut escaped_backslash) = (false, false, false);
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            continue;
        }
        let hex = |n: usize, chars: &mut std::iter::Peekable<std::str::Chars>| {
            (0..n).all(|_| chars.next().is_some_and(|h| h.is_ascii_hexdigit()))
        };
        match chars.next() {
            Some('\\') => escaped_backslash = true,
            Some('"') => {}
            Some('b' | 't' | 'n' | 'f' | 'r' | 'e') => changes_path = true,
            Some('x') => invalid |= !hex(2, &mut chars),
            Some('u') => invalid |= !hex(4, &mut chars),
            Some('U') => invalid |= !hex(8, &mut chars),
            _ => invalid = true,
        }
    }
    (invalid, changes_path, escaped_backslash)
}

fn looks_like_windows_path(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    (bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'\\')
        || raw.starts_with("\\\\")
        || raw.starts_with(".\\")
        || raw.starts_with("%")
}

pub(super) fn windows_paths(text: &str, found: &Scan) -> Vec<Diagnosis> {
    let mut out = Vec::new();
    for quoted in found.basic_strings.iter().filter(|q| q.closed) {
        let raw = &text[quoted.inner.clone()];
        if !raw.contains('\\') {
            continue;
        }
        let (invalid, changes_path, escaped_backslash) = escapes(raw);
        let path = looks_like_windows_path(raw);
        if !(invalid || path && changes_path) {
            continue;
        }
        let literal = format!("'{raw}'");
        let safe = !raw.contains('\'') && !escaped_backslash && !raw.contains("\\\"");
        let consequence = if invalid {
            "a backslash followed by this letter is not a valid escape, so the file does not parse"
        } else {
            "\\t, \\n and the like become a tab or a line break, so the path silently changes"
        };
        let remedy = if safe {
            format!(
                "Write it as a literal string in single quotes, {literal}, or double every backslash."
            )
        } else {
            "Double every backslash that is part of the path (\\\\).".to_owned()
        };
        out.push(diagnosis(
            DiagnosisKind::WindowsPath,
            if invalid {
                Severity::Error
            } else {
                Severity::Warning
            },
            quoted.line,
            format!(
                "Line {}: \"{raw}\" is a basic string, where a backslash starts an escape: \
                 {consequence}. {remedy}",
                quoted.line
            ),
            if safe {
                fix(
                    "Use a literal string",
                    vec![Edit {
                        range: quoted.range.clone(),
                        replacement: literal,
                    }],
                )
            } else {
                None
            },
        ));
    }
    out
}
