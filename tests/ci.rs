//! The CI-facing commands end to end, as a user or a workflow runs them: `config --show`,
//! baselines, `diff`, `schema`, `init`, and the exit codes CI relies on.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

mod common;
use assert_cmd::Command;
use common::git;
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

// ---------------------------------------------------------------------------------------------
// Baselines

/// A project whose only findings are conflicts: other categories, and synergies, are off.
const PROJECT: &str = "\
perspective: destination
rules:
  coverage: off
  capacity: off
  suggestion: off
  evidence: off
  equity: off
  governance: off
  synergy: off
";

/// Two measures that push sdg:3.8 in opposite directions: one `direct-conflict`.
const HEALTH: &str = "\
policy: integration-plan
title: Integration plan
level: national
measures:
  - id: health-mediators
    title: Health mediators in reception centres
    effects:
      - target: sdg:3.8
        score: 2
        rationale: Mediators bring newcomers into primary care.
  - id: residence-based-care
    title: Non-emergency care only after five years of residence
    effects:
      - target: sdg:3.8
        score: -2
        rationale: Recent arrivals lose access to non-emergency care.
";

/// A second conflict, on sdg:4.1, added to the same policy.
const SCHOOLS: &str = "  - id: school-places
    title: School places for every child on arrival
    effects:
      - target: sdg:4.1
        score: 2
        rationale: Children start school within a month.
  - id: school-fees
    title: School fees for children without residence permits
    effects:
      - target: sdg:4.1
        score: -2
        rationale: Fees keep children out of school.
";

fn concise(output: &std::process::Output) -> Vec<String> {
    stdout(output).lines().map(str::to_string).collect()
}

#[test]
fn a_baseline_reports_only_new_findings_and_survives_moves() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "cohere.yaml", PROJECT);
    write(root, "policies/health.yaml", HEALTH);
    let before = run(root, &["lint", "--format", "concise"]);
    assert_eq!(before.status.code(), Some(1), "{}", stderr(&before));
    assert_eq!(concise(&before).len(), 1, "{}", stdout(&before));
    assert!(stdout(&before).contains("direct-conflict"));

    // Record today's findings: nothing is reported, exit 0.
    let write_it = run(root, &["lint", "--write-baseline", "cohere-baseline.json"]);
    assert_eq!(write_it.status.code(), Some(0), "{}", stderr(&write_it));
    assert_eq!(stdout(&write_it), "");
    assert!(stderr(&write_it).contains("wrote 1 finding to cohere-baseline.json"));
    let text = std::fs::read_to_string(root.join("cohere-baseline.json")).unwrap();
    let file: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(file["version"], 1);
    let entry = &file["entries"][0];
    assert_eq!(entry["path"], "policies/health.yaml");
    assert_eq!(entry["rule"], "direct-conflict");
    assert_eq!(
        entry["key"],
        serde_json::json!(["sdg:3.8", "integration-plan"])
    );
    assert!(
        !text.contains("line"),
        "no line numbers in a baseline: {text}"
    );
    // Writing it again gives the same bytes.
    run(root, &["lint", "--write-baseline", "cohere-baseline.json"]);
    assert_eq!(
        std::fs::read_to_string(root.join("cohere-baseline.json")).unwrap(),
        text
    );

    // With the baseline: nothing to report, and the summary says why.
    let with = run(root, &["lint", "--baseline", "cohere-baseline.json"]);
    assert_eq!(with.status.code(), Some(0), "{}", stderr(&with));
    assert_eq!(stdout(&with), "");
    assert!(
        stderr(&with).contains("no findings (1 in baseline) in 2 files"),
        "{}",
        stderr(&with)
    );
    let as_json = json(&run(
        root,
        &[
            "lint",
            "--baseline",
            "cohere-baseline.json",
            "--format",
            "json",
        ],
    ));
    assert_eq!(as_json["summary"]["baselined"], 1);
    assert_eq!(as_json["findings"], serde_json::json!([]));

    // The same baseline from a subdirectory: paths are relative to the project root.
    let sub = root.join("policies");
    let from_sub = run(&sub, &["lint", "--baseline", "../cohere-baseline.json"]);
    assert_eq!(from_sub.status.code(), Some(0), "{}", stdout(&from_sub));

    // Moving the measures down the file (a comment and a blank line above them, and their
    // order swapped) changes lines, not meaning: still in the baseline.
    let moved = HEALTH.replace(
        "measures:\n",
        "# Measures, most recent last.\n\nmeasures:\n",
    );
    let (first, second) = moved.split_at(moved.find("  - id: residence-based-care").unwrap());
    let (head, first) = first.split_at(first.find("  - id: health-mediators").unwrap());
    write(
        root,
        "policies/health.yaml",
        &format!("{head}{second}{first}"),
    );
    let after_move = run(root, &["lint", "--baseline", "cohere-baseline.json"]);
    assert_eq!(after_move.status.code(), Some(0), "{}", stdout(&after_move));

    // A new conflict in the same file is reported, alone.
    write(root, "policies/health.yaml", &format!("{HEALTH}{SCHOOLS}"));
    let new = run(
        root,
        &[
            "lint",
            "--baseline",
            "cohere-baseline.json",
            "--format",
            "concise",
        ],
    );
    assert_eq!(new.status.code(), Some(1), "{}", stderr(&new));
    let lines = concise(&new);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].contains("direct-conflict"), "{lines:?}");
    assert!(lines[0].contains("sdg:4.1"), "{lines:?}");
    assert!(stderr(&new).contains("(1 in baseline)"), "{}", stderr(&new));
}

#[test]
fn stale_baseline_entries_are_reported_and_pruned() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "cohere.yaml", PROJECT);
    write(root, "policies/health.yaml", &format!("{HEALTH}{SCHOOLS}"));
    write(
        root,
        "policies/other.yaml",
        &HEALTH.replace("integration-plan", "other-plan"),
    );
    let recorded = run(root, &["lint", "--write-baseline", "baseline.json"]);
    assert!(
        stderr(&recorded).contains("wrote 3 findings"),
        "{}",
        stderr(&recorded)
    );

    // Fix the sdg:4.1 conflict: its entry is stale.
    write(
        root,
        "policies/health.yaml",
        &format!("{HEALTH}{SCHOOLS}").replace(
            "score: -2\n        rationale: Fees",
            "score: 1\n        rationale: Fees",
        ),
    );
    let output = run(root, &["lint", "--baseline", "baseline.json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let text = stderr(&output);
    assert!(
        text.contains("note: 1 baseline entry in baseline.json matches nothing any more"),
        "{text}"
    );
    assert!(
        text.contains("policies/health.yaml: direct-conflict [sdg:4.1, integration-plan]"),
        "{text}"
    );
    assert!(text.contains("--prune-baseline"), "{text}");
    let summary = json(&run(
        root,
        &["lint", "--baseline", "baseline.json", "--format", "json"],
    ));
    assert_eq!(summary["summary"]["stale_baseline"], 1);

    // Linting one file judges only that file's entries.
    let one = run(
        root,
        &["lint", "policies/other.yaml", "--baseline", "baseline.json"],
    );
    assert!(
        !stderr(&one).contains("matches nothing"),
        "{}",
        stderr(&one)
    );
    // Nor are the entries of rules that did not run stale.
    let ignored = run(
        root,
        &[
            "lint",
            "--baseline",
            "baseline.json",
            "--ignore",
            "coherence",
        ],
    );
    assert!(
        !stderr(&ignored).contains("nothing any more"),
        "{}",
        stderr(&ignored)
    );

    // Pruning removes the stale entry and keeps the others.
    let pruned = run(
        root,
        &["lint", "--baseline", "baseline.json", "--prune-baseline"],
    );
    assert_eq!(pruned.status.code(), Some(0));
    assert!(
        stderr(&pruned).contains("removed 1 baseline entry that matches nothing any more"),
        "{}",
        stderr(&pruned)
    );
    let file: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("baseline.json")).unwrap())
            .unwrap();
    let keys: Vec<&Value> = file["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["key"])
        .collect();
    assert_eq!(
        keys,
        [
            &serde_json::json!(["sdg:3.8", "integration-plan"]),
            &serde_json::json!(["sdg:3.8", "other-plan"])
        ]
    );
    let clean = run(root, &["lint", "--baseline", "baseline.json"]);
    assert!(
        !stderr(&clean).contains("nothing any more"),
        "{}",
        stderr(&clean)
    );

    // Recording a baseline from one file keeps the other files' entries.
    write(
        root,
        "policies/other.yaml",
        "policy: other-plan\ntitle: Other\nlevel: national\n",
    );
    run(
        root,
        &[
            "lint",
            "policies/other.yaml",
            "--write-baseline",
            "baseline.json",
        ],
    );
    let file: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("baseline.json")).unwrap())
            .unwrap();
    assert_eq!(file["entries"].as_array().unwrap().len(), 1, "{file}");
    assert_eq!(file["entries"][0]["path"], "policies/health.yaml");
}

#[test]
fn a_missing_or_invalid_baseline_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "cohere.yaml", PROJECT);
    write(root, "policies/health.yaml", HEALTH);
    let missing = run(root, &["lint", "--baseline", "nope.json"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("cannot read the baseline `nope.json`"));
    write(
        root,
        "bad.json",
        "{\"version\": 1,\n \"entries\": [{\"rule\": \"x\"}]}\n",
    );
    let bad = run(root, &["lint", "--baseline", "bad.json"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("invalid baseline bad.json:2:"),
        "{}",
        stderr(&bad)
    );
    write(root, "future.json", "{\"version\": 7, \"entries\": []}\n");
    let future = run(root, &["lint", "--baseline", "future.json"]);
    assert_eq!(future.status.code(), Some(2));
    assert!(stderr(&future).contains("baseline version 7 is not supported"));
    let prune_alone = run(root, &["lint", "--prune-baseline"]);
    assert_eq!(prune_alone.status.code(), Some(2));
}

// ---------------------------------------------------------------------------------------------
// cohere schema

fn schema_of(document: &str) -> jsonschema::Validator {
    let dir = tempfile::tempdir().unwrap();
    let output = run(dir.path(), &["schema", "--document", document]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let schema = json(&output);
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    jsonschema::draft7::new(&schema).unwrap_or_else(|e| panic!("{document}: {e}"))
}

/// YAML 1.2 as cohere and yaml-language-server read it: `off` and `yes` are text.
fn yaml_options() -> serde_saphyr::Options {
    serde_saphyr::options! { strict_booleans: true }
}

/// A YAML document as a JSON value.
fn yaml(text: &str) -> Value {
    serde_saphyr::from_str_with_options(text, yaml_options()).unwrap()
}

/// Every YAML document of a file, as JSON values.
fn documents(path: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap();
    serde_saphyr::from_multiple_with_options::<Value>(&text, yaml_options())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .into_iter()
        .filter(|d| !d.is_null())
        .collect()
}

fn yaml_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            yaml_files(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        ) {
            out.push(path);
        }
    }
}

fn errors(validator: &jsonschema::Validator, document: &Value) -> Vec<String> {
    validator
        .iter_errors(document)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn the_schema_accepts_every_valid_document_of_the_repository() {
    let all = schema_of("all");
    let project = schema_of("project");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for entry in std::fs::read_dir(root.join("tests/fixtures/rules")).unwrap() {
        yaml_files(&entry.unwrap().path().join("pass"), &mut files);
    }
    yaml_files(&root.join("policies"), &mut files);
    yaml_files(&root.join("frameworks"), &mut files);
    assert!(files.len() > 40, "{files:?}");
    let mut checked = 0;
    for file in &files {
        let validator = if file.ends_with("cohere.yaml") {
            &project
        } else {
            &all
        };
        for document in documents(file) {
            let problems = errors(validator, &document);
            assert!(problems.is_empty(), "{}: {problems:#?}", file.display());
            checked += 1;
        }
    }
    assert!(checked >= files.len());
}

#[test]
fn the_schema_rejects_unknown_fields_bad_words_and_unknown_rules() {
    let all = schema_of("all");
    let policy = yaml(
        "policy: p\ntitle: T\nlevel: national\nmeasures:\n  - id: m\n    title: M\n    efects: []\n",
    );
    assert!(!errors(&all, &policy).is_empty());
    let fixed = yaml(
        "policy: p\ntitle: T\nlevel: national\nmeasures:\n  - id: m\n    title: M\n    effects: []\n",
    );
    assert_eq!(errors(&all, &fixed), Vec::<String>::new());
    // Numbers are read as text where text is expected, as the loader does.
    let numeric = yaml("policy: 2030\ntitle: 1.10\nlevel: national\n");
    assert_eq!(errors(&all, &numeric), Vec::<String>::new());
    for bad in [
        "policy: p\ntitle: T\nlevel: planetary\n",
        "policy: p\ntitle: T\nlevel: national\nmeasures:\n  - id: m\n    title: M\n    effects:\n      - {target: sdg:1.1, score: 5}\n",
        "title: no kind key\n",
        "framework: f\npolicy: p\ntitle: T\nlevel: national\n",
    ] {
        let document = yaml(bad);
        assert!(!all.is_valid(&document), "accepted: {bad}");
    }
    let project = schema_of("project");
    let good = yaml("rules:\n  coherence: warning\n  synergy: off\n");
    assert_eq!(errors(&project, &good), Vec::<String>::new());
    for bad in [
        "rules:\n  direct-conflcit: off\n",
        "thresholds:\n  depth: 2\n",
    ] {
        let document = yaml(bad);
        assert!(!project.is_valid(&document), "accepted: {bad}");
    }
    // One kind alone.
    let only_policy = schema_of("policy");
    assert!(only_policy.is_valid(&fixed));
    let institutions = yaml("institutions:\n  - {id: a, name: A}\n");
    assert!(!only_policy.is_valid(&institutions));
    assert!(schema_of("institutions").is_valid(&institutions));
}

// ---------------------------------------------------------------------------------------------
// cohere diff

#[test]
fn diff_of_two_directories_lists_added_and_resolved_findings() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // Before: the sdg:3.8 conflict. After: it is resolved (the second measure now helps), a
    // school conflict is added, and the measures are reordered (which changes nothing).
    write(root, "before/cohere.yaml", PROJECT);
    write(root, "before/policies/health.yaml", HEALTH);
    write(root, "after/cohere.yaml", PROJECT);
    let healed = HEALTH.replace("score: -2", "score: 1");
    write(
        root,
        "after/policies/health.yaml",
        &format!("{healed}{SCHOOLS}"),
    );

    let output = run(root, &["diff", "before", "after"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.starts_with("cohere diff: before (directory) → after (directory)\n"),
        "{text}"
    );
    assert!(
        text.contains("findings: 1 added (1 error, 0 warnings, 0 info), 1 resolved"),
        "{text}"
    );
    assert!(
        text.contains("added:\n  error[direct-conflict] policies/health.yaml:"),
        "{text}"
    );
    assert!(text.contains("sdg:4.1"), "{text}");
    assert!(
        text.contains("resolved:\n  error[direct-conflict]"),
        "{text}"
    );
    assert!(text.contains("coherence index: "), "{text}");
    assert!(
        text.contains("required targets reached directly: "),
        "{text}"
    );
    assert!(
        text.contains("influence ranks of the targets in play:"),
        "{text}"
    );
    assert!(
        stderr(&output).contains("1 finding added"),
        "{}",
        stderr(&output)
    );

    let json = json(&run(root, &["diff", "before", "after", "--format", "json"]));
    assert_eq!(json["version"], 1);
    assert_eq!(json["base"]["kind"], "directory");
    assert_eq!(json["summary"]["added"]["error"], 1);
    assert_eq!(json["summary"]["resolved"]["error"], 1);
    assert_eq!(json["added"][0]["rule"], "direct-conflict");
    assert_eq!(
        json["resolved"][0]["location"]["path"],
        "policies/health.yaml"
    );
    // Two effects that clash: an index below 100 before; after, the school conflict.
    assert!(json["coherence_index"]["base"].as_f64().unwrap() < 100.0);
    assert!(json["coherence_index"]["change"].is_number());
    assert!(
        json["coverage"]["targets"]["base"]["required"]
            .as_u64()
            .unwrap()
            > 0
    );
    // sdg:4.1 came into play.
    let influence = json["influence"].as_array().unwrap();
    assert!(
        influence
            .iter()
            .any(|c| c["target"] == "sdg:4.1" && c["base"].is_null() && c["head"].is_number()),
        "{influence:?}"
    );

    let markdown = stdout(&run(
        root,
        &["diff", "before", "after", "--format", "markdown"],
    ));
    assert!(markdown.starts_with("## cohere diff\n"), "{markdown}");
    assert!(markdown.contains("| coherence index |"), "{markdown}");
    assert!(markdown.contains("### Added findings"), "{markdown}");

    // The reverse change brings the health conflict back: an added error again.
    let reverse = run(root, &["diff", "after", "before", "--format", "json"]);
    assert_eq!(reverse.status.code(), Some(1));
    // Identical sides: nothing added or resolved, exit 0.
    let same = run(root, &["diff", "before", "before"]);
    assert_eq!(same.status.code(), Some(0), "{}", stdout(&same));
    assert!(stdout(&same).contains("findings: 0 added (0 errors, 0 warnings, 0 info), 0 resolved"));
    assert!(stdout(&same).contains("influence ranks of the targets in play: unchanged"));
    // --fail-on never never fails.
    let never = run(root, &["diff", "before", "after", "--fail-on", "never"]);
    assert_eq!(never.status.code(), Some(0));
}

#[test]
fn diff_of_two_git_revisions_of_a_temporary_repository() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git(root, &["init", "--quiet"]);
    write(root, "cohere.yaml", PROJECT);
    write(root, "policies/health.yaml", HEALTH);
    git(root, &["add", "."]);
    git(root, &["commit", "--quiet", "-m", "health"]);
    git(root, &["tag", "v1"]);
    write(root, "policies/health.yaml", &format!("{HEALTH}{SCHOOLS}"));
    git(root, &["commit", "--quiet", "-am", "schools"]);

    let output = run(root, &["diff", "v1", "HEAD", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let json = json(&output);
    assert_eq!(json["base"]["kind"], "revision");
    assert_eq!(json["base"]["spec"], "v1");
    assert_eq!(json["base"]["commit"].as_str().unwrap().len(), 12);
    assert_eq!(json["summary"]["added"]["error"], 1, "{json}");
    assert_eq!(json["summary"]["resolved"]["error"], 0);
    assert_eq!(json["added"][0]["location"]["path"], "policies/health.yaml");
    assert!(
        json["added"][0]["message"]
            .as_str()
            .unwrap()
            .contains("sdg:4.1")
    );

    // From a subdirectory the same subdirectory of each revision is compared, with the
    // project file of each revision.
    let sub = root.join("policies");
    let output = run(&sub, &["diff", "v1", "HEAD", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let from_sub = self::json(&output);
    // Paths are relative to the project root, whatever the working directory.
    assert_eq!(
        from_sub["added"][0]["location"]["path"],
        "policies/health.yaml"
    );

    // A revision against the working tree; the repository is left as it was.
    write(root, "policies/health.yaml", HEALTH);
    let output = run(root, &["diff", "HEAD", ".", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(json_summary(&output, "resolved"), 1);
    let status = std::process::Command::new("git")
        .current_dir(root)
        .args(["status", "--porcelain"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&status.stdout),
        " M policies/health.yaml\n"
    );

    // An unknown revision, a file, or an option-like name: exit 2.
    for bad in ["no-such-rev", "cohere.yaml"] {
        let output = run(root, &["diff", bad, "HEAD"]);
        assert_eq!(output.status.code(), Some(2), "{bad}: {}", stdout(&output));
        assert!(
            stderr(&output).contains(&format!("`{bad}`")),
            "{}",
            stderr(&output)
        );
    }
}

fn json_summary(output: &std::process::Output, which: &str) -> u64 {
    let json = json(output);
    let counts = &json["summary"][which];
    ["error", "warning", "info"]
        .iter()
        .map(|k| counts[k].as_u64().unwrap())
        .sum()
}

#[test]
fn diff_outside_a_repository_takes_only_directories() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a/policy.yaml", HEALTH);
    let output = run(dir.path(), &["diff", "a", "main"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("`main` is not a directory, and not a git revision"),
        "{}",
        stderr(&output)
    );
    let missing = run(dir.path(), &["diff", "a"]);
    assert_eq!(missing.status.code(), Some(2));
}

// ---------------------------------------------------------------------------------------------
// cohere init

#[test]
fn init_scaffolds_a_repository_that_lints_and_validates() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(dir.path(), &["init", "repo"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let repo = dir.path().join("repo");
    for file in [
        "cohere.yaml",
        "institutions.yaml",
        "templates/policy.yaml",
        ".github/workflows/cohere.yml",
        "cohere.schema.json",
        "cohere.project.schema.json",
    ] {
        assert!(repo.join(file).is_file(), "{file} missing");
        assert!(stderr(&output).contains(file), "{}", stderr(&output));
    }
    // The modelines point at the schemas written beside them.
    let policy = std::fs::read_to_string(repo.join("templates/policy.yaml")).unwrap();
    assert!(policy.starts_with("# yaml-language-server: $schema=../cohere.schema.json\n"));
    let project = std::fs::read_to_string(repo.join("cohere.yaml")).unwrap();
    assert!(project.starts_with("# yaml-language-server: $schema=cohere.project.schema.json\n"));
    let workflow = std::fs::read_to_string(repo.join(".github/workflows/cohere.yml")).unwrap();
    assert!(
        workflow.contains("uses: cohere-policy/cohere@"),
        "{workflow}"
    );
    assert!(workflow.contains("security-events: write"), "{workflow}");

    // The first run is quiet: no finding at all, not even a warning (the template is an
    // example, not one of the user's policies, and an empty portfolio has no gaps yet).
    let lint = run(&repo, &["lint"]);
    assert_eq!(lint.status.code(), Some(0), "{}", stderr(&lint));
    assert_eq!(stdout(&lint), "", "{}", stdout(&lint));
    assert!(stderr(&lint).contains("no findings"), "{}", stderr(&lint));

    // The template, copied into policies/, is a clean document: nothing of the document or
    // capacity categories, and the portfolio's gaps come as one finding per framework.
    std::fs::create_dir_all(repo.join("policies")).unwrap();
    std::fs::copy(
        repo.join("templates/policy.yaml"),
        repo.join("policies/health.yaml"),
    )
    .unwrap();
    let lint = run(&repo, &["lint", "--format", "json"]);
    assert_eq!(lint.status.code(), Some(0), "{}", stderr(&lint));
    let findings = json(&lint)["findings"].as_array().unwrap().clone();
    let unexpected: Vec<_> = findings
        .iter()
        .filter(|f| f["category"] == "document" || f["category"] == "capacity")
        .collect();
    assert!(unexpected.is_empty(), "{unexpected:#?}");
    let coverage: Vec<(String, String)> = findings
        .iter()
        .filter(|f| f["category"] == "coverage")
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(coverage.len() <= 4, "{coverage:#?}");

    // The written schemas accept the written documents.
    let read = |name: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(repo.join(name)).unwrap()).unwrap()
    };
    let all = jsonschema::draft7::new(&read("cohere.schema.json")).unwrap();
    let project_schema = jsonschema::draft7::new(&read("cohere.project.schema.json")).unwrap();
    for file in ["institutions.yaml", "templates/policy.yaml"] {
        for document in documents(&repo.join(file)) {
            assert_eq!(errors(&all, &document), Vec::<String>::new(), "{file}");
        }
    }
    for document in documents(&repo.join("cohere.yaml")) {
        assert_eq!(errors(&project_schema, &document), Vec::<String>::new());
    }
}

#[test]
fn init_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "templates/policy.yaml", "mine\n");
    let output = run(dir.path(), &["init"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("refusing to overwrite `templates/policy.yaml`"),
        "{}",
        stderr(&output)
    );
    // Nothing was written, and the user's file is as it was.
    assert!(!dir.path().join("cohere.yaml").exists());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("templates/policy.yaml")).unwrap(),
        "mine\n"
    );
}

// ---------------------------------------------------------------------------------------------
// Integration files

#[test]
fn the_pre_commit_hook_and_the_action_are_well_formed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let hooks = documents(&root.join(".pre-commit-hooks.yaml"));
    let hook = &hooks[0][0];
    assert_eq!(hook["id"], "cohere");
    assert_eq!(hook["entry"], "cohere lint");
    assert_eq!(hook["files"], "\\.(yaml|yml)$");
    assert_eq!(hook["pass_filenames"], true);
    assert_eq!(hook["language"], "rust");
    // File names come after `--`: a file named like an option stays a path.
    assert_eq!(hook["args"], serde_json::json!(["--"]));

    let action = &documents(&root.join("action.yml"))[0];
    assert_eq!(action["runs"]["using"], "composite");
    for input in ["paths", "fail-on"] {
        assert!(action["inputs"][input].is_object(), "input {input}");
    }
    let steps = action["runs"]["steps"].as_array().unwrap();
    let scripts: String = steps
        .iter()
        .filter_map(|s| s["run"].as_str())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        scripts.contains("cargo install --locked --path"),
        "{scripts}"
    );
    assert!(scripts.contains("--format sarif -o"), "{scripts}");
    assert!(scripts.contains("GITHUB_STEP_SUMMARY"), "{scripts}");
    // Inputs reach scripts through the environment, never spliced into them, and the paths
    // come after `--` in every run.
    assert!(!scripts.contains("${{"), "{scripts}");
    let joined = scripts.replace("\\\n", " ");
    let runs: Vec<&str> = joined
        .lines()
        .filter(|l| l.trim_start().starts_with("cohere lint"))
        .collect();
    assert_eq!(runs.len(), 3, "{scripts}");
    for run in runs {
        let paths = run.find("\"${paths[@]}\"").expect(run);
        assert!(run[..paths].trim_end().ends_with("--"), "{run}");
    }
    assert!(steps.iter().any(|s| {
        s["uses"]
            .as_str()
            .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@"))
    }));
    // The workflow `cohere init` writes passes the inputs the action has.
    let workflow =
        serde_saphyr::from_str_with_options::<Value>(cohere::init::WORKFLOW, yaml_options())
            .unwrap();
    let uses = &workflow["jobs"]["lint"]["steps"][1];
    for (input, _) in uses["with"].as_object().unwrap() {
        assert!(action["inputs"][input].is_object(), "unknown input {input}");
    }
}

// ---------------------------------------------------------------------------------------------
// Exit codes

/// A draft no rule finds anything in.
const CLEAN: &str = include_str!("fixtures/drafts/clean.yaml");

#[test]
fn exit_codes_follow_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "clean.yaml", CLEAN);
    // No lead: a `missing-lead` warning and nothing else.
    write(
        root,
        "warning.yaml",
        &CLEAN.replace("    lead: ministry-of-labour\n", ""),
    );
    // A misspelt target: an `unknown-reference` error.
    write(
        root,
        "error.yaml",
        &CLEAN.replace("sdg:10.7\n", "sdg:10.8\n"),
    );
    write(root, "bad-config.yaml", "rules:\n  no-such-rule: off\n");
    let table: &[(&[&str], i32)] = &[
        (&["lint", "clean.yaml"], 0),
        (&["lint", "clean.yaml", "--fail-on", "info"], 0),
        (&["lint", "warning.yaml"], 0),
        (&["lint", "warning.yaml", "--fail-on", "warning"], 1),
        (&["lint", "warning.yaml", "--fail-on", "info"], 1),
        (&["lint", "warning.yaml", "--fail-on", "never"], 0),
        (&["lint", "error.yaml"], 1),
        (&["lint", "error.yaml", "--fail-on", "warning"], 1),
        (&["lint", "error.yaml", "--fail-on", "never"], 0),
        (&["lint", "error.yaml", "--format", "sarif"], 1),
        (&["lint", "clean.yaml", "--config", "bad-config.yaml"], 2),
        (&["lint", "clean.yaml", "--config", "missing.yaml"], 2),
        (&["lint", "missing.yaml"], 2),
        (&["lint", "clean.yaml", "--fail-on", "sometimes"], 2),
        (&["lint", "clean.yaml", "--select", "no-such-rule"], 2),
        (&["no-such-command"], 2),
    ];
    for (args, expected) in table {
        let output = run(root, args);
        assert_eq!(
            output.status.code(),
            Some(*expected),
            "cohere {}\nstdout: {}\nstderr: {}",
            args.join(" "),
            stdout(&output),
            stderr(&output)
        );
    }
    // The warning-only draft has exactly one finding, a warning (so the table tests what it
    // says it tests).
    let warnings = json(&run(root, &["lint", "warning.yaml", "--format", "json"]));
    assert_eq!(
        warnings["summary"],
        serde_json::json!({"error": 0, "warning": 1, "info": 0, "suppressed": 0,
                           "baselined": 0, "stale_baseline": 0})
    );
    assert_eq!(warnings["findings"][0]["rule"], "missing-lead");
}

#[test]
fn suppressions_end_to_end_with_reasons_and_unused_ones() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "cohere.yaml", PROJECT);
    let suppressed = HEALTH.replace(
        "  - id: residence-based-care\n",
        "  - id: residence-based-care  # cohere: allow(direct-conflict) -- accepted by cabinet decision 2026/14\n",
    );
    // A second suppression that matches nothing, and one without a reason.
    let suppressed = suppressed.replace(
        "  - id: health-mediators\n",
        "  - id: health-mediators  # cohere: allow(spillover) -- kept from an earlier draft\n",
    );
    let suppressed = suppressed.replace(
        "title: Integration plan\n",
        "title: Integration plan  # cohere: allow(schema)\n",
    );
    write(root, "policies/health.yaml", &suppressed);
    let output = run(root, &["lint", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report = json(&output);
    let rules: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        ["invalid-suppression", "unused-suppression"],
        "{report}"
    );
    assert_eq!(report["summary"]["suppressed"], 1);
    assert_eq!(report["suppressed"][0]["rule"], "direct-conflict");
    assert_eq!(
        report["suppressed"][0]["reason"],
        "accepted by cabinet decision 2026/14"
    );
    let text = run(root, &["lint"]);
    assert!(
        stderr(&text).contains("(1 suppressed)"),
        "{}",
        stderr(&text)
    );
    // Suppressed and baselined findings are counted side by side.
    run(root, &["lint", "--write-baseline", "baseline.json"]);
    let both = run(root, &["lint", "--baseline", "baseline.json"]);
    assert_eq!(both.status.code(), Some(0), "{}", stdout(&both));
    assert!(
        stderr(&both).contains("no findings (1 suppressed, 2 in baseline)"),
        "{}",
        stderr(&both)
    );
}
