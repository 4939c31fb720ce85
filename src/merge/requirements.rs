//! Adding the allowlist entry to an administrator's existing
//! `requirements.toml`, in place: every other table, comment and blank line
//! stays as it was, as the config.toml merge keeps them.

use toml_edit::{DocumentMut, Item, Table, Value};

use super::scan::line_and_column;

/// `existing` with `[mcp_servers.NAME.identity] url = URL` set, `url_value`
/// being the value as TOML (a string, or a `{ match = … }` matcher); the
/// error says what stops the file being edited and where.
pub fn merge_requirements(existing: &str, name: &str, url_value: &str) -> Result<String, String> {
    let text = existing.strip_prefix('\u{feff}').unwrap_or(existing);
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        let (line, column) = e
            .span()
            .map_or((0, 0), |s| line_and_column(text, s.start));
        format!(
            "Line {line}, column {column}: requirements.toml is not valid TOML ({}). Fix it here, then the entry is added.",
            e.message().trim()
        )
    })?;
    let url: Value = url_value
        .parse()
        .map_err(|_| "The allowlist's URL could not be written.".to_owned())?;
    let servers = doc
        .entry("mcp_servers")
        .or_insert_with(|| {
            let mut t = Table::new();
            t.set_implicit(true);
            Item::Table(t)
        })
        .as_table_like_mut()
        .ok_or("`mcp_servers` in requirements.toml is not a table: Codex cannot read that allowlist either. Fix that line first.")?;
    let server = servers
        .entry(name)
        .or_insert(Item::Table({
            let mut t = Table::new();
            t.set_implicit(true);
            t
        }))
        .as_table_like_mut()
        .ok_or_else(|| {
            format!(
                "`mcp_servers.{name}` in requirements.toml is not a table. Fix that line first."
            )
        })?;
    let created = !server.contains_key("identity");
    let identity = server
        .entry("identity")
        .or_insert(Item::Table(Table::new()))
        .as_table_like_mut()
        .ok_or_else(|| format!("`mcp_servers.{name}.identity` in requirements.toml is not a table. Fix that line first."))?;
    identity.remove("command");
    match identity.get_mut("url").and_then(Item::as_value_mut) {
        Some(existing) => {
            let decor = existing.decor().clone();
            *existing = url;
            *existing.decor_mut() = decor;
        }
        None => {
            identity.insert("url", Item::Value(url));
        }
    }
    // A new table goes last, after the file's closing comments, which may
    // belong to the table above (as the config.toml merge places its entry).
    let trailing = doc.trailing().as_str().unwrap_or_default().to_owned();
    if created && !trailing.is_empty() {
        if let Some(table) = doc["mcp_servers"][name]["identity"].as_table_mut() {
            let separator = if trailing.ends_with('\n') { "" } else { "\n" };
            table
                .decor_mut()
                .set_prefix(format!("{trailing}{separator}"));
        }
        doc.set_trailing("");
    }
    let mut out = doc.to_string();
    if existing.starts_with('\u{feff}') {
        out.insert(0, '\u{feff}');
    }
    Ok(super::finish(existing, out))
}
