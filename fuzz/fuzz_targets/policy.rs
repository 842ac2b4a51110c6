//! YAML text to a policy document: never a panic; problems inside the text.
#![no_main]

use cohere::document::{read, read_document};
use cohere::yaml::{Limits, parse_documents};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(nodes) = parse_documents(text, &Limits::default()) else {
        return;
    };
    for node in &nodes {
        let (_, problems) = read::<cohere::document::policy::PolicyDoc>(node);
        for problem in problems {
            assert!(problem.span.end as usize <= text.len(), "{problem:?}");
        }
        let (_, problems) = read_document(node);
        for problem in problems {
            assert!(problem.span.end as usize <= text.len(), "{problem:?}");
        }
    }
});
