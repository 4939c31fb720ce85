//! Merging the entry into an existing config.toml: what is added, what is
//! updated in place, what is kept byte for byte, and every diagnosis with
//! its fix, read back with an independent TOML parser (`toml`).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use codex_mcp_configurator::merge::{
    DiagnosisKind, DiffRow, LineChange, MergeAction, MergeOutcome, diff_with_context, line_diff,
    merge_config,
};
use codex_mcp_configurator::model::{Draft, ServerConfig};
use codex_mcp_configurator::validate::Severity;
use common::{assert_entry_matches, config_of, draft};

fn kfuse() -> ServerConfig {
    config_of(&draft("kfuse", "acme.kloudfuse.io"))
}

fn with(edit: impl FnOnce(&mut Draft)) -> ServerConfig {
    let mut d = draft("kfuse", "acme.kloudfuse.io");
    edit(&mut d);
    config_of(&d)
}

fn merged(outcome: &MergeOutcome) -> &str {
    outcome
        .merged
        .as_deref()
        .unwrap_or_else(|| panic!("no merge: {:?}", outcome.diagnoses))
}

fn parse(text: &str) -> toml::Table {
    text.parse()
        .unwrap_or_else(|e| panic!("does not parse: {e}\n{text}"))
}

/// Applies the fix of the first diagnosis of `kind`.
fn fixed(text: &str, kind: DiagnosisKind, config: &ServerConfig) -> String {
    let outcome = merge_config(text, config);
    let d = outcome
        .diagnoses
        .iter()
        .find(|d| d.kind == kind)
        .unwrap_or_else(|| panic!("no {kind:?} in {:?}", outcome.diagnoses));
    d.fix
        .as_ref()
        .unwrap_or_else(|| panic!("{kind:?} has no fix: {}", d.message))
        .apply(text)
}

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
        Some("prompt")
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
fn a_syntax_error_names_line_and_column_and_stops_the_merge() {
    let text = "model = \"o3\"\n[tui]\nnotifications = tru\n";
    let outcome = merge_config(text, &kfuse());
    assert_eq!(outcome.merged, None);
    let d = &outcome.diagnoses[0];
    assert_eq!(d.kind, DiagnosisKind::Syntax);
    assert_eq!(d.line, Some(3));
    assert!(d.message.starts_with("Line 3, column 17:"), "{}", d.message);
}

#[test]
fn curly_quotes_are_found_and_straightened() {
    let text = "model = “o3”\n[mcp_servers.docs]\nurl = ‘https://docs.example/mcp’\nnote = \"a “quoted” word\"\n";
    let outcome = merge_config(text, &kfuse());
    assert!(outcome.merged.is_none());
    let d = &outcome.diagnoses[0];
    assert_eq!(d.kind, DiagnosisKind::SmartQuotes);
    assert!(d.message.contains("lines 1 and 3"), "{}", d.message);
    let fixed = fixed(text, DiagnosisKind::SmartQuotes, &kfuse());
    let doc = parse(&fixed);
    assert_eq!(doc["model"].as_str(), Some("o3"));
    assert_eq!(
        doc["mcp_servers"]["docs"]["url"].as_str(),
        Some("https://docs.example/mcp")
    );
    assert_eq!(
        doc["mcp_servers"]["docs"]["note"].as_str(),
        Some("a “quoted” word"),
        "curly quotes inside a string are content, not delimiters"
    );
    assert!(merge_config(&fixed, &kfuse()).merged.is_some());
}

#[test]
fn an_unclosed_curly_quote_is_reported_without_a_fix() {
    let outcome = merge_config("model = “o3\n", &kfuse());
    let d = &outcome.diagnoses[0];
    assert_eq!(d.kind, DiagnosisKind::SmartQuotes);
    assert!(d.fix.is_none());
    assert!(d.message.contains("not closed"));
}

#[test]
fn windows_paths_in_basic_strings_become_literal_strings() {
    let text = "[mcp_servers.local]\ncommand = \"C:\\Users\\me\\bin\\server.exe\"\ncwd = \"C:\\temp\\new\"\n";
    let outcome = merge_config(text, &kfuse());
    let paths: Vec<_> = outcome
        .diagnoses
        .iter()
        .filter(|d| d.kind == DiagnosisKind::WindowsPath)
        .collect();
    assert_eq!(paths.len(), 2, "{:?}", outcome.diagnoses);
    assert_eq!(paths[0].severity, Severity::Error, "\\U is not an escape");
    assert_eq!(paths[1].severity, Severity::Warning, "\\t and \\n are");
    assert!(paths[1].message.contains("silently changes"));
    let mut text = text.to_owned();
    while let Some(fix) = merge_config(&text, &kfuse())
        .diagnoses
        .iter()
        .find(|d| d.kind == DiagnosisKind::WindowsPath)
        .and_then(|d| d.fix.clone())
    {
        text = fix.apply(&text);
    }
    let doc = parse(&text);
    assert_eq!(
        doc["mcp_servers"]["local"]["command"].as_str(),
        Some("C:\\Users\\me\\bin\\server.exe")
    );
    assert_eq!(
        doc["mcp_servers"]["local"]["cwd"].as_str(),
        Some("C:\\temp\\new")
    );
}

#[test]
fn escaped_backslashes_and_ordinary_escapes_are_left_alone() {
    let text = "a = \"C:\\\\Users\\\\me\"\nb = \"line\\nbreak\"\n";
    assert!(merge_config(text, &kfuse()).diagnoses.is_empty());
}

#[test]
fn a_repeated_table_is_named_with_both_lines() {
    let text = "[mcp_servers.docs]\nurl = \"https://a.io/mcp\"\n\n[mcp_servers.docs]\nurl = \"https://b.io/mcp\"\n";
    let outcome = merge_config(text, &kfuse());
    assert!(outcome.merged.is_none());
    let d = outcome
        .diagnoses
        .iter()
        .find(|d| d.kind == DiagnosisKind::DuplicateTable)
        .unwrap();
    assert!(d.message.contains("lines 1 and 4"), "{}", d.message);
    assert!(d.fix.is_none(), "different copies: no safe choice");
}

#[test]
fn identical_copies_and_copies_of_our_own_entry_can_be_removed() {
    let same = "[mcp_servers.docs]\nurl = \"https://a.io/mcp\"\n\n# next\n[mcp_servers.docs]\nurl = \"https://a.io/mcp\"\n\n[tui]\nx = 1\n";
    let text = fixed(same, DiagnosisKind::DuplicateTable, &kfuse());
    let doc = parse(&text);
    assert_eq!(
        doc["mcp_servers"]["docs"]["url"].as_str(),
        Some("https://a.io/mcp")
    );
    assert_eq!(doc["tui"]["x"].as_integer(), Some(1));
    assert!(
        text.contains("# next"),
        "the comment above the copy stays: {text}"
    );

    let ours = "[mcp_servers.kfuse]\nurl = \"https://a.io/mcp\"\n[mcp_servers.kfuse]\nurl = \"https://b.io/mcp\"\n";
    let text = fixed(ours, DiagnosisKind::DuplicateTable, &kfuse());
    let outcome = merge_config(&text, &kfuse());
    assert_eq!(outcome.action, Some(MergeAction::Updated));
    assert_eq!(merged(&outcome).matches("[mcp_servers.kfuse]").count(), 1);
}

#[test]
fn mcp_dot_servers_is_flagged_and_renamed() {
    let text = "[mcp.servers.docs]\nurl = \"https://a.io/mcp\"\n\n[mcp.servers.docs.oauth]\nclient_id = \"x\"\n\n[mcpServers.\"k.v\"]\nurl = \"https://b.io/mcp\"\n";
    let outcome = merge_config(text, &kfuse());
    let wrong: Vec<_> = outcome
        .diagnoses
        .iter()
        .filter(|d| d.kind == DiagnosisKind::WrongTableName)
        .collect();
    assert_eq!(wrong.len(), 2);
    assert!(wrong[0].message.contains("`[mcp.servers.docs]`"));
    assert!(wrong[0].message.contains("`[mcp_servers.docs]`"));
    assert_eq!(wrong[0].severity, Severity::Warning);
    assert!(
        outcome.merged.is_some(),
        "a warning does not stop the merge"
    );
    let once = fixed(text, DiagnosisKind::WrongTableName, &kfuse());
    let twice = fixed(&once, DiagnosisKind::WrongTableName, &kfuse());
    let doc = parse(&twice);
    assert_eq!(
        doc["mcp_servers"]["docs"]["oauth"]["client_id"].as_str(),
        Some("x")
    );
    assert_eq!(
        doc["mcp_servers"]["k.v"]["url"].as_str(),
        Some("https://b.io/mcp")
    );
    assert!(doc.get("mcp").is_none() && doc.get("mcpServers").is_none());
}

#[test]
fn a_rename_that_would_clash_has_no_fix() {
    let text = "[mcp.servers.docs]\nurl = \"https://a.io/mcp\"\n[mcp_servers.docs]\nurl = \"https://b.io/mcp\"\n";
    let outcome = merge_config(text, &kfuse());
    let d = &outcome.diagnoses[0];
    assert_eq!(d.kind, DiagnosisKind::WrongTableName);
    assert!(d.fix.is_none());
    assert!(d.message.contains("by hand"));
}

#[test]
fn a_bare_dotted_name_is_flagged_and_quoted() {
    let text = "[mcp_servers.kfuse.prod]\nurl = \"https://a.io/mcp\"\n\n[mcp_servers.kfuse.prod.oauth]\nclient_id = \"x\"\n";
    let outcome = merge_config(text, &kfuse());
    let d = outcome
        .diagnoses
        .iter()
        .find(|d| d.kind == DiagnosisKind::NestedName)
        .unwrap();
    assert_eq!(d.line, Some(1));
    assert_eq!(d.severity, Severity::Error, "Codex refuses the file");
    assert!(outcome.merged.is_none());
    assert!(
        d.message.contains("`[mcp_servers.\"kfuse.prod\"]`"),
        "{}",
        d.message
    );
    let text = fixed(text, DiagnosisKind::NestedName, &kfuse());
    let doc = parse(&text);
    assert_eq!(
        doc["mcp_servers"]["kfuse.prod"]["url"].as_str(),
        Some("https://a.io/mcp")
    );
    assert_eq!(
        doc["mcp_servers"]["kfuse.prod"]["oauth"]["client_id"].as_str(),
        Some("x")
    );
    assert!(merge_config(&text, &kfuse()).diagnoses.is_empty());
}

#[test]
fn an_existing_token_on_the_entry_is_reported_and_removable() {
    let text = "[mcp_servers.kfuse]\nurl = \"https://acme.kloudfuse.io/mcp\"\nbearer_token_env_var = \"KF_TOKEN\"\nbearer_token = \"abc123\"\n\n[mcp_servers.kfuse.http_headers]\nAuthorization = \"Bearer abc123\" # old\nX-Team = \"obs\"\n";
    let outcome = merge_config(text, &kfuse());
    let tokens: Vec<_> = outcome
        .diagnoses
        .iter()
        .filter(|d| d.kind == DiagnosisKind::BearerToken)
        .collect();
    assert_eq!(tokens.len(), 3, "{:?}", outcome.diagnoses);
    assert_eq!(tokens[0].line, Some(3));
    assert!(tokens[0].message.contains("KF_TOKEN"));
    assert!(tokens[0].fix.is_none(), "the merge itself removes it");
    assert_eq!(
        tokens[1].severity,
        Severity::Error,
        "Codex refuses a literal bearer_token"
    );
    assert!(outcome.merged.is_none());
    let mut text = text.to_owned();
    for _ in 0..2 {
        text = merge_config(&text, &kfuse())
            .diagnoses
            .iter()
            .find_map(|d| d.fix.clone())
            .expect("a fix")
            .apply(&text);
    }
    assert!(!text.contains("abc123"), "{text}");
    let m = merge_config(&text, &kfuse())
        .merged
        .expect("merges once the token is gone");
    assert!(!m.contains("bearer_token_env_var"), "{m}");
    assert!(text.contains("X-Team = \"obs\""));
    let doc = parse(&text);
    assert_eq!(
        doc["mcp_servers"]["kfuse"]["http_headers"]["X-Team"].as_str(),
        Some("obs")
    );
}

#[test]
fn a_token_cluster_keeps_its_env_var_without_a_warning() {
    let text = "[mcp_servers.kfuse]\nurl = \"https://acme.kloudfuse.io/mcp\"\nbearer_token_env_var = \"KF_TOKEN\"\n";
    let config = with(|d| d.bearer_token_env_var = "KF_TOKEN".into());
    let outcome = merge_config(text, &config);
    assert!(outcome.diagnoses.is_empty(), "{:?}", outcome.diagnoses);
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
