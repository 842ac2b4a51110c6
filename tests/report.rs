//! The coherence report and the diagrams: snapshots, agreement between formats, determinism,
//! escaping, self-containment, atomic writing, and the command line.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

mod common;

use assert_cmd::Command;
use cohere::lint::{LintOptions, lint};
use cohere::project::{LoadRequest, load};
use cohere::report::{self, Report, ReportOptions};
use common::git_at;
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report")
}

/// The report of the project in `root`, as `cohere report` run in `root` builds it when `root`
/// is a repository of its own (the fixture lives inside cohere's: its paths would start with
/// `tests/fixtures/report/`).
fn build_in(root: &Path) -> Report {
    let mut request = LoadRequest::new(Vec::new());
    request.cwd = root.to_path_buf();
    request.display_root = Some(root.to_path_buf());
    let workspace = load(&request).unwrap();
    let analysis = cohere::analysis::analyze(&workspace.model, &workspace.settings);
    let outcome = lint(&workspace, &analysis, &LintOptions::default());
    report::build(&workspace, &analysis, &outcome, &ReportOptions::default())
}

fn rendered(root: &Path) -> [(&'static str, String); 3] {
    report::render(&build_in(root))
}

fn file<'a>(files: &'a [(&'static str, String); 3], name: &str) -> &'a str {
    &files.iter().find(|(n, _)| *n == name).unwrap().1
}

#[test]
fn markdown_snapshot() {
    let files = rendered(&fixture());
    insta::assert_snapshot!("report_markdown", file(&files, "report.md"));
}

#[test]
fn json_snapshot() {
    let files = rendered(&fixture());
    let json = file(&files, "report.json");
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(value["version"], 2);
    insta::assert_snapshot!("report_json", json);
}

/// HTML text without tags, entities decoded.
fn html_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    unescape(&out)
}

/// Markdown text without code-span backticks, entities decoded.
fn markdown_text(markdown: &str) -> String {
    unescape(&markdown.replace('`', "").replace("\\|", "|"))
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[test]
fn html_and_markdown_say_the_same_things() {
    let report = build_in(&fixture());
    let files = report::render(&report);
    let html = html_text(file(&files, "index.html"));
    let markdown = markdown_text(file(&files, "report.md"));
    let mut facts: Vec<String> = vec![
        report.title.clone(),
        report.summary.index_text.clone(),
        report.summary.formula.to_string(),
    ];
    assert_eq!(report.summary.index_text, "54.8 out of 100");
    facts.extend(report.findings.iter().map(|f| f.message.replace('`', "")));
    facts.extend(
        report
            .summary
            .key_findings
            .iter()
            .map(|k| k.sentence.clone()),
    );
    facts.extend(
        report
            .conflict_groups
            .iter()
            .flat_map(|g| g.pairs.iter())
            .filter_map(|p| report.finding(p.finding))
            .map(|f| f.plain.clone()),
    );
    facts.extend(report.policies.iter().map(|p| p.title.clone()));
    facts.extend(report.provenance.files.iter().map(|f| f.sha256.clone()));
    facts.extend(report.suppressed.iter().map(|s| s.reason.clone()));
    for heading in [
        report::headings::SUMMARY,
        report::headings::CONFLICTS,
        report::headings::COSTS,
        report::headings::SYNERGIES,
        report::headings::COVERAGE,
        report::headings::INFLUENCE,
        report::headings::NETWORK,
        report::headings::HEAT_MAP,
        report::headings::METHODOLOGY,
        report::headings::PROVENANCE,
    ] {
        facts.push(heading.to_string());
    }
    assert!(facts.len() > 30);
    for fact in &facts {
        assert!(html.contains(fact.as_str()), "the HTML lacks: {fact}");
        assert!(
            markdown.contains(fact.as_str()),
            "the Markdown lacks: {fact}"
        );
    }
    assert_eq!(
        report.summary.key_findings.len(),
        report::model::KEY_FINDINGS
    );
    // The brief's sentences are in both.
    for line in report
        .brief
        .costs
        .iter()
        .chain(&report.brief.gaps)
        .chain(&report.brief.questions)
    {
        assert!(html.contains(&line.text), "the HTML lacks: {}", line.text);
        assert!(
            markdown.contains(&line.text),
            "the Markdown lacks: {}",
            line.text
        );
    }
}

#[test]
fn the_brief_ranks_by_severity_and_strength_and_leaves_no_error_out() {
    let report = build_in(&fixture());
    let key = &report.summary.key_findings;
    assert!(
        key.windows(2).all(|w| w[0].severity >= w[1].severity),
        "not ranked by severity: {:?}",
        key.iter().map(|k| k.severity).collect::<Vec<_>>()
    );
    let errors = report.summary.counts.errors;
    let shown = key
        .iter()
        .filter(|k| k.severity == cohere::finding::Severity::Error)
        .count();
    assert_eq!(
        shown,
        errors.min(key.len()),
        "an error is missing from the brief"
    );
    // Two findings of one rule may both be there: the brief is not one per rule.
    assert!(report.brief.verdict.contains("error") || errors == 0);
    assert!(!report.brief.questions.is_empty());
    assert!(
        report
            .brief
            .questions
            .iter()
            .all(|q| q.text.ends_with('?') || q.text.ends_with('.'))
    );
}

#[test]
fn every_link_in_the_html_leads_somewhere_and_ids_are_unique() {
    let files = rendered(&fixture());
    let html = file(&files, "index.html");
    let links = common::assert_links_resolve(html);
    // The brief links each of its statements to its detail.
    let brief =
        &html[html.find("id=\"in-brief\"").unwrap()..html.find("id=\"contents-title\"").unwrap()];
    assert!(brief.matches("href=\"#").count() >= 8, "{brief}");
    assert!(links > 20);
}

#[test]
fn conflicts_are_grouped_by_measure_each_once() {
    let report = build_in(&fixture());
    let grouped: Vec<usize> = report
        .conflict_groups
        .iter()
        .flat_map(|g| g.pairs.iter().map(|p| p.finding))
        .collect();
    let conflicts = report.conflict_totals.findings;
    let unique: std::collections::BTreeSet<usize> = grouped.iter().copied().collect();
    assert_eq!(
        grouped.len(),
        conflicts,
        "every conflict in exactly one group"
    );
    assert_eq!(
        unique.len(),
        conflicts,
        "every conflict in exactly one group"
    );
    // Nothing is left out at this size.
    assert!(report.conflict_groups.iter().all(|g| g.pairs.more == 0));
    assert_eq!(
        report.conflict_groups.len(),
        report.conflict_totals.serious_groups + report.conflict_totals.weaker_groups
    );
    assert!(
        report.conflict_groups.len() < conflicts,
        "no grouping happened"
    );
    // Groups with errors come first, and the top groups carry a path diagram with a text
    // alternative that names both measures' titles.
    let first = &report.conflict_groups[0];
    assert!(first.errors + first.warnings > 0);
    let diagram = report
        .conflict_groups
        .iter()
        .find_map(|g| g.diagram.as_ref())
        .unwrap();
    assert!(diagram.svg.starts_with("<svg class=\"path-diagram\""));
    assert!(diagram.svg.contains("font-size=\"13\""));
    assert!(diagram.description.contains(" → ") && diagram.description.contains(" ← "));
    assert!(!report.conflict_targets.is_empty());
}

#[test]
fn parliament_reads_advice_and_authors_read_the_suppression_syntax() {
    let files = rendered(&fixture());
    let html = file(&files, "index.html");
    let body = &html[html.find("<main>").unwrap()..html.find("Appendix A. All findings").unwrap()];
    assert!(
        !body.contains("cohere: allow("),
        "suppression syntax before the appendices"
    );
    assert!(body.contains("a reason published with the policy"));
    assert!(file(&files, "report.md").contains("# cohere: allow("));
}

#[test]
fn costs_count_measures_not_knock_on_effects() {
    let report = build_in(&fixture());
    let rows = &report.costs.by_group;
    assert!(!rows.is_empty());
    for r in rows {
        for b in [&r.here_now, &r.elsewhere, &r.later] {
            assert!(b.measures <= b.effects, "{r:?}");
            assert_eq!(b.measures == 0, b.effects == 0, "{r:?}");
        }
    }
    assert!(
        rows.iter()
            .any(|r| r.here_now.measures < r.here_now.effects),
        "no measure with several knock-on effects in the fixture"
    );
}

#[test]
fn the_heat_map_tells_no_record_from_a_score_of_zero() {
    let report = build_in(&fixture());
    let m = &report.heat_map;
    assert!(!m.shown.is_empty());
    let unrecorded = m
        .shown
        .iter()
        .flat_map(|&i| m.shown.iter().map(move |&j| (i, j)))
        .filter(|&(i, j)| i != j && !m.recorded[i][j])
        .count();
    let html = file(&report::render(&report), "index.html").to_string();
    assert_eq!(
        html.matches("<td class=\"heat unrecorded\"></td>").count(),
        unrecorded
    );
    // Every target shown interacts with another; the most influential comes first.
    for &i in &m.shown {
        assert!(
            m.shown
                .iter()
                .any(|&j| m.recorded[i][j] || m.recorded[j][i])
        );
    }
    let rank = |id: &str| {
        report
            .influence
            .rows
            .iter()
            .find(|r| r.id == id)
            .unwrap()
            .rank
    };
    assert!(
        m.shown
            .windows(2)
            .all(|w| rank(&m.ids[w[0]]) <= rank(&m.ids[w[1]]))
    );
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let first = rendered(&fixture());
    let second = rendered(&fixture());
    for ((name, a), (_, b)) in first.iter().zip(&second) {
        assert!(a == b, "{name} differs between two runs");
    }
    // No timestamp unless asked for.
    let html = file(&first, "index.html");
    assert!(!html.contains(" on 20"), "a date crept in");
}

/// The fixture copied into a temporary directory, plus `extra` files.
fn copy_of_fixture(extra: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = fixture();
    for entry in walk(&root) {
        let relative = entry.strip_prefix(&root).unwrap();
        let target = dir.path().join(relative);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&entry, target).unwrap();
    }
    for (name, text) in extra {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files.sort();
    files
}

const HOSTILE: &str = "\
policy: hostile
title: <script>alert(1)</script> & co
level: national
status: draft
measures:
  - id: m
    title: <img src=x onerror=alert(2)> \"quoted\" 'it'
    lead: nl-labour
    effects:
      - target: sdg:8.8
        score: 1
        rationale: <b>bold</b>
        evidence: [\"<i>source</i> & more\"]
    indicators:
      - name: x
    reports-to: [parliament]
";

#[test]
fn policy_text_is_shown_not_run() {
    let dir = copy_of_fixture(&[("policies/hostile.yaml", HOSTILE)]);
    let files = rendered(dir.path());
    let html = file(&files, "index.html");
    assert!(!html.contains("<script"), "a script element got through");
    assert!(!html.contains("<img"), "an image element got through");
    assert!(!html.contains("<b>bold"), "markup got through");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"),
        "the title is not shown as written"
    );
    assert!(html.contains("Coherence of the fixture portfolio &amp; its measures"));
    let markdown = file(&files, "report.md");
    assert!(markdown.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
    assert!(!markdown.contains("<script"));
    assert!(!markdown.contains("<img"));
    // The JSON holds the text as written, as JSON escapes it.
    let json: serde_json::Value = serde_json::from_str(file(&files, "report.json")).unwrap();
    let titles: Vec<&str> = json["policies"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["title"].as_str().unwrap())
        .collect();
    assert!(titles.contains(&"<script>alert(1)</script> & co"));
}

#[test]
fn the_html_needs_nothing_from_outside() {
    let files = rendered(&fixture());
    let html = file(&files, "index.html");
    // The full references in paths name their DOI or address as text (a reader copies it);
    // nothing is fetched and nothing links out.
    for forbidden in [
        "<script",
        "<link",
        "@import",
        "src=",
        "<iframe",
        "<object",
        "<a href=\"http",
    ] {
        assert!(!html.contains(forbidden), "the HTML contains `{forbidden}`");
    }
    for (i, _) in html.match_indices("href=\"") {
        assert!(
            html[i + 6..].starts_with('#'),
            "an href that is not a fragment"
        );
    }
    for (i, _) in html.match_indices("url(") {
        assert!(
            html[i + 4..].starts_with('#'),
            "a url() that is not a fragment"
        );
    }
}

#[test]
fn the_html_is_structured_for_readers_and_printers() {
    let files = rendered(&fixture());
    let html = file(&files, "index.html");
    assert!(html.starts_with("<!DOCTYPE html><html lang=\"en\">"));
    assert!(html.contains("@page { size: A4"));
    assert!(!html.contains("<th>"), "a header cell without scope");
    assert_eq!(
        html.matches("<table").count(),
        html.matches("<caption>").count(),
        "a table without a caption"
    );
    assert!(html.contains("role=\"img\""));
    assert!(html.contains("<title id=\"network-title\">"));
    // Headings never skip a level.
    let mut previous = 1;
    for (i, _) in html.match_indices("<h") {
        let Some(level) = html[i + 2..].chars().next().and_then(|c| c.to_digit(10)) else {
            continue;
        };
        assert!(level <= previous + 1, "h{previous} followed by h{level}");
        previous = level;
    }
    assert_eq!(html.matches("<h1").count(), 1);
    // Heat-map cells carry their number beside their colour.
    assert!(html.contains("<td class=\"heat heat-p2\">+2</td>"));
}

fn cohere() -> Command {
    Command::cargo_bin("cohere").unwrap()
}

#[test]
fn cohere_report_writes_three_files_and_exits_0_despite_findings() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("new/report");
    let output = cohere()
        .current_dir(fixture())
        .args(["report", "--out"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("coherence index 54.8"), "{stderr}");
    for name in report::FILES {
        assert!(dir.join(name).is_file(), "{name} missing");
    }
    // Byte-identical across two runs of the binary.
    let again = out.path().join("again");
    cohere()
        .current_dir(fixture())
        .args(["report", "--out"])
        .arg(&again)
        .assert()
        .success();
    for name in report::FILES {
        assert_eq!(
            std::fs::read(dir.join(name)).unwrap(),
            std::fs::read(again.join(name)).unwrap(),
            "{name} differs"
        );
    }
    // A date only when asked for.
    let dated = out.path().join("dated");
    cohere()
        .current_dir(fixture())
        .args(["report", "--date", "2026-11-27", "--out"])
        .arg(&dated)
        .assert()
        .success();
    let html = std::fs::read_to_string(dated.join("index.html")).unwrap();
    assert!(html.contains(" on 2026-11-27"));
}

#[test]
fn a_failed_report_keeps_the_previous_one_and_leaves_no_half_written_file() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path();
    std::fs::write(dir.join("index.html"), "previous").unwrap();
    std::fs::create_dir(dir.join("report.md")).unwrap();
    let output = cohere()
        .current_dir(fixture())
        .args(["report", "--out"])
        .arg(dir)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("report.md"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(dir.join("index.html")).unwrap(),
        "previous"
    );
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["index.html", "report.md"]);
}

#[test]
fn cohere_graph_is_deterministic_and_has_no_machine_details() {
    let run = |args: &[&str]| {
        let output = cohere().current_dir(fixture()).args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    let dot = run(&["graph", "--format", "dot"]);
    assert_eq!(dot, run(&["graph", "--format", "dot"]));
    assert!(dot.starts_with("digraph cohere {"));
    assert!(dot.contains("subgraph cluster_legend"));
    let svg = run(&["graph", "--format", "svg", "--engine", "builtin"]);
    assert_eq!(
        svg,
        run(&["graph", "--format", "svg", "--engine", "builtin"])
    );
    assert!(svg.starts_with("<?xml"));
    let root = fixture();
    for machine in [root.to_str().unwrap(), "/tmp", "/home", "/root"] {
        assert!(!svg.contains(machine), "the SVG mentions `{machine}`");
    }
    // Institutions only when asked for.
    assert!(!dot.contains("institution:"));
    assert!(run(&["graph", "--institutions"]).contains("institution:nl-labour"));
}

#[test]
fn cohere_graph_focus_draws_a_neighbourhood_and_rejects_unknown_ids() {
    let output = cohere()
        .current_dir(fixture())
        .args(["graph", "--focus", "sdg:3.c", "--depth", "1"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let dot = String::from_utf8(output.stdout).unwrap();
    assert!(dot.contains("\"sdg:3.c\"["));
    assert!(dot.contains("measure:sl-health/train-nurses"));
    assert!(!dot.contains("measure:capital-housing/social-housing"));
    let output = cohere()
        .current_dir(fixture())
        .args(["graph", "--focus", "sdg:10.77"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("unknown node `sdg:10.77`"), "{stderr}");
    assert!(stderr.contains("did you mean `sdg:10.7`?"), "{stderr}");
}

#[test]
fn graphviz_dot_accepts_the_dot_output() {
    let available = std::process::Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !available {
        println!(
            "note: Graphviz `dot` is not installed; skipping the check that it accepts our DOT"
        );
        return;
    }
    for args in [
        vec!["graph", "--format", "dot"],
        vec!["graph", "--format", "dot", "--institutions"],
        vec![
            "graph", "--format", "dot", "--focus", "sdg:8.8", "--depth", "2",
        ],
    ] {
        let dot = cohere()
            .current_dir(fixture())
            .args(&args)
            .output()
            .unwrap();
        assert!(dot.status.success());
        let mut child = std::process::Command::new("dot")
            .arg("-Tsvg")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write as _;
        child.stdin.take().unwrap().write_all(&dot.stdout).unwrap();
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success() && output.stderr.is_empty(),
            "dot rejected {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(String::from_utf8_lossy(&output.stdout).contains("<svg"));
    }
    // And `--engine dot` renders through it.
    cohere()
        .current_dir(fixture())
        .args(["graph", "--format", "svg", "--engine", "dot"])
        .assert()
        .success();
}

#[test]
fn every_rule_fixture_can_be_reported_and_drawn() {
    // Odd inputs (syntax errors, unknown references, cycles, duplicate ids) must give a report
    // and a drawing, never a panic.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .flat_map(|entry| {
            let dir = entry.unwrap().path();
            [dir.join("fail"), dir.join("pass")]
        })
        .filter(|dir| dir.is_dir())
        .collect();
    dirs.sort();
    let mut request = LoadRequest::new(dirs);
    request.cwd = root;
    request.config = cohere::project::ConfigChoice::Isolated;
    let workspace = load(&request).unwrap();
    let analysis = cohere::analysis::analyze(&workspace.model, &workspace.settings);
    let outcome = lint(&workspace, &analysis, &LintOptions::default());
    let model = report::build(&workspace, &analysis, &outcome, &ReportOptions::default());
    assert!(model.listed.total() > 30);
    let files = report::render(&model);
    assert!(file(&files, "index.html").contains("<svg class=\"network\""));
    let options = cohere::diagram::DiagramOptions {
        institutions: true,
        ..Default::default()
    };
    let diagram = cohere::diagram::Diagram::build(&workspace.model, &analysis.graph, &options);
    let svg = cohere::diagram::svg::render_builtin(
        &diagram,
        "fixtures",
        cohere::diagram::svg::Embedding::Standalone,
    );
    assert!(svg.ends_with("</svg>\n"));
}

#[test]
fn the_date_comes_from_source_date_epoch_or_the_last_commit_of_the_inputs() {
    let dir = copy_of_fixture(&[]);
    let repo = dir.path();
    let date_in = |out: &str, envs: &[(&str, &str)], extra: &[&str]| {
        let mut command = cohere();
        command
            .current_dir(repo)
            .env_remove("SOURCE_DATE_EPOCH")
            .args(["report", "--out", out])
            .args(extra);
        for (k, v) in envs {
            command.env(k, v);
        }
        let output = command.output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        let html = std::fs::read_to_string(repo.join(out).join("index.html")).unwrap();
        let markdown = std::fs::read_to_string(repo.join(out).join("report.md")).unwrap();
        let byline = html.split_once("Generated by cohere ").unwrap().1;
        let byline = &byline[..byline.find('<').unwrap()];
        let date = byline
            .split_once(" on ")
            .map(|(_, rest)| rest[..10].to_string());
        if let Some(date) = &date {
            assert!(
                markdown.contains(&format!(" on {date}")),
                "the Markdown has another date"
            );
        }
        date
    };
    // Not a git repository: no date.
    assert_eq!(date_in("r0", &[], &[]), None);
    git_at(repo, "2001-02-03T04:05:06Z", &["init", "-q"]);
    git_at(repo, "2001-02-03T04:05:06Z", &["add", "."]);
    git_at(
        repo,
        "2001-02-03T04:05:06Z",
        &["commit", "-q", "-m", "policies"],
    );
    assert_eq!(date_in("reports", &[], &[]).as_deref(), Some("2001-02-03"));
    // Committing the report itself does not change its date: regenerated, it is the same.
    git_at(repo, "2002-01-01T00:00:00Z", &["add", "reports"]);
    git_at(
        repo,
        "2002-01-01T00:00:00Z",
        &["commit", "-q", "-m", "report"],
    );
    let before = std::fs::read(repo.join("reports/index.html")).unwrap();
    assert_eq!(date_in("reports", &[], &[]).as_deref(), Some("2001-02-03"));
    assert_eq!(
        std::fs::read(repo.join("reports/index.html")).unwrap(),
        before
    );
    // SOURCE_DATE_EPOCH wins over the commit, --date over both.
    let epoch = [("SOURCE_DATE_EPOCH", "1795910400")];
    assert_eq!(date_in("r1", &epoch, &[]).as_deref(), Some("2026-11-29"));
    assert_eq!(
        date_in("r2", &epoch, &["--date", "2030-01-01"]).as_deref(),
        Some("2030-01-01")
    );
    // A SOURCE_DATE_EPOCH that is not a number stops the run (exit 2), naming it.
    let output = cohere()
        .current_dir(repo)
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .args(["report", "--out", "r3"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("SOURCE_DATE_EPOCH"));
}

#[test]
fn no_report_file_holds_an_absolute_path_whatever_the_input_path() {
    let dir = copy_of_fixture(&[]);
    let elsewhere = tempfile::tempdir().unwrap();
    let absolute = dir.path().canonicalize().unwrap();
    for (cwd, input) in [
        (dir.path(), absolute.to_str().unwrap().to_string()),
        (elsewhere.path(), absolute.to_str().unwrap().to_string()),
        (dir.path(), ".".to_string()),
    ] {
        let out = elsewhere.path().join("out");
        let output = cohere()
            .current_dir(cwd)
            .args(["report", &input, "--out"])
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        for name in report::FILES {
            let text = std::fs::read_to_string(out.join(name)).unwrap();
            for machine in [
                absolute.to_str().unwrap(),
                dir.path().to_str().unwrap(),
                elsewhere.path().to_str().unwrap(),
            ] {
                assert!(
                    !text.contains(machine),
                    "{name} holds `{machine}` (input {input})"
                );
            }
        }
    }
}

/// The number of pages of a PDF as Chromium writes it: one `/Type /Page` object per page.
fn pdf_pages(pdf: &[u8]) -> usize {
    let needle = b"/Type /Page";
    pdf.windows(needle.len() + 1)
        .filter(|w| &w[..needle.len()] == needle && w[needle.len()] != b's')
        .count()
}

#[test]
fn the_example_report_prints_to_at_most_25_a4_pages() {
    let chromium = Path::new("/usr/bin/chromium");
    if !chromium.exists() {
        println!("note: /usr/bin/chromium is not installed; skipping the print check");
        return;
    }
    let report = Path::new(env!("CARGO_MANIFEST_DIR")).join("reports/index.html");
    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("report.pdf");
    let profile = out.path().join("profile");
    let status = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", report.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let pages = pdf_pages(&std::fs::read(&pdf).unwrap());
    assert!(pages > 5, "{pages} pages: the PDF was not read right");
    assert!(
        pages <= 25,
        "the example's report prints to {pages} A4 pages"
    );
}

#[test]
fn without_a_project_file_paths_are_shown_from_the_inputs_directory() {
    let dir = copy_of_fixture(&[]);
    std::fs::remove_file(dir.path().join("cohere.yaml")).unwrap();
    let policies = dir.path().join("policies").canonicalize().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let out = elsewhere.path().join("out");
    let output = cohere()
        .current_dir(elsewhere.path())
        .args(["report", policies.to_str().unwrap(), "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
    let files: Vec<&str> = json["provenance"]["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(!files.is_empty());
    for path in files {
        assert!(!path.starts_with('/') && !path.contains(".."), "{path}");
    }
}
