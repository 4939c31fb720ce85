//! Proptest strategies for drafts that validation must accept.

use codex_mcp_configurator::model::{ApprovalMode, ConfigLocation, Draft, ToolSelection};
use codex_mcp_configurator::validate::SECRET_QUERY_KEYS;
use proptest::prelude::*;

pub fn name() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_][A-Za-z0-9_:@/.-]{0,24}"
}

pub fn tool() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_.-]{1,20}"
}

fn host() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9]{1,10}(\\.[a-z0-9]{1,8}){0,2}\\.[a-z]{2,6}",
        "[A-Z][a-zA-Z]{0,6}\\.Kloudfuse\\.IO",
        "(bücher|münchen|日本|пример)\\.(example|test)",
        Just("127.0.0.1".to_owned()),
        Just("[::1]".to_owned()),
    ]
}

/// Whether any parameter of `query` (`&` in a value starts a new one) is
/// named like a credential.
fn names_a_credential(query: &str) -> bool {
    url::form_urlencoded::parse(query.as_bytes())
        .any(|(name, _)| SECRET_QUERY_KEYS.contains(&name.to_ascii_lowercase().as_str()))
}

fn typed_url() -> impl Strategy<Value = String> {
    (
        prop_oneof![Just(""), Just("https://"), Just("HTTPS://")],
        host(),
        proptest::option::of(1u16..=65535),
        prop_oneof![
            Just(String::new()),
            Just("/".to_owned()),
            "/[a-zA-Z0-9_'$&()*+,;=~!-]{1,12}(/[a-z]{1,5}){0,2}"
        ],
        proptest::option::of("[a-z]{1,5}=[a-zA-Z0-9$&'()*+,;!~-]{0,10}".prop_filter(
            "a query parameter named like a credential is refused",
            |query| !names_a_credential(query),
        )),
    )
        .prop_map(|(scheme, host, port, path, query)| {
            let mut url = format!("{scheme}{host}");
            if let Some(port) = port {
                url.push_str(&format!(":{port}"));
            }
            url.push_str(&path);
            if let Some(query) = query {
                url.push('?');
                url.push_str(&query);
            }
            url
        })
}

fn scope() -> impl Strategy<Value = String> {
    // RFC 6749 scope characters without the comma used as separator.
    "[!#-+./0-9:;<=>?@A-Z\\[\\]^_`a-z{|}~-]{1,12}"
}

fn seconds() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(prop_oneof![
        (1u32..=86_400).prop_map(|s| s.to_string()),
        (0.001f64..86_400.0).prop_map(|s| s.to_string()),
    ])
}

prop_compose! {
    fn auth()(
        bearer in proptest::option::of("[A-Z_][A-Z0-9_]{0,15}"),
        scopes in proptest::collection::vec(scope(), 0..4),
        resource in proptest::option::of("https://[a-z]{1,8}\\.example(:[0-9]{2,4})?/[a-z/]{0,8}"),
        client_id in proptest::option::of("[!#-\\[\\]-~]{1,24}"),
    ) -> (String, String, String, String) {
        match bearer {
            Some(var) => (var, String::new(), String::new(), String::new()),
            None => (
                String::new(),
                scopes.join(","),
                resource.unwrap_or_default(),
                client_id.unwrap_or_default(),
            ),
        }
    }
}

prop_compose! {
    /// Drafts that validation must accept.
    pub fn valid_draft()(
        name in name(),
        url in typed_url(),
        allow_only in any::<bool>(),
        enabled_tools in proptest::collection::vec(tool(), 1..5),
        disabled_tools in proptest::collection::vec(tool(), 0..4),
        enabled in any::<bool>(),
        required in any::<bool>(),
        startup in seconds(),
        tool_timeout in seconds(),
        (bearer, scopes, resource, client_id) in auth(),
        project in any::<bool>(),
        remote in any::<bool>(),
        default_approval in proptest::option::of(approval()),
        tool_approvals in proptest::collection::vec((tool(), approval()), 0..3),
    ) -> Draft {
        Draft {
            client: Default::default(),
            name,
            url,
            tools: ToolSelection { allow_only, enabled_tools, disabled_tools },
            enabled,
            required,
            startup_timeout_sec: startup.unwrap_or_default(),
            tool_timeout_sec: tool_timeout.unwrap_or_default(),
            scopes,
            oauth_resource: resource,
            oauth_client_id: client_id,
            bearer_token_env_var: bearer,
            location: if project { ConfigLocation::Project } else { ConfigLocation::User },
            remote,
            default_approval,
            tool_approvals: dedup_by_tool(tool_approvals),
            codex: codex_mcp_configurator::clients::codex::newest().to_string(),
        }
    }
}

/// One of Codex's four approval modes.
pub fn approval() -> impl Strategy<Value = ApprovalMode> {
    proptest::sample::select(ApprovalMode::ALL.to_vec())
}

/// One mode per tool, as the page keeps them.
fn dedup_by_tool(approvals: Vec<(String, ApprovalMode)>) -> Vec<(String, ApprovalMode)> {
    let mut kept: Vec<(String, ApprovalMode)> = Vec::new();
    for (tool, mode) in approvals {
        if !kept.iter().any(|(t, _)| *t == tool) {
            kept.push((tool, mode));
        }
    }
    kept
}
