//! Every rule: documented, with a fixture that triggers it and one that must not.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use cohere::lint::{LintOptions, lint};
use cohere::project::{ConfigChoice, LoadRequest, load};
use cohere::rules::{RULES, examples};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn fixture_dir(rule: &str, case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rules")
        .join(rule)
        .join(case)
}

/// The rule ids a fixture directory triggers, linted as a user would: with its own
/// cohere.yaml if it has one, else with the built-in defaults.
fn rules_triggered(dir: &Path) -> Vec<(String, String)> {
    let project = dir.join("cohere.yaml");
    let mut request = LoadRequest::new(if project.exists() {
        vec![]
    } else {
        vec![dir.to_path_buf()]
    });
    request.cwd = dir.to_path_buf();
    request.config = if project.exists() {
        ConfigChoice::File(project)
    } else {
        ConfigChoice::Isolated
    };
    let workspace = load(&request).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let analysis = cohere::analysis::analyze(&workspace.model, &workspace.settings);
    let outcome = lint(&workspace, &analysis, &LintOptions::default());
    outcome
        .findings
        .iter()
        .map(|f| {
            let cx = cohere::finding::Cx {
                model: &workspace.model,
                analysis: &analysis,
            };
            (f.rule.id.to_string(), f.render_ids(cx).message)
        })
        .collect()
}

#[test]
fn rule_ids_are_unique_kebab_case_and_documented() {
    let mut seen = BTreeSet::new();
    for rule in RULES {
        let meta = rule.meta;
        assert!(seen.insert(meta.id), "`{}` is registered twice", meta.id);
        assert!(
            meta.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "`{}` is not kebab-case",
            meta.id
        );
        for (part, text) in [
            ("summary", meta.summary),
            ("what", meta.what),
            ("why", meta.why),
            ("fix", meta.fix),
        ] {
            assert!(text.len() >= 20, "`{}` has no real `{part}`", meta.id);
        }
        assert!(
            !meta.summary.ends_with('.'),
            "`{}`: summaries are phrases",
            meta.id
        );
    }
}

#[test]
fn every_rule_triggers_on_its_failing_fixture() {
    for rule in RULES {
        let dir = fixture_dir(rule.meta.id, "fail");
        assert!(
            dir.is_dir(),
            "`{}` has no failing fixture at {}",
            rule.meta.id,
            dir.display()
        );
        let found = rules_triggered(&dir);
        assert!(
            found.iter().any(|(id, _)| id == rule.meta.id),
            "`{}` did not trigger on its failing fixture; found {found:#?}",
            rule.meta.id
        );
    }
}

#[test]
fn every_rule_stays_silent_on_its_passing_fixture() {
    for rule in RULES {
        let dir = fixture_dir(rule.meta.id, "pass");
        assert!(dir.is_dir(), "`{}` has no passing fixture", rule.meta.id);
        let found = rules_triggered(&dir);
        let own: Vec<_> = found.iter().filter(|(id, _)| id == rule.meta.id).collect();
        assert!(
            own.is_empty(),
            "`{}` triggered on its passing fixture: {own:#?}",
            rule.meta.id
        );
    }
}

#[test]
fn explain_shows_the_fixtures_as_examples() {
    for rule in RULES {
        assert!(
            examples(rule.meta.id, false).next().is_some(),
            "`{}`: no failing example",
            rule.meta.id
        );
        assert!(
            examples(rule.meta.id, true).next().is_some(),
            "`{}`: no passing example",
            rule.meta.id
        );
        let text = cohere::rules::explain(rule.meta);
        for heading in [
            "What it finds",
            "Why it matters",
            "Example that triggers it",
            "Example that does not",
            "How to fix",
        ] {
            assert!(
                text.contains(heading),
                "`{}` explain lacks {heading}",
                rule.meta.id
            );
        }
    }
}

#[test]
fn fixtures_belong_to_registered_rules() {
    let registered: BTreeSet<_> = RULES.iter().map(|r| r.meta.id).collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    for entry in std::fs::read_dir(root).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            registered.contains(name.as_str()),
            "fixture `{name}` has no rule"
        );
    }
}

#[test]
fn docs_rules_md_is_generated_from_the_rules() {
    let committed =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md"))
            .unwrap();
    assert!(
        committed == cohere::rules::rules_markdown(),
        "docs/rules.md is stale: run `cargo run -- rules --format markdown > docs/rules.md`"
    );
}

#[test]
fn floor_breach_tells_a_binding_obligation_from_a_political_commitment() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("policy.yaml"),
        "\
policy: border
title: Border programme
level: national
perspective: destination
measures:
  - id: pushbacks
    title: Return boats intercepted at sea to the port they left, without screening
    lead: coastguard
    effects:
      - target: rights:non-refoulement
        score: -3
        rationale: People are sent back without any assessment of the risk they face.
  - id: mandatory-detention
    title: Mandatory detention of all irregular arrivals
    lead: interior
    strains: [gcm:13]
",
    )
    .unwrap();
    let floor: Vec<(String, String)> = rules_triggered(dir.path())
        .into_iter()
        .filter(|(rule, _)| rule == "floor-breach")
        .collect();
    assert_eq!(floor.len(), 2, "{floor:?}");
    let about = |measure: &str| {
        floor
            .iter()
            .find(|(_, m)| m.contains(measure))
            .map(|(_, m)| m.clone())
            .unwrap()
    };
    // Non-refoulement is on the default floor, as a binding obligation.
    assert!(
        about("pushbacks").contains("a binding obligation"),
        "{}",
        about("pushbacks")
    );
    // The GCM's objectives are not binding, and the finding says so.
    let detention = about("mandatory-detention");
    assert!(
        detention.contains("a political commitment") && detention.contains("not legally binding"),
        "{detention}"
    );
}

/// The findings of a fixture directory under tests/fixtures/, as (rule, message) pairs.
fn findings_of(dir: &str) -> Vec<(String, String)> {
    rules_triggered(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(dir),
    )
}

#[test]
fn where_names_one_side_of_the_corridor_or_both() {
    // A destination country's nurse recruitment sets SDG 3.c back `where:` the case says; an
    // origin country's retention plan advances 3.c at home. Labelled before running: they
    // meet in origin countries (`origin`, `elsewhere`), not in transit countries.
    let conflicts = |case: &str| -> Vec<String> {
        findings_of(&format!("where/{case}"))
            .into_iter()
            .filter(|(rule, _)| rule == "direct-conflict")
            .map(|(_, message)| message)
            .collect()
    };
    let origin = conflicts("origin");
    assert_eq!(origin.len(), 1, "{origin:?}");
    assert!(origin[0].contains("in origin countries"), "{origin:?}");
    assert!(conflicts("transit").is_empty());
    let elsewhere = conflicts("elsewhere");
    assert_eq!(elsewhere.len(), 1, "{elsewhere:?}");
    assert!(elsewhere[0].contains("in origin and transit countries"));

    // A cost on one side is still a cost elsewhere, named by its side.
    let transit = findings_of("where/transit");
    let spillover: Vec<_> = transit.iter().filter(|(r, _)| r == "spillover").collect();
    assert_eq!(spillover.len(), 1, "{transit:?}");
    assert!(spillover[0].1.contains("costs in transit countries"));
    assert!(
        transit
            .iter()
            .any(|(r, m)| r == "unilateral-spillover" && m.contains("in transit countries (-2)")),
        "{transit:?}"
    );
}

#[test]
fn where_naming_the_policys_own_side_is_reported_and_read_as_here() {
    let found = findings_of("where/own-side");
    let schema: Vec<_> = found.iter().filter(|(r, _)| r == "schema").collect();
    assert_eq!(schema.len(), 1, "{found:?}");
    assert!(
        schema[0]
            .1
            .contains("`where: destination` names the policy's own side")
    );
    // Read as `here`: no cost elsewhere, so nothing about other countries.
    for rule in ["spillover", "unilateral-spillover", "unvoiced-burden"] {
        assert!(!found.iter().any(|(r, _)| r == rule), "{rule}: {found:?}");
    }
}

#[test]
fn a_duplicate_definitions_contents_are_still_checked() {
    // The copy of a measure (same id) has a misspelt lead and an off-scale score; the copy of a
    // policy (same id) has a misspelt target. Each is reported beside the duplicate id, so that
    // fixing the id reveals nothing new.
    let found = findings_of("duplicates");
    let has = |rule: &str, words: &str| found.iter().any(|(r, m)| r == rule && m.contains(words));
    assert!(
        has("duplicate-id", "measure `seasonal-work/seasonal-visa`"),
        "{found:?}"
    );
    assert!(has("duplicate-id", "policy `seasonal-work`"), "{found:?}");
    assert!(has("unknown-reference", "`ministry-of-labor`"), "{found:?}");
    assert!(
        has("invalid-score", "`5` is outside the scale"),
        "{found:?}"
    );
    assert!(has("unknown-reference", "`sdg:10.77`"), "{found:?}");
    assert_eq!(found.len(), 5, "{found:?}");
}

#[test]
fn a_measure_opening_a_gateway_is_a_synergy_with_the_service_behind_it() {
    // Labelled before running: a +2 on legal identity (16.9, tagged `gateway`) opens the health
    // coverage (3.8) another ministry's measure gives, through the knowledge base's sourced
    // 16.9 → 3.8: one synergy naming both. A +1 is not a strong enough gateway; a service for
    // everyone (more nurses) is not one that migrants' documents open; a permit that advances
    // 3.8 itself shares the target, which the shared synergy reports once.
    let synergies = |case: &str| -> Vec<String> {
        findings_of(&format!("gateway/{case}"))
            .into_iter()
            .filter(|(rule, _)| rule == "synergy")
            .map(|(_, message)| message)
            .collect()
    };
    let opens = synergies("opens");
    assert_eq!(opens.len(), 1, "{opens:?}");
    assert!(
        opens[0].starts_with("`temporary-permit/issue-permits` opens the way to `sdg:3.8`")
            && opens[0].contains("which `health-affiliation/enrol-permit-holders` advances")
            && opens[0].contains("`sdg:16.9` → `sdg:3.8`"),
        "{opens:?}"
    );
    assert!(synergies("weak").is_empty());
    assert!(synergies("for-everyone").is_empty());
    let shared = synergies("shared");
    assert_eq!(shared.len(), 1, "{shared:?}");
    assert!(
        shared[0].starts_with("2 measures of 2 policies advance `sdg:3.8`"),
        "{shared:?}"
    );
}

#[test]
fn a_safeguard_on_ones_own_measure_is_not_a_conflict_with_it() {
    // Labelled before running: the same ministry's red-list code (+1) limits its own nurse
    // recruitment (-2 on 3.c): a mitigation, no direct conflict. The same +1 led by another
    // institution (a development agency training nurses), without the ministry as a partner,
    // is work the recruitment undoes.
    let conflicts = |case: &str| -> Vec<String> {
        findings_of(&format!("mitigation/{case}"))
            .into_iter()
            .filter(|(rule, _)| rule == "direct-conflict")
            .map(|(_, message)| message)
            .collect()
    };
    assert!(conflicts("code").is_empty(), "{:?}", conflicts("code"));
    let repair = conflicts("repair");
    assert_eq!(repair.len(), 1, "{repair:?}");
    assert!(
        repair[0].contains("which `nurse-recruitment/fund-nurse-training` advances"),
        "{repair:?}"
    );
}

#[test]
fn weak_chains_from_a_gain_are_a_caveat_not_a_conflict_and_weak_loops_are_not_reported() {
    // Labelled before running. A permit's +2 on 10.7 reaches schooling through the knowledge
    // base's -1 (unplanned arrivals strain classrooms): -0.22 from a gain, no conflict. A tied
    // visa's own -1 on 8.8 reaches 8.7 at -0.22: a conflict with the forced-labour inspections.
    let of = |case: &str, rule: &str| -> Vec<String> {
        findings_of(&format!("weak-chains/{case}"))
            .into_iter()
            .filter(|(r, _)| r == rule)
            .map(|(_, message)| message)
            .collect()
    };
    assert!(of("gain", "indirect-conflict").is_empty());
    let cost = of("cost", "indirect-conflict");
    assert_eq!(cost.len(), 1, "{cost:?}");
    assert!(
        cost[0].starts_with("`seasonal-work/tied-seasonal-visa` undermines `sdg:8.7`")
            && cost[0].contains("`anti-trafficking/forced-labour-inspections` advances"),
        "{cost:?}"
    );
    // A balancing loop of -0.11 (1.3 → 10.7 → 1.3) is under the default path-strength (0.2):
    // not reported; a project that follows chains down to 0.1 sees it.
    assert!(of("loop", "feedback-loop").is_empty());
    let low = of("loop-threshold", "feedback-loop");
    assert_eq!(low.len(), 1, "{low:?}");
    assert!(low[0].starts_with("balancing loop"), "{low:?}");
}

/// Every did-you-mean carries the text it proposes, typed: the language server's quick fix
/// writes exactly that at the finding's place (a whole id, not the framework alone).
#[test]
fn a_did_you_mean_carries_its_replacement() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("draft.yaml");
    std::fs::write(
        &draft,
        "policy: p
title: T
level: national
perspective: destination
measures:
  - id: m
    title: M
    efects: []
    effects:
      - target: sgd:10.7
        score: 2
      - target: sdg:10.7.1
        score: 1
      - target: sdg:10.8
        score: 1
        when: latr
      - target: xyz:1
        score: 1
",
    )
    .unwrap();
    let mut request = LoadRequest::new(vec![draft]);
    request.config = ConfigChoice::Isolated;
    let workspace = load(&request).unwrap();
    let analysis = cohere::analysis::analyze(&workspace.model, &workspace.settings);
    let outcome = lint(&workspace, &analysis, &LintOptions::default());
    let cx = cohere::finding::Cx {
        model: &workspace.model,
        analysis: &analysis,
    };
    let mut replacements: Vec<(String, Option<String>)> = outcome
        .findings
        .iter()
        .filter(|f| ["unknown-reference", "schema"].contains(&f.rule.id))
        .map(|f| {
            let at = workspace
                .sources
                .get(f.location.file)
                .slice(f.location.span);
            (at.to_string(), f.replacement(cx))
        })
        .collect();
    replacements.sort();
    let expected: Vec<(String, Option<String>)> = [
        ("efects", Some("effects")),
        ("latr", Some("later")),
        ("sdg:10.7.1", Some("sdg:10.7")),
        ("sdg:10.8", Some("sdg:10.7")),
        ("sgd:10.7", Some("sdg:10.7")),
        ("xyz:1", None),
    ]
    .into_iter()
    .map(|(at, meant)| (at.to_string(), meant.map(str::to_string)))
    .collect();
    assert_eq!(replacements, expected);
}
