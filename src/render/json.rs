//! JSON as the clients write their files, through `serde_json` (with
//! `preserve_order`, so an object's keys stay in the order each client
//! stores them): `JSON.stringify(value, null, 2)`'s layout, and reading a
//! settings file the person pasted (comments, which some clients allow
//! and JSON has not, read past and reported).

use serde_json::{Map, Value};

/// `value` as `JSON.stringify(value, null, 2)` writes it.
pub fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// `value` on one line, as `JSON.stringify(value)` writes it.
pub fn compact(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// A JSON number written as `digits` (a count of milliseconds), or the
/// digits as a string should they not make a number.
pub fn number(digits: &str) -> Value {
    digits
        .parse::<serde_json::Number>()
        .map_or_else(|_| Value::String(digits.to_owned()), Value::Number)
}

/// `text` without its `//` and `/* */` comments (strings kept as they are),
/// and whether it had any.
fn without_comments(text: &str) -> (String, bool) {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut had = false;
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if c == '\\' {
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match (c, chars.peek()) {
            ('"', _) => {
                in_string = true;
                out.push(c);
            }
            ('/', Some('/')) => {
                had = true;
                for next in chars.by_ref() {
                    if next == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            ('/', Some('*')) => {
                had = true;
                chars.next();
                let mut last = ' ';
                for next in chars.by_ref() {
                    if next == '\n' {
                        out.push('\n');
                    }
                    if last == '*' && next == '/' {
                        break;
                    }
                    last = next;
                }
            }
            _ => out.push(c),
        }
    }
    (out, had)
}

/// A settings file the person pasted (`file` names it in messages): its
/// top-level object and whether it had comments, or why it cannot be read.
pub fn read_settings(text: &str, file: &str) -> Result<(Map<String, Value>, bool), String> {
    let (plain, had_comments) = without_comments(text);
    let value: Value = serde_json::from_str(&plain).map_err(|e| {
        format!(
            "The pasted {file} is not JSON: {e}. Fix it there (a missing comma or quote is the usual cause), or clear the box to copy the settings alone."
        )
    })?;
    match value {
        Value::Object(map) => Ok((map, had_comments)),
        _ => Err(format!(
            "The pasted {file} is not a JSON object ({{ … }} at the top): paste the whole file."
        )),
    }
}

/// The whole settings file back, as the clients write it, with a final newline.
pub fn settings_file(map: Map<String, Value>) -> String {
    let mut text = pretty(&Value::Object(map));
    text.push('\n');
    text
}

/// The object member `key` of `map`, made one if it is missing or not an object.
pub fn object_at<'a>(map: &'a mut Map<String, Value>, key: &str) -> &'a mut Map<String, Value> {
    let member = map
        .entry(key.to_owned())
        .or_insert_with(|| Value::Object(Map::new()));
    if !member.is_object() {
        *member = Value::Object(Map::new());
    }
    match member {
        Value::Object(object) => object,
        _ => unreachable!("made an object just above"),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{compact, number, pretty, read_settings};

    #[test]
    fn pretty_matches_what_json_stringify_writes_and_keys_keep_their_order() {
        let value = json!({"b": "x\"y", "a": ["1", "2"], "c": {}, "d": number("30000"), "e": []});
        assert_eq!(
            pretty(&value),
            "{\n  \"b\": \"x\\\"y\",\n  \"a\": [\n    \"1\",\n    \"2\"\n  ],\n  \"c\": {},\n  \"d\": 30000,\n  \"e\": []\n}"
        );
        assert_eq!(compact(&json!(["a"])), "[\"a\"]");
    }

    #[test]
    fn a_pasted_file_is_read_past_its_comments_and_a_wrong_one_says_why() {
        let (map, comments) =
            read_settings("{\n // mine\n \"a\": \"//not a comment\" /* x */ }", "f").unwrap();
        assert!(comments);
        assert_eq!(map["a"], "//not a comment");
        assert!(
            read_settings("[1]", "f")
                .unwrap_err()
                .contains("not a JSON object")
        );
        assert!(
            read_settings("{,}", "f")
                .unwrap_err()
                .contains("is not JSON")
        );
    }
}
