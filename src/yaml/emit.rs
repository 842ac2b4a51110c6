//! Writing YAML: block-style text for views that are also printed as JSON.
//!
//! A view is serialized to JSON first (which keeps the order of struct fields), that JSON is
//! read back with the located parser (JSON is YAML, and the tree keeps mapping order), and the
//! tree is written in block style. So the YAML and the JSON of a view always hold the same data,
//! and no YAML serializer is needed. Strings are written plain only where YAML 1.2 and 1.1
//! readers alike read them back as the same text; everything else is double-quoted.

use super::{Limits, Node, Value, parse_documents};
use serde::Serialize;
use std::fmt::Write as _;

/// Serializes `value` as block-style YAML, ending with a newline.
pub fn to_yaml<T: Serialize + ?Sized>(value: &T) -> Result<String, serde_json::Error> {
    let json = serde_json::to_string(value)?;
    // The JSON was written by serde_json: it is well formed and within any sane budget.
    let limits = Limits {
        max_depth: 512,
        ..Limits::default()
    };
    let nodes = parse_documents(&json, &limits).map_err(|error| {
        serde::ser::Error::custom(format!("cannot reread the JSON: {}", error.message))
    })?;
    let mut out = String::new();
    match nodes.first() {
        None => out.push_str("null\n"),
        Some(node) => write_top(node, &mut out),
    }
    Ok(out)
}

fn write_top(node: &Node, out: &mut String) {
    match &node.value {
        Value::Map(entries) if !entries.is_empty() => write_map(node, 0, out),
        Value::Seq(items) if !items.is_empty() => write_seq(node, 0, out),
        _ => {
            out.push_str(&inline(node));
            out.push('\n');
        }
    }
}

/// Whether a node is written on the line of its key or dash.
fn is_inline(node: &Node) -> bool {
    match &node.value {
        Value::Map(entries) => entries.is_empty(),
        Value::Seq(items) => items.is_empty(),
        _ => true,
    }
}

fn write_map(node: &Node, indent: usize, out: &mut String) {
    let Value::Map(entries) = &node.value else {
        return;
    };
    for (i, entry) in entries.iter().enumerate() {
        // The first entry of a mapping inside a list item follows the dash.
        if i > 0 || !out.ends_with("- ") {
            pad(indent, out);
        }
        out.push_str(&inline(&entry.key));
        out.push(':');
        write_value(&entry.value, indent, out);
    }
}

fn write_seq(node: &Node, indent: usize, out: &mut String) {
    let Value::Seq(items) = &node.value else {
        return;
    };
    for (i, item) in items.iter().enumerate() {
        if i > 0 || !out.ends_with("- ") {
            pad(indent, out);
        }
        out.push_str("- ");
        match &item.value {
            Value::Map(entries) if !entries.is_empty() => write_map(item, indent + 2, out),
            Value::Seq(inner) if !inner.is_empty() => write_seq(item, indent + 2, out),
            _ => {
                out.push_str(&inline(item));
                out.push('\n');
            }
        }
    }
}

/// Writes what follows `key:`.
fn write_value(value: &Node, indent: usize, out: &mut String) {
    if is_inline(value) {
        out.push(' ');
        out.push_str(&inline(value));
        out.push('\n');
        return;
    }
    out.push('\n');
    match &value.value {
        Value::Map(_) => write_map(value, indent + 2, out),
        _ => write_seq(value, indent + 2, out),
    }
}

fn pad(indent: usize, out: &mut String) {
    let _ = write!(out, "{:indent$}", "");
}

/// A scalar or an empty collection, on one line.
fn inline(node: &Node) -> String {
    match &node.value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Int(_, raw) | Value::Float(_, raw) => raw.to_string(),
        Value::Str(text) => scalar(text),
        Value::Seq(_) => "[]".to_string(),
        Value::Map(_) => "{}".to_string(),
    }
}

/// Text as a plain scalar where that is safe, else double-quoted (JSON escapes are YAML's).
pub fn scalar(text: &str) -> String {
    if is_plain_safe(text) {
        text.to_string()
    } else {
        serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
    }
}

fn is_plain_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    // Indicators, and what could start a number, a date or a special float.
    if "-?:,[]{}#&*!|>'\"%@`+.~ ".contains(first) || first.is_ascii_digit() {
        return false;
    }
    if text.ends_with([' ', ':'])
        || text.contains(": ")
        || text.contains(" #")
        || text.chars().any(|c| c.is_control() || c == '\u{feff}')
    {
        return false;
    }
    // Words that YAML 1.2 or 1.1 reads as something other than text.
    let lower = text.to_ascii_lowercase();
    let special = [
        "true", "false", "null", "yes", "no", "on", "off", "y", "n", "nan", "inf", "infinity",
    ];
    !special.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    #[derive(Serialize)]
    struct Sample {
        zeta: u32,
        alpha: Vec<&'static str>,
        nested: Vec<Inner>,
        empty: Vec<u8>,
        none: Option<u8>,
        ratio: f64,
    }

    #[derive(Serialize)]
    struct Inner {
        name: &'static str,
        tags: Vec<&'static str>,
    }

    #[test]
    fn block_yaml_keeps_field_order_and_quotes_what_needs_it() {
        let sample = Sample {
            zeta: 2,
            alpha: vec!["sdg", "**/*.yaml", "true", "10.7", "a: b", "plain text"],
            nested: vec![Inner {
                name: "x",
                tags: vec![],
            }],
            empty: vec![],
            none: None,
            ratio: 0.2,
        };
        let yaml = to_yaml(&sample).unwrap();
        assert_eq!(
            yaml,
            "zeta: 2\n\
             alpha:\n  - sdg\n  - \"**/*.yaml\"\n  - \"true\"\n  - \"10.7\"\n  - \"a: b\"\n  - plain text\n\
             nested:\n  - name: x\n    tags: []\n\
             empty: []\n\
             none: null\n\
             ratio: 0.2\n"
        );
    }

    #[test]
    fn what_is_written_reads_back_as_the_same_json() {
        let value = serde_json::json!({
            "a": ["-x", "#y", "x #y", "yes", "No", "~", "", " lead", "é", "line\nbreak", "1e3"],
            "b": [[1, 2], [], {"c": {"d": [true, null, -1.5]}}],
            "e": {}
        });
        let yaml = to_yaml(&value).unwrap();
        let back: serde_json::Value = serde_saphyr::from_str(&yaml).unwrap();
        assert_eq!(back, value, "{yaml}");
    }
}
