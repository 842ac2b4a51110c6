//! The mistakes people make when they write a policy by hand, each as it reaches a user: the
//! binary lints a fixture of tests/fixtures/authoring/NN-name/ and must give exactly one finding,
//! of the rule, at the line and column, with the message and help that `expected` names.
//!
//! Every fixture is tests/fixtures/authoring/clean-policy.yaml (which lints clean) with one
//! mistake, linted with tests/fixtures/authoring/institutions.yaml unless it brings its own.
//! The expectations were written before cohere was run on the fixture; change cohere, not them.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/authoring")
}

/// What one fixture must give.
#[derive(Debug, Default)]
struct Expected {
    file: String,
    rule: String,
    line: u64,
    column: u64,
    message: Vec<String>,
    help: Vec<String>,
    not_help: Vec<String>,
}

fn expected(dir: &Path) -> Expected {
    let text = std::fs::read_to_string(dir.join("expected")).unwrap();
    let mut expected = Expected::default();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let (key, value) = line.split_once(": ").unwrap();
        let value = value.to_string();
        match key {
            "file" => expected.file = value,
            "rule" => expected.rule = value,
            "line" => expected.line = value.parse().unwrap(),
            "column" => expected.column = value.parse().unwrap(),
            "message" => expected.message.push(value),
            "help" => expected.help.push(value),
            "not-help" => expected.not_help.push(value),
            other => panic!("{}: unknown key `{other}`", dir.display()),
        }
    }
    expected
}

/// Lints `paths` in `dir` as a user would (`--isolated`: no project file, so no coverage).
fn lint_json(dir: &Path, paths: &[&str]) -> serde_json::Value {
    let output = Command::cargo_bin("cohere")
        .unwrap()
        .current_dir(dir)
        .env_remove("GITHUB_ACTIONS")
        .args(["lint", "--isolated", "--format", "json"])
        .args(paths)
        .output()
        .unwrap();
    assert!(
        output.status.code().is_some_and(|c| c < 2),
        "{}: {}",
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn case_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn the_clean_policy_the_mistakes_start_from_lints_clean() {
    let report = lint_json(&root(), &["clean-policy.yaml", "institutions.yaml"]);
    assert_eq!(report["findings"], serde_json::json!([]), "{report:#}");
}

#[test]
fn each_authoring_mistake_gives_one_finding_that_says_how_to_fix_it() {
    let dirs = case_dirs();
    assert!(
        dirs.len() >= 30,
        "only {} mistakes in the corpus",
        dirs.len()
    );
    let mut failures = Vec::new();
    for dir in &dirs {
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        let expected = expected(dir);
        let report = if dir.join("institutions.yaml").exists() {
            lint_json(dir, &["."])
        } else {
            lint_json(dir, &[".", "../institutions.yaml"])
        };
        let findings = report["findings"].as_array().unwrap();
        let describe = |f: &serde_json::Value| {
            format!(
                "{}:{}:{} {} | {} | help: {}",
                f["location"]["path"].as_str().unwrap_or(""),
                f["location"]["line"],
                f["location"]["column"],
                f["rule"].as_str().unwrap_or(""),
                f["message"].as_str().unwrap_or(""),
                f["help"].as_str().unwrap_or("-"),
            )
        };
        let got: Vec<String> = findings.iter().map(describe).collect();
        let [finding] = findings.as_slice() else {
            failures.push(format!(
                "{name}: {} findings:\n    {}",
                findings.len(),
                got.join("\n    ")
            ));
            continue;
        };
        let path = finding["location"]["path"].as_str().unwrap();
        let message = finding["message"].as_str().unwrap_or("");
        let help = finding["help"].as_str().unwrap_or("");
        let mut wrong = Vec::new();
        if finding["rule"] != expected.rule.as_str() {
            wrong.push(format!("rule, expected {}", expected.rule));
        }
        if !path.ends_with(&expected.file) {
            wrong.push(format!("file, expected {}", expected.file));
        }
        if finding["location"]["line"] != expected.line
            || finding["location"]["column"] != expected.column
        {
            wrong.push(format!(
                "place, expected {}:{}",
                expected.line, expected.column
            ));
        }
        for part in &expected.message {
            if !message.contains(part.as_str()) {
                wrong.push(format!("message without `{part}`"));
            }
        }
        for part in &expected.help {
            if !help.contains(part.as_str()) {
                wrong.push(format!("help without `{part}`"));
            }
        }
        for part in &expected.not_help {
            if help.contains(part.as_str()) {
                wrong.push(format!("help with `{part}`"));
            }
        }
        if !wrong.is_empty() {
            failures.push(format!("{name}: {}\n    {}", wrong.join("; "), got[0]));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} mistakes not diagnosed as expected:\n{}",
        failures.len(),
        dirs.len(),
        failures.join("\n")
    );
}
