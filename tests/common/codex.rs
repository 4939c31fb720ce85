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
