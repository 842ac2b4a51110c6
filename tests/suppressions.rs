//! Inline suppressions as a user meets them.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use assert_cmd::Command;

const POLICY: &str = "\
policy: health-workforce
title: Health workforce strategy
level: national
perspective: destination
measures:
  - id: recruit-nurses-abroad   # cohere: allow(spillover) -- accepted by cabinet decision 2026/14
    title: Recruit nurses trained abroad
    effects:
      - target: sdg:3.c
        score: -2
        where: elsewhere
        rationale: Nurses leave health systems already short of staff.
";

fn lint(dir: &std::path::Path, extra: &[&str]) -> String {
    let mut args = vec!["lint", "policy.yaml", "--format", "concise", "--isolated"];
    args.extend_from_slice(extra);
    let output = Command::cargo_bin("cohere")
        .unwrap()
        .current_dir(dir)
        .args(&args)
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn a_suppressed_finding_is_not_reported_and_the_comment_is_used() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("policy.yaml"), POLICY).unwrap();
    let text = lint(dir.path(), &[]);
    assert!(!text.contains("[spillover]"), "{text}");
    assert!(!text.contains("unused-suppression"), "{text}");
}

#[test]
fn a_suppression_of_a_rule_that_did_not_run_is_not_called_unused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("policy.yaml"), POLICY).unwrap();
    for extra in [
        &["--select", "document"][..],
        &["--ignore", "spillover"],
        &["--ignore", "coherence"],
    ] {
        let text = lint(dir.path(), extra);
        assert!(!text.contains("unused-suppression"), "{extra:?}: {text}");
    }
    // Once the cost is gone, the suppression is stale and says so.
    std::fs::write(
        dir.path().join("policy.yaml"),
        POLICY.replace("score: -2", "score: 1"),
    )
    .unwrap();
    let text = lint(dir.path(), &[]);
    assert!(text.contains("unused-suppression"), "{text}");
}
