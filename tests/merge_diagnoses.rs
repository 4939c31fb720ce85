//! Every diagnosis of a pasted config.toml: what it finds, on which line,
//! how serious, and that its one-click fix gives a file that parses (read
//! back with the independent `toml` crate) and merges.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use codex_mcp_configurator::merge::{DiagnosisKind, MergeAction, merge_config};
use codex_mcp_configurator::validate::Severity;
use common::merging::{fixed, kfuse, merged, parse, with};

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
