//! The other clients: their name rules, what the form's choices become in
//! each client's commands and files, and what each cannot express. The
//! outputs are read back with independent parsers (`serde_json`, `shlex`);
//! the real CLIs run them in e2e/clients.test.mjs.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use codex_mcp_configurator::catalog::kloudfuse_tools;
use codex_mcp_configurator::model::ServerConfig;
use codex_mcp_configurator::model::{ApprovalMode, Client, ConfigLocation, Draft};
use codex_mcp_configurator::render::room;
use codex_mcp_configurator::render::{claude_code, claude_desktop, gemini};
use codex_mcp_configurator::share::{apply_share_query, share_query};

/// The chosen client's notes, from its room.
fn client_notes(config: &ServerConfig, known: &[String]) -> Vec<String> {
    room(config.client).notes(config, known)
}

/// Why the chosen client refuses the entry, from its room.
fn client_refusal(config: &ServerConfig) -> Option<String> {
    room(config.client).refusal(config)
}

use common::{config_of, draft};
use serde_json::Value;

fn for_client(client: Client, edit: impl FnOnce(&mut Draft)) -> Draft {
    let mut d = Draft {
        client,
        ..draft("kfuse", "acme.kloudfuse.io")
    };
    edit(&mut d);
    d
}

fn known() -> Vec<String> {
    kloudfuse_tools().into_iter().map(|t| t.name).collect()
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// The command lines of a bash block, comments left out, split as bash would.
fn posix_lines(block: &str) -> Vec<Vec<String>> {
    block
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| shlex::split(l).unwrap_or_else(|| panic!("does not split: {l}")))
        .collect()
}

#[test]
fn claude_code_refuses_names_its_cli_refuses_and_says_what_to_write() {
    for name in ["kfuse.prod", "team/kfuse", "a@b", "a:b"] {
        // The form takes it (Codex does); Claude Code's outputs are held back.
        let config = config_of(&for_client(Client::ClaudeCode, |d| d.name = name.into()));
        let refusal = client_refusal(&config).unwrap_or_else(|| panic!("{name} accepted"));
        assert!(
            refusal.contains("Claude Code refuses") && refusal.contains("instead"),
            "{refusal}"
        );
        assert!(
            refusal.contains(&format!("`{}`", name.replace(['.', '/', '@', ':'], "-"))),
            "{refusal}"
        );
        let codex = codex_mcp_configurator::model::ServerConfig {
            client: Client::Codex,
            ..config
        };
        assert_eq!(client_refusal(&codex), None);
    }
    assert_eq!(
        client_refusal(&config_of(
            &for_client(Client::ClaudeCode, |d| d.name = "kf_use-2".into())
        )),
        None
    );
}

#[test]
fn gemini_says_what_an_underscore_does_but_keeps_the_name() {
    let config = config_of(&for_client(Client::Gemini, |d| d.name = "kf_use".into()));
    assert_eq!(client_refusal(&config), None);
    let notes = client_notes(&config, &known());
    assert!(notes.iter().any(|w| w.contains("`kf-use`")), "{notes:?}");
    let codex = config_of(&for_client(Client::Codex, |d| d.name = "kf_use".into()));
    assert!(client_notes(&codex, &known()).is_empty());
}

#[test]
fn claude_desktop_refuses_a_url_its_form_refuses() {
    let loopback = config_of(&for_client(Client::ClaudeDesktop, |d| {
        d.url = "http://127.0.0.1:8080/mcp".into()
    }));
    assert!(
        client_refusal(&loopback)
            .unwrap()
            .contains("Invalid URL format")
    );
    let sse = config_of(&for_client(Client::ClaudeDesktop, |d| {
        d.url = "https://acme.io/api/sse".into()
    }));
    assert!(client_refusal(&sse).is_some());
    assert_eq!(
        client_refusal(&config_of(&for_client(Client::ClaudeDesktop, |_| {}))),
        None
    );
}

#[test]
fn claude_code_commands_remove_then_add_with_the_name_before_options_then_sign_in_once() {
    let config = config_of(&for_client(Client::ClaudeCode, |d| {
        d.bearer_token_env_var = String::new();
        d.oauth_client_id = "-abc".into();
    }));
    let lines = posix_lines(&claude_code::render_claude_posix(&config));
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert_eq!(
        &lines[0][..6],
        ["claude", "mcp", "remove", "kfuse", "-s", "user"]
    );
    let add = &lines[1];
    assert_eq!(&add[..3], ["claude", "mcp", "add"]);
    let name_at = add.iter().position(|w| w == "kfuse").unwrap();
    assert_eq!(add[name_at + 1], "https://acme.kloudfuse.io/mcp");
    assert!(
        add[..name_at]
            .iter()
            .all(|w| !w.starts_with("--client") && !w.starts_with("--header"))
    );
    // A value that starts with `-` is joined to its option.
    assert!(add.contains(&"--client-id=-abc".to_owned()), "{add:?}");
    assert_eq!(lines[2], ["claude", "mcp", "login", "kfuse"]);
    // Another machine: the sign-in prints the link instead.
    let remote = config_of(&for_client(Client::ClaudeCode, |d| d.remote = true));
    let lines = posix_lines(&claude_code::render_claude_posix(&remote));
    assert_eq!(
        lines.last().unwrap(),
        &["claude", "mcp", "login", "--no-browser", "kfuse"]
    );
}

#[test]
fn claude_code_scopes_go_through_add_json_as_one_string() {
    let config = config_of(&for_client(Client::ClaudeCode, |d| {
        d.scopes = "mcp:read, mcp:write".into();
        d.location = ConfigLocation::Project;
    }));
    let lines = posix_lines(&claude_code::render_claude_posix(&config));
    let add = &lines[1];
    assert_eq!(
        &add[..6],
        ["claude", "mcp", "add-json", "--scope", "project", "kfuse"]
    );
    let entry = json(&add[6]);
    assert_eq!(entry["type"], "http");
    assert_eq!(entry["url"], "https://acme.kloudfuse.io/mcp");
    assert_eq!(entry["oauth"]["scopes"], "mcp:read mcp:write");
    // PowerShell passes the JSON on standard input, quotes intact.
    let pwsh = claude_code::render_claude_powershell(&config);
    let piped = pwsh.lines().find(|l| l.contains("add-json")).unwrap();
    assert!(
        piped.starts_with("'{\"type\":\"http\"")
            && piped.ends_with("| claude mcp add-json --scope project kfuse -"),
        "{piped}"
    );
    // A project's server is approved before it signs in: the sign-in is its own command.
    assert!(
        lines.iter().all(|l| l[..3] != ["claude", "mcp", "login"]),
        "{lines:?}"
    );
    assert_eq!(
        claude_code::render_claude_login(&config).unwrap(),
        "claude mcp login kfuse\n"
    );
}

#[test]
fn a_bearer_token_is_a_header_for_claude_to_expand_and_no_sign_in() {
    let config = config_of(&for_client(Client::ClaudeCode, |d| {
        d.bearer_token_env_var = "KF_TOKEN".into()
    }));
    let lines = posix_lines(&claude_code::render_claude_posix(&config));
    assert_eq!(lines.len(), 2, "no login: {lines:?}");
    let at = lines[1].iter().position(|w| w == "--header").unwrap();
    assert_eq!(lines[1][at + 1], "Authorization: Bearer ${KF_TOKEN}");
}

#[test]
fn claude_code_rules_deny_blocked_tools_by_claude_codes_own_tool_names() {
    let config = config_of(&for_client(Client::ClaudeCode, |d| {
        d.tools.disabled_tools = vec!["delete_all_entities".into(), "notes.echo".into()];
    }));
    let settings = json(&claude_code::render_claude_settings(&config, &known()));
    assert_eq!(
        settings["permissions"]["deny"],
        serde_json::json!(["mcp__kfuse__delete_all_entities", "mcp__kfuse__notes_echo"])
    );
    assert!(settings["permissions"].get("allow").is_none());
    assert!(client_notes(&config, &known()).is_empty());
}

#[test]
fn only_these_in_claude_code_denies_every_other_known_tool_and_says_so() {
    let config = config_of(&for_client(Client::ClaudeCode, |d| {
        d.tools.allow_only = true;
        d.tools.enabled_tools = vec!["logs_search".into()];
    }));
    let settings = json(&claude_code::render_claude_settings(&config, &known()));
    let deny: Vec<&str> = settings["permissions"]["deny"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        deny,
        [
            "mcp__kfuse__prometheus_query",
            "mcp__kfuse__delete_all_entities"
        ]
    );
    let notes = client_notes(&config, &known());
    assert_eq!(notes.len(), 1);
    assert!(
        notes[0].contains("prometheus_query") && notes[0].contains("adds later"),
        "{}",
        notes[0]
    );
}

#[test]
fn never_ask_allows_every_tool_and_a_tool_that_asks_gets_an_ask_rule() {
    let config = config_of(&for_client(Client::ClaudeCode, |d| {
        d.default_approval = Some(ApprovalMode::Approve);
        d.tool_approvals = vec![("delete_all_entities".into(), ApprovalMode::Prompt)];
    }));
    let p = &json(&claude_code::render_claude_settings(&config, &known()))["permissions"];
    assert_eq!(p["allow"], serde_json::json!(["mcp__kfuse__*"]));
    assert_eq!(
        p["ask"],
        serde_json::json!(["mcp__kfuse__delete_all_entities"])
    );
    // Asking is Claude Code's own default: nothing to write.
    let asks = config_of(&for_client(Client::ClaudeCode, |d| {
        d.default_approval = Some(ApprovalMode::Prompt)
    }));
    assert_eq!(claude_code::render_claude_settings(&asks, &known()), "{}");
    let writes = config_of(&for_client(Client::ClaudeCode, |d| {
        d.default_approval = Some(ApprovalMode::Writes)
    }));
    assert!(
        client_notes(&writes, &known())[0].contains("does not read whether a tool changes data")
    );
}

#[test]
fn claude_managed_settings_allow_exactly_this_url() {
    let config = config_of(&for_client(Client::ClaudeCode, |_| {}));
    let managed = json(&claude_code::managed_settings(&config));
    assert_eq!(
        managed["allowedMcpServers"],
        serde_json::json!([{"serverUrl": "https://acme.kloudfuse.io/mcp"}])
    );
}

#[test]
fn gemini_command_puts_positionals_first_and_each_tool_in_its_own_flag() {
    let config = config_of(&for_client(Client::Gemini, |d| {
        d.tools.allow_only = true;
        d.tools.enabled_tools = vec!["logs_search".into(), "prometheus_query".into()];
        d.tools.disabled_tools = vec!["-odd".into()];
        d.tool_timeout_sec = "12.5".into();
    }));
    let lines = posix_lines(&gemini::render_gemini_posix(&config));
    assert_eq!(lines.len(), 1);
    let add = &lines[0];
    assert_eq!(
        &add[..9],
        [
            "gemini",
            "mcp",
            "add",
            "--transport",
            "http",
            "--scope",
            "user",
            "kfuse",
            "https://acme.kloudfuse.io/mcp"
        ]
    );
    let values = |flag: &str| -> Vec<String> {
        add.windows(2)
            .filter(|w| w[0] == flag)
            .map(|w| w[1].clone())
            .collect()
    };
    assert_eq!(
        values("--include-tools"),
        ["logs_search", "prometheus_query"]
    );
    assert!(add.contains(&"--exclude-tools=-odd".to_owned()));
    assert_eq!(values("--timeout"), ["12500"]);
    assert!(!add.contains(&"--trust".to_owned()));
    let entry = &json(&gemini::render_gemini_settings(&config))["mcpServers"]["kfuse"];
    assert_eq!(
        entry["includeTools"],
        serde_json::json!(["logs_search", "prometheus_query"])
    );
    assert_eq!(entry["excludeTools"], serde_json::json!(["-odd"]));
    assert_eq!(entry["timeout"], 12500);
    assert_eq!(entry["type"], "http");
}

#[test]
fn gemini_trusts_only_for_never_ask_and_says_what_per_tool_choices_do() {
    let never = config_of(&for_client(Client::Gemini, |d| {
        d.default_approval = Some(ApprovalMode::Approve)
    }));
    assert!(posix_lines(&gemini::render_gemini_posix(&never))[0].contains(&"--trust".to_owned()));
    assert_eq!(
        json(&gemini::render_gemini_settings(&never))["mcpServers"]["kfuse"]["trust"],
        true
    );
    let one = config_of(&for_client(Client::Gemini, |d| {
        d.tool_approvals = vec![("logs_search".into(), ApprovalMode::Approve)]
    }));
    assert!(!posix_lines(&gemini::render_gemini_posix(&one))[0].contains(&"--trust".to_owned()));
    assert!(
        client_notes(&one, &known())
            .iter()
            .any(|n| n.contains("Always allow"))
    );
}

#[test]
fn gemini_scopes_live_in_the_settings_entry_and_a_note_says_so() {
    let config = config_of(&for_client(Client::Gemini, |d| d.scopes = "a b".into()));
    let entry = &json(&gemini::render_gemini_settings(&config))["mcpServers"]["kfuse"];
    assert_eq!(entry["oauth"]["scopes"], serde_json::json!(["a", "b"]));
    assert!(
        client_notes(&config, &known())
            .iter()
            .any(|n| n.contains("no flag for OAuth scopes"))
    );
    let system = json(&gemini::system_settings(&config));
    assert_eq!(system["mcp"]["allowed"], serde_json::json!(["kfuse"]));
    assert_eq!(system["mcpServers"]["kfuse"], *entry);
}

#[test]
fn claude_desktop_gets_its_form_values_and_the_tools_to_switch_off() {
    let config = config_of(&for_client(Client::ClaudeDesktop, |d| {
        d.tools.allow_only = true;
        d.tools.enabled_tools = vec!["logs_search".into()];
        d.tools.disabled_tools = vec!["delete_all_entities".into()];
        d.scopes = "a".into();
    }));
    assert_eq!(
        claude_desktop::connector_url(&config),
        "https://acme.kloudfuse.io/mcp"
    );
    assert_eq!(claude_desktop::connector_name(&config), "kfuse");
    assert_eq!(
        codex_mcp_configurator::render::room::tools_to_switch_off(&config, &known()),
        ["delete_all_entities", "prometheus_query"]
    );
    let notes = client_notes(&config, &known());
    assert!(
        notes.iter().any(|n| n.contains("no place for scopes")),
        "{notes:?}"
    );
}

#[test]
fn codex_has_no_client_notes_whatever_is_chosen() {
    let config = config_of(&for_client(Client::Codex, |d| {
        d.tools.allow_only = true;
        d.tools.enabled_tools = vec!["logs_search".into()];
        d.enabled = false;
        d.required = true;
        d.default_approval = Some(ApprovalMode::Writes);
        d.scopes = "a".into();
    }));
    assert!(client_notes(&config, &known()).is_empty());
    for client in [Client::ClaudeCode, Client::Gemini, Client::ClaudeDesktop] {
        let other = codex_mcp_configurator::model::ServerConfig {
            client,
            ..config.clone()
        };
        let notes = client_notes(&other, &known());
        assert!(notes.len() >= 2, "{client:?}: {notes:?}");
        assert!(
            notes
                .iter()
                .all(|n| n.contains(client.name()) || n.contains('`')),
            "{notes:?}"
        );
    }
}

#[test]
fn the_client_travels_in_the_share_link_and_codex_leaves_it_out() {
    let codex = config_of(&for_client(Client::Codex, |_| {}));
    assert!(!share_query(&codex, &Draft::default()).contains("client="));
    for &client in &Client::ALL[1..] {
        let config = config_of(&for_client(client, |_| {}));
        let query = share_query(&config, &Draft::default());
        assert!(
            query.starts_with(&format!("client={}&", client.id())),
            "{query}"
        );
        let shared = apply_share_query(&Draft::default(), &query);
        assert_eq!(shared.draft.client, client);
    }
    let unknown = apply_share_query(&Draft::default(), "client=zed&url=acme.io");
    assert_eq!(unknown.draft.client, Client::Codex);
    assert!(!unknown.notices.is_empty());
}

#[test]
fn claude_settings_merge_replaces_this_servers_rules_and_keeps_everything_else() {
    use codex_mcp_configurator::render::claude_code::merge_claude_settings;
    let existing = r#"{
  "model": "opus",
  "permissions": {
    "allow": ["Bash(ls:*)", "mcp__kfuse__delete_all_entities"],
    "deny": ["mcp__kfuse__logs_search", "mcp__other__x"]
  },
  "env": {"A": "1"}
}"#;
    let config = config_of(&for_client(Client::ClaudeCode, |d| {
        d.tools.disabled_tools = vec!["delete_all_entities".into()];
    }));
    let merged = merge_claude_settings(existing, &config, &known(), "settings.json").unwrap();
    let v = json(&merged.text);
    assert_eq!(v["model"], "opus");
    assert_eq!(v["env"]["A"], "1");
    assert_eq!(v["permissions"]["allow"], serde_json::json!(["Bash(ls:*)"]));
    assert_eq!(
        v["permissions"]["deny"],
        serde_json::json!(["mcp__other__x", "mcp__kfuse__delete_all_entities"])
    );
    // The keys stay in the file's order.
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["model", "permissions", "env"]);
    assert!(!merged.dropped_comments);
    let bad =
        merge_claude_settings("{\"a\": 1,, }", &config, &known(), "settings.json").unwrap_err();
    assert!(bad.contains("not JSON") && bad.contains("line 1"), "{bad}");
    assert!(
        merge_claude_settings("[1]", &config, &known(), "settings.json")
            .unwrap_err()
            .contains("object")
    );
}

#[test]
fn gemini_settings_merge_replaces_the_entry_and_reads_past_comments() {
    use codex_mcp_configurator::render::gemini::merge_gemini_settings;
    let existing = "{\n  // mine\n  \"theme\": \"GitHub\", /* url: \"//x\" */\n  \"mcpServers\": {\"kfuse\": {\"url\": \"https://old/mcp\"}, \"other\": {\"command\": \"x\", \"args\": [\"//not a comment\"]}}\n}";
    let config = config_of(&for_client(Client::Gemini, |d| {
        d.tools.disabled_tools = vec!["delete_all_entities".into()]
    }));
    let merged = merge_gemini_settings(existing, &config, "settings.json").unwrap();
    assert!(merged.dropped_comments);
    let v = json(&merged.text);
    assert_eq!(v["theme"], "GitHub");
    assert_eq!(v["mcpServers"]["other"]["args"][0], "//not a comment");
    assert_eq!(
        v["mcpServers"]["kfuse"],
        json(&gemini::render_gemini_settings(&config))["mcpServers"]["kfuse"]
    );
}

/// One choice of the form: what it is, and the change it makes to a draft.
type Choice = (String, Box<dyn Fn(&mut Draft)>);

/// Every choice the form offers about the connection, as a change to the
/// default draft (a link can set each, whatever the client).
fn choices() -> Vec<Choice> {
    let mut out: Vec<Choice> = vec![
        (
            "this repository only".into(),
            Box::new(|d| d.location = ConfigLocation::Project),
        ),
        (
            "runs on another machine".into(),
            Box::new(|d| d.remote = true),
        ),
        (
            "only these tools".into(),
            Box::new(|d| {
                d.tools.allow_only = true;
                d.tools.enabled_tools = vec!["logs_search".into()];
            }),
        ),
        (
            "block a tool".into(),
            Box::new(|d| d.tools.disabled_tools = vec!["delete_all_entities".into()]),
        ),
        ("not enabled".into(), Box::new(|d| d.enabled = false)),
        ("required".into(), Box::new(|d| d.required = true)),
        (
            "a startup timeout".into(),
            Box::new(|d| d.startup_timeout_sec = "30".into()),
        ),
        (
            "a tool timeout".into(),
            Box::new(|d| d.tool_timeout_sec = "12.5".into()),
        ),
        ("scopes".into(), Box::new(|d| d.scopes = "openid".into())),
        (
            "an OAuth resource".into(),
            Box::new(|d| d.oauth_resource = "https://acme.kloudfuse.io".into()),
        ),
        (
            "a client id".into(),
            Box::new(|d| d.oauth_client_id = "abc".into()),
        ),
        (
            "a bearer token variable".into(),
            Box::new(|d| d.bearer_token_env_var = "KFUSE_TOKEN".into()),
        ),
    ];
    // (The release field holds the release of the client whose numbers it
    // are, and what each release does is tested release by release:
    // tests/releases.rs.)
    for mode in ApprovalMode::ALL {
        out.push((
            format!("every tool {}", mode.as_str()),
            Box::new(move |d| d.default_approval = Some(mode)),
        ));
        out.push((
            format!("one tool {}", mode.as_str()),
            Box::new(move |d| d.tool_approvals = vec![("logs_search".into(), mode)]),
        ));
    }
    out
}

/// What a client makes of `config`: its outputs and its panel, and what it
/// says (its notes, a refusal, the notes of the release it follows).
fn made_of(draft: &Draft) -> (String, Vec<String>) {
    let validation = codex_mcp_configurator::validate::validate(draft, &kloudfuse_tools());
    let config = validation
        .config
        .clone()
        .unwrap_or_else(|| panic!("{:?}", validation.findings));
    let room = room(draft.client);
    let made = format!(
        "{:?}{:?}",
        codex_mcp_configurator::render::outputs(draft.client, &config, &known()),
        room.panel(Some(&config), &known())
    );
    let mut said = room.notes(&config, &known());
    said.extend(room.refusal(&config));
    said.extend(validation.notes.iter().map(|n| n.message.clone()));
    (made, said)
}

#[test]
fn every_client_honours_every_choice_or_says_what_happens_instead() {
    let mut silent = Vec::new();
    let mut checked = 0;
    for &client in Client::ALL {
        let base = for_client(client, |_| {});
        let (base_made, base_said) = made_of(&base);
        assert!(
            base_said.is_empty(),
            "{client:?} has notes on the plain form: {base_said:?}"
        );
        for (what, change) in choices() {
            let mut d = base.clone();
            change(&mut d);
            // A mode that is the client's own default is honoured as it is.
            let default = room(client).default_approval();
            if default.is_some()
                && (d.default_approval == default
                    || d.tool_approvals.first().map(|(_, m)| *m) == default)
            {
                continue;
            }
            checked += 1;
            let (made, said) = made_of(&d);
            if made == base_made && said.len() <= base_said.len() {
                silent.push(format!("{} says nothing of {what}", client.name()));
            }
        }
    }
    assert!(silent.is_empty(), "{}", silent.join("\n"));
    // Four clients, twenty choices, less each client's own default mode.
    assert!(checked >= 70, "only {checked} checks");
}
