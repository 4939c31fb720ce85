//! The rest of the file, as the pinned Codex CLI reads it: settings whose
//! value Codex checks strictly (an unknown enum value, a wrong type, a
//! removed setting, a reserved provider id, the shape of a known table)
//! make it refuse the whole file. Codex ignores keys it does not know, so
//! those are left alone.
//!
//! The table follows Codex [`CODEX_VERSION`] (npm `@openai/codex`, pinned
//! in package.json): every rule was checked against that CLI, and the corpus
//! test (`tests/codex_corpus.rs`) runs the real CLI on every file it keeps,
//! so bumping the CLI shows what changed.

mod rules;

pub use self::rules::CODEX_VERSION;

use toml_edit::{Document, Item, TableLike, Value};

use self::rules::{APPROVAL_WORDS, GRANULAR_REQUIRED, RESERVED_PROVIDERS, Rule, TOP};

use crate::merge::diagnose::{diagnosis, fix};
use crate::merge::scan::{line_and_column, line_start};
use crate::merge::{Diagnosis, DiagnosisKind, Edit};
use crate::validate::Severity;

struct Checker<'t> {
    text: &'t str,
    out: Vec<Diagnosis>,
}

/// Everything in the parsed file outside `mcp_servers` that makes Codex
/// refuse the whole file.
pub(super) fn refusals(text: &str, doc: &Document<&str>) -> Vec<Diagnosis> {
    let mut checker = Checker {
        text,
        out: Vec::new(),
    };
    checker.table(doc.as_table(), "", TOP);
    checker.out
}

/// What serde calls a value's type, as Codex's messages quote it.
fn found(item: &Item) -> String {
    match item {
        Item::Value(Value::String(s)) => format!("string \"{}\"", s.value()),
        Item::Value(Value::Integer(i)) => format!("integer `{}`", i.value()),
        Item::Value(Value::Float(f)) => format!("floating point `{}`", f.value()),
        Item::Value(Value::Boolean(b)) => format!("boolean `{}`", b.value()),
        Item::Value(Value::Datetime(_)) => "a date".to_owned(),
        Item::Value(Value::Array(_)) | Item::ArrayOfTables(_) => "sequence".to_owned(),
        Item::Value(Value::InlineTable(_)) | Item::Table(_) => "map".to_owned(),
        Item::None => "nothing".to_owned(),
    }
}

/// serde's "expected one of `a`, `b`".
fn expected_one_of(allowed: &[&str]) -> String {
    let quoted: Vec<String> = allowed.iter().map(|a| format!("`{a}`")).collect();
    match quoted.as_slice() {
        [one] => format!("expected {one}"),
        [a, b] => format!("expected {a} or {b}"),
        _ => format!("expected one of {}", quoted.join(", ")),
    }
}

fn path_of(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

impl Checker<'_> {
    /// The 1-based line of `key` in `table` (its value's line for dotted keys).
    fn line(&self, table: &dyn TableLike, key: &str) -> usize {
        let span = table
            .get_key_value(key)
            .and_then(|(k, item)| k.span().or_else(|| item.span()));
        span.map_or(0, |s| line_and_column(self.text, s.start).0)
    }

    fn refuse(&mut self, line: usize, path: &str, words: String, fix: Option<crate::merge::Fix>) {
        let at = if line > 0 {
            format!("Line {line}: ")
        } else {
            String::new()
        };
        self.out.push(diagnosis(
            DiagnosisKind::CodexRefuses,
            Severity::Error,
            line,
            format!("{at}Codex refuses the whole file: {words} (in `{path}`)."),
            fix,
        ));
    }

    /// The "Remove this setting" fix: deletes the whole line `line` (1-based).
    fn remove_line(&self, line: usize) -> Option<crate::merge::Fix> {
        let mut start = 0;
        for _ in 1..line {
            start += self.text[start..].find('\n')? + 1;
        }
        let start = line_start(self.text, start);
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i + 1);
        let edit = Edit {
            range: start..end,
            replacement: String::new(),
        };
        fix("Remove this setting", vec![edit])
    }

    fn table(&mut self, table: &dyn TableLike, path: &str, rules: &[(&str, Rule)]) {
        for (key, rule) in rules {
            if let Some(item) = table.get(key) {
                let line = self.line(table, key);
                self.item(item, &path_of(path, key), line, *rule);
            }
        }
    }

    fn item(&mut self, item: &Item, path: &str, line: usize, rule: Rule) {
        let wrong = |expected: &str| wrong_of(item, expected);
        match rule {
            Rule::Str if item.as_str().is_none() => {
                self.refuse(line, path, wrong("a string"), None)
            }
            Rule::Bool if item.as_bool().is_none() => {
                self.refuse(line, path, wrong("a boolean"), None);
            }
            Rule::Int if item.as_integer().is_none() => self.refuse(line, path, wrong("i64"), None),
            Rule::Port => match item.as_integer() {
                Some(port) if (0..=65535).contains(&port) => {}
                _ => self.refuse(line, path, wrong("u16"), None),
            },
            Rule::StrList => match item.as_array() {
                None => self.refuse(line, path, wrong("a sequence"), None),
                Some(list) => {
                    if let Some(bad) = list.iter().find(|v| v.as_str().is_none()) {
                        let words = format!(
                            "invalid type: {}, expected a string",
                            found(&Item::Value(bad.clone()))
                        );
                        self.refuse(line, path, words, None);
                    }
                }
            },
            Rule::Enum(allowed) => match item.as_str() {
                Some(v) if allowed.contains(&v) => {}
                Some(v) => {
                    let words = format!("unknown variant `{v}`, {}", expected_one_of(allowed));
                    self.refuse(line, path, words, None);
                }
                None => self.refuse(line, path, wrong("a string"), None),
            },
            Rule::Approval { top } => self.approval(item, path, line, top),
            Rule::Table(rules) => match item.as_table_like() {
                Some(table) => self.table(table, path, rules),
                None => self.refuse(line, path, wrong("a table"), None),
            },
            Rule::Map(inner) => {
                if let Some(map) = item.as_table_like() {
                    for (key, value) in map.iter() {
                        let line = self.line(map, key);
                        self.item(value, &path_of(path, key), line, *inner);
                    }
                }
            }
            Rule::Features => {
                if let Some(map) = item.as_table_like() {
                    for (key, value) in map.iter() {
                        if value.as_bool().is_none() && !value.is_table_like() {
                            let line = self.line(map, key);
                            self.refuse(
                                line,
                                &path_of(path, key),
                                wrong_of(value, "a boolean"),
                                None,
                            );
                        }
                    }
                }
            }
            Rule::BoolOrStrList => {
                let ok = item.as_bool().is_some()
                    || item
                        .as_array()
                        .is_some_and(|a| a.iter().all(|v| v.as_str().is_some()));
                if !ok {
                    self.refuse(
                        line,
                        path,
                        "data did not match any variant of untagged enum Notifications (use true, false, or a list of strings)".to_owned(),
                        None,
                    );
                }
            }
            Rule::Removed(words) => {
                let remove = self.remove_line(line);
                self.refuse(line, path, words.to_owned(), remove);
            }
            Rule::Struct(name) if !item.is_table_like() => {
                self.refuse(line, path, wrong(&format!("struct {name}")), None);
            }
            Rule::Providers => self.providers(item, path, line),
            _ => {}
        }
    }

    fn approval(&mut self, item: &Item, path: &str, line: usize, top: bool) {
        let unknown =
            |v: &str| format!("unknown variant `{v}`, {}", expected_one_of(APPROVAL_WORDS));
        if let Some(word) = item.as_str() {
            if top && word == "untrusted" {
                let words =
                    "approval_policy = \"untrusted\" is no longer supported; remove this setting"
                        .to_owned();
                let remove = self.remove_line(line);
                return self.refuse(line, path, words, remove);
            }
            if word == "granular" || !APPROVAL_WORDS.contains(&word) {
                return self.refuse(line, path, unknown(word), None);
            }
            return;
        }
        let Some(table) = item.as_table_like() else {
            return self.refuse(line, path, wrong_of(item, "a string"), None);
        };
        if let Some((key, _)) = table.iter().find(|(key, _)| *key != "granular") {
            return self.refuse(line, path, unknown(key), None);
        }
        let Some(granular) = table.get("granular").and_then(Item::as_table_like) else {
            return self.refuse(line, path, unknown("granular"), None);
        };
        for field in GRANULAR_REQUIRED {
            match granular.get(field) {
                None => return self.refuse(line, path, format!("missing field `{field}`"), None),
                Some(value) if value.as_bool().is_none() => {
                    let words = wrong_of(value, "a boolean");
                    return self.refuse(line, &format!("{path}.{field}"), words, None);
                }
                Some(_) => {}
            }
        }
    }

    fn providers(&mut self, item: &Item, path: &str, line: usize) {
        let Some(providers) = item.as_table_like() else {
            return self.refuse(line, path, wrong_of(item, "a table"), None);
        };
        for (id, provider) in providers.iter() {
            let at = self.line(providers, id);
            if RESERVED_PROVIDERS.contains(&id) {
                let words = format!(
                    "model_providers contains reserved built-in provider IDs: `{id}`. Built-in providers cannot be overridden. Rename your custom provider (for example, `{id}-custom`)"
                );
                self.refuse(at, path, words, None);
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
                let words = format!("model_providers.{id}: provider name must not be empty");
                self.refuse(at, path, words, None);
            }
            if let Some(wire) = table.get("wire_api") {
                let line = self.line(table, "wire_api");
                let wire_path = format!("{path}.{id}.wire_api");
                match wire.as_str() {
                    Some("responses") => {}
                    Some("chat") => {
                        let edits = wire
                            .span()
                            .map(|span| Edit {
                                range: span,
                                replacement: "\"responses\"".to_owned(),
                            })
                            .into_iter()
                            .collect();
                        self.refuse(
                            line,
                            &wire_path,
                            "`wire_api = \"chat\"` is no longer supported; Codex's fix is `wire_api = \"responses\"`".to_owned(),
                            fix("Set wire_api = \"responses\"", edits),
                        );
                    }
                    Some(other) => {
                        let words = format!("unknown variant `{other}`, expected `responses`");
                        self.refuse(line, &wire_path, words, None);
                    }
                    None => self.refuse(line, &wire_path, wrong_of(wire, "a string"), None),
                }
            }
        }
    }
}

fn wrong_of(item: &Item, expected: &str) -> String {
    format!("invalid type: {}, expected {expected}", found(item))
}
