//! Values that remember where they were written, and lists that survive a bad item.

use super::de::{SchemaProblem, record, take_last_error};
use crate::source::Span;
use serde::de::{self, Deserialize, Deserializer, Visitor};
use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;

pub(super) const LOCATED_MARKER: &str = "$cohere::Located";
pub(super) const RECOVER_MARKER: &str = "$cohere::Recover";

thread_local! {
    /// Set by the node deserializer just before a `Located` value is read.
    pub(super) static CURRENT_SPAN: Cell<Span> = const { Cell::new(Span { start: 0, end: 0 }) };
}

/// A value and the span of the YAML node it was read from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub span: Span,
}

impl<T> Located<T> {
    /// Pairs a value with a span.
    pub fn new(value: T, span: Span) -> Self {
        Located { value, span }
    }
}

impl<T> std::ops::Deref for Located<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Located<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LocatedVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for LocatedVisitor<T> {
            type Value = Located<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value")
            }
            fn visit_newtype_struct<D: Deserializer<'de>>(
                self,
                deserializer: D,
            ) -> Result<Located<T>, D::Error> {
                // Read the span before the value: reading the value moves it to inner nodes.
                let span = CURRENT_SPAN.with(Cell::get);
                let value = T::deserialize(deserializer)?;
                Ok(Located { value, span })
            }
        }
        deserializer.deserialize_newtype_struct(LOCATED_MARKER, LocatedVisitor(PhantomData))
    }
}

/// Wrappers that only add a span or a check have the schema of what they wrap.
macro_rules! schema_of_inner {
    ($wrapper:ident) => {
        impl<T: schemars::JsonSchema> schemars::JsonSchema for $wrapper<T> {
            fn inline_schema() -> bool {
                T::inline_schema()
            }
            fn schema_name() -> std::borrow::Cow<'static, str> {
                T::schema_name()
            }
            fn schema_id() -> std::borrow::Cow<'static, str> {
                T::schema_id()
            }
            fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
                T::json_schema(generator)
            }
        }
    };
}

schema_of_inner!(Located);

/// A value that may be absent or unreadable. An unreadable one is reported as a schema problem
/// (with its span) and read as `Invalid`, so that one misspelt word does not hide the rest of
/// its document; the validation stage decides what an absent or invalid value means.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Checked<T> {
    /// Not written.
    #[default]
    Missing,
    /// Written, but not readable (already reported).
    Invalid,
    /// Written and read.
    Valid(T),
}

impl<T> Checked<T> {
    /// The value, if it was read.
    pub fn valid(&self) -> Option<&T> {
        match self {
            Checked::Valid(value) => Some(value),
            _ => None,
        }
    }

    /// The value, if it was read.
    pub fn into_valid(self) -> Option<T> {
        match self {
            Checked::Valid(value) => Some(value),
            _ => None,
        }
    }
}

/// Reads a value, or records why it cannot be read and gives `Invalid`.
struct CheckedVisitor<T>(PhantomData<T>);
impl<'de, T: Deserialize<'de>> Visitor<'de> for CheckedVisitor<T> {
    type Value = Checked<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value")
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Checked<T>, D::Error> {
        match T::deserialize(deserializer) {
            Ok(value) => Ok(Checked::Valid(value)),
            Err(error) => {
                record(take_last_error().unwrap_or_else(|| SchemaProblem {
                    message: error.to_string(),
                    span: CURRENT_SPAN.with(Cell::get),
                    help: None,
                }));
                Ok(Checked::Invalid)
            }
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Checked<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Read as an option, so that a field left out is `Missing` even without
        // `#[serde(default)]` (which would make the JSON Schema call it optional).
        struct OptionVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for OptionVisitor<T> {
            type Value = Checked<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value")
            }
            fn visit_none<E>(self) -> Result<Checked<T>, E> {
                Ok(Checked::Missing)
            }
            // Only for a field written with no value (already reported): see `de.rs`.
            fn visit_unit<E>(self) -> Result<Checked<T>, E> {
                Ok(Checked::Invalid)
            }
            fn visit_some<D: Deserializer<'de>>(
                self,
                deserializer: D,
            ) -> Result<Checked<T>, D::Error> {
                deserializer.deserialize_newtype_struct(RECOVER_MARKER, CheckedVisitor(PhantomData))
            }
        }
        deserializer.deserialize_option(OptionVisitor(PhantomData))
    }
}

schema_of_inner!(Checked);

/// One list item: read, or reported and left out. Unlike a field, an item cannot be missing, so
/// a null item is reported like any other unreadable one.
struct Item<T>(Checked<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Item<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_newtype_struct(RECOVER_MARKER, CheckedVisitor(PhantomData))
            .map(Item)
    }
}

/// A list whose unreadable items are reported (as schema problems) and left out, so that the
/// rest of the list is still read and checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Items<T>(pub Vec<T>);

impl<T> Default for Items<T> {
    fn default() -> Self {
        Items(Vec::new())
    }
}

impl<T> std::ops::Deref for Items<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<'a, T> IntoIterator for &'a Items<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Items<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let items: Vec<Item<T>> = Vec::deserialize(deserializer)?;
        Ok(Items(
            items
                .into_iter()
                .filter_map(|item| item.0.into_valid())
                .collect(),
        ))
    }
}

impl<T: schemars::JsonSchema> schemars::JsonSchema for Items<T> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("Items_{}", T::schema_name()).into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <Vec<T>>::json_schema(generator)
    }
}

/// A scalar read as written, whatever YAML made of it: used where a value's type is checked by
/// a rule with a better message than "expected a number" (for example `invalid-score`).
#[derive(Clone, Debug, PartialEq)]
pub enum AnyScalar {
    /// A whole number.
    Int(i64),
    /// A number with a fraction (or out of the whole-number range).
    Float(f64),
    /// Text, `true`/`false`, or anything else.
    Text(String),
}

impl fmt::Display for AnyScalar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnyScalar::Int(i) => write!(f, "{i}"),
            AnyScalar::Float(x) => write!(f, "{x}"),
            AnyScalar::Text(s) => write!(f, "{s}"),
        }
    }
}

impl<'de> Deserialize<'de> for AnyScalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AnyScalarVisitor;
        impl Visitor<'_> for AnyScalarVisitor {
            type Value = AnyScalar;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_i64<E>(self, v: i64) -> Result<AnyScalar, E> {
                Ok(AnyScalar::Int(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<AnyScalar, E> {
                Ok(i64::try_from(v).map_or(AnyScalar::Float(v as f64), AnyScalar::Int))
            }
            fn visit_f64<E>(self, v: f64) -> Result<AnyScalar, E> {
                Ok(AnyScalar::Float(v))
            }
            fn visit_bool<E>(self, v: bool) -> Result<AnyScalar, E> {
                Ok(AnyScalar::Text(v.to_string()))
            }
            fn visit_str<E>(self, v: &str) -> Result<AnyScalar, E> {
                Ok(AnyScalar::Text(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<AnyScalar, E> {
                Err(E::custom("expected a number, found nothing (null)"))
            }
        }
        deserializer.deserialize_any(AnyScalarVisitor)
    }
}

impl schemars::JsonSchema for AnyScalar {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Score".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "integer",
            "minimum": -3,
            "maximum": 3,
            "description": "Nilsson scale: -3 cancelling, -2 counteracting, -1 constraining, 0 consistent, +1 enabling, +2 reinforcing, +3 indivisible"
        })
    }
}
