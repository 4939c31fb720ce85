//! Entry point of the page: mounts the Leptos app. Trunk builds this binary.

#[cfg(target_arch = "wasm32")]
fn main() {
    codex_mcp_configurator::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This is a web page: serve it with `trunk serve` (see README.md).");
}
