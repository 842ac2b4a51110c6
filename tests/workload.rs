//! The synthetic workload of `scripts/bench-gen` (crates/bench-gen), as cohere sees it: clean of
//! document findings; and the generator is no command of cohere's.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use assert_cmd::Command;
use cohere::lint::{LintOptions, lint};
use cohere::project::{ConfigChoice, LoadRequest, load};
use cohere::rules::Category;
use cohere_bench_gen::generate;

#[test]
fn a_generated_repository_has_no_document_findings() {
    let dir = tempfile::tempdir().unwrap();
    let workload = generate(150, 42);
    workload.write_to(dir.path()).unwrap();
    let mut request = LoadRequest::new(Vec::new());
    request.cwd = dir.path().to_path_buf();
    request.config = ConfigChoice::File(dir.path().join("cohere.yaml"));
    let workspace = load(&request).unwrap();
    assert_eq!(workspace.model.measures.len(), 150);
    assert!(workspace.model.interactions.len() > 2_000);
    let analysis = cohere::analysis::analyze(&workspace);
    let outcome = lint(&workspace, &analysis, &LintOptions::default());
    let document: Vec<_> = outcome
        .findings
        .iter()
        .filter(|f| f.rule.category == Category::Document)
        .map(|f| f.message.clone())
        .collect();
    assert!(document.is_empty(), "{document:#?}");
    // The analysis rules have something to find.
    assert!(outcome.findings.len() > 10);
}

#[test]
fn the_generator_is_not_part_of_cohere() {
    // It lives in crates/bench-gen (`scripts/bench-gen`): `cohere bench-gen` is gone, and
    // `--help` names no such command.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("repo");
    Command::cargo_bin("cohere")
        .unwrap()
        .args(["bench-gen", "--measures", "10", "--out"])
        .arg(&out)
        .assert()
        .code(2);
    assert!(!out.exists());
    let help = Command::cargo_bin("cohere")
        .unwrap()
        .arg("--help")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&help.stdout).contains("bench-gen"));
}
