//! Share links: encoding, and a parser that loads what it can.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use codex_mcp_configurator::model::Draft;
use codex_mcp_configurator::share::{apply_share_query, share_link, share_query};
use common::{config_of, draft};

#[test]
fn defaults_are_left_out() {
    let config = config_of(&draft("kfuse", "acme.io"));
    assert_eq!(
        share_query(&config, &Draft::default()),
        "url=https%3A%2F%2Facme.io%2Fmcp"
    );
}

#[test]
fn link_replaces_the_pages_own_query_and_fragment() {
    let config = config_of(&draft("kfuse", "acme.io"));
    let link = share_link(
        "https://docs.example/tools/codex/?name=old#top",
        &config,
        &Draft::default(),
    );
    assert_eq!(
        link,
        "https://docs.example/tools/codex/?url=https%3A%2F%2Facme.io%2Fmcp"
    );
}

#[test]
fn every_parameter_loads() {
    let shared = apply_share_query(
        &Draft::default(),
        "?name=kfuse.prod&url=acme.io&enabled_tools=a,b&disabled_tools=c&scopes=openid,mcp:read\
         &enabled=false&required=true&startup_timeout_sec=12.5&tool_timeout_sec=60\
         &oauth_resource=https%3A%2F%2Fr.example&oauth_client_id=abc",
    );
    assert!(shared.notices.is_empty(), "{:?}", shared.notices);
    assert!(shared.prefilled);
    let d = shared.draft;
    assert_eq!(d.name, "kfuse.prod");
    assert_eq!(d.url, "acme.io");
    assert!(d.tools.allow_only);
    assert_eq!(d.tools.enabled_tools, ["a", "b"]);
    assert_eq!(d.tools.disabled_tools, ["c"]);
    assert_eq!(d.scopes, "openid,mcp:read");
    assert!(!d.enabled);
    assert!(d.required);
    assert_eq!(d.startup_timeout_sec, "12.5");
    assert_eq!(d.tool_timeout_sec, "60");
    assert_eq!(d.oauth_resource, "https://r.example");
    assert_eq!(d.oauth_client_id, "abc");
}

#[test]
fn unknown_and_malformed_parameters_become_notices_and_the_rest_loads() {
    let shared = apply_share_query(
        &Draft::default(),
        "url=acme.io&color=blue&enabled=maybe&name=a%zzb&required=true&url=other.io",
    );
    assert_eq!(shared.draft.url, "acme.io");
    assert!(shared.draft.enabled, "malformed bool keeps the default");
    assert!(shared.draft.required);
    assert_eq!(shared.draft.name, "kfuse", "broken %-encoding is skipped");
    let text: Vec<&str> = shared.notices.iter().map(|n| n.0.as_str()).collect();
    assert_eq!(text.len(), 4, "{text:?}");
    assert!(
        text.iter()
            .any(|t| t.contains("`color`") && t.contains("does not know"))
    );
    assert!(
        text.iter()
            .any(|t| t.contains("enabled=`maybe` is neither true nor false"))
    );
    assert!(
        text.iter()
            .any(|t| t.contains("`name`") && t.contains("%-encoding is broken"))
    );
    assert!(text.iter().any(|t| t.contains("url more than once")));
}

#[test]
fn invalid_utf8_and_huge_values_are_skipped() {
    let huge = "a".repeat(10_000);
    let shared = apply_share_query(&Draft::default(), &format!("name=%FF%FE&url={huge}"));
    assert_eq!(shared.draft.name, "kfuse");
    assert_eq!(shared.draft.url, "");
    assert_eq!(shared.notices.len(), 2, "{:?}", shared.notices);
    assert!(shared.notices[0].0.contains("not valid UTF-8"));
    assert!(shared.notices[1].0.contains("10000 characters"));
}

#[test]
fn a_token_in_the_link_is_never_loaded() {
    let token = "ghp_16C7e42F292c6912E7710c838347Ae178B4a";
    let shared = apply_share_query(
        &Draft::default(),
        &format!("url=acme.io&bearer_token_env_var={token}"),
    );
    assert_eq!(shared.draft.bearer_token_env_var, "");
    assert_eq!(shared.notices.len(), 1);
    assert!(shared.notices[0].0.contains("looks like a token"));
    assert!(!shared.notices[0].0.contains(token));
}

#[test]
fn script_tags_load_as_plain_text_for_validation_to_refuse() {
    let shared = apply_share_query(
        &Draft::default(),
        "name=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    );
    assert_eq!(shared.draft.name, "<script>alert(1)</script>");
    let v = codex_mcp_configurator::validate::validate(&shared.draft, &[]);
    assert!(v.config.is_none());
}

#[test]
fn empty_or_missing_query_changes_nothing() {
    for q in ["", "?", "&&", "?&"] {
        let shared = apply_share_query(&Draft::default(), q);
        assert_eq!(shared.draft, Draft::default());
        assert!(shared.notices.is_empty());
        assert!(!shared.prefilled);
    }
}

#[test]
fn an_empty_allow_list_in_a_link_stays_an_allow_list() {
    let shared = apply_share_query(&Draft::default(), "url=acme.io&enabled_tools=");
    assert!(shared.draft.tools.allow_only);
    let v = codex_mcp_configurator::validate::validate(&shared.draft, &[]);
    assert!(v.config.is_none(), "Codex would expose zero tools");
}

#[test]
fn a_saved_draft_restores_even_invalid_values() {
    let mut d = draft("k fuse", "acme.io/m cp");
    d.tools.allow_only = true;
    d.tools.disabled_tools = vec!["bad name".into()];
    d.startup_timeout_sec = "abc".into();
    d.enabled = false;
    let restored = apply_share_query(
        &Draft::default(),
        &codex_mcp_configurator::share::draft_query(&d),
    );
    assert!(restored.notices.is_empty(), "{:?}", restored.notices);
    assert_eq!(restored.draft, d);
}

#[test]
fn a_saved_draft_drops_secrets() {
    let mut d = draft("kfuse", "https://me:hunter2@acme.io/mcp");
    d.bearer_token_env_var = "ghp_16C7e42F292c6912E7710c838347Ae178B4a".into();
    let saved = codex_mcp_configurator::share::draft_query(&d);
    assert!(!saved.contains("hunter2"), "{saved}");
    assert!(!saved.contains("ghp_"), "{saved}");
    let restored = apply_share_query(&Draft::default(), &saved).draft;
    assert_eq!(restored.url, "https://acme.io/mcp");
    assert_eq!(restored.bearer_token_env_var, "");
}
