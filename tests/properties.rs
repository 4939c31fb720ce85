//! Property tests over generated valid drafts (1,000 cases each): the TOML
//! reads back as the model, each POSIX command reaches `codex` as exactly the
//! intended argv in real bash and zsh, and share links round-trip.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use codex_mcp_configurator::catalog::kloudfuse_tools;
use codex_mcp_configurator::model::{Draft, ToolSelection};
use codex_mcp_configurator::render::{render_config_toml, render_posix, terminal_steps};
use codex_mcp_configurator::share::{apply_share_query, share_query};
use codex_mcp_configurator::validate::validate;
use common::{assert_entry_matches, config_of, parse_entry};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 1000,
        ..ProptestConfig::default()
    }
}

fn name() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_][A-Za-z0-9_:@/.-]{0,24}"
}

fn tool() -> impl Strategy<Value = String> {
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
        proptest::option::of("[a-z]{1,5}=[a-zA-Z0-9$&'()*+,;!~-]{0,10}"),
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
    fn valid_draft()(
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
    ) -> Draft {
        Draft {
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
        }
    }
}

/// Runs `script` in `shell` with `codex` replaced by a function that prints
/// its arguments NUL-terminated, each command's argv ended by a `\x01` word.
fn argv_through(shell: &str, script: &str) -> Vec<Vec<String>> {
    let stub = "codex() { printf '%s\\0' codex \"$@\" $'\\x01'; }\n";
    let mut child = Command::new(shell)
        .args(["-f", "-s"].iter().filter(|_| shell == "zsh"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("cannot start {shell} (run the README's test command to install it): {e}")
        });
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("{stub}{script}").as_bytes())
        .expect("write script");
    let out = child.wait_with_output().expect("shell ran");
    assert!(
        out.status.success(),
        "{shell} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8 argv");
    let mut commands = vec![Vec::new()];
    for word in text.split('\0').filter(|w| !w.is_empty()) {
        if word == "\u{1}" {
            commands.push(Vec::new());
        } else {
            commands.last_mut().expect("current").push(word.to_owned());
        }
    }
    commands.pop();
    commands
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn toml_reads_back_as_the_model(draft in valid_draft()) {
        let config = config_of(&draft);
        let rendered = render_config_toml(&config);
        assert_entry_matches(&parse_entry(&rendered, &config.name), &config);
    }

    #[test]
    fn posix_commands_reach_codex_as_the_intended_argv(draft in valid_draft()) {
        let config = config_of(&draft);
        let steps = terminal_steps(&config);
        let script = render_posix(&steps);
        let expected: Vec<Vec<String>> = steps.commands().into_iter().map(<[String]>::to_vec).collect();
        prop_assert_eq!(&argv_through("bash", &script), &expected, "bash: {}", script);
        prop_assert_eq!(&argv_through("zsh", &script), &expected, "zsh: {}", script);
    }

    #[test]
    fn share_links_round_trip(draft in valid_draft()) {
        let defaults = Draft::default();
        let config = config_of(&draft);
        let query = share_query(&config, &defaults);
        let shared = apply_share_query(&defaults, &query);
        prop_assert!(shared.notices.is_empty(), "{:?}", shared.notices);
        let back = validate(&shared.draft, &kloudfuse_tools()).config;
        prop_assert_eq!(back.as_ref(), Some(&config), "query {}", query);
    }

    #[test]
    fn arbitrary_query_strings_never_panic(query in ".{0,300}") {
        let shared = apply_share_query(&Draft::default(), &query);
        let _ = validate(&shared.draft, &kloudfuse_tools());
    }

    #[test]
    fn query_shaped_garbage_never_panics(
        query in "[?&=%0-9A-Fa-z_,.:/ +<>\"'\\\\]{0,200}",
    ) {
        let shared = apply_share_query(&Draft::default(), &query);
        let _ = validate(&shared.draft, &kloudfuse_tools());
    }

    #[test]
    fn arbitrary_drafts_never_panic(
        name in ".{0,80}", url in ".{0,200}", timeout in ".{0,30}", scopes in ".{0,60}",
        resource in ".{0,80}", client in ".{0,40}", var in ".{0,40}", tools in proptest::collection::vec(".{0,30}", 0..4),
    ) {
        let draft = Draft {
            name, url, startup_timeout_sec: timeout.clone(), tool_timeout_sec: timeout,
            scopes, oauth_resource: resource, oauth_client_id: client, bearer_token_env_var: var,
            tools: ToolSelection { allow_only: true, enabled_tools: tools.clone(), disabled_tools: tools },
            ..Draft::default()
        };
        let v = validate(&draft, &kloudfuse_tools());
        if let Some(config) = v.config {
            // Whatever validation lets through must render into TOML that reads back.
            assert_entry_matches(&parse_entry(&render_config_toml(&config), &config.name), &config);
        }
    }
}
