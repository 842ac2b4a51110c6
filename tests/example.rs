//! The example policy repository in `policies/`, linted exactly as `cohere lint policies/` does
//! from the repository root. The set of rules it triggers is pinned: a change to the example, the
//! frameworks, the knowledge base or a rule that changes it must update this test deliberately
//! (and `policies/README.md`, which explains each finding).
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use cohere::analysis::{Analysis, analyze};
use cohere::finding::Severity;
use cohere::lint::{LintOptions, LintOutcome, lint};
use cohere::project::{LoadRequest, Workspace, load};
use cohere::rules::Category;
use std::collections::BTreeSet;
use std::path::PathBuf;

fn lint_example() -> (Workspace, Analysis, LintOutcome) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut request = LoadRequest::new(vec![PathBuf::from("policies/")]);
    request.cwd = root;
    let workspace = load(&request).expect("the example repository loads");
    let analysis = analyze(&workspace.model, &workspace.settings);
    let outcome = lint(&workspace, &analysis, &LintOptions::default());
    (workspace, analysis, outcome)
}

#[test]
fn the_example_has_no_document_problems() {
    let (workspace, analysis, outcome) = lint_example();
    let cx = cohere::finding::Cx {
        model: &workspace.model,
        analysis: &analysis,
    };
    let problems: Vec<String> = outcome
        .findings
        .iter()
        .chain(outcome.suppressed.iter().map(|s| &s.finding))
        .filter(|f| f.rule.category == Category::Document)
        .map(|f| format!("{}: {}", f.rule.id, f.render_ids(cx).message))
        .collect();
    assert!(problems.is_empty(), "document findings: {problems:#?}");
}

#[test]
fn the_example_triggers_exactly_these_rules() {
    let (_, _, outcome) = lint_example();
    let triggered: BTreeSet<&str> = outcome.findings.iter().map(|f| f.rule.id).collect();
    let expected = BTreeSet::from([
        // coherence
        "direct-conflict",
        "indirect-conflict",
        "internal-trade-off",
        "spillover",
        "deferred-cost",
        "synergy",
        "feedback-loop",
        // coverage
        "uncovered-target",
        "uncovered-principle",
        "uncovered-domain",
        // capacity
        "missing-indicator",
        "missing-evidence",
        "missing-lead",
        "no-reporting",
        // equity
        "left-behind",
        "unvoiced-burden",
        // governance
        "uncoordinated-conflict",
        "unilateral-spillover",
        "floor-breach",
        // evidence
        "contested-interaction",
        "unsourced-interaction",
        // suggestion
        "unlinked-target",
    ]);
    assert_eq!(
        triggered, expected,
        "the set of rules the example triggers changed; update this test and policies/README.md"
    );
}

#[test]
fn the_example_is_a_portfolio_of_realistic_size() {
    let (workspace, _, _) = lint_example();
    let model = &workspace.model;
    assert!(
        model.policies.len() >= 8,
        "{} policies",
        model.policies.len()
    );
    assert!(
        model.measures.len() >= 60,
        "{} measures",
        model.measures.len()
    );
}

#[test]
fn the_example_has_a_conflict_error_and_a_synergy() {
    let (_, _, outcome) = lint_example();
    assert!(
        outcome
            .findings
            .iter()
            .any(|f| f.rule.id == "direct-conflict" && f.severity == Severity::Error),
        "no direct-conflict error"
    );
    assert!(
        outcome.findings.iter().any(|f| f.rule.id == "synergy"),
        "no synergy"
    );
}

#[test]
fn the_example_suppression_is_used_and_has_its_reason() {
    let (_, _, outcome) = lint_example();
    let suppressed: Vec<_> = outcome
        .suppressed
        .iter()
        .map(|s| (s.finding.rule.id, s.reason.as_str()))
        .collect();
    assert_eq!(suppressed.len(), 1, "{suppressed:#?}");
    assert_eq!(suppressed[0].0, "spillover");
    assert!(
        suppressed[0].1.contains("cabinet decision 2026/14"),
        "{suppressed:#?}"
    );
}
