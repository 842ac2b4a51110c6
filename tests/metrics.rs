//! `cohere rank` and `cohere matrix`, run as a user runs them.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use assert_cmd::Command;

fn cohere(dir: &std::path::Path) -> Command {
    let mut command = Command::cargo_bin("cohere").unwrap();
    command.current_dir(dir).env("NO_COLOR", "1");
    command
}

/// The matrix of src/analysis/influence.rs's unit test, whose figures were computed by hand.
const ABC: &str = "from\\to,a,b,c\na,0,2,-1\nb,1,0,2\nc,3,-2,0\n";

#[test]
fn rank_of_a_csv_matrix_prints_the_sei_figures_as_json() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("m.csv"), ABC).unwrap();
    let output = cohere(dir.path())
        .args(["rank", "--matrix", "m.csv", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        json,
        serde_json::json!([
            {"id": "b", "out": 3, "positive": 3, "negative": 0, "in": 0, "second_order": 1.5, "total": 4.5, "rank": 1},
            {"id": "a", "out": 1, "positive": 2, "negative": -1, "in": 4, "second_order": 2.5, "total": 3.5, "rank": 2},
            {"id": "c", "out": 1, "positive": 3, "negative": -2, "in": 1, "second_order": -1.5, "total": -0.5, "rank": 3}
        ])
    );
}

#[test]
fn rank_stability_is_reproducible() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("m.csv"), ABC).unwrap();
    let run = || {
        cohere(dir.path())
            .args([
                "rank",
                "--matrix",
                "m.csv",
                "--format",
                "json",
                "--stability",
                "100",
                "--top",
                "1",
            ])
            .output()
            .unwrap()
            .stdout
    };
    let first = run();
    assert_eq!(first, run());
    let json: serde_json::Value = serde_json::from_slice(&first).unwrap();
    let share = json[0]["stability"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&share));
}

#[test]
fn a_bad_matrix_exits_2_at_the_cell() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("m.csv"), "from\\to,a,b\na,0,high\nb,1,0\n").unwrap();
    let output = cohere(dir.path())
        .args(["rank", "--matrix", "m.csv"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("m.csv:2:5: `high` is not a whole number"),
        "{stderr}"
    );
}

#[test]
fn matrix_of_a_repository_round_trips_through_rank() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("plan.yaml"),
        "\
policy: plan
title: Decent work plan
level: national
perspective: destination
measures:
  - id: prosecutions
    title: Prosecute forced labour
    effects: [{target: sdg:8.7, score: 2}]
  - id: inspections
    title: Labour inspections
    effects: [{target: sdg:8.8, score: 2}]
",
    )
    .unwrap();
    let output = cohere(dir.path())
        .args(["matrix", "plan.yaml", "--format", "csv", "--isolated"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let csv = String::from_utf8(output.stdout).unwrap();
    // The built-in knowledge base links 8.7 and 8.8 both ways (+2, recorded for `any`).
    assert_eq!(csv, "from\\to,8.7,8.8\n8.7,0,2\n8.8,2,0\n");
    std::fs::write(dir.path().join("m.csv"), &csv).unwrap();
    let output = cohere(dir.path())
        .args(["rank", "--matrix", "m.csv", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json[0]["total"], 4.0); // out 2 + ½ × 2 × 2
    assert_eq!(json[0]["rank"], 1);
    assert_eq!(json[1]["rank"], 1);
}

#[test]
fn the_readme_states_the_propagation_semantics_of_the_code() {
    let readme = include_str!("../README.md");
    assert!(
        readme.contains(cohere::analysis::propagation::SEMANTICS),
        "README.md's \"Effect propagation\" section differs from src/analysis/propagation.md"
    );
}
