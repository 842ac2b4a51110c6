//! Untrusted policy repositories: in CI on a pull request the author controls every file of
//! the repository, `cohere.yaml` included, while what cohere prints ends up in public
//! annotations, SARIF and summaries. Each hostile repository below ends in a finding or exit 2,
//! and cohere reads nothing outside the project root, writes nothing there, and prints no byte of
//! a file outside it (each outside file holds a unique marker that must never appear) and no
//! path of the machine.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

mod common;
use assert_cmd::Command;
use common::git;
use serde_json::Value;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Generous bounds: a debug build on a busy 2-core CI machine.
const BOUND: Duration = Duration::from_secs(60);

/// Text that exists only in files outside the project root.
const MARKER: &str = "OUTSIDE-MARKER-7f3a9c";

const POLICY: &str = "\
policy: inside
title: Inside the root
level: national
perspective: destination
measures:
  - id: visa
    title: Seasonal worker visa
    lead: ministry-of-labour
    effects:
      - target: sdg:10.7
        score: 2
        rationale: Regular pathways.
";

/// A scratch area: `outside/` (never to be read or written) beside `repo/` (the project).
struct Scene {
    _temp: tempfile::TempDir,
    top: PathBuf,
    repo: PathBuf,
    outside: PathBuf,
    /// Whether no machine path may appear in what is published (off where the project file
    /// itself holds one, which cohere may quote: it is the project's own YAML).
    check_machine_paths: bool,
}

impl Scene {
    fn new(project: &str) -> Scene {
        let temp = tempfile::tempdir().unwrap();
        let top = temp.path().canonicalize().unwrap();
        let repo = top.join("repo");
        let outside = top.join("outside");
        std::fs::create_dir_all(repo.join("policies")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        // Outside files that would parse as YAML, and one that would not: if cohere read any
        // of them, a finding would quote its text.
        for (name, text) in [
            ("secret.yaml", format!("{MARKER}: [unclosed\n")),
            ("framework.yaml", format!("framework: {MARKER}\ntitle: x\n")),
            ("passwd", format!("root:x:0:0:{MARKER}:/root:/bin/bash\n")),
            (
                "cohere.yaml",
                format!("perspective: {MARKER}\nrules: {{{MARKER}: error}}\n"),
            ),
            ("victim", format!("{MARKER} keep me\n")),
        ] {
            std::fs::write(outside.join(name), text).unwrap();
        }
        std::fs::write(repo.join("cohere.yaml"), project).unwrap();
        std::fs::write(repo.join("policies/inside.yaml"), POLICY).unwrap();
        Scene {
            _temp: temp,
            top,
            repo,
            outside,
            check_machine_paths: true,
        }
    }

    fn link(&self, target: &str, at: &str) {
        let at = self.repo.join(at);
        std::fs::create_dir_all(at.parent().unwrap()).unwrap();
        symlink(target, at).unwrap();
    }

    /// The names, sizes and contents of everything outside, to compare before and after.
    fn outside_state(&self) -> Vec<(String, Vec<u8>)> {
        let mut state: Vec<_> = std::fs::read_dir(&self.outside)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                let bytes = std::fs::read(e.path()).unwrap_or_default();
                (e.file_name().to_string_lossy().into_owned(), bytes)
            })
            .collect();
        state.sort();
        state
    }

    /// Runs cohere in `dir` and checks that nothing outside leaked into its output.
    fn run(&self, dir: &Path, args: &[&str]) -> Run {
        let before = self.outside_state();
        let started = Instant::now();
        let output = Command::cargo_bin("cohere")
            .unwrap()
            .current_dir(dir)
            .env_remove("NO_COLOR")
            .env_remove("GITHUB_ACTIONS")
            .timeout(BOUND)
            .args(args)
            .output()
            .unwrap();
        assert!(started.elapsed() < BOUND, "took {:?}", started.elapsed());
        let run = Run {
            code: output.status.code().expect("exited, not killed"),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        };
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        for (name, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
            assert!(
                !text.contains(MARKER),
                "{args:?}: {name} quotes an outside file:\n{text}"
            );
        }
        // No machine path in what is published (stderr may echo the operator's own paths).
        let machine = self.top.to_string_lossy().into_owned();
        assert!(
            !self.check_machine_paths || !run.stdout.contains(&machine),
            "{args:?}: stdout carries a machine path:\n{}",
            run.stdout
        );
        assert_eq!(
            self.outside_state(),
            before,
            "{args:?} touched outside files"
        );
        run
    }

    /// Lints in every format; returns the JSON run.
    fn lint_everywhere(&self, dir: &Path, paths: &[&str]) -> (Run, Vec<Value>) {
        for format in ["text", "concise", "sarif", "github", "junit", "markdown"] {
            let mut args = vec!["lint", "--format", format, "--color", "always"];
            args.extend(paths);
            self.run(dir, &args);
        }
        let mut args = vec!["lint", "--format", "json"];
        args.extend(paths);
        let run = self.run(dir, &args);
        let findings = if run.stdout.is_empty() {
            Vec::new()
        } else {
            let json: Value = serde_json::from_str(&run.stdout).unwrap();
            json["findings"].as_array().unwrap().clone()
        };
        (run, findings)
    }

    /// Writes the report into a fresh directory and checks its files too.
    fn report_is_clean(&self, dir: &Path, paths: &[&str]) {
        let out = tempfile::tempdir().unwrap();
        let out_path = out.path().to_string_lossy().into_owned();
        let mut args = vec!["report", "--out", out_path.as_str()];
        args.extend(paths);
        let run = self.run(dir, &args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let machine = self.top.to_string_lossy().into_owned();
        for name in ["index.html", "report.md", "report.json"] {
            let text = std::fs::read_to_string(out.path().join(name)).unwrap();
            assert!(!text.contains(MARKER), "{name} quotes an outside file");
            assert!(
                !self.check_machine_paths || !text.contains(&machine),
                "{name} carries a machine path"
            );
        }
    }
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn located<'a>(findings: &'a [Value], rule: &str, path: &str) -> Vec<&'a Value> {
    findings
        .iter()
        .filter(|f| f["rule"] == rule && f["location"]["path"] == path)
        .collect()
}

#[test]
fn paths_in_the_project_file_that_leave_the_root_are_findings_at_their_line() {
    let mut scene = Scene::new("");
    // The project file names an absolute path of the machine, which findings on it may quote.
    scene.check_machine_paths = false;
    let abs_secret = scene.outside.join("secret.yaml");
    let project = format!(
        "perspective: destination\n\
         knowledge-bases:\n\
         \x20 - migration\n\
         \x20 - /etc/passwd\n\
         \x20 - {}\n\
         \x20 - ../outside/secret.yaml\n\
         \x20 - kb/../../outside/secret.yaml\n\
         \x20 - linked.yaml\n\
         \x20 - linked-dir/secret.yaml\n\
         \x20 - docs/notes.txt\n\
         \x20 - dangling.yaml\n\
         frameworks: [sdg, migof, gcm, pcsd, capacity, group, ../outside/framework.yaml]\n",
        abs_secret.display()
    );
    std::fs::write(scene.repo.join("cohere.yaml"), project).unwrap();
    scene.link("../outside/secret.yaml", "linked.yaml");
    scene.link("../outside", "linked-dir");
    // A link to an outside file that does not exist is a finding too, like one that does:
    // cohere must not tell the repository which outside files exist.
    scene.link("../outside/no-such-file.yaml", "dangling.yaml");
    // Inside the root, but not YAML: named, never quoted.
    std::fs::create_dir_all(scene.repo.join("docs")).unwrap();
    std::fs::write(
        scene.repo.join("docs/notes.txt"),
        "NOT-YAML-MARKER-1b2c: text\n",
    )
    .unwrap();

    let (run, findings) = scene.lint_everywhere(&scene.repo, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stdout.contains("NOT-YAML-MARKER"), "{}", run.stdout);
    let schema = located(&findings, "schema", "cohere.yaml");
    let lines: Vec<u64> = schema
        .iter()
        .map(|f| f["location"]["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [4, 5, 6, 7, 8, 9, 10, 11, 12], "{findings:#?}");
    let messages: Vec<&str> = schema
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(messages[0].contains("absolute path"), "{messages:?}");
    assert!(messages[2].contains("`..`"), "{messages:?}");
    assert!(messages[4].contains("symbolic link"), "{messages:?}");
    assert!(messages[6].contains("not a YAML file"), "{messages:?}");
    assert!(messages[7].contains("symbolic link"), "{messages:?}");
    // The link at the root is also met by the policies walk: named there, not read.
    assert_eq!(located(&findings, "yaml-syntax", "linked.yaml").len(), 1);
    scene.report_is_clean(&scene.repo, &[]);
}

#[test]
fn links_in_the_policy_tree_that_leave_the_root_are_named_never_read() {
    let scene = Scene::new("perspective: destination\n");
    scene.link("../../outside/secret.yaml", "policies/evil.yaml");
    scene.link("../../outside", "policies/evil-dir");
    scene.link("/etc", "policies/etc");
    scene.link("../../outside/no-such-file.yaml", "policies/dangling.yaml");
    // A link inside the root is followed.
    scene.link("inside.yaml", "policies/alias.yaml");

    for dir in [scene.repo.clone(), scene.repo.join("policies")] {
        let (run, findings) = scene.lint_everywhere(&dir, &[]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        for path in [
            "policies/evil.yaml",
            "policies/evil-dir",
            "policies/etc",
            "policies/dangling.yaml",
        ] {
            let found = located(&findings, "yaml-syntax", path);
            assert_eq!(found.len(), 1, "{path}: {findings:#?}");
            assert!(
                found[0]["message"]
                    .as_str()
                    .unwrap()
                    .contains("outside the project root")
            );
        }
        assert!(
            findings
                .iter()
                .any(|f| f["location"]["path"] == "policies/alias.yaml"),
            "{findings:#?}"
        );
    }
    // The same when the directory is named on the command line.
    let (run, findings) = scene.lint_everywhere(&scene.top, &["repo/policies"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        located(&findings, "yaml-syntax", "policies/evil.yaml").len(),
        1
    );
    scene.report_is_clean(&scene.repo, &[]);
}

#[test]
fn a_symlinked_project_file_is_refused_before_it_is_read() {
    let scene = Scene::new("");
    std::fs::remove_file(scene.repo.join("cohere.yaml")).unwrap();
    scene.link("../outside/cohere.yaml", "cohere.yaml");
    let run = scene.run(&scene.repo, &["lint"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("symbolic link"), "{}", run.stderr);
    let run = scene.run(&scene.repo.join("policies"), &["lint", "inside.yaml"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn globs_that_reach_out_of_the_root_are_invalid_settings() {
    for glob in [
        "../outside/*.yaml",
        "/**/*.yaml",
        "policies/../../outside/*",
    ] {
        let scene = Scene::new(&format!("perspective: destination\npolicies: ['{glob}']\n"));
        let run = scene.run(&scene.repo, &["lint"]);
        assert_eq!(run.code, 2, "{glob}: {}", run.stderr);
        assert!(run.stderr.contains("cohere.yaml:2:"), "{}", run.stderr);
        assert!(
            run.stderr.contains("outside the project root"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn huge_fan_outs_end_in_bounded_time() {
    // Links to directories, each level doubling the paths a following walk would take:
    // 2^40 paths if links were followed, one directory each here.
    let scene = Scene::new("perspective: destination\n");
    for level in 0..40 {
        std::fs::create_dir_all(scene.repo.join(format!("fan/d{level}"))).unwrap();
        for branch in ["a", "b"] {
            scene.link(
                &format!("../d{}", level + 1),
                &format!("fan/d{level}/{branch}"),
            );
        }
    }
    std::fs::create_dir_all(scene.repo.join("fan/d40")).unwrap();
    std::fs::write(
        scene.repo.join("fan/d40/deep.yaml"),
        POLICY.replace("inside", "deep"),
    )
    .unwrap();
    let (run, findings) = scene.lint_everywhere(&scene.repo, &[]);
    assert!(run.code <= 1, "{}", run.stderr);
    // The deep policy is read once, where it is.
    let deep: Vec<_> = findings
        .iter()
        .filter(|f| {
            f["location"]["path"]
                .as_str()
                .unwrap()
                .ends_with("deep.yaml")
        })
        .map(|f| f["location"]["path"].as_str().unwrap())
        .collect();
    assert!(deep.iter().all(|p| *p == "fan/d40/deep.yaml"), "{deep:?}");

    // A glob of a hundred brace groups of ten alternatives (10^100 expansions).
    let group = format!(
        "{{{}}}",
        (0..10)
            .map(|i| format!("x{i}"))
            .collect::<Vec<_>>()
            .join(",")
    );
    let glob = format!("{}/*.yaml", vec![group; 100].join("/"));
    let scene = Scene::new(&format!("perspective: destination\npolicies: ['{glob}']\n"));
    let run = scene.run(&scene.repo, &["lint", "--format", "json"]);
    assert!(
        run.code == 2 && run.stderr.contains("cohere.yaml:2:"),
        "{}: {}",
        run.code,
        run.stderr
    );
}

#[test]
fn option_like_revisions_and_paths_are_never_options() {
    let scene = Scene::new("perspective: destination\n");
    // A revision that looks like an option is refused before git sees it.
    for spec in [
        "--output=../outside/victim",
        "-o../outside/victim",
        "--exec=true",
    ] {
        let run = scene.run(&scene.repo, &["diff", "--", spec, "."]);
        assert_eq!(run.code, 2, "{spec}: {}", run.stderr);
        assert!(run.stderr.contains("option"), "{}", run.stderr);
    }
    // A file whose name looks like an option, given after `--`, is a path.
    std::fs::write(scene.repo.join("--output=victim.yaml"), POLICY).unwrap();
    let run = scene.run(
        &scene.repo,
        &["lint", "--format", "concise", "--", "--output=victim.yaml"],
    );
    assert!(run.code <= 1, "{}", run.stderr);
    assert!(!scene.repo.join("victim.yaml").exists());
    assert!(
        run.stdout.contains("--output=victim.yaml:"),
        "{}",
        run.stdout
    );
}

#[test]
fn outputs_are_never_written_through_a_planted_link() {
    let scene = Scene::new("perspective: destination\n");
    let victim = scene.outside.join("victim");
    scene.link("../outside/victim", "cohere.sarif");
    scene.link("../outside", "reports");
    scene.link("../outside/victim", "baseline.json");
    for args in [
        vec!["lint", "--format", "sarif", "-o", "cohere.sarif"],
        vec!["lint", "--write-baseline", "baseline.json"],
        vec!["report", "--out", "reports"],
        vec!["report", "--out", "reports/sub"],
        vec!["graph", "-o", "cohere.sarif"],
    ] {
        let run = scene.run(&scene.repo, &args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("symbolic link"), "{}", run.stderr);
    }
    assert!(
        std::fs::read_to_string(&victim)
            .unwrap()
            .contains("keep me")
    );
    // The links are still links, and nothing was left beside them.
    assert!(
        std::fs::symlink_metadata(scene.repo.join("cohere.sarif"))
            .unwrap()
            .is_symlink()
    );
    let names: Vec<_> = std::fs::read_dir(&scene.repo)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.starts_with(".cohere-")),
        "{names:?}"
    );
}

#[test]
fn written_files_follow_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let scene = Scene::new("perspective: destination\n");
    let cohere = assert_cmd::cargo::cargo_bin("cohere");
    for (umask, mode) in [("022", 0o644), ("077", 0o600), ("002", 0o664)] {
        let script = format!(
            "umask {umask} && \"$0\" lint --format sarif -o out-{umask}.sarif --fail-on never && \"$0\" report --out report-{umask}"
        );
        let output = std::process::Command::new("sh")
            .arg("-c")
            .arg(&script)
            .arg(&cohere)
            .current_dir(&scene.repo)
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        for file in [
            format!("out-{umask}.sarif"),
            format!("report-{umask}/index.html"),
        ] {
            let metadata = std::fs::metadata(scene.repo.join(&file)).unwrap();
            assert_eq!(metadata.permissions().mode() & 0o777, mode, "{file}");
        }
    }
}

#[test]
fn paths_are_relative_to_the_project_whatever_was_given() {
    let scene = Scene::new("perspective: destination\n");
    let policy = scene.repo.join("policies/inside.yaml");
    let absolute = policy.to_string_lossy().into_owned();
    let elsewhere = tempfile::tempdir().unwrap();
    let runs = [
        (scene.repo.clone(), "policies/inside.yaml".to_string()),
        (scene.repo.join("policies"), "inside.yaml".to_string()),
        (scene.top.clone(), "repo/policies/inside.yaml".to_string()),
        (scene.repo.clone(), absolute.clone()),
        (elsewhere.path().to_path_buf(), absolute.clone()),
    ];
    for (dir, given) in runs {
        let (run, findings) = scene.lint_everywhere(&dir, &[&given]);
        assert!(run.code <= 1, "{}", run.stderr);
        assert!(!findings.is_empty());
        for finding in &findings {
            let path = finding["location"]["path"].as_str().unwrap();
            assert!(
                path == "policies/inside.yaml" || path == "cohere.yaml",
                "{given} from {}: {path}",
                dir.display()
            );
        }
    }
    scene.report_is_clean(elsewhere.path(), &[&absolute]);
}

#[test]
fn a_revision_with_links_out_is_diffed_without_reading_them() {
    // The pull request's commit: a project file naming an outside knowledge base, a policy
    // linked out, and a project file of the revision that is itself a link out, in a subproject.
    let scene = Scene::new("perspective: destination\n");
    git(&scene.repo, &["init", "--quiet"]);
    git(&scene.repo, &["add", "."]);
    git(&scene.repo, &["commit", "--quiet", "-m", "base"]);
    std::fs::write(
        scene.repo.join("cohere.yaml"),
        "perspective: destination\nknowledge-bases: [migration, ../outside/secret.yaml]\n",
    )
    .unwrap();
    // Absolute targets: a revision is checked out elsewhere, where relative ones would dangle.
    let secret = scene.outside.join("secret.yaml");
    let project = scene.outside.join("cohere.yaml");
    scene.link(secret.to_str().unwrap(), "policies/evil.yaml");
    scene.link(project.to_str().unwrap(), "sub/cohere.yaml");
    git(&scene.repo, &["add", "."]);
    git(&scene.repo, &["commit", "--quiet", "-m", "head"]);

    for format in ["text", "json", "markdown"] {
        let run = scene.run(&scene.repo, &["diff", "HEAD~1", "HEAD", "--format", format]);
        assert_eq!(run.code, 1, "{}", run.stderr);
    }
    let run = scene.run(&scene.repo, &["diff", "HEAD~1", "HEAD", "--format", "json"]);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    let added = json["added"].as_array().unwrap();
    let at = |path: &str, rule: &str| {
        added
            .iter()
            .any(|f| f["location"]["path"] == path && f["rule"] == rule)
    };
    assert!(at("cohere.yaml", "schema"), "{added:#?}");
    assert!(at("policies/evil.yaml", "yaml-syntax"), "{added:#?}");
    // The revision's own project file, linked out, stops cohere.
    let run = scene.run(&scene.repo.join("sub"), &["diff", "HEAD~1", "HEAD"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}
