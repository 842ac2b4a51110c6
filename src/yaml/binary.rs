//! A compact binary form of parsed YAML trees, for the built-in frameworks.
//!
//! Parsing the half-megabyte of built-in frameworks, knowledge base and bibliography was most
//! of the time of linting one draft. The build script (build.rs, which compiles this file and
//! `tree.rs` too) parses them with the same code as a run would, checks they parse, and writes
//! their trees in this form; a run decodes them, which is several times faster than parsing.
//! `crate::builtin` embeds the result; a test checks it equals a parse of the embedded text.
//!
//! The format: a node is a tag byte, its span (two LEB128 numbers) and its payload; text is a
//! LEB128 length and UTF-8 bytes; a list or mapping is a LEB128 count and its nodes (a mapping
//! entry is its key node, then its value node). A file is a count of documents, then each.

use super::tree::{Entry, Node, Value};
use crate::source::Span;

const NULL: u8 = 0;
const FALSE: u8 = 1;
const TRUE: u8 = 2;
const INT: u8 = 3;
const FLOAT: u8 = 4;
const STR: u8 = 5;
const SEQ: u8 = 6;
const MAP: u8 = 7;

/// The documents of one file, encoded (by build.rs, and by the tests).
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn encode(documents: &[Node]) -> Vec<u8> {
    let mut out = Vec::new();
    number(&mut out, documents.len() as u64);
    for node in documents {
        encode_node(&mut out, node);
    }
    out
}

fn number(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn text(out: &mut Vec<u8>, s: &str) {
    number(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

fn encode_node(out: &mut Vec<u8>, node: &Node) {
    let tag = match &node.value {
        Value::Null => NULL,
        Value::Bool(false) => FALSE,
        Value::Bool(true) => TRUE,
        Value::Int(..) => INT,
        Value::Float(..) => FLOAT,
        Value::Str(_) => STR,
        Value::Seq(_) => SEQ,
        Value::Map(_) => MAP,
    };
    out.push(tag);
    number(out, u64::from(node.span.start));
    number(out, u64::from(node.span.end));
    match &node.value {
        Value::Null | Value::Bool(_) => {}
        Value::Int(i, spelled) => {
            out.extend_from_slice(&i.to_le_bytes());
            text(out, spelled);
        }
        Value::Float(f, spelled) => {
            out.extend_from_slice(&f.to_bits().to_le_bytes());
            text(out, spelled);
        }
        Value::Str(s) => text(out, s),
        Value::Seq(items) => {
            number(out, items.len() as u64);
            for item in items {
                encode_node(out, item);
            }
        }
        Value::Map(entries) => {
            number(out, entries.len() as u64);
            for entry in entries {
                encode_node(out, &entry.key);
                encode_node(out, &entry.value);
            }
        }
    }
}

/// The documents `bytes` encode; `None` if they are not a whole, well-formed encoding (the
/// caller then parses the text instead).
pub(crate) fn decode(bytes: &[u8]) -> Option<Vec<Node>> {
    let mut reader = Reader { bytes, at: 0 };
    let count = reader.count()?;
    let mut documents = Vec::with_capacity(count);
    for _ in 0..count {
        documents.push(reader.node(0)?);
    }
    (reader.at == bytes.len()).then_some(documents)
}

/// Deeper than any YAML cohere accepts (`Limits::max_depth` defaults to 64): a bound so that a
/// corrupt encoding cannot recurse without end.
const MAX_DEPTH: usize = 1024;

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let byte = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(byte)
    }

    fn number(&mut self) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            n |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    /// A count of things still to read: never more than the bytes left, so a corrupt count
    /// cannot ask for a huge allocation.
    fn count(&mut self) -> Option<usize> {
        let n = usize::try_from(self.number()?).ok()?;
        (n <= self.bytes.len() - self.at).then_some(n)
    }

    fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.number()?).ok()
    }

    fn eight(&mut self) -> Option<[u8; 8]> {
        let bytes = self.bytes.get(self.at..self.at + 8)?;
        self.at += 8;
        bytes.try_into().ok()
    }

    fn text(&mut self) -> Option<&str> {
        let len = self.count()?;
        let bytes = self.bytes.get(self.at..self.at + len)?;
        self.at += len;
        std::str::from_utf8(bytes).ok()
    }

    fn node(&mut self, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        let tag = self.byte()?;
        let start = self.u32()?;
        let end = self.u32()?;
        let value = match tag {
            NULL => Value::Null,
            FALSE => Value::Bool(false),
            TRUE => Value::Bool(true),
            INT => {
                let i = i64::from_le_bytes(self.eight()?);
                Value::Int(i, self.text()?.into())
            }
            FLOAT => {
                let f = f64::from_bits(u64::from_le_bytes(self.eight()?));
                Value::Float(f, self.text()?.into())
            }
            STR => Value::Str(self.text()?.to_string()),
            SEQ => {
                let count = self.count()?;
                let mut items = Vec::with_capacity(count);
                for _ in 0..count {
                    items.push(self.node(depth + 1)?);
                }
                Value::Seq(items)
            }
            MAP => {
                let count = self.count()?;
                let mut entries = Vec::with_capacity(count);
                for _ in 0..count {
                    let key = self.node(depth + 1)?;
                    let value = self.node(depth + 1)?;
                    entries.push(Entry { key, value });
                }
                Value::Map(entries)
            }
            _ => return None,
        };
        Some(Node {
            span: Span { start, end },
            value,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin::BUILT_INS;
    use crate::yaml::{Limits, parse_documents};

    #[test]
    fn every_built_in_decodes_to_the_trees_a_parse_of_its_text_gives() {
        for built_in in BUILT_INS {
            let parsed = parse_documents(built_in.text, &Limits::default())
                .unwrap_or_else(|error| panic!("{}: {}", built_in.path, error.message));
            let decoded = decode(built_in.trees)
                .unwrap_or_else(|| panic!("{}: the embedded trees do not decode", built_in.path));
            assert!(!decoded.is_empty(), "{}", built_in.path);
            assert!(
                decoded == parsed,
                "{}: trees differ from a parse",
                built_in.path
            );
        }
    }

    #[test]
    fn every_kind_of_node_survives_the_round_trip() {
        let text = "a: ~\nb: [true, false]\nc: -12\nd: 1.50\ne: 'x: y'\nf: {g: [1, {h: é}]}\n---\n- 18446744073709551615\n";
        let documents = parse_documents(text, &Limits::default()).expect("parses");
        assert_eq!(decode(&encode(&documents)), Some(documents));
    }

    #[test]
    fn a_damaged_encoding_is_refused_not_a_panic() {
        let text = "policy:\n  id: p\n  measures:\n    - id: m\n      effects: [{target: sdg:10.7, score: 2}]\n";
        let bytes = encode(&parse_documents(text, &Limits::default()).expect("parses"));
        for cut in 0..bytes.len() {
            assert_eq!(decode(&bytes[..cut]), None, "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer), None);
        for at in 0..bytes.len() {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0xff;
            let _ = decode(&damaged);
        }
        assert_eq!(decode(&[0xff; 16]), None);
    }
}
