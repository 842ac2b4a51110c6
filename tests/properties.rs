//! Properties that hold on any repository (proptest): generated repositories of random sizes and
//! seeds, and arbitrary text.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use cohere::lint::{LintOptions, lint};
use cohere::output::{Format, RenderContext, render};
use cohere::project::{ConfigChoice, LoadRequest, load};
use cohere_bench_gen::{Workload, generate};
use proptest::prelude::*;
use std::path::Path;

/// Lints the project in `dir` and renders it as JSON and as text.
fn lint_project(dir: &Path) -> (String, String) {
    let mut request = LoadRequest::new(Vec::new());
    request.cwd = dir.to_path_buf();
    request.config = ConfigChoice::File(dir.join("cohere.yaml"));
    let workspace = load(&request).unwrap();
    let analysis = cohere::analysis::analyze(&workspace);
    let outcome = lint(&workspace, &analysis, &LintOptions::default());
    let context = RenderContext {
        sources: &workspace.sources,
        outcome: &outcome,
        color: false,
    };
    (
        render(Format::Json, &context),
        render(Format::Text, &context),
    )
}

/// Writes the workload's files in the given order of their indices.
fn write_in_order(workload: &Workload, dir: &Path, order: &[usize]) {
    for &i in order {
        let file = &workload.files[i];
        let path = dir.join(&file.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &file.text).unwrap();
    }
}

/// The findings of a JSON output, each as a line of JSON without its fingerprint (a digest of
/// the ids, which a rename changes), sorted.
fn findings_without_fingerprints(json: &str) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    let mut lines: Vec<String> = value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let mut f = f.clone();
            f.as_object_mut().unwrap().remove("fingerprint");
            f.to_string()
        })
        .collect();
    lines.sort();
    lines
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn output_is_the_same_across_runs_and_file_orders(
        measures in 1usize..60,
        seed in any::<u64>(),
        shuffle in any::<u64>(),
    ) {
        let workload = generate(measures, seed);
        let n = workload.files.len();
        let forward: Vec<usize> = (0..n).collect();
        // A seeded permutation of the files, for the order they are created on disk.
        let mut shuffled = forward.clone();
        let mut state = shuffle;
        for i in (1..n).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (state >> 33) as usize % (i + 1));
        }
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        write_in_order(&workload, a.path(), &forward);
        write_in_order(&workload, b.path(), &shuffled);
        let first = lint_project(a.path());
        let again = lint_project(a.path());
        let other_order = lint_project(b.path());
        prop_assert_eq!(&first, &again);
        prop_assert_eq!(&first, &other_order);
    }

    #[test]
    fn renaming_a_measure_changes_the_findings_only_by_its_name(
        measures in 2usize..60,
        seed in any::<u64>(),
        pick in any::<prop::sample::Index>(),
    ) {
        let workload = generate(measures, seed);
        // Measure ids are `m` and six digits, then words; the new name keeps the length, so
        // that every location stays where it was.
        let number = pick.index(measures) + 1;
        let old = format!("m{number:06}-");
        let new = format!("r{number:06}-");
        let mut renamed = workload.clone();
        for file in &mut renamed.files {
            file.text = file.text.replace(&old, &new);
        }
        prop_assert_ne!(&renamed, &workload);
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        workload.write_to(a.path()).unwrap();
        renamed.write_to(b.path()).unwrap();
        let (before, _) = lint_project(a.path());
        let (after, _) = lint_project(b.path());
        let before = findings_without_fingerprints(&before);
        let mut after: Vec<String> = findings_without_fingerprints(&after)
            .into_iter()
            .map(|f| f.replace(&new, &old))
            .collect();
        after.sort();
        prop_assert_eq!(before, after);
    }
}

/// YAML-looking text: lines of keys cohere knows, values of every kind, odd indentation.
fn yamlish() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "policy",
        "title",
        "level",
        "perspective",
        "measures",
        "id",
        "effects",
        "target",
        "score",
        "where",
        "when",
        "lead",
        "indicators",
        "excludes",
        "group",
        "from",
        "interactions",
        "with",
        "knowledge-base",
        "framework",
        "elements",
        "institutions",
        "mechanisms",
        "members",
        "to",
        "assessments",
        "upholds",
        "strains",
        "name",
    ]);
    let value = prop::sample::select(vec![
        "",
        "2",
        "-3",
        "4",
        "1.5",
        "x",
        "sdg:10.7",
        "sdg:3.8",
        "gcm:5",
        "group:refugees",
        "[sdg:10.7, gcm:5]",
        "{a: 1}",
        "&a x",
        "*a",
        "~",
        "national",
        "destination",
        "|",
        "\"q\"",
        "'q'",
        "- a",
        "?",
        ":",
        "#c",
        "!!str 1",
        "elsewhere",
        "later",
    ]);
    let line = (0usize..5, prop::bool::ANY, key, value).prop_map(|(indent, dash, k, v)| {
        format!(
            "{}{}{k}: {v}",
            "  ".repeat(indent),
            if dash { "- " } else { "" }
        )
    });
    prop::collection::vec(line, 0..30).prop_map(|lines| lines.join("\n"))
}

/// Lints `text` as a file named `draft.yaml`, rendering every format; must not panic.
fn lint_text(text: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.yaml");
    std::fs::write(&path, text).unwrap();
    let mut request = LoadRequest::new(vec![path]);
    request.config = ConfigChoice::Isolated;
    request.cwd = dir.path().to_path_buf();
    let workspace = load(&request).unwrap();
    let analysis = cohere::analysis::analyze(&workspace);
    let outcome = lint(&workspace, &analysis, &LintOptions::default());
    for format in [
        Format::Text,
        Format::Concise,
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::Junit,
        Format::Markdown,
    ] {
        let context = RenderContext {
            sources: &workspace.sources,
            outcome: &outcome,
            color: false,
        };
        let _ = render(format, &context);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn linting_never_panics_on_arbitrary_text(text in any::<String>()) {
        lint_text(&text);
    }

    #[test]
    fn linting_never_panics_on_yaml_looking_text(text in yamlish()) {
        lint_text(&text);
    }
}
