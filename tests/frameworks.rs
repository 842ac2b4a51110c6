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
fn every_official_sdg_indicator_resolves() {
    let model = builtins().model;
    let indicators = ids_of_kind(&model, "sdg", "indicator");
    // The 2025 revision lists 251 ids (234 unique indicators, some under two or three targets).
    assert_eq!(indicators.len(), 251);
    for id in [
        "sdg:8.10.2",
        "sdg:10.3.1",
        "sdg:16.b.1",
        "sdg:10.7.4",
        "sdg:11.c.1",
        "sdg:17.6.1",
        "sdg:2.2.4",
    ] {
        assert!(indicators.contains(&id), "{id}");
    }
    // Every target has at least one, nested under it.
    for target in ids_of_kind(&model, "sdg", "target") {
        let idx = model.element_by_id(target).unwrap();
        assert!(
            model
                .elements
                .iter()
                .any(|e| e.parent == Some(idx) && e.kind == "indicator"),
            "{target} has no indicator"
        );
    }
    let title = |id: &str| {
        model
            .element(model.element_by_id(id).unwrap())
            .title
            .clone()
    };
    assert!(title("sdg:10.7.2").starts_with("Proportion of countries with migration policies"));
}

#[test]
fn an_unknown_indicator_under_a_known_target_lists_that_targets_indicators() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("policy.yaml");
    std::fs::write(
        &file,
        "\
policy: p
title: P
level: national
perspective: destination
measures:
  - id: m
    title: M
    lead: x
    effects:
      - {target: sdg:8.10, score: 1, rationale: More accounts.}
    indicators: [sdg:8.10.2, sdg:8.10.3]
",
    )
    .unwrap();
    let mut request = LoadRequest::new(vec![file]);
    request.config = ConfigChoice::Isolated;
    request.cwd = dir.path().to_path_buf();
    let workspace = load(&request).unwrap();
    let unknown: Vec<_> = workspace
        .findings
        .iter()
        .filter(|f| f.rule.id == "unknown-reference")
        .collect();
    assert_eq!(unknown.len(), 1, "{unknown:?}");
    assert!(unknown[0].message.contains("`sdg:8.10.3`"));
    assert_eq!(
        unknown[0].help.as_deref(),
        Some("target `sdg:8.10` has 2 indicators: `sdg:8.10.1`, `sdg:8.10.2`")
    );
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
    // Issue 13: at least 300 sourced interactions, at least 15% of them negative or recorded as
    // contested, so that the base does not lean towards synergy by construction.
    let total = model.interactions.len();
    assert!(total >= 300, "{total}");
    let negative_or_contested = model
        .interactions
        .iter()
        .filter(|i| i.score.is_negative() || i.contested)
        .count();
    assert!(
        negative_or_contested * 100 >= total * 15,
        "{negative_or_contested} of {total}"
    );
    // Every contested or zero-scored entry, and every entry added since the bibliography,
    // records under `basis` what in its sources supports the score.
    for interaction in &model.interactions {
        if interaction.contested {
            assert!(
                interaction.confidence != cohere::model::vocabulary::Confidence::High,
                "{}: contested but high confidence",
                model.element(interaction.from).id
            );
        }
    }
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
    perspective: transit
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
    perspective: transit
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

#[test]
fn declared_counterparts_carry_an_effect_at_the_same_strength_and_one_way_links_do_not() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("framework.yaml"),
        "\
framework: x
title: X
source: test
elements:
  - {id: a, kind: objective, title: A, links: [x:b, x:c]}
  - {id: b, kind: objective, title: B, links: [x:a]}
  - {id: c, kind: objective, title: C}
  - {id: d, kind: objective, title: D}
  - {id: e, kind: objective, title: E}
",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("knowledge.yaml"),
        "\
knowledge-base: x
title: X
interactions:
  - {from: x:b, to: x:d, score: 2, perspective: any, rationale: B aids D., evidence: [Test]}
  - {from: x:c, to: x:e, score: 2, perspective: any, rationale: C aids E., evidence: [Test]}
",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("policy.yaml"),
        "\
policy: p
title: P
level: national
perspective: destination
measures:
  - id: on-a
    title: Acts on A
    lead: x
    effects:
      - {target: x:a, score: -3, rationale: Sets A back.}
  - id: on-b
    title: Acts on B
    lead: x
    effects:
      - {target: x:b, score: 2, rationale: Advances B.}
",
    )
    .unwrap();
    let mut request = LoadRequest::new(vec![dir.path().to_path_buf()]);
    request.config = ConfigChoice::Isolated;
    request.cwd = dir.path().to_path_buf();
    let workspace = load(&request).unwrap();
    let model = &workspace.model;
    let analysis = cohere::analysis::analyze(&workspace);
    let reached = |measure: &str| -> BTreeMap<String, f64> {
        let idx = model.measure_by_id(measure).unwrap();
        analysis
            .propagation
            .of_measure(idx)
            .filter(|r| !r.is_direct())
            .map(|r| (model.element(r.target).id.to_string(), r.strength))
            .collect()
    };
    // A and B name each other: a measure on A acts on B as on A (-1, not more), and through
    // B on D (-1 × 2/3). C is only named by A, so nothing passes to C or on to E.
    let from_a = reached("p/on-a");
    assert_eq!(from_a.keys().collect::<Vec<_>>(), ["x:b", "x:d"]);
    assert!((from_a["x:b"] + 1.0).abs() < 1e-9, "{from_a:?}");
    assert!((from_a["x:d"] + 2.0 / 3.0).abs() < 1e-9, "{from_a:?}");
    // The other way round, at the measure's own strength.
    let from_b = reached("p/on-b");
    assert!((from_b["x:a"] - 2.0 / 3.0).abs() < 1e-9, "{from_b:?}");
    // The evidence path shows the link as its own step.
    let idx = model.measure_by_id("p/on-a").unwrap();
    let to_d = analysis
        .propagation
        .of_measure(idx)
        .find(|r| model.element(r.target).id.as_str() == "x:d")
        .unwrap();
    let path = analysis.propagation.evidence(model, to_d);
    let steps: Vec<_> = path
        .steps
        .iter()
        .map(|s| (s.kind, s.from.as_str(), s.to.as_str()))
        .collect();
    use cohere::finding::StepKind;
    assert_eq!(
        steps,
        [
            (StepKind::Effect, "p/on-a", "x:a"),
            (StepKind::Link, "x:a", "x:b"),
            (StepKind::Interaction, "x:b", "x:d"),
        ]
    );
}

#[test]
fn the_built_in_counterparts_are_the_one_to_one_crosswalk() {
    let model = builtins().model;
    let links = cohere::analysis::propagation::counterparts(&model);
    let mut pairs: Vec<(String, String)> = Vec::new();
    for (i, counterparts) in links.iter().enumerate() {
        let a = model.elements[i].id.to_string();
        for &c in counterparts {
            let b = model.element(c).id.to_string();
            if a < b {
                pairs.push((a.clone(), b));
            }
        }
    }
    pairs.sort();
    let expected = [
        ("gcm:1", "sdg:17.18"),
        ("gcm:20", "sdg:10.c"),
        ("gcm:4", "sdg:16.9"),
        ("gcm:5", "sdg:10.7"),
    ];
    let pairs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert_eq!(pairs, expected);
    // No crosswalk is scored as an interaction any more: links carry it, at no gain.
    for interaction in &model.interactions {
        let (from, to) = (interaction.from, interaction.to);
        assert!(
            !links[from.index()].contains(&to),
            "{} -> {} is both a link and an interaction",
            model.element(from).id,
            model.element(to).id
        );
    }
}
