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
    let messages: Vec<String> = workspace
        .findings
        .iter()
        .map(|f| {
            let at = workspace.sources.resolve(f.primary.location);
            format!("{at}: {} {}", f.rule.id, f.message)
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
        !text.contains("\n    evidence:") && !text.contains("\n    assessments:"),
        "the built-in base cites the bibliography by id and records no unpublished scores"
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
        // Built-in interactions cite the bibliography by id, never free text: each source is
        // written once there, with its DOI or address.
        assert!(!interaction.sources.is_empty(), "{name}: no citation");
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
fn every_reference_has_a_doi_or_an_address_and_every_citation_resolves() {
    let workspace = builtins();
    let model = &workspace.model;
    assert!(model.references.len() >= 50, "{}", model.references.len());
    let mut ids = BTreeSet::new();
    for reference in &model.references {
        assert!(ids.insert(reference.id.as_str()), "{} twice", reference.id);
        assert!(
            reference.doi.is_some() || reference.url.is_some(),
            "{} has neither a doi nor a url",
            reference.id
        );
        assert!(
            reference.verified.is_some(),
            "{}: not recorded how it was checked",
            reference.id
        );
        for field in [&reference.authors, &reference.title, &reference.year] {
            assert!(!field.is_empty(), "{}: empty field", reference.id);
        }
    }
    // The built-in files cite only ids the bibliography has: an unknown id would be an
    // `unknown-reference` finding, and the built-in files load without any.
    let unknown: Vec<_> = workspace
        .findings
        .iter()
        .filter(|f| f.rule.id == "unknown-reference")
        .map(|f| f.message.clone())
        .collect();
    assert!(unknown.is_empty(), "{unknown:?}");
    // The text cites by id: every id written under `sources:` is in the bibliography.
    let text = include_str!("../frameworks/interactions/migration.yaml");
    let mut lines = text.lines().peekable();
    let mut cited = 0;
    while let Some(line) = lines.next() {
        if line.trim() == "sources:" {
            while let Some(item) = lines.next_if(|l| l.starts_with("      - ")) {
                let id = item
                    .trim_start_matches("      - ")
                    .split(',')
                    .next()
                    .unwrap();
                assert!(ids.contains(id.trim()), "unknown reference `{id}`");
                cited += 1;
            }
        }
    }
    assert!(cited >= model.interactions.len());
}

#[test]
fn a_citation_of_an_unknown_reference_is_a_finding_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("knowledge.yaml");
    std::fs::write(
        &file,
        "\
knowledge-base: local
title: Local interactions
interactions:
  - from: sdg:16.9
    to: sdg:4.1
    score: 2
    perspective: destination
    rationale: A birth certificate opens school enrolment.
    sources:
      - nicolai-wales-aiazzi-2017
      - nicolai-wales-aiazi-2017
",
    )
    .unwrap();
    let mut request = LoadRequest::new(vec![file]);
    request.config = ConfigChoice::Isolated;
    request.cwd = dir.path().to_path_buf();
    let workspace = load(&request).unwrap();
    let found: Vec<_> = workspace
        .findings
        .iter()
        .map(|f| {
            let at = workspace.sources.resolve(f.primary.location);
            (f.rule.id, at.start.line, f.message.clone(), f.help.clone())
        })
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    let (rule, line, message, help) = &found[0];
    assert_eq!(*rule, "unknown-reference");
    assert_eq!(*line, 11);
    assert!(message.contains("`nicolai-wales-aiazi-2017`"), "{message}");
    assert!(
        help.as_deref()
            .unwrap_or_default()
            .contains("nicolai-wales-aiazzi-2017"),
        "{help:?}"
    );
    // The known id is resolved to the full reference, with its address.
    let interaction = &workspace.model.interactions[workspace.model.interactions.len() - 1];
    assert_eq!(interaction.sources.len(), 1);
    assert!(
        interaction.evidence[0].contains("Education, migration and the 2030 Agenda")
            && interaction.evidence[0].contains("https://"),
        "{:?}",
        interaction.evidence
    );
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
    assert!(workspace.findings.is_empty(), "{:?}", workspace.findings);
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
