//! The page's second module: the merge panel and the discovery check,
//! loaded by the first module when a tab that shows them first opens (see
//! `src/ui/lazy.rs`). Trunk builds this binary as a separate wasm file; its
//! exports live here, not in the library, so the first module does not
//! export them too.

#[cfg(target_arch = "wasm32")]
mod exports {
    use wasm_bindgen::prelude::wasm_bindgen;
    use web_sys::HtmlElement;

    /// Mounts the panels in their slots (merge, verify, admin), following
    /// the draft `draft`, with the form's `defaults`, the organisation's
    /// requirements and the picker's `catalog`.
    #[wasm_bindgen]
    pub fn mount_extras(
        slots: js_sys::Array,
        draft: String,
        defaults: String,
        organisation: String,
        catalog: String,
    ) {
        use codex_mcp_configurator::ui::extras::{HandOver, Slots, mount_extras};
        use wasm_bindgen::JsCast;
        let slot = |i: u32| slots.get(i).dyn_into::<HtmlElement>().ok();
        if let (Some(merge), Some(verify), Some(admin)) = (slot(0), slot(1), slot(2)) {
            let given = HandOver {
                draft: &draft,
                defaults: &defaults,
                organisation: &organisation,
                catalog: &catalog,
            };
            mount_extras(
                Slots {
                    merge,
                    verify,
                    admin,
                },
                given,
            );
        }
    }

    /// Takes over the prerendered tool picker in its wrapper `island`.
    #[wasm_bindgen]
    pub fn take_over_tools(island: HtmlElement) {
        codex_mcp_configurator::ui::extras::take_over_tools(island);
    }

    /// Takes over the prerendered "Where Codex runs" and Advanced in their
    /// wrapper `island`.
    #[wasm_bindgen]
    pub fn take_over_setup(island: HtmlElement) {
        codex_mcp_configurator::ui::extras::take_over_setup(island);
    }

    /// Hands the panels the draft as it is now.
    #[wasm_bindgen]
    pub fn set_draft(encoded: String) {
        codex_mcp_configurator::ui::extras::set_draft(&encoded);
    }

    /// Hands the panels the imported tool list (compact form), if any.
    #[wasm_bindgen]
    pub fn set_server_tools(compact: Option<String>) {
        codex_mcp_configurator::ui::extras::set_server_tools(compact.as_deref());
    }

    /// Holds the panels' copies back while a share link waits for answers.
    #[wasm_bindgen]
    pub fn set_held(held: bool) {
        codex_mcp_configurator::ui::extras::set_held(held);
    }

    /// Reads an operator's presets file for the first module.
    #[wasm_bindgen]
    pub fn read_presets(text: String) -> String {
        codex_mcp_configurator::ui::extras::read_presets(&text)
    }
}

fn main() {
    // Nothing starts on load: the first module calls the exports above.
}
