//! Printing: hand-rolled aligned tables, pretty JSON, and stdout writes that end quietly on a closed pipe.

use std::io::Write;

use serde_json::Value;

/// Widest a table cell gets before it is cut with `…`.
const MAX_CELL_CHARS: usize = 60;

/// Writes to stdout. A closed pipe (`spotdraft ... | head`) ends the process quietly with success.
pub fn out(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let result = stdout.write_all(text.as_bytes()).and_then(|_| stdout.flush());
    if let Err(e) = result {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        let _ = writeln!(std::io::stderr(), "error: cannot write to standard output: {e}");
        std::process::exit(1);
    }
}

/// Writes a line to stdout.
pub fn line(text: &str) {
    out(&format!("{text}\n"));
}

/// A note for people (not data): goes to stderr so stdout stays parseable. Notes often quote outside text (a
/// profile name, a server's id), so the whole note is sanitised.
pub fn note(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{}", sanitize(text));
}

/// Whether `c` could drive a terminal or disguise the text around it: C0 and C1 control characters (ESC starts
/// escape sequences that retitle windows, clear screens or fake prompts; CR overwrites the line), DEL, and the
/// bidirectional overrides and isolates that make text display in another order than it reads.
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Text from outside the CLI (server messages, field errors, stored values, paths) made safe to print: line
/// breaks and tabs become spaces, so one message stays one line and cannot fake the `hint:` or `(kind: ...)`
/// lines after it; every other unsafe character is shown escaped (`\u{1b}`), so it is visible but inert.
/// Every place that prints outside text to a terminal goes through this.
pub fn sanitize(text: &str) -> String {
    if !text.chars().any(is_unsafe) {
        return text.to_string();
    }
    let mut clean = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' | '\n' | '\r' | '\u{0b}' | '\u{0c}' => clean.push(' '),
            c if is_unsafe(c) => clean.extend(c.escape_unicode()),
            c => clean.push(c),
        }
    }
    clean
}

/// Pretty JSON on stdout. serde_json escapes C0 controls in strings but writes DEL, C1 controls and bidi
/// overrides as they are; those become `\uXXXX` escapes too (the same JSON value, inert on a terminal).
pub fn json(value: &Value) {
    let text = serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string());
    line(&escape_json_text(&text));
}

/// Valid JSON text with the unsafe characters serde_json leaves in strings escaped. Outside strings JSON text
/// has no such characters (only ASCII punctuation and the pretty printer's newlines and spaces).
fn escape_json_text(text: &str) -> String {
    if !text.chars().any(|c| c != '\n' && is_unsafe(c)) {
        return text.to_string();
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c != '\n' && is_unsafe(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                escaped.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            escaped.push(c);
        }
    }
    escaped
}

/// A typed value as JSON (the models keep every field the API sent). Serializing them cannot fail.
pub fn to_value<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// A JSON object as `key: value` lines: the `first` keys in that order, then every other key (nested values
/// compact, nulls and empty objects left out).
pub fn object_fields(value: &Value, first: &[&str]) -> String {
    let Value::Object(map) = value else {
        return format!("{}\n", cell(Some(value)));
    };
    let mut pairs: Vec<(&str, String)> = Vec::new();
    for key in first {
        if let Some(v) = map.get(*key) {
            pairs.push((key, cell(Some(v))));
        }
    }
    for (key, v) in map {
        let empty = v.is_null() || v.as_object().is_some_and(|o| o.is_empty());
        if !first.contains(&key.as_str()) && !empty {
            pairs.push((key.as_str(), cell(Some(v))));
        }
    }
    fields(&pairs)
}

/// One table column: a header and the JSON field it shows.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub header: &'static str,
    pub key: &'static str,
}

pub const fn col(header: &'static str, key: &'static str) -> Column {
    Column { header, key }
}

/// A JSON value as a table cell: strings bare, null empty, anything nested compact.
pub fn cell(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(b)) => if *b { "yes" } else { "no" }.to_string(),
        Some(Value::Number(n)) => n.to_string(),
        Some(other) => other.to_string(),
    }
}

/// JSON objects as a table with the given columns.
pub fn json_table(columns: &[Column], items: &[Value]) -> String {
    let headers: Vec<&str> = columns.iter().map(|c| c.header).collect();
    let rows: Vec<Vec<String>> =
        items.iter().map(|item| columns.iter().map(|c| cell(item.get(c.key))).collect()).collect();
    table(&headers, &rows)
}

/// An aligned plain-text table; every line ends with a newline. Cells are [`sanitize`]d (they hold server
/// data), and long cells are cut.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    table_cut_at(headers, rows, MAX_CELL_CHARS)
}

/// [`table`] with cells cut at `max_chars` instead of the default.
pub fn table_cut_at(headers: &[&str], rows: &[Vec<String>], max_chars: usize) -> String {
    let clean_rows: Vec<Vec<String>> =
        rows.iter().map(|row| row.iter().map(|c| clean_cell(c, max_chars)).collect()).collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in &clean_rows {
        for (i, c) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(c.chars().count());
            }
        }
    }
    let mut text = String::new();
    let mut push_row = |cells: Vec<&str>| {
        let mut line = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i + 1 == cells.len() {
                line.push_str(c);
            } else {
                line.push_str(c);
                line.push_str(&" ".repeat(widths[i] - c.chars().count() + 2));
            }
        }
        text.push_str(line.trim_end());
        text.push('\n');
    };
    push_row(headers.to_vec());
    for row in &clean_rows {
        push_row(row.iter().map(String::as_str).collect());
    }
    text
}

/// `key: value` lines, keys aligned; values are [`sanitize`]d.
pub fn fields(pairs: &[(&str, String)]) -> String {
    let width = pairs.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0);
    let mut text = String::new();
    for (key, value) in pairs {
        let pad = " ".repeat(width - key.chars().count());
        text.push_str(&format!("{key}:{pad} {}\n", sanitize(value)));
    }
    text
}

fn clean_cell(text: &str, max_chars: usize) -> String {
    let clean = sanitize(text);
    if clean.chars().count() > max_chars.max(2) {
        let mut cut: String = clean.chars().take(max_chars.max(2) - 1).collect();
        cut.push('…');
        cut
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tables_align_and_clean() {
        let text = table(&["ID", "NAME"], &[vec!["1".into(), "a\x1b[31mb".into()], vec!["1000".into(), "c".into()]]);
        assert_eq!(text, "ID    NAME\n1     a\\u{1b}[31mb\n1000  c\n");
        let long = "x".repeat(100);
        assert!(table(&["A"], &[vec![long]]).contains('…'));
    }

    #[test]
    fn sanitize_neutralises_terminal_controls() {
        let hostile = "bad\x1b]0;pwned\x07\x1b[2J\r\nhint: fake\u{9b}31m\u{202e}txt.exe\x7f";
        let clean = sanitize(hostile);
        assert_eq!(clean, "bad\\u{1b}]0;pwned\\u{7}\\u{1b}[2J  hint: fake\\u{9b}31m\\u{202e}txt.exe\\u{7f}");
        assert!(!clean.chars().any(is_unsafe));
        assert_eq!(sanitize("plain café ✓ عربي"), "plain café ✓ عربي");
    }

    #[test]
    fn json_text_stays_the_same_value_without_raw_controls() {
        let value = json!({"a": "x\u{9b}y\u{7f}\u{202e}\u{1F600}", "b": "\x1b[2J\n"});
        let text = escape_json_text(&serde_json::to_string_pretty(&value).unwrap());
        assert!(!text.chars().any(|c| c != '\n' && is_unsafe(c)), "{text}");
        assert!(text.contains("\\u009b") && text.contains("\\u007f") && text.contains("\\u202e"), "{text}");
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), value);
    }

    #[test]
    fn object_fields_put_chosen_keys_first() {
        let text = object_fields(&json!({"b": 1, "a": "x", "id": "T-1", "n": null, "o": {}}), &["id"]);
        assert_eq!(text, "id: T-1\na:  x\nb:  1\n");
    }

    #[test]
    fn json_cells() {
        let items = [json!({"id": 1, "ok": true, "name": null, "tags": ["a"]})];
        let text = json_table(&[col("ID", "id"), col("OK", "ok"), col("NAME", "name"), col("TAGS", "tags")], &items);
        assert_eq!(text.lines().nth(1).unwrap(), "1   yes        [\"a\"]");
    }
}
