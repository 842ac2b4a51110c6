//! The project file, `cohere.yaml`: text to settings, never a panic.
#![no_main]

use cohere::config::Settings;
use cohere::document::project::ProjectDoc;
use cohere::document::read;
use cohere::yaml::{Limits, parse_documents};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(nodes) = parse_documents(text, &Limits::default()) else {
        return;
    };
    if let Some(node) = nodes.first() {
        let (doc, problems) = read::<ProjectDoc>(node);
        for problem in &problems {
            assert!(problem.span.end as usize <= text.len(), "{problem:?}");
        }
        if let Some(doc) = doc {
            let _ = Settings::from_document(doc);
        }
    }
});
