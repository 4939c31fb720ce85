//! Text helpers the panels share.

use leptos::prelude::*;

/// A message with its `quoted` parts shown as code (findings, a link's
/// review).
pub fn with_code(message: &str) -> impl IntoView + use<> {
    message
        .split('`')
        .enumerate()
        .map(|(i, part)| {
            let part = part.to_owned();
            if i % 2 == 1 {
                view! { <code>{part}</code> }.into_any()
            } else {
                part.into_any()
            }
        })
        .collect_view()
}
