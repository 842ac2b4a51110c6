//! Hostile input: every case gets a located message (a finding, or exit 2 with the path) in
//! bounded time and memory, never a panic. Inputs found by fuzzing are kept at the end, as
//! ordinary tests that run without nightly.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;
use std::time::{Duration, Instant};

/// A guard against hangs, in wall-clock time: generous, since a debug build on a 2-core machine
/// may share it with other builds. Costs are bounded in CPU time ([`CPU_BOUND`]), which the
/// machine's load does not change.
const BOUND: Duration = Duration::from_secs(120);

/// The CPU time a debug build may spend on one hostile input.
const CPU_BOUND: Duration = Duration::from_secs(30);

fn cohere(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("cohere").unwrap();
    command
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("GITHUB_ACTIONS")
        .timeout(BOUND);
    command
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// Runs `cohere lint --format json ARGS` in `dir`: (exit code, findings, standard error).
fn lint_json(dir: &Path, args: &[&str]) -> (i32, Vec<Value>, String) {
    let started = Instant::now();
    let output = cohere(dir)
        .args(["lint", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert!(started.elapsed() < BOUND, "took {:?}", started.elapsed());
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    let code = output.status.code().expect("exited, not killed");
    let findings = if output.stdout.is_empty() {
        Vec::new()
    } else {
        let json: Value = serde_json::from_slice(&output.stdout).unwrap();
        json["findings"].as_array().unwrap().clone()
    };
    (code, findings, stderr)
}

/// The findings of rule `rule`.
fn of_rule<'a>(findings: &'a [Value], rule: &str) -> Vec<&'a Value> {
    findings.iter().filter(|f| f["rule"] == rule).collect()
}

fn line_of(finding: &Value) -> u64 {
    finding["location"]["line"].as_u64().unwrap()
}

const POLICY_HEAD: &str = "\
policy: hostile
title: Hostile input
level: national
perspective: destination
measures:
";

#[test]
fn an_alias_bomb_is_stopped_with_a_located_message() {
    let dir = tempfile::tempdir().unwrap();
    let mut text =
        String::from("policy: bomb\nbomb-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    let mut previous = 'a';
    for name in "bcdefghijklm".chars() {
        let refs = vec![format!("*{previous}"); 9].join(", ");
        text.push_str(&format!("bomb-{name}: &{name} [{refs}]\n"));
        previous = name;
    }
    write(dir.path(), "bomb.yaml", &text);
    let (code, findings, _) = lint_json(dir.path(), &["--isolated", "bomb.yaml"]);
    assert_eq!(code, 1);
    let syntax = of_rule(&findings, "yaml-syntax");
    assert_eq!(syntax.len(), 1, "{findings:#?}");
    let message = syntax[0]["message"].as_str().unwrap();
    assert!(message.contains("too many"), "{message}");
    assert!(syntax[0]["help"].as_str().unwrap().contains("limits."));
    assert!(line_of(syntax[0]) >= 2);
}

#[test]
fn nesting_ten_thousand_deep_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        (
            "flow.yaml",
            format!("policy: {}{}\n", "[".repeat(10_000), "]".repeat(10_000)),
        ),
        ("block.yaml", {
            let mut text = String::from("policy:\n");
            for depth in 1..10_000 {
                text.push_str(&" ".repeat(depth));
                text.push_str("- \n");
            }
            text
        }),
        (
            "maps.yaml",
            format!("policy: {}x{}\n", "{a: ".repeat(10_000), "}".repeat(10_000)),
        ),
    ] {
        write(dir.path(), name, &text);
        let (code, findings, _) = lint_json(dir.path(), &["--isolated", name]);
        assert_eq!(code, 1, "{name}");
        let syntax = of_rule(&findings, "yaml-syntax");
        assert_eq!(syntax.len(), 1, "{name}: {findings:#?}");
        let message = syntax[0]["message"].as_str().unwrap();
        assert!(
            message.contains("too deeply") || message.contains("limit"),
            "{name}: {message}"
        );
    }
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    // 50 MB: a comment line repeated, so that the file would be valid YAML if it were read.
    let line = format!("# {}\n", "x".repeat(97));
    let file = std::fs::File::create(dir.path().join("huge.yaml")).unwrap();
    let mut writer = std::io::BufWriter::new(file);
    for _ in 0..(50 * 1024 * 1024 / line.len()) {
        std::io::Write::write_all(&mut writer, line.as_bytes()).unwrap();
    }
    drop(writer);
    write(
        dir.path(),
        "small.yaml",
        format!("{POLICY_HEAD}  - id: a\n    title: A\n"),
    );
    let (code, findings, _) = lint_json(dir.path(), &["--isolated", "."]);
    assert_eq!(code, 1);
    let refused = of_rule(&findings, "yaml-syntax");
    assert_eq!(refused.len(), 1, "{findings:#?}");
    assert_eq!(refused[0]["location"]["path"], "huge.yaml");
    let message = refused[0]["message"].as_str().unwrap();
    assert!(
        message.contains("more than the limit of 33554432 bytes"),
        "{message}"
    );
    assert!(message.contains("limits.max-file-bytes"), "{message}");
    // The other file is still linted.
    assert!(
        findings
            .iter()
            .any(|f| f["location"]["path"] == "small.yaml")
    );
}

#[test]
fn invalid_utf8_is_located_at_the_first_bad_byte() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = POLICY_HEAD.as_bytes().to_vec();
    bytes.extend_from_slice(b"  - id: caf\xe9\n    title: Bad\n");
    write(dir.path(), "latin1.yaml", &bytes);
    let (code, findings, _) = lint_json(dir.path(), &["--isolated", "latin1.yaml"]);
    assert_eq!(code, 1);
    let syntax = of_rule(&findings, "yaml-syntax");
    assert_eq!(syntax.len(), 1, "{findings:#?}");
    assert!(syntax[0]["message"].as_str().unwrap().contains("not UTF-8"));
    assert_eq!(line_of(syntax[0]), 6);
    assert_eq!(syntax[0]["help"], "save the file as UTF-8");
}

#[test]
fn nul_bytes_are_a_located_syntax_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = POLICY_HEAD.as_bytes().to_vec();
    bytes.extend_from_slice(b"  - id: a\0b\n    title: Bad\n");
    write(dir.path(), "nul.yaml", &bytes);
    let (code, findings, _) = lint_json(dir.path(), &["--isolated", "nul.yaml"]);
    assert_eq!(code, 1);
    let syntax = of_rule(&findings, "yaml-syntax");
    assert_eq!(syntax.len(), 1, "{findings:#?}");
    assert_eq!(line_of(syntax[0]), 6);
}

#[test]
fn an_empty_file_is_no_document_and_no_crash() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "empty.yaml", "");
    write(dir.path(), "blank.yaml", "\n\n   \n# only a comment\n");
    let (code, findings, _) = lint_json(dir.path(), &["--isolated", "."]);
    assert_eq!(code, 0, "{findings:#?}");
    assert!(findings.is_empty());
}

#[test]
fn a_directory_given_as_a_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("config.yaml")).unwrap();
    let output = cohere(dir.path())
        .args(["lint", "--config", "config.yaml", "."])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("config.yaml"), "{stderr}");
    assert!(stderr.contains("directory"), "{stderr}");

    // A knowledge base named in the project file that is a directory.
    write(
        dir.path(),
        "cohere.yaml",
        "perspective: destination\nknowledge-bases: [migration, kb.yaml]\n",
    );
    std::fs::create_dir(dir.path().join("kb.yaml")).unwrap();
    let output = cohere(dir.path()).args(["lint"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("cohere.yaml:2:"), "{stderr}");
    assert!(stderr.contains("cannot read `kb.yaml`"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_a_located_finding() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "secret.yaml",
        format!("{POLICY_HEAD}  - id: a\n    title: A\n"),
    );
    let path = dir.path().join("secret.yaml");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        // Running as root (as in CI containers): permissions do not stop reads.
        eprintln!("skipped: running with privileges that ignore file permissions");
        return;
    }
    let (code, findings, _) = lint_json(dir.path(), &["--isolated", "."]);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(code, 1);
    let syntax = of_rule(&findings, "yaml-syntax");
    assert_eq!(syntax.len(), 1, "{findings:#?}");
    assert_eq!(syntax[0]["location"]["path"], "secret.yaml");
    assert!(
        syntax[0]["message"]
            .as_str()
            .unwrap()
            .contains("permission denied")
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_a_policy_tree_is_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "tree/a/policy.yaml",
        format!("{POLICY_HEAD}  - id: a\n    title: A\n"),
    );
    std::os::unix::fs::symlink(dir.path().join("tree"), dir.path().join("tree/a/loop")).unwrap();
    std::os::unix::fs::symlink("self", dir.path().join("tree/self")).unwrap();
    let (code, findings, stderr) = lint_json(dir.path(), &["--isolated", "tree"]);
    assert_eq!(code, 0, "{findings:#?}");
    assert!(stderr.contains("loop"), "{stderr}");
    // The policy was linted once, not once per trip round the loop.
    let measures: Vec<_> = findings
        .iter()
        .filter(|f| f["location"]["path"] == "tree/a/policy.yaml")
        .collect();
    assert!(!measures.is_empty(), "{findings:#?}");
    assert!(
        !findings
            .iter()
            .any(|f| f["location"]["path"].as_str().unwrap().contains("loop")),
        "{findings:#?}"
    );
}

#[test]
fn huge_and_non_integer_scores_are_invalid_scores() {
    let dir = tempfile::tempdir().unwrap();
    let scores = [
        "99999999999999999999999999",
        "-9223372036854775808",
        "9223372036854775807",
        "2.5",
        "1e300",
        "two",
        "\"2\"",
        "[2]",
        "{a: 2}",
        "~",
        "true",
    ];
    let mut text = String::from(POLICY_HEAD);
    for (i, score) in scores.iter().enumerate() {
        text.push_str(&format!(
            "  - id: m{i}\n    title: M\n    effects:\n      - target: sdg:10.7\n        score: {score}\n"
        ));
    }
    write(dir.path(), "scores.yaml", &text);
    let (code, findings, _) = lint_json(dir.path(), &["--isolated", "scores.yaml"]);
    assert_eq!(code, 1);
    let flagged: Vec<u64> = findings
        .iter()
        .filter(|f| f["rule"] == "invalid-score" || f["rule"] == "schema")
        .map(line_of)
        .collect();
    for (i, score) in scores.iter().enumerate() {
        let line = 6 + 5 * i as u64 + 4;
        assert!(
            flagged.contains(&line),
            "score {score} (line {line}) not flagged: {findings:#?}"
        );
    }

    // A number that is not finite (too large for a float, or written as one) stops the YAML
    // reader itself, at its place.
    for score in ["1e309", ".nan", "-.inf"] {
        let text = format!(
            "{POLICY_HEAD}  - id: m\n    title: M\n    effects:\n      - target: sdg:10.7\n        score: {score}\n"
        );
        write(dir.path(), "infinite.yaml", &text);
        let (code, findings, _) = lint_json(dir.path(), &["--isolated", "infinite.yaml"]);
        assert_eq!(code, 1);
        let syntax = of_rule(&findings, "yaml-syntax");
        assert_eq!(syntax.len(), 1, "{findings:#?}");
        assert_eq!(line_of(syntax[0]), 10);
        assert!(syntax[0]["message"].as_str().unwrap().contains(score));
    }
}

#[test]
fn duplicate_keys_are_located() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "dup.yaml",
        format!("{POLICY_HEAD}  - id: a\n    title: A\n    title: B\n"),
    );
    let (code, findings, _) = lint_json(dir.path(), &["--isolated", "dup.yaml"]);
    assert_eq!(code, 1);
    let syntax = of_rule(&findings, "yaml-syntax");
    assert_eq!(syntax.len(), 1, "{findings:#?}");
    assert!(
        syntax[0]["message"]
            .as_str()
            .unwrap()
            .contains("appears twice")
    );
    assert_eq!(line_of(syntax[0]), 8);
}

#[test]
fn thousands_of_measures_with_one_id_cost_linear_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(POLICY_HEAD);
    for _ in 0..5_000 {
        text.push_str(
            "  - id: same\n    title: Same\n    effects:\n      - target: sdg:10.7\n        score: 1\n",
        );
    }
    // And as many references to a measure that does not exist (each gets a did-you-mean).
    for i in 0..2_000 {
        text.push_str(&format!(
            "  - id: other-{i}\n    title: Other\n    interactions:\n      - with: missing-{i}\n        score: 1\n"
        ));
    }
    write(dir.path(), "same.yaml", &text);
    let out = dir.path().join("findings.json");
    let (code, cpu) = run_for_cpu_time(
        std::process::Command::new(assert_cmd::cargo::cargo_bin("cohere"))
            .current_dir(dir.path())
            .args(["lint", "--format", "json", "--isolated", "same.yaml", "-o"])
            .arg(&out),
    );
    assert_eq!(code, 1);
    let json: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(of_rule(findings, "duplicate-id").len(), 4_999);
    assert_eq!(of_rule(findings, "unknown-reference").len(), 2_000);
    assert!(cpu < CPU_BOUND, "{cpu:?} of CPU time");
}

/// Runs `command` (its output going to files, not pipes) and returns its exit code and the CPU
/// time it used, user and system, as the kernel counts it for that one process: unlike the
/// wall-clock time, it does not grow when other work shares the machine. Read from
/// `/proc/PID/stat` once the process has exited but is not yet reaped (Linux; elsewhere the
/// time is zero and only the hang guard holds).
fn run_for_cpu_time(command: &mut std::process::Command) -> (i32, Duration) {
    let mut child = command
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stat_path = format!("/proc/{}/stat", child.id());
    let started = Instant::now();
    let mut cpu = Duration::ZERO;
    while let Ok(stat) = std::fs::read_to_string(&stat_path) {
        // After the command name in parentheses: state, then fields 4.. of proc(5);
        // utime and stime (fields 14 and 15) are in clock ticks of 1/100 s (USER_HZ).
        let fields: Vec<&str> = stat[stat.rfind(')').unwrap() + 2..].split(' ').collect();
        if fields[0] == "Z" {
            let ticks: u64 =
                fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
            cpu = Duration::from_millis(ticks * 10);
            break;
        }
        assert!(started.elapsed() < BOUND, "still running after {BOUND:?}");
        std::thread::sleep(Duration::from_millis(20));
    }
    let status = child.wait().unwrap();
    (status.code().expect("exited, not killed"), cpu)
}

#[test]
fn limits_in_the_project_file_can_be_lowered_and_raised() {
    let dir = tempfile::tempdir().unwrap();
    let policy = format!(
        "{POLICY_HEAD}  - id: a\n    title: A\n    effects:\n      - target: sdg:10.7\n        score: 2\n"
    );
    write(dir.path(), "policies/p.yaml", &policy);
    let nested = format!("policy: {}x{}\n", "[".repeat(100), "]".repeat(100));
    write(dir.path(), "policies/nested.yaml", &nested);

    let refused = |findings: &[Value], path: &str| {
        of_rule(findings, "yaml-syntax")
            .iter()
            .any(|f| f["location"]["path"] == path)
    };

    // Defaults: the policy is read; nesting 100 deep is refused (max-depth 64).
    write(dir.path(), "cohere.yaml", "perspective: destination\n");
    let (_, findings, _) = lint_json(dir.path(), &[]);
    assert!(!refused(&findings, "policies/p.yaml"));
    assert!(refused(&findings, "policies/nested.yaml"));

    // Lowered: a file larger than 100 bytes is refused, with the setting named.
    write(
        dir.path(),
        "cohere.yaml",
        "perspective: destination\nlimits:\n  max-file-bytes: 100\n",
    );
    let (_, findings, _) = lint_json(dir.path(), &[]);
    let message = of_rule(&findings, "yaml-syntax")
        .into_iter()
        .find(|f| f["location"]["path"] == "policies/p.yaml")
        .map(|f| f["message"].as_str().unwrap().to_string())
        .expect("the policy is refused");
    assert!(message.contains("limit of 100 bytes"), "{message}");

    // Raised: nesting 100 deep is read (and is then a schema problem, not a syntax error).
    write(
        dir.path(),
        "cohere.yaml",
        "perspective: destination\nlimits:\n  max-depth: 200\n",
    );
    let (_, findings, _) = lint_json(dir.path(), &[]);
    assert!(!refused(&findings, "policies/nested.yaml"), "{findings:#?}");

    // Lowered: a handful of aliases is too many.
    write(
        dir.path(),
        "policies/aliases.yaml",
        format!("{POLICY_HEAD}  - &m {{id: a, title: A}}\n  - *m\n  - *m\n  - *m\n"),
    );
    write(
        dir.path(),
        "cohere.yaml",
        "perspective: destination\nlimits:\n  max-aliases: 2\n",
    );
    let (_, findings, _) = lint_json(dir.path(), &[]);
    assert!(refused(&findings, "policies/aliases.yaml"), "{findings:#?}");
    write(
        dir.path(),
        "cohere.yaml",
        "perspective: destination\nlimits:\n  max-aliases: 10\n",
    );
    let (_, findings, _) = lint_json(dir.path(), &[]);
    assert!(
        !refused(&findings, "policies/aliases.yaml"),
        "{findings:#?}"
    );

    // Lowered: few nodes.
    write(
        dir.path(),
        "cohere.yaml",
        "perspective: destination\nlimits:\n  max-nodes: 10\n",
    );
    let (_, findings, _) = lint_json(dir.path(), &[]);
    assert!(refused(&findings, "policies/p.yaml"), "{findings:#?}");

    // A limit that is not a number is an invalid project file.
    write(
        dir.path(),
        "cohere.yaml",
        "perspective: destination\nlimits:\n  max-depth: deep\n",
    );
    let output = cohere(dir.path()).args(["lint"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cohere.yaml:3:"));
}

/// The fuzzers' seed corpus (and any input a fuzzer ever found, kept beside it), replayed on
/// stable through the same loaders the fuzz targets call: `fuzz/corpus/<target>/*`.
#[test]
fn the_fuzz_corpus_replays_without_a_panic() {
    use cohere::document::{read, read_document};
    use cohere::yaml::{Limits, parse_documents};
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    let mut replayed = 0;
    for target in std::fs::read_dir(&corpus).unwrap() {
        let target = target.unwrap().path();
        let name = target.file_name().unwrap().to_string_lossy().into_owned();
        for input in std::fs::read_dir(&target).unwrap() {
            let input = input.unwrap().path();
            let bytes = std::fs::read(&input).unwrap();
            replayed += 1;
            if name == "lint" {
                let dir = tempfile::tempdir().unwrap();
                write(dir.path(), "draft.yaml", &bytes);
                let (_, _, stderr) = lint_json(dir.path(), &["--isolated", "draft.yaml"]);
                assert!(!stderr.contains("panicked"), "{}", input.display());
                continue;
            }
            let Ok(text) = std::str::from_utf8(&bytes) else {
                continue;
            };
            let Ok(nodes) = parse_documents(text, &Limits::default()) else {
                continue;
            };
            for node in &nodes {
                let _ = read_document(node);
                if name == "project"
                    && let (Some(doc), _) = read::<cohere::document::project::ProjectDoc>(node)
                {
                    let _ = cohere::config::Settings::from_document(doc);
                }
            }
        }
    }
    assert!(replayed >= 10, "the corpus is missing: {replayed} inputs");
}
