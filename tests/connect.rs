//! Connect from the page, as a state machine: each request it plans in
//! order, what it does with each answer, and every way it stops short. The
//! answers are the shapes the MCP SDK's and oidc-provider's endpoints give
//! (the end-to-end tests run the real ones).
#![cfg(not(target_arch = "wasm32"))]

use codex_mcp_configurator::connect::{
    Connect, Endpoint, Failure, GaveUp, MAX_PAGES, Method, Next, Observed, Params, Request,
};
use proptest::prelude::*;
use serde_json::{Value, json};
use url::Url;

const MCP: &str = "https://acme.kloudfuse.io/mcp";
const STATE: &str = "state-sent-by-the-page";

fn params() -> Params {
    Params {
        mcp: Url::parse(MCP).unwrap(),
        scopes: vec!["logs:read".into()],
        client_id: None,
        registered: None,
        redirect_uri: Url::parse("https://docs.acme.example/codex/callback.html").unwrap(),
        verifier: [7; 32],
        state: STATE.into(),
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

/// A server as the MCP SDK's router and transport answer: metadata,
/// registration, token, and JSON-RPC (as SSE when `sse`), with sessions.
struct Server {
    registration: bool,
    sse: bool,
    pages: usize,
    /// Every request made, in order.
    seen: Vec<Request>,
}

impl Server {
    fn new() -> Self {
        Self {
            registration: true,
            sse: false,
            pages: 2,
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

    fn answer(&mut self, request: &Request) -> Observed {
        self.seen.push(request.clone());
        let path = request.url.path().to_owned();
        match (request.method, path.as_str()) {
            (Method::Get, "/mcp") => Observed::Answer {
                status: 401,
                content_type: None,
                session: None,
                challenge: Some(r#"Bearer resource_metadata="https://acme.kloudfuse.io/.well-known/oauth-protected-resource/mcp""#.into()),
                body: Vec::new(),
            },
            (Method::Get, "/.well-known/oauth-protected-resource/mcp") => json_answer(200, json!({
                "resource": MCP, "authorization_servers": ["https://acme.kloudfuse.io/"]
            })),
            (Method::Get, "/.well-known/oauth-authorization-server") => {
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
                json_answer(200, doc)
            }
            (Method::Get, _) => json_answer(404, json!({})),
            (Method::Post, "/register") => json_answer(201, json!({ "client_id": "page-client", "redirect_uris": [] })),
            (Method::Post, "/token") => {
                let body = request.body.clone().unwrap_or_default();
                if body.contains("code=connect-probe") {
                    json_answer(400, json!({ "error": "invalid_grant" }))
                } else {
                    json_answer(200, json!({ "access_token": "secret-token-value", "token_type": "Bearer" }))
                }
            }
            (Method::Post, "/mcp") => {
                let auth = request.headers.iter().find(|(n, _)| *n == "authorization").map(|(_, v)| v.as_str());
                if auth != Some("Bearer secret-token-value") {
                    return Observed::Answer { status: 401, content_type: None, session: None, challenge: None, body: Vec::new() };
                }
                let call: Value = serde_json::from_str(request.body.as_deref().unwrap_or("{}")).unwrap();
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
            (Method::Delete, "/mcp") => Observed::Answer { status: 200, content_type: None, session: None, challenge: None, body: Vec::new() },
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

/// The query the authorization server sends back for the sign-in `url`.
fn approve(url: &Url) -> String {
    let state = url
        .query_pairs()
        .find(|(k, _)| k == "state")
        .unwrap()
        .1
        .into_owned();
    format!("code=the-code&state={state}")
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
    assert!(form.iter().any(|(k, v)| k == "code" && v == "the-code"));
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
            Next::Fetch(request)
                if request.endpoint == endpoint && request.method != Method::Get =>
            {
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
    for endpoint in [Endpoint::Mcp, Endpoint::Registration, Endpoint::Token] {
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
fn a_refused_token_names_the_scope_the_server_wants() {
    let mut connect = Connect::new(params());
    let mut server = Server::new();
    let Next::SignIn(url) = drive(&mut connect, &mut server) else {
        panic!()
    };
    connect.callback(&approve(&url));
    let _token = connect.next();
    connect.observe(json_answer(
        200,
        json!({ "access_token": "t", "token_type": "Bearer" }),
    ));
    connect.observe(Observed::Answer {
        status: 403,
        content_type: None,
        session: None,
        challenge: Some(
            r#"Bearer error="insufficient_scope", scope="logs:admin", resource_metadata="x""#
                .into(),
        ),
        body: Vec::new(),
    });
    let Next::Failed(f) = connect.next() else {
        panic!()
    };
    assert_eq!(f.reason(), "unauthorized");
    assert!(f.message().contains("`logs:admin`"), "{}", f.message());
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
