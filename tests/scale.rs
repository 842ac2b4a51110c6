//! What a big, densely connected portfolio gives: findings that stay readable, a diagram that
//! stays drawable, and a clear refusal where the built-in layout would take minutes.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use assert_cmd::Command;
use cohere::analysis::analyze;
use cohere::diagram::{Diagram, DiagramOptions};
use cohere::lint::{LintOptions, lint};
use cohere::project::{ConfigChoice, LoadRequest, Workspace, load};
use cohere_bench_gen::generate;

/// A generated repository of `measures` measures (with its 3,000-interaction knowledge base).
fn generated(measures: usize) -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    generate(measures, 7).write_to(dir.path()).unwrap();
    let mut request = LoadRequest::new(Vec::new());
    request.cwd = dir.path().to_path_buf();
    request.config = ConfigChoice::File(dir.path().join("cohere.yaml"));
    let workspace = load(&request).unwrap();
    (dir, workspace)
}

fn cohere(dir: &std::path::Path) -> Command {
    let mut command = Command::cargo_bin("cohere").unwrap();
    command.current_dir(dir).env("NO_COLOR", "1");
    command
}

#[test]
fn cost_findings_list_the_strongest_costs_and_count_the_rest() {
    let (_dir, workspace) = generated(200);
    let max = workspace.settings.thresholds.max_listed_measures as usize;
    let analysis = analyze(&workspace.model, &workspace.settings);
    let outcome = lint(&workspace, &analysis, &LintOptions::default());
    let cx = cohere::finding::Cx {
        model: &workspace.model,
        analysis: &analysis,
    };
    let costs: Vec<_> = outcome
        .findings
        .iter()
        .filter(|f| ["spillover", "deferred-cost"].contains(&f.rule.id))
        .map(|f| f.render_ids(cx))
        .collect();
    assert!(!costs.is_empty());
    for finding in &costs {
        assert!(
            finding.evidence.len() <= max,
            "{} evidence paths: {}",
            finding.evidence.len(),
            finding.message
        );
    }
    // In this dense knowledge base some measure sets back more targets than are listed: the
    // message counts them instead of naming them all.
    let counted = costs
        .iter()
        .find(|f| f.evidence.len() == max && f.message.contains(" more"))
        .expect("a cost finding with more costs than are listed");
    assert!(counted.message.len() < 1_000, "{}", counted.message);
}

#[test]
fn a_dense_diagram_keeps_the_strongest_links_up_to_the_cap() {
    let (_dir, workspace) = generated(200);
    let analysis = analyze(&workspace.model, &workspace.settings);
    let uncapped = DiagramOptions {
        max_nodes: Some(40),
        ..DiagramOptions::default()
    };
    let all = Diagram::build(&workspace.model, &analysis.graph, &uncapped);
    assert!(all.edges.len() > 120, "{} links", all.edges.len());
    let capped = Diagram::build(
        &workspace.model,
        &analysis.graph,
        &DiagramOptions {
            max_edges: Some(120),
            ..uncapped
        },
    );
    assert_eq!(capped.nodes, all.nodes);
    assert_eq!(capped.edges.len(), 120);
    assert_eq!(capped.edges_left_out, all.edges.len() - 120);
    // Every link kept is in the full diagram, and none left out is stronger than one kept.
    let strength = |e: &cohere::diagram::Edge| e.score.map_or(2, |s| s.unsigned_abs());
    let weakest_kept = capped.edges.iter().map(strength).min().unwrap();
    let strongest_left_out = all
        .edges
        .iter()
        .filter(|e| !capped.edges.contains(e))
        .map(strength)
        .max()
        .unwrap();
    assert!(capped.edges.iter().all(|e| all.edges.contains(e)));
    assert!(strongest_left_out <= weakest_kept);
    assert!(
        capped
            .describe()
            .contains(&format!("{} weaker links", capped.edges_left_out))
    );
}

#[test]
fn the_built_in_layout_refuses_a_huge_diagram_with_a_way_out() {
    let (dir, _workspace) = generated(200);
    let output = cohere(dir.path())
        .args(["graph", "--format", "svg", "--engine", "builtin"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("more than the built-in layout draws") && stderr.contains("--max-edges"),
        "{stderr}"
    );
    // With the caps it suggests, it draws.
    let output = cohere(dir.path())
        .args(["graph", "--format", "svg", "--engine", "builtin"])
        .args(["--max-nodes", "40", "--max-edges", "120"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(
        String::from_utf8(output.stdout)
            .unwrap()
            .ends_with("</svg>\n")
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("weaker links left out (--max-edges)"),
        "{stderr}"
    );
}

#[test]
fn the_report_of_a_dense_portfolio_draws_a_capped_network() {
    let (dir, _workspace) = generated(200);
    cohere(dir.path())
        .args(["report", "--out", "out"])
        .assert()
        .success();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out/report.json")).unwrap())
            .unwrap();
    let network = &json["network"];
    let max_nodes = network["max_nodes"].as_u64().unwrap() as usize;
    let edges = network["diagram"]["edges"].as_array().unwrap().len();
    assert!(
        edges <= 3 * max_nodes,
        "{edges} links for {max_nodes} nodes"
    );
    assert!(network["diagram"]["edges_left_out"].as_u64().unwrap() > 0);
    let html = std::fs::read_to_string(dir.path().join("out/index.html")).unwrap();
    assert!(html.contains("weaker links between the nodes drawn are left out"));
    // However many nodes a project asks for, the report never gives the built-in layout more
    // links than it draws in reasonable time.
    let config = std::fs::read_to_string(dir.path().join("cohere.yaml")).unwrap()
        + "report:\n  max-diagram-nodes: 150\n";
    std::fs::write(dir.path().join("cohere.yaml"), config).unwrap();
    cohere(dir.path())
        .args(["report", "--out", "wide"])
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("wide/report.json")).unwrap(),
    )
    .unwrap();
    let diagram = &json["network"]["diagram"];
    assert_eq!(diagram["nodes"].as_array().unwrap().len(), 150);
    assert_eq!(
        diagram["edges"].as_array().unwrap().len(),
        cohere::diagram::svg::BUILTIN_MAX_EDGES
    );
}

/// JSON and SARIF word their findings on every core once there are enough of them: each
/// finding keeps its own words and its place, the same order as the one-line format (written on
/// one thread).
#[test]
fn findings_worded_in_parallel_keep_their_order_and_words() {
    let (dir, _) = generated(250);
    let concise = cohere(dir.path())
        .args(["lint", ".", "--format", "concise", "--fail-on", "never"])
        .output()
        .unwrap();
    let lines: Vec<String> = String::from_utf8(concise.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    assert!(lines.len() > 1024, "only {} findings", lines.len());
    let json = cohere(dir.path())
        .args(["lint", ".", "--format", "json", "--fail-on", "never"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let from_json: Vec<String> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let at = &f["location"];
            format!(
                "{}:{}:{}: {}[{}] {}",
                at["path"].as_str().unwrap(),
                at["line"],
                at["column"],
                f["severity"].as_str().unwrap(),
                f["rule"].as_str().unwrap(),
                f["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(from_json, lines);
    let sarif = cohere(dir.path())
        .args(["lint", ".", "--format", "sarif", "--fail-on", "never"])
        .output()
        .unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let messages: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["message"]["text"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    // SARIF's message adds the help line to the finding's message.
    assert_eq!(messages.len(), expected.len());
    for (message, expected) in messages.iter().zip(&expected) {
        assert!(message.starts_with(expected), "{message} / {expected}");
    }
}
