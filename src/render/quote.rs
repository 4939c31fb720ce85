//! Quoting for the shells every client's commands are written for: bash
//! and zsh, and PowerShell.

use std::borrow::Cow;

/// Quotes one word for bash and zsh (via the `shlex` crate, which is tested
/// against both). Validated input never holds NUL; should it, the word is
/// dropped rather than emitted unquoted.
pub fn posix_quote(word: &str) -> Cow<'_, str> {
    shlex::try_quote(word).unwrap_or(Cow::Borrowed("''"))
}

/// Quotes one word for PowerShell: bare when it holds only characters
/// PowerShell reads literally, otherwise single-quoted with every kind of
/// single quote PowerShell recognises doubled.
pub fn powershell_quote(word: &str) -> Cow<'_, str> {
    let bare = !word.is_empty()
        && !word.starts_with('@')
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/' | ':' | '='));
    if bare {
        return Cow::Borrowed(word);
    }
    let mut quoted = String::with_capacity(word.len() + 2);
    quoted.push('\'');
    for c in word.chars() {
        if matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}') {
            quoted.push(c);
        }
        quoted.push(c);
    }
    quoted.push('\'');
    Cow::Owned(quoted)
}

/// Appends `argv` to `out` as one command line, each word quoted by `quote`.
pub fn push_line(out: &mut String, argv: &[String], quote: fn(&str) -> Cow<'_, str>) {
    let line: Vec<Cow<'_, str>> = argv.iter().map(|w| quote(w)).collect();
    out.push_str(&line.join(" "));
    out.push('\n');
}

/// Adds `--flag value` to a command's words, or `--flag=value` when the value starts with `-` and
/// would otherwise be read as another option.
pub(crate) fn push_option(argv: &mut Vec<String>, flag: &str, value: &str) {
    if value.starts_with('-') {
        argv.push(format!("{flag}={value}"));
    } else {
        argv.push(flag.to_owned());
        argv.push(value.to_owned());
    }
}

/// `text` as one component of a URI, as JavaScript's `encodeURIComponent`
/// writes it: every byte but `A–Z a–z 0–9 - _ . ! ~ * ' ( )` as `%XX`.
pub fn uri_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
