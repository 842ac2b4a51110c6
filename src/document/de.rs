//! A serde `Deserializer` over the located YAML tree.
//!
//! Document types are plain `#[derive(Deserialize)]` structs. Reading them through this
//! deserializer (rather than straight from the text) gives three things serde alone does not:
//!
//! - every problem carries the span of the node it is about;
//! - unknown fields are reported (with a did-you-mean) and skipped instead of aborting;
//! - a list item that cannot be read is reported and dropped while its siblings are kept, so one
//!   bad measure does not hide the problems (and the findings) of the rest of the file.
//!
//! [`Located<T>`](super::Located) picks up the span of its node, and
//! [`Items<T>`](super::Items) is the recovering list.

use super::located::{CURRENT_SPAN, LOCATED_MARKER, RECOVER_MARKER};
use crate::diagnostic::Help;
use crate::source::Span;
use crate::suggest::did_you_mean;
use crate::yaml::{Entry, Node, Value};
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use std::cell::RefCell;
use std::fmt;

/// A problem with the shape of a document: wrong type, missing or unknown field, bad value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaProblem {
    /// What is wrong, in lower case.
    pub message: String,
    /// Where.
    pub span: Span,
    /// How to fix it, when cohere can tell.
    pub help: Option<Help>,
}

thread_local! {
    /// Problems reported while reading one document (unknown fields, dropped items).
    static PROBLEMS: RefCell<Vec<SchemaProblem>> = const { RefCell::new(Vec::new()) };
    /// The last error that left this deserializer, with its span, for `Recover` to record.
    static LAST_ERROR: RefCell<Option<SchemaProblem>> = const { RefCell::new(None) };
}

pub(super) fn record(problem: SchemaProblem) {
    PROBLEMS.with(|p| p.borrow_mut().push(problem));
}

pub(super) fn take_last_error() -> Option<SchemaProblem> {
    LAST_ERROR.with(|e| e.borrow_mut().take())
}

/// Reads a `T` from `node`, returning it (if it could be read at all) and every problem found.
pub fn read<T: de::DeserializeOwned>(node: &Node) -> (Option<T>, Vec<SchemaProblem>) {
    let outer = PROBLEMS.with(|p| std::mem::take(&mut *p.borrow_mut()));
    let result = T::deserialize(NodeDeserializer { node, key: None });
    let mut problems = PROBLEMS.with(|p| std::mem::replace(&mut *p.borrow_mut(), outer));
    let value = match result {
        Ok(value) => Some(value),
        Err(error) => {
            let _ = take_last_error();
            problems.push(error.into_problem(node.span));
            None
        }
    };
    (value, problems)
}

/// The error type of [`NodeDeserializer`].
#[derive(Debug)]
pub struct DeError {
    message: String,
    help: Option<Help>,
    span: Option<Span>,
}

impl DeError {
    fn at(message: impl Into<String>, span: Span) -> Self {
        DeError {
            message: message.into(),
            help: None,
            span: Some(span),
        }
    }

    fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(Help::words(help));
        self
    }

    pub(super) fn into_problem(self, fallback: Span) -> SchemaProblem {
        SchemaProblem {
            message: self.message,
            span: self.span.unwrap_or(fallback),
            help: self.help,
        }
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError {
            message: msg.to_string(),
            help: None,
            span: None,
        }
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        let help = match did_you_mean(variant, expected.iter().copied()) {
            Some(suggestion) => Help::did_you_mean(suggestion),
            None => Help::words(format!("use one of {}", list(expected))),
        };
        DeError {
            message: format!("unknown value `{variant}`"),
            help: Some(help),
            span: None,
        }
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        DeError {
            message: format!("unknown field `{field}`"),
            help: Some(unknown_field_help(field, expected)),
            span: None,
        }
    }

    fn missing_field(field: &'static str) -> Self {
        DeError {
            message: format!("missing field `{field}`"),
            help: Some(Help::words(format!("add `{field}:` with its value"))),
            span: None,
        }
    }

    fn invalid_length(len: usize, exp: &dyn de::Expected) -> Self {
        DeError {
            message: format!("expected {exp}, found {len} items"),
            help: None,
            span: None,
        }
    }
}

fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn unknown_field_help(field: &str, expected: &[&str]) -> Help {
    match did_you_mean(field, expected.iter().copied()) {
        Some(suggestion) => Help::did_you_mean(suggestion),
        None if expected.is_empty() => Help::words("remove it"),
        None => Help::words(format!("fields here are {}", list(expected))),
    }
}

/// Records the span of an error leaving `node` and remembers it for `Recover`.
fn track<T>(result: Result<T, DeError>, span: Span) -> Result<T, DeError> {
    result.map_err(|mut error| {
        if error.span.is_none() {
            error.span = Some(span);
        }
        LAST_ERROR.with(|last| {
            *last.borrow_mut() = Some(SchemaProblem {
                message: error.message.clone(),
                span: error.span.unwrap_or(span),
                help: error.help.clone(),
            })
        });
        error
    })
}

/// Deserializes one node of the tree.
#[derive(Clone, Copy)]
pub struct NodeDeserializer<'a> {
    node: &'a Node,
    /// The key the node is the value of, to name it when the value is missing.
    key: Option<&'a Node>,
}

impl<'a> NodeDeserializer<'a> {
    fn mismatch(&self, expected: &str) -> DeError {
        if let Some(problem) = self.no_value() {
            return DeError {
                message: problem.message,
                help: problem.help,
                span: Some(problem.span),
            };
        }
        DeError::at(
            format!("expected {expected}, found {}", self.node.describe()),
            self.node.span,
        )
    }

    /// `key:` with nothing after it: named by its key, where the key is.
    fn no_value(&self) -> Option<SchemaProblem> {
        let key = self.key?.text()?;
        matches!(self.node.value, Value::Null).then(|| SchemaProblem {
            message: format!("`{key}` has no value"),
            span: self.key.map(|k| k.span).unwrap_or(self.node.span),
            help: Some(Help::words(format!(
                "write the value after `{key}:` on the same line (or on the lines below, indented), or remove the line"
            ))),
        })
    }

    fn scalar_text(&self) -> Result<&'a str, DeError> {
        self.node.text().ok_or_else(|| self.mismatch("text"))
    }

    fn fail<T>(&self, error: DeError) -> Result<T, DeError> {
        track(Err(error), self.node.span)
    }

    fn integer(&self) -> Result<i64, DeError> {
        match &self.node.value {
            Value::Int(i, _) => Ok(*i),
            _ => self.fail(self.mismatch("a whole number")),
        }
    }
}

macro_rules! deserialize_integer {
    ($($method:ident => $visit:ident as $ty:ty),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            let span = self.node.span;
            let value = track(self.integer(), span)?;
            let narrowed = track(<$ty>::try_from(value).map_err(|_| {
                DeError::at(format!("the number `{value}` is out of range"), span)
            }), span)?;
            track(visitor.$visit(narrowed), span)
        }
    )*};
}

impl<'de, 'a> de::Deserializer<'de> for NodeDeserializer<'a> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let span = self.node.span;
        let result = match &self.node.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Int(i, _) => visitor.visit_i64(*i),
            Value::Float(f, _) => visitor.visit_f64(*f),
            Value::Str(s) => visitor.visit_str(s),
            Value::Seq(items) => visitor.visit_seq(SeqReader::new(items)),
            Value::Map(entries) => visitor.visit_map(MapReader::new(entries, None)),
        };
        track(result, span)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.value {
            Value::Bool(b) => track(visitor.visit_bool(*b), self.node.span),
            _ => self.fail(
                self.mismatch("`true` or `false`")
                    .with_help("write `true` or `false`"),
            ),
        }
    }

    deserialize_integer! {
        deserialize_i8 => visit_i8 as i8,
        deserialize_i16 => visit_i16 as i16,
        deserialize_i32 => visit_i32 as i32,
        deserialize_i64 => visit_i64 as i64,
        deserialize_u8 => visit_u8 as u8,
        deserialize_u16 => visit_u16 as u16,
        deserialize_u32 => visit_u32 as u32,
        deserialize_u64 => visit_u64 as u64,
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let value = match &self.node.value {
            Value::Int(i, _) => *i as f64,
            Value::Float(f, _) => *f,
            _ => return self.fail(self.mismatch("a number")),
        };
        track(visitor.visit_f64(value), self.node.span)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let text = track(self.scalar_text(), self.node.span)?;
        track(visitor.visit_str(text), self.node.span)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if let Some(problem) = self.no_value() {
            // Written without a value: reported here, read as nothing. `visit_unit` (never
            // `visit_none`) tells `Checked` that the field was written, so that no rule reports
            // it as left out as well.
            record(problem);
            return track(visitor.visit_unit(), self.node.span);
        }
        match self.node.value {
            Value::Null => track(visitor.visit_none(), self.node.span),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.node.value {
            Value::Null => track(visitor.visit_unit(), self.node.span),
            _ => self.fail(self.mismatch("nothing")),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if name == LOCATED_MARKER {
            CURRENT_SPAN.with(|s| s.set(self.node.span));
        }
        if name == RECOVER_MARKER {
            // `Recover` records the error itself; leave the span for it to find.
            return visitor.visit_newtype_struct(self);
        }
        track(visitor.visit_newtype_struct(self), self.node.span)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.value {
            Value::Seq(items) => track(visitor.visit_seq(SeqReader::new(items)), self.node.span),
            Value::Null => self.fail(
                self.mismatch("a list")
                    .with_help("write `[]` for an empty list, or remove the field"),
            ),
            Value::Map(entries) => {
                let first = entries.first().and_then(Entry::key_text).unwrap_or("…");
                self.fail(self.mismatch("a list").with_help(format!(
                    "an item of a list starts with `- `: write `- {first}:` and indent the lines after it to match"
                )))
            }
            _ if self.node.text().is_some() => {
                self.fail(self.mismatch("a list").with_help(format!(
                    "write a list, even of one item: `[{}]`",
                    self.node.text().unwrap_or_default()
                )))
            }
            _ => self.fail(self.mismatch("a list")),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.value {
            Value::Map(entries) => track(
                visitor.visit_map(MapReader::new(entries, None)),
                self.node.span,
            ),
            Value::Null => self.fail(
                self.mismatch("a mapping")
                    .with_help("write `{}` for an empty mapping, or remove the field"),
            ),
            _ => self.fail(self.mismatch("a mapping")),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match &self.node.value {
            Value::Map(entries) => {
                // A missing field is reported where the mapping starts, on its first key.
                let anchor = entries
                    .first()
                    .map(|e| e.key.span)
                    .unwrap_or(self.node.span);
                track(
                    visitor.visit_map(MapReader::new(entries, Some(fields))),
                    anchor,
                )
            }
            _ => self.fail(self.mismatch("a mapping")),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match &self.node.value {
            Value::Str(_) | Value::Int(..) | Value::Float(..) | Value::Bool(_) => {
                let text = self.scalar_text()?;
                let access: de::value::StrDeserializer<'_, DeError> = text.into_deserializer();
                track(visitor.visit_enum(access), self.node.span)
            }
            _ => self.fail(
                self.mismatch("one of the allowed words")
                    .with_help(format!("use one of {}", list(variants))),
            ),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }
}

struct SeqReader<'a> {
    items: std::slice::Iter<'a, Node>,
}

impl<'a> SeqReader<'a> {
    fn new(items: &'a [Node]) -> Self {
        SeqReader {
            items: items.iter(),
        }
    }
}

impl<'de, 'a> de::SeqAccess<'de> for SeqReader<'a> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        match self.items.next() {
            Some(node) => seed
                .deserialize(NodeDeserializer { node, key: None })
                .map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct MapReader<'a> {
    entries: std::slice::Iter<'a, Entry>,
    fields: Option<&'static [&'static str]>,
    value: Option<&'a Node>,
    key: Option<&'a Node>,
}

impl<'a> MapReader<'a> {
    fn new(entries: &'a [Entry], fields: Option<&'static [&'static str]>) -> Self {
        MapReader {
            entries: entries.iter(),
            fields,
            value: None,
            key: None,
        }
    }
}

impl<'de, 'a> de::MapAccess<'de> for MapReader<'a> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        for entry in self.entries.by_ref() {
            if let Some(fields) = self.fields {
                let known = entry.key_text().is_some_and(|key| fields.contains(&key));
                if !known {
                    record(unknown_field(&entry.key, fields));
                    continue;
                }
            }
            self.value = Some(&entry.value);
            self.key = Some(&entry.key);
            return seed
                .deserialize(NodeDeserializer {
                    node: &entry.key,
                    key: None,
                })
                .map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        match self.value.take() {
            Some(node) => seed.deserialize(NodeDeserializer {
                node,
                key: self.key.take(),
            }),
            None => Err(DeError::custom("a value was asked for before its key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

fn unknown_field(key: &Node, fields: &[&str]) -> SchemaProblem {
    match key.text() {
        Some(name) => SchemaProblem {
            message: format!("unknown field `{name}`"),
            span: key.span,
            help: Some(unknown_field_help(name, fields)),
        },
        None => SchemaProblem {
            message: format!("expected a field name, found {}", key.describe()),
            span: key.span,
            help: Some(Help::words(format!("fields here are {}", list(fields)))),
        },
    }
}

use serde::de::Error as _;
