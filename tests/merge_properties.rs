//! Property tests over generated config.toml files (1,000 cases each): other
//! servers, profiles, comments, arrays, inline tables, LF or CRLF, with or
//! without an entry of the same name. After a merge every key outside the
//! entry is unchanged (both files parsed with the independent `toml` crate),
//! the text outside the entry is unchanged byte for byte, the entry holds
//! exactly the form's values plus the person's own keys, and a second merge
//! changes nothing.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use codex_mcp_configurator::merge::{MergeAction, merge_config};
use codex_mcp_configurator::model::ServerConfig;
use common::drafts::valid_draft;
use common::{assert_entry_matches, config_of};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 1000,
        ..ProptestConfig::default()
    }
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        "\"[a-zA-Z0-9 ./:_#=-]{0,12}\"",
        "'[a-zA-Z0-9 \\\\./:#-]{0,12}'",
        (-1000i64..1000).prop_map(|n| n.to_string()),
        any::<bool>().prop_map(|b| b.to_string()),
        Just("1.5".to_owned()),
        Just("[\"a\", \"b\"]".to_owned()),
        Just("[\n  \"x\",\n  \"y\", # why\n]".to_owned()),
        Just("{ a = 1, b = \"x\" }".to_owned()),
        Just("\"\"\"\nmulti\n[not.a.table]\n\"\"\"".to_owned()),
    ]
}

fn comment() -> impl Strategy<Value = String> {
    "# [a-zA-Z0-9 \\[\\]\"'=.]{0,20}"
}

/// Key-value, comment and blank lines, with keys unique in their table.
fn body() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        (0u8..4, value(), comment(), proptest::option::of(comment())),
        0..5,
    )
    .prop_map(|lines| {
        let mut out = String::new();
        for (i, (kind, value, comment, trailing)) in lines.into_iter().enumerate() {
            match kind {
                0 => out.push('\n'),
                1 => out.push_str(&format!("{comment}\n")),
                _ => {
                    out.push_str(&format!("key_{i} = {value}"));
                    if let Some(c) = trailing {
                        out.push_str(&format!("  {c}"));
                    }
                    out.push('\n');
                }
            }
        }
        out
    })
}

/// One table of a file: a profile, another server, or a plain table.
fn section(index: usize) -> impl Strategy<Value = String> {
    (0u8..4, body(), proptest::option::of(comment())).prop_map(move |(kind, body, above)| {
        let header = match kind {
            0 => format!("[profiles.p{index}]"),
            1 => format!("[mcp_servers.other{index}]\nurl = \"https://other{index}.example/mcp\""),
            2 => format!(
                "[mcp_servers.\"other.{index}\"]\ncommand = \"npx\"\nargs = [\"-y\", \"srv\"]\n\n[mcp_servers.\"other.{index}\".env]\nTOKEN_FILE = 'C:\\tokens\\x'"
            ),
            _ => format!("[table{index}]"),
        };
        let above = above.map(|c| format!("{c}\n")).unwrap_or_default();
        format!("\n{above}{header}\n{body}")
    })
}

/// An entry of the same name as the form's, with managed and own keys.
fn existing_entry(name: &str) -> impl Strategy<Value = String> + use<> {
    let header = format!("[mcp_servers.{}]", toml_edit::Key::new(name).display_repr());
    (
        any::<bool>(),
        proptest::option::of(1u32..100),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(move |(enabled, timeout, headers, tools, oauth)| {
            let mut out = format!("\n{header}\nurl = \"https://old.example/mcp\" # old\n");
            out.push_str(&format!("enabled = {enabled}\n"));
            if let Some(t) = timeout {
                out.push_str(&format!("tool_timeout_sec = {t}\n"));
            }
            out.push_str("default_tools_approval_mode = \"prompt\"\n");
            if headers {
                out.push_str("http_headers = { \"X-Team\" = \"obs\" }\n");
            }
            let sub = header.trim_end_matches(']');
            if tools {
                out.push_str(&format!(
                    "\n{sub}.tools.logs_search]\napproval_mode = \"approve\"\n"
                ));
            }
            if oauth {
                out.push_str(&format!("\n{sub}.oauth]\ncallback_port = 5555\n"));
            }
            out
        })
}

prop_compose! {
    /// A config file, the form's config, and whether the file has its entry.
    fn file_and_config()(draft in valid_draft())(
        config in Just(config_of(&draft)),
        root in body(),
        sections in (0usize..5).prop_flat_map(|n| (0..n).map(section).collect::<Vec<_>>()),
        entry in proptest::option::of(existing_entry(&config_of(&draft).name)),
        entry_at in 0usize..5,
        crlf in any::<bool>(),
    ) -> (String, ServerConfig, bool) {
        let mut text = root;
        let has_entry = entry.is_some();
        let entry_at = entry_at.min(sections.len());
        for (i, section) in sections.iter().enumerate() {
            if i == entry_at && let Some(e) = &entry {
                text.push_str(e);
            }
            text.push_str(section);
        }
        if entry_at == sections.len() && let Some(e) = &entry {
            text.push_str(e);
        }
        if crlf {
            text = text.replace('\n', "\r\n");
        }
        (text, config, has_entry)
    }
}

/// The file's lines without the entry's, and the index where the entry was.
fn without_entry(text: &str, config: &ServerConfig) -> (Vec<String>, Option<usize>) {
    let header = format!(
        "[mcp_servers.{}",
        toml_edit::Key::new(config.name.as_str()).display_repr()
    );
    let mut out: Vec<String> = Vec::new();
    let mut at = None;
    let mut inside = false;
    // Blank and comment lines after the entry's last key belong to whatever
    // follows (the next table, or the end of the file).
    let mut held: Vec<String> = Vec::new();
    for line in text.split_inclusive('\n') {
        let bare = line.trim();
        if bare.starts_with('[') && !bare.starts_with("[[") {
            inside = bare == format!("{header}]") || bare.starts_with(&format!("{header}."));
            if inside && at.is_none() {
                at = Some(out.len());
            }
            if !inside {
                out.append(&mut held);
            }
            held.clear();
        }
        if !inside {
            out.push(line.to_owned());
        } else if bare.is_empty() || bare.starts_with('#') {
            held.push(line.to_owned());
        } else {
            held.clear();
        }
    }
    out.append(&mut held);
    (out, at)
}

/// Whether `after` is `before`, or `before` with one blank line added just
/// above the new entry (its separator).
fn same_but_separator(before: &[String], (after, at): (Vec<String>, Option<usize>)) -> bool {
    if after == before {
        return true;
    }
    match at {
        Some(at) if at > 0 && after[at - 1].trim().is_empty() => {
            let mut after = after;
            after.remove(at - 1);
            after == before
        }
        _ => false,
    }
}

/// Whether `tool`'s settings are the form's (it sets a mode for that tool).
fn form_sets(config: &ServerConfig, tool: &str) -> bool {
    config.tool_approvals.iter().any(|(t, _)| t == tool)
}

/// The entry with the person's own keys taken out, as the form would write it:
/// `http_headers`, and the `tools.X` tables of tools the form sets no mode for.
fn managed_part(entry: &toml::Table, config: &ServerConfig) -> toml::Table {
    let mut entry = entry.clone();
    entry.remove("http_headers");
    if let Some(tools) = entry.get_mut("tools").and_then(toml::Value::as_table_mut) {
        tools.retain(|tool, _| form_sets(config, tool));
        if tools.is_empty() {
            entry.remove("tools");
        }
    }
    if let Some(oauth) = entry.get_mut("oauth").and_then(toml::Value::as_table_mut) {
        oauth.remove("callback_port");
        if oauth.is_empty() {
            entry.remove("oauth");
        }
    }
    entry
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn a_merge_changes_the_entry_and_nothing_else((text, config, has_entry) in file_and_config()) {
        let before: toml::Table = text.parse().map_err(|e| TestCaseError::fail(format!("generated file does not parse: {e}\n{text}")))?;
        let outcome = merge_config(&text, &config);
        prop_assert!(outcome.diagnoses.is_empty(), "{:?}\n{}", outcome.diagnoses, text);
        let merged = outcome.merged.clone().expect("merged");
        let after: toml::Table = merged.parse().map_err(|e| TestCaseError::fail(format!("merged file does not parse: {e}\n{merged}")))?;

        // Every key outside the entry, parsed, is unchanged.
        let outside = |doc: &toml::Table| {
            let mut doc = doc.clone();
            if let Some(servers) = doc.get_mut("mcp_servers").and_then(toml::Value::as_table_mut) {
                servers.remove(&config.name);
                if servers.is_empty() {
                    doc.remove("mcp_servers");
                }
            }
            doc
        };
        prop_assert_eq!(outside(&before), outside(&after));

        // The entry holds the form's values; the person's own keys are kept.
        let entry = after["mcp_servers"][&config.name].as_table().expect("entry table");
        assert_entry_matches(&managed_part(entry, &config), &config);
        if has_entry {
            let old = before["mcp_servers"][&config.name].as_table().expect("old entry");
            prop_assert_eq!(old.get("http_headers"), entry.get("http_headers"));
            let own_tools = |e: &toml::Table| -> Vec<(String, toml::Value)> {
                e.get("tools").and_then(toml::Value::as_table).map(|t| {
                    t.iter().filter(|(tool, _)| !form_sets(&config, tool)).map(|(k, v)| (k.clone(), v.clone())).collect()
                }).unwrap_or_default()
            };
            prop_assert_eq!(own_tools(old), own_tools(entry), "the person's own tools.X");
            prop_assert_eq!(
                old.get("oauth").and_then(|o| o.get("callback_port")),
                entry.get("oauth").and_then(|o| o.get("callback_port"))
            );
        }

        // The text outside the entry is unchanged, byte for byte.
        let (before_lines, _) = without_entry(&text, &config);
        prop_assert!(
            same_but_separator(&before_lines, without_entry(&merged, &config)),
            "text outside the entry changed:\n{}\n---\n{}", text, merged
        );
        prop_assert_eq!(text.contains("\r\n"), merged.contains("\r\n"));

        // A second merge finds nothing to do.
        let again = merge_config(&merged, &config);
        prop_assert_eq!(again.action, Some(MergeAction::Unchanged));
        prop_assert_eq!(again.merged.as_deref(), Some(merged.as_str()));
    }

    #[test]
    fn arbitrary_text_never_panics_and_fixes_keep_it_text(text in "(.|\n){0,400}", draft in valid_draft()) {
        let config = config_of(&draft);
        let outcome = merge_config(&text, &config);
        for d in &outcome.diagnoses {
            prop_assert!(!d.message.is_empty());
            if let Some(fix) = &d.fix {
                let _ = merge_config(&fix.apply(&text), &config);
            }
        }
        if let Some(merged) = outcome.merged {
            prop_assert!(merged.parse::<toml::Table>().is_ok(), "{}", merged);
        }
    }

    #[test]
    fn toml_shaped_garbage_never_panics(
        text in "[\\[\\]a-z_.\"'“”‘’\\\\=#{} \n:C0-9-]{0,300}",
        draft in valid_draft(),
    ) {
        let config = config_of(&draft);
        let outcome = merge_config(&text, &config);
        for d in &outcome.diagnoses {
            if let Some(fix) = &d.fix {
                let _ = merge_config(&fix.apply(&text), &config);
            }
        }
        if let Some(merged) = outcome.merged {
            prop_assert!(merged.parse::<toml::Table>().is_ok(), "{}", merged);
        }
    }
}
