//! The whole pipeline on arbitrary bytes: a file on disk, loaded with the built-in frameworks,
//! analysed, linted and rendered in every format. Never a panic.
#![no_main]

use cohere::lint::{LintOptions, lint};
use cohere::output::{Format, RenderContext, render};
use cohere::project::{ConfigChoice, LoadRequest, load};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static DIR: OnceLock<Option<tempfile::TempDir>> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Some(dir) = DIR.get_or_init(|| tempfile::tempdir().ok()).as_ref() else {
        return;
    };
    let draft = dir.path().join("draft.yaml");
    if std::fs::write(&draft, data).is_err() {
        return;
    }
    let mut request = LoadRequest::new(vec![draft]);
    request.config = ConfigChoice::Isolated;
    request.cwd = dir.path().to_path_buf();
    let Ok(workspace) = load(&request) else {
        return;
    };
    let analysis = cohere::analysis::analyze(&workspace.model, &workspace.settings);
    let outcome = lint(&workspace, &analysis, &LintOptions::default());
    for format in [
        Format::Text,
        Format::Concise,
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::Junit,
        Format::Markdown,
    ] {
        let context = RenderContext {
            sources: &workspace.sources,
            outcome: &outcome,
            cx: cohere::finding::Cx {
                model: &workspace.model,
                analysis: &analysis,
            },
            color: false,
        };
        let _ = render(format, &context);
    }
});
