//! The whole-file check against real releases of the Codex CLI: every file
//! in `tests/codex_corpus/` is read by each tested release (`codex mcp list
//! --json` under a temporary HOME: the oldest supported, two in the middle,
//! the pinned one) and checked by the page's merge set to that release. The
//! verdicts must agree on every file: the page never calls a file the
//! release refuses clean, and never gives a file it reads an error. File
//! names say what the pinned release does (`refused-…`, `reads-…`).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::path::Path;

use codex_mcp_configurator::clients::codex::Release;
use codex_mcp_configurator::merge::{CODEX_VERSION, DiagnosisKind, merge_config};
use codex_mcp_configurator::validate::Severity;
use common::codex::{codex, codex_with, fresh_home, release_bin, tested_releases};
use common::merging::{kfuse, with};

fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/codex_corpus");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("corpus folder")
        .map(|entry| {
            let path = entry.expect("entry").path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).expect("read"))
        })
        .collect();
    files.sort();
    files
}

/// Codex's own verdict (the release whose `codex` is `bin`): `Err` with its
/// words when it refuses the file.
fn codex_reads(bin: &Path, label: &str, bytes: &[u8]) -> Result<(), String> {
    let home = fresh_home(&format!("corpus-{label}"));
    std::fs::write(home.join(".codex/config.toml"), bytes).expect("write");
    let out = codex_with(bin, &home, &["mcp", "list", "--json"]);
    let _ = std::fs::remove_dir_all(&home);
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr)
            .lines()
            .filter(|l| !l.starts_with("WARNING") && !l.trim().is_empty())
            .take(4)
            .collect::<Vec<_>>()
            .join(" / "))
    }
}

/// The page's verdict for release `version` must be that release's own on
/// every file: no file it reads gets an error, none it refuses is called
/// clean. File names say what the pinned release does.
fn agree_on_every_file(version: &str) -> Vec<String> {
    let bin = release_bin(version);
    let release = Release::parse(version).expect("a release");
    let config = with(|d| d.codex = release.to_string());
    let pinned = version == CODEX_VERSION;
    let files = corpus();
    assert!(files.len() >= 40, "a corpus of at least 40 files");
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .iter()
            .map(|(name, bytes)| {
                let (bin, config) = (&bin, &config);
                scope.spawn(move || {
                    let mut problems = Vec::new();
                    let codex = codex_reads(bin, &format!("{version}-{name}"), bytes);
                    let expect_refused = name.starts_with("refused-");
                    if pinned && expect_refused == codex.is_ok() {
                        problems.push(format!(
                            "{name}: the name says one thing, Codex {version} another: {codex:?}"
                        ));
                    }
                    let text = std::str::from_utf8(bytes).expect("utf-8");
                    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
                    let outcome = merge_config(text, config);
                    let errors: Vec<&str> = outcome
                        .diagnoses
                        .iter()
                        .filter(|d| d.severity == Severity::Error)
                        .map(|d| d.message.as_str())
                        .collect();
                    match (&codex, errors.is_empty()) {
                        (Ok(()), false) => problems.push(format!(
                            "{name}: Codex {version} reads it, the page says {errors:?}"
                        )),
                        (Err(why), true) => problems.push(format!(
                            "{name}: Codex {version} refuses it ({why}), the page calls it clean"
                        )),
                        _ => {}
                    }
                    if codex.is_err() && outcome.refusals().count() > 0 && outcome.merged.is_none()
                    {
                        problems.push(format!("{name}: the merged file is withheld"));
                    }
                    problems
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("thread"))
            .collect()
    })
}

#[test]
fn the_page_and_each_tested_release_agree_on_every_file() {
    let releases = tested_releases();
    assert_eq!(
        releases.last().map(String::as_str),
        Some(CODEX_VERSION),
        "the pinned release is tested"
    );
    let problems: Vec<String> = releases
        .iter()
        .flat_map(|v| agree_on_every_file(v))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The releases disagree with each other on some files, so the check above
/// is a check of each release's own verdict, not of one verdict three times.
#[test]
fn the_tested_releases_do_not_all_agree_on_the_corpus() {
    let releases = tested_releases();
    let differing: Vec<String> = corpus()
        .iter()
        .filter(|(name, bytes)| {
            let verdicts: Vec<bool> = releases
                .iter()
                .map(|v| codex_reads(&release_bin(v), &format!("differ-{v}-{name}"), bytes).is_ok())
                .collect();
            verdicts.iter().any(|v| *v != verdicts[0])
        })
        .map(|(name, _)| name.clone())
        .collect();
    assert!(
        differing.len() >= 5,
        "files the releases read differently: {differing:?}"
    );
}

#[test]
fn the_rules_name_the_codex_version_the_tests_run() {
    let package = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/@openai/codex/package.json"),
    )
    .expect("the pinned Codex CLI is installed (run the README's test command)");
    let installed: serde_json::Value = serde_json::from_str(&package).expect("json");
    assert_eq!(
        installed["version"].as_str(),
        Some(CODEX_VERSION),
        "the settings check follows Codex {CODEX_VERSION}; after a bump, run the corpus test and update src/merge/diagnose/settings/rules.rs"
    );
}

#[test]
fn a_refused_setting_names_its_line_and_offers_a_safe_fix_where_codex_gives_one() {
    let text = "model = \"o3\"\nprofile = \"work\"\n\n[model_providers.azure]\nname = \"Azure\"\nwire_api = \"chat\"\n";
    let outcome = merge_config(text, &kfuse());
    let refused: Vec<_> = outcome.refusals().collect();
    assert_eq!(refused.len(), 2, "{refused:?}");
    assert_eq!(refused[0].line, Some(2));
    assert!(
        refused[0]
            .message
            .starts_with("Line 2: Codex 0.171 refuses the whole file (it names no line)"),
        "{}",
        refused[0].message
    );
    assert_eq!(refused[1].line, Some(6));
    assert!(outcome.merged.is_some(), "the merge still runs");
    // Apply each offered fix, one click at a time.
    let mut fixed = text.to_owned();
    while let Some(fix) = merge_config(&fixed, &kfuse())
        .diagnoses
        .into_iter()
        .filter(|d| d.kind == DiagnosisKind::CodexRefuses)
        .find_map(|d| d.fix)
    {
        fixed = fix.apply(&fixed);
    }
    assert!(!fixed.contains("profile ="), "{fixed}");
    assert!(fixed.contains("wire_api = \"responses\""), "{fixed}");
    assert_eq!(
        merge_config(&fixed, &kfuse()).refusals().count(),
        0,
        "{fixed}"
    );
    let home = fresh_home("corpus-fixed");
    std::fs::write(home.join(".codex/config.toml"), &fixed).expect("write");
    assert!(
        codex(&home, &["mcp", "list", "--json"]).status.success(),
        "Codex reads the fixed file"
    );
}

#[test]
fn the_terminal_check_asks_codex_about_the_downloaded_file() {
    use codex_mcp_configurator::merge::CODEX_CHECK_POSIX;
    let bin = common::codex::codex_bin();
    let path = format!(
        "{}:{}",
        bin.parent().expect("bin dir").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for (file, reads) in [
        ("model = \"o3\"\n", true),
        ("file_opener = \"nvim\"\n", false),
    ] {
        let home = fresh_home(&format!("check-{reads}"));
        std::fs::create_dir_all(home.join("Downloads")).expect("downloads");
        std::fs::write(home.join("Downloads/config.toml"), file).expect("write");
        let out = std::process::Command::new("bash")
            .args(["-c", CODEX_CHECK_POSIX])
            .env("HOME", &home)
            .env_remove("CODEX_HOME")
            .env("PATH", &path)
            .output()
            .expect("bash");
        let said = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            said.contains("Codex reads this file."),
            reads,
            "{file}: {said}"
        );
        assert!(
            !home.join(".codex/config.toml").exists(),
            "the person's own config is untouched"
        );
    }
}

mod properties {
    use codex_mcp_configurator::merge::merge_config;
    use proptest::prelude::*;

    use super::common::merging::kfuse;

    const KEYS: &[&str] = &[
        "model",
        "approval_policy",
        "sandbox_mode",
        "file_opener",
        "profile",
        "notify",
        "model_context_window",
        "mcp_oauth_callback_port",
        "hide_agent_reasoning",
        "web_search",
    ];
    const TABLES: &[&str] = &[
        "",
        "[profiles.p]",
        "[projects.\"/x\"]",
        "[model_providers.openai]",
        "[model_providers.x]",
        "[[hooks]]",
        "[hooks]",
        "[features]",
        "[tui]",
        "[history]",
        "[approval_policy]",
    ];
    const VALUES: &[&str] = &[
        "\"x\"",
        "\"chat\"",
        "\"untrusted\"",
        "1",
        "-5",
        "70000",
        "true",
        "[]",
        "[1, \"a\"]",
        "{ granular = { rules = true } }",
        "{}",
        "1.5",
        "1979-05-27",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

        #[test]
        fn toml_shaped_settings_never_panic_the_check(
            lines in proptest::collection::vec((0..TABLES.len(), 0..KEYS.len(), 0..VALUES.len(), "(name|wire_api|trust_level|persistence|notifications|hooks)?"), 0..12),
        ) {
            let mut text = String::new();
            for (table, key, value, extra) in lines {
                text.push_str(TABLES[table]);
                text.push('\n');
                let key = if extra.is_empty() { KEYS[key] } else { extra.as_str() };
                text.push_str(&format!("{key} = {}\n", VALUES[value]));
            }
            let outcome = merge_config(&text, &kfuse());
            for d in outcome.diagnoses {
                if let Some(fix) = d.fix {
                    let _ = merge_config(&fix.apply(&text), &kfuse());
                }
            }
        }
    }
}
