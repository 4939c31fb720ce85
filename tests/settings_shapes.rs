//! The whole-file check on `[features]`, `agents` and `permissions`, row by
//! row of the table the probe wrote (src/clients/codex/settings.txt): for
//! every question about those settings and every probed release, the very
//! file the probe gave that release (read from scripts/codex-probes.mjs) is
//! checked by the page set to that release. Where the release refused it,
//! the page refuses it in the same words; where it read it, the page finds
//! no refusal; where it ignored a key, the page says so in a note.
//! The real releases' own verdicts on corpus files are in codex_corpus.rs.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::path::Path;
use std::process::Command;

use codex_mcp_configurator::clients::codex::{self, Release};
use codex_mcp_configurator::merge::{DiagnosisKind, MergeOutcome, merge_config};
use codex_mcp_configurator::validate::Severity;
use common::merging::with;

/// The settings these rows are about.
const FAMILIES: [&str; 4] = ["features", "agents", "permissions", "default_permissions"];

fn in_families(id: &str) -> bool {
    FAMILIES.iter().any(|f| {
        id.strip_prefix(f)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '=']))
    })
}

/// The probe's questions, `(id, config.toml)`, as scripts/codex-probes.mjs
/// writes them, with one file per feature the table names.
fn probe_files(feature_names: &[String]) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = format!(
        "import {{ CONFIG_PROBES, featureTable }} from './scripts/codex-probes.mjs';\n\
         const names = {};\n\
         console.log(JSON.stringify([...CONFIG_PROBES.map((p) => [p.id, p.toml]),\n\
           ...names.map((n) => [`features.${{n}}=table`, featureTable(n)])]));",
        serde_json::to_string(feature_names).expect("json")
    );
    let out = Command::new("node")
        .args(["--input-type=module", "-e", &script])
        .current_dir(root)
        .output()
        .expect("node runs (the README's set-up installs it)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the probes as JSON")
}

/// The ids the table has lines about, in those settings.
fn table_ids() -> Vec<String> {
    let text = include_str!("../src/clients/codex/settings.txt");
    let mut ids: Vec<String> = text
        .lines()
        .filter_map(|l| l.strip_prefix("config "))
        .filter_map(|l| l.split(' ').next())
        .filter(|id| in_families(id))
        .map(str::to_owned)
        .collect();
    ids.dedup();
    ids
}

fn refusals(outcome: &MergeOutcome) -> Vec<&str> {
    outcome
        .diagnoses
        .iter()
        .filter(|d| d.kind == DiagnosisKind::CodexRefuses)
        .map(|d| d.message.as_str())
        .collect()
}

fn notes(outcome: &MergeOutcome) -> Vec<&str> {
    outcome
        .diagnoses
        .iter()
        .filter(|d| d.kind == DiagnosisKind::CodexNote)
        .map(|d| d.message.as_str())
        .collect()
}

/// What the page must say of the probe's file for `id` at `release`, or why not.
fn check_row(id: &str, toml: &str, release: Release) -> Result<(), String> {
    let answer = codex::settings().answer("config", id, release);
    let config = with(|d| d.codex = release.to_string());
    let outcome = merge_config(toml, &config);
    let refused = refusals(&outcome);
    let shape = id.split_once('=').map(|(_, s)| s);
    let said = |words: &str| {
        // The release's own words, the probe's stand-ins aside.
        words
            .split(['{', '}'])
            .filter(|part| part.len() > 8 && !["value", "key"].contains(part))
            .all(|part| refused.iter().any(|m| m.contains(part)))
    };
    match (answer, shape) {
        // A table the release reads and whose (probe's) contents it refused,
        // or a path the release checks after reading (it refused the
        // probe's `/tmp/probe`, which is not the person's).
        (Some(a), Some(shape))
            if a.starts_with("words ")
                && (shape == "table"
                    || id.contains(".filesystem.*")
                        && codex::settings().answer("placed", id, release) == Some("none")) =>
        {
            if !refused.is_empty() || notes(&outcome).is_empty() {
                return Err(format!("{a}: wanted a note, got {:?}", outcome.diagnoses));
            }
        }
        (Some(a), _) => {
            let (class, words) = a.split_once(' ').unwrap_or((a, ""));
            let ok = match class {
                "type" => said(&format!("expected {words}")),
                "variant" => said("unknown variant"),
                "missing" => said(&format!("missing field `{words}`")),
                _ => said(words),
            };
            if refused.is_empty() || !ok {
                return Err(format!("refused ({a}), the page says {refused:?}"));
            }
        }
        (None, Some(_)) => {
            if !refused.is_empty() {
                return Err(format!("read, the page refuses: {refused:?}"));
            }
        }
        // A key asked with a wrong value, which the release did not refuse: it ignores the key.
        (None, None) => {
            if !refused.is_empty() || notes(&outcome).is_empty() {
                return Err(format!(
                    "ignored, wanted a note and no refusal: {:?}",
                    outcome.diagnoses
                ));
            }
        }
    }
    if outcome.merged.is_none() {
        return Err("the merge is withheld".to_owned());
    }
    Ok(())
}

#[test]
fn every_row_about_features_agents_and_permissions_at_every_probed_release() {
    let ids = table_ids();
    let features: Vec<String> = ids
        .iter()
        .filter_map(|id| id.strip_prefix("features.")?.strip_suffix("=table"))
        .filter(|name| *name != "*" && !name.contains('.'))
        .map(str::to_owned)
        .collect();
    let files = probe_files(&features);
    let mut problems = Vec::new();
    let mut checked = 0;
    for id in &ids {
        let Some((_, toml)) = files.iter().find(|(i, _)| i == id) else {
            problems.push(format!(
                "{id}: the table answers a question the probe no longer asks"
            ));
            continue;
        };
        for release in codex::settings().releases() {
            checked += 1;
            if let Err(why) = check_row(id, toml, release) {
                problems.push(format!("{id} at {release}: {why}"));
            }
        }
    }
    for (id, _) in files.iter().filter(|(id, _)| in_families(id)) {
        if !ids.contains(id) {
            problems.push(format!(
                "{id}: asked, but the table has no line (run scripts/codex-probe.mjs)"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(checked > 1000, "only {checked} checks");
}

/// The table held against the releases themselves: every tested release
/// (package.json `codexReleasesTested`, installed by the set-up) is asked
/// each question about these settings again, now, by the probe's own way of
/// asking (scripts/codex-ask.mjs), and must answer as the table says it
/// did. The test above proves the page reads the table; this one that the
/// table is still what the releases do.
#[test]
fn the_table_is_what_each_installed_release_answers_now() {
    let ids = table_ids();
    let features: Vec<String> = ids
        .iter()
        .filter_map(|id| id.strip_prefix("features.")?.strip_suffix("=table"))
        .filter(|name| *name != "*" && !name.contains('.'))
        .map(str::to_owned)
        .collect();
    let questions: Vec<(String, String)> = probe_files(&features)
        .into_iter()
        .filter(|(id, _)| in_families(id))
        .collect();
    let releases: Vec<(String, String)> = common::codex::tested_releases()
        .into_iter()
        .map(|v| {
            let bin = common::codex::release_bin(&v).display().to_string();
            (v, bin)
        })
        .collect();
    assert!(releases.len() >= 2, "{releases:?}");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut child = Command::new("node")
        .arg("scripts/codex-ask.mjs")
        .current_dir(root)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("node runs (the README's set-up installs it)");
    let input = serde_json::json!({ "releases": releases, "questions": questions });
    std::io::Write::write_all(
        child.stdin.as_mut().expect("stdin"),
        input.to_string().as_bytes(),
    )
    .expect("write the questions");
    let out = child.wait_with_output().expect("codex-ask.mjs runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let answers: serde_json::Value = serde_json::from_slice(&out.stdout).expect("answers as JSON");
    let mut drift = Vec::new();
    let mut checked = 0;
    for (version, _) in &releases {
        let release = Release::parse(version).expect("a release");
        for (id, _) in &questions {
            checked += 1;
            let now = answers[version][id].as_str();
            let table = codex::settings().answer("config", id, release);
            if now != table {
                drift.push(format!(
                    "{id} at {version}: the table says {table:?}, the release answers {now:?}"
                ));
            }
        }
    }
    assert!(
        drift.is_empty(),
        "the table no longer says what the releases do (run scripts/codex-probe.mjs):\n{}",
        drift.join("\n")
    );
    assert!(checked >= 300, "only {checked} answers compared");
}

fn verdict(text: &str, release: u16) -> (Vec<String>, Vec<String>) {
    let config = with(|d| d.codex = Release::new(release).to_string());
    let outcome = merge_config(text, &config);
    let of = |kind| {
        outcome
            .diagnoses
            .iter()
            .filter(|d| d.kind == kind)
            .map(|d| d.message.clone())
            .collect()
    };
    (
        of(DiagnosisKind::CodexRefuses),
        of(DiagnosisKind::CodexNote),
    )
}

/// Measured by hand with the real releases on this machine before the probe
/// asked (issue 33): an independent check that it asks what it means to ask.
#[test]
fn the_shapes_agree_with_the_releases_measured_by_hand() {
    // 0.130 refuses a filesystem word it does not have yet, with a position.
    let deny = "default_permissions = \"dev\"\n[permissions.dev.filesystem]\n\"/etc\" = \"deny\"\n";
    let (refused, _) = verdict(deny, 130);
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert!(
        refused[0]
            .contains("data did not match any variant of untagged enum FilesystemPermissionToml"),
        "{}",
        refused[0]
    );
    // Codex reads `permissions` whole and points at its first key (2:2), not at line 3.
    assert!(
        refused[0].starts_with("Line 3: Codex 0.130 refuses the whole file at `config.toml:2:2`:"),
        "{}",
        refused[0]
    );
    assert_eq!(verdict(deny, 150), (vec![], vec![]));
    // 0.100 reads no permissions at all: a note, not an error.
    let (refused, notes) = verdict(deny, 100);
    assert!(refused.is_empty(), "{refused:?}");
    assert!(
        notes
            .iter()
            .any(|n| n.contains("does not read `permissions`")),
        "{notes:?}"
    );
    // A feature's table where 0.150 wants a boolean; 0.171 reads it.
    let guardian = "[features.guardianv3]\nenabled = true\n";
    let (refused, _) = verdict(guardian, 150);
    assert!(
        refused
            .iter()
            .any(|m| m.contains("invalid type: map, expected a boolean")),
        "{refused:?}"
    );
    assert!(
        !refused[0].contains("config.toml:"),
        "0.150 names no position: {}",
        refused[0]
    );
    assert_eq!(verdict(guardian, 171).0, Vec::<String>::new());
    // `[agents] enabled = false`: a role to 0.130, a setting from 0.150.
    let agents = "[agents]\nenabled = false\n";
    assert!(
        verdict(agents, 130).0[0]
            .contains("invalid type: boolean `false`, expected struct AgentRoleToml")
    );
    assert_eq!(verdict(agents, 150), (vec![], vec![]));
    // A profile without `default_permissions`: refused from 0.130, in its words.
    let lonely = "[permissions.dev.filesystem]\n\":minimal\" = \"read\"\n";
    let (refused, _) = verdict(lonely, 171);
    assert!(
        refused[0].contains(
            "config defines `[permissions]` profiles but does not set `default_permissions`"
        ),
        "{refused:?}"
    );
    assert!(
        refused[0].starts_with("Line 1:"),
        "where its first header is: {}",
        refused[0]
    );
    // 0.130 checks that after reading the file, and names no place.
    let (refused, _) = verdict(lonely, 130);
    assert!(
        refused[0].starts_with("Line 1: Codex 0.130 refuses the whole file (it names no line)"),
        "{}",
        refused[0]
    );
    // A role set to `false`: 0.130 points at the `[agents]` header, 1:1.
    let role = "[agents]\nmax_threads = 2\nexplorer = false\n";
    let (refused, _) = verdict(role, 130);
    assert!(
        refused[0].starts_with("Line 3: Codex 0.130 refuses the whole file at `config.toml:1:1`"),
        "{}",
        refused[0]
    );
    // Multi-agent table keys, one of which 0.130 does not know yet.
    let waits = "[features.multi_agent_v2]\nenabled = true\nmin_wait_timeout_ms = 300000\ndefault_wait_timeout_ms = 3600000\n";
    assert!(
        verdict(waits, 130)
            .0
            .iter()
            .any(|m| m.contains("untagged enum FeatureToml"))
    );
    assert_eq!(verdict(waits, 150).0, Vec::<String>::new());
}

#[test]
fn the_newest_release_notes_nothing_a_public_shape_sets() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/codex_corpus");
    for entry in std::fs::read_dir(dir).expect("corpus") {
        let path = entry.expect("entry").path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("reads-") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read");
        let outcome = merge_config(&text, &common::merging::kfuse());
        let said: Vec<_> = outcome
            .diagnoses
            .iter()
            .filter(|d| d.severity == Severity::Error || d.kind == DiagnosisKind::CodexNote)
            .collect();
        assert!(said.is_empty(), "{name}: {said:?}");
    }
}
