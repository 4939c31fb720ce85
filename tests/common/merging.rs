//! Helpers for the merge suites.

use codex_mcp_configurator::merge::{DiagnosisKind, MergeOutcome, merge_config};
use codex_mcp_configurator::model::{Draft, ServerConfig};

use super::{config_of, draft};

/// The form's entry for `kfuse` at acme.kloudfuse.io.
pub fn kfuse() -> ServerConfig {
    config_of(&draft("kfuse", "acme.kloudfuse.io"))
}

/// The `kfuse` entry with `edit` applied to the draft.
pub fn with(edit: impl FnOnce(&mut Draft)) -> ServerConfig {
    let mut d = draft("kfuse", "acme.kloudfuse.io");
    edit(&mut d);
    config_of(&d)
}

/// The merged text, failing the test with the findings when there is none.
pub fn merged(outcome: &MergeOutcome) -> &str {
    outcome
        .merged
        .as_deref()
        .unwrap_or_else(|| panic!("no merge: {:?}", outcome.diagnoses))
}

/// `text` parsed by the independent `toml` crate.
pub fn parse(text: &str) -> toml::Table {
    text.parse()
        .unwrap_or_else(|e| panic!("does not parse: {e}\n{text}"))
}

/// `text` with the fix of its first diagnosis of `kind` applied.
pub fn fixed(text: &str, kind: DiagnosisKind, config: &ServerConfig) -> String {
    let outcome = merge_config(text, config);
    let d = outcome
        .diagnoses
        .iter()
        .find(|d| d.kind == kind)
        .unwrap_or_else(|| panic!("no {kind:?} in {:?}", outcome.diagnoses));
    d.fix
        .as_ref()
        .unwrap_or_else(|| panic!("{kind:?} has no fix: {}", d.message))
        .apply(text)
}
