//! Connect from the page, as a state machine: each request it plans in
//! order, what it does with each answer, and every way it stops short. The
//! answers are the shapes the MCP SDK's and oidc-provider's endpoints give
//! (the end-to-end tests run the real ones, and the MCP conformance suite's
//! scenario servers: e2e/conformance.test.mjs).
#![cfg(not(target_arch = "wasm32"))]

use codex_mcp_configurator::connect::{
    Attempt, Connect, Endpoint, Failure, GaveUp, MAX_PAGES, Method, Next, Observed, Params, Request,
};
use proptest::prelude::*;
use serde_json::{Value, json};
use url::Url;

const MCP: &str = "https://acme.kloudfuse.io/mcp";
const STATE: &str = "state-sent-by-the-page";
const STATE_AGAIN: &str = "state-of-a-second-sign-in";

fn params() -> Params {
    Params {
        mcp: Url::parse(MCP).unwrap(),
        scopes: vec!["logs:read".into()],
        client_id: None,
        metadata_document: None,
        registered: None,
        redirect_uri: Url::parse("https://docs.acme.example/codex/callback.html").unwrap(),
        attempts: [
            Attempt {
                verifier: [7; 32],
                state: STATE.into(),
            },
            Attempt {
                verifier: [9; 32],
                state: STATE_AGAIN.into(),
            },
        ],
    }
}

fn answer(status: u16, content_type: &str, body: Value) -> Observed {
    Observed::Answer {
        status,
        content_type: Some(content_type.into()),
        session: None,
        challenge: None,
        body: body.to_string().into_bytes(),
    }
}

fn json_answer(status: u16, body: Value) -> Observed {
    answer(status, "application/json", body)
}

/// A server as the MCP SDK's router and transport answer: a 401 challenge
/// to an MCP request without a token, metadata, registration, token, and
/// JSON-RPC (as SSE when `sse`), with sessions.
struct Server {
    registration: bool,
    sse: bool,
    pages: usize,
    /// The challenge's `scope`, which the token must then carry.
    scope: Option<&'static str>,
    /// The protected resource's `scopes_supported`.
    scopes_supported: Option<Vec<&'static str>>,
    /// `token_endpoint_auth_methods_supported`.
    auth_methods: Option<Vec<&'static str>>,
    /// `client_id_metadata_document_supported`.
    documents: bool,
    /// `authorization_response_iss_parameter_supported`.
    iss: bool,
    /// No metadata at all: the 2025-03-26 defaults.
    legacy: bool,
    /// The protected resource metadata's `resource`.
    resource: &'static str,
    /// `initialize` answers without a token; the rest needs one.
    open_initialize: bool,
    /// What the registration answers with as `token_endpoint_auth_method`.
    registered_method: Option<&'static str>,
    /// Every request made, in order.
    seen: Vec<Request>,
}

impl Server {
    fn new() -> Self {
        Self {
            registration: true,
            sse: false,
            pages: 2,
            scope: None,
            scopes_supported: None,
            auth_methods: None,
            documents: false,
            iss: false,
            legacy: false,
            resource: MCP,
            open_initialize: false,
            registered_method: None,
            seen: Vec::new(),
        }
    }

    fn rpc(&self, id: Value, result: Value) -> Observed {
        let message = json!({ "jsonrpc": "2.0", "id": id, "result": result });
        if self.sse {
            let body = format!(
                "event: message\ndata: {{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\"}}\n\nevent: message\ndata: {message}\n\n"
            );
            Observed::Answer {
                status: 200,
                content_type: Some("text/event-stream".into()),
                session: Some("session-1".into()),
                challenge: None,
                body: body.into_bytes(),
            }
        } else {
            Observed::Answer {
                status: 200,
                content_type: Some("application/json".into()),
                session: Some("session-1".into()),
                challenge: None,
                body: message.to_string().into_bytes(),
            }
        }
    }

    fn challenge(&self, status: u16, error: Option<&str>) -> Observed {
        let mut header = String::from("Bearer ");
        if let Some(error) = error {
            header.push_str(&format!("error=\"{error}\", "));
        }
        if let Some(scope) = self.scope {
            header.push_str(&format!("scope=\"{scope}\", "));
        }
        if !self.legacy {
            header.push_str(r#"resource_metadata="https://acme.kloudfuse.io/.well-known/oauth-protected-resource/mcp""#);
        }
        Observed::Answer {
            status,
            content_type: Some("application/json".into()),
            session: None,
            challenge: Some(header.trim_end_matches([',', ' ']).to_owned()),
            body: br#"{"error":"invalid_token"}"#.to_vec(),
        }
    }

    fn answer(&mut self, request: &Request) -> Observed {
        self.seen.push(request.clone());
        let path = request.url.path().to_owned();
        let legacy = self.legacy;
        match (request.method, path.as_str()) {
            (Method::Get, "/.well-known/oauth-protected-resource/mcp") if !legacy => {
                let mut doc = json!({ "resource": self.resource, "authorization_servers": ["https://acme.kloudfuse.io/"] });
                if let Some(scopes) = &self.scopes_supported {
                    doc["scopes_supported"] = json!(scopes);
                }
                json_answer(200, doc)
            }
            (Method::Get, "/.well-known/oauth-authorization-server") if !legacy => {
                let mut doc = json!({
                    "issuer": "https://acme.kloudfuse.io/",
                    "authorization_endpoint": "https://acme.kloudfuse.io/authorize",
                    "token_endpoint": "https://acme.kloudfuse.io/token",
                    "response_types_supported": ["code"],
                    "code_challenge_methods_supported": ["S256"]
                });
                if self.registration {
                    doc["registration_endpoint"] = json!("https://acme.kloudfuse.io/register");
                }
                if let Some(methods) = &self.auth_methods {
                    doc["token_endpoint_auth_methods_supported"] = json!(methods);
                }
                if self.documents {
                    doc["client_id_metadata_document_supported"] = json!(true);
                }
                if self.iss {
                    doc["authorization_response_iss_parameter_supported"] = json!(true);
                }
                json_answer(200, doc)
            }
            // The authorization endpoint, asked without a request.
            (Method::Get, "/authorize") => json_answer(400, json!({ "error": "invalid_request" })),
            (Method::Get, _) => json_answer(404, json!({})),
            (Method::Post, "/register") => {
                let mut doc = json!({ "client_id": "page-client", "redirect_uris": [] });
                if let Some(method) = self.registered_method {
                    doc["token_endpoint_auth_method"] = json!(method);
                    doc["client_secret"] = json!("issued-secret");
                }
                json_answer(201, doc)
            }
            (Method::Post, "/token") => {
                let body = request.body.clone().unwrap_or_default();
                let code: String = url::form_urlencoded::parse(body.as_bytes())
                    .find(|(k, _)| k == "code")
                    .map(|(_, v)| v.into_owned())
                    .unwrap_or_default();
                // The code carries the scopes the sign-in asked for (see `approve`).
                let scopes = code.strip_prefix("the-code").unwrap_or_default();
                json_answer(
                    200,
                    json!({ "access_token": format!("secret-token-value{scopes}"), "token_type": "Bearer" }),
                )
            }
            (Method::Post, "/mcp") => {
                let call: Value =
                    serde_json::from_str(request.body.as_deref().unwrap_or("{}")).unwrap();
                let auth = request
                    .headers
                    .iter()
                    .find(|(n, _)| *n == "authorization")
                    .map(|(_, v)| v.clone());
                let open = self.open_initialize && call["method"] == "initialize";
                match auth {
                    None if !open => return self.challenge(401, None),
                    Some(token) if !token.starts_with("Bearer secret-token-value") => {
                        return self.challenge(401, Some("invalid_token"));
                    }
                    Some(token)
                        if self
                            .scope
                            .is_some_and(|s| !token.contains(&format!(".{s}"))) =>
                    {
                        return self.challenge(403, Some("insufficient_scope"));
                    }
                    _ => {}
                }
                match call["method"].as_str() {
                    Some("initialize") => self.rpc(call["id"].clone(), json!({ "protocolVersion": "2025-06-18", "capabilities": { "tools": {} }, "serverInfo": { "name": "t", "version": "1" } })),
                    Some("notifications/initialized") => Observed::Answer { status: 202, content_type: None, session: None, challenge: None, body: Vec::new() },
                    Some("tools/list") => {
                        let page: usize = call["params"]["cursor"].as_str().map_or(0, |c| c.parse().unwrap());
                        let tools: Vec<Value> = (0..3).map(|i| json!({ "name": format!("tool_{page}_{i}"), "annotations": { "readOnlyHint": true } })).collect();
                        let mut result = json!({ "tools": tools });
                        if page + 1 < self.pages {
                            result["nextCursor"] = json!((page + 1).to_string());
                        }
                        self.rpc(call["id"].clone(), result)
                    }
                    _ => json_answer(400, json!({})),
                }
            }
            (Method::Delete, "/mcp") => Observed::Answer {
                status: 200,
                content_type: None,
                session: None,
                challenge: None,
                body: Vec::new(),
            },
            _ => json_answer(404, json!({})),
        }
    }
}

/// Runs the flow against `server` until it asks for the sign-in or ends.
fn drive(connect: &mut Connect, server: &mut Server) -> Next {
    for _ in 0..500 {
        match connect.next() {
            Next::Fetch(request) => {
                let seen = server.answer(&request);
                connect.observe(seen);
            }
            other => return other,
        }
    }
    panic!("the flow never settled");
}

/// The query the authorization server sends back for the sign-in `url`:
/// its state, and a code that carries the scopes asked for (`.scope` each),
/// which the server's token then carries.
fn approve(url: &Url) -> String {
    let param = |name: &str| {
        url.query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    let state = param("state").unwrap();
    let scopes: String = param("scope")
        .unwrap_or_default()
        .split_whitespace()
        .map(|s| format!(".{s}"))
        .collect();
    let code: String =
        url::form_urlencoded::byte_serialize(format!("the-code{scopes}").as_bytes()).collect();
    format!("code={code}&state={state}")
}

#[test]
fn registers_signs_in_with_pkce_and_reads_every_page_of_tools() {
    let mut connect = Connect::new(params());
    let mut server = Server::new();
    let Next::SignIn(url) = drive(&mut connect, &mut server) else {
        panic!("no sign-in")
    };
    assert_eq!(url.path(), "/authorize");
    let q: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| (k.into(), v.into()))
        .collect();
    let get = |k: &str| q.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    assert_eq!(
        get("client_id").as_deref(),
        Some("page-client"),
        "the registered client"
    );
    assert_eq!(get("code_challenge_method").as_deref(), Some("S256"));
    assert_eq!(get("state").as_deref(), Some(STATE));
    assert_eq!(get("resource").as_deref(), Some(MCP));
    assert_eq!(get("scope").as_deref(), Some("logs:read"));
    assert_eq!(
        get("redirect_uri").as_deref(),
        Some("https://docs.acme.example/codex/callback.html")
    );
    // Registered as a public client, before any sign-in, with the callback only.
    let register = server
        .seen
        .iter()
        .find(|r| r.endpoint == Endpoint::Registration)
        .expect("registered");
    let body: Value = serde_json::from_str(register.body.as_deref().unwrap()).unwrap();
    assert_eq!(body["token_endpoint_auth_method"], "none");
    assert_eq!(
        body["redirect_uris"],
        json!(["https://docs.acme.example/codex/callback.html"])
    );
    assert_eq!(
        connect.registered().map(|(_, id)| id.as_str()),
        Some("page-client")
    );

    connect.callback(&approve(&url));
    let Next::Connected(done) = drive(&mut connect, &mut server) else {
        panic!("not connected: {:?}", connect.next())
    };
    assert_eq!(done.tools.len(), 6);
    assert_eq!(done.pages, 2);
    assert!(!done.capped);
    assert_eq!(done.host, "acme.kloudfuse.io");
    // The verifier sent is the one the challenge was made from.
    let token = server
        .seen
        .iter()
        .rev()
        .find(|r| r.endpoint == Endpoint::Token)
        .unwrap();
    let form: Vec<(String, String)> =
        url::form_urlencoded::parse(token.body.as_deref().unwrap().as_bytes())
            .map(|(k, v)| (k.into(), v.into()))
            .collect();
    let verifier = &form.iter().find(|(k, _)| k == "code_verifier").unwrap().1;
    let challenge = oauth2::PkceCodeChallenge::from_code_verifier_sha256(
        &oauth2::PkceCodeVerifier::new(verifier.clone()),
    );
    assert_eq!(get("code_challenge").as_deref(), Some(challenge.as_str()));
    assert!(form.iter().any(|(k, v)| k == "resource" && v == MCP));
    assert!(
        form.iter()
            .any(|(k, v)| k == "code" && v == "the-code.logs:read")
    );
    // The session is named, then closed; the protocol version follows the server's.
    let after: Vec<&Request> = server
        .seen
        .iter()
        .filter(|r| r.endpoint == Endpoint::Mcp && r.method != Method::Get)
        .skip(2)
        .collect();
    assert!(after.iter().all(|r| {
        r.headers
            .iter()
            .any(|(n, v)| *n == "mcp-session-id" && v == "session-1")
    }));
    assert!(after.iter().all(|r| {
        r.headers
            .iter()
            .any(|(n, v)| *n == "mcp-protocol-version" && v == "2025-06-18")
    }));
    assert_eq!(server.seen.last().unwrap().method, Method::Delete);
}

#[test]
fn the_token_goes_to_the_mcp_url_alone_and_is_gone_once_the_tools_are_read() {
    let mut connect = Connect::new(params());
    let mut server = Server::new();
    let Next::SignIn(url) = drive(&mut connect, &mut server) else {
        panic!()
    };
    connect.callback(&approve(&url));
    let Next::Connected(done) = drive(&mut connect, &mut server) else {
        panic!("the flow did not read the tools")
    };
    assert!(!done.tools.is_empty(), "the tools were read with the token");
    let carrying: Vec<&Request> = server
        .seen
        .iter()
        .filter(|request| {
            request
                .headers
                .iter()
                .any(|(_, v)| v.contains("secret-token-value"))
                || request
                    .body
                    .as_deref()
                    .is_some_and(|b| b.contains("secret-token-value"))
        })
        .collect();
    assert!(!carrying.is_empty(), "no request carried the token at all");
    for request in carrying {
        assert_eq!(
            request.url.as_str(),
            MCP,
            "the token went elsewhere: {request:?}"
        );
    }
    assert!(
        !format!("{connect:?}").contains("secret-token-value"),
        "dropped"
    );
}

#[test]
fn answers_as_server_sent_events_read_as_json_does() {
    let mut connect = Connect::new(params());
    let mut server = Server {
        sse: true,
        ..Server::new()
    };
    let Next::SignIn(url) = drive(&mut connect, &mut server) else {
        panic!()
    };
    connect.callback(&approve(&url));
    let Next::Connected(done) = drive(&mut connect, &mut server) else {
        panic!("{:?}", connect.next())
    };
    assert_eq!(done.tools.len(), 6);
}

#[test]
fn a_long_list_is_read_to_the_cap_and_says_so() {
    let mut connect = Connect::new(params());
    let mut server = Server {
        pages: MAX_PAGES + 5,
        ..Server::new()
    };
    let Next::SignIn(url) = drive(&mut connect, &mut server) else {
        panic!()
    };
    connect.callback(&approve(&url));
    let Next::Connected(done) = drive(&mut connect, &mut server) else {
        panic!()
    };
    assert!(done.capped);
    assert_eq!(done.pages, MAX_PAGES);
    assert_eq!(done.tools.len(), MAX_PAGES * 3);
}

#[test]
fn an_operators_client_or_one_registered_before_means_no_registration() {
    for (client, registered) in [
        (Some("ops-browser".to_owned()), None),
        (
            None,
            Some((
                "https://acme.kloudfuse.io/register".to_owned(),
                "kept".to_owned(),
            )),
        ),
    ] {
        let mut connect = Connect::new(Params {
            client_id: client.clone(),
            registered: registered.clone(),
            ..params()
        });
        let mut server = Server::new();
        let Next::SignIn(url) = drive(&mut connect, &mut server) else {
            panic!()
        };
        assert!(
            server
                .seen
                .iter()
                .all(|r| r.endpoint != Endpoint::Registration)
        );
        let id = url
            .query_pairs()
            .find(|(k, _)| k == "client_id")
            .unwrap()
            .1
            .into_owned();
        assert_eq!(Some(id), client.or(registered.map(|(_, id)| id)));
    }
}

#[test]
fn without_registration_or_client_it_stops_before_any_sign_in() {
    let mut connect = Connect::new(params());
    let mut server = Server {
        registration: false,
        ..Server::new()
    };
    assert_eq!(
        drive(&mut connect, &mut server),
        Next::Failed(Failure::NoRegistration)
    );
    assert_eq!(Failure::NoRegistration.reason(), "no-registration");
}

/// A server that blocks (no CORS) one endpoint.
fn blocked_at(endpoint: Endpoint) -> Next {
    let mut connect = Connect::new(params());
    let mut server = Server::new();
    for _ in 0..100 {
        match connect.next() {
            Next::Fetch(request) if request.endpoint == endpoint => {
                connect.observe(Observed::Blocked);
            }
            Next::Fetch(request) => {
                let seen = server.answer(&request);
                connect.observe(seen);
            }
            other => return other,
        }
    }
    panic!("never settled")
}

#[test]
fn a_blocked_endpoint_is_named_and_nothing_is_signed_in() {
    for endpoint in [Endpoint::Mcp, Endpoint::Metadata, Endpoint::Registration] {
        let next = blocked_at(endpoint);
        assert_eq!(
            next,
            Next::Failed(Failure::Blocked(endpoint)),
            "{endpoint:?}"
        );
        let Next::Failed(failure) = next else {
            unreachable!()
        };
        assert_eq!(failure.reason(), "blocked");
        assert!(failure.message().contains(endpoint.describe()));
    }
}

#[test]
fn a_token_endpoint_that_refuses_the_page_is_named_after_the_sign_in() {
    // No request may ask it before there is a code: the spec has none.
    let mut connect = Connect::new(params());
    let mut server = Server::new();
    let Next::SignIn(url) = drive(&mut connect, &mut server) else {
        panic!()
    };
    connect.callback(&approve(&url));
    let Next::Fetch(token) = connect.next() else {
        panic!()
    };
    assert_eq!(token.endpoint, Endpoint::Token);
    connect.observe(Observed::Blocked);
    assert_eq!(
        connect.next(),
        Next::Failed(Failure::Blocked(Endpoint::Token))
    );
}

#[test]
fn a_refused_registration_and_a_refused_code_say_the_servers_words() {
    let mut connect = Connect::new(params());
    let mut server = Server::new();
    loop {
        match connect.next() {
            Next::Fetch(r) if r.endpoint == Endpoint::Registration => {
                connect.observe(json_answer(
                    400,
                    json!({ "error": "invalid_redirect_uri", "error_description": "https only" }),
                ));
            }
            Next::Fetch(r) => {
                let seen = server.answer(&r);
                connect.observe(seen);
            }
            Next::Failed(f) => {
                assert_eq!(f.reason(), "registration-refused");
                assert!(
                    f.message().contains("`invalid_redirect_uri`: https only"),
                    "{}",
                    f.message()
                );
                break;
            }
            other => panic!("{other:?}"),
        }
    }
    let mut connect = Connect::new(params());
    let Next::SignIn(url) = drive(&mut connect, &mut server) else {
        panic!()
    };
    connect.callback(&approve(&url));
    let Next::Fetch(token) = connect.next() else {
        panic!()
    };
    assert_eq!(token.endpoint, Endpoint::Token);
    connect.observe(json_answer(400, json!({ "error": "invalid_grant" })));
    let Next::Failed(f) = connect.next() else {
        panic!()
    };
    assert_eq!(f.reason(), "token-refused");
}

#[test]
fn a_declined_sign_in_a_state_mismatch_and_a_closed_window_each_stop_it() {
    let start = || {
        let mut connect = Connect::new(params());
        let Next::SignIn(_) = drive(&mut connect, &mut Server::new()) else {
            panic!()
        };
        connect
    };
    let mut declined = start();
    declined.callback(&format!(
        "error=access_denied&error_description=The+user+said+no&state={STATE}"
    ));
    assert_eq!(
        declined.next(),
        Next::Failed(Failure::Denied {
            error: "access_denied".into(),
            description: Some("The user said no".into())
        })
    );
    let mut forged = start();
    forged.callback("code=stolen&state=another");
    assert_eq!(forged.next(), Next::Failed(Failure::StateMismatch));
    forged.callback(&format!("code=stolen&state={STATE}"));
    assert_eq!(
        forged.next(),
        Next::Failed(Failure::StateMismatch),
        "a refused flow stays refused"
    );
    let mut closed = start();
    closed.gave_up(GaveUp::WindowClosed);
    assert_eq!(
        closed.next(),
        Next::Failed(Failure::Timeout(GaveUp::WindowClosed))
    );
    // A window hidden by its server's opener policy may still answer.
    closed.callback(&format!("code=late&state={STATE}"));
    assert!(matches!(closed.next(), Next::Fetch(r) if r.endpoint == Endpoint::Token));
}

#[test]
fn a_token_without_the_scope_the_server_wants_gets_one_more_sign_in_and_no_more() {
    // The person asked for `logs:read`; the server's tools want `logs:admin`
    // (its challenge names it), so the token is refused with 403.
    let mut connect = Connect::new(params());
    let mut server = Server {
        scope: Some("logs:admin"),
        ..Server::new()
    };
    let Next::SignIn(first) = drive(&mut connect, &mut server) else {
        panic!()
    };
    assert_eq!(
        query(&first, "scope").as_deref(),
        Some("logs:read"),
        "the person's scopes first"
    );
    connect.callback(&approve(&first));
    let Next::SignIn(second) = drive(&mut connect, &mut server) else {
        panic!("no second sign-in: {:?}", connect.next())
    };
    assert_eq!(
        query(&second, "scope").as_deref(),
        Some("logs:read logs:admin")
    );
    assert_eq!(
        query(&second, "state").as_deref(),
        Some(STATE_AGAIN),
        "a state of its own"
    );
    assert_ne!(
        query(&second, "code_challenge"),
        query(&first, "code_challenge")
    );
    // The first sign-in's state no longer answers.
    let mut stale = connect.clone();
    stale.callback(&approve(&first));
    assert_eq!(stale.next(), Next::Failed(Failure::StateMismatch));
    connect.callback(&approve(&second));
    let Next::Connected(done) = drive(&mut connect, &mut server) else {
        panic!("{:?}", connect.next())
    };
    assert_eq!(done.tools.len(), 6);

    // A server that refuses every token: one more sign-in, then it stops,
    // naming the scope.
    let mut connect = Connect::new(params());
    let mut server = Server {
        scope: Some("logs:admin"),
        ..Server::new()
    };
    let mut sign_ins = 0;
    let failure = loop {
        match drive(&mut connect, &mut server) {
            Next::SignIn(url) => {
                sign_ins += 1;
                assert!(sign_ins <= 3, "signs in again and again");
                // The server grants only what it always granted.
                let state = query(&url, "state").unwrap();
                connect.callback(&format!("code=the-code&state={state}"));
            }
            Next::Failed(failure) => break failure,
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(sign_ins, 2, "at most one more sign-in");
    assert_eq!(failure.reason(), "unauthorized");
    assert!(
        failure.message().contains("even after a second sign-in"),
        "{}",
        failure.message()
    );
    assert!(
        failure.message().contains("`logs:admin`"),
        "{}",
        failure.message()
    );
}

/// The parameter `name` of `url`'s query.
fn query(url: &Url, name: &str) -> Option<String> {
    url.query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

#[test]
fn an_html_page_where_json_rpc_belongs_is_not_mcp() {
    let mut connect = Connect::new(params());
    let mut server = Server::new();
    let Next::SignIn(url) = drive(&mut connect, &mut server) else {
        panic!()
    };
    connect.callback(&approve(&url));
    let _ = connect.next();
    connect.observe(json_answer(
        200,
        json!({ "access_token": "t", "token_type": "Bearer" }),
    ));
    connect.observe(Observed::Answer {
        status: 200,
        content_type: Some("text/html".into()),
        session: None,
        challenge: None,
        body: b"<html>login</html>".to_vec(),
    });
    let Next::Failed(f) = connect.next() else {
        panic!()
    };
    assert_eq!(f.reason(), "not-mcp");
    assert!(f.message().contains("an HTML page"), "{}", f.message());
}

#[test]
fn an_open_server_needs_no_sign_in() {
    let mut connect = Connect::new(params());
    let mut seen = Vec::new();
    let outcome = loop {
        match connect.next() {
            Next::Fetch(r) => {
                seen.push(r.clone());
                let answer = match (r.method, r.url.path()) {
                    (Method::Get, "/mcp") => json_answer(200, json!({})),
                    (Method::Get, _) => json_answer(404, json!({})),
                    (Method::Post, _) => {
                        let call: Value = serde_json::from_str(r.body.as_deref().unwrap()).unwrap();
                        match call["method"].as_str() {
                            Some("notifications/initialized") => json_answer(202, json!({})),
                            Some("tools/list") => json_answer(
                                200,
                                json!({ "jsonrpc": "2.0", "id": call["id"], "result": { "tools": [{ "name": "open_tool" }] } }),
                            ),
                            _ => json_answer(
                                200,
                                json!({ "jsonrpc": "2.0", "id": call["id"], "result": { "protocolVersion": "2025-06-18" } }),
                            ),
                        }
                    }
                    _ => json_answer(200, json!({})),
                };
                connect.observe(answer);
            }
            other => break other,
        }
    };
    let Next::Connected(done) = outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(done.tools.len(), 1);
    assert!(
        seen.iter()
            .all(|r| !r.headers.iter().any(|(n, _)| *n == "authorization")),
        "no token to send, none sent"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    /// No callback query panics, and one whose state is not the one sent
    /// never reaches the token request.
    #[test]
    fn no_callback_query_panics_and_a_wrong_state_never_reaches_the_token_request(
        query in "[a-z_=&%+.0-9A-Z-]{0,80}",
        state in proptest::option::of("[a-zA-Z0-9-]{0,30}"),
        code in "[a-zA-Z0-9-]{1,20}",
    ) {
        let mut connect = Connect::new(params());
        let Next::SignIn(_) = drive(&mut connect, &mut Server::new()) else { panic!() };
        connect.callback(&query);
        let mut forged = format!("code={code}");
        if let Some(state) = &state {
            forged.push_str(&format!("&state={state}"));
        }
        let mut again = connect.clone();
        again.callback(&forged);
        let wrong = state.as_deref() != Some(STATE);
        if wrong {
            let reaches_token = matches!(again.next(), Next::Fetch(r) if r.endpoint == Endpoint::Token && r.body.as_deref().is_some_and(|b| b.contains(&format!("code={code}"))));
            prop_assert!(!reaches_token, "{forged}");
        }
    }
}

#[test]
fn it_asks_as_the_spec_says_and_sends_no_request_the_spec_treats_as_an_error() {
    let mut connect = Connect::new(params());
    let mut server = Server::new();
    let Next::SignIn(url) = drive(&mut connect, &mut server) else {
        panic!()
    };
    // First `initialize` without a token, then the metadata its challenge
    // links; nothing sent before the sign-in carries a token or a code.
    let first = &server.seen[0];
    assert_eq!((first.method, first.url.as_str()), (Method::Post, MCP));
    assert!(
        first
            .body
            .as_deref()
            .unwrap()
            .contains(r#""method":"initialize""#)
    );
    assert_eq!(
        server.seen[1].url.as_str(),
        "https://acme.kloudfuse.io/.well-known/oauth-protected-resource/mcp"
    );
    for request in &server.seen {
        assert!(
            !request.headers.iter().any(|(n, _)| *n == "authorization"),
            "{request:?}"
        );
        assert!(
            !(request.endpoint == Endpoint::Token && request.method == Method::Post),
            "a token request before any sign-in: {request:?}"
        );
    }
    assert!(
        server.seen.iter().all(|r| r.endpoint != Endpoint::Token),
        "nothing goes to the token endpoint without a code"
    );
    connect.callback(&approve(&url));
    let Next::Connected(_) = drive(&mut connect, &mut server) else {
        panic!()
    };
}

#[test]
fn scopes_are_the_persons_else_the_challenges_else_the_servers_else_none() {
    let asked = |scopes: Vec<String>, server: Server| {
        let mut connect = Connect::new(Params { scopes, ..params() });
        let mut server = server;
        let Next::SignIn(url) = drive(&mut connect, &mut server) else {
            panic!("{:?}", connect.next())
        };
        query(&url, "scope")
    };
    let supported = || Server {
        scopes_supported: Some(vec!["logs:read", "metrics:read"]),
        ..Server::new()
    };
    let challenged = || Server {
        scope: Some("mcp:basic"),
        ..supported()
    };
    assert_eq!(
        asked(vec!["mine".into()], challenged()).as_deref(),
        Some("mine")
    );
    assert_eq!(
        asked(Vec::new(), challenged()).as_deref(),
        Some("mcp:basic")
    );
    assert_eq!(
        asked(Vec::new(), supported()).as_deref(),
        Some("logs:read metrics:read")
    );
    assert_eq!(
        asked(Vec::new(), Server::new()),
        None,
        "no scope parameter at all"
    );
}

#[test]
fn a_server_that_takes_metadata_documents_gets_the_pages_own_and_no_registration() {
    let document = Url::parse("https://docs.acme.example/codex/client-metadata.json").unwrap();
    let mut connect = Connect::new(Params {
        metadata_document: Some(document.clone()),
        ..params()
    });
    let mut server = Server {
        documents: true,
        auth_methods: Some(vec!["none"]),
        ..Server::new()
    };
    let Next::SignIn(url) = drive(&mut connect, &mut server) else {
        panic!("{:?}", connect.next())
    };
    assert_eq!(query(&url, "client_id").as_deref(), Some(document.as_str()));
    assert!(
        server
            .seen
            .iter()
            .all(|r| r.endpoint != Endpoint::Registration)
    );
    // Without a document of its own, the page registers.
    let mut connect = Connect::new(params());
    let Next::SignIn(url) = drive(&mut connect, &mut server) else {
        panic!()
    };
    assert_eq!(query(&url, "client_id").as_deref(), Some("page-client"));
}

#[test]
fn a_token_endpoint_that_wants_a_secret_is_refused_before_any_sign_in() {
    for server in [
        // The metadata lists only methods with a secret.
        Server {
            auth_methods: Some(vec!["client_secret_basic"]),
            ..Server::new()
        },
        // The registration made the page a client with a secret.
        Server {
            registered_method: Some("client_secret_post"),
            ..Server::new()
        },
    ] {
        let mut connect = Connect::new(params());
        let mut server = server;
        let Next::Failed(failure) = drive(&mut connect, &mut server) else {
            panic!("{:?}", connect.next())
        };
        assert!(matches!(failure, Failure::NeedsSecret(_)), "{failure:?}");
        assert_eq!(failure.reason(), "no-registration");
        assert!(
            failure.message().contains("public client"),
            "{}",
            failure.message()
        );
    }
    // So is the operator's client, when the server takes only secrets.
    let mut connect = Connect::new(Params {
        client_id: Some("ops-browser".into()),
        ..params()
    });
    let mut server = Server {
        auth_methods: Some(vec!["client_secret_basic"]),
        ..Server::new()
    };
    assert!(matches!(
        drive(&mut connect, &mut server),
        Next::Failed(Failure::NeedsSecret(_))
    ));
}

#[test]
fn an_answer_from_another_issuer_is_refused_and_its_code_never_used() {
    let start = |iss: bool| {
        let mut connect = Connect::new(params());
        let mut server = Server {
            iss,
            ..Server::new()
        };
        let Next::SignIn(_) = drive(&mut connect, &mut server) else {
            panic!()
        };
        connect
    };
    let mut other = start(false);
    other.callback(&format!(
        "code=c&state={STATE}&iss=https%3A%2F%2Fevil.example%2F"
    ));
    let Next::Failed(failure) = other.next() else {
        panic!()
    };
    assert!(
        matches!(&failure, Failure::IssuerMismatch { found: Some(f), .. } if f == "https://evil.example/")
    );
    assert!(failure.message().contains("RFC 9207"));
    let mut same = start(false);
    same.callback(&format!(
        "code=c&state={STATE}&iss=https%3A%2F%2Facme.kloudfuse.io%2F"
    ));
    assert!(matches!(same.next(), Next::Fetch(r) if r.endpoint == Endpoint::Token));
    // A server that promised `iss` and sent none.
    let mut promised = start(true);
    promised.callback(&format!("code=c&state={STATE}"));
    assert!(matches!(
        promised.next(),
        Next::Failed(Failure::IssuerMismatch { found: None, .. })
    ));
    // One that never promised it may leave it out.
    let mut silent = start(false);
    silent.callback(&format!("code=c&state={STATE}"));
    assert!(matches!(silent.next(), Next::Fetch(r) if r.endpoint == Endpoint::Token));
}

#[test]
fn a_2025_03_26_server_without_metadata_signs_in_at_its_default_endpoints() {
    let mut connect = Connect::new(params());
    let mut server = Server {
        legacy: true,
        ..Server::new()
    };
    let Next::SignIn(url) = drive(&mut connect, &mut server) else {
        panic!("{:?}", connect.next())
    };
    assert_eq!(
        url.as_str().split('?').next(),
        Some("https://acme.kloudfuse.io/authorize")
    );
    assert!(
        server
            .seen
            .iter()
            .any(|r| r.endpoint == Endpoint::Registration && r.url.path() == "/register")
    );
    connect.callback(&approve(&url));
    let Next::Connected(done) = drive(&mut connect, &mut server) else {
        panic!("{:?}", connect.next())
    };
    assert_eq!(done.tools.len(), 6);
}

#[test]
fn a_server_open_to_initialize_asks_for_sign_in_at_its_tools() {
    let mut connect = Connect::new(params());
    let mut server = Server {
        open_initialize: true,
        ..Server::new()
    };
    let Next::SignIn(url) = drive(&mut connect, &mut server) else {
        panic!("{:?}", connect.next())
    };
    connect.callback(&approve(&url));
    let Next::Connected(done) = drive(&mut connect, &mut server) else {
        panic!("{:?}", connect.next())
    };
    assert_eq!(done.tools.len(), 6);
    let initializes = server
        .seen
        .iter()
        .filter(|r| {
            r.body
                .as_deref()
                .is_some_and(|b| b.contains(r#""method":"initialize""#))
        })
        .count();
    assert_eq!(initializes, 2, "once without a token, once with it");
}

#[test]
fn metadata_for_another_resource_stops_before_any_sign_in() {
    let mut connect = Connect::new(params());
    let mut server = Server {
        resource: "https://evil.example.com/mcp",
        ..Server::new()
    };
    let Next::Failed(failure) = drive(&mut connect, &mut server) else {
        panic!("{:?}", connect.next())
    };
    assert_eq!(failure.reason(), "unauthorized");
    assert!(
        failure.message().contains("another origin"),
        "{}",
        failure.message()
    );
}

#[test]
fn the_pages_metadata_document_names_itself_and_only_its_callback() {
    use codex_mcp_configurator::connect::oauth::{document_fits, metadata_document};
    let at = Url::parse("https://docs.acme.example/codex/client-metadata.json").unwrap();
    let callback = Url::parse("https://docs.acme.example/codex/callback.html").unwrap();
    let written = metadata_document(&at, &callback);
    let document: Value = serde_json::from_str(&written).unwrap();
    assert_eq!(document["client_id"], at.as_str());
    assert_eq!(document["redirect_uris"], json!([callback.as_str()]));
    assert_eq!(document["token_endpoint_auth_method"], "none");
    assert_eq!(document["grant_types"], json!(["authorization_code"]));
    assert!(document_fits(written.as_bytes(), &at, &callback));
    // Served elsewhere, over http, for another page, or for a client with a
    // secret: not the page's.
    let elsewhere = Url::parse("https://docs.acme.example/other/client-metadata.json").unwrap();
    assert!(!document_fits(written.as_bytes(), &elsewhere, &callback));
    let plain = Url::parse("http://docs.acme.example/codex/client-metadata.json").unwrap();
    let plain_doc = metadata_document(&plain, &callback);
    assert!(!document_fits(plain_doc.as_bytes(), &plain, &callback));
    let other_page = Url::parse("https://docs.acme.example/other/callback.html").unwrap();
    assert!(!document_fits(written.as_bytes(), &at, &other_page));
    let secret = written.replace("\"none\"", "\"client_secret_basic\"");
    assert!(!document_fits(secret.as_bytes(), &at, &callback));
    assert!(!document_fits(b"<html>", &at, &callback));
}
