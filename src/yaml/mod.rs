//! YAML text to a located tree (and, for printed views, back to text: [`emit`]).
//!
//! serde-saphyr parses the text (YAML 1.2, with budgets against alias bombs and deep nesting)
//! into a [`Node`] tree in which every node knows its byte span. Documents are then read from
//! that tree by [`crate::document`], which can report every problem in a file, each at its own
//! place, instead of stopping at the first.

pub(crate) mod binary;
mod diagnose;
pub mod emit;
mod tree;

pub use emit::to_yaml;
pub use tree::{Entry, Node, Value};

use crate::source::Span;
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::{Error as SaphyrError, MessageFormatter, UserMessageFormatter};

/// Bounds on what one YAML file may cost. Set in `cohere.yaml` under `limits:`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest file read, in bytes.
    pub max_file_bytes: u64,
    /// Deepest nesting of lists and mappings.
    pub max_depth: usize,
    /// Most nodes (scalars, lists, mappings) in one file, counting alias expansions.
    pub max_nodes: usize,
    /// Most aliases (`*name`) in one file.
    pub max_aliases: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 32 * 1024 * 1024,
            max_depth: 64,
            max_nodes: 2_000_000,
            max_aliases: 10_000,
        }
    }
}

/// Why a file could not be read as YAML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    /// What went wrong, in lower case, without a location.
    pub message: String,
    /// Where, as a byte span (possibly empty).
    pub span: Span,
    /// How to fix it, when cohere knows.
    pub help: Option<String>,
    /// Whether the span is the mistake itself, rather than where the parser gave up.
    pub pinpointed: bool,
}

/// Parses every document in `text` into located trees. Empty documents are skipped.
///
/// Never panics; any problem with the text is a [`YamlError`] at the place it was found.
pub fn parse_documents(text: &str, limits: &Limits) -> Result<Vec<Node>, YamlError> {
    // A byte-order mark is allowed; spans stay relative to the full text.
    let (body, base) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest, 3u32),
        None => (text, 0u32),
    };
    let budget = tree::Budget {
        max_depth: limits.max_depth,
        max_nodes: limits.max_nodes,
        max_aliases: limits.max_aliases,
        max_file_bytes: usize::try_from(limits.max_file_bytes).unwrap_or(usize::MAX),
    };
    tree::parse(body, base, &budget).map_err(|error| convert_error(&error, body, base))
}

fn convert_error(error: &SaphyrError, text: &str, base: u32) -> YamlError {
    let inner = error.without_snippet();
    let inner = match inner {
        SaphyrError::AliasError { error, .. } => error.without_snippet(),
        other => other,
    };
    let budget = match inner {
        SaphyrError::Budget { breach, .. } => Some(budget_message(breach)),
        _ => None,
    };
    let offset = error
        .location()
        .map(|location| {
            location
                .span()
                .byte_offset()
                .map(|o| o as usize)
                .unwrap_or_else(|| offset_of(text, location.line(), location.column()))
        })
        .unwrap_or(0);
    let (message, help, offset, pinpointed) = match budget {
        Some((message, help)) => (message, help, offset, false),
        None => {
            let raw = tidy_message(&UserMessageFormatter.format_message(inner));
            match diagnose::diagnose(&raw, offset.min(text.len()), text) {
                Some(found) => (found.message, Some(found.help), found.offset, true),
                None => (raw, Some(diagnose::general_help()), offset, false),
            }
        }
    };
    let offset = u32::try_from(offset.min(text.len())).unwrap_or(u32::MAX) + base;
    YamlError {
        message,
        span: Span::new(offset, offset),
        help,
        pinpointed,
    }
}

fn budget_message(breach: &BudgetBreach) -> (String, Option<String>) {
    let (what, setting) = match breach {
        BudgetBreach::Depth { .. } => ("the file nests lists and mappings too deeply", "max-depth"),
        BudgetBreach::Nodes { .. }
        | BudgetBreach::Events { .. }
        | BudgetBreach::RecordedAnchorEvents { .. }
        | BudgetBreach::RecordedAnchorBytes { .. } => (
            "the file has too many nodes (counting alias expansions)",
            "max-nodes",
        ),
        BudgetBreach::Aliases { .. } | BudgetBreach::Anchors { .. } => {
            ("the file uses too many anchors or aliases", "max-aliases")
        }
        BudgetBreach::ScalarBytes { .. } => {
            ("the file's text values are too large", "max-file-bytes")
        }
        other => {
            return (
                format!("the file exceeds a parsing limit ({other:?})"),
                None,
            );
        }
    };
    (
        format!("{what}; stopped reading to stay within limits"),
        Some(format!(
            "if the file is genuine, raise `limits.{setting}` in cohere.yaml"
        )),
    )
}

/// serde-saphyr messages sometimes end with advice about its own API; keep the first clause.
fn tidy_message(message: &str) -> String {
    let message = message
        .split(", set DuplicateKeyPolicy")
        .next()
        .unwrap_or(message);
    message.trim().to_string()
}

/// The byte offset of a 1-based line and character column.
fn offset_of(text: &str, line: u64, column: u64) -> usize {
    let mut offset = 0usize;
    for _ in 1..line {
        match text[offset..].find('\n') {
            Some(i) => offset += i + 1,
            None => return text.len(),
        }
    }
    let rest = &text[offset..];
    let chars = rest
        .char_indices()
        .nth(column.saturating_sub(1) as usize)
        .map(|(i, _)| i)
        .unwrap_or(rest.len());
    offset + chars
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Vec<Node>, YamlError> {
        parse_documents(text, &Limits::default())
    }

    #[test]
    fn scalars_keep_their_spelling_where_text_is_wanted() {
        let docs = parse("id: 1.10\nscore: +2\nflag: yes\n").unwrap();
        let map = docs[0].as_map().unwrap();
        assert_eq!(map[0].value.text(), Some("1.10"));
        assert_eq!(map[1].value.value, Value::Int(2, "+2".into()));
        assert_eq!(map[2].value.text(), Some("yes"));
    }

    #[test]
    fn spans_point_at_the_value_and_containers_cover_their_children() {
        let text = "a:\n  - x: 1\n    y: two\n";
        let docs = parse(text).unwrap();
        let list = &docs[0].as_map().unwrap()[0].value;
        assert_eq!(&text[list.span.range()], "- x: 1\n    y: two");
        let item = &list.as_seq().unwrap()[0];
        assert_eq!(&text[item.span.range()], "x: 1\n    y: two");
    }

    #[test]
    fn syntax_errors_are_located_at_the_mistake() {
        let text = "a: 1\nb: [1, 2\nc: 3\n";
        let error = parse(text).unwrap_err();
        assert_eq!(
            error.message,
            "the list opened here with `[` is never closed"
        );
        assert_eq!(error.span.start as usize, text.find('[').unwrap());
        assert_eq!(
            error.help.as_deref(),
            Some("close it with `]`: `b: [1, 2]`")
        );
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let error = parse("a: 1\na: 2\n").unwrap_err();
        assert_eq!(
            error.message,
            "`a` appears twice in this mapping (first on line 1)"
        );
        assert_eq!(error.span.start, 5);
    }

    #[test]
    fn alias_bombs_stop_within_limits() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        let mut previous = 'a';
        for name in "bcdefghij".chars() {
            let refs = vec![format!("*{previous}"); 9].join(", ");
            text.push_str(&format!("{name}: &{name} [{refs}]\n"));
            previous = name;
        }
        let error = parse(&text).unwrap_err();
        assert!(error.message.contains("too many"), "{}", error.message);
        assert!(error.help.unwrap().contains("limits."));
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let error = parse(&text).unwrap_err();
        assert!(
            error.message.contains("deeply") || error.message.contains("limit"),
            "{}",
            error.message
        );
    }

    #[test]
    fn several_documents_and_a_byte_order_mark() {
        let text = "\u{feff}a: 1\n---\nb: 2\n";
        let docs = parse(text).unwrap();
        assert_eq!(docs.len(), 2);
        let key = &docs[1].as_map().unwrap()[0].key;
        assert_eq!(&text[key.span.range()], "b");
    }
}
