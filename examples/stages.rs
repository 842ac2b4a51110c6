//! Times each stage of a lint run on a repository, one line per stage (a coarse profile to read
//! beside `perf`): `cargo run --release --example stages -- DIR [FORMAT…]`.
#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

use cohere::analysis::{coherence_index, coverage::Coverage, propagation::Propagation};
use cohere::graph::InteractionGraph;
use cohere::lint::{LintOptions, lint};
use cohere::output::{Format, RenderContext, render};
use cohere::project::{ConfigChoice, LoadRequest, load};
use cohere::rules::{Context, RULES};
use sha2::{Digest, Sha256};
use std::time::Instant;

/// The first 16 hex digits of the SHA-256 of `text`: outputs compared across builds.
fn digest(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).expect("a repository directory"));
    let mut request = LoadRequest::new(Vec::new());
    request.cwd = dir.clone();
    request.config = ConfigChoice::File(dir.join("cohere.yaml"));
    let t = Instant::now();
    let workspace = load(&request).expect("loads");
    println!(
        "load            {:>8.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let model = &workspace.model;
    let t = Instant::now();
    let graph = InteractionGraph::build(model);
    println!(
        "graph           {:>8.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let propagation = Propagation::compute(model, &graph, &workspace.settings.thresholds);
    println!(
        "propagation     {:>8.1} ms ({} reaches, digest {})",
        t.elapsed().as_secs_f64() * 1e3,
        propagation.all().len(),
        // Measure by measure, so that the digest does not depend on how the effects are stored.
        digest(&format!(
            "{:?}",
            (0..model.measures.len())
                .flat_map(|m| propagation.of_measure(cohere::model::MeasureIdx::new(m)))
                .collect::<Vec<_>>()
        ))
    );
    let t = Instant::now();
    let coverage = Coverage::compute(model, &propagation, &workspace.settings);
    println!(
        "coverage        {:>8.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let coherence = coherence_index::compute(model, &propagation);
    println!(
        "coherence index {:>8.1} ms (digest {})",
        t.elapsed().as_secs_f64() * 1e3,
        digest(&format!("{coherence:?}"))
    );
    let t = Instant::now();
    let tensions = cohere::analysis::tension::Tensions::compute(
        model,
        &propagation,
        workspace.settings.thresholds.max_listed_measures as usize,
    );
    println!(
        "tensions        {:>8.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let costs = cohere::analysis::cost::Costs::compute(model, &propagation);
    println!(
        "costs           {:>8.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let analysis = cohere::analysis::Analysis {
        graph,
        propagation,
        coverage,
        tensions,
        costs,
    };
    let context = Context {
        model,
        settings: &workspace.settings,
        analysis: &analysis,
        sources: &workspace.sources,
        project_file: workspace.project.as_ref().map(|p| p.file),
    };
    for rule in RULES {
        if let Some(check) = rule.check {
            let t = Instant::now();
            let mut out = Vec::new();
            check(&context, &mut out);
            println!(
                "rule {:<24} {:>8.1} ms {:>7} findings",
                rule.meta.id,
                t.elapsed().as_secs_f64() * 1e3,
                out.len()
            );
        }
    }
    let t = Instant::now();
    let outcome = lint(&workspace, &analysis, &LintOptions::default());
    println!(
        "lint (all)      {:>8.1} ms {} findings",
        t.elapsed().as_secs_f64() * 1e3,
        outcome.findings.len()
    );
    // `stages DIR concise`: only the formats named after the directory.
    let only: Vec<String> = std::env::args().skip(2).collect();
    for format in [
        Format::Text,
        Format::Concise,
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::Junit,
        Format::Markdown,
    ] {
        let name = format!("{format:?}").to_lowercase();
        if !only.is_empty() && !only.contains(&name) {
            continue;
        }
        let t = Instant::now();
        let text = render(
            format,
            &RenderContext {
                sources: &workspace.sources,
                outcome: &outcome,
                cx: cohere::finding::Cx {
                    model,
                    analysis: &analysis,
                },
                color: false,
            },
        );
        println!(
            "render {:<9} {:>8.1} ms {:>10} bytes (digest {})",
            format!("{format:?}"),
            t.elapsed().as_secs_f64() * 1e3,
            text.len(),
            digest(&text)
        );
    }
}
