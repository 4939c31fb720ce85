//! Tokens on the existing entry: a token variable that keeps OAuth from
//! running, and tokens written into the file itself.

use std::ops::Range;

use toml_edit::{Item, Key, TableLike};

use super::{diagnosis, fix};
use crate::merge::scan::{line_and_column, line_end, line_start};
use crate::merge::{Diagnosis, DiagnosisKind, Edit, Fix};
use crate::model::ServerConfig;
use crate::validate::Severity;

/// The whole line holding `span`, with its line break, when nothing else
/// is on it but the key-value and a comment.
fn own_line(text: &str, key_span: Range<usize>, value_span: Range<usize>) -> Option<Range<usize>> {
    let start = line_start(text, key_span.start);
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

pub(super) fn bearer_token(
    text: &str,
    entry: &dyn TableLike,
    config: &ServerConfig,
) -> Vec<Diagnosis> {
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
