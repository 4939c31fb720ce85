//! How Codex words a refusal: serde's names for a value's type and its
//! "expected one of", and the dotted path of a setting.

use toml_edit::{Item, Value};

use super::rules::Kind;

/// What serde calls a value's type, as Codex's messages quote it.
pub(super) fn found(item: &Item) -> String {
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
pub(super) fn expected_one_of(allowed: &[&str]) -> String {
    let quoted: Vec<String> = allowed.iter().map(|a| format!("`{a}`")).collect();
    match quoted.as_slice() {
        [one] => format!("expected {one}"),
        [a, b] => format!("expected {a} or {b}"),
        _ => format!("expected one of {}", quoted.join(", ")),
    }
}

/// What a release that takes only `allowed` says of `item`, if it is not one of them.
pub(super) fn unknown_variant(item: &Item, allowed: &[&str]) -> Option<String> {
    match item.as_str() {
        Some(v) if allowed.contains(&v) => None,
        Some(v) => Some(format!(
            "unknown variant `{v}`, {}",
            expected_one_of(allowed)
        )),
        None => Some(wrong_of(item, "a string")),
    }
}

pub(super) fn wrong_of(item: &Item, expected: &str) -> String {
    format!("invalid type: {}, expected {expected}", found(item))
}

pub(super) fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

pub(super) fn is(kind: Kind, item: &Item) -> bool {
    match kind {
        Kind::Str => item.as_str().is_some(),
        Kind::Bool => item.as_bool().is_some(),
        Kind::Int => item.as_integer().is_some(),
        Kind::Port => item.as_integer().is_some_and(|p| (0..=65535).contains(&p)),
        Kind::StrList => item
            .as_array()
            .is_some_and(|a| a.iter().all(|v| v.as_str().is_some())),
    }
}

/// What a release that expects `expected` (serde's name for a type, as the
/// probe's answer quotes it) says of `item`, if it does not fit.
pub(super) fn mismatch(item: &Item, expected: &str) -> Option<String> {
    let number = expected.len() > 1
        && (expected.starts_with('u') || expected.starts_with('i'))
        && (expected[1..].parse::<u8>().is_ok() || &expected[1..] == "size");
    let fits = if number {
        match item.as_integer() {
            Some(n) if n < 0 && expected.starts_with('u') => {
                return Some(format!("invalid value: integer `{n}`, expected {expected}"));
            }
            found => found.is_some(),
        }
    } else if expected.starts_with("struct ") || expected == "a map" {
        item.is_table_like()
    } else if expected == "a boolean" {
        item.as_bool().is_some()
    } else if expected.ends_with("string") {
        item.as_str().is_some()
    } else if expected == "a sequence" {
        item.is_array() || item.is_array_of_tables()
    } else {
        return None;
    };
    (!fits).then(|| wrong_of(item, expected))
}
