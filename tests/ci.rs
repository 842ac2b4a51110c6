//! The CI-facing commands end to end, as a user or a workflow runs them: `config --show`,
//! baselines, `diff`, `schema`, `init`, and the exit codes CI relies on.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn cohere(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("cohere").unwrap();
    command
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("GITHUB_ACTIONS");
    command
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    cohere(dir).args(args).output().unwrap()
}

fn json(output: &std::process::Output) -> Value {
    serde_json::from_str(&stdout(output))
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(output), stderr(output)))
}

// ---------------------------------------------------------------------------------------------
// cohere config --show

#[test]
fn config_show_prints_the_effective_settings_in_yaml_and_json() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "cohere.yaml",
        "\
name: Test portfolio
perspective: origin
sectors: [tourism]
rules:
  coherence: warning
  synergy: off
overrides:
  - paths: [drafts/**]
    rules: {capacity: off, missing-lead: error}
require:
  targets: [sdg:10.7]
thresholds:
  path-depth: 3
",
    );
    let output = run(dir.path(), &["config", "--show", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let settings = json(&output);
    assert_eq!(settings["version"], 1);
    assert_eq!(settings["project-file"], "cohere.yaml");
    assert_eq!(settings["name"], "Test portfolio");
    assert_eq!(settings["perspective"], "origin");
    assert_eq!(settings["sectors"]["extra"], serde_json::json!(["tourism"]));
    assert_eq!(settings["frameworks"][0], "sdg");
    let rule = |id: &str| {
        settings["rules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(
        rule("direct-conflict"),
        serde_json::json!({"id": "direct-conflict", "category": "coherence", "default": "error",
                           "level": "warning", "set-by": "coherence"})
    );
    assert_eq!(rule("synergy")["level"], "off");
    assert_eq!(rule("synergy")["set-by"], "synergy");
    assert_eq!(rule("schema")["set-by"], "default");
    assert_eq!(
        settings["overrides"],
        serde_json::json!([{"paths": ["drafts/**"], "rules": {"capacity": "off", "missing-lead": "error"}}])
    );
    assert_eq!(
        settings["require"]["targets"],
        serde_json::json!({"from": "cohere.yaml", "ids": ["sdg:10.7"]})
    );
    assert_eq!(settings["require"]["domains"]["from"], "default");
    assert_eq!(settings["thresholds"]["path-depth"], 3);
    assert_eq!(settings["thresholds"]["path-strength"], 0.2);
    assert_eq!(settings["limits"]["max-depth"], 64);

    // The YAML (the default format) holds the same data, and is deterministic.
    let yaml = run(dir.path(), &["config", "--show"]);
    assert_eq!(yaml.status.code(), Some(0));
    let text = stdout(&yaml);
    assert!(
        text.starts_with("version: 1\nproject-file: cohere.yaml\n"),
        "{text}"
    );
    let reread: Value = serde_saphyr::from_str(&text).unwrap();
    assert_eq!(reread, settings);
    assert_eq!(stdout(&run(dir.path(), &["config", "--show"])), text);
}

#[test]
fn config_show_without_a_project_shows_the_defaults_and_a_bad_project_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(dir.path(), &["config", "--show", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let settings = json(&output);
    assert_eq!(settings["project-file"], Value::Null);
    assert_eq!(
        settings["policies"],
        serde_json::json!(["**/*.yaml", "**/*.yml"])
    );
    assert_eq!(settings["floor"]["from"], "default");

    write(dir.path(), "cohere.yaml", "thresholds:\n  path-depth: 9\n");
    let output = run(dir.path(), &["config", "--show"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("`path-depth` is 9, outside 1 to 6"),
        "{}",
        stderr(&output)
    );
    assert!(
        stderr(&output).contains("cohere.yaml:2:"),
        "{}",
        stderr(&output)
    );
    // --isolated ignores it.
    let output = run(dir.path(), &["config", "--show", "--isolated"]);
    assert_eq!(output.status.code(), Some(0));
}
