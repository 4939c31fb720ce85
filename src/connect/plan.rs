//! The flow's plan: the request (or the sign-in) each stage asks the shell
//! for, with only the headers the MCP and OAuth specs name, and the words
//! the person sees meanwhile.

use super::{Connect, Connected, Endpoint, Failure, Method, Next, Request, Stage, mcp, oauth};

impl Connect {
    /// What the person sees while it runs.
    pub fn progress(&self) -> &'static str {
        match self.stage {
            Stage::Discover(_) => "Finding the server's sign-in…",
            Stage::Register(_) => "Registering this page with the server…",
            Stage::SignIn => "Waiting for you to sign in, in the window that opened…",
            Stage::Token(_) => "Finishing the sign-in…",
            Stage::Initialize | Stage::Initialized | Stage::List { .. } | Stage::Close
                if self.token.is_none() && self.client_id.is_none() =>
            {
                "Asking the server…"
            }
            Stage::Initialize | Stage::Initialized | Stage::List { .. } | Stage::Close => {
                "Reading the server's tools…"
            }
            Stage::Done | Stage::Failed(_) => "",
        }
    }

    /// What the shell does next.
    pub fn next(&self) -> Next {
        let mcp = &self.params.mcp;
        match &self.stage {
            Stage::Discover(d) => match d.next_request() {
                Some((url, _)) => Next::Fetch(Request {
                    method: Method::Get,
                    url,
                    headers: Vec::new(),
                    body: None,
                    endpoint: Endpoint::Metadata,
                }),
                None => Next::Failed(Failure::Internal),
            },
            Stage::Register(endpoint) => Next::Fetch(Request {
                method: Method::Post,
                url: endpoint.clone(),
                headers: vec![("content-type", "application/json".to_owned())],
                body: Some(oauth::registration(&self.params.redirect_uri)),
                endpoint: Endpoint::Registration,
            }),
            Stage::SignIn => match (&self.learned.authorization_endpoint, &self.client_id) {
                (Some(endpoint), Some(client)) => {
                    let attempt = &self.params.attempts[self.attempt];
                    Next::SignIn(crate::discovery::authorization_url(
                        endpoint,
                        client,
                        &self.params.redirect_uri,
                        &attempt.verifier,
                        &attempt.state,
                        mcp.as_str(),
                        &self.scopes,
                    ))
                }
                _ => Next::Failed(Failure::Internal),
            },
            Stage::Token(code) => Next::Fetch(self.token_post(code)),
            Stage::Initialize => Next::Fetch(self.mcp_post(mcp::initialize(self.next_id))),
            Stage::Initialized => Next::Fetch(self.mcp_post(mcp::initialized())),
            Stage::List { cursor } => {
                Next::Fetch(self.mcp_post(mcp::tools_list(self.next_id, cursor.as_deref())))
            }
            Stage::Close => {
                let mut request = self.mcp_post(String::new());
                request.method = Method::Delete;
                request.body = None;
                request.headers.retain(|(name, _)| *name != "content-type");
                Next::Fetch(request)
            }
            Stage::Done => Next::Connected(Connected {
                tools: crate::server_tools::tools_from_list(&self.tools),
                pages: self.pages,
                capped: self.capped,
                host: mcp.host_str().unwrap_or_default().to_owned(),
            }),
            Stage::Failed(failure) => Next::Failed(failure.clone()),
        }
    }

    /// A POST to the MCP URL: the token to it alone, once there is one;
    /// the session and the protocol version once the server gave them.
    fn mcp_post(&self, body: String) -> Request {
        let mut headers = vec![
            ("content-type", "application/json".to_owned()),
            ("accept", "application/json, text/event-stream".to_owned()),
            (
                "mcp-protocol-version",
                self.protocol
                    .clone()
                    .unwrap_or_else(|| mcp::PROTOCOL_VERSION.to_owned()),
            ),
        ];
        if let Some(token) = &self.token {
            headers.push(("authorization", format!("Bearer {token}")));
        }
        if let Some(session) = &self.session {
            headers.push(("mcp-session-id", session.clone()));
        }
        Request {
            method: Method::Post,
            url: self.params.mcp.clone(),
            headers,
            body: Some(body),
            endpoint: Endpoint::Mcp,
        }
    }

    fn token_post(&self, code: &str) -> Request {
        let url = self
            .learned
            .token_endpoint
            .clone()
            .unwrap_or_else(|| self.params.mcp.clone());
        Request {
            method: Method::Post,
            url,
            headers: vec![(
                "content-type",
                "application/x-www-form-urlencoded".to_owned(),
            )],
            body: Some(oauth::token_request(
                code,
                &self.params.redirect_uri,
                self.client_id.as_deref().unwrap_or_default(),
                &crate::discovery::pkce_verifier(&self.params.attempts[self.attempt].verifier),
                self.params.mcp.as_str(),
            )),
            endpoint: Endpoint::Token,
        }
    }
}
