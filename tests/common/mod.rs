//! Helpers shared by the native test suites.
#![allow(dead_code)]

pub mod codex;
pub mod drafts;
pub mod merging;

use codex_mcp_configurator::catalog::kloudfuse_tools;
use codex_mcp_configurator::model::{Draft, ServerConfig};
use codex_mcp_configurator::validate::{validate, with_ascii_hosts};

/// A draft with a name and URL and every other field at its default.
pub fn draft(name: &str, url: &str) -> Draft {
    Draft {
        name: name.to_owned(),
        url: url.to_owned(),
        ..Draft::default()
    }
}

/// An internationalized domain name in punycode, by UTS #46 as the WHATWG
/// URL standard applies it: what the page gets from the browser's URL
/// parser. idna 0.5 is the implementation the `url` crate itself used
/// before it moved to ICU4X.
pub fn to_ascii(host: &str) -> Option<String> {
    idna::domain_to_ascii(host).ok()
}

/// Validates `draft` as the page does: international host names are first
/// converted the way the browser converts them.
pub fn validate_as_the_page(
    draft: &Draft,
    catalog: &[codex_mcp_configurator::model::Tool],
) -> codex_mcp_configurator::validate::Validation {
    match with_ascii_hosts(draft, &to_ascii) {
        Some(ascii) => validate(&ascii, catalog),
        None => validate(draft, catalog),
    }
}

/// Validates `draft` and returns the config, failing the test with the
/// findings when it is not valid.
pub fn config_of(draft: &Draft) -> ServerConfig {
    let v = validate_as_the_page(draft, &kloudfuse_tools());
    match v.config {
        Some(config) => config,
        None => panic!("expected a valid draft {draft:?}, got {:?}", v.findings),
    }
}

/// Reads `[mcp_servers.NAME]` back out of a rendered TOML document with an
/// independent parser (`toml`), failing when the document has any other shape.
pub fn parse_entry(rendered: &str, name: &str) -> toml::Table {
    let doc: toml::Table = rendered
        .parse()
        .unwrap_or_else(|e| panic!("rendered TOML does not parse: {e}\n{rendered}"));
    assert_eq!(doc.len(), 1, "only mcp_servers at the top: {rendered}");
    let servers = doc["mcp_servers"]
        .as_table()
        .expect("mcp_servers is a table");
    assert_eq!(
        servers.len(),
        1,
        "exactly one server, not a nested table: {rendered}"
    );
    servers
        .get(name)
        .unwrap_or_else(|| panic!("no entry named {name:?} in {rendered}"))
        .as_table()
        .expect("entry is a table")
        .clone()
}

/// The entry's string array `key`, if present.
pub fn strings(entry: &toml::Table, key: &str) -> Option<Vec<String>> {
    entry.get(key).map(|v| {
        v.as_array()
            .unwrap_or_else(|| panic!("{key} is not an array"))
            .iter()
            .map(|s| s.as_str().expect("string item").to_owned())
            .collect()
    })
}

/// Asserts that a parsed entry holds exactly the values of `config`.
pub fn assert_entry_matches(entry: &toml::Table, config: &ServerConfig) {
    let str_of = |key: &str| {
        entry
            .get(key)
            .map(|v| v.as_str().expect("string").to_owned())
    };
    // A number as Codex reads it: `99` and `99.0` are both 99 seconds (the
    // merge keeps a person's `99` when the form says 99).
    let float_of = |key: &str| {
        entry.get(key).map(|v| {
            v.as_float()
                .or_else(|| v.as_integer().map(|i| i as f64))
                .expect("a number")
        })
    };
    assert_eq!(str_of("url").as_deref(), Some(config.url.as_str()));
    assert_eq!(
        entry.get("enabled").and_then(toml::Value::as_bool),
        Some(config.enabled)
    );
    assert_eq!(
        entry
            .get("required")
            .and_then(toml::Value::as_bool)
            .unwrap_or(false),
        config.required
    );
    // The decimal the person typed, read as the float Codex reads.
    let seconds = |s: &Option<codex_mcp_configurator::model::Seconds>| {
        s.as_ref()
            .map(|s| s.to_string().parse::<f64>().expect("a plain decimal"))
    };
    assert_eq!(
        float_of("startup_timeout_sec"),
        seconds(&config.startup_timeout_sec)
    );
    assert_eq!(
        float_of("tool_timeout_sec"),
        seconds(&config.tool_timeout_sec)
    );
    assert_eq!(strings(entry, "enabled_tools"), config.enabled_tools);
    assert_eq!(
        strings(entry, "disabled_tools").unwrap_or_default(),
        config.disabled_tools
    );
    assert_eq!(strings(entry, "scopes").unwrap_or_default(), config.scopes);
    assert_eq!(str_of("oauth_resource"), config.oauth_resource);
    assert_eq!(str_of("bearer_token_env_var"), config.bearer_token_env_var);
    let client_id = entry.get("oauth").map(|o| {
        o.as_table().expect("oauth table")["client_id"]
            .as_str()
            .expect("string")
            .to_owned()
    });
    assert_eq!(client_id, config.oauth_client_id);
    assert_eq!(
        str_of("default_tools_approval_mode"),
        config.default_approval.map(|m| m.as_str().to_owned())
    );
    let approvals: Vec<(String, String)> = entry
        .get("tools")
        .map(|t| {
            t.as_table()
                .expect("tools table")
                .iter()
                .map(|(tool, settings)| {
                    let mode = settings["approval_mode"].as_str().expect("string");
                    (tool.clone(), mode.to_owned())
                })
                .collect()
        })
        .unwrap_or_default();
    let mut want: Vec<(String, String)> = config
        .tool_approvals
        .iter()
        .map(|(tool, mode)| (tool.clone(), mode.as_str().to_owned()))
        .collect();
    let mut got = approvals;
    want.sort();
    got.sort();
    assert_eq!(got, want, "per-tool approval modes");
    let known = [
        "url",
        "enabled",
        "required",
        "startup_timeout_sec",
        "tool_timeout_sec",
        "enabled_tools",
        "disabled_tools",
        "scopes",
        "oauth_resource",
        "bearer_token_env_var",
        "oauth",
        "default_tools_approval_mode",
        "tools",
    ];
    for key in entry.keys() {
        assert!(known.contains(&key.as_str()), "unexpected key {key}");
    }
}
