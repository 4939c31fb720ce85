//! Prints the page as it first looks, as HTML, for the build to put in
//! index.html (scripts/csp-hook.mjs): the same Leptos components as the live
//! page, rendered natively with the presets file given as the argument (the
//! one the build ships), or the built-in presets; then, after
//! `ui::LINK_BANNER_MARK`, the banner a share link opens the page with.
//!
//! `prerender --client-metadata URL` prints instead the page's client id
//! metadata document for a page served at `URL` (the build writes it
//! beside index.html when it knows the page's public address).

use codex_mcp_configurator::presets::{Presets, parse_presets};

fn main() {
    if std::env::args().nth(1).as_deref() == Some("--client-metadata") {
        return client_metadata(std::env::args().nth(2).unwrap_or_default());
    }
    let presets = match std::env::args_os().nth(1) {
        None => Presets::default(),
        Some(path) => {
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
                eprintln!("prerender: cannot read {}: {e}", path.to_string_lossy());
                std::process::exit(1);
            });
            parse_presets(&text).unwrap_or_else(|e| {
                eprintln!("prerender: {}: {e}", path.to_string_lossy());
                std::process::exit(1);
            })
        }
    };
    use codex_mcp_configurator::share::{PARAMS, link_client_line};
    use codex_mcp_configurator::ui;
    // The page, then the share link's banner for scripts/early.js, with the
    // parameters that make a query a share link, where a draft is kept, how
    // the banner names a link's client (`NAME` in the line), and each
    // offered client's words for a page opened for it.
    let clients = ui::client_words(&presets);
    print!(
        "{}{}<template id=\"link-banner\" data-params=\"{}\" data-draft-key=\"{}\" data-client-line=\"{}\" data-clients=\"{}\">{}</template>",
        ui::prerender(presets),
        ui::LINK_BANNER_MARK,
        PARAMS.join(","),
        ui::DRAFT_STORAGE_KEY,
        link_client_line("NAME"),
        attribute(&clients),
        ui::prerender_link_banner()
    );
}

/// `text` as the value of a double-quoted HTML attribute.
fn attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Prints the client id metadata document of a page served at `page`.
fn client_metadata(page: String) {
    use codex_mcp_configurator::connect::oauth::{METADATA_FILE, metadata_document};
    let parsed = url::Url::parse(&page)
        .ok()
        .filter(|u| u.scheme() == "https" && u.path().ends_with('/'));
    let Some(page) = parsed else {
        eprintln!(
            "prerender: the page's address must be an https URL ending in /, such as https://docs.acme.example/tools/codex/ (got {page:?})"
        );
        std::process::exit(1);
    };
    let (Ok(at), Ok(callback)) = (page.join(METADATA_FILE), page.join("callback.html")) else {
        std::process::exit(1);
    };
    print!("{}", metadata_document(&at, &callback));
}
