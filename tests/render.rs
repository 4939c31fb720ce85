//! Generated outputs, checked by reading them back rather than by comparing
//! with stored copies of themselves.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use codex_mcp_configurator::model::{ConfigLocation, Draft};
use codex_mcp_configurator::render::{
    codex::{
        SignIn, Step, app_fields, login_command, render_app_fields, render_config_toml,
        render_posix, render_powershell, table_header, terminal_steps,
    },
    posix_quote, powershell_quote,
};
use common::{assert_entry_matches, config_of, draft, parse_entry, strings};

#[test]
fn minimal_entry_has_url_and_enabled_only() {
    let config = config_of(&draft("kfuse", "acme.kloudfuse.io"));
    let rendered = render_config_toml(&config);
    let entry = parse_entry(&rendered, "kfuse");
    assert_eq!(entry.len(), 2, "{rendered}");
    assert_eq!(entry["url"].as_str(), Some("https://acme.kloudfuse.io/mcp"));
    assert_eq!(entry["enabled"].as_bool(), Some(true));
    assert!(rendered.starts_with("[mcp_servers.kfuse]\n"), "{rendered}");
}

#[test]
fn names_with_dots_are_quoted_keys_not_nested_tables() {
    for name in ["kfuse.prod", "a/b", "a:b", "ops@kfuse"] {
        let config = config_of(&draft(name, "acme.io"));
        let rendered = render_config_toml(&config);
        assert!(
            rendered.contains(&format!("[mcp_servers.\"{name}\"]")),
            "{rendered}"
        );
        assert_entry_matches(&parse_entry(&rendered, name), &config);
        assert_eq!(table_header(&config), format!("[mcp_servers.\"{name}\"]"));
    }
}

#[test]
fn every_field_round_trips_through_the_toml() {
    let mut d = draft("kfuse", "https://acme.io:8443/mcp?a=1&b='\"$x");
    d.tools.allow_only = true;
    d.tools.enabled_tools = vec!["logs_search".into(), "a.b-c".into()];
    d.tools.disabled_tools = vec!["delete_all_entities".into()];
    d.enabled = false;
    d.required = true;
    d.startup_timeout_sec = "0.5".into();
    d.tool_timeout_sec = "120".into();
    d.scopes = "openid mcp:read".into();
    d.oauth_resource = "https://acme.io/mcp?x=\"y\"".into();
    d.oauth_client_id = "client'id".into();
    let config = config_of(&d);
    let entry = parse_entry(&render_config_toml(&config), "kfuse");
    assert_entry_matches(&entry, &config);
    assert_eq!(
        entry["tool_timeout_sec"].as_float(),
        Some(120.0),
        "integers are written as floats"
    );
}

fn words(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn add_alone_when_its_flags_say_everything_and_it_signs_in_itself() {
    let mut d = draft("kfuse", "acme.io");
    d.oauth_client_id = "-starts-with-dash".into();
    d.oauth_resource = "https://acme.io".into();
    let steps = terminal_steps(&config_of(&d));
    assert_eq!(
        steps.write,
        [Step::Run(words(&[
            "codex",
            "mcp",
            "add",
            "kfuse",
            "--url",
            "https://acme.io/mcp",
            "--oauth-client-id=-starts-with-dash",
            "--oauth-resource",
            "https://acme.io",
        ]))]
    );
    assert_eq!(steps.login, None, "a second sign-in would follow add's own");
    assert_eq!(steps.sign_in, SignIn::DuringAdd);
    assert_eq!(render_posix(&steps).lines().count(), 1);
    assert_eq!(render_powershell(&steps).lines().count(), 1);
}

#[test]
fn scopes_write_the_file_first_and_sign_in_once_after() {
    let mut d = draft("kfuse.prod", "acme.io");
    d.scopes = "logs:read metrics:read".into();
    let config = config_of(&d);
    let steps = terminal_steps(&config);
    assert_eq!(
        steps.commands(),
        [
            &words(&["codex", "mcp", "remove", "kfuse.prod"])[..],
            &words(&["codex", "mcp", "login", "kfuse.prod"])[..],
        ],
        "no add: it would sign in with the server's scopes, not these"
    );
    assert_eq!(steps.sign_in, SignIn::Login);
    let posix = render_posix(&steps);
    let lines: Vec<&str> = posix.lines().collect();
    assert_eq!(lines[0], r#"mkdir -p "${CODEX_HOME:-$HOME/.codex}""#);
    assert_eq!(lines[1], "codex mcp remove kfuse.prod");
    assert_eq!(
        lines[2],
        r#"cat >> "${CODEX_HOME:-$HOME/.codex}/config.toml" <<'TOML'"#
    );
    assert_eq!(lines.last(), Some(&"codex mcp login kfuse.prod"));
    let body = posix
        .split_once("<<'TOML'\n")
        .and_then(|(_, rest)| rest.split_once("TOML\n"))
        .map(|(body, _)| body)
        .expect("a here-document");
    let entry = parse_entry(body, "kfuse.prod");
    assert_eq!(
        strings(&entry, "scopes"),
        Some(words(&["logs:read", "metrics:read"]))
    );

    let pwsh = render_powershell(&steps);
    assert!(pwsh.contains(r#"$env:USERPROFILE\.codex"#), "{pwsh}");
    assert!(
        pwsh.contains("Add-Content -Encoding utf8 -Path \"$codexHome\\config.toml\" -Value @'\n"),
        "{pwsh}"
    );
    assert!(pwsh.contains("\n'@\n"), "{pwsh}");
    assert_eq!(pwsh.lines().last(), Some("codex mcp login kfuse.prod"));
}

#[test]
fn config_only_fields_take_the_file_route_too() {
    for edit in [
        (|d: &mut Draft| d.required = true) as fn(&mut Draft),
        |d| d.enabled = false,
        |d| d.tool_timeout_sec = "30".into(),
        |d| d.tools.disabled_tools = vec!["x".into()],
    ] {
        let mut d = draft("kfuse", "acme.io");
        edit(&mut d);
        let steps = terminal_steps(&config_of(&d));
        assert!(steps.writes_the_file(), "{d:?}");
        assert_eq!(steps.sign_in, SignIn::Login);
    }
}

#[test]
fn another_machine_signs_in_without_a_browser_as_the_last_line() {
    let mut d = draft("kfuse", "acme.io");
    d.remote = true;
    let steps = terminal_steps(&config_of(&d));
    assert_eq!(steps.sign_in, SignIn::LoginNoBrowser);
    assert!(steps.writes_the_file(), "add has no --no-browser");
    let posix = render_posix(&steps);
    assert_eq!(
        posix.lines().last(),
        Some("codex mcp login kfuse --no-browser"),
        "it reads the pasted address: nothing may follow it"
    );
    assert_eq!(
        login_command(&config_of(&d)),
        words(&["codex", "mcp", "login", "kfuse", "--no-browser"])
    );
}

#[test]
fn a_project_entry_goes_to_the_repository_file_and_never_removes_a_global_one() {
    let mut d = draft("kfuse", "acme.io");
    d.location = ConfigLocation::Project;
    let steps = terminal_steps(&config_of(&d));
    assert_eq!(
        steps.commands(),
        [&words(&["codex", "mcp", "login", "kfuse"])[..]]
    );
    let posix = render_posix(&steps);
    assert!(
        posix.starts_with("mkdir -p .codex\ncat >> .codex/config.toml <<'TOML'\n"),
        "{posix}"
    );
    let pwsh = render_powershell(&steps);
    assert!(pwsh.contains("-Path .codex\\config.toml"), "{pwsh}");
}

#[test]
fn bearer_token_servers_never_sign_in() {
    let mut d = draft("kfuse", "acme.io");
    d.bearer_token_env_var = "KFUSE_TOKEN".into();
    let steps = terminal_steps(&config_of(&d));
    assert_eq!(steps.sign_in, SignIn::BearerToken);
    assert_eq!(steps.login, None);
    assert!(steps.commands()[0].ends_with(&words(&["--bearer-token-env-var", "KFUSE_TOKEN"])));
    assert_eq!(render_posix(&steps).lines().count(), 1);

    d.remote = true;
    d.tools.disabled_tools = vec!["x".into()];
    let steps = terminal_steps(&config_of(&d));
    assert_eq!(steps.login, None, "a token needs no sign-in, remote or not");
    assert!(steps.writes_the_file());
}

#[test]
fn posix_quoting_leaves_plain_words_and_wraps_the_rest() {
    assert_eq!(posix_quote("kfuse"), "kfuse");
    assert!(posix_quote("a&b").starts_with('\''));
    assert_ne!(posix_quote("$x"), "$x");
    assert_ne!(posix_quote("=cmd"), "=cmd", "zsh expands a leading =");
}

#[test]
fn powershell_quoting_doubles_every_single_quote_kind() {
    assert_eq!(powershell_quote("kfuse"), "kfuse");
    assert_eq!(
        powershell_quote("https://acme.io/mcp"),
        "https://acme.io/mcp"
    );
    assert_eq!(powershell_quote("it's"), "'it''s'");
    assert_eq!(powershell_quote("a\u{2019}b"), "'a\u{2019}\u{2019}b'");
    assert_eq!(powershell_quote("a&b"), "'a&b'");
    assert_eq!(powershell_quote("$env:X"), "'$env:X'");
    assert_eq!(
        powershell_quote("a,b"),
        "'a,b'",
        "a bare comma would make an array"
    );
    assert_eq!(powershell_quote("@x"), "'@x'", "a leading @ splats");
    assert_eq!(powershell_quote(""), "''");
}

#[test]
fn app_fields_name_transport_and_url() {
    let config = config_of(&draft("kfuse.prod", "bücher.example:8443"));
    let fields = app_fields(&config);
    let value = |label: &str| {
        fields
            .iter()
            .find(|f| f.label == label)
            .and_then(|f| f.value.clone())
    };
    assert_eq!(value("Name").as_deref(), Some("kfuse.prod"));
    assert_eq!(value("Transport").as_deref(), Some("Streamable HTTP"));
    assert_eq!(
        value("URL").as_deref(),
        Some("https://xn--bcher-kva.example:8443/mcp")
    );
    assert_eq!(value("Bearer token env var"), None);
    let text = render_app_fields(&config);
    assert!(
        text.contains("URL: https://xn--bcher-kva.example:8443/mcp\n"),
        "{text}"
    );
    assert!(
        text.contains("Bearer token env var: (leave empty)\n"),
        "{text}"
    );
}
