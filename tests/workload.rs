//! The synthetic workload of `cohere bench-gen`: deterministic, and clean of document findings.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use assert_cmd::Command;
use cohere::bench_gen::generate;
use cohere::lint::{LintOptions, lint};
use cohere::project::{ConfigChoice, LoadRequest, load};
use cohere::rules::Category;

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
    let analysis = cohere::analysis::analyze(&workspace.model, &workspace.settings);
    let outcome = lint(&workspace, &analysis, &LintOptions::default());
    let document: Vec<_> = outcome
        .findings
        .iter()
        .filter(|f| f.rule.category == Category::Document)
        .map(|f| {
            let cx = cohere::finding::Cx {
                model: &workspace.model,
                analysis: &analysis,
            };
            f.render_ids(cx).message
        })
        .collect();
    assert!(document.is_empty(), "{document:#?}");
    // The analysis rules have something to find.
    assert!(outcome.findings.len() > 10);
}

#[test]
fn bench_gen_writes_the_same_bytes_for_the_same_seed_and_is_hidden() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for dir in [&a, &b] {
        Command::cargo_bin("cohere")
            .unwrap()
            .args(["bench-gen", "--measures", "60", "--seed", "9", "--out"])
            .arg(dir.path())
            .assert()
            .success();
    }
    let files = |dir: &std::path::Path| {
        let mut found = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(next) = stack.pop() {
            for entry in std::fs::read_dir(next).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let relative = path.strip_prefix(dir).unwrap().to_path_buf();
                    found.push((relative, std::fs::read(&path).unwrap()));
                }
            }
        }
        found.sort();
        found
    };
    assert_eq!(files(a.path()), files(b.path()));
    let help = Command::cargo_bin("cohere")
        .unwrap()
        .arg("--help")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&help.stdout).contains("bench-gen"));
}
