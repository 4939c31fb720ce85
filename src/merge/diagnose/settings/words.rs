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
        Kind::Table => item.is_table_like(),
    }
}
