//! The settings whose check is more than a shape: the page's own entry,
//! approval policies, profiles and model providers.

use toml_edit::{Item, TableLike};

use super::rules::{GRANULAR_REQUIRED, RESERVED_PROVIDERS};
use super::words::{expected_one_of, unknown_variant, wrong_of};
use super::{At, Checker, Refusal, refusal};
use crate::merge::Edit;
use crate::merge::diagnose::fix;

impl Checker<'_> {
    /// The page's own entry: the merge rewrites its default approval and
    /// the approval of the tools the form sets; the person's other tools
    /// stay as written, so they are checked.
    pub(super) fn own_entry(&mut self, entry: &Item, path: &str) {
        let Some(tools) = entry
            .as_table_like()
            .and_then(|e| e.get("tools"))
            .and_then(Item::as_table_like)
        else {
            return;
        };
        for (tool, settings) in tools.iter() {
            if self.own.1.contains(&tool) {
                continue;
            }
            if let Some(mode) = settings
                .as_table_like()
                .and_then(|s| s.get("approval_mode"))
            {
                let at = self.at(settings.as_table_like().expect("checked"), "approval_mode");
                let path = format!("{path}.tools.{tool}.approval_mode");
                self.one_of(mode, "mcp_servers.*.tools.*.approval_mode", &path, &at);
            }
        }
    }

    /// One of the words the release lists for `id`.
    pub(super) fn one_of(&mut self, item: &Item, id: &str, path: &str, at: &At) {
        let Some(Refusal::Variants(allowed)) = refusal(self.release, id) else {
            return;
        };
        if let Some(words) = unknown_variant(item, &allowed) {
            self.refuse(at, path, words, None);
        }
    }

    pub(super) fn approval(&mut self, item: &Item, id: &str, path: &str, at: &At, top: bool) {
        let Some(Refusal::Variants(words)) = refusal(self.release, id) else {
            return;
        };
        let unknown = |v: &str| format!("unknown variant `{v}`, {}", expected_one_of(&words));
        if let Some(word) = item.as_str() {
            if word == "granular" || !words.contains(&word) {
                return self.refuse(at, path, unknown(word), None);
            }
            if top
                && let Some(Refusal::Words(said)) = refusal(self.release, &format!("{id}={word}"))
            {
                let remove = self.remove_line(at);
                return self.refuse(at, path, said.to_owned(), remove);
            }
            return;
        }
        let Some(table) = item.as_table_like() else {
            return self.refuse(at, path, wrong_of(item, "a string"), None);
        };
        if let Some((key, _)) = table.iter().find(|(key, _)| *key != "granular") {
            return self.refuse(at, path, unknown(key), None);
        }
        if !words.contains(&"granular") {
            return self.refuse(at, path, unknown("granular"), None);
        }
        let Some(granular) = table.get("granular").and_then(Item::as_table_like) else {
            return self.refuse(at, path, unknown("granular"), None);
        };
        if refusal(self.release, "approval_policy=granular-partial").is_none() {
            return;
        }
        for field in GRANULAR_REQUIRED {
            match granular.get(field) {
                None => return self.refuse(at, path, format!("missing field `{field}`"), None),
                Some(value) if value.as_bool().is_none() => {
                    let words = wrong_of(value, "a boolean");
                    return self.refuse(at, &format!("{path}.{field}"), words, None);
                }
                Some(_) => {}
            }
        }
    }

    /// The top-level `profile = "NAME"`: refused outright where the release
    /// no longer takes it, or when it names no `[profiles.NAME]` where the
    /// release looks it up.
    pub(super) fn profile(&mut self, item: &Item, path: &str, at: &At) {
        let Some(name) = item.as_str() else {
            return;
        };
        let said = match refusal(self.release, "profile=existing") {
            Some(Refusal::Words(said)) => Some(said),
            _ => None,
        };
        if let Some(said) = said {
            let remove = self.remove_line(at);
            return self.refuse(at, path, said.replace("{value}", name), remove);
        }
        if let Some(Refusal::Words(said)) = refusal(self.release, "profile=missing")
            && !self.profiles.iter().any(|p| p == name)
        {
            self.refuse(at, path, said.replace("{value}", name), None);
        }
    }

    pub(super) fn providers(&mut self, item: &Item, path: &str) {
        let Some(providers) = item.as_table_like() else {
            return;
        };
        for (id, provider) in providers.iter() {
            let at = self.at(providers, id);
            if RESERVED_PROVIDERS.contains(&id)
                && let Some(Refusal::Words(said)) =
                    refusal(self.release, &format!("model_providers.{id}"))
            {
                self.refuse(&at, path, said.to_owned(), None);
                continue;
            }
            let Some(table) = provider.as_table_like() else {
                continue;
            };
            let name_ok = table
                .get("name")
                .and_then(Item::as_str)
                .is_some_and(|n| !n.trim().is_empty());
            if !name_ok {
                match refusal(self.release, "model_providers.*=nameless") {
                    Some(Refusal::Words(said)) => {
                        self.refuse(&at, path, said.replace("{key}", id), None);
                    }
                    Some(Refusal::Missing(field)) => {
                        self.refuse(&at, path, format!("missing field `{field}`"), None);
                    }
                    _ => {}
                }
            }
            if let Some(wire) = table.get("wire_api") {
                self.wire_api(wire, table, &format!("{path}.{id}.wire_api"));
            }
        }
    }

    pub(super) fn wire_api(&mut self, wire: &Item, table: &dyn TableLike, path: &str) {
        let at = self.at(table, "wire_api");
        if wire.as_str() == Some("chat")
            && let Some(Refusal::Words(said)) =
                refusal(self.release, "model_providers.*.wire_api=chat")
        {
            let edits = wire
                .span()
                .map(|span| Edit {
                    range: span,
                    replacement: "\"responses\"".to_owned(),
                })
                .into_iter()
                .collect();
            let words = format!(
                "{}; Codex's fix is `wire_api = \"responses\"`",
                said.trim_end_matches('.')
            );
            return self.refuse(&at, path, words, fix("Set wire_api = \"responses\"", edits));
        }
        self.one_of(wire, "model_providers.*.wire_api", path, &at);
    }
}
