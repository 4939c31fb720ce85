//! The rest of the file, as the person's Codex release reads it: settings
//! whose value that release checks strictly (an unknown enum value, a wrong
//! type, a removed setting, a reserved provider id, the shape of a known
//! table) make it refuse the whole file. Codex ignores keys it does not
//! know, and so does the check.
//!
//! `rules.rs` says which settings the check reads and their shapes;
//! `shapes.rs` reads `[features]`, `agents` and `permissions` by the shapes
//! the probe asked instead (which keys those hold changes from release to
//! release); what each release refuses, and in which words, and what it
//! ignores, is the real releases' answer
//! (`crate::clients::codex`), so the verdict is the verdict of the release the
//! person runs. The corpus test runs real releases on every file it keeps.

mod rules;
mod shapes;
mod special;
mod words;

pub use self::rules::CODEX_VERSION;

use toml_edit::{Document, Item, TableLike};

use self::rules::{Kind, Rule, TOP};
use self::words::{is, join, wrong_of};

use crate::clients::codex::{self, ERROR_POSITION, Release};
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
    checker.permission_links(doc.as_table());
    checker.out
}

/// Where a value is: the 1-based line and column of its first byte (Codex
/// points at the value; at a table's header for a table).
struct At {
    line: usize,
    column: usize,
    /// The byte where the line starts, for a fix that removes it.
    key_offset: usize,
}

/// Where the first thing written inside a table without a header of its own is.
fn first_span(item: &Item) -> Option<std::ops::Range<usize>> {
    item.as_table_like()?
        .iter()
        .filter_map(|(_, child)| child.span().or_else(|| first_span(child)))
        .min_by_key(|span| span.start)
}

impl<'t> Checker<'t> {
    fn at(&self, table: &dyn TableLike, key: &str) -> At {
        let (key_span, item_span) = table.get_key_value(key).map_or((None, None), |(k, item)| {
            // A table only dotted headers make (`[permissions.dev.filesystem]`
            // makes `permissions`) is where its key first appears.
            (k.span().or_else(|| first_span(item)), item.span())
        });
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
        let codex_at = Some((at.line, at.column));
        self.refuse_placed(at, codex_at, path, words, fix);
    }

    /// A refusal of the value at `at`, where Codex names `codex_at`
    /// (`None`: a check it makes after reading, which names no place).
    fn refuse_placed(
        &mut self,
        at: &At,
        codex_at: Option<(usize, usize)>,
        path: &str,
        words: String,
        fix: Option<crate::merge::Fix>,
    ) {
        let release = self.release;
        let head = match (at.line, codex_at) {
            (0, _) => format!("Codex {release} refuses the whole file"),
            (line, Some((l, c))) if l > 0 && ERROR_POSITION.holds(release) => {
                format!(
                    "Line {line}: Codex {release} refuses the whole file at `config.toml:{l}:{c}`"
                )
            }
            (line, _) => {
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
            Rule::Shapes => self.shaped(item, &shapes::Pattern::top(id), path, &[], at),
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
}
