//! JSON as the other clients write their files: two-space indents, keys in
//! the order given (the order each CLI stores them in), strings escaped by
//! `serde_json`.

/// A JSON value whose objects keep their keys' order.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// A string.
    Str(String),
    /// `true` or `false`.
    Bool(bool),
    /// A number, written as its digits.
    Num(String),
    /// A list.
    List(Vec<Json>),
    /// An object, its keys in order.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// A string value.
    pub fn str(s: impl Into<String>) -> Self {
        Json::Str(s.into())
    }

    /// A list of strings.
    pub fn strings<S: AsRef<str>>(items: &[S]) -> Self {
        Json::List(items.iter().map(|s| Json::str(s.as_ref())).collect())
    }

    /// An object of `pairs`.
    pub fn object<K: Into<String>>(pairs: impl IntoIterator<Item = (K, Json)>) -> Self {
        Json::Object(pairs.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }

    /// The value as `JSON.stringify(value, null, 2)` writes it.
    pub fn pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, 0, true);
        out
    }

    /// The value on one line, as `JSON.stringify(value)` writes it.
    pub fn compact(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, 0, false);
        out
    }

    fn write(&self, out: &mut String, depth: usize, pretty: bool) {
        let newline = |out: &mut String, depth: usize| {
            if pretty {
                out.push('\n');
                out.push_str(&"  ".repeat(depth));
            }
        };
        match self {
            Json::Str(s) => out.push_str(&quote(s)),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Num(n) => out.push_str(n),
            Json::List(items) if items.is_empty() => out.push_str("[]"),
            Json::Object(pairs) if pairs.is_empty() => out.push_str("{}"),
            Json::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, depth + 1);
                    item.write(out, depth + 1, pretty);
                }
                newline(out, depth);
                out.push(']');
            }
            Json::Object(pairs) => {
                out.push('{');
                for (i, (key, value)) in pairs.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, depth + 1);
                    out.push_str(&quote(key));
                    out.push_str(if pretty { ": " } else { ":" });
                    value.write(out, depth + 1, pretty);
                }
                newline(out, depth);
                out.push('}');
            }
        }
    }
}

/// A JSON string literal of `s`.
pub fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned())
}

#[cfg(test)]
mod tests {
    use super::Json;

    #[test]
    fn pretty_matches_what_json_stringify_writes() {
        let value = Json::object([
            ("a", Json::str("x\"y")),
            ("b", Json::strings(&["1", "2"])),
            ("c", Json::object::<&str>([])),
            ("d", Json::Num("30000".into())),
        ]);
        let parsed: serde_json::Value = serde_json::from_str(&value.pretty()).unwrap();
        assert_eq!(parsed["a"], "x\"y");
        assert_eq!(parsed["b"][1], "2");
        assert_eq!(parsed["d"], 30000);
        assert_eq!(
            value.pretty(),
            "{\n  \"a\": \"x\\\"y\",\n  \"b\": [\n    \"1\",\n    \"2\"\n  ],\n  \"c\": {},\n  \"d\": 30000\n}"
        );
        assert_eq!(Json::strings(&["a"]).compact(), "[\"a\"]");
    }
}
