//! Merging the entry into an existing config.toml: what is added, what is
//! updated in place, what is kept byte for byte, read back with an
//! independent TOML parser (`toml`); and the line diff shown for it.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use codex_mcp_configurator::merge::{
    DiagnosisKind, DiffRow, LineChange, MergeAction, diff_with_context, line_diff, merge_config,
};
use codex_mcp_configurator::model::ApprovalMode;
use common::merging::{kfuse, merged, parse, with};
use common::{assert_entry_matches, config_of, draft};

const EXISTING: &str = r#"# My Codex settings
model = "gpt-5-codex"   # the default model
approval_policy = "on-request"

[profiles.fast]
model = "gpt-5-mini"

[mcp_servers.github]
command = "npx"
args = ["-y", "@modelcontextprotocol/server-github"]
env = { GITHUB_TOKEN = "from-env" }

# Docs search
[mcp_servers.docs]
url = "https://docs.example/mcp"

[tui]
notifications = true
"#;

#[test]
fn an_empty_file_becomes_the_entry_alone() {
    let config = kfuse();
    let outcome = merge_config("", &config);
    assert_eq!(outcome.action, Some(MergeAction::Added));
    let doc = parse(merged(&outcome));
    assert_entry_matches(doc["mcp_servers"]["kfuse"].as_table().unwrap(), &config);
    assert!(outcome.diagnoses.is_empty());
}

#[test]
fn a_new_entry_goes_after_the_last_server_and_nothing_else_moves() {
    let config = kfuse();
    let outcome = merge_config(EXISTING, &config);
    assert_eq!(outcome.action, Some(MergeAction::Added));
    let text = merged(&outcome);
    let at_docs = text.find("[mcp_servers.docs]").unwrap();
    let at_new = text.find("[mcp_servers.kfuse]").unwrap();
    let at_tui = text.find("[tui]").unwrap();
    assert!(at_docs < at_new && at_new < at_tui, "{text}");
    // Everything that was there is still there, byte for byte and in order.
    let removed: Vec<_> = line_diff(EXISTING, text)
        .into_iter()
        .filter(|l| l.change == LineChange::Removed)
        .collect();
    assert!(removed.is_empty(), "{removed:?}");
    let before = parse(EXISTING);
    let after = parse(text);
    for key in ["model", "approval_policy", "profiles", "tui"] {
        assert_eq!(before[key], after[key]);
    }
    assert_eq!(
        before["mcp_servers"]["github"],
        after["mcp_servers"]["github"]
    );
    assert_entry_matches(after["mcp_servers"]["kfuse"].as_table().unwrap(), &config);
}

#[test]
fn a_file_without_servers_gets_the_entry_at_the_end() {
    let text = "model = \"o3\"\n\n[tui]\nnotifications = true\n";
    let out = merge_config(text, &kfuse());
    let m = merged(&out);
    assert!(m.starts_with(text), "{m}");
    assert!(m.trim_end().ends_with("enabled = true"), "{m}");
}

#[test]
fn an_existing_entry_is_updated_in_place_keeping_what_the_page_does_not_manage() {
    let text = r#"[mcp_servers.kfuse]
url = "https://old.kloudfuse.io/mcp"   # prod cluster
enabled = true
tool_timeout_sec = 30
http_headers = { "X-Team" = "obs" }
default_tools_approval_mode = "prompt"

[mcp_servers.kfuse.oauth]
callback_port = 5555

[mcp_servers.kfuse.tools.logs_search]
approval_mode = "approve"

[tui]
x = 1
"#;
    let config = with(|d| {
        d.tools.disabled_tools = vec!["delete_all_entities".into()];
        d.oauth_client_id = "codex-cli".into();
        d.default_approval = Some(ApprovalMode::Writes);
        d.tool_approvals = vec![("traces_get".into(), ApprovalMode::Prompt)];
    });
    let outcome = merge_config(text, &config);
    assert_eq!(outcome.action, Some(MergeAction::Updated));
    let m = merged(&outcome);
    assert!(
        m.contains("url = \"https://acme.kloudfuse.io/mcp\"   # prod cluster"),
        "the value's comment stays: {m}"
    );
    let doc = parse(m);
    let entry = doc["mcp_servers"]["kfuse"].as_table().unwrap();
    assert!(
        entry.get("tool_timeout_sec").is_none(),
        "cleared in the form"
    );
    assert_eq!(entry["http_headers"]["X-Team"].as_str(), Some("obs"));
    assert_eq!(
        entry["default_tools_approval_mode"].as_str(),
        Some("writes"),
        "a managed key: the form's choice"
    );
    assert_eq!(
        entry["tools"]["traces_get"]["approval_mode"].as_str(),
        Some("prompt"),
        "the form's per-tool mode is added"
    );
    assert_eq!(entry["oauth"]["callback_port"].as_integer(), Some(5555));
    assert_eq!(entry["oauth"]["client_id"].as_str(), Some("codex-cli"));
    assert_eq!(
        entry["tools"]["logs_search"]["approval_mode"].as_str(),
        Some("approve")
    );
    assert_eq!(
        common::strings(entry, "disabled_tools"),
        Some(vec!["delete_all_entities".to_owned()])
    );
    assert!(m.ends_with("[tui]\nx = 1\n"), "{m}");
    assert_eq!(m.matches("[mcp_servers.kfuse]").count(), 1);
}

#[test]
fn merging_twice_changes_nothing_the_second_time() {
    let config = with(|d| d.scopes = "logs:read metrics:read".into());
    let once = merge_config(EXISTING, &config);
    let twice = merge_config(merged(&once), &config);
    assert_eq!(twice.action, Some(MergeAction::Unchanged));
    assert_eq!(merged(&twice), merged(&once));
}

#[test]
fn values_that_mean_the_same_are_left_as_written() {
    let text = "[mcp_servers.kfuse]\nurl = 'https://acme.kloudfuse.io/mcp'\nenabled = true\nstartup_timeout_sec = 20\n";
    let config = with(|d| d.startup_timeout_sec = "20".into());
    let outcome = merge_config(text, &config);
    assert_eq!(outcome.action, Some(MergeAction::Unchanged));
    assert_eq!(merged(&outcome), text);
}

#[test]
fn windows_line_endings_and_a_missing_final_newline_are_kept() {
    let text = "model = \"o3\"\r\n\r\n[mcp_servers.kfuse]\r\nurl = \"https://old.io/mcp\"\r\nenabled = true";
    let m = merge_config(text, &kfuse()).merged.unwrap();
    assert_eq!(
        m,
        "model = \"o3\"\r\n\r\n[mcp_servers.kfuse]\r\nurl = \"https://acme.kloudfuse.io/mcp\"\r\nenabled = true"
    );
}

#[test]
fn a_dotted_name_is_added_as_a_quoted_key() {
    let config = config_of(&draft("kfuse.prod", "acme.kloudfuse.io"));
    let m = merge_config(EXISTING, &config).merged.unwrap();
    assert!(m.contains("[mcp_servers.\"kfuse.prod\"]"), "{m}");
    let doc = parse(&m);
    assert_entry_matches(
        doc["mcp_servers"]["kfuse.prod"].as_table().unwrap(),
        &config,
    );
}

#[test]
fn an_inline_entry_is_updated_inline() {
    let text = "[mcp_servers]\nkfuse = { url = \"https://old.io/mcp\", enabled = true }\n";
    let config = with(|d| d.oauth_client_id = "cid".into());
    let m = merge_config(text, &config).merged.unwrap();
    let doc = parse(&m);
    assert_entry_matches(doc["mcp_servers"]["kfuse"].as_table().unwrap(), &config);
    assert_eq!(m.lines().count(), 2, "still one inline line: {m}");
}

#[test]
fn shapes_the_merge_cannot_edit_are_refused_with_a_reason() {
    for text in [
        "mcp_servers = { other = { url = \"https://x.io/mcp\" } }\n",
        "[[mcp_servers]]\nurl = \"https://x.io/mcp\"\n",
        "[mcp_servers]\nkfuse = \"https://x.io/mcp\"\n",
    ] {
        let outcome = merge_config(text, &kfuse());
        assert_eq!(outcome.merged, None, "{text}");
        let d = &outcome.diagnoses[0];
        assert_eq!(d.kind, DiagnosisKind::Unmergeable);
        assert!(d.message.contains("[mcp_servers.") || d.message.contains("not a table"));
    }
}

#[test]
fn the_diff_marks_exactly_the_changed_lines() {
    let diff = line_diff("a\nb\nc\nd\n", "a\nB\nc\nd\ne\n");
    let marks: Vec<(LineChange, &str)> = diff.iter().map(|l| (l.change, l.text.as_str())).collect();
    assert_eq!(
        marks,
        [
            (LineChange::Same, "a"),
            (LineChange::Removed, "b"),
            (LineChange::Added, "B"),
            (LineChange::Same, "c"),
            (LineChange::Same, "d"),
            (LineChange::Added, "e"),
        ]
    );
}

#[test]
fn a_huge_paste_is_diffed_without_aligning_line_by_line() {
    let old: String = (0..3000).map(|i| format!("a{i} = {i}\n")).collect();
    let new: String = (0..3000).map(|i| format!("a{i} = {}\n", i + 1)).collect();
    let diff = line_diff(&old, &new);
    assert_eq!(diff.len(), 6000);
    assert!(diff[..3000].iter().all(|l| l.change == LineChange::Removed));
}

#[test]
fn the_diff_keeps_context_around_changes_and_counts_the_rest() {
    let old: String = (1..=20).map(|i| format!("{i}\n")).collect();
    let new = old.replace("10\n", "ten\n");
    let rows = diff_with_context(&line_diff(&old, &new), 2);
    let shown: Vec<String> = rows
        .iter()
        .map(|r| match r {
            DiffRow::Skipped(n) => format!("…{n}"),
            DiffRow::Line(l) => match l.change {
                LineChange::Same => l.text.clone(),
                LineChange::Removed => format!("-{}", l.text),
                LineChange::Added => format!("+{}", l.text),
            },
        })
        .collect();
    assert_eq!(shown, ["…7", "8", "9", "-10", "+ten", "11", "12", "…8"]);
}

#[test]
fn servers_written_as_dotted_keys_get_the_entry_as_a_table_after_them() {
    let text = "model = \"o3\"\nmcp_servers.docs.url = \"https://d.io/mcp\"\n\n[tui]\nx = 1\n";
    let m = merge_config(text, &kfuse()).merged.unwrap();
    assert!(m.starts_with(text), "{m}");
    let doc = parse(&m);
    assert_eq!(
        doc["mcp_servers"]["docs"]["url"].as_str(),
        Some("https://d.io/mcp")
    );
    assert_entry_matches(doc["mcp_servers"]["kfuse"].as_table().unwrap(), &kfuse());
}
