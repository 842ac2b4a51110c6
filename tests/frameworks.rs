#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

//! The built-in frameworks and knowledge base: complete, consistent, sourced.

use cohere::model::Model;
use cohere::project::{ConfigChoice, LoadRequest, Workspace, load};
use std::collections::{BTreeMap, BTreeSet};

fn builtins() -> Workspace {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.yaml");
    std::fs::write(&empty, "# nothing\n").unwrap();
    let mut request = LoadRequest::new(vec![empty]);
    request.config = ConfigChoice::Isolated;
    request.cwd = dir.path().to_path_buf();
    load(&request).unwrap()
}

fn ids_of_kind<'a>(model: &'a Model, prefix: &str, kind: &str) -> Vec<&'a str> {
    model
        .elements
        .iter()
        .filter(|e| e.id.prefix() == prefix && e.kind == kind)
        .map(|e| e.id.as_str())
        .collect()
}

#[test]
fn built_in_files_load_without_a_single_finding() {
    let workspace = builtins();
    let analysis = cohere::analysis::analyze(&workspace.model, &workspace.settings);
    let cx = cohere::finding::Cx {
        model: &workspace.model,
        analysis: &analysis,
    };
    let messages: Vec<String> = workspace
        .problems
        .iter()
        .map(cohere::rules::document::finding)
        .map(|f| {
            let at = workspace.sources.resolve(f.location);
            format!("{at}: {} {}", f.rule.id, f.render_ids(cx).message)
        })
        .collect();
    assert!(messages.is_empty(), "{messages:#?}");
}

#[test]
fn sdg_has_17_goals_and_exactly_the_169_targets() {
    let workspace = builtins();
    let goals = ids_of_kind(&workspace.model, "sdg", "goal");
    assert_eq!(goals.len(), 17);
    let targets: BTreeSet<&str> = ids_of_kind(&workspace.model, "sdg", "target")
        .into_iter()
        .collect();
    // The official numbering: numbered targets per goal, then lettered means of implementation.
    let shape: [(u32, u32, &str); 17] = [
        (1, 5, "ab"),
        (2, 5, "abc"),
        (3, 9, "abcd"),
        (4, 7, "abc"),
        (5, 6, "abc"),
        (6, 6, "ab"),
        (7, 3, "ab"),
        (8, 10, "ab"),
        (9, 5, "abc"),
        (10, 7, "abc"),
        (11, 7, "abc"),
        (12, 8, "abc"),
        (13, 3, "ab"),
        (14, 7, "abc"),
        (15, 9, "abc"),
        (16, 10, "ab"),
        (17, 19, ""),
    ];
    let mut expected = BTreeSet::new();
    for (goal, numbered, lettered) in shape {
        for n in 1..=numbered {
            expected.insert(format!("sdg:{goal}.{n}"));
        }
        for letter in lettered.chars() {
            expected.insert(format!("sdg:{goal}.{letter}"));
        }
    }
    let expected: BTreeSet<&str> = expected.iter().map(String::as_str).collect();
    assert_eq!(expected.len(), 169);
    assert_eq!(targets, expected);
    // Every target nests under its goal.
    for element in workspace
        .model
        .elements
        .iter()
        .filter(|e| e.kind == "target")
    {
        let parent = workspace.model.element(element.parent.unwrap());
        let goal = element
            .id
            .as_str()
            .trim_start_matches("sdg:")
            .split('.')
            .next()
            .unwrap();
        assert_eq!(parent.id.as_str(), format!("sdg:{goal}"));
    }
}

#[test]
fn frameworks_have_the_expected_counts() {
    let model = builtins().model;
    let count = |prefix, kind| ids_of_kind(&model, prefix, kind).len();
    assert_eq!(
        (count("migof", "principle"), count("migof", "objective")),
        (3, 3)
    );
    assert_eq!(
        (count("gcm", "objective"), count("gcm", "principle")),
        (23, 10)
    );
    assert_eq!(count("pcsd", "principle"), 8);
    assert_eq!(count("capacity", "capacity"), 4);
    assert!(count("group", "group") >= 10);
    for framework in &model.frameworks {
        assert!(
            !framework.source.is_empty(),
            "{} has no source",
            framework.id
        );
    }
}

#[test]
fn the_migration_knowledge_base_is_sourced_and_covers_every_migration_target() {
    let model = builtins().model;
    // Every interaction states its perspective explicitly (the default, `any`, is not assumed).
    let text = include_str!("../frameworks/interactions/migration.yaml");
    assert_eq!(
        text.matches("\n  - from: ").count(),
        text.matches("\n    perspective: ").count()
    );
    assert!(
        model.interactions.len() >= 60,
        "{}",
        model.interactions.len()
    );
    let mut involvement: BTreeMap<&str, usize> = BTreeMap::new();
    for interaction in &model.interactions {
        let name = format!(
            "{} -> {}",
            model.element(interaction.from).id,
            model.element(interaction.to).id
        );
        let rationale = interaction.rationale.as_deref().unwrap_or_default();
        assert!(rationale.len() > 20, "{name}: no rationale");
        assert!(!interaction.evidence.is_empty(), "{name}: no evidence");
        *involvement
            .entry(model.element(interaction.from).id.as_str())
            .or_default() += 1;
        *involvement
            .entry(model.element(interaction.to).id.as_str())
            .or_default() += 1;
    }
    let migration: Vec<_> = model
        .elements
        .iter()
        .filter(|e| e.has_tag("migration"))
        .collect();
    assert!(migration.len() >= 14);
    for element in migration {
        let n = involvement.get(element.id.as_str()).copied().unwrap_or(0);
        assert!(n >= 2, "{} takes part in {n} interactions", element.id);
    }
}

#[test]
fn a_repository_knowledge_base_is_merged_with_the_built_in_one() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("cohere.yaml"),
        "perspective: destination\nknowledge-bases: [migration, knowledge/local.yaml]\npolicies: ['policies/**/*.yaml']\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("knowledge")).unwrap();
    std::fs::write(
        dir.path().join("knowledge/local.yaml"),
        "\
knowledge-base: local
title: Northland's own interactions
interactions:
  - from: gcm:18
    to: sdg:3.8
    score: 1
    perspective: destination
    rationale: Recognising foreign nursing diplomas lets trained migrants work as nurses.
    evidence: [\"Northland Nursing Council, Annual report, 2025\"]
",
    )
    .unwrap();
    let mut request = LoadRequest::new(vec![]);
    request.cwd = dir.path().to_path_buf();
    let workspace = load(&request).unwrap();
    assert!(workspace.problems.is_empty(), "{:?}", workspace.problems);
    let model = &workspace.model;
    let ids: Vec<_> = model
        .knowledge_bases
        .iter()
        .map(|k| k.id.as_str())
        .collect();
    assert_eq!(ids, ["migration", "local"]);
    let built_in = model.knowledge_bases[0].interactions.len();
    assert_eq!(model.interactions.len(), built_in + 1);
    let local = model.interaction(model.knowledge_bases[1].interactions[0]);
    assert_eq!(model.element(local.from).id.as_str(), "gcm:18");
    assert_eq!(model.element(local.to).id.as_str(), "sdg:3.8");

    // Leaving the built-in name out leaves the built-in base out.
    std::fs::write(
        dir.path().join("cohere.yaml"),
        "perspective: destination\nknowledge-bases: [knowledge/local.yaml]\n",
    )
    .unwrap();
    let workspace = load(&request).unwrap();
    assert_eq!(workspace.model.interactions.len(), 1);
}
