//! Component tests in headless Chromium: mount the app, type, read the DOM.
//! Run with `cargo test --target wasm32-unknown-unknown --test web`.
#![cfg(target_arch = "wasm32")]

use codex_mcp_configurator::presets::Presets;
use codex_mcp_configurator::ui::{App, Start};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Lets Leptos run its scheduled effects.
async fn settle() {
    for _ in 0..3 {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                .unwrap();
        });
        JsFuture::from(promise).await.unwrap();
    }
}

/// Mounts a fresh app (no saved draft, nothing pasted) in its own container.
async fn mount() -> HtmlElement {
    let window = web_sys::window().unwrap();
    window.local_storage().unwrap().unwrap().clear().unwrap();
    window.session_storage().unwrap().unwrap().clear().unwrap();
    let document = window.document().unwrap();
    let container: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&container).unwrap();
    leptos::mount::mount_to(container.clone(), || {
        let presets = Presets::default();
        let start = Start::from_browser(&presets.defaults);
        view! { <App presets=presets start=start /> }
    })
    .forget();
    settle().await;
    container
}

fn by_testid(root: &HtmlElement, id: &str) -> Option<HtmlElement> {
    root.query_selector(&format!("[data-testid=\"{id}\"]"))
        .unwrap()
        .map(JsCast::unchecked_into)
}

fn text(root: &HtmlElement, id: &str) -> String {
    by_testid(root, id)
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

async fn type_into(root: &HtmlElement, id: &str, value: &str) {
    let input: HtmlInputElement = by_testid(root, id).expect(id).unchecked_into();
    input.set_value(value);
    let event = web_sys::Event::new_with_event_init_dict("input", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    input.dispatch_event(&event).unwrap();
    settle().await;
}

#[wasm_bindgen_test]
async fn starts_with_the_default_name_and_no_outputs() {
    let root = mount().await;
    let name: HtmlInputElement = by_testid(&root, "name-input").unwrap().unchecked_into();
    assert_eq!(name.value(), "kfuse");
    assert_eq!(
        text(&root, "config-toml"),
        "",
        "no URL yet, so nothing to copy"
    );
    // Nothing typed yet: the empty URL is not an error on screen, but the
    // outputs say what they need.
    assert!(by_testid(&root, "url-error").is_none());
    let url: HtmlInputElement = by_testid(&root, "url-input").unwrap().unchecked_into();
    assert_eq!(url.get_attribute("aria-invalid").as_deref(), Some("false"));
    assert!(
        root.text_content()
            .unwrap()
            .contains("Fill in or fix the cluster URL to get the commands.")
    );
    // Leaving the field empty is what shows the error.
    let blur = web_sys::Event::new("blur").unwrap();
    url.dispatch_event(&blur).unwrap();
    settle().await;
    assert!(text(&root, "url-error").contains("Enter your cluster's URL"));
    assert_eq!(url.get_attribute("aria-invalid").as_deref(), Some("true"));
    root.remove();
}

#[wasm_bindgen_test]
async fn typing_a_url_fills_every_output() {
    let root = mount().await;
    type_into(&root, "url-input", "Acme.Kloudfuse.io").await;
    assert!(by_testid(&root, "url-error").is_none());
    assert!(text(&root, "url-normalized").contains("https://acme.kloudfuse.io/mcp"));
    assert!(text(&root, "config-toml").contains("url = \"https://acme.kloudfuse.io/mcp\""));
    assert!(
        text(&root, "cli-posix") == "codex mcp add kfuse --url https://acme.kloudfuse.io/mcp\n"
    );
    assert!(
        text(&root, "cli-powershell")
            == "codex mcp add kfuse --url https://acme.kloudfuse.io/mcp\n"
    );
    assert!(text(&root, "sign-in-note").contains("opens your browser to sign in"));
    assert!(text(&root, "app-fields").contains("URL: https://acme.kloudfuse.io/mcp"));
    assert!(text(&root, "share-link").ends_with("?url=https%3A%2F%2Facme.kloudfuse.io%2Fmcp"));
    root.remove();
}

#[wasm_bindgen_test]
async fn an_invalid_name_shows_its_error_and_disables_copying() {
    let root = mount().await;
    type_into(&root, "url-input", "acme.io").await;
    type_into(&root, "name-input", "k fuse").await;
    assert!(text(&root, "name-error").contains("a space is not allowed in a server name"));
    assert_eq!(text(&root, "config-toml"), "");
    let copy = by_testid(&root, "copy-config-toml").unwrap();
    assert!(
        copy.unchecked_into::<web_sys::HtmlButtonElement>()
            .disabled()
    );
    type_into(&root, "name-input", "kfuse.prod").await;
    assert!(by_testid(&root, "name-error").is_none());
    assert!(
        by_testid(&root, "version-note").is_none(),
        "the newest Codex takes it"
    );
    assert!(text(&root, "config-toml").starts_with("[mcp_servers.\"kfuse.prod\"]"));
    // Codex 0.130's `mcp add` refuses the dot: the note says so where the name is.
    type_into(&root, "codex-version-input", "0.130").await;
    assert!(text(&root, "name-error").contains("Codex 0.130 takes only letters"));
    assert!(by_testid(&root, "version-note").is_some());
    assert_eq!(text(&root, "config-toml"), "");
    root.remove();
}

#[wasm_bindgen_test]
async fn every_output_stays_in_the_dom_whichever_tab_is_shown() {
    let root = mount().await;
    type_into(&root, "url-input", "acme.io").await;
    for id in [
        "cli-posix",
        "cli-powershell",
        "config-toml",
        "app-fields",
        "share-link",
    ] {
        assert!(by_testid(&root, id).is_some(), "{id} in the DOM");
        assert!(!text(&root, id).is_empty(), "{id} filled");
    }
    root.remove();
}

/// Mounts the page and opens each tab whose panel loads later (merge,
/// Verify, administrators), as a person does, with acme.kloudfuse.io typed.
async fn mount_with_every_panel() -> HtmlElement {
    let root = mount().await;
    type_into(&root, "url-input", "acme.kloudfuse.io").await;
    for tab in ["tab-config", "tab-verify", "tab-admin", "tab-terminal"] {
        by_testid(&root, tab).expect(tab).click();
        settle().await;
    }
    settle().await;
    root
}

#[wasm_bindgen_test]
async fn pasting_a_config_shows_its_findings_and_the_merged_file() {
    let root = mount_with_every_panel().await;
    assert!(
        by_testid(&root, "discovery-run").is_some(),
        "every panel mounts"
    );
    for id in [
        "verify-commands",
        "tools-import",
        "admin-requirements",
        "admin-managed-config",
    ] {
        assert!(by_testid(&root, id).is_some(), "{id} mounts with its panel");
    }
    type_into(
        &root,
        "merge-input",
        "[mcp.servers.docs]\nurl = \"https://docs.example/mcp\"\n",
    )
    .await;
    let findings = by_testid(&root, "merge-diagnostics").unwrap();
    assert_eq!(findings.child_element_count(), 1, "one finding, one child");
    let finding = findings.first_element_child().unwrap();
    assert_eq!(
        finding.get_attribute("data-kind").as_deref(),
        Some("wrong-table-name")
    );
    let merged = text(&root, "merged-config");
    assert!(merged.starts_with("[mcp.servers.docs]\n"), "{merged}");
    assert!(merged.contains("[mcp_servers.kfuse]"), "{merged}");

    // The fix button rewrites the pasted text, and the finding goes away.
    let button: HtmlElement = finding
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    button.click();
    settle().await;
    assert_eq!(findings.child_element_count(), 0);
    assert!(text(&root, "merged-config").starts_with("[mcp_servers.docs]\n"));

    // The panel follows the page's one draft: a new name merges as a new entry.
    type_into(&root, "name-input", "kfuse.prod").await;
    let merged = text(&root, "merged-config");
    assert!(merged.contains("[mcp_servers.\"kfuse.prod\"]"), "{merged}");
    root.remove();
}

#[wasm_bindgen_test]
async fn each_app_field_copies_exactly_its_value() {
    let root = mount().await;
    type_into(&root, "url-input", "acme.kloudfuse.io").await;
    // Record what the page hands the clipboard.
    let window = web_sys::window().unwrap();
    let clipboard = window.navigator().clipboard();
    let record = js_sys::Function::new_with_args(
        "text",
        "window.__copied = text; return Promise.resolve();",
    );
    js_sys::Reflect::set(&clipboard, &"writeText".into(), &record).unwrap();
    let rows = root
        .query_selector_all("[data-testid=\"app-field\"]")
        .unwrap();
    let mut copied = Vec::new();
    for i in 0..rows.length() {
        let row: HtmlElement = rows.item(i).unwrap().unchecked_into();
        let label = row.get_attribute("data-field").unwrap();
        let Some(button) = row
            .query_selector("[data-testid=\"app-field-copy\"]")
            .unwrap()
        else {
            assert!(
                row.text_content().unwrap().contains("Leave empty"),
                "{label}"
            );
            continue;
        };
        button.unchecked_into::<HtmlElement>().click();
        settle().await;
        let value = js_sys::Reflect::get(&window, &"__copied".into())
            .unwrap()
            .as_string()
            .unwrap_or_default();
        copied.push((label, value));
    }
    assert_eq!(
        copied,
        [
            ("Name".to_owned(), "kfuse".to_owned()),
            ("Transport".to_owned(), "Streamable HTTP".to_owned()),
            ("URL".to_owned(), "https://acme.kloudfuse.io/mcp".to_owned()),
        ]
    );
    root.remove();
}
