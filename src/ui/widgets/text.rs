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

/// A room's text with its marks: `code` in backquotes, **strong** in double
/// stars, and [a link](https://…) (only to https pages).
pub fn rich(text: &str) -> impl IntoView + use<> {
    let mut views = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    let flush = |plain: &mut String, views: &mut Vec<AnyView>| {
        if !plain.is_empty() {
            views.push(std::mem::take(plain).into_any());
        }
    };
    while let Some(c) = rest.chars().next() {
        let marked = if let Some(after) = rest.strip_prefix('`') {
            after
                .split_once('`')
                .map(|(code, after)| (view! { <code>{code.to_owned()}</code> }.into_any(), after))
        } else if let Some(after) = rest.strip_prefix("**") {
            after.split_once("**").map(|(strong, after)| {
                (
                    view! { <strong>{strong.to_owned()}</strong> }.into_any(),
                    after,
                )
            })
        } else if let Some(after) = rest.strip_prefix('[') {
            after.split_once("](").and_then(|(label, after)| {
                let (href, after) = after.split_once(')')?;
                href.starts_with("https://").then(|| {
                    let view = view! { <a href=href.to_owned()>{label.to_owned()}</a> };
                    (view.into_any(), after)
                })
            })
        } else {
            None
        };
        match marked {
            Some((view, after)) => {
                flush(&mut plain, &mut views);
                views.push(view);
                rest = after;
            }
            None => {
                plain.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    flush(&mut plain, &mut views);
    views
}
