//! Importing the server's real tools: every accepted shape, the effect each
//! annotation set means, clear errors for anything else, names the server
//! lacks with the nearest real name, and the tools command's shape.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use codex_mcp_configurator::model::{Tool, ToolEffect, ToolSelection};
use codex_mcp_configurator::render::codex::{
    render_tools_command_posix, render_tools_command_powershell,
};
use codex_mcp_configurator::server_tools::{ImportError, encode_tools, parse_tools_import};
use codex_mcp_configurator::validate::tools::{MissingTool, tools_not_on_server};
use common::{config_of, draft};
use serde_json::json;

fn names(tools: &[Tool]) -> Vec<&str> {
    tools.iter().map(|t| t.name.as_str()).collect()
}

/// An MCP Tool object as a server sends it.
fn tool(name: &str, annotations: serde_json::Value) -> serde_json::Value {
    json!({ "name": name, "description": format!("{name} does things"), "inputSchema": { "type": "object" }, "annotations": annotations })
}

#[test]
fn reads_codex_app_server_output_among_its_other_lines() {
    // The shape `codex app-server` prints (CODEX.md): notifications first,
    // then the answer whose result.data[0].tools maps names to tools.
    let answer = json!({ "id": 1, "result": { "data": [{
        "name": "kfuse",
        "tools": {
            "logs_search": tool("logs_search", json!({ "readOnlyHint": true, "title": "Search logs" })),
            "delete_all_entities": tool("delete_all_entities", json!({ "readOnlyHint": false, "destructiveHint": true })),
        }
    }]}});
    let pasted = format!(
        "WARNING: proceeding, even though we could not create PATH aliases\n{}\n{}\n{answer}\n",
        json!({ "id": 0, "result": { "userAgent": "x" } }),
        json!({ "method": "configWarning", "params": { "summary": "s" } }),
    );
    let tools = parse_tools_import(&pasted).expect("imports");
    assert_eq!(names(&tools), ["delete_all_entities", "logs_search"]);
    let logs = &tools[1];
    assert_eq!(logs.title.as_deref(), Some("Search logs"));
    assert_eq!(logs.description.as_deref(), Some("logs_search does things"));
    assert_eq!(logs.effect, ToolEffect::ReadOnly);
    assert_eq!(tools[0].effect, ToolEffect::Destructive);
}

#[test]
fn reads_a_tools_list_result_a_response_and_a_bare_array() {
    let list = json!([
        tool("a", json!({ "readOnlyHint": false, "destructiveHint": false, "idempotentHint": true })),
        { "name": "b" },
    ]);
    for pasted in [
        json!({ "tools": list }).to_string(),
        serde_json::to_string_pretty(
            &json!({ "jsonrpc": "2.0", "id": 3, "result": { "tools": list } }),
        )
        .unwrap(),
        list.to_string(),
    ] {
        let tools = parse_tools_import(&pasted).expect("imports");
        assert_eq!(names(&tools), ["a", "b"], "{pasted}");
        assert_eq!(tools[0].effect, ToolEffect::Write);
        assert_eq!(tools[0].idempotent, Some(true));
        assert_eq!(
            tools[1].effect,
            ToolEffect::Unknown,
            "no annotations is never read-only"
        );
    }
}

#[test]
fn effects_follow_mcp_hints_and_their_defaults() {
    assert_eq!(
        ToolEffect::from_hints(Some(true), Some(true)),
        ToolEffect::ReadOnly
    );
    assert_eq!(ToolEffect::from_hints(None, None), ToolEffect::Unknown);
    assert_eq!(
        ToolEffect::from_hints(Some(false), Some(false)),
        ToolEffect::Write
    );
    assert_eq!(ToolEffect::from_hints(None, Some(false)), ToolEffect::Write);
    assert_eq!(
        ToolEffect::from_hints(Some(false), None),
        ToolEffect::Destructive,
        "destructiveHint defaults to true"
    );
    assert_eq!(
        ToolEffect::from_hints(None, Some(true)),
        ToolEffect::Destructive
    );
}

#[test]
fn reads_names_one_per_line() {
    let tools =
        parse_tools_import("# our tools\nlogs_search\n\n  metrics.query  \nlogs_search\r\n")
            .expect("imports");
    assert_eq!(names(&tools), ["logs_search", "metrics.query"]);
    assert!(tools.iter().all(|t| t.effect == ToolEffect::Unknown));
}

#[test]
fn anything_else_says_what_was_expected() {
    let expected =
        "tools command printed, an MCP tools/list result (JSON), or tool names one per line";
    type Is = fn(&ImportError) -> bool;
    let cases: [(&str, Is); 5] = [
        ("   \n", |e| *e == ImportError::Empty),
        ("{\"tools\": [", |e| matches!(e, ImportError::BadJson(_))),
        ("{\"result\": {\"x\": 1}}", |e| {
            *e == ImportError::NoToolList
        }),
        ("logs_search\nhello world\n", |e| {
            matches!(e, ImportError::BadName { line: 2, .. })
        }),
        ("Error: failed to load configuration", |e| {
            matches!(e, ImportError::BadName { line: 1, .. })
        }),
    ];
    for (pasted, is) in cases {
        let error = parse_tools_import(pasted).expect_err(pasted);
        assert!(is(&error), "{pasted:?}: {error:?}");
        assert!(error.to_string().contains(expected), "{error}");
    }
    let failed = json!({ "id": 1, "result": { "data": [{ "name": "kfuse", "tools": {}, "toolsError": "MCP startup failed: 401" }] } });
    let error = parse_tools_import(&failed.to_string()).expect_err("no tools");
    assert!(
        matches!(error, ImportError::ServerError(ref why) if why.contains("401")),
        "{error:?}"
    );
    assert!(error.to_string().contains("Sign in first"), "{error}");
}

#[test]
fn an_import_kept_in_the_browser_reads_back_the_same() {
    let pasted = json!({ "tools": [
        tool("r", json!({ "readOnlyHint": true, "openWorldHint": false })),
        tool("w", json!({ "destructiveHint": false })),
        tool("d", json!({ "readOnlyHint": false })),
        { "name": "u", "title": "Unknown one" },
    ]});
    let tools = parse_tools_import(&pasted.to_string()).expect("imports");
    assert_eq!(parse_tools_import(&encode_tools(&tools)), Ok(tools));
}

#[test]
fn names_the_server_lacks_come_with_the_nearest_real_name() {
    let server = parse_tools_import("logs_search\nmetrics_query\ndelete_all_entities\n").unwrap();
    let selection = ToolSelection {
        allow_only: true,
        enabled_tools: vec![
            "logs_serch".into(),
            "metrics_query".into(),
            "prometheus_query".into(),
        ],
        disabled_tools: vec!["Delete_All_Entities".into(), "logs_serch".into()],
    };
    assert_eq!(
        tools_not_on_server(&selection, &server),
        [
            MissingTool {
                name: "logs_serch".into(),
                nearest: Some("logs_search".into())
            },
            MissingTool {
                name: "prometheus_query".into(),
                nearest: None
            },
            MissingTool {
                name: "Delete_All_Entities".into(),
                nearest: Some("delete_all_entities".into())
            },
        ]
    );
    let all = ToolSelection {
        allow_only: false,
        ..selection
    };
    assert_eq!(
        names_of(&tools_not_on_server(&all, &server)),
        ["Delete_All_Entities", "logs_serch"],
        "the allow list counts only in \"only these\" mode"
    );
}

fn names_of(missing: &[MissingTool]) -> Vec<&str> {
    missing.iter().map(|m| m.name.as_str()).collect()
}

#[test]
fn the_tools_command_lists_the_entry_without_its_filters_and_ends_on_its_own() {
    let mut d = draft("kfuse.prod", "acme.io");
    d.tools.allow_only = true;
    d.tools.enabled_tools = vec!["logs_search".into()];
    d.tools.disabled_tools = vec!["x".into()];
    d.enabled = false;
    d.scopes = "logs:read".into();
    let config = config_of(&d);
    for command in [
        render_tools_command_posix(&config),
        render_tools_command_powershell(&config),
    ] {
        assert!(command.contains("codex app-server"), "{command}");
        assert!(
            command.contains(r#""serverName":"kfuse.prod""#),
            "{command}"
        );
        assert!(command.contains("[mcp_servers.\"kfuse.prod\"]\nurl = \"https://acme.io/mcp\"\nenabled = true\nscopes = [\"logs:read\"]\n"), "{command}");
        assert!(!command.contains("enabled_tools"), "{command}");
        assert!(!command.contains("disabled_tools"), "{command}");
        for needless in ["jq", "python", "node"] {
            assert!(!command.contains(needless), "{needless} in {command}");
        }
    }
}

#[test]
fn validation_warns_of_names_the_server_lacks_and_refuses_an_allow_list_it_cannot_meet() {
    use codex_mcp_configurator::catalog::kloudfuse_tools;
    use codex_mcp_configurator::validate::{Severity, validate_with_server};
    let server = parse_tools_import("logs_search\nmetrics_query\n").unwrap();
    let mut d = draft("kfuse", "acme.io");
    d.tools.allow_only = true;
    d.tools.enabled_tools = vec!["logs_serch".into(), "metrics_query".into()];
    let v = validate_with_server(&d, &kloudfuse_tools(), Some(&server));
    assert!(v.is_valid(), "one real tool is exposed: {:?}", v.findings);
    let warnings = v.messages(
        codex_mcp_configurator::model::Field::Tools,
        Severity::Warning,
    );
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("`logs_serch` is not on your server"),
        "{}",
        warnings[0]
    );
    assert!(
        warnings[0].contains("Did you mean `logs_search`?"),
        "{}",
        warnings[0]
    );

    d.tools.enabled_tools = vec!["logs_serch".into()];
    let v = validate_with_server(&d, &kloudfuse_tools(), Some(&server));
    assert!(!v.is_valid(), "Codex would expose nothing");
    let errors = v.messages(codex_mcp_configurator::model::Field::Tools, Severity::Error);
    assert!(errors[0].contains("expose no tools"), "{errors:?}");

    // Without an import the same names are not judged.
    assert!(validate_with_server(&d, &kloudfuse_tools(), None).is_valid());
}

mod properties {
    use codex_mcp_configurator::catalog::kloudfuse_tools;
    use codex_mcp_configurator::model::Draft;
    use codex_mcp_configurator::server_tools::{encode_tools, parse_tools_import};
    use codex_mcp_configurator::share::{apply_share_query, share_query};
    use codex_mcp_configurator::validate::validate_with_server;
    use proptest::prelude::*;

    fn config() -> ProptestConfig {
        ProptestConfig {
            cases: 1000,
            ..ProptestConfig::default()
        }
    }

    /// A tool as a server might describe it, with any subset of hints.
    fn tool_json() -> impl Strategy<Value = serde_json::Value> {
        (
            "[A-Za-z0-9_.-]{1,20}",
            proptest::option::of(".{0,20}"),
            proptest::option::of(".{0,40}"),
            proptest::option::of(any::<bool>()),
            proptest::option::of(any::<bool>()),
            proptest::option::of(any::<bool>()),
        )
            .prop_map(|(name, title, description, read_only, destructive, open_world)| {
                let mut hints = serde_json::Map::new();
                for (key, value) in [("readOnlyHint", read_only), ("destructiveHint", destructive), ("openWorldHint", open_world)] {
                    if let Some(value) = value {
                        hints.insert(key.into(), value.into());
                    }
                }
                serde_json::json!({ "name": name, "title": title, "description": description, "annotations": hints })
            })
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn arbitrary_text_never_panics_the_import(text in ".{0,400}") {
            let _ = parse_tools_import(&text);
        }

        #[test]
        fn json_shaped_text_never_panics_the_import(text in "[\\[\\]{}\":,a-z0-9 \\n\\\\tnulrfalse]{0,300}") {
            let _ = parse_tools_import(&text);
        }

        #[test]
        fn an_import_then_a_share_link_then_validation_round_trips(
            tools in proptest::collection::vec(tool_json(), 1..8),
            only in proptest::collection::vec(any::<proptest::sample::Index>(), 1..4),
            block in proptest::collection::vec(any::<proptest::sample::Index>(), 0..3),
        ) {
            let pasted = serde_json::json!({ "tools": tools }).to_string();
            let server = parse_tools_import(&pasted).expect("a tools/list result imports");
            let kept = parse_tools_import(&encode_tools(&server));
            prop_assert_eq!(kept.as_ref(), Ok(&server), "kept in the browser as it was");
            let pick = |i: &proptest::sample::Index| server[i.index(server.len())].name.clone();
            let mut draft = Draft { url: "acme.kloudfuse.io".into(), ..Draft::default() };
            draft.tools.allow_only = true;
            draft.tools.enabled_tools = only.iter().map(pick).collect();
            draft.tools.enabled_tools.dedup();
            draft.tools.disabled_tools = block.iter().map(pick).filter(|b| !draft.tools.enabled_tools.contains(b)).collect();
            let v = validate_with_server(&draft, &kloudfuse_tools(), Some(&server));
            let config = v.config.clone().expect("real names, one allowed and not blocked");
            prop_assert!(v.findings.iter().all(|f| !f.message.contains("not on your server")), "{:?}", v.findings);
            // The link carries the chosen names only; the teammate's page
            // validates them back to the same entry against the same list.
            let query = share_query(&config, &Draft::default());
            prop_assert!(!query.contains("Hint"), "{}", query);
            let shared = apply_share_query(&Draft::default(), &query);
            let back = validate_with_server(&shared.draft, &kloudfuse_tools(), Some(&server)).config;
            prop_assert_eq!(back, Some(config));
        }
    }
}

#[test]
fn an_imported_list_becomes_presets_tools_that_read_back_the_same() {
    use codex_mcp_configurator::presets::parse_presets;
    use codex_mcp_configurator::render::presets_tools_toml;
    let pasted = json!({ "tools": [
        tool("logs_search", json!({ "readOnlyHint": true, "title": "Search \"logs\"" })),
        tool("alert_silence", json!({ "readOnlyHint": false, "destructiveHint": false })),
        tool("delete_all_entities", json!({ "destructiveHint": true })),
        { "name": "notes.echo" },
    ]});
    let tools = parse_tools_import(&pasted.to_string()).unwrap();
    let presets = parse_presets(&presets_tools_toml(&tools)).expect("the operator's file parses");
    let read: Vec<(&str, Option<&str>, ToolEffect)> = presets
        .catalog
        .iter()
        .map(|t| (t.name.as_str(), t.title.as_deref(), t.effect))
        .collect();
    assert_eq!(
        read,
        [
            ("alert_silence", None, ToolEffect::Write),
            ("delete_all_entities", None, ToolEffect::Destructive),
            ("logs_search", Some("Search \"logs\""), ToolEffect::ReadOnly),
            ("notes.echo", None, ToolEffect::Unknown),
        ]
    );
    assert_eq!(
        presets.catalog[2].description.as_deref(),
        Some("logs_search does things")
    );
}

#[test]
fn the_compact_form_the_modules_share_reads_back_the_same() {
    use codex_mcp_configurator::model::{decode_compact, encode_compact};
    let pasted = json!({ "tools": [
        tool("r", json!({ "readOnlyHint": true, "openWorldHint": false, "title": "Read & write\nlines" })),
        tool("w", json!({ "destructiveHint": false, "idempotentHint": true })),
        tool("d", json!({ "readOnlyHint": false })),
        { "name": "u" },
    ]});
    let tools = parse_tools_import(&pasted.to_string()).expect("imports");
    assert_eq!(decode_compact(&encode_compact(&tools)), Some(tools));
    assert_eq!(decode_compact("name=a&effect=sideways"), None);
    assert_eq!(decode_compact(""), Some(Vec::new()));
}

#[test]
fn a_nearest_name_fix_renames_in_place_in_both_lists() {
    let mut selection = ToolSelection {
        allow_only: true,
        enabled_tools: vec![
            "a".into(),
            "logs_serch".into(),
            "logs_search".into(),
            "z".into(),
        ],
        disabled_tools: vec!["logs_serch".into()],
    };
    selection.rename("logs_serch", "logs_search");
    assert_eq!(
        selection.enabled_tools,
        ["a", "logs_search", "z"],
        "in place, one copy"
    );
    assert_eq!(selection.disabled_tools, ["logs_search"]);
}
