//! Every case of shared/docs/DISCOVERY.md, fed to the discovery engine as
//! observed responses.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashMap;

use codex_mcp_configurator::discovery::{
    Discovery, Outcome, Purpose, Report, Step, Suggestion, Verdict, authorization_preview,
    curl_commands,
};
use serde_json::{Value, json};
use url::Url;

const MCP: &str = "https://acme.io/mcp";

fn respond(status: u16, body: &[u8]) -> Outcome {
    Outcome::Response {
        status,
        www_authenticate: None,
        body: body.to_vec(),
        redirected_to: None,
    }
}

fn ok_json(value: Value) -> Outcome {
    respond(200, value.to_string().as_bytes())
}

fn unauthorized(header: Option<&str>) -> Outcome {
    Outcome::Response {
        status: 401,
        www_authenticate: header.map(str::to_owned),
        body: Vec::new(),
        redirected_to: None,
    }
}

fn prm() -> Value {
    json!({ "resource": MCP, "authorization_servers": ["https://acme.io"] })
}

fn as_doc() -> Value {
    json!({
        "issuer": "https://acme.io",
        "authorization_endpoint": "https://acme.io/authorize",
        "token_endpoint": "https://acme.io/token",
        "registration_endpoint": "https://acme.io/register",
        "response_types_supported": ["code"],
        "code_challenge_methods_supported": ["S256"],
    })
}

fn with(mut doc: Value, key: &str, value: Value) -> Value {
    doc[key] = value;
    doc
}

fn without(mut doc: Value, key: &str) -> Value {
    doc.as_object_mut().expect("object").remove(key);
    doc
}

/// Runs a check against `routes` (URL → outcome); the MCP URL answers a
/// plain `401 Bearer` and other URLs 404 unless listed.
fn run_with(mcp: &str, routes: Vec<(&str, Outcome)>, client_id: bool) -> (Report, Vec<Step>) {
    let mut routes: HashMap<String, Outcome> =
        routes.into_iter().map(|(u, o)| (u.to_owned(), o)).collect();
    routes
        .entry(mcp.to_owned())
        .or_insert_with(|| unauthorized(Some("Bearer")));
    let mut discovery = Discovery::new(Url::parse(mcp).expect("url"), client_id);
    let mut guard = 0;
    while let Some((url, _)) = discovery.next_request() {
        guard += 1;
        assert!(guard < 20, "the check must end");
        discovery.observe(
            routes
                .get(url.as_str())
                .cloned()
                .unwrap_or_else(|| respond(404, b"not found")),
        );
    }
    assert!(discovery.is_done());
    (discovery.report(), discovery.steps().to_vec())
}

fn run(routes: Vec<(&str, Outcome)>) -> (Report, Vec<Step>) {
    run_with(MCP, routes, false)
}

fn assert_summary(report: &Report, verdict: Verdict, fragment: &str) {
    assert_eq!(report.verdict, verdict, "{report:?}");
    assert!(
        report.reason.contains(fragment),
        "reason {:?} lacks {fragment:?}",
        report.reason
    );
}

const PRM_PATH: &str = "https://acme.io/.well-known/oauth-protected-resource/mcp";
const PRM_ROOT: &str = "https://acme.io/.well-known/oauth-protected-resource";
const PRM_CODEX: &str = "https://acme.io/mcp/.well-known/oauth-protected-resource";
const AS_8414: &str = "https://acme.io/.well-known/oauth-authorization-server";
const AS_OIDC: &str = "https://acme.io/.well-known/openid-configuration";

// ---------- ok ----------

#[test]
fn ok_prm_via_resource_metadata_and_rfc8414() {
    let (report, steps) = run(vec![
        (
            MCP,
            unauthorized(Some(
                r#"Bearer error="invalid_token", resource_metadata="https://acme.io/meta/prm""#,
            )),
        ),
        ("https://acme.io/meta/prm", ok_json(prm())),
        (AS_8414, ok_json(as_doc())),
    ]);
    assert_summary(&report, Verdict::Ok, "codex mcp login");
    let urls: Vec<&str> = steps.iter().map(|s| s.url.as_str()).collect();
    assert_eq!(
        urls,
        [MCP, "https://acme.io/meta/prm", AS_8414],
        "header link is used first"
    );
    assert!(steps[2].facts.iter().any(|f| f.contains("S256")));
}

#[test]
fn ok_prm_only_at_the_path_inserted_url() {
    let (report, steps) = run(vec![
        (MCP, unauthorized(Some("Bearer"))),
        (PRM_PATH, ok_json(prm())),
        (AS_8414, ok_json(as_doc())),
    ]);
    assert_summary(&report, Verdict::Ok, "works");
    assert_eq!(steps[1].url.as_str(), PRM_PATH);
}

#[test]
fn ok_prm_only_at_the_root() {
    let (report, steps) = run(vec![
        (PRM_ROOT, ok_json(prm())),
        (AS_8414, ok_json(as_doc())),
    ]);
    assert_summary(&report, Verdict::Ok, "works");
    assert_eq!(
        steps[1].verdict,
        Verdict::Ok,
        "a 404 at the path-inserted URL is allowed"
    );
    assert!(steps[1].superseded);
}

#[test]
fn ok_as_only_at_openid_configuration() {
    let (report, _) = run(vec![
        (PRM_PATH, ok_json(prm())),
        (AS_OIDC, ok_json(as_doc())),
    ]);
    assert_summary(&report, Verdict::Ok, "works");
}

#[test]
fn ok_path_issuer_found_at_the_oidc_suffix_form() {
    let issuer = "https://acme.io/realms/kf";
    let prm = json!({ "resource": MCP, "authorization_servers": [issuer] });
    let doc = with(as_doc(), "issuer", json!(issuer));
    let (report, steps) = run(vec![
        (PRM_PATH, ok_json(prm)),
        (
            "https://acme.io/realms/kf/.well-known/openid-configuration",
            ok_json(doc),
        ),
    ]);
    assert_summary(&report, Verdict::Ok, "works");
    let tried: Vec<&str> = steps
        .iter()
        .filter(|s| s.purpose == Purpose::AuthorizationServer)
        .map(|s| s.url.as_str())
        .collect();
    assert_eq!(
        tried,
        [
            "https://acme.io/.well-known/oauth-authorization-server/realms/kf",
            "https://acme.io/.well-known/openid-configuration/realms/kf",
            "https://acme.io/realms/kf/.well-known/openid-configuration",
        ]
    );
}

#[test]
fn ok_issuer_differing_only_by_a_root_trailing_slash() {
    let prm = json!({ "resource": MCP, "authorization_servers": ["https://acme.io/"] });
    let (report, _) = run(vec![(PRM_PATH, ok_json(prm)), (AS_8414, ok_json(as_doc()))]);
    assert_summary(&report, Verdict::Ok, "works");
}

#[test]
fn ok_same_origin_redirect_followed() {
    let redirected = Outcome::Response {
        status: 200,
        www_authenticate: None,
        body: prm().to_string().into_bytes(),
        redirected_to: Some(Url::parse("https://acme.io/v2/prm").expect("url")),
    };
    let (report, steps) = run(vec![(PRM_PATH, redirected), (AS_8414, ok_json(as_doc()))]);
    assert_summary(&report, Verdict::Ok, "works");
    assert!(
        steps[1]
            .facts
            .iter()
            .any(|f| f.contains("redirected to https://acme.io/v2/prm"))
    );
}

// ---------- warning ----------

#[test]
fn warning_cimd_without_none_falls_back_to_dcr() {
    let doc = with(
        with(
            as_doc(),
            "client_id_metadata_document_supported",
            json!(true),
        ),
        "token_endpoint_auth_methods_supported",
        json!(["client_secret_basic"]),
    );
    let (report, _) = run(vec![(PRM_PATH, ok_json(prm())), (AS_8414, ok_json(doc))]);
    assert_summary(&report, Verdict::Warning, "registers dynamically instead");
}

#[test]
fn cimd_with_none_is_ok_even_without_dcr() {
    let doc = with(
        with(
            without(as_doc(), "registration_endpoint"),
            "client_id_metadata_document_supported",
            json!(true),
        ),
        "token_endpoint_auth_methods_supported",
        json!(["none"]),
    );
    let (report, _) = run(vec![(PRM_PATH, ok_json(prm())), (AS_8414, ok_json(doc))]);
    assert_summary(&report, Verdict::Ok, "works");
}

#[test]
fn warning_no_registration_needs_a_client_id() {
    let doc = without(as_doc(), "registration_endpoint");
    let (report, _) = run(vec![
        (PRM_PATH, ok_json(prm())),
        (AS_8414, ok_json(doc.clone())),
    ]);
    assert_summary(&report, Verdict::Warning, "pre-registered client id");
    assert!(report.suggestions.contains(&Suggestion::ClientId));
    // With a client id already set, nothing is missing.
    let (report, _) = run_with(
        MCP,
        vec![(PRM_PATH, ok_json(prm())), (AS_8414, ok_json(doc))],
        true,
    );
    assert_summary(&report, Verdict::Ok, "works");
    assert!(!report.suggestions.contains(&Suggestion::ClientId));
}

#[test]
fn warning_pkce_methods_absent() {
    let doc = without(as_doc(), "code_challenge_methods_supported");
    let (report, _) = run(vec![(PRM_PATH, ok_json(prm())), (AS_8414, ok_json(doc))]);
    assert_summary(&report, Verdict::Warning, "Codex only warns");
}

#[test]
fn warning_prm_only_at_codex_fallback() {
    let (report, steps) = run(vec![
        (PRM_CODEX, ok_json(prm())),
        (AS_8414, ok_json(as_doc())),
    ]);
    assert_summary(&report, Verdict::Warning, "other MCP clients do not");
    assert_eq!(
        steps
            .iter()
            .filter(|s| matches!(s.purpose, Purpose::ProtectedResource(_)))
            .count(),
        3
    );
}

#[test]
fn warning_resource_is_a_parent_of_the_url() {
    let prm =
        json!({ "resource": "https://acme.io/", "authorization_servers": ["https://acme.io"] });
    let (report, _) = run(vec![(PRM_PATH, ok_json(prm)), (AS_8414, ok_json(as_doc()))]);
    assert_summary(&report, Verdict::Warning, "is a parent of the MCP URL");
    assert!(
        report
            .suggestions
            .contains(&Suggestion::OauthResource("https://acme.io/".to_owned()))
    );
}

#[test]
fn warning_unauthenticated_endpoint_answers_200() {
    let (report, _) = run(vec![
        (MCP, respond(200, b"{}")),
        (PRM_PATH, ok_json(prm())),
        (AS_8414, ok_json(as_doc())),
    ]);
    assert_summary(&report, Verdict::Warning, "without sign-in");
}

// ---------- error ----------

#[test]
fn error_every_url_404() {
    let (report, steps) = run(vec![(MCP, unauthorized(Some("Bearer")))]);
    assert_summary(
        &report,
        Verdict::Error,
        "No OAuth protected resource metadata at any location",
    );
    assert_eq!(steps.len(), 4, "endpoint and three metadata locations");
}

#[test]
fn error_s256_missing_from_a_present_list() {
    let doc = with(
        as_doc(),
        "code_challenge_methods_supported",
        json!(["plain"]),
    );
    let (report, _) = run(vec![(PRM_PATH, ok_json(prm())), (AS_8414, ok_json(doc))]);
    assert_summary(&report, Verdict::Error, "S256 is not among");
}

#[test]
fn error_issuer_mismatch_localhost_vs_loopback_address() {
    let mcp = "http://127.0.0.1:9000/mcp";
    let prm = json!({ "resource": mcp, "authorization_servers": ["http://127.0.0.1:9000"] });
    let doc = json!({
        "issuer": "http://localhost:9000", "authorization_endpoint": "http://localhost:9000/authorize",
        "token_endpoint": "http://localhost:9000/token", "registration_endpoint": "http://localhost:9000/register",
        "code_challenge_methods_supported": ["S256"],
    });
    let (report, _) = run_with(
        mcp,
        vec![
            (
                "http://127.0.0.1:9000/.well-known/oauth-protected-resource/mcp",
                ok_json(prm),
            ),
            (
                "http://127.0.0.1:9000/.well-known/oauth-authorization-server",
                ok_json(doc),
            ),
        ],
        false,
    );
    assert_summary(
        &report,
        Verdict::Error,
        "issuer (http://localhost:9000) is not the issuer it was fetched for (http://127.0.0.1:9000)",
    );
    assert!(report.reason.contains("operator"));
}

#[test]
fn error_issuer_missing_or_empty() {
    for doc in [
        without(as_doc(), "issuer"),
        with(as_doc(), "issuer", json!("")),
    ] {
        let (report, _) = run(vec![(PRM_PATH, ok_json(prm())), (AS_8414, ok_json(doc))]);
        assert_summary(&report, Verdict::Error, "no `issuer`");
    }
}

#[test]
fn error_resource_on_another_origin_or_missing() {
    let other =
        json!({ "resource": "https://other.io/mcp", "authorization_servers": ["https://acme.io"] });
    let (report, _) = run(vec![(PRM_PATH, ok_json(other))]);
    assert_summary(&report, Verdict::Error, "is on another origin");
    let (report, _) = run(vec![(PRM_PATH, ok_json(without(prm(), "resource")))]);
    assert_summary(&report, Verdict::Error, "no `resource`");
}

#[test]
fn error_authorization_servers_missing_or_empty() {
    for doc in [
        without(prm(), "authorization_servers"),
        with(prm(), "authorization_servers", json!([])),
    ] {
        let (report, _) = run(vec![(PRM_PATH, ok_json(doc))]);
        assert_summary(
            &report,
            Verdict::Error,
            "`authorization_servers` is missing or empty",
        );
    }
}

#[test]
fn error_html_login_page_where_json_was_expected() {
    let html = respond(200, b"<!doctype html><html><body>Sign in</body></html>");
    let (report, _) = run(vec![
        (PRM_PATH, html.clone()),
        (PRM_ROOT, html.clone()),
        (PRM_CODEX, html),
    ]);
    assert_summary(&report, Verdict::Error, "An HTML page");
}

#[test]
fn error_redirect_to_another_origin() {
    let away = Outcome::Response {
        status: 200,
        www_authenticate: None,
        body: b"<html>".to_vec(),
        redirected_to: Some(Url::parse("https://sso.example/login").expect("url")),
    };
    let (report, _) = run(vec![
        (PRM_PATH, away.clone()),
        (PRM_ROOT, away.clone()),
        (PRM_CODEX, away),
    ]);
    assert_summary(
        &report,
        Verdict::Error,
        "Redirects to another origin (https://sso.example)",
    );
    let (report, _) = run(vec![(PRM_PATH, Outcome::UnreadableRedirect)]);
    assert_summary(
        &report,
        Verdict::Error,
        "Redirects somewhere the browser cannot read",
    );
}

#[test]
fn error_server_errors_and_rate_limits() {
    let (report, _) = run(vec![
        (PRM_PATH, respond(503, b"")),
        (PRM_ROOT, respond(503, b"")),
        (PRM_CODEX, respond(503, b"")),
    ]);
    assert_summary(&report, Verdict::Error, "Server error (503)");
    let (report, _) = run(vec![
        (PRM_PATH, ok_json(prm())),
        (AS_8414, respond(429, b"")),
        (AS_OIDC, respond(429, b"")),
    ]);
    assert_summary(&report, Verdict::Error, "Rate-limited (429)");
}

#[test]
fn a_server_error_before_a_good_location_does_not_count() {
    let (report, _) = run(vec![
        (PRM_PATH, respond(502, b"")),
        (PRM_ROOT, ok_json(prm())),
        (AS_8414, ok_json(as_doc())),
    ]);
    assert_summary(&report, Verdict::Ok, "works");
}

#[test]
fn error_timeout() {
    let (report, _) = run(vec![
        (PRM_PATH, ok_json(prm())),
        (AS_8414, Outcome::Timeout),
        (AS_OIDC, Outcome::Timeout),
    ]);
    assert_summary(&report, Verdict::Error, "No answer within");
}

#[test]
fn error_body_over_one_mebibyte() {
    let (report, _) = run(vec![
        (PRM_PATH, Outcome::TooLarge),
        (PRM_ROOT, Outcome::TooLarge),
        (PRM_CODEX, respond(200, &vec![b' '; 1024 * 1024 + 1])),
    ]);
    assert_summary(&report, Verdict::Error, "larger than 1 MiB");
}

#[test]
fn error_wrong_json_types_and_javascript_endpoints() {
    let (report, _) = run(vec![(
        PRM_PATH,
        ok_json(with(
            prm(),
            "authorization_servers",
            json!("https://acme.io"),
        )),
    )]);
    assert_summary(
        &report,
        Verdict::Error,
        "`authorization_servers` must be a list of strings",
    );
    let doc = with(
        as_doc(),
        "authorization_endpoint",
        json!("javascript:alert(1)"),
    );
    let (report, _) = run(vec![(PRM_PATH, ok_json(prm())), (AS_8414, ok_json(doc))]);
    assert_summary(
        &report,
        Verdict::Error,
        "`authorization_endpoint` uses the `javascript:` scheme",
    );
    let doc = with(as_doc(), "token_endpoint", json!(42));
    let (report, _) = run(vec![(PRM_PATH, ok_json(prm())), (AS_8414, ok_json(doc))]);
    assert_summary(
        &report,
        Verdict::Error,
        "`token_endpoint` must be a string URL",
    );
    let (report, _) = run(vec![(PRM_PATH, ok_json(json!(["not", "an", "object"])))]);
    assert_summary(&report, Verdict::Error, "not an object");
}

#[test]
fn error_http_endpoints_on_a_remote_host() {
    let doc = with(as_doc(), "token_endpoint", json!("http://acme.io/token"));
    let (report, _) = run(vec![(PRM_PATH, ok_json(prm())), (AS_8414, ok_json(doc))]);
    assert_summary(&report, Verdict::Error, "`token_endpoint` uses http://");
}

#[test]
fn error_response_types_without_code() {
    let doc = with(as_doc(), "response_types_supported", json!(["token"]));
    let (report, _) = run(vec![(PRM_PATH, ok_json(prm())), (AS_8414, ok_json(doc))]);
    assert_summary(&report, Verdict::Error, "lacks `code`");
}

// ---------- unknown ----------

#[test]
fn unknown_when_every_fetch_is_blocked() {
    let routes = [MCP, PRM_PATH, PRM_ROOT, PRM_CODEX]
        .map(|u| (u, Outcome::Blocked))
        .to_vec();
    let (report, steps) = run(routes);
    assert_summary(
        &report,
        Verdict::Unknown,
        "Could not complete the check from the browser",
    );
    assert!(
        steps
            .iter()
            .all(|s| s.message.contains("Could not check from the browser"))
    );
    assert!(
        steps
            .iter()
            .all(|s| !s.message.to_lowercase().contains("no oauth"))
    );
}

#[test]
fn unknown_401_header_hidden_and_no_well_known() {
    let (report, steps) = run(vec![(MCP, unauthorized(None))]);
    assert_eq!(steps[0].verdict, Verdict::Unknown);
    assert!(steps[0].message.contains("Access-Control-Expose-Headers"));
    assert_summary(&report, Verdict::Unknown, "curl");
}

#[test]
fn a_hidden_401_does_not_lower_a_chain_that_completed() {
    let (report, steps) = run(vec![
        (MCP, unauthorized(None)),
        (PRM_PATH, ok_json(prm())),
        (AS_8414, ok_json(as_doc())),
    ]);
    assert_eq!(
        steps[0].verdict,
        Verdict::Unknown,
        "stays visible as its own step"
    );
    assert!(steps[0].superseded);
    assert_summary(&report, Verdict::Ok, "works");
}

#[test]
fn a_blocked_endpoint_does_not_lower_a_chain_that_completed() {
    let (report, _) = run(vec![
        (MCP, Outcome::Blocked),
        (PRM_PATH, ok_json(prm())),
        (AS_8414, ok_json(as_doc())),
    ]);
    assert_summary(&report, Verdict::Ok, "works");
}

#[test]
fn a_resource_metadata_link_on_another_origin_is_ignored_like_codex_does() {
    let (report, steps) = run(vec![
        (
            MCP,
            unauthorized(Some(
                r#"Bearer resource_metadata="https://evil.example/prm""#,
            )),
        ),
        (PRM_PATH, ok_json(prm())),
        (AS_8414, ok_json(as_doc())),
    ]);
    assert!(
        steps.iter().all(|s| s.url.host_str() == Some("acme.io")),
        "never fetched"
    );
    assert_summary(&report, Verdict::Warning, "Codex ignores");
}

// ---------- what discovery feeds back ----------

#[test]
fn advertised_scopes_are_suggested() {
    let prm = with(
        prm(),
        "scopes_supported",
        json!(["logs:read", "metrics:read"]),
    );
    let (report, _) = run(vec![(PRM_PATH, ok_json(prm)), (AS_8414, ok_json(as_doc()))]);
    assert!(report.suggestions.contains(&Suggestion::Scopes(vec![
        "logs:read".into(),
        "metrics:read".into()
    ])));
}

#[test]
fn curl_commands_repeat_each_request() {
    let (_, steps) = run(vec![
        (MCP, unauthorized(Some("Bearer"))),
        (PRM_PATH, ok_json(prm())),
        (AS_8414, ok_json(as_doc())),
    ]);
    let urls: Vec<Url> = steps.iter().map(|s| s.url.clone()).collect();
    let curl = curl_commands(&urls);
    assert_eq!(curl.lines().count(), 3);
    assert!(
        curl.lines()
            .all(|l| l.starts_with("curl -sS -i --max-time 30 "))
    );
    assert!(curl.contains(PRM_PATH));
}

#[test]
fn authorization_preview_carries_pkce_resource_and_loopback_redirect() {
    let endpoint = Url::parse("https://acme.io/authorize?tenant=a").expect("url");
    let preview = authorization_preview(
        &endpoint,
        MCP,
        &["logs:read".to_owned()],
        Some("client-1"),
        &[7u8; 32],
        "state-1",
    );
    let url = Url::parse(&preview.url).expect("preview is a URL");
    let params: HashMap<String, String> = url.query_pairs().into_owned().collect();
    assert_eq!(url.path(), "/authorize");
    assert_eq!(params["tenant"], "a", "the endpoint's own query is kept");
    assert_eq!(params["response_type"], "code");
    assert_eq!(params["client_id"], "client-1");
    assert_eq!(params["code_challenge_method"], "S256");
    assert_eq!(params["resource"], MCP);
    assert_eq!(params["scope"], "logs:read");
    assert_eq!(params["state"], "state-1");
    assert_eq!(params["redirect_uri"], preview.redirect_uri);
    assert!(preview.redirect_uri.starts_with("http://127.0.0.1:"));
    // The challenge is the S256 of the hex verifier: 43 base64url characters.
    assert_eq!(params["code_challenge"].len(), 43);
    assert!(
        params["code_challenge"]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    );
}
