//! Every network call of the page: the discovery check's plain GETs, made
//! as DISCOVERY.md asks — no credentials, no custom headers (so no CORS
//! preflight), redirects not followed blindly, a timeout per request and a
//! 1 MiB cap on bodies — its one POST (`initialize` without a token, as the
//! spec's clients first ask), and the connect flow's requests, which the
//! `connect` state machine plans (no credentials either, never a
//! redirect).

use js_sys::{Reflect, Uint8Array};
use url::Url;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, ReadableStreamDefaultReader, RequestCredentials, RequestInit, RequestMode,
    RequestRedirect, Response, ResponseType,
};

use crate::discovery::{MAX_BODY_BYTES, Outcome, TIMEOUT_SECS};
use crate::presets::PRESETS_FILE;

/// The text of `presets.toml` (`None`: no usable file), when the release
/// build's loader has already read it (scripts/csp-hook.mjs): no waiting
/// for another task.
pub fn presets_already_read() -> Option<Option<String>> {
    let window = web_sys::window()?;
    let key = JsValue::from_str("__codexPresetsText");
    if !Reflect::has(&window, &key).unwrap_or(false) {
        return None;
    }
    Some(Reflect::get(&window, &key).ok()?.as_string())
}

/// Loads the operator's `presets.toml` from next to the page: its text, or
/// `None` when it is missing or unreachable (the built-in defaults apply).
pub async fn load_presets() -> Option<String> {
    // The release build's loader starts the request before the wasm has
    // even compiled (scripts/csp-hook.mjs); otherwise fetch it now.
    let early = web_sys::window()
        .and_then(|w| Reflect::get(&w, &"__codexPresets".into()).ok())
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
    if let Some(early) = early {
        return JsFuture::from(early).await.ok().and_then(|t| t.as_string());
    }
    let url = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|base| Url::parse(&base).ok())
        .and_then(|base| base.join(PRESETS_FILE).ok())?;
    match get(&url, RequestRedirect::Follow).await {
        Ok(response) if response.ok() => JsFuture::from(response.text().ok()?)
            .await
            .ok()
            .and_then(|t| t.as_string()),
        _ => None,
    }
}

/// The client id metadata document served beside the page
/// (`client-metadata.json`), when it fits this page: its URL is then the
/// page's client id where a server takes them.
pub async fn own_metadata_document(callback: &Url) -> Option<Url> {
    let at = callback.join(crate::connect::oauth::METADATA_FILE).ok()?;
    if at.scheme() != "https" {
        return None;
    }
    let response = get(&at, RequestRedirect::Error).await.ok()?;
    if !response.ok() {
        return None;
    }
    let body = read_capped(response.body(), 64 * 1024).await.ok()?;
    crate::connect::oauth::document_fits(&body, &at, callback).then_some(at)
}

/// Fetches `url` once and reports what the browser could see of it.
pub async fn observe(url: &Url) -> Outcome {
    match get(url, RequestRedirect::Manual).await {
        Ok(response) if response.type_() == ResponseType::Opaqueredirect => follow(url).await,
        Ok(response) => read(response, None).await,
        Err(failure) => failure,
    }
}

/// Asks the MCP endpoint as the spec's clients do before signing in: a
/// POST of `initialize` without a token, whose answer carries the sign-in
/// challenge (a standard server sends it only to a POST).
pub async fn challenge(url: &Url) -> Outcome {
    use crate::connect::{Endpoint, Method, Observed, Request, mcp};
    let request = Request {
        method: Method::Post,
        url: url.clone(),
        headers: vec![
            ("content-type", "application/json".to_owned()),
            ("accept", "application/json, text/event-stream".to_owned()),
        ],
        body: Some(mcp::initialize(1)),
        endpoint: Endpoint::Mcp,
    };
    match send(&request).await {
        Observed::Answer {
            status,
            challenge,
            body,
            ..
        } => Outcome::Response {
            status,
            www_authenticate: challenge,
            body,
            redirected_to: None,
        },
        Observed::Blocked => Outcome::Blocked,
        Observed::Timeout => Outcome::Timeout,
        Observed::TooLarge => Outcome::TooLarge,
    }
}

/// A redirect was seen but its target is hidden from `manual` mode: fetch
/// again following it, to learn where it leads.
async fn follow(url: &Url) -> Outcome {
    match get(url, RequestRedirect::Follow).await {
        Ok(response) => {
            let target = Url::parse(&response.url()).ok();
            read(response, target).await
        }
        Err(Outcome::Timeout) => Outcome::Timeout,
        Err(_) => Outcome::UnreadableRedirect,
    }
}

/// Makes one request the connect flow planned, and says what the browser
/// saw of it: the status and the headers it lets the page read, and at most
/// [`crate::server_tools::MAX_IMPORT_BYTES`] of body.
pub async fn send(request: &crate::connect::Request) -> crate::connect::Observed {
    use crate::connect::{Method, Observed};
    let Some(window) = web_sys::window() else {
        return Observed::Blocked;
    };
    let Some(deadline) = Deadline::start() else {
        return Observed::Blocked;
    };
    let init = RequestInit::new();
    init.set_method(match request.method {
        Method::Get => "GET",
        Method::Post => "POST",
        Method::Delete => "DELETE",
    });
    init.set_mode(RequestMode::Cors);
    init.set_credentials(RequestCredentials::Omit);
    // A redirect could carry the token elsewhere: none is followed.
    init.set_redirect(RequestRedirect::Error);
    init.set_signal(Some(&deadline.controller.signal()));
    if let Ok(headers) = web_sys::Headers::new() {
        for (name, value) in &request.headers {
            let _ = headers.set(name, value);
        }
        init.set_headers(&headers);
    }
    if let Some(body) = &request.body {
        init.set_body(&JsValue::from_str(body));
    }
    let response: Response =
        match JsFuture::from(window.fetch_with_str_and_init(request.url.as_str(), &init)).await {
            Ok(response) => response.unchecked_into(),
            Err(_) if deadline.expired() => return Observed::Timeout,
            Err(_) => return Observed::Blocked,
        };
    drop(deadline);
    let header = |name: &str| response.headers().get(name).ok().flatten();
    let (content_type, session, challenge) = (
        header("content-type"),
        header("mcp-session-id"),
        header("www-authenticate"),
    );
    match read_capped(response.body(), crate::server_tools::MAX_IMPORT_BYTES).await {
        Ok(body) => Observed::Answer {
            status: response.status(),
            content_type,
            session,
            challenge,
            body,
        },
        Err(Outcome::TooLarge) => Observed::TooLarge,
        Err(Outcome::Timeout) => Observed::Timeout,
        Err(_) => Observed::Blocked,
    }
}

struct Deadline {
    controller: AbortController,
    handle: i32,
}

impl Deadline {
    fn start() -> Option<Self> {
        let controller = AbortController::new().ok()?;
        let abort = controller.clone();
        let callback = wasm_bindgen::closure::Closure::once_into_js(move || abort.abort());
        let handle = web_sys::window()?
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                callback.unchecked_ref(),
                (TIMEOUT_SECS * 1000) as i32,
            )
            .ok()?;
        Some(Self { controller, handle })
    }

    fn expired(&self) -> bool {
        self.controller.signal().aborted()
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            window.clear_timeout_with_handle(self.handle);
        }
    }
}

async fn get(url: &Url, redirect: RequestRedirect) -> Result<Response, Outcome> {
    let window = web_sys::window().ok_or(Outcome::Blocked)?;
    let deadline = Deadline::start().ok_or(Outcome::Blocked)?;
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_mode(RequestMode::Cors);
    // Same-origin requests (the presets file) may use the host's cookies.
    let same_origin = window.location().origin().ok().as_deref()
        == Some(url.origin().ascii_serialization().as_str());
    init.set_credentials(if same_origin {
        RequestCredentials::SameOrigin
    } else {
        RequestCredentials::Omit
    });
    init.set_redirect(redirect);
    init.set_signal(Some(&deadline.controller.signal()));
    match JsFuture::from(window.fetch_with_str_and_init(url.as_str(), &init)).await {
        Ok(response) => Ok(response.unchecked_into()),
        Err(_) if deadline.expired() => Err(Outcome::Timeout),
        Err(_) => Err(Outcome::Blocked),
    }
}

/// Reads the status, the `WWW-Authenticate` header (when exposed) and at
/// most [`MAX_BODY_BYTES`] of body.
async fn read(response: Response, redirected_to: Option<Url>) -> Outcome {
    let status = response.status();
    let www_authenticate = response.headers().get("WWW-Authenticate").ok().flatten();
    match read_capped(response.body(), MAX_BODY_BYTES).await {
        Ok(body) => Outcome::Response {
            status,
            www_authenticate,
            body,
            redirected_to,
        },
        Err(failure) => failure,
    }
}

/// Reads at most `cap` bytes of a body, in time; `Err` says why not.
async fn read_capped(
    stream: Option<web_sys::ReadableStream>,
    cap: usize,
) -> Result<Vec<u8>, Outcome> {
    let Some(stream) = stream else {
        return Ok(Vec::new());
    };
    let Some(deadline) = Deadline::start() else {
        return Err(Outcome::Blocked);
    };
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut body = Vec::new();
    loop {
        let chunk = match JsFuture::from(reader.read()).await {
            Ok(chunk) => chunk,
            Err(_) if deadline.expired() => return Err(Outcome::Timeout),
            Err(_) => return Err(Outcome::Blocked),
        };
        if deadline.expired() {
            let _ = reader.cancel();
            return Err(Outcome::Timeout);
        }
        if Reflect::get(&chunk, &JsValue::from_str("done"))
            .ok()
            .and_then(|d| d.as_bool())
            == Some(true)
        {
            break;
        }
        let Ok(value) = Reflect::get(&chunk, &JsValue::from_str("value")) else {
            break;
        };
        let bytes: Uint8Array = value.unchecked_into();
        if body.len() + bytes.length() as usize > cap {
            let _ = reader.cancel();
            return Err(Outcome::TooLarge);
        }
        body.extend(bytes.to_vec());
    }
    Ok(body)
}
