//! The command line as a user runs it: arguments in, output and exit code out.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use assert_cmd::Command;
use std::path::Path;

/// A draft every rule is content with, but for one misspelt target.
const TYPO: &str = "\
policy: labour-mobility
title: Labour mobility programme
level: national
perspective: destination
measures:
  - id: seasonal-visa
    title: Seasonal worker visa
    effects:
      - target: sdg:10.8
        score: 2
        rationale: A regular route for seasonal work.
        evidence: [\"OECD, International Migration Outlook, 2025\"]
    lead: ministry-of-labour
    indicators: [sdg:10.7.2]
    reports-to: [parliament]
";

/// The same draft, correct: no finding at all.
const CLEAN: &str = include_str!("fixtures/drafts/clean.yaml");

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

#[test]
fn a_typo_in_a_target_is_located_with_a_suggestion_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "draft.yaml", TYPO);
    let output = cohere(dir.path())
        .args(["lint", "draft.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains("error[unknown-reference]: unknown target or principle `sdg:10.8`"),
        "{text}"
    );
    assert!(text.contains("--> draft.yaml:9:17"), "{text}");
    assert!(text.contains("did you mean `sdg:10.7`?"), "{text}");
    assert!(stderr(&output).contains("1 error, 0 warnings, 0 info in 1 file"));
}

#[test]
fn a_clean_draft_passes() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "draft.yaml", CLEAN);
    let output = cohere(dir.path())
        .args(["lint", "draft.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(stdout(&output), "");
    assert!(stderr(&output).contains("no findings"));
}

#[test]
fn json_output_follows_the_version_1_contract() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "draft.yaml", TYPO);
    let output = cohere(dir.path())
        .args(["lint", "draft.yaml", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["version"], 1);
    let finding = &json["findings"][0];
    assert_eq!(finding["rule"], "unknown-reference");
    assert_eq!(finding["category"], "document");
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["confidence"], "high");
    assert_eq!(finding["help"], "did you mean `sdg:10.7`?");
    assert_eq!(
        finding["location"],
        serde_json::json!({"path": "draft.yaml", "line": 9, "column": 17, "end_line": 9, "end_column": 25})
    );
    assert!(finding["related"].is_array());
    assert!(finding["evidence"].is_array());
    assert_eq!(
        json["summary"],
        serde_json::json!({"error": 1, "warning": 0, "info": 0, "suppressed": 0,
                           "baselined": 0, "stale_baseline": 0})
    );
}

#[test]
fn concise_output_is_one_line_per_finding() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "draft.yaml", TYPO);
    let output = cohere(dir.path())
        .args(["lint", "draft.yaml", "--format", "concise"])
        .output()
        .unwrap();
    assert_eq!(
        stdout(&output),
        "draft.yaml:9:17: error[unknown-reference] unknown target or principle `sdg:10.8`\n"
    );
}

#[test]
fn a_yaml_syntax_error_is_a_located_finding_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "broken.yaml",
        "policy: p\ntitle: [unclosed\nlevel: national\n",
    );
    let output = cohere(dir.path())
        .args(["lint", "broken.yaml", "--format", "concise"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    // At the bracket left open, not where the parser gave up.
    assert!(text.starts_with("broken.yaml:2:8:"), "{text}");
    assert!(text.contains("error[yaml-syntax]"), "{text}");
    assert!(text.contains("never closed"), "{text}");
}

#[test]
fn an_unreadable_path_exits_2_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let output = cohere(dir.path())
        .args(["lint", "missing.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
    assert!(
        stderr(&output).contains("cannot read `missing.yaml`: no such file or directory"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn no_path_and_no_project_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let output = cohere(dir.path()).arg("lint").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no cohere.yaml found"));
}

#[test]
fn the_project_file_is_found_by_walking_up() {
    let dir = tempfile::tempdir().unwrap();
    // Coverage is judged elsewhere; here only discovery matters.
    write(
        dir.path(),
        "cohere.yaml",
        "perspective: destination\nrules:\n  coverage: off\n",
    );
    // No perspective in the policy: the project's default applies, so this is clean.
    write(
        dir.path(),
        "policies/labour.yaml",
        &CLEAN.replace("perspective: destination\n", ""),
    );
    write(
        dir.path(),
        "policies/typo.yaml",
        &TYPO.replace("labour-mobility", "other"),
    );
    let sub = dir.path().join("policies");
    let output = cohere(&sub)
        .args(["lint", "--format", "concise"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    // Paths are shown from the project root, whatever the working directory.
    assert_eq!(
        stdout(&output),
        "policies/typo.yaml:9:17: error[unknown-reference] unknown target or principle `sdg:10.8`\n"
    );
    // Linting one file of the project reports only that file.
    let output = cohere(&sub).args(["lint", "labour.yaml"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn without_a_project_a_policy_must_state_its_perspective() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "draft.yaml",
        &CLEAN.replace("perspective: destination\n", ""),
    );
    let output = cohere(dir.path())
        .args(["lint", "draft.yaml", "--format", "concise"])
        .output()
        .unwrap();
    assert!(stdout(&output).contains("does not say which side of migration it is on"));
}

#[test]
fn an_invalid_project_file_exits_2_pointing_at_the_line() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "cohere.yaml",
        "perspective: destination\nrules:\n  direct-conflcit: warning\n",
    );
    write(dir.path(), "a.yaml", CLEAN);
    let output = cohere(dir.path()).arg("lint").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(
        text.contains("invalid project file: unknown rule or category `direct-conflcit`"),
        "{text}"
    );
    assert!(text.contains("cohere.yaml:3:3"), "{text}");
}

#[test]
fn fail_on_sets_the_threshold_of_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    // A suppression that matches nothing: a warning, and nothing else.
    let text = CLEAN.replace(
        "  - id: seasonal-visa\n",
        "  - id: seasonal-visa  # cohere: allow(schema) -- kept from an earlier draft\n",
    );
    write(dir.path(), "draft.yaml", &text);
    let code = |fail_on: &str| {
        cohere(dir.path())
            .args(["lint", "draft.yaml", "--fail-on", fail_on])
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(code("error"), Some(0));
    assert_eq!(code("warning"), Some(1));
    assert_eq!(code("info"), Some(1));
    assert_eq!(code("never"), Some(0));
}

#[test]
fn color_follows_the_flag_and_no_color() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "draft.yaml", TYPO);
    let colored = cohere(dir.path())
        .args(["lint", "draft.yaml", "--color", "always"])
        .output()
        .unwrap();
    assert!(stdout(&colored).contains('\u{1b}'));
    let plain = cohere(dir.path())
        .args(["lint", "draft.yaml"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!stdout(&plain).contains('\u{1b}'));
}

#[test]
fn select_and_ignore_filter_by_rule_or_category() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "draft.yaml", TYPO);
    let run = |args: &[&str]| {
        let mut all = vec!["lint", "draft.yaml", "--format", "concise"];
        all.extend_from_slice(args);
        stdout(&cohere(dir.path()).args(&all).output().unwrap())
    };
    assert_eq!(run(&["--ignore", "document"]), "");
    assert_eq!(run(&["--select", "schema"]), "");
    assert!(run(&["--select", "unknown-reference"]).contains("unknown-reference"));
    let output = cohere(dir.path())
        .args(["lint", "draft.yaml", "--select", "unknown-referense"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("did you mean `unknown-reference`?"));
}

#[test]
fn output_to_a_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "draft.yaml", TYPO);
    let output = cohere(dir.path())
        .args(["lint", "draft.yaml", "--format", "json", "-o", "out.json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "");
    let written = std::fs::read_to_string(dir.path().join("out.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_eq!(json["findings"][0]["rule"], "unknown-reference");
}

#[test]
fn rules_and_explain_document_every_rule() {
    let dir = tempfile::tempdir().unwrap();
    let output = cohere(dir.path()).arg("rules").output().unwrap();
    assert!(stdout(&output).contains("unknown-reference"));
    let output = cohere(dir.path())
        .args(["explain", "invalid-score"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.contains("Example that triggers it"));
    assert!(text.contains("score: 5"));
    let output = cohere(dir.path())
        .args(["explain", "no-such-rule"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn frameworks_json_counts_elements_by_kind() {
    let dir = tempfile::tempdir().unwrap();
    let output = cohere(dir.path())
        .args(["frameworks", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let sdg = &json["frameworks"][0];
    assert_eq!(sdg["id"], "sdg");
    assert_eq!(
        sdg["source"],
        "A/RES/70/1 (targets); A/RES/71/313 (indicator framework)"
    );
    assert_eq!(sdg["elements"]["goal"], 17);
    assert_eq!(sdg["elements"]["target"], 169);
    let gcm = json["frameworks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "gcm")
        .unwrap();
    assert_eq!(
        gcm["elements"],
        serde_json::json!({"objective": 23, "principle": 10})
    );
    assert!(sdg["elements"]["indicator"].as_u64().unwrap() >= 231);
    let kb = &json["knowledge_bases"][0];
    assert_eq!(kb["id"], "migration");
    let total = kb["interactions"].as_u64().unwrap();
    assert!(total >= 60);
    // The statistics add up: every interaction has one sign, perspective and confidence.
    let stats = &kb["statistics"];
    for key in ["by_sign", "by_score", "by_perspective", "by_confidence"] {
        let sum: u64 = stats[key]
            .as_object()
            .unwrap()
            .values()
            .map(|n| n.as_u64().unwrap())
            .sum();
        assert_eq!(sum, total, "{key}");
    }
    // Every built-in interaction is sourced, none carries unpublished assessments.
    assert_eq!(stats["with_evidence"], total);
    assert_eq!(stats["evidence_share"], 1.0);
    assert_eq!(stats["with_assessments"], 0);
    assert!(stats["distinct_sources"].as_u64().unwrap() >= 40);
    let negative = stats["by_sign"]["negative"].as_u64().unwrap_or(0);
    let negative_or_contested = stats["negative_or_contested"].as_u64().unwrap();
    assert!(negative_or_contested >= negative);
}

#[test]
fn show_prints_an_element_with_its_interactions() {
    let dir = tempfile::tempdir().unwrap();
    let output = cohere(dir.path())
        .args(["show", "gcm:20"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.starts_with("gcm:20 — "), "{text}");
    assert!(text.contains("links to: "), "{text}");
    assert!(text.contains("sdg:10.c"), "{text}");
    assert!(text.contains("Interactions out of gcm:20"), "{text}");
    assert!(
        text.contains("reinforcing") || text.contains("enabling"),
        "{text}"
    );

    let output = cohere(dir.path())
        .args(["show", "sdg:10.c", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["kind"], "target");
    assert_eq!(json["parent"]["id"], "sdg:10");
    assert!(
        json["tags"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("migration"))
    );
    // GCM objective 20 is 10.c's counterpart: a link both ways, not a scored interaction.
    let has = |key: &str| {
        json[key]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["id"] == "gcm:20")
    };
    assert!(has("links") && has("linked_from"));
    let out = json["interactions_out"].as_array().unwrap();
    assert!(out.iter().any(|i| i["to"]["id"] == "sdg:1.1"));
    assert!(
        out.iter()
            .all(|i| i["evidence"].as_array().is_some_and(|e| !e.is_empty()))
    );
}

#[test]
fn show_of_an_unknown_id_exits_2_with_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let output = cohere(dir.path())
        .args(["show", "sdg:10.8"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("did you mean `sdg:10.7`?"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn inside_github_actions_annotations_are_the_default() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "draft.yaml", TYPO);
    let output = cohere(dir.path())
        .env("GITHUB_ACTIONS", "true")
        .args(["lint", "draft.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let expected = "::error file=draft.yaml,line=9,col=17,endLine=9,endColumn=25,\
                    title=cohere(unknown-reference)::unknown target or principle `sdg:10.8`%0A\
                    help: did you mean `sdg:10.7`?";
    assert!(text.lines().any(|line| line == expected), "{text}");
    // Other rules may annotate the draft too; every line is a workflow command.
    assert!(text.lines().all(|line| line.starts_with("::")), "{text}");
}

#[test]
fn an_explicit_format_wins_over_github_actions() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "draft.yaml", TYPO);
    let output = cohere(dir.path())
        .env("GITHUB_ACTIONS", "true")
        .args(["lint", "draft.yaml", "--format", "text"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.contains("--> draft.yaml:9:17"), "{text}");
    assert!(!text.contains("::error"), "{text}");
    // Outside GitHub Actions (GITHUB_ACTIONS unset or not `true`), text stays the default.
    let output = cohere(dir.path())
        .env("GITHUB_ACTIONS", "false")
        .args(["lint", "draft.yaml"])
        .output()
        .unwrap();
    assert!(stdout(&output).contains("--> draft.yaml:9:17"));
}

#[test]
fn ci_formats_write_whole_files() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "draft.yaml", TYPO);
    for (format, start, finding) in [
        (
            "sarif",
            "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\"",
            "\"ruleId\": \"unknown-reference\"",
        ),
        ("github", "::", "::error file=draft.yaml,line=9,col=17,"),
        (
            "junit",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"cohere\"",
            "<testcase classname=\"draft.yaml\" name=\"unknown-reference\">",
        ),
        (
            "markdown",
            "## cohere\n\n1 error, ",
            "| error | `unknown-reference` | `draft.yaml:9:17` |",
        ),
    ] {
        let file = format!("out.{format}");
        let output = cohere(dir.path())
            .args(["lint", "draft.yaml", "--format", format, "-o", &file])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{format}");
        assert_eq!(stdout(&output), "", "{format}");
        let written = std::fs::read_to_string(dir.path().join(&file)).unwrap();
        assert!(written.starts_with(start), "{format}: {written}");
        assert!(written.contains(finding), "{format}: {written}");
        assert!(written.ends_with('\n'), "{format}");
    }
}

#[test]
fn the_text_output_ends_with_the_errors_when_other_findings_follow_them() {
    let dir = tempfile::tempdir().unwrap();
    // The error (a misspelt target) comes first; a warning about a later measure follows it.
    let draft = format!(
        "{TYPO}  - id: second-visa\n    title: Second visa\n    effects:\n      - target: sdg:10.7\n        score: 1\n        rationale: Another route.\n        evidence: [\"OECD, International Migration Outlook, 2025\"]\n    indicators: [sdg:10.7.2]\n    reports-to: [parliament]\n"
    );
    write(dir.path(), "draft.yaml", &draft);
    let output = cohere(dir.path())
        .args(["lint", "--isolated", "draft.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let recap = text
        .rfind("the error above, among 2 findings:")
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        text.find("warning[missing-lead]").unwrap() < recap,
        "{text}"
    );
    assert!(
        text[recap..].contains(
            "draft.yaml:9:17: error[unknown-reference] unknown target or principle `sdg:10.8`"
        ),
        "{text}"
    );
}

#[test]
fn the_vocabularies_and_a_frameworks_elements_can_be_listed() {
    let dir = tempfile::tempdir().unwrap();
    let output = cohere(dir.path())
        .args(["show", "instruments"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    // Every instrument the schema accepts, with its meaning.
    for word in ["regulation", "enforcement", "data", "other"] {
        assert!(text.contains(&format!("    {word} ")), "{text}");
    }
    assert!(
        text.contains("Inspection, control or enforcement."),
        "{text}"
    );

    let output = cohere(dir.path())
        .args(["show", "vocabularies"])
        .output()
        .unwrap();
    let text = stdout(&output);
    for name in [
        "score",
        "level",
        "perspective",
        "status",
        "instrument",
        "sector",
        "where",
        "when",
        "confidence",
        "reports-to",
    ] {
        assert!(
            text.contains(&format!("\n{name} — ")) || text.starts_with(&format!("{name} — ")),
            "{name}: {text}"
        );
    }

    let output = cohere(dir.path()).args(["show", "group"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("group:refugees"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn diff_shows_a_finding_whose_severity_changed() {
    let dir = tempfile::tempdir().unwrap();
    // The same draft on both sides, with no lead; the base makes that an error, the head a
    // warning (the default): the one error of the base was downgraded.
    let draft = CLEAN.replace("    lead: ministry-of-labour\n", "");
    for side in ["base", "head"] {
        write(dir.path(), &format!("{side}/draft.yaml"), &draft);
    }
    write(
        dir.path(),
        "base/cohere.yaml",
        "name: Labour\nrules:\n  missing-lead: error\n",
    );
    write(dir.path(), "head/cohere.yaml", "name: Labour\n");
    let output = cohere(dir.path())
        .args(["diff", "base", "head"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("findings: 0 added (0 errors, 0 warnings, 0 info), 0 resolved, 1 changed"),
        "{text}"
    );
    assert!(
        text.contains("  error → warning[missing-lead] draft.yaml:"),
        "{text}"
    );
    let output = cohere(dir.path())
        .args(["diff", "base", "head", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["changed"][0]["base"]["severity"], "error");
    assert_eq!(json["changed"][0]["head"]["severity"], "warning");
    // The other way round, the change raises a finding to an error: it fails the run.
    let output = cohere(dir.path())
        .args(["diff", "head", "base"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
}
