//! The memory a lint run's findings hold, counted by the allocator: loads the repository at
//! DIR (its cohere.yaml), analyses it, lints it, and counts the heap bytes freed when the
//! outcome (the findings, with the vectors that hold them) is dropped; it prints them over the
//! number of findings, beside what the lint run left allocated in all (caches included). Peak
//! RSS cannot tell findings apart from the model's memory; the allocator can.
//! `cargo run --release -p cohere-bench-gen --bin finding-memory -- DIR`
#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

use cohere::analysis::analyze;
use cohere::lint::{LintOptions, lint};
use cohere::project::{ConfigChoice, LoadRequest, load};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};
use std::alloc::System;
use std::path::PathBuf;

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).expect("a directory"))
        .canonicalize()
        .expect("an existing directory");
    let mut request = LoadRequest::new(Vec::new());
    request.cwd = dir.clone();
    request.config = ConfigChoice::File(dir.join("cohere.yaml"));
    let workspace = load(&request).expect("a repository cohere can load");
    let analysis = analyze(&workspace.model, &workspace.settings);
    let held = |region: &Region<System>| {
        let change = region.change();
        change.bytes_allocated as i128 - change.bytes_deallocated as i128
            + change.bytes_reallocated as i128
    };
    let region = Region::new(GLOBAL);
    let outcome = lint(&workspace, &analysis, &LintOptions::default());
    let after_lint = held(&region);
    let findings = outcome.findings.len() + outcome.suppressed.len() + outcome.baselined.len();
    drop(outcome);
    let by_findings = after_lint - held(&region);
    println!(
        "{findings} findings hold {by_findings} bytes: {} B per finding ({after_lint} bytes left allocated by the lint run in all)",
        by_findings / findings.max(1) as i128
    );
}
