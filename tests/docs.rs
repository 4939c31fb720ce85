//! The README and docs/: every relative link and anchor resolves, the
//! README stays short enough to read in two minutes, and names both
//! commands; docs/architecture.md lists every file under `src/` and
//! nothing that is gone; and no public item of the code goes unused.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// README.md and every Markdown file under docs/.
fn documents() -> Vec<PathBuf> {
    let mut out = vec![root().join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .expect("docs/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    out.extend(docs);
    out
}

/// GitHub's anchor for a heading: lower case, letters, digits, `-` and `_`
/// kept, spaces made `-`, everything else dropped.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The anchors a Markdown file's headings make (outside code blocks).
fn anchors(text: &str) -> Vec<String> {
    let mut fenced = false;
    text.lines()
        .filter(|l| {
            if l.starts_with("```") {
                fenced = !fenced;
                return false;
            }
            !fenced && l.starts_with('#')
        })
        .map(|l| slug(l.trim_start_matches('#')))
        .collect()
}

/// The targets of `[text](target)` links and `![alt](target)` images
/// outside code blocks and code spans.
fn links(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        // Code spans hold example text, not links.
        let prose: String = line
            .split('`')
            .enumerate()
            .filter(|(i, _)| i % 2 == 0)
            .map(|(_, s)| s)
            .collect::<Vec<_>>()
            .join("");
        let mut rest = prose.as_str();
        while let Some(at) = rest.find("](") {
            let after = &rest[at + 2..];
            let end = after.find(')').unwrap_or(after.len());
            out.push(after[..end].to_owned());
            rest = &after[end..];
        }
    }
    out
}

#[test]
fn every_relative_link_and_anchor_resolves() {
    let mut problems = Vec::new();
    for doc in documents() {
        let text = std::fs::read_to_string(&doc).expect("read");
        let dir = doc.parent().expect("a folder");
        for target in links(&text) {
            if target.starts_with("http://")
                || target.starts_with("https://")
                || target.starts_with("mailto:")
            {
                continue;
            }
            let (path, anchor) = target.split_once('#').unwrap_or((&target, ""));
            let file = if path.is_empty() {
                doc.clone()
            } else {
                dir.join(path)
            };
            let name = doc
                .strip_prefix(root())
                .unwrap_or(&doc)
                .display()
                .to_string();
            if !file.exists() {
                problems.push(format!("{name}: {target}: no such file"));
                continue;
            }
            if !anchor.is_empty() {
                let there = std::fs::read_to_string(&file).unwrap_or_default();
                if !anchors(&there).iter().any(|a| a == anchor) {
                    problems.push(format!("{name}: {target}: no heading makes #{anchor}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_readme_is_short_and_names_both_commands() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    let lines = readme.lines().count();
    assert!(
        lines < 200,
        "README.md has {lines} lines: move detail to docs/"
    );
    assert!(readme.contains("./scripts/serve.sh"));
    assert!(readme.contains("./scripts/test.sh"));
    let ci = std::fs::read_to_string(root().join(".ci/run")).expect(".ci/run");
    assert!(
        ci.contains("scripts/test.sh"),
        "CI runs the README's test command"
    );
}

#[test]
fn every_doc_is_reachable_from_the_readme() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    let linked: Vec<String> = links(&readme);
    for doc in documents().into_iter().skip(1) {
        let name = format!("docs/{}", doc.file_name().unwrap().to_string_lossy());
        assert!(
            linked
                .iter()
                .any(|l| l.split('#').next() == Some(name.as_str())),
            "{name} is not linked from README.md"
        );
    }
}

#[test]
fn the_slug_is_githubs() {
    assert_eq!(
        slug(" Signing in: what Codex really does"),
        "signing-in-what-codex-really-does"
    );
    assert_eq!(slug("The server's tools"), "the-servers-tools");
    assert_eq!(
        slug("`config.toml` and the fleet"),
        "configtoml-and-the-fleet"
    );
    assert!(Path::new(&root()).join("docs").is_dir());
}

/// Every file under `dir`, recursively, as paths relative to `dir`.
fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(at) = stack.pop() {
        for entry in std::fs::read_dir(&at).expect("a folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(dir).expect("under dir");
                out.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn the_architecture_lists_every_file_of_src_and_nothing_that_is_gone() {
    let page =
        std::fs::read_to_string(root().join("docs/architecture.md")).expect("architecture.md");
    let files = files_under(&root().join("src"));
    assert!(files.len() > 100, "{} files", files.len());
    let missing: Vec<&String> = files
        .iter()
        .filter(|f| !page.contains(&format!("`{f}`")) && !page.contains(&format!("`src/{f}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/architecture.md does not list {missing:?}"
    );
    // Every path it names (`a/b.rs`, `src/a.rs`) is a file of the tree.
    let gone: Vec<&str> = page
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|t| {
            t.contains('/') && (t.ends_with(".rs") || t.ends_with(".txt") || t.ends_with(".mjs"))
        })
        .filter(|t| {
            ![root().join(t), root().join("src").join(t)]
                .iter()
                .any(|p| p.exists())
        })
        .collect();
    assert!(
        gone.is_empty(),
        "docs/architecture.md names files that do not exist: {gone:?}"
    );
}

#[test]
fn every_public_item_is_used_outside_its_own_definition() {
    let mut texts = Vec::new();
    for dir in ["src", "tests"] {
        for file in files_under(&root().join(dir))
            .iter()
            .filter(|f| f.ends_with(".rs"))
        {
            let path = root().join(dir).join(file);
            texts.push((
                format!("{dir}/{file}"),
                std::fs::read_to_string(path).expect("source"),
            ));
        }
    }
    let everything: String = texts
        .iter()
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let words: Vec<&str> = everything
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    let kinds = [
        "fn ", "const ", "static ", "struct ", "enum ", "trait ", "type ",
    ];
    let mut defined: Vec<(String, String)> = Vec::new();
    for (file, text) in texts.iter().filter(|(f, _)| f.starts_with("src/")) {
        for line in text.lines() {
            let line = line.trim_start();
            let Some(rest) = line
                .strip_prefix("pub ")
                .or_else(|| line.strip_prefix("pub(crate) "))
            else {
                continue;
            };
            // `pub const fn` and `pub async fn` are functions.
            let rest = rest.strip_prefix("async ").unwrap_or(rest);
            let rest = rest
                .strip_prefix("const ")
                .filter(|r| r.starts_with("fn "))
                .unwrap_or(rest);
            let Some(kind) = kinds.iter().find(|k| rest.starts_with(**k)) else {
                continue;
            };
            let name: String = rest[kind.len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                defined.push((file.clone(), name));
            }
        }
    }
    assert!(defined.len() > 300, "{} public items", defined.len());
    let unused: Vec<String> = defined
        .iter()
        .filter(|(_, name)| {
            let definitions = defined.iter().filter(|(_, n)| n == name).count();
            words.iter().filter(|w| **w == name.as_str()).count() <= definitions
        })
        .map(|(file, name)| format!("{file}: {name}"))
        .collect();
    assert!(unused.is_empty(), "public items nothing uses: {unused:?}");
}
