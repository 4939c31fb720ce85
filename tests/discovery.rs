//! Every case of shared/docs/DISCOVERY.md, fed to the discovery engine as
//! observed responses.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashMap;

use codex_mcp_configurator::clients::{Asks, Client};
use codex_mcp_configurator::discovery::{
    Discovery, Outcome, Profile, Purpose, Report, Step, Suggestion, Verdict, authorization_preview,
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

/// How `client` signs in, with a client id set or not.
fn profile(client: Client, client_id: bool) -> Profile {
    Profile::of(
        client,
        "kfuse",
        client_id.then(|| "configured".to_owned()),
        &[],
    )
}

/// Runs a check as `profile` against `routes`: a key is a URL (any
/// request to it) or `POST URL` / `GET URL`. The MCP URL answers a plain
/// `401 Bearer` and other URLs 404 unless listed.
fn run_as(profile: Profile, mcp: &str, routes: Vec<(&str, Outcome)>) -> (Report, Vec<Step>) {
    let routes: HashMap<String, Outcome> =
        routes.into_iter().map(|(u, o)| (u.to_owned(), o)).collect();
    let mut discovery = Discovery::new(Url::parse(mcp).expect("url"), profile);
    let mut guard = 0;
    while let Some((url, purpose)) = discovery.next_request() {
        guard += 1;
        assert!(guard < 20, "the check must end");
        let method = match purpose {
            Purpose::McpEndpoint(Asks::Post) => "POST",
            _ => "GET",
        };
        let answer = routes
            .get(&format!("{method} {url}"))
            .or_else(|| routes.get(url.as_str()))
            .cloned()
            .unwrap_or_else(|| {
                if url.as_str() == mcp {
                    unauthorized(Some("Bearer"))
                } else {
                    respond(404, b"not found")
                }
            });
        discovery.observe(answer);
    }
    assert!(discovery.is_done());
    (discovery.report(), discovery.steps().to_vec())
}

/// Runs a check as Codex looks (a POST to learn what the server wants,
/// then its own GET), with a client id set or not.
fn run_with(mcp: &str, routes: Vec<(&str, Outcome)>, client_id: bool) -> (Report, Vec<Step>) {
    run_as(profile(Client::Codex, client_id), mcp, routes)
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
    assert_summary(&report, Verdict::Ok, "`codex mcp login kfuse`");
    let urls: Vec<&str> = steps.iter().map(|s| s.url.as_str()).collect();
    assert_eq!(
        urls,
        [MCP, MCP, "https://acme.io/meta/prm", AS_8414],
        "the spec's POST, Codex's GET, then the header link first"
    );
    assert_eq!(steps[0].purpose, Purpose::McpEndpoint(Asks::Post));
    assert_eq!(steps[1].purpose, Purpose::McpEndpoint(Asks::Get));
    assert!(steps[3].facts.iter().any(|f| f.contains("S256")));
}

#[test]
fn ok_prm_only_at_the_path_inserted_url() {
    let (report, steps) = run(vec![
        (MCP, unauthorized(Some("Bearer"))),
        (PRM_PATH, ok_json(prm())),
        (AS_8414, ok_json(as_doc())),
    ]);
    assert_summary(&report, Verdict::Ok, "finds the authorization server");
    assert_eq!(steps[2].url.as_str(), PRM_PATH);
}

#[test]
fn ok_prm_only_at_the_root() {
    let (report, steps) = run(vec![
        (PRM_ROOT, ok_json(prm())),
        (AS_8414, ok_json(as_doc())),
    ]);
    assert_summary(&report, Verdict::Ok, "finds the authorization server");
    assert_eq!(
        steps[2].verdict,
        Verdict::Ok,
        "a 404 at the path-inserted URL is allowed"
    );
    assert!(steps[2].superseded);
}

#[test]
fn ok_as_only_at_openid_configuration() {
    let (report, _) = run(vec![
        (PRM_PATH, ok_json(prm())),
        (AS_OIDC, ok_json(as_doc())),
    ]);
    assert_summary(&report, Verdict::Ok, "finds the authorization server");
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
    assert_summary(&report, Verdict::Ok, "finds the authorization server");
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
    assert_summary(&report, Verdict::Ok, "finds the authorization server");
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
    assert_summary(&report, Verdict::Ok, "finds the authorization server");
    assert!(
        steps[2]
            .facts
            .iter()
            .any(|f| f.contains("redirected to https://acme.io/v2/prm"))
    );
}

// ---------- warning ----------

#[test]
fn a_token_endpoint_that_wants_a_secret_stops_only_a_client_that_keeps_none() {
    let doc = with(
        with(
            as_doc(),
            "client_id_metadata_document_supported",
            json!(true),
        ),
        "token_endpoint_auth_methods_supported",
        json!(["client_secret_basic"]),
    );
    let routes = || vec![(PRM_PATH, ok_json(prm())), (AS_8414, ok_json(doc.clone()))];
    // Codex keeps the secret its registration gives it.
    let (report, _) = run(routes());
    assert_summary(&report, Verdict::Ok, "finds the authorization server");
    // The page, in a browser, keeps none: refused before any sign-in.
    let page = Profile::spec("The page", None, None, &[]);
    let (report, _) = run_as(page, MCP, routes());
    assert_summary(
        &report,
        Verdict::Error,
        "takes only clients with a secret (client_secret_basic)",
    );
}

#[test]
fn a_makers_metadata_document_is_used_and_the_server_must_reach_it() {
    let doc = with(
        with(
            without(as_doc(), "registration_endpoint"),
            "client_id_metadata_document_supported",
            json!(true),
        ),
        "token_endpoint_auth_methods_supported",
        json!(["none"]),
    );
    let routes = || vec![(PRM_PATH, ok_json(prm())), (AS_8414, ok_json(doc.clone()))];
    let (report, _) = run(routes());
    assert_summary(
        &report,
        Verdict::Warning,
        "https://chatgpt.com/oauth/codex/",
    );
    assert!(
        report.reason.contains("cannot reach chatgpt.com"),
        "{report:?}"
    );
    let (report, _) = run_as(profile(Client::ClaudeCode, false), MCP, routes());
    assert_summary(&report, Verdict::Warning, "cannot reach claude.ai");
    // Gemini CLI has no document and the server no registration endpoint.
    let (report, _) = run_as(profile(Client::Gemini, false), MCP, routes());
    assert_summary(
        &report,
        Verdict::Error,
        "No way for Gemini CLI to get a client id",
    );
    // The page with its own document, which the server fetches from the docs host.
    let page = Profile::spec(
        "The page",
        None,
        Some("https://docs.acme.example/codex/client-metadata.json".to_owned()),
        &[],
    );
    let (report, _) = run_as(page, MCP, routes());
    assert_summary(&report, Verdict::Warning, "cannot reach docs.acme.example");
}

#[test]
fn error_no_registration_needs_a_client_id() {
    let doc = without(as_doc(), "registration_endpoint");
    let (report, _) = run(vec![
        (PRM_PATH, ok_json(prm())),
        (AS_8414, ok_json(doc.clone())),
    ]);
    assert_summary(&report, Verdict::Error, "pre-registered client id");
    assert!(report.suggestions.contains(&Suggestion::ClientId));
    // With a client id already set, nothing is missing.
    let (report, _) = run_with(
        MCP,
        vec![(PRM_PATH, ok_json(prm())), (AS_8414, ok_json(doc))],
        true,
    );
    assert_summary(&report, Verdict::Ok, "finds the authorization server");
    assert!(!report.suggestions.contains(&Suggestion::ClientId));
}

#[test]
fn warning_pkce_methods_absent() {
    let doc = without(as_doc(), "code_challenge_methods_supported");
    let (report, _) = run(vec![(PRM_PATH, ok_json(prm())), (AS_8414, ok_json(doc))]);
    assert_summary(&report, Verdict::Warning, "Codex goes on without knowing");
}

#[test]
fn warning_prm_only_at_codex_fallback() {
    let (report, steps) = run(vec![
        (PRM_CODEX, ok_json(prm())),
        (AS_8414, ok_json(as_doc())),
    ]);
    assert_summary(
        &report,
        Verdict::Warning,
        "clients that follow the spec do not",
    );
    assert_eq!(
        steps
            .iter()
            .filter(|s| matches!(s.purpose, Purpose::ProtectedResource(_)))
            .count(),
        2,
        "Codex looks there second, as 0.171 does on the conformance suite's servers"
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
fn an_endpoint_open_to_initialize_still_leads_to_the_sign_in() {
    let (report, steps) = run(vec![
        (MCP, respond(200, b"{}")),
        (PRM_PATH, ok_json(prm())),
        (AS_8414, ok_json(as_doc())),
    ]);
    assert_summary(&report, Verdict::Ok, "finds the authorization server");
    assert!(
        steps[0].message.contains("for its tools, or not at all"),
        "{:?}",
        steps[0]
    );
}

#[test]
fn warning_an_open_endpoint_without_metadata_needs_no_sign_in() {
    let (report, _) = run(vec![(MCP, respond(200, b"{}"))]);
    assert_summary(&report, Verdict::Warning, "can connect without signing in");
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
    assert_eq!(
        steps.len(),
        5,
        "the POST, Codex's GET and its three metadata locations"
    );
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
    assert_summary(&report, Verdict::Ok, "finds the authorization server");
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
        steps[1].verdict,
        Verdict::Unknown,
        "stays visible as its own step"
    );
    assert!(steps[1].superseded);
    assert_summary(&report, Verdict::Ok, "finds the authorization server");
}

#[test]
fn a_blocked_endpoint_does_not_lower_a_chain_that_completed() {
    let (report, _) = run(vec![
        (MCP, Outcome::Blocked),
        (PRM_PATH, ok_json(prm())),
        (AS_8414, ok_json(as_doc())),
    ]);
    assert_summary(&report, Verdict::Ok, "finds the authorization server");
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
    let requests: Vec<(Url, Purpose)> = steps
        .iter()
        .map(|s| (s.url.clone(), s.purpose.clone()))
        .collect();
    let curl = curl_commands(&requests, r#"{"method":"initialize"}"#);
    assert_eq!(curl.lines().count(), 4);
    assert!(
        curl.lines()
            .all(|l| l.starts_with("curl -sS -i --max-time 30 "))
    );
    let first = curl.lines().next().unwrap();
    assert_eq!(
        first,
        format!(
            "curl -sS -i --max-time 30 -X POST -H 'content-type: application/json' -H 'accept: application/json, text/event-stream' --data '{{\"method\":\"initialize\"}}' {MCP}"
        ),
        "the spec's POST, as the check made it"
    );
    assert_eq!(
        curl.lines().nth(1).unwrap(),
        format!("curl -sS -i --max-time 30 {MCP}"),
        "Codex's GET"
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
        Client::Codex.facts().sign_in.redirect_uris[0],
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
    assert!(
        preview
            .redirect_uri
            .starts_with("http://127.0.0.1:33418/callback/")
    );
    // The challenge is the S256 of the hex verifier: 43 base64url characters.
    assert_eq!(params["code_challenge"].len(), 43);
    assert!(
        params["code_challenge"]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    );
}

// ---------- each client's way ----------

fn challenge(scope: &str) -> Outcome {
    unauthorized(Some(&format!(
        r#"Bearer scope="{scope}", resource_metadata="{PRM_PATH}""#
    )))
}

#[test]
fn claude_code_never_asks_the_endpoint_but_the_check_learns_what_the_server_wants() {
    let (report, steps) = run_as(
        profile(Client::ClaudeCode, false),
        MCP,
        vec![
            (MCP, challenge("mcp:basic")),
            (PRM_PATH, ok_json(prm())),
            (AS_8414, ok_json(as_doc())),
        ],
    );
    let purposes: Vec<&Purpose> = steps.iter().map(|s| &s.purpose).collect();
    assert_eq!(purposes[0], &Purpose::McpEndpoint(Asks::Post));
    assert!(
        !purposes.contains(&&Purpose::McpEndpoint(Asks::Get)),
        "Claude Code makes no GET"
    );
    assert!(
        steps[0].superseded,
        "what Claude Code does not ask never counts"
    );
    assert!(
        steps[0]
            .message
            .starts_with("Claude Code does not ask the endpoint before signing in")
    );
    // It asks for no scope (the metadata names none), the server wants one,
    // and Claude Code tries its token: it says it cannot connect.
    assert_summary(
        &report,
        Verdict::Error,
        "asks for the scope `mcp:basic`, and Claude Code asks for no scope",
    );
    assert!(
        report
            .reason
            .contains("Add `mcp:basic` to the OAuth scopes")
    );
    assert_eq!(
        report.suggestions,
        vec![Suggestion::Scopes(vec!["mcp:basic".into()])]
    );
}

#[test]
fn a_scope_the_server_wants_is_an_error_only_for_a_client_that_tests_its_token() {
    let routes = || {
        vec![
            (MCP, challenge("mcp:basic")),
            (PRM_PATH, ok_json(prm())),
            (AS_8414, ok_json(as_doc())),
        ]
    };
    // Codex's GET gets the same 401 here, and Codex takes its scope.
    let (report, _) = run_as(profile(Client::Codex, false), MCP, routes());
    assert_summary(&report, Verdict::Ok, "finds the authorization server");
    // A server that answers the GET 404: Codex never sees the scope, signs
    // in without it, and does not try its token.
    let mut routes_404 = routes();
    routes_404.push(("GET https://acme.io/mcp", respond(404, b"")));
    let (report, _) = run_as(profile(Client::Codex, false), MCP, routes_404);
    assert_summary(
        &report,
        Verdict::Warning,
        "Codex signs in, but the server will refuse its calls",
    );
    // Scopes the person set reach Codex and Claude Code.
    let with_scope = Profile::of(Client::ClaudeCode, "kfuse", None, &["mcp:basic".to_owned()]);
    let (report, _) = run_as(with_scope, MCP, routes());
    assert_summary(&report, Verdict::Ok, "finds the authorization server");
    // Not Claude Desktop, which has no place for them; it takes the
    // challenge's scope itself.
    let desktop = Profile::of(Client::ClaudeDesktop, "kfuse", None, &["other".to_owned()]);
    assert!(desktop.scopes.is_empty());
    let (report, _) = run_as(desktop, MCP, routes());
    assert_summary(&report, Verdict::Ok, "**Connect**");
    // The page signs in once more for a scope its token lacks.
    let page = Profile::spec("The page", None, None, &["logs:read".to_owned()]);
    let (report, _) = run_as(page, MCP, routes());
    assert_summary(&report, Verdict::Warning, "signs in once more for it");
}

#[test]
fn a_2025_03_26_server_is_found_by_the_clients_that_fall_back_and_no_other() {
    let legacy_doc = with(as_doc(), "issuer", json!("https://acme.io/oauth"));
    let routes = || {
        vec![
            (MCP, unauthorized(Some("Bearer"))),
            (AS_8414, ok_json(legacy_doc.clone())),
        ]
    };
    // Claude Code reads the authorization server's metadata at the MCP
    // URL's origin, whose issuer the 2025-03-26 way does not compare.
    let (report, steps) = run_as(profile(Client::ClaudeCode, false), MCP, routes());
    assert_summary(&report, Verdict::Ok, "finds the authorization server");
    assert_eq!(steps.last().unwrap().url.as_str(), AS_8414);
    // Codex does not fall back.
    let (report, _) = run(routes());
    assert_summary(
        &report,
        Verdict::Error,
        "No OAuth protected resource metadata at any location Codex tries",
    );
}

#[test]
fn without_any_metadata_a_falling_back_client_needs_something_at_authorize() {
    let authorize = "https://acme.io/authorize";
    for (answer, verdict) in [
        (respond(400, b"missing parameters"), Verdict::Ok),
        (respond(500, b"crashed"), Verdict::Ok),
        (respond(404, b"not found"), Verdict::Error),
    ] {
        let (report, steps) = run_as(
            profile(Client::ClaudeCode, false),
            MCP,
            vec![(authorize, answer)],
        );
        assert_eq!(report.verdict, verdict, "{report:?}");
        let last = steps.last().unwrap();
        assert_eq!(last.purpose, Purpose::DefaultEndpoint);
        assert_eq!(last.url.as_str(), authorize);
        if verdict == Verdict::Error {
            assert!(
                report.reason.contains("nothing at /authorize (404)"),
                "{report:?}"
            );
        }
    }
}

#[test]
fn a_link_on_another_origin_is_followed_by_the_spec_and_ignored_by_codex() {
    let routes = || {
        vec![
            (
                MCP,
                unauthorized(Some(
                    r#"Bearer resource_metadata="https://auth.acme-login.io/prm""#,
                )),
            ),
            ("https://auth.acme-login.io/prm", ok_json(prm())),
            (AS_8414, ok_json(as_doc())),
        ]
    };
    let page = Profile::spec("The page", None, None, &[]);
    let (report, steps) = run_as(page, MCP, routes());
    assert_summary(&report, Verdict::Ok, "finds the authorization server");
    assert!(
        steps
            .iter()
            .any(|s| s.url.as_str() == "https://auth.acme-login.io/prm")
    );
    let (report, _) = run(routes());
    assert_summary(&report, Verdict::Error, "Codex tries");
}

// ---------- the cluster's redirect allowlist ----------

#[test]
fn the_chart_default_admits_the_clients_kloudfuse_documents_and_a_list_without_localhost_refuses_two()
 {
    use codex_mcp_configurator::discovery::allowlist::{
        CHART_DEFAULT, admits, helm_values, refused,
    };
    let chart: Vec<String> = CHART_DEFAULT.iter().map(|s| s.to_string()).collect();
    for client in [
        Client::Codex,
        Client::ClaudeCode,
        Client::Gemini,
        Client::ClaudeDesktop,
        Client::CopilotCli,
        Client::Opencode,
    ] {
        assert_eq!(refused(client, &chart), Vec::<&str>::new(), "{client:?}");
    }
    // VS Code registers its web redirects and a port-less loopback; Cursor
    // comes back to its own scheme: the chart default admits neither.
    assert_eq!(
        refused(Client::Vscode, &chart),
        [
            "https://vscode.dev/redirect",
            "https://insiders.vscode.dev/redirect",
            "http://127.0.0.1/"
        ]
    );
    assert_eq!(
        refused(Client::Cursor, &chart),
        [
            "cursor://anysphere.cursor-mcp/oauth/callback",
            "https://www.cursor.com/agents/mcp/oauth/callback"
        ]
    );
    let without_localhost: Vec<String> = chart
        .iter()
        .filter(|u| !u.contains("localhost"))
        .cloned()
        .collect();
    assert_eq!(
        refused(Client::Codex, &without_localhost),
        Vec::<&str>::new(),
        "Codex comes back to 127.0.0.1"
    );
    assert_eq!(
        refused(Client::ClaudeDesktop, &without_localhost),
        Vec::<&str>::new()
    );
    assert_eq!(
        refused(Client::ClaudeCode, &without_localhost),
        ["http://localhost:*/callback"]
    );
    assert_eq!(
        refused(Client::Gemini, &without_localhost),
        ["http://localhost:*/oauth/callback"]
    );
    let values = helm_values(
        &without_localhost,
        &[
            Client::Codex,
            Client::ClaudeCode,
            Client::Gemini,
            Client::ClaudeDesktop,
        ],
    );
    assert!(
        values.starts_with(
            "user-mgmt-service:\n  config:\n    MCPConnector:\n      AllowedRedirectURIs:\n"
        ),
        "{values}"
    );
    assert_eq!(
        values.matches("http://localhost:*").count(),
        1,
        "one line for both: {values}"
    );
    assert!(
        values.contains("- \"http://localhost:*\"  # added for Claude Code, Gemini CLI\n"),
        "{values}"
    );
    assert!(
        values.contains("- \"http://127.0.0.1:*\"\n"),
        "the list as it is: {values}"
    );
    // A port the client picks, a path it makes up: `*` in the list stands for
    // any characters, as the cluster reads it.
    assert!(admits(
        &["http://127.0.0.1:*/callback/*".to_owned()],
        "http://127.0.0.1:*/callback/*"
    ));
    assert!(!admits(
        &["http://127.0.0.1:8080/*".to_owned()],
        "http://127.0.0.1:*/callback/*"
    ));
    assert!(!admits(
        &["https://claude.ai/api/mcp/auth_callback".to_owned()],
        "https://claude.com/api/mcp/auth_callback"
    ));
}

#[test]
fn a_redirect_the_allowlist_refuses_fails_the_check_whatever_else_worked() {
    use codex_mcp_configurator::discovery::allowlist::judged;
    let (report, _) = run_as(
        profile(Client::ClaudeCode, false),
        MCP,
        vec![(PRM_PATH, ok_json(prm())), (AS_8414, ok_json(as_doc()))],
    );
    assert_eq!(report.verdict, Verdict::Ok);
    let only_loopback = vec!["http://127.0.0.1:*".to_owned()];
    let refused = judged(report.clone(), Client::ClaudeCode, &only_loopback);
    assert_summary(
        &refused,
        Verdict::Error,
        "The cluster refuses Claude Code's sign-in",
    );
    assert!(refused.reason.contains("`http://localhost:*/callback`"));
    assert_eq!(
        judged(report.clone(), Client::Codex, &only_loopback),
        report
    );
}

#[test]
fn opencode_never_signs_in_where_initialize_is_answered_without_a_token() {
    let routes = || {
        vec![
            (
                "POST https://acme.io/mcp",
                respond(200, br#"{"jsonrpc":"2.0","id":1,"result":{}}"#),
            ),
            (PRM_PATH, ok_json(prm())),
            (AS_8414, ok_json(as_doc())),
        ]
    };
    let (report, _) = run_as(profile(Client::Opencode, false), MCP, routes());
    assert_summary(
        &report,
        Verdict::Error,
        "OpenCode signs in only when the server refuses `initialize`",
    );
    // Claude Code finds the same server's sign-in.
    let (report, _) = run_as(profile(Client::ClaudeCode, false), MCP, routes());
    assert_eq!(report.verdict, Verdict::Ok, "{report:?}");
}
