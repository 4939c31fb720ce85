//! Table headers: a table written twice, `mcp_servers` misspelled, and a
//! dotted server name written bare, which TOML reads as nested tables.

use std::collections::HashMap;
use std::ops::Range;

use toml_edit::{Key, TableLike};

use super::{diagnosis, fix, lines_phrase};
use crate::merge::scan::{Header, line_end};
use crate::merge::{Diagnosis, DiagnosisKind, Edit};
use crate::validate::Severity;

/// Each standard header with its key path, where the path parses.
pub(super) fn header_paths<'a>(text: &str, headers: &'a [Header]) -> Vec<(&'a Header, Vec<Key>)> {
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
    let mut end = line_end(text, header.line_range.end);
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

pub(super) fn duplicate_tables(
    text: &str,
    paths: &[(&Header, Vec<Key>)],
    name: &str,
) -> Vec<Diagnosis> {
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

pub(super) fn wrong_table_names(paths: &[(&Header, Vec<Key>)]) -> Vec<Diagnosis> {
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

pub(super) fn nested_name(
    paths: &[(&Header, Vec<Key>)],
    name: &str,
    entry: &dyn TableLike,
) -> Vec<Diagnosis> {
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
            diagnosis(
                DiagnosisKind::NestedName,
                Severity::Error,
                line,
                format!(
                    "`[{bare}]` is read as a server `{name}` holding a table, not as a server \
                     named `{dotted}`, and Codex refuses the whole file (\"invalid transport in \
                     `mcp_servers.{name}`\"). A name with a dot must be quoted: `[{quoted}]`."
                ),
                if safe {
                    fix("Quote the name", edits)
                } else {
                    None
                },
            )
        })
        .collect()
}
