//! The edit itself: adds the entry to a parsed document, or updates the
//! entry of the same name key by key, touching only the keys the page
//! manages and keeping each kept value's comments and spacing.

use toml_edit::{Array, DocumentMut, Item, Table, TableLike, Value, value};

use super::MergeAction;
use crate::model::ServerConfig;
use crate::render::codex::{EntryValue, MANAGED_KEYS, entry_keys};

/// The entry as a table: the keys the page's own config.toml block shows.
fn entry_table(config: &ServerConfig) -> Table {
    let mut entry = Table::new();
    for (key, item) in entry_keys(config) {
        let item = match item {
            EntryValue::Str(s) => value(s),
            EntryValue::Bool(b) => value(b),
            // Always `digits.digits`, a TOML float, so the parse cannot fail.
            EntryValue::Seconds(s) => match s.to_toml().parse::<Value>() {
                Ok(seconds) => Item::Value(seconds),
                Err(_) => continue,
            },
            EntryValue::List(items) => value(items.iter().map(String::as_str).collect::<Array>()),
        };
        entry.insert(key, item);
    }
    if let Some(client_id) = &config.oauth_client_id {
        let mut oauth = Table::new();
        oauth.insert("client_id", value(client_id.as_str()));
        entry.insert("oauth", Item::Table(oauth));
    }
    if !config.tool_approvals.is_empty() {
        let mut tools = Table::new();
        tools.set_implicit(true);
        for (tool, mode) in &config.tool_approvals {
            let mut settings = Table::new();
            settings.insert("approval_mode", value(mode.as_str()));
            tools.insert(tool, Item::Table(settings));
        }
        entry.insert("tools", Item::Table(tools));
    }
    entry
}

/// Adds or updates `[mcp_servers.NAME]` in `doc`; `Err` says, for a person,
/// why the file's `mcp_servers` cannot be edited safely.
pub(super) fn upsert_entry(
    doc: &mut DocumentMut,
    config: &ServerConfig,
) -> Result<MergeAction, String> {
    let ours = entry_table(config);
    if !doc.contains_key("mcp_servers") {
        let mut servers = Table::new();
        servers.set_implicit(true);
        doc.insert("mcp_servers", Item::Table(servers));
    }
    let servers = &mut doc["mcp_servers"];
    if servers.is_array_of_tables() {
        return Err(
            "The file has `[[mcp_servers]]`, an array of tables, which Codex cannot read: \
                    each server is a table of its own, `[mcp_servers.NAME]`. Rewrite those \
                    entries as `[mcp_servers.NAME]` tables, then paste the file again."
                .to_owned(),
        );
    }
    let Some(servers_table) = servers.as_table_mut() else {
        return Err(
            "`mcp_servers` is written as a value (`mcp_servers = { … }`), which the merge \
                    does not rewrite. Write each server as a `[mcp_servers.NAME]` table, then \
                    paste the file again."
                .to_owned(),
        );
    };
    let Some(existing) = servers_table.get_mut(&config.name) else {
        add_entry(doc, config, ours);
        return Ok(MergeAction::Added);
    };
    match existing.as_table_like_mut() {
        Some(existing) => Ok(update_entry(existing, &ours)),
        None => Err(format!(
            "`mcp_servers.{}` is a value, not a table, so Codex cannot read it as a server. \
             Remove that line, then paste the file again.",
            config.name
        )),
    }
}

/// Every table's position in the file, depth first, for `f` to read or move.
fn visit_tables(table: &mut Table, f: &mut dyn FnMut(&mut Table)) {
    f(table);
    for (_, item) in table.iter_mut() {
        match item {
            Item::Table(t) => visit_tables(t, f),
            Item::ArrayOfTables(array) => {
                for t in array.iter_mut() {
                    visit_tables(t, f);
                }
            }
            _ => {}
        }
    }
}

/// Places the new entry right after the last `mcp_servers` table, or at the
/// end of the file when there is none, moving later tables down one place.
fn add_entry(doc: &mut DocumentMut, config: &ServerConfig, mut ours: Table) {
    let mut last_server = None;
    let mut last_anywhere = 0;
    if let Some(servers) = doc["mcp_servers"].as_table_mut() {
        visit_tables(servers, &mut |t| {
            last_server = last_server.max(t.position());
        });
    }
    visit_tables(doc.as_table_mut(), &mut |t| {
        last_anywhere = last_anywhere.max(t.position().unwrap_or(0));
    });
    let at = last_server.unwrap_or(last_anywhere) + 1;
    visit_tables(doc.as_table_mut(), &mut |t| {
        if let Some(p) = t.position().filter(|&p| p >= at) {
            t.set_position(Some(p + 1));
        }
    });
    ours.set_position(Some(at));
    if at > last_anywhere {
        // Last in the file: after the file's closing comments too, which
        // may belong to the table above.
        let trailing = doc.trailing().as_str().unwrap_or_default().to_owned();
        if !trailing.is_empty() {
            let separator = if !trailing.ends_with('\n') {
                "\n\n"
            } else if trailing.trim().is_empty() || trailing.ends_with("\n\n") {
                ""
            } else {
                "\n"
            };
            ours.decor_mut()
                .set_prefix(format!("{trailing}{separator}"));
            doc.set_trailing("");
        }
    }
    if let Some(servers) = doc["mcp_servers"].as_table_mut() {
        servers.insert(&config.name, Item::Table(ours));
    }
}

/// Whether two values mean the same to Codex, however they are written
/// (`'x'` and `"x"`, `20` and `20.0`).
fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(a), Value::String(b)) => a.value() == b.value(),
        (Value::Boolean(a), Value::Boolean(b)) => a.value() == b.value(),
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b.iter()).all(|(a, b)| same_value(a, b))
        }
        _ => match (number(a), number(b)) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        },
    }
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Float(f) => Some(*f.value()),
        Value::Integer(i) => Some(*i.value() as f64),
        _ => None,
    }
}

/// Sets `key` to `new`, keeping the old value's spacing and comment; a
/// value that already means the same is left exactly as written.
fn set_value(table: &mut dyn TableLike, key: &str, new: &Value) -> bool {
    if let Some(old) = table.get_mut(key).and_then(Item::as_value_mut) {
        if same_value(old, new) {
            return false;
        }
        let decor = old.decor().clone();
        *old = new.clone();
        *old.decor_mut() = decor;
        return true;
    }
    table.insert(key, Item::Value(new.clone()));
    true
}

/// Updates the managed keys of an existing entry to `ours`; every other key
/// (headers, per-tool settings, comments) stays as it was.
fn update_entry(existing: &mut dyn TableLike, ours: &Table) -> MergeAction {
    let mut changed = false;
    for key in MANAGED_KEYS {
        if key == "oauth" {
            changed |= update_oauth(existing, ours.get("oauth"));
            continue;
        }
        if key == "tools" {
            changed |= update_tool_approvals(existing, ours.get("tools"));
            continue;
        }
        match ours.get(key).and_then(Item::as_value) {
            Some(new) => changed |= set_value(existing, key, new),
            None => changed |= existing.remove(key).is_some(),
        }
    }
    if changed {
        MergeAction::Updated
    } else {
        MergeAction::Unchanged
    }
}

/// `oauth.client_id` is the one key of `[…oauth]` the page manages; the
/// person's `callback_port` and the like stay.
fn update_oauth(existing: &mut dyn TableLike, ours: Option<&Item>) -> bool {
    let client_id = ours
        .and_then(|o| o.get("client_id"))
        .and_then(Item::as_value);
    let Some(oauth) = existing.get_mut("oauth") else {
        return match ours {
            Some(ours) => {
                existing.insert("oauth", ours.clone());
                true
            }
            None => false,
        };
    };
    let Some(oauth_table) = oauth.as_table_like_mut() else {
        // `oauth = "…"` is not something Codex reads; ours replaces it.
        return match ours {
            Some(ours) => {
                *oauth = ours.clone();
                true
            }
            None => false,
        };
    };
    let changed = match client_id {
        Some(new) => set_value(oauth_table, "client_id", new),
        None => oauth_table.remove("client_id").is_some(),
    };
    if changed && oauth_table.is_empty() {
        existing.remove("oauth");
    }
    changed
}

/// Sets `approval_mode` for each tool the form sets; a person's own
/// `tools.X` settings for other tools (and other keys of these) stay.
fn update_tool_approvals(existing: &mut dyn TableLike, ours: Option<&Item>) -> bool {
    let Some(ours) = ours.and_then(Item::as_table_like) else {
        return false;
    };
    if !existing.get("tools").is_some_and(Item::is_table_like) {
        // Absent, or a value Codex could not read: ours replaces it.
        existing.insert("tools", Item::Table(Table::new()));
        if let Some(Item::Table(tools)) = existing.get_mut("tools") {
            tools.set_implicit(true);
        }
    }
    let Some(tools) = existing.get_mut("tools").and_then(Item::as_table_like_mut) else {
        return false;
    };
    let mut changed = false;
    for (tool, settings) in ours.iter() {
        let Some(mode) = settings.get("approval_mode").and_then(Item::as_value) else {
            continue;
        };
        match tools.get_mut(tool).and_then(Item::as_table_like_mut) {
            Some(table) => changed |= set_value(table, "approval_mode", mode),
            None => {
                tools.insert(tool, settings.clone());
                changed = true;
            }
        }
    }
    changed
}
