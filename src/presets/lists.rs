//! The keys of `presets.toml` that are lists of values, each checked:
//! the hosts the organisation runs, the clients offered, the redirect URIs
//! the cluster admits; and the organisation's Codex requirements.

use toml::de::DeValue;

use super::PresetsError;
use super::read::{Reader, Table};
use crate::model::Client;
use crate::validate::{HostPattern, Requirements};

impl Reader<'_> {
    /// `trusted_hosts = ["host", "*.domain"]`, each pattern checked.
    pub(super) fn trusted_hosts(&self, root: &Table) -> Result<Vec<HostPattern>, PresetsError> {
        let Some(value) = root.get("trusted_hosts") else {
            return Ok(Vec::new());
        };
        let DeValue::Array(list) = value.get_ref() else {
            return Err(self.error(
                Some(value.span()),
                "`trusted_hosts` must be a list of host names, such as [\"observability.acme.example\", \"*.corp.acme.example\"].",
            ));
        };
        let mut patterns = Vec::new();
        for item in list.iter() {
            let DeValue::String(typed) = item.get_ref() else {
                return Err(self.error(
                    Some(item.span()),
                    "each entry of `trusted_hosts` must be a host name in quotes.",
                ));
            };
            let pattern = HostPattern::parse(typed).map_err(|problem| {
                self.error(Some(item.span()), format!("trusted_hosts: {problem}"))
            })?;
            if !patterns.contains(&pattern) {
                patterns.push(pattern);
            }
        }
        Ok(patterns)
    }

    /// `clients = ["codex", "claude-code", …]`: the clients offered, in
    /// order, at least one, each once.
    pub(super) fn clients(&self, root: &Table) -> Result<Option<Vec<Client>>, PresetsError> {
        let Some(value) = root.get("clients") else {
            return Ok(None);
        };
        let known = Client::ALL
            .iter()
            .map(|c| format!("\"{}\"", c.id()))
            .collect::<Vec<_>>()
            .join(", ");
        let DeValue::Array(list) = value.get_ref() else {
            return Err(self.error(
                Some(value.span()),
                format!("`clients` must be a list of the clients to offer, from {known}."),
            ));
        };
        let mut clients = Vec::new();
        for item in list.iter() {
            let client = match item.get_ref() {
                DeValue::String(id) => Client::parse(id),
                _ => None,
            }
            .ok_or_else(|| {
                self.error(
                    Some(item.span()),
                    format!("each entry of `clients` is one of {known}, in quotes."),
                )
            })?;
            if clients.contains(&client) {
                return Err(self.error(
                    Some(item.span()),
                    format!("`clients` lists \"{}\" twice.", client.id()),
                ));
            }
            clients.push(client);
        }
        if clients.is_empty() {
            return Err(self.error(
                Some(value.span()),
                format!("`clients` must offer at least one client, from {known}."),
            ));
        }
        Ok(Some(clients))
    }

    /// `allowed_redirect_uris = ["http://localhost:*", …]`: the cluster's
    /// `AllowedRedirectURIs`, each an absolute URI (`*` for any run of
    /// characters).
    pub(super) fn redirect_uris(&self, root: &Table) -> Result<Option<Vec<String>>, PresetsError> {
        let Some(value) = root.get("allowed_redirect_uris") else {
            return Ok(None);
        };
        let DeValue::Array(list) = value.get_ref() else {
            return Err(self.error(
                Some(value.span()),
                "`allowed_redirect_uris` must be a list of the redirect URIs the cluster admits, such as [\"http://localhost:*\", \"http://127.0.0.1:*\"].",
            ));
        };
        let mut uris = Vec::new();
        for item in list.iter() {
            let uri = match item.get_ref() {
                DeValue::String(uri) if uri.contains("://") && !uri.trim().is_empty() => {
                    uri.trim().to_owned()
                }
                _ => {
                    return Err(self.error(
                        Some(item.span()),
                        "each entry of `allowed_redirect_uris` is a redirect URI in quotes, with its scheme (`http://localhost:*`); `*` stands for any characters.",
                    ));
                }
            };
            if !uris.contains(&uri) {
                uris.push(uri);
            }
        }
        Ok(Some(uris))
    }

    /// `[codex_requirements]`: `name` and `url` or `url_prefix`.
    pub(super) fn requirements(&self, root: &Table) -> Result<Option<Requirements>, PresetsError> {
        let Some(value) = root.get("codex_requirements") else {
            return Ok(None);
        };
        let DeValue::Table(table) = value.get_ref() else {
            return Err(self.error(
                Some(value.span()),
                "`codex_requirements` must be a [codex_requirements] table with `name` and `url` (or `url_prefix`).",
            ));
        };
        const WHAT: &str = "[codex_requirements]";
        self.only_keys(table, &["name", "url", "url_prefix"], WHAT)?;
        let name = self.string(table, "name", WHAT)?.unwrap_or_default();
        let url = self.string(table, "url", WHAT)?;
        let prefix = self.string(table, "url_prefix", WHAT)?;
        Requirements::new(&name, url.as_deref(), prefix.as_deref())
            .map(Some)
            .map_err(|problem| self.error(Some(value.span()), format!("{WHAT}: {problem}")))
    }
}
