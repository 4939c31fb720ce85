//! `[features]`, `agents`, `permissions` and `default_permissions`: read by
//! the shapes the probe asked of every release (`SHAPES` in
//! `scripts/codex-probes.mjs`), not by rules written here. Each value gets
//! two questions, the most literal one the probe asked winning (a key of the
//! person's choosing is `*`):
//! - its shape (`agents.*=false`, `permissions.*.filesystem.*=deny`,
//!   `features.network_proxy=table`): the release reads it, or refuses the
//!   file in its own words;
//! - its key's (`agents.max_depth`, asked with a wrong value): refused means
//!   the release reads the key, as the type or the words it named; not
//!   refused means it ignores the key, which is a note, not an error.

use toml_edit::{Item, TableLike};

use super::words::{expected_one_of, join, mismatch, unknown_variant, wrong_of};
use super::{At, Checker, Refusal, refusal};
use crate::clients::codex::{self, UPGRADE};
use crate::merge::DiagnosisKind;
use crate::merge::diagnose::diagnosis;
use crate::validate::Severity;

/// The table the probe's answers about these settings are in.
const KIND: &str = "config";

/// Words a shape id uses for itself, never the person's value.
const SHAPE_WORDS: [&str; 13] = [
    "table",
    "int",
    "string",
    "bool",
    "list",
    "true",
    "false",
    "any",
    "undefined",
    "without-permissions",
    "without-default",
    "without-filesystem",
    "known",
];

/// One way the probe may name a place: its id with `*` for keys of the
/// person's choosing, and the key the first `*` stands for (the `{key}` in
/// a release's words).
#[derive(Clone)]
pub(super) struct Pattern {
    id: String,
    key: Option<String>,
}

impl Pattern {
    pub(super) fn top(id: &str) -> Vec<Pattern> {
        vec![Pattern {
            id: id.to_owned(),
            key: None,
        }]
    }
}

/// The ids for `key` under `parents` that the probe asks about (or about
/// anything under them), most literal first.
fn children(parents: &[Pattern], key: &str) -> Vec<Pattern> {
    let asked = codex::settings();
    // The key itself; `:*` for a name beginning with `:` (a filesystem
    // special path the release may not have); `*`, any key.
    let mut segments = vec![(key, false)];
    if key.starts_with(':') {
        segments.push((":*", false));
    }
    segments.push(("*", true));
    let mut out = Vec::new();
    for parent in parents {
        for (segment, wild) in &segments {
            let id = join(&parent.id, segment);
            if asked.asks_under(KIND, &id) {
                let key = parent.key.clone().or_else(|| wild.then(|| key.to_owned()));
                out.push(Pattern { id, key });
            }
        }
    }
    out
}

/// The shapes a value may be asked as, most literal first; `any` last (a
/// key whose every value is refused, as a table refuses a key it does not
/// know).
fn shapes(item: &Item) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(b) = item.as_bool() {
        out.extend([b.to_string(), "bool".to_owned()]);
    } else if let Some(s) = item.as_str() {
        if !SHAPE_WORDS.contains(&s) {
            out.push(s.to_owned());
        }
        if s.starts_with(':') {
            out.push(":*".to_owned());
        }
        out.push("string".to_owned());
    } else if item.as_integer().is_some() {
        out.push("int".to_owned());
    } else if item.is_table_like() {
        out.push("table".to_owned());
    } else if item.is_array() || item.is_array_of_tables() {
        out.push("list".to_owned());
    }
    out.push("any".to_owned());
    out
}

/// A release's words with the probe's stand-ins replaced by the file's.
fn words_of(refusal: Refusal, item: &Item, key: Option<&str>) -> String {
    match refusal {
        Refusal::Type(expected) => wrong_of(item, expected),
        Refusal::Missing(field) => format!("missing field `{field}`"),
        Refusal::Variants(allowed) => format!(
            "unknown variant `{}`, {}",
            item.as_str().unwrap_or_default(),
            expected_one_of(&allowed)
        ),
        Refusal::Words(said) => {
            let value = item.as_str().unwrap_or_default();
            let said = said.replace(":{value}", value).replace("{value}", value);
            key.map_or(said.clone(), |key| said.replace("{key}", key))
        }
    }
}

impl Checker<'_> {
    /// Checks `item` (at `path` in the file) by the probe's questions about
    /// `patterns`, and what is under it.
    /// `trail` holds where each table on the way is, and `at` the value.
    pub(super) fn shaped(
        &mut self,
        item: &Item,
        patterns: &[Pattern],
        path: &str,
        trail: &[&At],
        at: &At,
    ) {
        let asked = codex::settings();
        let mut trail = trail.to_vec();
        trail.push(at);
        // The key as a name the release may not have.
        if let Some((name, pattern)) = path.rsplit('.').next().zip(
            patterns
                .iter()
                .find(|p| asked.asks(KIND, &format!("{}=known", p.id))),
        ) {
            let id = format!("{}=known", pattern.id);
            if let Some(refused) = refusal(self.release, &id) {
                let words = words_of(refused, &Item::Value(name.into()), None);
                let codex_at = self.placed(&id, &trail);
                return self.refuse_placed(at, codex_at, path, words, None);
            }
        }
        // The value's shape.
        let mut shape_read = false;
        'shape: for pattern in patterns {
            for shape in shapes(item) {
                let id = format!("{}={shape}", pattern.id);
                if !asked.asks(KIND, &id) {
                    continue;
                }
                match refusal(self.release, &id) {
                    // A table refused in words was read, and its contents
                    // refused: the probe's, which are not the person's.
                    Some(Refusal::Words(said)) if shape == "table" => {
                        self.table_note(at, path, said);
                    }
                    // A check made after reading on a path the probe chose
                    // (`/tmp/probe`): whether it refuses the person's path
                    // the probe cannot say.
                    Some(Refusal::Words(said))
                        if pattern.id.contains(".filesystem.*")
                            && asked.answer("placed", &id, self.release) == Some("none") =>
                    {
                        self.path_note(at, path, said);
                    }
                    Some(refused) => {
                        let words = words_of(refused, item, pattern.key.as_deref());
                        let codex_at = self.placed(&id, &trail);
                        return self.refuse_placed(at, codex_at, path, words, None);
                    }
                    None => {}
                }
                shape_read = true;
                break 'shape;
            }
        }
        // The key's own question.
        if let Some(pattern) = patterns.iter().find(|p| asked.asks(KIND, &p.id)) {
            match refusal(self.release, &pattern.id) {
                None => return self.ignored(at, path, &pattern.id),
                Some(Refusal::Variants(allowed)) if !shape_read => {
                    if let Some(words) = unknown_variant(item, &allowed) {
                        let codex_at = self.placed(&pattern.id, &trail);
                        return self.refuse_placed(at, codex_at, path, words, None);
                    }
                }
                Some(Refusal::Type(expected)) if !shape_read => {
                    if let Some(words) = mismatch(item, expected) {
                        let codex_at = self.placed(&pattern.id, &trail);
                        return self.refuse_placed(at, codex_at, path, words, None);
                    }
                }
                _ => {}
            }
        }
        // What is under a table.
        if let Some(table) = item.as_table_like() {
            for (key, value) in table.iter() {
                let under = children(patterns, key);
                if !under.is_empty() {
                    let inner = self.at(table, key);
                    self.shaped(value, &under, &join(path, key), &trail, &inner);
                }
            }
        }
    }

    /// Where the release points when it refuses `id`: the value, a table
    /// on its way (`table:N`, N keys deep: serde reads some tables whole),
    /// or nowhere (a check made after reading), as the probe saw it.
    fn placed(&self, id: &str, trail: &[&At]) -> Option<(usize, usize)> {
        let own = trail.last().map(|at| (at.line, at.column));
        match codex::settings().answer("placed", id, self.release) {
            Some("none") => None,
            Some(place) => match place
                .strip_prefix("table:")
                .and_then(|n| n.parse::<usize>().ok())
            {
                Some(depth) => trail
                    .get(depth.checked_sub(1)?)
                    .map(|at| (at.line, at.column)),
                None => own,
            },
            None => own,
        }
    }

    /// A note: the release loads the file and ignores the setting.
    fn ignored(&mut self, at: &At, path: &str, id: &str) {
        let release = self.release;
        let reads = codex::settings().since(|r| refusal(r, id).is_some());
        let later = reads.map_or(String::new(), |first| {
            format!(" Codex {first} and later read it: to use it, upgrade (`{UPGRADE}`).")
        });
        self.note(
            at,
            format!(
                "Codex {release} does not read `{path}`: it loads the file and the setting does nothing.{later}"
            ),
        );
    }

    /// A note: the release reads a table here and checks what is in it,
    /// which the probe asked only with `enabled = true`.
    fn table_note(&mut self, at: &At, path: &str, said: &str) {
        let release = self.release;
        self.note(
            at,
            format!(
                "Codex {release} checks what `{path}` holds: given only `enabled = true` it refused the file with \"{said}\". If Codex does not start, run `codex mcp list` to see what it says."
            ),
        );
    }

    /// A note: the release checks this path after reading the file, and
    /// refused the probe's (`/tmp/probe`) in these words.
    fn path_note(&mut self, at: &At, path: &str, said: &str) {
        let release = self.release;
        self.note(
            at,
            format!(
                "Codex {release} checks `{path}` against your workspace after reading the file: for `/tmp/probe` it refused the file with \"{said}\". Run `codex mcp list` to see what it says of yours."
            ),
        );
    }

    /// A note on the line of `at`: what the release does that is not a refusal.
    fn note(&mut self, at: &At, text: String) {
        let message = match at.line {
            0 => text,
            line => format!("Line {line}: {text}"),
        };
        self.out.push(diagnosis(
            DiagnosisKind::CodexNote,
            Severity::Warning,
            at.line,
            message,
            None,
        ));
    }

    /// What `default_permissions` and the `[permissions]` profiles say of
    /// each other: a profile needs `default_permissions` beside it, and a
    /// name there needs its profile, where the release asks for them.
    pub(super) fn permission_links(&mut self, root: &dyn TableLike) {
        if let Some(profiles) = root.get("permissions").and_then(Item::as_table_like) {
            let id = "permissions.*=without-filesystem";
            for (name, profile) in profiles.iter() {
                let Some(table) = profile.as_table_like() else {
                    continue;
                };
                if table.contains_key("filesystem") {
                    continue;
                }
                if let Some(refused) = refusal(self.release, id) {
                    let at = self.at(profiles, name);
                    let words = words_of(refused, &Item::None, Some(name));
                    let codex_at = self.placed(id, &[&at]);
                    self.refuse_placed(&at, codex_at, &format!("permissions.{name}"), words, None);
                }
            }
        }
        let default = root.get("default_permissions");
        let profiles = root.get("permissions").and_then(Item::as_table_like);
        let (id, at, value) = match (default, profiles) {
            (None, Some(profiles)) if !profiles.is_empty() => (
                "permissions=without-default",
                self.at(root, "permissions"),
                None,
            ),
            (Some(item), profiles) => {
                let Some(name) = item.as_str().filter(|n| !n.starts_with(':')) else {
                    return;
                };
                let id = match profiles {
                    None => "default_permissions=without-permissions",
                    Some(p) if !p.contains_key(name) => "default_permissions=undefined",
                    Some(_) => return,
                };
                (id, self.at(root, "default_permissions"), Some(item))
            }
            _ => return,
        };
        if let Some(refused) = refusal(self.release, id) {
            let path = id.split('=').next().unwrap_or(id);
            let words = words_of(refused, value.unwrap_or(&Item::None), None);
            let codex_at = self.placed(id, &[&at]);
            self.refuse_placed(&at, codex_at, path, words, None);
        }
    }
}
