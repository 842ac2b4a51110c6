//! The report of a large portfolio: it grows with what a reader can use, not with the number of
//! findings. Each finding's detail is written once, lists a reader meets first show the most
//! important and count the rest, and every link still leads somewhere. (Not timed: the figures
//! are in BENCHMARKS.md.)
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

mod common;

use cohere::lint::{LintOptions, lint};
use cohere::project::{ConfigChoice, LoadRequest, load};
use cohere::report::{self, Report, ReportOptions};
use cohere_bench_gen::generate;
use std::collections::BTreeSet;

/// The report of a generated repository of `measures` measures, its three files, and how many
/// findings `cohere lint` reports for it.
fn report_of(measures: usize) -> (Report, [(&'static str, String); 3], usize) {
    let dir = tempfile::tempdir().unwrap();
    generate(measures, 7).write_to(dir.path()).unwrap();
    let mut request = LoadRequest::new(Vec::new());
    request.cwd = dir.path().to_path_buf();
    request.display_root = Some(dir.path().to_path_buf());
    request.config = ConfigChoice::File(dir.path().join("cohere.yaml"));
    let workspace = load(&request).unwrap();
    let analysis = cohere::analysis::analyze(&workspace.model, &workspace.settings);
    let outcome = lint(&workspace, &analysis, &LintOptions::default());
    let model = report::build(&workspace, &analysis, &outcome, &ReportOptions::default());
    let files = report::render(&model);
    (model, files, outcome.findings.len())
}

fn file<'a>(files: &'a [(&'static str, String); 3], name: &str) -> &'a str {
    &files.iter().find(|(n, _)| *n == name).unwrap().1
}

fn bytes(files: &[(&'static str, String); 3]) -> usize {
    files.iter().map(|(_, text)| text.len()).sum()
}

#[test]
fn four_times_the_portfolio_does_not_make_a_report_four_times_as_long() {
    let (small, small_files, small_findings) = report_of(300);
    let (large, large_files, large_findings) = report_of(1200);
    assert!(
        large_findings > 3 * small_findings,
        "{small_findings} → {large_findings} findings"
    );
    // The lists a reader meets first stay the same length; only what is counted grows.
    for (name, text) in &large_files {
        let before = file(&small_files, name).len();
        assert!(
            text.len() < before * 2,
            "{name}: {before} → {} bytes for {small_findings} → {large_findings} findings",
            text.len()
        );
    }
    // A reader is told what is left out, with the numbers right.
    let totals = large.conflict_totals;
    assert!(totals.findings > small.conflict_totals.findings * 3);
    let cards = large.conflict_groups.iter().filter(|g| g.serious()).count();
    // The first cards, and the group about no single measure (feedback loops) wherever it
    // ranks: what is left out is measures.
    let first = totals.serious_groups.min(report::story::MAX_CARDS);
    assert!(
        cards == first || cards == first + 1,
        "{cards} cards, {totals:?}"
    );
    if cards > first {
        let last = large.conflict_groups.iter().rfind(|g| g.serious()).unwrap();
        assert!(last.measure.is_none());
    }
    let html = file(&large_files, "index.html");
    let markdown = file(&large_files, "report.md");
    if totals.serious_groups > cards {
        let more = match totals.serious_groups - cards {
            1 => "1 more measure".to_string(),
            n => format!("{n} more measures"),
        };
        for text in [html, markdown] {
            assert!(
                text.contains(&format!(
                    "…and {more} whose conflicts include errors or warnings"
                )),
                "the cards do not say that {more} more measures have conflicts"
            );
        }
    }
    let capped = large
        .conflict_groups
        .iter()
        .find(|g| g.pairs.more > 0)
        .expect("a group with more conflicts than it shows");
    assert_eq!(capped.pairs.len(), report::story::MAX_PAIRS);
    assert!(html.contains(&format!(
        "…and {} more conflicts of this group",
        capped.pairs.more
    )));
    assert!(large.listed.more > 0);
    assert_eq!(large.listed.total(), large_findings);
    // The policy matrix keeps the policies in the most findings and says how many it leaves out.
    let matrix = &large.policy_matrix;
    let policies = large.summary.counts.policies;
    assert!(policies > report::story::MAX_MATRIX, "{policies} policies");
    assert_eq!(matrix.policies.len(), report::story::MAX_MATRIX);
    assert_eq!(matrix.more, policies - report::story::MAX_MATRIX);
    assert!(html.contains(&format!("{} other policies are left out", matrix.more)));
}

#[test]
fn each_finding_is_detailed_once_and_every_reference_resolves() {
    let (report, files, findings) = report_of(600);
    let numbers: Vec<usize> = report.findings.iter().map(|f| f.number).collect();
    assert!(
        numbers.windows(2).all(|w| w[0] < w[1]),
        "the findings are not each once, by number"
    );
    assert!(
        report.findings.len() < findings / 2,
        "{} of {findings} findings detailed",
        report.findings.len()
    );
    // The JSON holds each finding's detail once: sections refer to it by number.
    let json: serde_json::Value = serde_json::from_str(file(&files, "report.json")).unwrap();
    assert_eq!(json["version"], 2);
    let text = file(&files, "report.json");
    assert_eq!(
        text.matches("\"plain_help\":").count(),
        report.findings.len(),
        "a finding is written more than once"
    );
    let known: BTreeSet<usize> = numbers.iter().copied().collect();
    let referenced = report
        .conflict_groups
        .iter()
        .flat_map(|g| g.pairs.iter().map(|p| p.finding))
        .chain(report.costs.findings.iter().copied())
        .chain(report.synergies.iter().map(|s| s.finding))
        .chain(report.coverage.gaps.iter().copied())
        .chain(report.coverage.capacity_findings.iter().copied())
        .chain(report.listed.iter().copied())
        .chain(report.summary.key_findings.iter().map(|k| k.number));
    for n in referenced {
        assert!(
            known.contains(&n),
            "finding {n} is referred to but not given"
        );
    }
    // The HTML and the Markdown word each detailed finding once: its paths, evidence and advice
    // are under one heading.
    let html = file(&files, "index.html");
    let markdown = file(&files, "report.md");
    for f in &report.findings {
        let heading = format!("<h4>{}", html_escape(&f.plain));
        assert!(
            html.matches(&heading).count() <= 1,
            "finding {} detailed twice in the HTML",
            f.number
        );
        let line = format!("- finding: {}\n", f.message);
        assert!(
            markdown.matches(&line).count() <= 1,
            "finding {} detailed twice in the Markdown",
            f.number
        );
    }
    // Every link still leads somewhere, the brief's included, though most findings are not
    // listed.
    common::assert_links_resolve(html);
}

/// Text as maud escapes it.
fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[test]
fn a_report_of_thousands_of_findings_is_smaller_than_the_lint_output() {
    let (_, files, findings) = report_of(600);
    // `cohere lint --format json` writes each finding once with its evidence; the report
    // summarises them and must not write them out again several times over.
    let dir = tempfile::tempdir().unwrap();
    generate(600, 7).write_to(dir.path()).unwrap();
    let output = assert_cmd::Command::cargo_bin("cohere")
        .unwrap()
        .current_dir(dir.path())
        .args(["lint", "--format", "json", "--fail-on", "never"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert!(findings > 2_000, "{findings} findings");
    assert!(
        bytes(&files) < output.stdout.len(),
        "the report ({} bytes) is larger than the lint output ({} bytes)",
        bytes(&files),
        output.stdout.len()
    );
}
