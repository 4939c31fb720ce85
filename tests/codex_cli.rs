//! Conformance with the real Codex CLI (npm `@openai/codex`, pinned in
//! package.json): for each case, the generated config.toml and the generated
//! `codex mcp add` line are given to Codex under a temporary HOME, and what
//! `codex mcp get NAME --json` reports is compared field by field with what
//! the case says the person entered.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::path::Path;
use std::process::Command;

use codex_mcp_configurator::model::{Draft, ToolSelection};
use codex_mcp_configurator::render::codex::{
    TerminalSteps, render_config_toml, render_posix, terminal_steps,
};
use common::codex::{codex, codex_bin, fresh_home};
use common::config_of;
use serde_json::{Value, json};

/// One conformance case: what the person typed and the URL they must end up with.
struct Case {
    draft: Draft,
    /// The normalised URL, written out by hand.
    url: &'static str,
}

fn case(name: &str, typed_url: &str, url: &'static str, edit: impl FnOnce(&mut Draft)) -> Case {
    let mut draft = Draft {
        name: name.to_owned(),
        url: typed_url.to_owned(),
        ..Draft::default()
    };
    edit(&mut draft);
    Case { draft, url }
}

fn list(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

fn cases() -> Vec<Case> {
    vec![
        case(
            "kfuse",
            "acme.kloudfuse.io",
            "https://acme.kloudfuse.io/mcp",
            |_| {},
        ),
        case(
            "kfuse.prod",
            "https://acme.kloudfuse.io/mcp",
            "https://acme.kloudfuse.io/mcp",
            |_| {},
        ),
        case(
            "team/kfuse",
            "acme.kloudfuse.io:8443",
            "https://acme.kloudfuse.io:8443/mcp",
            |_| {},
        ),
        case(
            "ops@kfuse",
            "https://acme.kloudfuse.io:8443/mcp",
            "https://acme.kloudfuse.io:8443/mcp",
            |_| {},
        ),
        case(
            "k:prod",
            "acme.kloudfuse.io/custom/path",
            "https://acme.kloudfuse.io/custom/path",
            |_| {},
        ),
        case(
            "a.b/c:d@e",
            "ACME.Kloudfuse.IO",
            "https://acme.kloudfuse.io/mcp",
            |_| {},
        ),
        case(
            "q",
            "https://acme.kloudfuse.io/mcp?tenant=a&x=$HOME",
            "https://acme.kloudfuse.io/mcp?tenant=a&x=$HOME",
            |_| {},
        ),
        case(
            "quote",
            "acme.io/mcp?q='x'&y=`id`",
            "https://acme.io/mcp?q=%27x%27&y=`id`",
            |_| {},
        ),
        case(
            "idn",
            "bücher.example",
            "https://xn--bcher-kva.example/mcp",
            |_| {},
        ),
        case(
            "idn-port",
            "日本.test:9443",
            "https://xn--wgv71a.test:9443/mcp",
            |_| {},
        ),
        case(
            "default-port",
            "https://acme.io:443/",
            "https://acme.io/mcp",
            |_| {},
        ),
        case(
            "local",
            "http://127.0.0.1:3000",
            "http://127.0.0.1:3000/mcp",
            |_| {},
        ),
        case(
            "localhost",
            "http://localhost:8080/mcp",
            "http://localhost:8080/mcp",
            |_| {},
        ),
        case("v6", "http://[::1]:9000/", "http://[::1]:9000/mcp", |_| {}),
        case("allow", "acme.io", "https://acme.io/mcp", |d| {
            d.tools.allow_only = true;
            d.tools.enabled_tools = list(&["logs_search", "prometheus_query"]);
        }),
        case("block", "acme.io", "https://acme.io/mcp", |d| {
            d.tools.disabled_tools = list(&["delete_all_entities"]);
        }),
        case("both", "acme.io", "https://acme.io/mcp", |d| {
            d.tools = ToolSelection {
                allow_only: true,
                enabled_tools: list(&["logs_search", "delete_all_entities", "a.b-c_d"]),
                disabled_tools: list(&["delete_all_entities"]),
            };
        }),
        case("timeouts", "acme.io", "https://acme.io/mcp", |d| {
            d.startup_timeout_sec = "30".to_owned();
            d.tool_timeout_sec = "12.5".to_owned();
        }),
        case("timeout-edges", "acme.io", "https://acme.io/mcp", |d| {
            d.startup_timeout_sec = "0.25".to_owned();
            d.tool_timeout_sec = "86400".to_owned();
        }),
        case("token", "acme.io", "https://acme.io/mcp", |d| {
            d.bearer_token_env_var = "KFUSE_TOKEN".to_owned();
        }),
        case(
            "token-tools",
            "https://acme.io:8443/mcp?x=$y",
            "https://acme.io:8443/mcp?x=$y",
            |d| {
                d.bearer_token_env_var = "_kfuse_token2".to_owned();
                d.tools.disabled_tools = list(&["delete_all_entities"]);
                d.tool_timeout_sec = "90".to_owned();
            },
        ),
        case("oauth", "acme.io", "https://acme.io/mcp", |d| {
            d.oauth_client_id = "0oa1b2C3d4E5f6G7h8i9".to_owned();
            d.oauth_resource = "https://acme.io".to_owned();
        }),
        case("dash-client", "acme.io", "https://acme.io/mcp", |d| {
            d.oauth_client_id = "-odd'client$id".to_owned();
            d.oauth_resource = "https://acme.io/mcp?r=1&s=$t".to_owned();
        }),
        case("flags", "acme.io", "https://acme.io/mcp", |d| {
            d.enabled = false;
            d.required = true;
            d.scopes = "openid, mcp:read".to_owned();
        }),
        case("k", "a.io", "https://a.io/mcp", |d| {
            d.required = true;
            d.tools.allow_only = true;
            d.tools.enabled_tools = list(&["x"]);
        }),
    ]
}

/// What `codex mcp get --json` must report for `case`, built from the
/// case's own inputs.
fn expected_json(case: &Case) -> Value {
    let d = &case.draft;
    let seconds = |s: &str| (!s.is_empty()).then(|| s.parse::<f64>().expect("number"));
    let enabled_tools = d.tools.allow_only.then(|| {
        let mut tools: Vec<String> = Vec::new();
        for t in &d.tools.enabled_tools {
            if !tools.contains(t) {
                tools.push(t.clone());
            }
        }
        tools
    });
    let disabled_tools =
        (!d.tools.disabled_tools.is_empty()).then(|| d.tools.disabled_tools.clone());
    let bearer = (!d.bearer_token_env_var.is_empty()).then(|| d.bearer_token_env_var.clone());
    json!({
        "name": d.name,
        "enabled": d.enabled,
        "url": case.url,
        "bearer_token_env_var": bearer,
        "enabled_tools": enabled_tools,
        "disabled_tools": disabled_tools,
        "startup_timeout_sec": seconds(&d.startup_timeout_sec),
        "tool_timeout_sec": seconds(&d.tool_timeout_sec),
    })
}

/// `codex mcp get NAME --json`, reduced to the fields we compare.
fn codex_get(home: &Path, name: &str) -> Result<Value, String> {
    let out = codex(home, &["mcp", "get", name, "--json"]);
    if !out.status.success() {
        return Err(format!(
            "codex mcp get failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let got: Value = serde_json::from_slice(&out.stdout).map_err(|e| format!("not JSON: {e}"))?;
    let transport = &got["transport"];
    if transport["type"] != "streamable_http" {
        return Err(format!("transport is {}", transport["type"]));
    }
    Ok(json!({
        "name": got["name"],
        "enabled": got["enabled"],
        "url": transport["url"],
        "bearer_token_env_var": transport["bearer_token_env_var"],
        "enabled_tools": got["enabled_tools"],
        "disabled_tools": got["disabled_tools"],
        "startup_timeout_sec": got["startup_timeout_sec"],
        "tool_timeout_sec": got["tool_timeout_sec"],
    }))
}

/// The fields `codex mcp get --json` does not show, as `case` entered them:
/// `required`, `scopes` (split on commas and spaces, as the form says),
/// `oauth_resource` and the pre-registered client id.
fn expected_file_fields(case: &Case) -> Value {
    let d = &case.draft;
    let scopes: Vec<&str> = d
        .scopes
        .split([',', ' '])
        .filter(|s| !s.is_empty())
        .collect();
    let given = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    json!({
        "required": d.required,
        "scopes": (!scopes.is_empty()).then_some(scopes),
        "oauth_resource": given(&d.oauth_resource),
        "client_id": given(&d.oauth_client_id),
    })
}

/// Those fields as they stand in `home`'s config.toml once Codex has read
/// it (or written it), read with an independent TOML parser; an absent
/// `required` is Codex's default, false.
fn file_fields(home: &Path, name: &str) -> Result<Value, String> {
    let file = home.join(".codex/config.toml");
    let written = std::fs::read_to_string(&file).map_err(|e| format!("no config.toml: {e}"))?;
    let doc: toml::Table = written
        .parse()
        .map_err(|e| format!("config.toml does not parse: {e}"))?;
    let entry = doc
        .get("mcp_servers")
        .and_then(|s| s.get(name))
        .ok_or_else(|| format!("no [mcp_servers.{name}] in\n{written}"))?;
    let text = |v: Option<&toml::Value>| v.and_then(|v| v.as_str()).map(str::to_owned);
    Ok(json!({
        "required": entry.get("required").and_then(toml::Value::as_bool).unwrap_or(false),
        "scopes": entry.get("scopes").and_then(toml::Value::as_array).map(|a| {
            a.iter().filter_map(toml::Value::as_str).collect::<Vec<_>>()
        }),
        "oauth_resource": text(entry.get("oauth_resource")),
        "client_id": text(entry.get("oauth").and_then(|o| o.get("client_id"))),
    }))
}

fn compare(label: &str, got: Result<Value, String>, want: &Value) -> Option<String> {
    match got {
        Ok(got) if &got == want => None,
        Ok(got) => Some(format!("{label}: codex reports {got}\n  expected {want}")),
        Err(e) => Some(format!("{label}: {e}")),
    }
}

/// Path 1: our config.toml, read by Codex.
fn check_toml(i: usize, case: &Case) -> Option<String> {
    let config = config_of(&case.draft);
    let home = fresh_home(&format!("toml{i}"));
    std::fs::write(home.join(".codex/config.toml"), render_config_toml(&config)).expect("write");
    let label = format!("{} (config.toml)", case.draft.name);
    compare(&label, codex_get(&home, &config.name), &expected_json(case)).or_else(|| {
        compare(
            &format!("{label}, the file Codex read"),
            file_fields(&home, &config.name),
            &expected_file_fields(case),
        )
    })
}

/// Path 2: the terminal tab's commands that write the entry (`codex mcp
/// add`, or the file route), run in bash with the real Codex; the sign-in
/// that follows needs a live server and is the journey test's (e2e).
fn check_add(i: usize, case: &Case) -> Option<String> {
    let config = config_of(&case.draft);
    let home = fresh_home(&format!("add{i}"));
    let steps = TerminalSteps {
        login: None,
        ..terminal_steps(&config)
    };
    let script = render_posix(&steps);
    let add_line = script.as_str();
    let bin_dir = codex_bin().parent().expect("bin dir").to_path_buf();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("bash")
        .args(["-c", add_line])
        .env("HOME", &home)
        .env("CODEX_HOME", home.join(".codex"))
        .env("PATH", path)
        .current_dir(&home)
        .output()
        .expect("bash runs");
    let label = format!("{} (terminal commands)", case.draft.name);
    if !out.status.success() {
        return Some(format!(
            "{label}: `{add_line}` failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    if let Some(problem) = compare(&label, codex_get(&home, &config.name), &expected_json(case)) {
        return Some(problem);
    }
    // The fields `get --json` does not show, from the file the commands
    // wrote (Codex's `mcp add`, or the block's own lines for the file).
    compare(
        &format!("{label}, the file written"),
        file_fields(&home, &config.name),
        &expected_file_fields(case),
    )
}

#[test]
fn codex_reads_our_config_and_add_commands_as_entered() {
    let cases = cases();
    assert!(cases.len() >= 20);
    let problems: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = cases
            .iter()
            .enumerate()
            .map(|(i, case)| scope.spawn(move || [check_toml(i, case), check_add(i, case)]))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("case thread"))
            .flatten()
            .collect()
    });
    assert!(
        problems.is_empty(),
        "{} of {} checks failed:\n{}",
        problems.len(),
        cases.len() * 2,
        problems.join("\n")
    );
}

#[test]
fn codex_refuses_what_the_page_refuses() {
    // The page's name rule matches Codex's: a space is refused by both.
    let home = fresh_home("refuse");
    let out = codex(
        &home,
        &["mcp", "add", "k fuse", "--url", "https://acme.io/mcp"],
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("invalid server name"), "{stderr}");
    let v = codex_mcp_configurator::validate::validate(&common::draft("k fuse", "acme.io"), &[]);
    assert!(v.config.is_none());
}

#[test]
fn codex_reads_every_approval_mode_the_page_writes_and_refuses_any_other() {
    use codex_mcp_configurator::model::ApprovalMode;
    for mode in ApprovalMode::ALL {
        let mut d = common::draft("kfuse.prod", "acme.kloudfuse.io");
        d.default_approval = Some(mode);
        d.tool_approvals = vec![("notes.echo".into(), mode), ("logs_search".into(), mode)];
        let rendered = render_config_toml(&config_of(&d));
        let home = fresh_home(&format!("approval-{}", mode.as_str()));
        let file = home.join(".codex/config.toml");
        std::fs::write(&file, &rendered).expect("write");
        let out = codex(&home, &["mcp", "get", "kfuse.prod"]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{mode:?}: {}\n{rendered}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            stdout.contains(&format!("default_tools_approval_mode: {}", mode.as_str())),
            "{mode:?}: {stdout}"
        );
        // The per-tool tables are read too: a bad value there is refused.
        let table = "[mcp_servers.\"kfuse.prod\".tools.\"notes.echo\"]\n";
        let bad = rendered.replace(
            &format!("{table}approval_mode = \"{}\"", mode.as_str()),
            &format!("{table}approval_mode = \"always\""),
        );
        assert!(
            bad.contains(
                "[mcp_servers.\"kfuse.prod\".tools.\"notes.echo\"]\napproval_mode = \"always\""
            ),
            "{bad}"
        );
        std::fs::write(&file, &bad).expect("write");
        let out = codex(&home, &["mcp", "get", "kfuse.prod"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{mode:?}: Codex took {bad}");
        assert!(stderr.contains("unknown variant `always`"), "{stderr}");
    }
}

/// `codex exec` in `home` for at most `seconds` (coreutils' `timeout` ends
/// the npm wrapper and the native binary it starts alike): everything it
/// printed.
fn exec_for(home: &Path, seconds: u64) -> String {
    let out = Command::new("timeout")
        .args(["-s", "KILL", &seconds.to_string()])
        .arg(codex_bin())
        .args(["exec", "--skip-git-repo-check", "say hi"])
        .env("HOME", home)
        .env("CODEX_HOME", home.join(".codex"))
        .current_dir(home)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("timeout and codex run");
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// `required = true` as the page writes it, read by the real Codex: a
/// session will not start while the server cannot ("required MCP servers
/// failed to initialize"); the same entry without it lets the session
/// start and go on to the model. The server and the model are both a
/// closed port on 127.0.0.1.
#[test]
fn codex_will_not_start_a_session_without_a_required_server() {
    const PROVIDER: &str = "model_provider = \"closed\"\n\n[model_providers.closed]\nname = \"closed\"\nbase_url = \"http://127.0.0.1:9/v1\"\nwire_api = \"responses\"\nrequest_max_retries = 0\nstream_max_retries = 0\n\n";
    for required in [true, false] {
        let mut d = common::draft("req", "http://127.0.0.1:9/mcp");
        d.required = required;
        let entry = render_config_toml(&config_of(&d));
        assert_eq!(entry.contains("required = true"), required, "{entry}");
        let home = fresh_home(&format!("required-{required}"));
        std::fs::write(
            home.join(".codex/config.toml"),
            format!("{PROVIDER}{entry}"),
        )
        .expect("write");
        let printed = exec_for(&home, 25);
        let refused = printed.contains("required MCP servers failed to initialize: req");
        assert_eq!(
            refused, required,
            "required = {required}; Codex printed:\n{printed}"
        );
        if !required {
            assert!(
                printed.contains("Reconnecting"),
                "the session did not go on to the model:\n{printed}"
            );
        }
    }
}
