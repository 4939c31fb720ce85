//! Property tests over generated valid drafts (1,000 cases each): the TOML
//! reads back as the model, each POSIX command reaches `codex` as exactly the
//! intended argv in real bash and zsh, and share links round-trip.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use codex_mcp_configurator::catalog::kloudfuse_tools;
use codex_mcp_configurator::model::{ConfigLocation, Draft, ToolSelection};
use codex_mcp_configurator::render::codex::{render_config_toml, render_posix, terminal_steps};
use codex_mcp_configurator::share::{apply_share_query, share_query};
use codex_mcp_configurator::validate::validate;
use common::drafts::valid_draft;
use common::{assert_entry_matches, config_of, parse_entry};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 1000,
        ..ProptestConfig::default()
    }
}

/// Runs `script` in `shell`, with `HOME` set to `home`, the working
/// directory its `repo` folder, and `codex` replaced by a function that prints its arguments
/// NUL-terminated, each command's argv ended by a `\x01` word.
fn argv_through(shell: &str, script: &str, home: &Path) -> Vec<Vec<String>> {
    let stub = "codex() { printf '%s\\0' codex \"$@\" $'\\x01'; }\n";
    let mut child = Command::new(shell)
        .args(["-f", "-s"].iter().filter(|_| shell == "zsh"))
        .env("HOME", home)
        .env_remove("CODEX_HOME")
        .current_dir(home.join("repo"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("cannot start {shell} (run the README's test command to install it): {e}")
        });
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("{stub}{script}").as_bytes())
        .expect("write script");
    let out = child.wait_with_output().expect("shell ran");
    assert!(
        out.status.success(),
        "{shell} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8 argv");
    let mut commands = vec![Vec::new()];
    for word in text.split('\0').filter(|w| !w.is_empty()) {
        if word == "\u{1}" {
            commands.push(Vec::new());
        } else {
            commands.last_mut().expect("current").push(word.to_owned());
        }
    }
    commands.pop();
    commands
}

/// A new, empty HOME with a `repo` folder in it.
fn scratch_home() -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let home = std::env::temp_dir().join(format!(
        "codex-shell-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&home);
    std::fs::create_dir_all(home.join("repo")).expect("scratch HOME");
    home
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn toml_reads_back_as_the_model(draft in valid_draft()) {
        let config = config_of(&draft);
        let rendered = render_config_toml(&config);
        assert_entry_matches(&parse_entry(&rendered, &config.name), &config);
    }

    #[test]
    fn posix_commands_reach_codex_as_the_intended_argv(draft in valid_draft()) {
        let config = config_of(&draft);
        let steps = terminal_steps(&config);
        let script = render_posix(&steps);
        let expected: Vec<Vec<String>> = steps.commands().into_iter().map(<[String]>::to_vec).collect();
        for shell in ["bash", "zsh"] {
            let home = scratch_home();
            prop_assert_eq!(&argv_through(shell, &script, &home), &expected, "{}: {}", shell, script);
            // The file route's here-document must write the entry byte for byte.
            let file = match config.location {
                ConfigLocation::User => home.join(".codex/config.toml"),
                ConfigLocation::Project => home.join("repo/.codex/config.toml"),
            };
            let written = std::fs::read_to_string(&file).ok();
            let _ = std::fs::remove_dir_all(&home);
            if steps.writes_the_file() {
                let written = written.unwrap_or_else(|| panic!("{shell} wrote no {}: {script}", file.display()));
                prop_assert_eq!(written.trim_start_matches('\n'), render_config_toml(&config), "{}: {}", shell, script);
            } else {
                prop_assert_eq!(written, None, "{}: {}", shell, script);
            }
        }
    }

    #[test]
    fn share_links_round_trip(draft in valid_draft()) {
        let defaults = Draft::default();
        let config = config_of(&draft);
        let query = share_query(&config, &defaults);
        let shared = apply_share_query(&defaults, &query);
        prop_assert!(shared.notices.is_empty(), "{:?}", shared.notices);
        let back = validate(&shared.draft, &kloudfuse_tools()).config;
        prop_assert_eq!(back.as_ref(), Some(&config), "query {}", query);
    }

    #[test]
    fn arbitrary_query_strings_never_panic(query in ".{0,300}") {
        let shared = apply_share_query(&Draft::default(), &query);
        let _ = validate(&shared.draft, &kloudfuse_tools());
    }

    #[test]
    fn query_shaped_garbage_never_panics(
        query in "[?&=%0-9A-Fa-z_,.:/ +<>\"'\\\\]{0,200}",
    ) {
        let shared = apply_share_query(&Draft::default(), &query);
        let _ = validate(&shared.draft, &kloudfuse_tools());
    }

    #[test]
    fn arbitrary_drafts_never_panic(
        name in ".{0,80}", url in ".{0,200}", timeout in ".{0,30}", scopes in ".{0,60}",
        resource in ".{0,80}", client in ".{0,40}", var in ".{0,40}", tools in proptest::collection::vec(".{0,30}", 0..4),
    ) {
        let draft = Draft {
            name, url, startup_timeout_sec: timeout.clone(), tool_timeout_sec: timeout,
            scopes, oauth_resource: resource, oauth_client_id: client, bearer_token_env_var: var,
            tools: ToolSelection { allow_only: true, enabled_tools: tools.clone(), disabled_tools: tools },
            ..Draft::default()
        };
        let v = validate(&draft, &kloudfuse_tools());
        if let Some(config) = v.config {
            // Whatever validation lets through must render into TOML that reads back.
            assert_entry_matches(&parse_entry(&render_config_toml(&config), &config.name), &config);
        }
    }
}
