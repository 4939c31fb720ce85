//! The draft as form-encoded text, for the page's second module.

use super::{ApprovalMode, ConfigLocation, Draft};

impl Draft {
    /// Every field, losslessly, as `application/x-www-form-urlencoded` text:
    /// how the page hands the draft to its lazily loaded second module. Unlike
    /// a share link this keeps everything as typed (it never leaves the page).
    pub fn encode(&self) -> String {
        let mut out = url::form_urlencoded::Serializer::new(String::new());
        for (key, value) in [
            ("name", &self.name),
            ("url", &self.url),
            ("startup_timeout_sec", &self.startup_timeout_sec),
            ("tool_timeout_sec", &self.tool_timeout_sec),
            ("scopes", &self.scopes),
            ("oauth_resource", &self.oauth_resource),
            ("oauth_client_id", &self.oauth_client_id),
            ("bearer_token_env_var", &self.bearer_token_env_var),
            ("location", &self.location.as_str().to_owned()),
            ("codex", &self.codex),
        ] {
            out.append_pair(key, value);
        }
        for (key, on) in [
            ("enabled", self.enabled),
            ("required", self.required),
            ("allow_only", self.tools.allow_only),
            ("remote", self.remote),
        ] {
            out.append_pair(key, if on { "1" } else { "0" });
        }
        for tool in &self.tools.enabled_tools {
            out.append_pair("enabled_tool", tool);
        }
        for tool in &self.tools.disabled_tools {
            out.append_pair("disabled_tool", tool);
        }
        if let Some(mode) = self.default_approval {
            out.append_pair("default_approval", mode.as_str());
        }
        for (tool, mode) in &self.tool_approvals {
            out.append_pair("tool_approval", &format!("{}:{tool}", mode.as_str()));
        }
        out.finish()
    }

    /// The draft [`Draft::encode`] wrote; unknown keys are ignored and missing
    /// ones keep [`Draft::default`]'s value.
    pub fn decode(encoded: &str) -> Self {
        let mut draft = Self::default();
        for (key, value) in url::form_urlencoded::parse(encoded.as_bytes()) {
            let value = value.into_owned();
            match &*key {
                "name" => draft.name = value,
                "url" => draft.url = value,
                "startup_timeout_sec" => draft.startup_timeout_sec = value,
                "tool_timeout_sec" => draft.tool_timeout_sec = value,
                "scopes" => draft.scopes = value,
                "oauth_resource" => draft.oauth_resource = value,
                "oauth_client_id" => draft.oauth_client_id = value,
                "bearer_token_env_var" => draft.bearer_token_env_var = value,
                "codex" => draft.codex = value,
                "enabled" => draft.enabled = value == "1",
                "required" => draft.required = value == "1",
                "allow_only" => draft.tools.allow_only = value == "1",
                "remote" => draft.remote = value == "1",
                "location" => draft.location = ConfigLocation::parse(&value).unwrap_or_default(),
                "enabled_tool" => draft.tools.enabled_tools.push(value),
                "disabled_tool" => draft.tools.disabled_tools.push(value),
                "default_approval" => draft.default_approval = ApprovalMode::parse(&value),
                "tool_approval" => {
                    if let Some((mode, tool)) = value.split_once(':')
                        && let Some(mode) = ApprovalMode::parse(mode)
                    {
                        draft.tool_approvals.push((tool.to_owned(), mode));
                    }
                }
                _ => {}
            }
        }
        draft
    }
}
