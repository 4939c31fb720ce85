//! Merges into realistic existing config files, read by the real Codex CLI
//! under a temporary HOME: `codex mcp list --json` shows every other server
//! exactly as before, and `codex mcp get NAME --json` shows the entry as the
//! form says, with the person's own keys (headers) kept.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use codex_mcp_configurator::merge::{DiagnosisKind, merge_config};
use codex_mcp_configurator::model::{Draft, ServerConfig, ToolSelection};
use codex_mcp_configurator::render::codex::render_config_toml;
use common::codex::{codex, fresh_home};
use common::config_of;
use serde_json::Value;

/// `codex mcp list --json`, by server name; `Err` with Codex's words when it
/// cannot read the file.
fn list(home: &Path) -> Result<BTreeMap<String, Value>, String> {
    let out = codex(home, &["mcp", "list", "--json"]);
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    let all: Vec<Value> = serde_json::from_slice(&out.stdout).map_err(|e| e.to_string())?;
    Ok(all
        .into_iter()
        .map(|s| (s["name"].as_str().unwrap_or_default().to_owned(), s))
        .collect())
}

fn get(home: &Path, name: &str) -> Value {
    let out = codex(home, &["mcp", "get", name, "--json"]);
    assert!(
        out.status.success(),
        "codex mcp get {name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn home_with(label: &str, config_toml: &str) -> std::path::PathBuf {
    let home = fresh_home(label);
    std::fs::write(home.join(".codex/config.toml"), config_toml).expect("write");
    home
}

/// The fields of `get --json` that the form decides.
fn form_fields(got: &Value) -> Value {
    let t = &got["transport"];
    serde_json::json!({
        "enabled": got["enabled"],
        "url": t["url"],
        "bearer_token_env_var": t["bearer_token_env_var"],
        "enabled_tools": got["enabled_tools"],
        "disabled_tools": got["disabled_tools"],
        "startup_timeout_sec": got["startup_timeout_sec"],
        "tool_timeout_sec": got["tool_timeout_sec"],
    })
}

struct Case {
    label: &'static str,
    existing: String,
    draft: Draft,
}

fn draft(name: &str, edit: impl FnOnce(&mut Draft)) -> Draft {
    let mut d = common::draft(name, "acme.kloudfuse.io");
    edit(&mut d);
    d
}

fn cases() -> Vec<Case> {
    let everyday = r#"# ~/.codex/config.toml
model = "gpt-5-codex"
model_reasoning_effort = "high"

[profiles.review]
model = "o3"
approval_policy = "never"

[mcp_servers.github]
command = "npx"
args = ["-y", "@modelcontextprotocol/server-github"]
env = { GITHUB_PERSONAL_ACCESS_TOKEN_FILE = "/home/me/.gh" }

# Internal docs search
[mcp_servers.docs]
url = "https://docs.example/mcp"
tool_timeout_sec = 30

[tui]
notifications = true
"#;
    vec![
        Case {
            label: "add to an everyday file",
            existing: everyday.to_owned(),
            draft: draft("kfuse", |_| {}),
        },
        Case {
            label: "add with tool lists and timeouts",
            existing: everyday.to_owned(),
            draft: draft("kfuse", |d| {
                d.tools = ToolSelection {
                    allow_only: true,
                    enabled_tools: vec!["logs_search".into(), "prometheus_query".into()],
                    disabled_tools: vec!["delete_all_entities".into()],
                };
                d.tool_timeout_sec = "90".into();
                d.startup_timeout_sec = "12.5".into();
            }),
        },
        Case {
            label: "update an old entry, keeping its headers",
            existing: format!(
                "{everyday}\n[mcp_servers.kfuse]\nurl = \"https://old.kloudfuse.io/mcp\" # before the move\nenabled = false\ntool_timeout_sec = 5\n\n[mcp_servers.kfuse.http_headers]\nX-Team = \"observability\"\n"
            ),
            draft: draft("kfuse", |d| d.scopes = "logs:read".into()),
        },
        Case {
            label: "dotted name next to a plain one",
            existing: format!("{everyday}\n[mcp_servers.kfuse]\nurl = \"https://dev.kloudfuse.io/mcp\"\n"),
            draft: draft("kfuse.prod", |_| {}),
        },
        Case {
            label: "Windows line endings",
            existing: everyday.replace('\n', "\r\n"),
            draft: draft("team/kfuse", |_| {}),
        },
        Case {
            label: "inline entries under [mcp_servers]",
            existing: "model = \"o3\"\n\n[mcp_servers]\ndocs = { url = \"https://docs.example/mcp\" }\nkfuse = { url = \"https://old.io/mcp\", enabled = true }\n".to_owned(),
            draft: draft("kfuse", |d| d.oauth_client_id = "codex-cli".into()),
        },
        Case {
            label: "token cluster",
            existing: format!("{everyday}\n[mcp_servers.\"ops@kfuse\"]\nurl = \"https://old.io/mcp\"\nbearer_token_env_var = \"OLD_TOKEN\"\n"),
            draft: draft("ops@kfuse", |d| d.bearer_token_env_var = "KFUSE_TOKEN".into()),
        },
        Case {
            label: "no final newline, closing comment",
            existing: "[mcp_servers.docs]\nurl = \"https://docs.example/mcp\"\n# enabled = false".to_owned(),
            draft: draft("kfuse", |_| {}),
        },
    ]
}

fn check(i: usize, case: &Case) -> Result<(), String> {
    let config = config_of(&case.draft);
    let before = list(&home_with(&format!("merge-before{i}"), &case.existing))
        .map_err(|e| format!("the existing file must load: {e}"))?;
    let outcome = merge_config(&case.existing, &config);
    let merged = outcome
        .merged
        .ok_or_else(|| format!("no merge: {:?}", outcome.diagnoses))?;
    let home = home_with(&format!("merge-after{i}"), &merged);
    let after =
        list(&home).map_err(|e| format!("Codex cannot read the merged file: {e}\n{merged}"))?;

    for (name, server) in &before {
        if *name != config.name && after.get(name) != Some(server) {
            return Err(format!(
                "server {name} changed: {server} became {:?}",
                after.get(name)
            ));
        }
    }
    let others = |m: &BTreeMap<String, Value>| m.keys().filter(|n| **n != config.name).count();
    if others(&after) != others(&before) {
        return Err(format!("servers added or lost: {:?}", after.keys()));
    }

    // The entry reads as the form's own config.toml table reads on its own.
    let alone = home_with(&format!("merge-alone{i}"), &render_config_toml(&config));
    let want = form_fields(&get(&alone, &config.name));
    let got = get(&home, &config.name);
    if form_fields(&got) != want {
        return Err(format!(
            "entry reads {}\n expected {want}",
            form_fields(&got)
        ));
    }
    if let Some(old) = before.get(&config.name) {
        let headers = &old["transport"]["http_headers"];
        if got["transport"]["http_headers"] != *headers {
            return Err(format!("headers {headers} were not kept"));
        }
    }
    Ok(())
}

#[test]
fn codex_reads_merged_files_with_other_servers_unchanged() {
    let cases = cases();
    let problems: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = cases
            .iter()
            .enumerate()
            .map(|(i, case)| {
                scope.spawn(move || check(i, case).err().map(|e| format!("{}: {e}", case.label)))
            })
            .collect();
        handles
            .into_iter()
            .filter_map(|h| h.join().expect("case thread"))
            .collect()
    });
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The diagnoses that say Codex refuses or ignores a file, checked against
/// what Codex does with the file before and after the one-click fix.
#[test]
fn codex_agrees_with_the_diagnoses_and_their_fixes() {
    let kfuse: ServerConfig = config_of(&common::draft("kfuse", "acme.kloudfuse.io"));
    let cases: [(&str, DiagnosisKind, Option<&str>); 4] = [
        (
            "[mcp_servers.docs]\nurl = \"https://a.io/mcp\"\n\n[mcp_servers.docs]\nurl = \"https://a.io/mcp\"\n",
            DiagnosisKind::DuplicateTable,
            Some("duplicate key"),
        ),
        (
            "[mcp_servers.kfuse.prod]\nurl = \"https://a.io/mcp\"\n",
            DiagnosisKind::NestedName,
            Some("invalid transport"),
        ),
        (
            "[mcp_servers.kfuse]\nurl = \"https://a.io/mcp\"\nbearer_token = \"abc\"\n",
            DiagnosisKind::BearerToken,
            Some("bearer_token is not supported"),
        ),
        (
            "[mcp.servers.docs]\nurl = \"https://a.io/mcp\"\n",
            DiagnosisKind::WrongTableName,
            None, // Codex loads it, and lists no server: silently ignored
        ),
    ];
    for (i, (text, kind, refusal)) in cases.into_iter().enumerate() {
        let outcome = merge_config(text, &kfuse);
        let d = outcome
            .diagnoses
            .iter()
            .find(|d| d.kind == kind)
            .unwrap_or_else(|| panic!("{kind:?} not found in {text}"));
        let read = list(&home_with(&format!("diag-before{i}"), text));
        match refusal {
            Some(words) => {
                let e = read.expect_err("Codex refuses the file");
                assert!(e.contains(words), "{kind:?}: Codex said {e}");
            }
            None => assert!(read.expect("loads").is_empty(), "{kind:?}: ignored"),
        }
        let fixed = d.fix.as_ref().expect("a fix").apply(text);
        let servers = list(&home_with(&format!("diag-after{i}"), &fixed))
            .unwrap_or_else(|e| panic!("{kind:?}: Codex refuses the fixed file: {e}\n{fixed}"));
        assert_eq!(servers.len(), 1, "{kind:?}: {fixed}");
    }
}
