//! The real Codex CLI (npm `@openai/codex`, pinned in package.json), run
//! under a temporary HOME so it reads and writes only a test config.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Where the set-up installed the real Codex CLI (or `$CODEX_BIN`).
pub fn codex_bin() -> PathBuf {
    if let Some(bin) = std::env::var_os("CODEX_BIN") {
        return bin.into();
    }
    let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/.bin/codex");
    assert!(
        bin.exists(),
        "the real Codex CLI is missing at {}: run the README's test command (it runs `npm ci`)",
        bin.display()
    );
    bin
}

/// A new, empty HOME with a `.codex` folder, unique to this process and `label`.
pub fn fresh_home(label: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("codex-conformance-{}-{label}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join(".codex")).expect("temp HOME");
    dir
}

/// Runs the real `codex` with `HOME` (and cwd) set to `home`.
pub fn codex(home: &Path, args: &[&str]) -> std::process::Output {
    Command::new(codex_bin())
        .args(args)
        .env("HOME", home)
        .env("CODEX_HOME", home.join(".codex"))
        .current_dir(home)
        .output()
        .expect("codex runs")
}

/// The releases of the Codex CLI the tests run, oldest first: the oldest
/// the page supports, two in the middle, and the pinned one (package.json's
/// `codexReleasesTested`, installed by the set-up under `.cache/codex/`).
pub fn tested_releases() -> Vec<String> {
    let package =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("package.json"))
            .expect("package.json");
    let package: serde_json::Value = serde_json::from_str(&package).expect("package.json is JSON");
    package["codexReleasesTested"]
        .as_array()
        .expect("package.json names codexReleasesTested")
        .iter()
        .map(|v| v.as_str().expect("a version").to_owned())
        .collect()
}

/// The `codex` of release `version`: the pinned one in node_modules, any
/// other where the set-up installed it (`.cache/codex/VERSION`).
pub fn release_bin(version: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pinned: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("node_modules/@openai/codex/package.json"))
            .expect("the pinned Codex CLI is installed (run the README's test command)"),
    )
    .expect("json");
    if pinned["version"].as_str() == Some(version) {
        return codex_bin();
    }
    let bin = root
        .join(".cache/codex")
        .join(version)
        .join("node_modules/.bin/codex");
    assert!(
        bin.exists(),
        "Codex {version} is missing at {}: run scripts/setup.sh, which installs the tested releases",
        bin.display()
    );
    bin
}

/// Runs release `bin` of `codex` with `HOME` (and cwd) set to `home`.
pub fn codex_with(bin: &Path, home: &Path, args: &[&str]) -> std::process::Output {
    Command::new(bin)
        .args(args)
        .env("HOME", home)
        .env("CODEX_HOME", home.join(".codex"))
        .current_dir(home)
        .output()
        .expect("codex runs")
}
