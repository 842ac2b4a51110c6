//! The located YAML tree and its construction from serde-saphyr's spanned values.

use crate::source::Span;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;

/// A YAML node and where it stands in its file.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Bytes the node covers: a scalar's text, or a collection from its first to its last child.
    /// For an alias, the alias itself (`*name`).
    pub span: Span,
    /// What the node holds.
    pub value: Value,
}

/// The content of a [`Node`].
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `~`, `null` or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A plain integer, with its spelling.
    Int(i64, Box<str>),
    /// A plain float, with its spelling.
    Float(f64, Box<str>),
    /// Text: a quoted scalar, a block scalar, or a plain one that is not a number.
    Str(String),
    /// A list.
    Seq(Vec<Node>),
    /// A mapping, in source order.
    Map(Vec<Entry>),
}

/// One `key: value` pair of a mapping.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The key node.
    pub key: Node,
    /// The value node.
    pub value: Node,
}

impl Entry {
    /// The key's text, if the key is a scalar.
    pub fn key_text(&self) -> Option<&str> {
        self.key.text()
    }

    /// From the key to the end of the value.
    pub fn span(&self) -> Span {
        self.key.span.cover(self.value.span)
    }
}

impl Node {
    /// The text of a scalar as written (`1.10` stays `1.10`); `None` for null and collections.
    pub fn text(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            Value::Int(_, raw) | Value::Float(_, raw) => Some(raw),
            Value::Bool(true) => Some("true"),
            Value::Bool(false) => Some("false"),
            Value::Null | Value::Seq(_) | Value::Map(_) => None,
        }
    }

    /// The entries, if this is a mapping.
    pub fn as_map(&self) -> Option<&[Entry]> {
        match &self.value {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The items, if this is a list.
    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(items) => Some(items),
            _ => None,
        }
    }

    /// The value under `key`, if this is a mapping that has it.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_map()?
            .iter()
            .find(|entry| entry.key_text() == Some(key))
            .map(|entry| &entry.value)
    }

    /// A short description of the node's type for messages ("a list", "text `x`").
    pub fn describe(&self) -> String {
        match &self.value {
            Value::Null => "nothing (null)".to_string(),
            Value::Bool(b) => format!("`{b}`"),
            Value::Int(_, raw) => format!("the number `{raw}`"),
            Value::Float(_, raw) => format!("the number `{raw}`"),
            Value::Str(s) => {
                let short: String = s.chars().take(40).collect();
                if short.len() < s.len() {
                    format!("text `{short}…`")
                } else {
                    format!("text `{short}`")
                }
            }
            Value::Seq(_) => "a list".to_string(),
            Value::Map(_) => "a mapping".to_string(),
        }
    }
}

/// The bounds a parse may not pass (see `crate::yaml::Limits`, of which this is the part the
/// build script needs too: this file is compiled into build.rs as well).
pub(crate) struct Budget {
    pub max_depth: usize,
    pub max_nodes: usize,
    pub max_aliases: usize,
    pub max_file_bytes: usize,
}

/// Parses every document of `body` (a text without its byte-order mark, which was `base` bytes
/// long) into located trees, within `budget`. The one place serde-saphyr's options are set, so
/// the built-in frameworks parsed at build time give the trees a run-time parse would.
pub(crate) fn parse(
    body: &str,
    base: u32,
    budget: &Budget,
) -> Result<Vec<Node>, serde_saphyr::Error> {
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: budget.max_depth,
            max_nodes: budget.max_nodes,
            max_events: budget.max_nodes.saturating_mul(4),
            max_aliases: budget.max_aliases,
            max_anchors: budget.max_aliases,
            max_recorded_anchor_events: budget.max_nodes / 4,
            max_total_scalar_bytes: budget.max_file_bytes.saturating_mul(2),
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: budget.max_nodes / 4,
        },
        strict_booleans: true,
        with_snippet: false,
    };
    let documents = serde_saphyr::from_multiple_with_options::<Spanned<RawNode>>(body, options)?;
    Ok(documents
        .into_iter()
        .map(|raw| finish(raw, body, base))
        .collect())
}

/// What serde-saphyr hands back: values with their referenced and defined locations.
#[derive(Debug)]
enum RawNode {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<RawNode>>),
    Map(Vec<(Spanned<RawNode>, Spanned<RawNode>)>),
}

impl<'de> Deserialize<'de> for RawNode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = RawNode;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<RawNode, E> {
        Ok(RawNode::Null)
    }
    fn visit_none<E>(self) -> Result<RawNode, E> {
        Ok(RawNode::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawNode, D::Error> {
        RawNode::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<RawNode, E> {
        Ok(RawNode::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<RawNode, E> {
        Ok(RawNode::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<RawNode, E> {
        Ok(match i64::try_from(v) {
            Ok(v) => RawNode::Int(v),
            Err(_) => RawNode::Float(v as f64),
        })
    }
    fn visit_i128<E>(self, v: i128) -> Result<RawNode, E> {
        Ok(match i64::try_from(v) {
            Ok(v) => RawNode::Int(v),
            Err(_) => RawNode::Float(v as f64),
        })
    }
    fn visit_u128<E>(self, v: u128) -> Result<RawNode, E> {
        Ok(match i64::try_from(v) {
            Ok(v) => RawNode::Int(v),
            Err(_) => RawNode::Float(v as f64),
        })
    }
    fn visit_f64<E>(self, v: f64) -> Result<RawNode, E> {
        Ok(RawNode::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<RawNode, E> {
        Ok(RawNode::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<RawNode, E> {
        Ok(RawNode::Str(v))
    }
    fn visit_bytes<E>(self, v: &[u8]) -> Result<RawNode, E> {
        Ok(RawNode::Str(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawNode, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(RawNode::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawNode, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(RawNode::Map(entries))
    }
}

fn byte_span(location: &serde_saphyr::Location, base: u32) -> Span {
    let span = location.span();
    let start = span.byte_offset().unwrap_or(0);
    let len = span.byte_len().unwrap_or(0);
    let start = u32::try_from(start)
        .unwrap_or(u32::MAX)
        .saturating_add(base);
    let end = start.saturating_add(u32::try_from(len).unwrap_or(0));
    Span::new(start, end)
}

/// Turns serde-saphyr's output into [`Node`]s: containers get spans that cover their children,
/// and plain numbers keep their spelling from the source text.
fn finish(raw: Spanned<RawNode>, text: &str, base: u32) -> Node {
    let mut span = byte_span(&raw.referenced, base);
    let spelling = |raw: &Spanned<RawNode>| -> Box<str> {
        let defined = byte_span(&raw.defined, 0);
        text.get(defined.range()).unwrap_or_default().trim().into()
    };
    let value = match raw.value {
        RawNode::Null => Value::Null,
        RawNode::Bool(b) => Value::Bool(b),
        RawNode::Int(i) => {
            let spelled = spelling(&raw);
            let spelled = if spelled.is_empty() {
                i.to_string().into()
            } else {
                spelled
            };
            Value::Int(i, spelled)
        }
        RawNode::Float(f) => {
            let spelled = spelling(&raw);
            let spelled = if spelled.is_empty() {
                f.to_string().into()
            } else {
                spelled
            };
            Value::Float(f, spelled)
        }
        RawNode::Str(s) => Value::Str(s),
        RawNode::Seq(items) => {
            let items: Vec<Node> = items.into_iter().map(|i| finish(i, text, base)).collect();
            for item in &items {
                span = span.cover(item.span);
            }
            Value::Seq(items)
        }
        RawNode::Map(entries) => {
            let entries: Vec<Entry> = entries
                .into_iter()
                .map(|(k, v)| Entry {
                    key: finish(k, text, base),
                    value: finish(v, text, base),
                })
                .collect();
            for entry in &entries {
                span = span.cover(entry.key.span).cover(entry.value.span);
            }
            Value::Map(entries)
        }
    };
    Node { span, value }
}
