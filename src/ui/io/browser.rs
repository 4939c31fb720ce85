//! The only module that talks to the browser: location, history, storage
//! and clipboard. Everything returns plain values or errors as text.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

const DRAFT_KEY: &str = DRAFT_STORAGE_KEY;
const PREVIOUS_KEY: &str = "codex-mcp-configurator.previous-draft";
const PASTED_KEY: &str = "codex-mcp-configurator.pasted-config";
const TOOLS_KEY: &str = "codex-mcp-configurator.server-tools";
const REVIEW_KEY: &str = "codex-mcp-configurator.link-under-review";

/// Whether this is the live page, not the build's prerendered HTML: what
/// only works once the WebAssembly runs (Copy buttons) is disabled before.
pub const LIVE: bool = cfg!(target_arch = "wasm32");

/// Where this browser keeps the draft (share-link format); the early
/// script reads it too, to paint a saved draft's name and URL.
pub const DRAFT_STORAGE_KEY: &str = "codex-mcp-configurator.draft";

/// The browser window; none when the build prerenders the page natively,
/// so that every helper here answers "nothing saved, nothing to do" there.
pub fn window() -> Option<web_sys::Window> {
    if LIVE { web_sys::window() } else { None }
}

/// The page's query string, with its leading `?` (empty when none).
pub fn page_query() -> String {
    window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// The page's address without query or fragment, the base of share links.
pub fn page_address() -> String {
    window()
        .and_then(|w| {
            let location = w.location();
            Some(format!(
                "{}{}",
                location.origin().ok()?,
                location.pathname().ok()?
            ))
        })
        .unwrap_or_default()
}

/// Drops the query from the address bar without reloading, so a reload
/// restores the person's own draft rather than the link they opened.
pub fn forget_page_query() {
    if let Some(history) = window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&page_address()));
    }
}

fn storage() -> Option<web_sys::Storage> {
    window().and_then(|w| w.local_storage().ok().flatten())
}

fn tab_storage() -> Option<web_sys::Storage> {
    window().and_then(|w| w.session_storage().ok().flatten())
}

/// The config.toml pasted into the merge panel earlier in this tab.
pub fn saved_pasted_config() -> Option<String> {
    tab_storage().and_then(|s| s.get_item(PASTED_KEY).ok().flatten())
}

/// Keeps the pasted config.toml for a reload of this tab only (session
/// storage): it may hold secrets, so it is never written where it outlives
/// the tab. Storage errors are ignored.
pub fn save_pasted_config(text: &str) {
    if let Some(s) = tab_storage() {
        let _ = if text.is_empty() {
            s.remove_item(PASTED_KEY)
        } else {
            s.set_item(PASTED_KEY, text)
        };
    }
}

/// The time of day, `14:05`, for a status line.
pub fn clock_time() -> String {
    let now = js_sys::Date::new_0();
    format!("{:02}:{:02}", now.get_hours(), now.get_minutes())
}

/// Where this tab keeps the client the connect flow registered.
const CONNECT_CLIENT_KEY: &str = "codex-connect-client";

/// The client the connect flow registered in this tab: (registration
/// endpoint, client id). A client id is no secret; it lives as long as the tab.
pub fn registered_client() -> Option<(String, String)> {
    let kept = tab_storage()?.get_item(CONNECT_CLIENT_KEY).ok().flatten()?;
    let (endpoint, id) = kept.split_once('\n')?;
    Some((endpoint.to_owned(), id.to_owned()))
}

/// Keeps the client the connect flow registered, for this tab.
pub fn keep_registered_client(endpoint: &str, id: &str) {
    if let Some(s) = tab_storage() {
        let _ = s.set_item(CONNECT_CLIENT_KEY, &format!("{endpoint}\n{id}"));
    }
}

/// The page's sign-in callback (`callback.html` beside it): the redirect URI
/// the connect flow registers and an operator registers for
/// `browser_client_id`.
pub fn callback_url() -> Option<url::Url> {
    let base = window()?.document()?.base_uri().ok().flatten()?;
    url::Url::parse(&base).ok()?.join("callback.html").ok()
}

/// The server's tools imported in this browser (a `tools/list` result).
pub fn saved_server_tools() -> Option<String> {
    storage().and_then(|s| s.get_item(TOOLS_KEY).ok().flatten())
}

/// Keeps the imported tool list with the draft in this browser (never in a
/// link); `None` forgets it. Storage errors are ignored.
pub fn save_server_tools(encoded: Option<&str>) {
    if let Some(s) = storage() {
        let _ = match encoded {
            Some(encoded) => s.set_item(TOOLS_KEY, encoded),
            None => s.remove_item(TOOLS_KEY),
        };
    }
}

/// The draft saved by the last visit, in share-link format.
pub fn saved_draft() -> Option<String> {
    storage().and_then(|s| s.get_item(DRAFT_KEY).ok().flatten())
}

/// Saves the draft (share-link format); storage errors (private mode, quota) are ignored.
pub fn save_draft(encoded: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(DRAFT_KEY, encoded);
    }
}

/// The query of a share link whose findings the person has not answered
/// yet: the saved draft may hold its values.
pub fn link_under_review() -> Option<String> {
    storage().and_then(|s| s.get_item(REVIEW_KEY).ok().flatten())
}

/// Keeps the query of the link under review until every finding is
/// answered (`None` then forgets it), so a reload asks again rather than
/// taking the link's values for the person's own. Storage errors are ignored.
pub fn keep_link_under_review(query: Option<&str>) {
    if let Some(s) = storage() {
        let _ = match query {
            Some(query) => s.set_item(REVIEW_KEY, query),
            None => s.remove_item(REVIEW_KEY),
        };
    }
}

/// Keeps the draft a share link replaced, so it can be restored.
pub fn save_previous_draft(encoded: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(PREVIOUS_KEY, encoded);
    }
}

/// Takes the draft a share link replaced (removing it from storage).
pub fn take_previous_draft() -> Option<String> {
    let s = storage()?;
    let value = s.get_item(PREVIOUS_KEY).ok().flatten();
    let _ = s.remove_item(PREVIOUS_KEY);
    value
}

/// Whether a previous draft is waiting to be restored.
pub fn has_previous_draft() -> bool {
    storage().is_some_and(|s| s.get_item(PREVIOUS_KEY).ok().flatten().is_some())
}

/// Sets the window's title.
pub fn set_title(title: &str) {
    if let Some(document) = window().and_then(|w| w.document()) {
        document.set_title(title);
    }
}

/// The element with `id`.
pub fn element(id: &str) -> Option<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    window()?.document()?.get_element_by_id(id)?.dyn_into().ok()
}

/// The element with `id`, with any `<details>` around it opened so it shows.
fn revealed(id: &str) -> Option<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    let element = window()?.document()?.get_element_by_id(id)?;
    if let Ok(Some(details)) = element.closest("details") {
        let _ = details.set_attribute("open", "");
    }
    element.dyn_into().ok()
}

/// Resolves in the next task: what comes after waits for the browser to
/// paint and handle input (a takeover step per task).
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = window() {
            let _ = w.set_timeout_with_callback(&resolve);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Whether the person pressed something in the part `id` (or a part inside
/// it) before it was live: the early script marks such a part `data-pressed`.
pub fn pressed(id: &str) -> bool {
    element(id).is_some_and(|e| {
        e.has_attribute("data-pressed")
            || e.query_selector("[data-pressed]").ok().flatten().is_some()
    })
}

/// Opens any `<details>` around the element with `id`, so it shows.
pub fn reveal(id: &str) {
    let _ = revealed(id);
}

/// Moves keyboard focus to the element with `id`, if there is one.
pub fn focus(id: &str) {
    if let Some(element) = revealed(id) {
        let _ = element.focus();
    }
}

/// `host` as the browser's URL parser writes it: an internationalized
/// domain name in punycode (UTS #46, as the WHATWG URL standard says).
pub fn domain_to_ascii(host: &str) -> Option<String> {
    web_sys::Url::new(&format!("https://{host}/"))
        .ok()
        .map(|url| url.hostname())
}

/// Copies `text` to the clipboard.
pub async fn copy_text(text: &str) -> Result<(), String> {
    let clipboard = window().ok_or("no window")?.navigator().clipboard();
    JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|_| {
            "The browser refused clipboard access; select the text and press Ctrl+C (⌘C on a Mac)."
                .to_owned()
        })
}

/// 32 random bytes from the browser's CSPRNG (for the PKCE preview).
pub fn random_bytes() -> [u8; 32] {
    let mut bytes = [0u8; 32];
    if let Some(crypto) = window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    bytes
}

/// A random `state` value for the preview.
pub fn random_token() -> String {
    random_bytes()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The exact bytes of a file the person chose or dropped; `Err` says why
/// it could not be read.
pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| "The browser could not read that file. Try opening it again.".to_owned())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Saves `bytes` as a download named `name`, exactly as given.
pub fn download(name: &str, bytes: &[u8]) -> Result<(), String> {
    let failed = || "The browser refused the download. Copy the file instead.".to_owned();
    let document = window().and_then(|w| w.document()).ok_or_else(failed)?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/toml");
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| failed())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| failed())?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| failed())?
        .dyn_into()
        .map_err(|_| failed())?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // Later, so the download has surely read the blob.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}
