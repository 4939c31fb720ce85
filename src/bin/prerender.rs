//! Prints the page as it first looks, as HTML, for the build to put in
//! index.html (scripts/csp-hook.mjs): the same Leptos components as the live
//! page, rendered natively with the presets file given as the argument (the
//! one the build ships), or the built-in presets.

use codex_mcp_configurator::presets::{Presets, parse_presets};

fn main() {
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
    print!("{}", codex_mcp_configurator::ui::prerender(presets));
}
