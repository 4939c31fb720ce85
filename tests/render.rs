//! Generated outputs, checked by reading them back rather than by comparing
//! with stored copies of themselves.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use codex_mcp_configurator::render::{
    app_fields, posix_quote, powershell_quote, render_app_fields, render_config_only_lines,
    render_config_toml, render_posix, render_powershell, table_header, terminal_steps,
};
use common::{assert_entry_matches, config_of, draft, parse_entry};

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

#[test]
fn config_only_lines_hold_exactly_what_add_cannot_write() {
    let plain = config_of(&draft("kfuse", "acme.io"));
    assert_eq!(render_config_only_lines(&plain), None);

    let mut d = draft("kfuse", "acme.io");
    d.oauth_client_id = "abc".into();
    d.oauth_resource = "https://acme.io".into();
    assert_eq!(
        render_config_only_lines(&config_of(&d)),
        None,
        "add has flags for these"
    );

    d.required = true;
    d.tools.disabled_tools = vec!["x".into()];
    let lines = render_config_only_lines(&config_of(&d)).expect("lines");
    let parsed: toml::Table = lines.parse().expect("lines parse as TOML");
    assert_eq!(parsed.len(), 2, "{lines}");
    assert_eq!(parsed["required"].as_bool(), Some(true));
    assert_eq!(parsed["disabled_tools"].as_array().map(Vec::len), Some(1));
}

#[test]
fn commands_for_oauth_server() {
    let mut d = draft("kfuse", "acme.io");
    d.scopes = "a b".into();
    d.oauth_client_id = "-starts-with-dash".into();
    let steps = terminal_steps(&config_of(&d));
    assert_eq!(
        steps.add,
        [
            "codex",
            "mcp",
            "add",
            "kfuse",
            "--url",
            "https://acme.io/mcp",
            "--oauth-client-id=-starts-with-dash"
        ]
    );
    assert_eq!(
        steps.login.as_deref(),
        Some(&["codex", "mcp", "login", "kfuse", "--scopes", "a,b"].map(String::from)[..])
    );
    assert_eq!(steps.verify, ["codex", "mcp", "get", "kfuse"]);
    assert_eq!(render_posix(&steps).lines().count(), 3);
    assert_eq!(render_powershell(&steps).lines().count(), 3);
}

#[test]
fn bearer_token_servers_skip_login() {
    let mut d = draft("kfuse", "acme.io");
    d.bearer_token_env_var = "KFUSE_TOKEN".into();
    let steps = terminal_steps(&config_of(&d));
    assert!(steps.add.ends_with(&[
        "--bearer-token-env-var".to_owned(),
        "KFUSE_TOKEN".to_owned()
    ]));
    assert_eq!(steps.login, None);
    assert_eq!(render_posix(&steps).lines().count(), 2);
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
