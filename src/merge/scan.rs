//! A forgiving scanner over TOML text. It works where the parser gives up:
//! on a file with curly quotes or a bad escape it still finds the table
//! headers and the strings, with their lines and byte ranges, so each
//! problem can be named and fixed where it is.

use std::ops::Range;

/// A `[table]` or `[[array]]` header line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Header {
    /// 1-based line number.
    pub line: usize,
    /// The whole line, without its line break.
    pub line_range: Range<usize>,
    /// The text between the brackets.
    pub key: Range<usize>,
    /// `[[…]]`: an array of tables.
    pub array: bool,
}

/// A single-line string as written, delimiters included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Quoted {
    /// 1-based line number.
    pub line: usize,
    /// From the opening to the closing quote, both included.
    pub range: Range<usize>,
    /// Between the quotes.
    pub inner: Range<usize>,
    /// Whether the closing quote was found on the same line.
    pub closed: bool,
}

/// What the scanner found.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    /// Table headers, in file order.
    pub headers: Vec<Header>,
    /// Single-line basic strings (`"…"`), where backslashes are escapes.
    pub basic_strings: Vec<Quoted>,
    /// Values opened with a curly quote (“ ” ‘ ’ „) outside any string.
    pub smart_quoted: Vec<Quoted>,
}

const SMART_DOUBLE: [char; 3] = ['“', '”', '„'];
const SMART_SINGLE: [char; 2] = ['‘', '’'];

/// The offset of the end of the line that holds `at` (the `\n`, or the end).
pub(crate) fn line_end(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |n| at + n)
}

/// The offset of the start of the line that holds `at`.
pub(crate) fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |n| n + 1)
}

/// Where the text of the line that holds `at` ends: before its `\r\n` or `\n`.
fn content_end(text: &str, at: usize) -> usize {
    let end = line_end(text, at);
    if text[..end].ends_with('\r') {
        end - 1
    } else {
        end
    }
}

/// Where the closing `delim` of a multi-line string opened just before `from` ends.
fn skip_multiline(text: &str, from: usize, delim: &str, escapes: bool) -> usize {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        if escapes && bytes[i] == b'\\' {
            i += 2;
            continue;
        }
        if bytes[i..].starts_with(delim.as_bytes()) {
            // Up to two quotes may stand right before the closing delimiter.
            let mut end = i + 3;
            while end < bytes.len() && end < i + 5 && bytes[end] == delim.as_bytes()[0] {
                end += 1;
            }
            return end;
        }
        i += 1;
    }
    bytes.len()
}

/// Scans a single-line string opened at `start` (its quote is `open_len`
/// bytes), ending at the first of `closers` on the same line.
fn single_line(
    text: &str,
    start: usize,
    open_len: usize,
    closers: &[char],
    escapes: bool,
) -> Quoted {
    let from = start + open_len;
    let end_of_line = line_end(text, from);
    let mut chars = text[from..end_of_line].char_indices();
    while let Some((offset, c)) = chars.next() {
        if escapes && c == '\\' {
            chars.next();
            continue;
        }
        if closers.contains(&c) {
            let close = from + offset;
            return Quoted {
                line: 0,
                range: start..close + c.len_utf8(),
                inner: from..close,
                closed: true,
            };
        }
    }
    let end = content_end(text, from);
    Quoted {
        line: 0,
        range: start..end,
        inner: from..end,
        closed: false,
    }
}

/// Scans `text` once, front to back.
pub(crate) fn scan(text: &str) -> Scan {
    let mut found = Scan::default();
    let mut line = 1;
    let mut at_line_start = true;
    let mut depth = 0usize; // open `[` and `{` of values
    let mut i = 0;
    let count_lines = |range: Range<usize>| text[range].matches('\n').count();
    while let Some(c) = text[i..].chars().next() {
        let rest = &text[i..];
        match c {
            '\n' => {
                line += 1;
                i += 1;
                at_line_start = true;
                continue;
            }
            ' ' | '\t' | '\r' => {
                i += 1;
                continue;
            }
            '#' => {
                i = line_end(text, i);
                continue;
            }
            _ => {}
        }
        let next = if rest.starts_with("\"\"\"") || rest.starts_with("'''") {
            let end = skip_multiline(text, i + 3, &rest[..3], c == '"');
            line += count_lines(i..end);
            end
        } else if c == '"' || c == '\'' {
            let mut quoted = single_line(text, i, 1, &[c], c == '"');
            quoted.line = line;
            let end = quoted.range.end;
            if c == '"' {
                found.basic_strings.push(quoted);
            }
            end
        } else if SMART_DOUBLE.contains(&c) || SMART_SINGLE.contains(&c) {
            let closers: &[char] = if SMART_DOUBLE.contains(&c) {
                &SMART_DOUBLE
            } else {
                &SMART_SINGLE
            };
            let mut quoted = single_line(text, i, c.len_utf8(), closers, false);
            quoted.line = line;
            let end = quoted.range.end;
            found.smart_quoted.push(quoted);
            end
        } else if c == '[' && at_line_start && depth == 0 {
            let header = header_at(text, i, line);
            let end = header.key.end;
            found.headers.push(header);
            end
        } else {
            match c {
                '[' | '{' => depth += 1,
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
            i + c.len_utf8()
        };
        at_line_start = false;
        i = next;
    }
    found
}

/// Reads the header whose `[` is at `start`, up to its closing bracket.
fn header_at(text: &str, start: usize, line: usize) -> Header {
    let array = text[start..].starts_with("[[");
    let from = start + if array { 2 } else { 1 };
    let end_of_line = line_end(text, from);
    let mut key_end = end_of_line;
    let mut quote: Option<char> = None;
    for (offset, c) in text[from..end_of_line].char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, ']') => {
                key_end = from + offset;
                break;
            }
            _ => {}
        }
    }
    Header {
        line,
        line_range: line_start(text, start)..content_end(text, from),
        key: from..key_end,
        array,
    }
}

/// The 1-based line and column (in characters) of byte offset `at`.
pub(crate) fn line_and_column(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let at = (0..=at)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before[line_start(before, at)..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_headers_strings_and_curly_quotes_but_not_inside_strings_or_arrays() {
        let text = "a = \"x # [no]\" # “c”\n[t] # c\nb = [\n  [1],\n]\n[[arr]]\nc = “v”\nd = '''\n[not]\n'''\n[\"q.]\"]\n";
        let found = scan(text);
        let keys: Vec<&str> = found.headers.iter().map(|h| &text[h.key.clone()]).collect();
        assert_eq!(keys, ["t", "arr", "\"q.]\""]);
        assert_eq!(
            found.headers.iter().map(|h| h.line).collect::<Vec<_>>(),
            [2, 6, 11]
        );
        assert!(found.headers[1].array);
        assert_eq!(
            found.basic_strings.len(),
            1,
            "keys in headers are not values"
        );
        assert_eq!(found.smart_quoted.len(), 1);
        assert_eq!(&text[found.smart_quoted[0].inner.clone()], "v");
        assert_eq!(found.smart_quoted[0].line, 7);
    }

    #[test]
    fn columns_count_characters() {
        assert_eq!(line_and_column("ab\n“x", 6), (2, 2));
        assert_eq!(line_and_column("", 5), (1, 1));
    }
}
