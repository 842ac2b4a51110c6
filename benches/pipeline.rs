//! Criterion benchmarks of each stage of a lint run on a generated repository:
//! `cargo bench --bench pipeline` (`-- SELECTOR` to run some). The repository has
//! `COHERE_BENCH_MEASURES` measures (default 1,000), from `cohere_bench_gen` with seed 1.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use cohere::analysis::coverage::Coverage;
use cohere::analysis::propagation::Propagation;
use cohere::analysis::{Analysis, analyze, coherence_index};
use cohere::document::read_document;
use cohere::graph::InteractionGraph;
use cohere::lint::{LintOptions, lint};
use cohere::model::build::{BuildOptions, SourcedDocument, build};
use cohere::output::{Format, RenderContext, render};
use cohere::project::{ConfigChoice, LoadRequest, Workspace, load};
use cohere::rules::{Category, Context, RULES};
use cohere::source::FileId;
use cohere::yaml::{Limits, parse_documents};
use cohere_bench_gen::generate;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

fn measures() -> usize {
    std::env::var("COHERE_BENCH_MEASURES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000)
}

struct Fixture {
    _dir: tempfile::TempDir,
    request: LoadRequest,
    texts: Vec<String>,
    workspace: Workspace,
    analysis: Analysis,
}

fn fixture() -> Fixture {
    let workload = generate(measures(), 1);
    let dir = tempfile::tempdir().unwrap();
    workload.write_to(dir.path()).unwrap();
    let mut request = LoadRequest::new(Vec::new());
    request.cwd = dir.path().to_path_buf();
    request.config = ConfigChoice::File(dir.path().join("cohere.yaml"));
    let workspace = load(&request).unwrap();
    let analysis = analyze(&workspace);
    let mut texts: Vec<String> = cohere::project::builtin::BUILT_INS
        .iter()
        .map(|b| b.text.to_string())
        .collect();
    texts.extend(
        workload
            .files
            .iter()
            .filter(|f| f.path != "cohere.yaml")
            .map(|f| f.text.clone()),
    );
    Fixture {
        _dir: dir,
        request,
        texts,
        workspace,
        analysis,
    }
}

fn documents(texts: &[String]) -> Vec<SourcedDocument> {
    let mut documents = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        for node in parse_documents(text, &Limits::default()).unwrap() {
            if let (Some(document), _) = read_document(&node) {
                documents.push(SourcedDocument {
                    file: FileId(i as u32),
                    document,
                });
            }
        }
    }
    documents
}

fn benches(c: &mut Criterion) {
    let f = fixture();
    let model = &f.workspace.model;
    let settings = &f.workspace.settings;

    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    group.bench_function("read and parse the repository (all cores)", |b| {
        b.iter(|| black_box(load(&f.request).unwrap()))
    });
    group.bench_function("parse YAML and read documents (one core)", |b| {
        b.iter(|| black_box(documents(&f.texts)))
    });
    group.bench_function("validate the model", |b| {
        let options = BuildOptions {
            default_perspective: settings.default_perspective,
            extra_sectors: settings.sectors.clone(),
        };
        b.iter_batched(
            || documents(&f.texts),
            |documents| black_box(build(documents, &options)),
            BatchSize::LargeInput,
        )
    });
    group.finish();

    let mut group = c.benchmark_group("analysis");
    group.sample_size(10);
    group.bench_function("graph", |b| {
        b.iter(|| black_box(InteractionGraph::build(model)))
    });
    group.bench_function("propagation", |b| {
        b.iter(|| {
            black_box(Propagation::compute(
                model,
                &f.analysis.graph,
                &settings.thresholds,
            ))
        })
    });
    group.bench_function("coverage", |b| {
        b.iter(|| black_box(Coverage::compute(model, &f.analysis.propagation, settings)))
    });
    group.bench_function("coherence index", |b| {
        b.iter(|| black_box(coherence_index::compute(model, &f.analysis.propagation)))
    });
    group.finish();

    let context = Context {
        model,
        settings,
        analysis: &f.analysis,
        sources: &f.workspace.sources,
        project_file: f.workspace.project.as_ref().map(|p| p.file),
    };
    let mut group = c.benchmark_group("rules");
    group.sample_size(10);
    for category in Category::ALL {
        let checks: Vec<_> = RULES
            .iter()
            .filter(|r| r.meta.category == category)
            .filter_map(|r| r.check)
            .collect();
        if checks.is_empty() {
            continue;
        }
        group.bench_function(category.as_str(), |b| {
            b.iter(|| {
                let mut out = Vec::new();
                for check in &checks {
                    check(&context, &mut out);
                }
                black_box(out)
            })
        });
    }
    group.bench_function("lint (every rule, levels, suppressions, sorting)", |b| {
        b.iter(|| black_box(lint(&f.workspace, &f.analysis, &LintOptions::default())))
    });
    group.finish();

    let outcome = lint(&f.workspace, &f.analysis, &LintOptions::default());
    let render_context = RenderContext {
        sources: &f.workspace.sources,
        outcome: &outcome,
        color: false,
    };
    let mut group = c.benchmark_group("render");
    group.sample_size(10);
    for (name, format) in [
        ("text", Format::Text),
        ("concise", Format::Concise),
        ("json", Format::Json),
        ("sarif", Format::Sarif),
        ("github", Format::Github),
        ("junit", Format::Junit),
        ("markdown", Format::Markdown),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| black_box(render(format, &render_context)))
        });
    }
    group.finish();
}

criterion_group! {
    name = pipeline;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = benches
}
criterion_main!(pipeline);
