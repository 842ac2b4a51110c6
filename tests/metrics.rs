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

/// An origin country's health workforce plan and a destination country's, both acting on
/// SDG targets 3.c (health workforce in developing countries) and 3.8 (universal health
/// coverage). The built-in knowledge base records 3.c → 3.8 (+2) for origin countries only.
const MIXED: &[(&str, &str)] = &[
    (
        "retain.yaml",
        "policy: retain\ntitle: Health workforce retention\nlevel: national\nperspective: origin\nmeasures:\n  - id: bonuses\n    title: Rural retention bonuses\n    effects: [{target: sdg:3.c, score: 2}, {target: sdg:3.8, score: 1}]\n",
    ),
    (
        "recruit.yaml",
        "policy: recruit\ntitle: Nurse recruitment\nlevel: national\nperspective: destination\nmeasures:\n  - id: nurses\n    title: Recruit nurses trained abroad\n    effects: [{target: sdg:3.8, score: 2}, {target: sdg:3.c, score: -1, where: origin}]\n",
    ),
];

#[test]
fn rank_gives_one_ranking_per_perspective_and_says_which() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in MIXED {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let rank = |args: &[&str]| {
        let output = cohere(dir.path())
            .args(["rank", ".", "--isolated"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    };
    // Labelled before running: an origin ranking in which 3.c moves 3.8 (out 2), and a
    // destination ranking in which it moves nothing (the interaction does not hold there).
    let json: serde_json::Value = serde_json::from_str(&rank(&["--format", "json"])).unwrap();
    let out_of = |perspective: &str, id: &str| {
        json.as_array()
            .unwrap()
            .iter()
            .find(|row| row["perspective"] == perspective && row["id"] == id)
            .map(|row| row["out"].as_i64().unwrap())
    };
    assert_eq!(out_of("origin", "sdg:3.c"), Some(2), "{json}");
    assert_eq!(out_of("destination", "sdg:3.c"), Some(0), "{json}");
    assert_eq!(json.as_array().unwrap().len(), 4, "{json}");

    let table = rank(&[]);
    assert!(table.contains("Seen from origin countries"), "{table}");
    assert!(table.contains("Seen from destination countries"), "{table}");
    let only = rank(&["--perspective", "destination"]);
    assert!(only.contains("Seen from destination countries"), "{only}");
    assert!(!only.contains("Seen from origin countries"), "{only}");

    // Two targets and a top 7: every target is in the top 7 whatever the scores.
    let stability = rank(&["--perspective", "origin", "--stability", "50"]);
    assert!(
        stability.contains("stability: not computed: the 2 targets are all in the top 7"),
        "{stability}"
    );
    assert!(!stability.contains("100% in top"), "{stability}");
}
