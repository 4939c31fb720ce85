//! The rest of the file, as the person's Codex release reads it: settings
//! whose value that release checks strictly (an unknown enum value, a wrong
//! type, a removed setting, a reserved provider id, the shape of a known
//! table) make it refuse the whole file. Codex ignores keys it does not
//! know, and so does the check.
//!
//! `rules.rs` says which settings the check reads and their shapes; what
//! each release refuses, and in which words, is the real releases' answer
//! (`crate::codex`), so the verdict is the verdict of the release the
//! person runs. The corpus test runs real releases on every file it keeps.

mod rules;

pub use self::rules::CODEX_VERSION;

use toml_edit::{Document, Item, TableLike, Value};

use self::rules::{GRANULAR_REQUIRED, Kind, RESERVED_PROVIDERS, Rule, TOP};

use crate::codex::{self, ERROR_POSITION, Release};
use crate::merge::diagnose::{diagnosis, fix};
use crate::merge::scan::{line_and_column, line_start};
use crate::merge::{Diagnosis, DiagnosisKind, Edit};
use crate::model::ServerConfig;
use crate::validate::Severity;

/// What a release answered when the probe gave it a wrong value.
enum Refusal {
    /// "unknown variant": the values it takes.
    Variants(Vec<&'static str>),
    /// "invalid type": what it expected (`a boolean`, `struct AgentsToml`).
    Type(&'static str),
    /// "missing field `name`".
    Missing(&'static str),
    /// Its own sentence, `{value}` and `{key}` standing for the probe's.
    Words(&'static str),
}

/// The answer `release` gave for the probe `id`, if it refused it.
fn refusal(release: Release, id: &str) -> Option<Refusal> {
    let answer = codex::settings()
        .answer("config", id, release)
        .or_else(|| codex::cli().answer("config", id, release))?;
    let (class, payload) = answer.split_once(' ').unwrap_or((answer, ""));
    Some(match class {
        "variant" => Refusal::Variants(payload.split(',').collect()),
        "type" => Refusal::Type(payload),
        "missing" => Refusal::Missing(payload),
        _ => Refusal::Words(payload),
    })
}

struct Checker<'t> {
    text: &'t str,
    release: Release,
    /// The page's own entry, which the merge rewrites, and the tools whose
    /// approval it sets there.
    own: (&'t str, Vec<&'t str>),
    /// The names of the file's `[profiles.NAME]`.
    profiles: Vec<String>,
    out: Vec<Diagnosis>,
}

/// Everything in the parsed file that makes the person's release of Codex
/// (`config.codex`) refuse the whole file, but for what the merge itself
/// rewrites in the page's own entry.
pub(super) fn refusals(text: &str, doc: &Document<&str>, config: &ServerConfig) -> Vec<Diagnosis> {
    let mut checker = Checker {
        text,
        release: config.codex,
        own: (
            &config.name,
            config
                .tool_approvals
                .iter()
                .map(|(t, _)| t.as_str())
                .collect(),
        ),
        profiles: doc
            .get("profiles")
            .and_then(Item::as_table_like)
            .map(|p| p.iter().map(|(k, _)| k.to_owned()).collect())
            .unwrap_or_default(),
        out: Vec::new(),
    };
    checker.table(doc.as_table(), "", "", TOP);
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

fn wrong_of(item: &Item, expected: &str) -> String {
    format!("invalid type: {}, expected {expected}", found(item))
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

fn is(kind: Kind, item: &Item) -> bool {
    match kind {
        Kind::Str => item.as_str().is_some(),
        Kind::Bool => item.as_bool().is_some(),
        Kind::Int => item.as_integer().is_some(),
        Kind::Port => item.as_integer().is_some_and(|p| (0..=65535).contains(&p)),
        Kind::StrList => item
            .as_array()
            .is_some_and(|a| a.iter().all(|v| v.as_str().is_some())),
        Kind::Table => item.is_table_like(),
    }
}

/// Where a value is: the 1-based line and column of its first byte (Codex
/// points at the value; at a table's header for a table).
struct At {
    line: usize,
    column: usize,
    /// The byte where the line starts, for a fix that removes it.
    key_offset: usize,
}

impl<'t> Checker<'t> {
    fn at(&self, table: &dyn TableLike, key: &str) -> At {
        let (key_span, item_span) = table
            .get_key_value(key)
            .map_or((None, None), |(k, item)| (k.span(), item.span()));
        let offset = item_span
            .clone()
            .or(key_span.clone())
            .map_or(0, |s| s.start);
        let (line, column) = line_and_column(self.text, offset);
        At {
            line: if key_span.is_some() || item_span.is_some() {
                line
            } else {
                0
            },
            column,
            key_offset: key_span.map_or(offset, |s| s.start),
        }
    }

    /// A refusal, worded as the person's release words it: with
    /// `config.toml:LINE:COLUMN` where it names one, without where it does not.
    fn refuse(&mut self, at: &At, path: &str, words: String, fix: Option<crate::merge::Fix>) {
        let release = self.release;
        let head = match at.line {
            0 => format!("Codex {release} refuses the whole file"),
            line if ERROR_POSITION.holds(release) => format!(
                "Line {line}: Codex {release} refuses the whole file at `config.toml:{line}:{}`",
                at.column
            ),
            line => {
                format!("Line {line}: Codex {release} refuses the whole file (it names no line)")
            }
        };
        self.out.push(diagnosis(
            DiagnosisKind::CodexRefuses,
            Severity::Error,
            at.line,
            format!("{head}: {words} (in `{path}`)."),
            fix,
        ));
    }

    /// The "Remove this setting" fix: deletes the whole line of `at`.
    fn remove_line(&self, at: &At) -> Option<crate::merge::Fix> {
        let start = line_start(self.text, at.key_offset.min(self.text.len()));
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i + 1);
        let edit = Edit {
            range: start..end,
            replacement: String::new(),
        };
        fix("Remove this setting", vec![edit])
    }

    /// Checks the keys of `table` that `rules` name; `id` is the probe's
    /// path for the table (with `*`), `path` the file's.
    fn table(&mut self, table: &dyn TableLike, id: &str, path: &str, rules: &[(&str, Rule)]) {
        for (key, rule) in rules {
            if let Some(item) = table.get(key) {
                let at = self.at(table, key);
                self.item(item, &join(id, key), &join(path, key), &at, *rule);
            }
        }
    }

    fn item(&mut self, item: &Item, id: &str, path: &str, at: &At, rule: Rule) {
        match rule {
            Rule::Typed(kind) => {
                self.typed(item, id, path, at, kind);
            }
            Rule::Enum => self.one_of(item, id, path, at),
            Rule::Approval { top } => self.approval(item, id, path, at, top),
            Rule::Table(rules) => {
                if let Some(table) = item.as_table_like() {
                    self.table(table, id, path, rules);
                }
            }
            Rule::Map(inner) => self.map(item, id, path, inner),
            Rule::Features => self.features(item, path),
            Rule::Hooks => {
                if item.is_array_of_tables()
                    && let Some(Refusal::Type(expected)) = refusal(self.release, "hooks=array")
                {
                    self.refuse(at, path, wrong_of(item, expected), None);
                }
            }
            Rule::Notifications => {
                if !(is(Kind::Bool, item) || is(Kind::StrList, item))
                    && let Some(Refusal::Words(words)) = refusal(self.release, id)
                {
                    let words = format!("{words} (use true, false, or a list of strings)");
                    self.refuse(at, path, words, None);
                }
            }
            Rule::Profile => self.profile(item, path, at),
            Rule::Providers => self.providers(item, path),
        }
    }

    /// Refuses `item` unless it is of `kind`, where the release checks the
    /// setting; whether it refused.
    fn typed(&mut self, item: &Item, id: &str, path: &str, at: &At, kind: Kind) -> bool {
        if let Some(Refusal::Type(expected)) = refusal(self.release, id)
            && !is(kind, item)
        {
            // A number out of a port's range is a wrong value, not a wrong type.
            let words = match (kind, item.as_integer()) {
                (Kind::Port, Some(n)) => {
                    format!("invalid value: integer `{n}`, expected {expected}")
                }
                _ => wrong_of(item, expected),
            };
            self.refuse(at, path, words, None);
            return true;
        }
        false
    }

    fn map(&mut self, item: &Item, id: &str, path: &str, inner: &Rule) {
        let Some(map) = item.as_table_like() else {
            return;
        };
        for (key, value) in map.iter() {
            let skip_own = id == "mcp_servers" && key == self.own.0;
            let at = self.at(map, key);
            if skip_own {
                self.own_entry(value, &join(path, key));
            } else {
                self.item(value, &join(id, "*"), &join(path, key), &at, *inner);
            }
        }
    }

    /// The page's own entry: the merge rewrites its default approval and
    /// the approval of the tools the form sets; the person's other tools
    /// stay as written, so they are checked.
    fn own_entry(&mut self, entry: &Item, path: &str) {
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

    /// `[features]`: a string is refused where the release refuses one; a
    /// table only where the release was asked about that very feature and
    /// refused it (which features take settings changes from release to
    /// release, so no other feature gets a verdict).
    fn features(&mut self, item: &Item, path: &str) {
        let Some(map) = item.as_table_like() else {
            return;
        };
        for (key, value) in map.iter() {
            let probe = if value.is_table_like() {
                format!("features.{key}=table")
            } else if value.as_bool().is_none() {
                "features.*=string".to_owned()
            } else {
                continue;
            };
            if let Some(Refusal::Type(expected)) = refusal(self.release, &probe) {
                let at = self.at(map, key);
                self.refuse(&at, &join(path, key), wrong_of(value, expected), None);
            }
        }
    }

    /// One of the words the release lists for `id`.
    fn one_of(&mut self, item: &Item, id: &str, path: &str, at: &At) {
        let Some(Refusal::Variants(allowed)) = refusal(self.release, id) else {
            return;
        };
        match item.as_str() {
            Some(v) if allowed.contains(&v) => {}
            Some(v) => {
                let words = format!("unknown variant `{v}`, {}", expected_one_of(&allowed));
                self.refuse(at, path, words, None);
            }
            None => self.refuse(at, path, wrong_of(item, "a string"), None),
        }
    }

    fn approval(&mut self, item: &Item, id: &str, path: &str, at: &At, top: bool) {
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
    fn profile(&mut self, item: &Item, path: &str, at: &At) {
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

    fn providers(&mut self, item: &Item, path: &str) {
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

    fn wire_api(&mut self, wire: &Item, table: &dyn TableLike, path: &str) {
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
