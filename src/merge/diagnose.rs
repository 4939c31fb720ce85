//! The mistakes hand-pasting makes in a config.toml, each found with its
//! line, explained, and fixed in one click where the fix cannot change
//! anything but the mistake.

use std::collections::HashMap;
use std::ops::Range;

use toml_edit::{Document, Item, Key, TableLike, TomlError, Value};

use super::scan::{Header, Scan, line_and_column, line_end};
use super::{Diagnosis, DiagnosisKind, Edit, Fix};
use crate::model::ServerConfig;
use crate::validate::Severity;

fn diagnosis(
    kind: DiagnosisKind,
    severity: Severity,
    line: usize,
    message: String,
    fix: Option<Fix>,
) -> Diagnosis {
    Diagnosis {
        kind,
        severity,
        line: Some(line),
        message,
        fix,
    }
}

fn fix(label: &str, edits: Vec<Edit>) -> Option<Fix> {
    (!edits.is_empty()).then(|| Fix {
        label: label.to_owned(),
        edits,
    })
}

/// A TOML string holding exactly `content`, as the TOML library writes it.
fn toml_string(content: &str) -> String {
    Value::from(content).to_string()
}

/// "line 3" or "lines 3, 7 and 9".
fn lines_phrase(lines: &[usize]) -> String {
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
pub(super) fn syntax(text: &str, error: &TomlError) -> Diagnosis {
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

/// The findings that need only the text: they are what stops a file parsing.
pub(super) fn from_scan(text: &str, found: &Scan, name: &str) -> Vec<Diagnosis> {
    let mut out = Vec::new();
    out.extend(smart_quotes(text, found));
    out.extend(windows_paths(text, found));
    let paths = header_paths(text, &found.headers);
    out.extend(duplicate_tables(text, &paths, name));
    out.extend(wrong_table_names(&paths));
    out
}

fn smart_quotes(text: &str, found: &Scan) -> Option<Diagnosis> {
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

fn windows_paths(text: &str, found: &Scan) -> Vec<Diagnosis> {
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

/// Each standard header with its key path, where the path parses.
fn header_paths<'a>(text: &str, headers: &'a [Header]) -> Vec<(&'a Header, Vec<Key>)> {
    headers
        .iter()
        .filter(|h| !h.array)
        .filter_map(|h| Some((h, Key::parse(&text[h.key.clone()]).ok()?)))
        .collect()
}

fn plain(path: &[Key]) -> Vec<&str> {
    path.iter().map(Key::get).collect()
}

/// A key path as a header writes it, each part quoted only where needed.
fn written<S: AsRef<str>>(path: &[S]) -> String {
    path.iter()
        .map(|k| Key::new(k.as_ref()).display_repr().into_owned())
        .collect::<Vec<_>>()
        .join(".")
}

/// The lines of the table whose header is `header`: to the last line with
/// content before the next header (comments just above it belong to it).
fn table_block(text: &str, header: &Header, next: Option<&Header>) -> Range<usize> {
    let start = header.line_range.start;
    let limit = next.map_or(text.len(), |n| n.line_range.start);
    let mut end = line_end(text, header.line_range.end).min(text.len());
    let mut at = end;
    while at < limit {
        let stop = line_end(text, (at + 1).min(limit)).min(limit);
        let line = text[at..stop].trim();
        if !line.is_empty() && !line.starts_with('#') {
            end = stop;
        }
        if stop == at {
            break;
        }
        at = stop;
    }
    start..(end + 1).min(text.len())
}

fn duplicate_tables(text: &str, paths: &[(&Header, Vec<Key>)], name: &str) -> Vec<Diagnosis> {
    let mut seen: HashMap<Vec<&str>, Vec<usize>> = HashMap::new();
    for (i, (_, path)) in paths.iter().enumerate() {
        seen.entry(plain(path)).or_default().push(i);
    }
    let mut groups: Vec<Vec<usize>> = seen.into_values().filter(|g| g.len() > 1).collect();
    groups.sort();
    let all_headers: Vec<&Header> = paths.iter().map(|(h, _)| *h).collect();
    let next_of = |h: &Header| {
        all_headers
            .iter()
            .find(|n| n.line_range.start > h.line_range.start)
            .copied()
    };
    groups
        .into_iter()
        .map(|group| {
            let (first, path) = &paths[group[0]];
            let lines: Vec<usize> = group.iter().map(|&i| paths[i].0.line).collect();
            let blocks: Vec<Range<usize>> = group
                .iter()
                .map(|&i| table_block(text, paths[i].0, next_of(paths[i].0)))
                .collect();
            let identical = blocks
                .iter()
                .all(|b| text[b.clone()].trim() == text[blocks[0].clone()].trim());
            let ours = plain(path).starts_with(&["mcp_servers", name]);
            let removals = blocks[1..]
                .iter()
                .map(|b| Edit {
                    range: b.clone(),
                    replacement: String::new(),
                })
                .collect();
            let header = format!("[{}]", written(&plain(path)));
            let advice = if identical {
                "The copies are the same: delete all but one."
            } else if ours {
                "This is the entry the merge writes: keep the first copy; the merge then \
                 updates it with your settings."
            } else {
                "Compare them, keep one, and delete the others."
            };
            diagnosis(
                DiagnosisKind::DuplicateTable,
                Severity::Error,
                first.line,
                format!(
                    "`{header}` appears on {}. TOML allows each table once, so Codex refuses \
                     the whole file and every `codex mcp` command fails. {advice}",
                    lines_phrase(&lines)
                ),
                if identical {
                    fix("Remove the repeated copies", removals)
                } else if ours {
                    fix("Keep the first copy only", removals)
                } else {
                    None
                },
            )
        })
        .collect()
}

/// Table names people write for `mcp_servers` that Codex does not read.
const WRONG_PREFIXES: [&[&str]; 6] = [
    &["mcp", "servers"],
    &["mcpServers"],
    &["mcp-servers"],
    &["mcp_server"],
    &["mcp", "server"],
    &["mcpservers"],
];

/// A header and the path it should have.
type Renamed<'a> = (&'a Header, Vec<String>);

fn wrong_table_names(paths: &[(&Header, Vec<Key>)]) -> Vec<Diagnosis> {
    let existing: Vec<Vec<&str>> = paths.iter().map(|(_, p)| plain(p)).collect();
    // One group per misnamed server: its headers and their corrected paths.
    let mut groups: Vec<(String, Vec<Renamed>)> = Vec::new();
    for (header, path) in paths {
        let names = plain(path);
        let Some(prefix) = WRONG_PREFIXES.iter().find(|p| names.starts_with(p)) else {
            continue;
        };
        if names.len() <= prefix.len() {
            continue;
        }
        let wrong = written(&names[..=prefix.len()]);
        let mut target = vec!["mcp_servers".to_owned()];
        target.extend(names[prefix.len()..].iter().map(|s| (*s).to_owned()));
        match groups.iter_mut().find(|(w, _)| *w == wrong) {
            Some((_, members)) => members.push((header, target)),
            None => groups.push((wrong, vec![(header, target)])),
        }
    }
    groups
        .into_iter()
        .map(|(wrong, members)| {
            let (first, first_target) = &members[0];
            let right = written(&first_target[..2]);
            let clash = members.iter().any(|(_, target)| {
                existing
                    .iter()
                    .any(|e| e.iter().copied().eq(target.iter().map(String::as_str)))
            });
            let edits = members
                .iter()
                .map(|(header, target)| Edit {
                    range: header.key.clone(),
                    replacement: written(target),
                })
                .collect();
            diagnosis(
                DiagnosisKind::WrongTableName,
                Severity::Warning,
                first.line,
                format!(
                    "Line {}: Codex does not read `[{wrong}]`, so it silently ignores this \
                     server. Codex reads servers from `[{right}]`, with an underscore.{}",
                    first.line,
                    if clash {
                        format!(" The file has a `[{right}]` already: merge the two by hand.")
                    } else {
                        String::new()
                    }
                ),
                if clash {
                    None
                } else {
                    fix(&format!("Rename to [{right}]"), edits)
                },
            )
        })
        .collect()
}

/// The findings that need the parsed file.
pub(super) fn from_document(
    text: &str,
    doc: &Document<&str>,
    found: &Scan,
    config: &ServerConfig,
) -> Vec<Diagnosis> {
    let mut out = Vec::new();
    let Some(servers) = doc.get("mcp_servers").and_then(Item::as_table_like) else {
        return out;
    };
    let paths = header_paths(text, &found.headers);
    for (name, item) in servers.iter() {
        if let Some(entry) = item.as_table_like() {
            out.extend(nested_name(&paths, name, entry));
        }
    }
    if let Some(entry) = servers.get(&config.name).and_then(Item::as_table_like) {
        out.extend(bearer_token(text, entry, config));
    }
    out
}

fn is_server(entry: &dyn TableLike) -> bool {
    entry.contains_key("url") || entry.contains_key("command")
}

/// Sub-tables of a non-server entry that are servers: what a bare dotted
/// name (`[mcp_servers.kfuse.prod]`) turns into.
fn nested_servers(entry: &dyn TableLike, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    for (key, item) in entry.iter() {
        let Some(child) = item.as_table_like() else {
            continue;
        };
        prefix.push(key.to_owned());
        if is_server(child) {
            out.push(prefix.clone());
        } else {
            nested_servers(child, prefix, out);
        }
        prefix.pop();
    }
}

fn nested_name(paths: &[(&Header, Vec<Key>)], name: &str, entry: &dyn TableLike) -> Vec<Diagnosis> {
    if is_server(entry) {
        return Vec::new();
    }
    let mut servers = Vec::new();
    nested_servers(entry, &mut vec![name.to_owned()], &mut servers);
    // Safe to rewrite only when every header under the name belongs to one
    // of the nested servers, and the name holds nothing of its own.
    let under: Vec<(&Header, Vec<&str>)> = paths
        .iter()
        .map(|(h, p)| (*h, plain(p)))
        .filter(|(_, p)| p.len() > 1 && p[0] == "mcp_servers" && p[1] == name)
        .collect();
    let owns_values = entry.iter().any(|(_, item)| !item.is_table_like());
    servers
        .into_iter()
        .map(|server| {
            let dotted = server.join(".");
            let mut right = vec!["mcp_servers".to_owned(), dotted.clone()];
            let quoted = written(&right);
            let belongs = |p: &[&str], s: &[String]| {
                p.len() > s.len()
                    && p[1..=s.len()]
                        .iter()
                        .copied()
                        .eq(s.iter().map(String::as_str))
            };
            let headers: Vec<&(&Header, Vec<&str>)> =
                under.iter().filter(|(_, p)| belongs(p, &server)).collect();
            let safe =
                !headers.is_empty() && !owns_values && under.iter().all(|(_, p)| p.len() > 2);
            let edits = headers
                .iter()
                .map(|(h, p)| {
                    right.truncate(2);
                    right.extend(p[server.len() + 1..].iter().map(|s| (*s).to_owned()));
                    Edit {
                        range: h.key.clone(),
                        replacement: written(&right),
                    }
                })
                .collect();
            let line = headers.first().map_or(0, |(h, _)| h.line);
            let bare = format!("mcp_servers.{dotted}");
            Diagnosis {
                kind: DiagnosisKind::NestedName,
                severity: Severity::Error,
                line: (line > 0).then_some(line),
                message: format!(
                    "`[{bare}]` is read as a server `{name}` holding a table, not as a server \
                     named `{dotted}`, and Codex refuses the whole file (\"invalid transport in \
                     `mcp_servers.{name}`\"). A name with a dot must be quoted: `[{quoted}]`."
                ),
                fix: if safe {
                    fix("Quote the name", edits)
                } else {
                    None
                },
            }
        })
        .collect()
}

/// The whole line holding `span`, with its line break, when nothing else
/// is on it but the key-value and a comment.
fn own_line(text: &str, key_span: Range<usize>, value_span: Range<usize>) -> Option<Range<usize>> {
    let start = text[..key_span.start].rfind('\n').map_or(0, |n| n + 1);
    let end = line_end(text, value_span.end);
    let before = &text[start..key_span.start];
    let after = text[value_span.end..end].trim();
    (before.trim().is_empty()
        && (after.is_empty() || after.starts_with('#'))
        && !text[key_span.start..value_span.end].contains('\n'))
    .then(|| start..(end + 1).min(text.len()))
}

fn key_line(text: &str, table: &dyn TableLike, key: &str) -> usize {
    table
        .key(key)
        .and_then(Key::span)
        .map_or(0, |s| line_and_column(text, s.start).0)
}

fn removal(text: &str, table: &dyn TableLike, key: &str, label: &str) -> Option<Fix> {
    let key_span = table.key(key)?.span()?;
    let value_span = table.get(key)?.span()?;
    let line = own_line(text, key_span, value_span)?;
    fix(
        label,
        vec![Edit {
            range: line,
            replacement: String::new(),
        }],
    )
}

fn bearer_token(text: &str, entry: &dyn TableLike, config: &ServerConfig) -> Vec<Diagnosis> {
    let name = &config.name;
    let mut out = Vec::new();
    if let Some(var) = entry.get("bearer_token_env_var").and_then(Item::as_str)
        && config.bearer_token_env_var.is_none()
    {
        out.push(diagnosis(
            DiagnosisKind::BearerToken,
            Severity::Warning,
            key_line(text, entry, "bearer_token_env_var"),
            format!(
                "Your `{name}` entry sets `bearer_token_env_var = \"{var}\"`: with it Codex sends \
                 that variable's token and never signs in with OAuth. The merge removes it so \
                 `codex mcp login` works. If this cluster uses tokens, enter {var} under \
                 Advanced → bearer-token env var instead."
            ),
            None,
        ));
    }
    if entry.contains_key("bearer_token") {
        out.push(diagnosis(
            DiagnosisKind::BearerToken,
            Severity::Error,
            key_line(text, entry, "bearer_token"),
            format!(
                "Your `{name}` entry has `bearer_token`, a token written into the file. Codex \
                 refuses the whole file (\"bearer_token is not supported for streamable_http\"): \
                 it reads a token only from the variable named by `bearer_token_env_var`. Remove \
                 the line, and revoke the token if the file was ever shared."
            ),
            removal(text, entry, "bearer_token", "Remove the token line"),
        ));
    }
    if let Some(headers) = entry.get("http_headers").and_then(Item::as_table_like) {
        for (key, _) in headers.iter() {
            if !key.eq_ignore_ascii_case("authorization") {
                continue;
            }
            out.push(diagnosis(
                DiagnosisKind::BearerToken,
                Severity::Warning,
                key_line(text, headers, key),
                format!(
                    "Your `{name}` entry sends a fixed `{key}` header from `http_headers`: a \
                     token written into the file, sent instead of the one `codex mcp login` \
                     gets. Remove it and sign in with OAuth; for a token cluster, name an \
                     environment variable under Advanced → bearer-token env var."
                ),
                removal(text, headers, key, "Remove the header line"),
            ));
        }
    }
    out
}
