//! Every output format of `cohere lint`, snapshot-tested on shared sets of findings.
//!
//! The main set is every rule's failing fixture linted together (with the built-in defaults, and
//! paths relative to `tests/fixtures/rules`); a second, small set has what the fixtures lack: a
//! related location in a built-in file and a suppressed finding. Snapshots live in
//! `tests/snapshots/` and are reviewed like code: run `INSTA_UPDATE=always cargo test --test
//! formats` after a deliberate change, then read the diff.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use cohere::analysis::Analysis;
use cohere::lint::{LintOptions, LintOutcome, lint};
use cohere::output::{self, Format, RenderContext};
use cohere::project::{ConfigChoice, LoadRequest, Workspace, load};
use std::path::{Path, PathBuf};

const FORMATS: [(Format, &str); 7] = [
    (Format::Text, "text"),
    (Format::Concise, "concise"),
    (Format::Json, "json"),
    (Format::Sarif, "sarif"),
    (Format::Github, "github"),
    (Format::Junit, "junit"),
    (Format::Markdown, "markdown"),
];

fn lint_in(cwd: &Path, paths: Vec<PathBuf>) -> (Workspace, Analysis, LintOutcome) {
    let mut request = LoadRequest::new(paths);
    request.cwd = cwd.to_path_buf();
    request.config = ConfigChoice::Isolated;
    let workspace = load(&request).unwrap();
    let analysis = cohere::analysis::analyze(&workspace.model, &workspace.settings);
    let outcome = lint(&workspace, &analysis, &LintOptions::default());
    (workspace, analysis, outcome)
}

/// Every rule's failing fixture, linted together.
fn fixtures() -> (Workspace, Analysis, LintOutcome) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|entry| entry.unwrap().path().join("fail"))
        .filter(|dir| dir.is_dir())
        .collect();
    dirs.sort();
    lint_in(&root, dirs)
}

fn render(
    format: Format,
    (workspace, analysis): (&Workspace, &Analysis),
    outcome: &LintOutcome,
) -> String {
    let text = output::render(
        format,
        &RenderContext {
            sources: &workspace.sources,
            outcome,
            cx: cohere::finding::Cx {
                model: &workspace.model,
                analysis,
            },
            color: false,
        },
    );
    // The tool's version changes with every release; the snapshots should not.
    let version = env!("CARGO_PKG_VERSION");
    text.replace(
        &format!("\"version\": \"{version}\""),
        "\"version\": \"[version]\"",
    )
    .replace(
        &format!("\"semanticVersion\": \"{version}\""),
        "\"semanticVersion\": \"[version]\"",
    )
}

#[test]
fn every_format_on_the_rule_fixtures() {
    let (workspace, analysis, outcome) = fixtures();
    assert!(outcome.findings.len() >= 8, "{:#?}", outcome.findings);
    for (format, name) in FORMATS {
        insta::assert_snapshot!(
            format!("fixtures_{name}"),
            render(format, (&workspace, &analysis), &outcome)
        );
    }
}

const REDEFINED_SDG: &str = "\
framework: sdg
title: Our own SDG
source: none
levels: [target]
elements:
  - id: \"10.7\"
    title: Orderly migration
";

const SUPPRESSED_DRAFT: &str = "\
policy: labour-mobility
title: Labour mobility programme
level: national
perspective: destination
measures:
  - id: seasonal-visa   # cohere: allow(unknown-reference) -- the target is being renumbered
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

#[test]
fn every_format_with_a_built_in_location_and_a_suppression() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("framework.yaml"), REDEFINED_SDG).unwrap();
    std::fs::write(dir.path().join("draft.yaml"), SUPPRESSED_DRAFT).unwrap();
    let (workspace, analysis, outcome) = lint_in(dir.path(), vec![dir.path().to_path_buf()]);
    assert_eq!(outcome.suppressed.len(), 1);
    for (format, name) in FORMATS {
        let mut text = render(format, (&workspace, &analysis), &outcome);
        if format == Format::Sarif {
            // The rules table is the same as in the fixtures' snapshot.
            let log: serde_json::Value = serde_json::from_str(&text).unwrap();
            text = serde_json::to_string_pretty(&log["runs"][0]["results"]).unwrap();
        }
        insta::assert_snapshot!(format!("builtin_and_suppressed_{name}"), text);
    }
}

#[test]
fn nothing_found_is_still_valid_output() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("draft.yaml"),
        SUPPRESSED_DRAFT.replace("sdg:10.8", "sdg:10.7").replace(
            "# cohere: allow(unknown-reference) -- the target is being renumbered",
            "",
        ),
    )
    .unwrap();
    let (workspace, analysis, outcome) = lint_in(dir.path(), vec![dir.path().to_path_buf()]);
    assert!(outcome.findings.is_empty(), "{:#?}", outcome.findings);
    let sarif: serde_json::Value =
        serde_json::from_str(&render(Format::Sarif, (&workspace, &analysis), &outcome)).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let junit = render(Format::Junit, (&workspace, &analysis), &outcome);
    assert!(
        junit.contains("<testcase classname=\"cohere\" name=\"cohere\"/>"),
        "{junit}"
    );
    assert_eq!(
        render(Format::Github, (&workspace, &analysis), &outcome),
        ""
    );
}
