//! Opening the file itself: its exact bytes reach the merge, and the saved
//! file keeps the byte-order mark, CRLF and the missing final newline; files
//! that are not a config.toml never reach the merge.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use codex_mcp_configurator::merge::{
    FileProblem, MAX_FILE_BYTES, check_size, file_bytes, merge_config, read_config_file,
};
use common::codex::{codex, fresh_home};
use common::merging::{kfuse, merged};

/// A Windows user's file: byte-order mark, CRLF, no final newline.
const WINDOWS_FILE: &[u8] =
    b"\xEF\xBB\xBF# my settings\r\nmodel = \"o3\"\r\n\r\n[mcp_servers.docs]\r\nurl = \"https://docs.example/mcp\"";

#[test]
fn an_opened_file_is_saved_back_with_its_own_conventions() {
    let opened = read_config_file(WINDOWS_FILE).expect("a text file");
    assert!(opened.bom);
    assert!(
        !opened.text.starts_with('\u{feff}'),
        "the merge sees the text"
    );
    let outcome = merge_config(&opened.text, &kfuse());
    let saved = file_bytes(merged(&outcome), opened.bom);

    assert!(saved.starts_with(b"\xEF\xBB\xBF"), "byte-order mark kept");
    let text = std::str::from_utf8(&saved[3..]).expect("utf-8");
    let lone_lf = text
        .match_indices('\n')
        .filter(|(i, _)| !text[..*i].ends_with('\r'))
        .count();
    assert_eq!(lone_lf, 0, "every line ends in CRLF:\n{text:?}");
    assert!(
        !text.ends_with('\n'),
        "no final newline, as before: {text:?}"
    );
    assert!(
        text.contains("[mcp_servers.kfuse]\r\nurl = \"https://acme.kloudfuse.io/mcp\"\r\n"),
        "{text:?}"
    );
    assert!(
        text.starts_with("# my settings\r\nmodel = \"o3\"\r\n\r\n[mcp_servers.docs]\r\n"),
        "{text:?}"
    );

    // The real Codex reads the saved bytes: both servers.
    let home = fresh_home("opened-file");
    std::fs::write(home.join(".codex/config.toml"), &saved).expect("write");
    let out = codex(&home, &["mcp", "list", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("json");
    let mut names: Vec<&str> = listed.iter().filter_map(|s| s["name"].as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["docs", "kfuse"]);
}

#[test]
fn a_file_without_a_bom_is_saved_without_one() {
    let opened = read_config_file(b"model = \"o3\"\n").expect("text");
    assert!(!opened.bom);
    assert_eq!(file_bytes(&opened.text, opened.bom), b"model = \"o3\"\n");
}

#[test]
fn binary_non_utf8_and_oversized_files_are_refused_with_a_reason() {
    assert_eq!(
        read_config_file(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        Err(FileProblem::Binary)
    );
    assert_eq!(
        read_config_file(b"model = \"caf\xe9\"\n"),
        Err(FileProblem::NotUtf8(12))
    );
    let big = MAX_FILE_BYTES + 1;
    assert_eq!(check_size(big), Err(FileProblem::TooLarge(big)));
    assert_eq!(check_size(MAX_FILE_BYTES), Ok(()));
    let message = FileProblem::TooLarge(2 * 1024 * 1024).to_string();
    assert!(
        message.contains("2.0 MiB") && message.contains("up to 1 MiB"),
        "{message}"
    );
    assert!(FileProblem::Binary.to_string().contains("binary"));
    assert!(FileProblem::NotUtf8(12).to_string().contains("byte 12"));
}
