//! The values to type into the Codex desktop app's "Connect to a custom MCP" form.

use crate::model::ServerConfig;

/// One field of the app's form and what goes into it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppField {
    /// The field's label in the app.
    pub label: &'static str,
    /// What to enter; `None` means leave the field empty.
    pub value: Option<String>,
}

/// The app's form, field by field.
pub fn app_fields(config: &ServerConfig) -> Vec<AppField> {
    vec![
        AppField {
            label: "Name",
            value: Some(config.name.clone()),
        },
        AppField {
            label: "Transport",
            value: Some("Streamable HTTP".to_owned()),
        },
        AppField {
            label: "URL",
            value: Some(config.url_text().to_owned()),
        },
        AppField {
            label: "Bearer token env var",
            value: config.bearer_token_env_var.clone(),
        },
        AppField {
            label: "Headers",
            value: None,
        },
        AppField {
            label: "Headers from environment variables",
            value: None,
        },
    ]
}

/// The form as text, one `Label: value` line per field.
pub fn render_app_fields(config: &ServerConfig) -> String {
    app_fields(config)
        .iter()
        .map(|field| {
            let value = field.value.as_deref().unwrap_or("(leave empty)");
            format!("{}: {value}\n", field.label)
        })
        .collect()
}
