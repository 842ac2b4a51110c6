//! YAML text to located trees: never a panic, every span inside the text.
#![no_main]

use cohere::yaml::{Limits, Node, Value, parse_documents};
use libfuzzer_sys::fuzz_target;

fn check(node: &Node, len: usize) {
    assert!(node.span.start <= node.span.end, "{node:?}");
    assert!(node.span.end as usize <= len, "{node:?}");
    match &node.value {
        Value::Seq(items) => items.iter().for_each(|n| check(n, len)),
        Value::Map(entries) => entries.iter().for_each(|e| {
            check(&e.key, len);
            check(&e.value, len);
        }),
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match parse_documents(text, &Limits::default()) {
        Ok(nodes) => nodes.iter().for_each(|n| check(n, text.len())),
        Err(error) => assert!(error.span.end as usize <= text.len(), "{error:?}"),
    }
});
