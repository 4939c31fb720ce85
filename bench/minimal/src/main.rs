//! A minimal Leptos CSR page: one input, one output derived from it.
use leptos::prelude::*;

fn main() {
    leptos::mount::mount_to_body(|| {
        let text = RwSignal::new(String::from("acme.example"));
        view! {
            <input data-testid="url-input" prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev)) />
            <pre data-testid="output">{move || format!("url = \"https://{}/mcp\"", text.get())}</pre>
        }
    });
}
