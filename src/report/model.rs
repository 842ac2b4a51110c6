//! The report model: everything the report says, computed once, read by every renderer.
//!
//! Numbers are rounded here (two decimals) and every list is sorted here, so that the HTML,
//! the Markdown and the JSON say the same things in the same order, byte for byte on every run.

use super::plain;
use crate::analysis::Analysis;
use crate::analysis::coherence_index::{FORMULA, Weights};
use crate::analysis::coverage::Reached;
use crate::analysis::influence::{self, CrossImpact, admits_for, targets_in_play};
use crate::analysis::propagation::SEMANTICS;
use crate::config::{RuleLevel, SourceRef, Thresholds};
use crate::diagnostic::{Category, Headline, Section};
use crate::diagram::{Diagram, DiagramOptions};
use crate::finding::{Cx, EvidencePath, Finding, Ids, Rendered, Severity};
use crate::lint::LintOutcome;
use crate::model::{MeasureIdx, Model, Score};
use crate::project::Workspace;
use crate::rules::{CATALOG, RULES};
use crate::source::{Origin, SourceMap};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The seed of the rank-stability runs: the year of Weitz et al.'s paper, as `cohere rank`.
pub const STABILITY_SEED: u64 = 2018;
/// How many perturbed runs test the ranking.
pub const STABILITY_RUNS: usize = 200;
/// The k of "stays in the top k".
pub const STABILITY_TOP: usize = 7;
/// How many cost effects are listed one by one before the rest are counted.
pub const MAX_COST_ROWS: usize = 60;

/// How many findings a section details (with paths and evidence) before counting the rest.
pub const MAX_DETAILED: usize = 40;
/// How many findings a table lists before counting the rest.
pub const MAX_LISTED: usize = 500;
/// How many policies a table of policies (or the policy matrix) shows before counting the rest.
pub const MAX_POLICIES: usize = 30;
/// How many measures a row names before counting the rest (the tables show fewer).
pub const MAX_NAMED: usize = 50;

/// A list cut at a length, with the number of items left out: long reports stay readable
/// and printable, and say what they leave out (`cohere lint` lists everything).
#[derive(Clone, Debug, Serialize)]
pub struct Capped<T> {
    /// The items shown, most important first.
    pub items: Vec<T>,
    /// How many more there are.
    pub more: usize,
}

impl<T> Capped<T> {
    /// The first `max` of `items`.
    pub fn new(mut items: Vec<T>, max: usize) -> Self {
        let more = items.len().saturating_sub(max);
        items.truncate(max);
        Capped { items, more }
    }

    /// The first `max` of `items`, each made with `make`; the rest are only counted.
    pub fn first<I: ExactSizeIterator>(
        items: I,
        max: usize,
        make: impl FnMut(I::Item) -> T,
    ) -> Self {
        let more = items.len().saturating_sub(max);
        Capped {
            items: items.take(max).map(make).collect(),
            more,
        }
    }
}

impl<T> Capped<T> {
    /// How many there are in all, shown or not.
    pub fn total(&self) -> usize {
        self.items.len() + self.more
    }
}

impl<T> std::ops::Deref for Capped<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.items
    }
}

impl<'a, T> IntoIterator for &'a Capped<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

/// Choices made on the command line.
#[derive(Clone, Debug, Default)]
pub struct ReportOptions {
    /// A date to print; none by default, so that the same input gives the same bytes.
    pub date: Option<String>,
}

/// The whole report.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// The title: `report.title`, else the project's `name`, else a generic one.
    pub title: String,
    /// The language tag of the text (`report.language`).
    pub language: String,
    /// The date given with `--date`, if any.
    pub date: Option<String>,
    /// The headline numbers and the findings that matter most.
    pub summary: Summary,
    /// The brief: the story in two pages, each statement linked to its detail.
    pub brief: super::story::Brief,
    /// Conflicts grouped by the measure that sets the targets back, most important first: the
    /// groups with errors or warnings (cards), then those of notes only, each list capped
    /// ([`super::story::MAX_CARDS`], [`super::story::MAX_WEAKER`]).
    pub conflict_groups: Vec<super::story::ConflictGroup>,
    /// How many conflicts and groups there are in all, shown or not.
    pub conflict_totals: super::story::ConflictTotals,
    /// Conflicts counted by the target they pull apart, most first.
    pub conflict_targets: Vec<super::story::TargetConflicts>,
    /// Conflicts and synergies between the measures of each pair of policies.
    pub policy_matrix: super::story::PolicyMatrix,
    /// The policies reported on, in the order of the files (the first [`MAX_POLICIES`]).
    pub policies: Capped<PolicyRow>,
    /// Who bears costs: here, elsewhere, later, by group.
    pub costs: Costs,
    /// Synergies and the institutions that should coordinate.
    pub synergies: Capped<Synergy>,
    /// What the portfolio covers and misses.
    pub coverage: CoverageGrid,
    /// Influence ranking of the targets in play, with rank stability.
    pub influence: InfluenceSection,
    /// The network diagram.
    pub network: Network,
    /// The cross-impact matrix of the targets in play.
    pub heat_map: HeatMap,
    /// Every finding the report shows, once, in the order of the files (by number): the
    /// sections refer to them by [`FindingView::number`].
    pub findings: Vec<FindingView>,
    /// The findings listed in Appendix A (numbers, in the order of the files): the first
    /// [`MAX_LISTED`], and any the brief names that no section details.
    pub listed: Capped<usize>,
    /// Findings accepted with an inline suppression, with the reasons.
    pub suppressed: Vec<SuppressedRow>,
    /// How cohere reasons: scale, propagation, formulas, rules.
    pub methodology: Methodology,
    /// What the report was made from.
    pub provenance: Provenance,
}

/// The headline.
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    /// The coherence index, 0 to 100, or `None` when no two measures act on a common target.
    pub index: Option<f64>,
    /// The index in words, as printed.
    pub index_text: String,
    /// The formula printed beside it.
    pub formula: &'static str,
    /// The index of each policy, least coherent first (the first [`MAX_POLICIES`]).
    pub by_policy: Capped<IndexRow>,
    /// The index of each pair of sectors whose measures pull some target apart, least coherent
    /// first.
    pub by_sector_pair: Vec<IndexRow>,
    /// How many other pairs of sectors act on common targets, all pushing the same way.
    pub sector_pairs_in_step: usize,
    /// Counts of what was found.
    pub counts: SummaryCounts,
    /// The three most important findings, in plain language.
    pub key_findings: Vec<KeyFinding>,
}

/// One row of an index breakdown.
#[derive(Clone, Debug, Serialize)]
pub struct IndexRow {
    /// What the row is about: a policy id, or two sectors (`health / labour`).
    pub label: String,
    /// A longer name (the policy's title), if any.
    pub title: Option<String>,
    /// The index, or `None` when there is no pair to judge.
    pub index: Option<f64>,
    /// The weight of all pairs of effects counted.
    pub pairs: f64,
    /// The weight of the pairs that pull apart.
    pub conflict: f64,
}

/// Counts of findings by kind.
#[derive(Clone, Debug, Default, Serialize)]
pub struct SummaryCounts {
    /// `direct-conflict` findings.
    pub direct_conflicts: usize,
    /// `indirect-conflict` findings.
    pub indirect_conflicts: usize,
    /// `internal-trade-off` findings.
    pub trade_offs: usize,
    /// `spillover` findings.
    pub spillovers: usize,
    /// `deferred-cost` findings.
    pub deferred_costs: usize,
    /// `synergy` findings.
    pub synergies: usize,
    /// Coverage findings (`uncovered-target`, `uncovered-principle`, `uncovered-domain`).
    pub gaps: usize,
    /// Findings of every rule by severity.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Information.
    pub info: usize,
    /// Findings accepted with a suppression comment.
    pub suppressed: usize,
    /// Policies reported on.
    pub policies: usize,
    /// Their measures.
    pub measures: usize,
}

/// One of the findings that matter most, in a sentence.
#[derive(Clone, Debug, Serialize)]
pub struct KeyFinding {
    /// The plain-language sentence.
    pub sentence: String,
    /// What to do about it, in a sentence, if the rule says.
    pub action: Option<String>,
    /// The rule.
    pub rule: &'static str,
    /// Its severity.
    pub severity: Severity,
    /// Where it is: `path:line:column`.
    pub location: String,
    /// The fragment of its detail in the HTML.
    pub anchor: String,
    /// The finding's number (its place among all findings, from 1).
    pub number: usize,
}

/// A policy reported on.
#[derive(Clone, Debug, Serialize)]
pub struct PolicyRow {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its level.
    pub level: String,
    /// Its jurisdiction's perspective.
    pub perspective: String,
    /// Draft or adopted.
    pub status: String,
    /// Its number of measures.
    pub measures: usize,
    /// Its file.
    pub file: String,
}

/// A measure named by a finding.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct MeasureRef {
    /// Its qualified id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its lead institution's name, if any.
    pub lead: Option<String>,
}

/// A finding with everything needed to trace it.
#[derive(Clone, Debug, Serialize)]
pub struct FindingView {
    /// The rule.
    pub rule: &'static str,
    /// Its category.
    pub category: Category,
    /// Severity.
    pub severity: Severity,
    /// How sure the rule is.
    pub confidence: &'static str,
    /// The message, with identifiers in backticks.
    pub message: String,
    /// The same in plain language.
    pub plain: String,
    /// How to fix it.
    pub help: Option<String>,
    /// How to fix it, in plain language (the report's advice: parliament's terms).
    pub plain_help: Option<String>,
    /// The strongest of its evidence paths (0 without any).
    pub strength: f64,
    /// Its place among all findings, in the order of the files, from 1: what the report's
    /// sections refer to it by.
    pub number: usize,
    /// The fragment of its detail in the HTML (`finding-N`, N its number).
    pub anchor: String,
    /// Where: `path:line:column`.
    pub location: String,
    /// Other places involved, with labels.
    pub related: Vec<RelatedRow>,
    /// Further facts.
    pub notes: Vec<String>,
    /// The measures involved.
    pub measures: Vec<MeasureRef>,
    /// The paths through the graph behind it.
    pub paths: Vec<PathView>,
}

/// A related location.
#[derive(Clone, Debug, Serialize)]
pub struct RelatedRow {
    /// `path:line:column`.
    pub location: String,
    /// What is there.
    pub label: String,
}

/// An evidence path.
#[derive(Clone, Debug, Serialize)]
pub struct PathView {
    /// The product of the normalised scores along it.
    pub strength: f64,
    /// Its steps.
    pub steps: Vec<StepView>,
}

/// One step of an evidence path.
#[derive(Clone, Debug, Serialize)]
pub struct StepView {
    /// `effect`, `interaction` or `measure-interaction`.
    pub kind: crate::finding::StepKind,
    /// The node it leaves.
    pub from: String,
    /// The node it reaches.
    pub to: String,
    /// The score.
    pub score: i8,
    /// The score's name on the scale.
    pub score_name: &'static str,
    /// The context it holds in.
    pub context: Option<String>,
    /// Its sources.
    pub evidence: Vec<String>,
    /// Where it is written.
    pub location: String,
}

/// Who bears the costs.
#[derive(Clone, Debug, Serialize)]
pub struct Costs {
    /// One row per group.
    pub by_group: Vec<BurdenRow>,
    /// The negative effects one by one, strongest first (at most [`MAX_COST_ROWS`]).
    pub effects: Vec<CostEffect>,
    /// How many more negative effects there are.
    pub more_effects: usize,
    /// How many measures set a target back here and now.
    pub measures_here: usize,
    /// How many measures set a target back in other countries.
    pub measures_elsewhere: usize,
    /// How many measures set a target back later.
    pub measures_later: usize,
    /// The findings about costs (spillovers, deferred costs, unvoiced burdens, …), by number,
    /// most important first.
    pub findings: Capped<usize>,
}

/// The negative effects that fall on one group.
#[derive(Clone, Debug, Serialize)]
pub struct BurdenRow {
    /// The group's id (`group:…`), or `unassigned`.
    pub group: String,
    /// Its title.
    pub title: String,
    /// Effects felt in the deciding jurisdiction, now.
    pub here_now: Burden,
    /// Effects felt in other countries (now or later).
    pub elsewhere: Burden,
    /// Effects that fall later (here or elsewhere).
    pub later: Burden,
}

/// A number of negative effects and their summed strength.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Burden {
    /// How many.
    pub effects: usize,
    /// How many measures they come from: one measure's knock-on effects count once.
    pub measures: usize,
    /// The sum of their strengths (negative).
    pub strength: f64,
}

/// One negative effect.
#[derive(Clone, Debug, Serialize)]
pub struct CostEffect {
    /// The measure.
    pub measure: String,
    /// The target set back.
    pub target: String,
    /// The target's title.
    pub target_title: String,
    /// Its strength (negative, -1 to 0).
    pub strength: f64,
    /// Whether it is the measure's own declared effect.
    pub direct: bool,
    /// `here` or `elsewhere`.
    #[serde(rename = "where")]
    pub where_: &'static str,
    /// `now` or `later`.
    pub when: &'static str,
    /// The groups who bear it.
    pub groups: Vec<String>,
}

/// A synergy and who should coordinate.
#[derive(Clone, Debug, Serialize)]
pub struct Synergy {
    /// The finding's number.
    pub finding: usize,
    /// The institutions that lead or partner the measures.
    pub institutions: Vec<String>,
    /// The coordination mechanisms all the lead institutions sit in.
    pub shared_mechanisms: Vec<String>,
}

/// The coverage grid.
#[derive(Clone, Debug, Serialize)]
pub struct CoverageGrid {
    /// The 17 SDGs.
    pub goals: Vec<GoalCell>,
    /// The six MiGOF / SDG 10.7.2 policy domains.
    pub domains: Vec<DomainRow>,
    /// The 23 GCM objectives.
    pub gcm: Vec<ObjectiveCell>,
    /// The four capacities.
    pub capacities: Vec<DomainRow>,
    /// The coverage findings, by number, most important first.
    pub gaps: Capped<usize>,
    /// The capacity findings, by number, most important first.
    pub capacity_findings: Capped<usize>,
}

/// One SDG and how many of its targets the measures reach.
#[derive(Clone, Debug, Serialize)]
pub struct GoalCell {
    /// `sdg:3`.
    pub id: String,
    /// `3`.
    pub number: String,
    /// Its title.
    pub title: String,
    /// Its targets.
    pub targets: usize,
    /// Reached by a measure's own effect.
    pub direct: usize,
    /// Reached directly or through the knowledge base.
    pub reached: usize,
}

/// A domain or capacity and the measures that serve or build it.
#[derive(Clone, Debug, Serialize)]
pub struct DomainRow {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The measures (qualified ids; the first [`MAX_NAMED`], and how many more).
    pub measures: Capped<String>,
}

/// A GCM objective and whether it is reached.
#[derive(Clone, Debug, Serialize)]
pub struct ObjectiveCell {
    /// `gcm:5`.
    pub id: String,
    /// `5`.
    pub number: String,
    /// Its title.
    pub title: String,
    /// How it is reached.
    pub reached: Reached,
}

/// The influence ranking.
#[derive(Clone, Debug, Serialize)]
pub struct InfluenceSection {
    /// The seed of the stability runs.
    pub seed: u64,
    /// How many runs.
    pub runs: usize,
    /// The k of the top k.
    pub top: usize,
    /// The perspective whose interactions the matrix uses, if any.
    pub perspective: Option<String>,
    /// The targets, by rank then id.
    pub rows: Vec<InfluenceRow>,
    /// A caveat when the stability figures say little (no more targets than the top k).
    pub caveat: Option<String>,
}

/// Which interactions the ranking uses, in words (the perspective is the project's default).
pub fn influence_perspective(perspective: Option<&str>) -> String {
    match perspective {
        Some(side) if side != "any" => format!(
            "The ranking is seen from {side} countries, the project's default perspective: it uses the interactions recorded for {side} countries and for any perspective."
        ),
        _ => "The ranking uses only the interactions recorded for any perspective: the project sets no default perspective.".to_string(),
    }
}

/// One target's influence.
#[derive(Clone, Debug, Serialize)]
pub struct InfluenceRow {
    /// 1 for the most influential; ties share a rank.
    pub rank: usize,
    /// The target.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Row sum.
    pub out: i64,
    /// Positive part of the row sum.
    pub positive: i64,
    /// Negative part of the row sum.
    pub negative: i64,
    /// Column sum.
    #[serde(rename = "in")]
    pub in_: i64,
    /// Second-order influence.
    pub second_order: f64,
    /// out + second order.
    pub total: f64,
    /// Share of perturbed runs in which it ranks in the top k (0 to 1).
    pub stability: f64,
}

/// The network diagram.
#[derive(Clone, Debug, Serialize)]
pub struct Network {
    /// The inline SVG (not in the JSON: the nodes and edges are).
    #[serde(skip)]
    pub svg: String,
    /// Its text alternative.
    pub description: String,
    /// The nodes and edges drawn, and those left out (in the JSON, the first [`MAX_LISTED`]
    /// named and the rest counted: `{"items": […], "more": N}`).
    #[serde(serialize_with = "diagram_json")]
    pub diagram: Diagram,
    /// The most nodes drawn.
    pub max_nodes: usize,
    /// The measures' declared effects, the diagram's scored edges, as a table (the first
    /// [`MAX_LISTED`] by measure and target).
    pub effects: Capped<EffectRow>,
}

/// The diagram as the JSON gives it: the nodes left out of a large portfolio's diagram are
/// nearly all of them, so they are named up to [`MAX_LISTED`] and counted.
fn diagram_json<S: serde::Serializer>(diagram: &Diagram, serializer: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Drawn<'a> {
        nodes: &'a [crate::diagram::Node],
        edges: &'a [crate::diagram::Edge],
        left_out: Capped<&'a str>,
        edges_left_out: usize,
    }
    Drawn {
        nodes: &diagram.nodes,
        edges: &diagram.edges,
        left_out: Capped::first(diagram.left_out.iter(), MAX_LISTED, String::as_str),
        edges_left_out: diagram.edges_left_out,
    }
    .serialize(serializer)
}

/// A measure's declared effect.
#[derive(Clone, Debug, Serialize)]
pub struct EffectRow {
    /// The measure.
    pub measure: String,
    /// The element.
    pub target: String,
    /// The score.
    pub score: i8,
    /// `here` or `elsewhere`.
    #[serde(rename = "where")]
    pub where_: &'static str,
    /// `now` or `later`.
    pub when: &'static str,
}

/// The cross-impact heat map.
#[derive(Clone, Debug, Serialize)]
pub struct HeatMap {
    /// Row and column ids.
    pub ids: Vec<String>,
    /// Their titles.
    pub titles: Vec<String>,
    /// `scores[i][j]`: the effect of i on j.
    pub scores: Vec<Vec<i8>>,
    /// `recorded[i][j]`: whether the knowledge base records an interaction of i on j (a
    /// score of 0 is "consistent"; no record is "not assessed").
    pub recorded: Vec<Vec<bool>>,
    /// The targets shown in the report's map: those with a recorded interaction with another,
    /// the most influential first (indices into `ids`).
    pub shown: Vec<usize>,
}

/// A finding in the full list.
#[derive(Clone, Debug, Serialize)]
pub struct FindingRow {
    /// The fragment of its row in the HTML.
    pub anchor: String,
    /// The rule.
    pub rule: &'static str,
    /// Severity.
    pub severity: Severity,
    /// Where.
    pub location: String,
    /// The message.
    pub message: String,
}

/// A suppressed finding and why.
#[derive(Clone, Debug, Serialize)]
pub struct SuppressedRow {
    /// The finding.
    #[serde(flatten)]
    pub finding: FindingRow,
    /// The reason recorded in the comment.
    pub reason: String,
}

/// How cohere reasons.
#[derive(Clone, Debug, Serialize)]
pub struct Methodology {
    /// The Nilsson scale.
    pub scale: Vec<ScaleRow>,
    /// Effect propagation, in Markdown.
    pub propagation: &'static str,
    /// The coherence index's formula.
    pub index_formula: &'static str,
    /// The influence method, in words.
    pub influence: String,
    /// Every rule.
    pub rules: Vec<RuleRow>,
}

/// One point of the scale.
#[derive(Clone, Debug, Serialize)]
pub struct ScaleRow {
    /// The score.
    pub score: i8,
    /// Its name.
    pub name: &'static str,
    /// What it means.
    pub meaning: &'static str,
}

/// A rule's metadata.
#[derive(Clone, Debug, Serialize)]
pub struct RuleRow {
    /// Its id.
    pub id: &'static str,
    /// Its category.
    pub category: Category,
    /// Its default severity.
    pub default_severity: Severity,
    /// What it finds, in a line.
    pub summary: &'static str,
    /// What it finds, in detail.
    pub what: &'static str,
}

/// What the report was made from.
#[derive(Clone, Debug, Serialize)]
pub struct Provenance {
    /// cohere's version.
    pub cohere_version: &'static str,
    /// The input files read from disk, sorted by path, with their SHA-256 digests.
    pub files: Vec<FileDigest>,
    /// The configuration used.
    pub configuration: Configuration,
}

/// A file and its digest.
#[derive(Clone, Debug, Serialize)]
pub struct FileDigest {
    /// The path as shown.
    pub path: String,
    /// SHA-256 of its text, as 64 hex digits.
    pub sha256: String,
}

/// The configuration used.
#[derive(Clone, Debug, Serialize)]
pub struct Configuration {
    /// The project file, if one was used.
    pub project_file: Option<String>,
    /// The default perspective of policies.
    pub perspective: Option<String>,
    /// The thresholds.
    pub thresholds: Thresholds,
    /// Whether each threshold is the default.
    pub thresholds_default: bool,
    /// Rule levels set in the project file that differ from the rules' defaults.
    pub levels: Vec<LevelRow>,
    /// The frameworks loaded.
    pub frameworks: Vec<String>,
    /// The knowledge bases loaded.
    pub knowledge_bases: Vec<String>,
    /// The floor of minimum standards, when the project declares one.
    pub floor: Option<Vec<String>>,
    /// The most nodes in the network diagram.
    pub max_diagram_nodes: u32,
}

/// A configured rule level.
#[derive(Clone, Debug, Serialize)]
pub struct LevelRow {
    /// A rule id or category.
    pub selector: String,
    /// `error`, `warning`, `info` or `off`.
    pub level: String,
    /// The paths it applies to (empty: everywhere).
    pub paths: Vec<String>,
}

/// Rounds to two decimals, so that renderers print what the JSON holds.
pub fn round2(value: f64) -> f64 {
    let rounded = (value * 100.0).round() / 100.0;
    if rounded == 0.0 { 0.0 } else { rounded }
}

fn index_of(weights: Weights) -> Option<f64> {
    weights.index().map(|i| (i * 10.0).round() / 10.0)
}

/// The findings the report shows, each worded once, by index among all findings: sections
/// keep numbers, and only what is shown is ever put into words.
pub struct Views<'a> {
    cx: Cx<'a>,
    sources: &'a SourceMap,
    findings: &'a [Finding],
    made: BTreeMap<usize, FindingView>,
}

impl<'a> Views<'a> {
    /// No finding worded yet.
    pub fn new(cx: Cx<'a>, sources: &'a SourceMap, findings: &'a [Finding]) -> Self {
        Views {
            cx,
            sources,
            findings,
            made: BTreeMap::new(),
        }
    }

    /// The view of the finding numbered `number` (from 1), worded the first time it is asked.
    pub fn get(&mut self, number: usize) -> Option<&FindingView> {
        let index = number.checked_sub(1)?;
        let finding = self.findings.get(index)?;
        let (cx, sources) = (self.cx, self.sources);
        Some(
            self.made
                .entry(number)
                .or_insert_with(|| finding_view(cx, sources, finding, index)),
        )
    }

    /// Whether the finding numbered `number` is shown.
    pub fn has(&self, number: usize) -> bool {
        self.made.contains_key(&number)
    }

    /// Every view made, by number.
    pub fn into_vec(self) -> Vec<FindingView> {
        self.made.into_values().collect()
    }
}

impl Report {
    /// The finding numbered `number`, as the report shows it.
    pub fn finding(&self, number: usize) -> Option<&FindingView> {
        self.findings
            .binary_search_by_key(&number, |f| f.number)
            .ok()
            .and_then(|i| self.findings.get(i))
    }

    /// The findings numbered in `numbers`, in that order.
    pub fn findings_of<'r>(
        &'r self,
        numbers: &'r [usize],
    ) -> impl Iterator<Item = &'r FindingView> {
        numbers.iter().filter_map(|n| self.finding(*n))
    }
}

/// The fragment of a finding's detail in the HTML.
pub fn finding_anchor(number: usize) -> String {
    format!("finding-{number}")
}

/// Builds the report.
pub fn build(
    workspace: &Workspace,
    analysis: &Analysis,
    outcome: &LintOutcome,
    options: &ReportOptions,
) -> Report {
    let model = &workspace.model;
    let settings = &workspace.settings;
    let sources = &workspace.sources;
    let title = settings
        .report
        .title
        .clone()
        .or_else(|| settings.name.clone())
        .unwrap_or_else(|| "Policy coherence report".to_string());
    let cx = Cx { model, analysis };
    let mut views = Views::new(cx, sources, &outcome.findings);
    // The findings of a section, most important first: by severity, then by the rule's place
    // in the registry, then in the order of the files. Each rule's metadata names its section.
    let by_importance = |section: Section| -> Vec<(usize, &Finding)> {
        let mut found: Vec<(usize, &Finding)> = outcome
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.rule.section == section)
            .collect();
        found.sort_by_key(|(i, f)| (std::cmp::Reverse(f.severity), rule_position(f.rule.id), *i));
        found
    };
    // The numbers of the first `max` findings of a section, each worded for the report.
    let of_section = |section: Section, max: usize, views: &mut Views<'_>| -> Capped<usize> {
        let numbers = Capped::first(by_importance(section).into_iter(), max, |(i, _)| i + 1);
        for n in &numbers {
            views.get(*n);
        }
        numbers
    };
    let count = |headline: Headline| {
        outcome
            .findings
            .iter()
            .filter(|f| f.rule.headline == Some(headline))
            .count()
    };
    let counts = SummaryCounts {
        direct_conflicts: count(Headline::DirectConflicts),
        indirect_conflicts: count(Headline::IndirectConflicts),
        trade_offs: count(Headline::TradeOffs),
        spillovers: count(Headline::Spillovers),
        deferred_costs: count(Headline::DeferredCosts),
        synergies: count(Headline::Synergies),
        gaps: count(Headline::Gaps),
        errors: outcome.counts.error,
        warnings: outcome.counts.warning,
        info: outcome.counts.info,
        suppressed: outcome.suppressed.len(),
        policies: model.policies.len(),
        measures: model.measures.len(),
    };
    let coherence = &analysis.coherence(model);
    let index = index_of(coherence.overall);
    // Least coherent first, so that a reader sees where to look; then by name.
    let by_index = |a: &IndexRow, b: &IndexRow| {
        a.index
            .unwrap_or(f64::INFINITY)
            .total_cmp(&b.index.unwrap_or(f64::INFINITY))
            .then_with(|| a.label.cmp(&b.label))
    };
    let mut sector_rows: Vec<IndexRow> = coherence
        .by_sector_pair
        .iter()
        .map(|((a, b), w)| IndexRow {
            label: if a == b {
                format!("{a} (within)")
            } else {
                format!("{a} / {b}")
            },
            title: None,
            index: index_of(*w),
            pairs: round2(w.pairs),
            conflict: round2(w.conflict),
        })
        .collect();
    sector_rows.sort_by(by_index);
    let sector_pairs_in_step = sector_rows.iter().filter(|r| r.conflict <= 0.0).count();
    sector_rows.retain(|r| r.conflict > 0.0);
    let summary = Summary {
        index,
        index_text: match index {
            Some(i) => format!("{i:.1} out of 100"),
            None => "not defined: no two measures act on a common target".to_string(),
        },
        formula: FORMULA,
        by_policy: {
            let mut rows: Vec<IndexRow> = coherence
                .by_policy
                .iter()
                .map(|(p, w)| {
                    let policy = model.policy(*p);
                    IndexRow {
                        label: policy.id.to_string(),
                        title: Some(policy.title.clone()),
                        index: index_of(*w),
                        pairs: round2(w.pairs),
                        conflict: round2(w.conflict),
                    }
                })
                .collect();
            rows.sort_by(by_index);
            Capped::new(rows, MAX_POLICIES)
        },
        by_sector_pair: sector_rows,
        sector_pairs_in_step,
        counts,
        key_findings: key_findings(cx, sources, &outcome.findings, KEY_FINDINGS),
    };
    let policies = Capped::first(model.policies.iter(), MAX_POLICIES, |p| PolicyRow {
        id: p.id.to_string(),
        title: p.title.clone(),
        level: p.level.to_string(),
        perspective: p.perspective.to_string(),
        status: p.status.to_string(),
        measures: p.measures.len(),
        file: sources.get(p.file).display_path.clone(),
    });
    let conflicts = super::story::conflicts(cx, &by_importance(Section::Conflicts), &mut views);
    let costs = Costs {
        findings: of_section(Section::Costs, MAX_DETAILED, &mut views),
        ..costs(model, analysis)
    };
    let all_synergies = by_importance(Section::Synergies);
    let synergies = Capped::first(all_synergies.iter(), MAX_DETAILED, |&(i, f)| {
        views.get(i + 1);
        synergy(cx, f, i)
    });
    let coverage = CoverageGrid {
        gaps: of_section(Section::Gaps, MAX_DETAILED, &mut views),
        capacity_findings: of_section(Section::Capacity, MAX_DETAILED, &mut views),
        ..coverage_grid(model, analysis)
    };
    let synergy_subjects: Vec<Vec<MeasureIdx>> = all_synergies
        .iter()
        .map(|(_, f)| subject_measures(cx, f))
        .collect();
    let policy_matrix = super::story::policy_matrix(model, &conflicts.facts, &synergy_subjects);
    let mut summary = summary;
    // A key finding links to its detail where the report details it, else to its row in the
    // list of all findings (which then lists it, wherever it is in the files).
    let total = outcome.findings.len();
    let mut listed: Vec<usize> = (1..=total.min(MAX_LISTED)).collect();
    for k in &mut summary.key_findings {
        if !views.has(k.number) {
            k.anchor = format!("listed-{}", k.number);
            if k.number > MAX_LISTED {
                listed.push(k.number);
            }
        }
    }
    listed.sort_unstable();
    listed.dedup();
    let listed = Capped {
        more: total - listed.len(),
        items: listed,
    };
    for n in &listed {
        views.get(*n);
    }
    let brief = {
        let gaps: Vec<&FindingView> = coverage
            .gaps
            .iter()
            .filter_map(|n| views.made.get(n))
            .collect();
        let first_cost = costs.findings.first().and_then(|n| views.made.get(n));
        super::story::brief(
            &summary.counts,
            summary.index,
            &conflicts.groups,
            &costs,
            first_cost,
            &gaps,
            coverage.capacity_findings.total(),
        )
    };
    let (influence_section, heat_map) = influence_and_heat_map(model, settings);
    let network = network(workspace, analysis, &title);
    Report {
        title,
        language: settings.report.language.clone(),
        date: options.date.clone(),
        summary,
        brief,
        conflict_groups: conflicts.groups,
        conflict_totals: conflicts.totals,
        conflict_targets: conflicts.targets,
        policy_matrix,
        policies,
        costs,
        synergies,
        coverage,
        influence: influence_section,
        network,
        heat_map,
        findings: views.into_vec(),
        listed,
        suppressed: outcome
            .suppressed
            .iter()
            .map(|s| SuppressedRow {
                finding: FindingRow {
                    anchor: String::new(),
                    rule: s.finding.rule.id,
                    severity: s.finding.severity,
                    location: sources.resolve(s.finding.location).to_string(),
                    message: s.finding.message(cx, &Ids(model)),
                },
                reason: s.reason.clone(),
            })
            .collect(),
        methodology: methodology(),
        provenance: provenance(workspace),
    }
}

/// A rule's place in the registry (the documentation order).
fn rule_position(id: &str) -> usize {
    CATALOG.position(id)
}

/// How many findings the brief puts first.
pub const KEY_FINDINGS: usize = 5;

/// The `n` findings that matter most: by severity (every error before any warning), then by
/// strength (the strongest evidence path; a finding without one, such as a breach of the floor
/// of minimum standards, counts as full strength: its rule judged it on a declared effect),
/// then by confidence, then by category (coherence, governance, equity, coverage, capacity,
/// evidence, document, suggestion), then in the findings' own order.
pub fn key_findings(
    cx: Cx<'_>,
    sources: &SourceMap,
    findings: &[Finding],
    n: usize,
) -> Vec<KeyFinding> {
    let strength: Vec<f64> = findings
        .iter()
        .map(|f| {
            let paths = f.evidence_paths(cx);
            if paths.is_empty() {
                1.0
            } else {
                round2(paths.iter().map(|p| p.strength.abs()).fold(0.0, f64::max))
            }
        })
        .collect();
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by(|&a, &b| {
        let (fa, fb) = (&findings[a], &findings[b]);
        fb.severity
            .cmp(&fa.severity)
            .then(strength[b].total_cmp(&strength[a]))
            .then(fb.confidence.cmp(&fa.confidence))
            .then(
                fa.rule
                    .category
                    .summary_rank()
                    .cmp(&fb.rule.category.summary_rank()),
            )
            .then(a.cmp(&b))
    });
    // Two findings about the very same measures (a conflict, and that its leads do not
    // meet) say one thing in the brief: the more important one is kept.
    let mut chosen: Vec<usize> = Vec::new();
    let mut subjects: Vec<Vec<MeasureIdx>> = Vec::new();
    for i in order {
        if chosen.len() == n {
            break;
        }
        let subject = measures_of(cx.model, &findings[i].render_ids(cx));
        if !subject.is_empty() && subjects.contains(&subject) {
            continue;
        }
        subjects.push(subject);
        chosen.push(i);
    }
    chosen
        .into_iter()
        .map(|i| {
            let f = &findings[i];
            let names = plain::Plain::new(cx.model);
            KeyFinding {
                sentence: plain::sentence(&f.message(cx, &names)),
                action: f
                    .help_line(cx, &plain::Plain::new(cx.model))
                    .map(|h| plain::sentence(&plain::tidy(cx.model, &h))),
                rule: f.rule.id,
                severity: f.severity,
                location: sources.resolve(f.location).to_string(),
                anchor: finding_anchor(i + 1),
                number: i + 1,
            }
        })
        .collect()
}

/// The measures a finding is about: those whose text holds one of its locations, and those
/// its evidence paths start from.
pub fn measures_of(model: &Model, finding: &Rendered) -> Vec<MeasureIdx> {
    let locations =
        std::iter::once(finding.primary.location).chain(finding.related.iter().map(|l| l.location));
    measures_at(model, locations, &finding.evidence)
}

/// The measures whose text holds one of `locations`, and those `evidence` starts from.
fn measures_at(
    model: &Model,
    locations: impl Iterator<Item = crate::source::Location>,
    evidence: &[EvidencePath],
) -> Vec<MeasureIdx> {
    let mut found = BTreeSet::new();
    for location in locations {
        if let Some(m) = model.measure_at(location) {
            found.insert(m);
        }
    }
    for path in evidence {
        if let Some(m) = path
            .steps
            .first()
            .and_then(|step| model.measure_by_id(&step.from))
        {
            found.insert(m);
        }
    }
    found.into_iter().collect()
}

/// A measure as a finding names it.
pub fn measure_ref(model: &Model, m: MeasureIdx) -> MeasureRef {
    let measure = model.measure(m);
    MeasureRef {
        id: measure.id.to_string(),
        title: measure.title.clone(),
        lead: measure.lead.map(|l| model.institution(l).name.clone()),
    }
}

fn path_view(sources: &SourceMap, path: &EvidencePath) -> PathView {
    PathView {
        strength: round2(path.strength),
        steps: path
            .steps
            .iter()
            .map(|step| StepView {
                kind: step.kind,
                from: step.from.clone(),
                to: step.to.clone(),
                score: step.score.value(),
                score_name: step.score.name(),
                context: step.context.map(str::to_string),
                evidence: step.evidence.to_vec(),
                location: sources.resolve(step.location).to_string(),
            })
            .collect(),
    }
}

fn finding_view(cx: Cx<'_>, sources: &SourceMap, finding: &Finding, index: usize) -> FindingView {
    let model = cx.model;
    let plain = plain::sentence(&plain::tidy(
        model,
        &finding.message(cx, &plain::Plain::new(model)),
    ));
    let plain_help = finding
        .help_line(cx, &plain::Plain::new(model))
        .map(|h| plain::sentence(&plain::tidy(model, &h)));
    let finding = &finding.render_ids(cx);
    let paths: Vec<PathView> = finding
        .evidence
        .iter()
        .map(|p| path_view(sources, p))
        .collect();
    FindingView {
        plain_help,
        strength: super::story::strength(&paths),
        number: index + 1,
        anchor: finding_anchor(index + 1),
        rule: finding.rule.id,
        category: finding.rule.category,
        severity: finding.severity,
        confidence: finding.confidence.as_str(),
        message: finding.message.clone(),
        plain,
        help: finding.help.clone(),
        location: sources.resolve(finding.primary.location).to_string(),
        related: finding
            .related
            .iter()
            .map(|l| RelatedRow {
                location: sources.resolve(l.location).to_string(),
                label: l.text.clone(),
            })
            .collect(),
        notes: finding.notes.clone(),
        measures: measures_of(model, finding)
            .into_iter()
            .map(|m| measure_ref(model, m))
            .collect(),
        paths,
    }
}

/// The measures a finding is about, from its facts (no words but its related locations' labels):
/// those whose text holds one of its locations, and those its evidence paths start from.
pub fn subject_measures(cx: Cx<'_>, finding: &Finding) -> Vec<MeasureIdx> {
    let related = finding.related_labels(cx, &Ids(cx.model));
    let locations = std::iter::once(finding.location).chain(related.iter().map(|l| l.location));
    measures_at(cx.model, locations, &finding.evidence_paths(cx))
}

fn synergy(cx: Cx<'_>, finding: &Finding, index: usize) -> Synergy {
    let model = cx.model;
    let measures = subject_measures(cx, finding);
    let mut institutions = BTreeSet::new();
    let mut leads = BTreeSet::new();
    for &m in &measures {
        let measure = model.measure(m);
        if let Some(lead) = measure.lead {
            leads.insert(lead);
            institutions.insert(model.institution(lead).name.clone());
        }
        for &partner in &measure.partners {
            institutions.insert(model.institution(partner).name.clone());
        }
    }
    let mut shared: Option<BTreeSet<_>> = None;
    for &lead in &leads {
        let theirs: BTreeSet<_> = model.institution(lead).mechanisms.iter().copied().collect();
        shared = Some(match shared {
            None => theirs,
            Some(so_far) => so_far.intersection(&theirs).copied().collect(),
        });
    }
    let shared_mechanisms = if leads.len() < 2 {
        Vec::new()
    } else {
        shared
            .unwrap_or_default()
            .into_iter()
            .map(|m| model.mechanism(m).name.clone())
            .collect()
    };
    Synergy {
        finding: index + 1,
        institutions: institutions.into_iter().collect(),
        shared_mechanisms,
    }
}

/// Who bears the costs: every negative effect, direct or through the knowledge base, by where
/// and when it falls and by the groups named on the effect (else on the measure; else
/// `unassigned`). One effect per measure, target, place and time: the strongest.
pub fn costs(model: &Model, analysis: &Analysis) -> Costs {
    const UNASSIGNED: &str = "unassigned";
    let name = |&(measure, target, _, _): &CostKey| {
        (
            model.measure(measure).id.as_str(),
            model
                .element(crate::model::ElementIdx::new(target))
                .id
                .as_str(),
        )
    };
    let where_of = |elsewhere: bool| if elsewhere { "elsewhere" } else { "here" };
    let when_of = |later: bool| if later { "later" } else { "now" };
    // An effect's place among the rows: the strongest first (as rounded for display), then
    // direct ones, then by name.
    type Order<'m> = (f64, bool, (&'m str, &'m str), &'m str, &'m str);
    let order = |key: &CostKey, cost: &CostEffectKey<'_>| -> Order<'_> {
        (
            round2(cost.strength),
            !cost.direct,
            name(key),
            where_of(key.2),
            when_of(key.3),
        )
    };
    type Row<'m> = (Order<'m>, CostKey, CostEffectKey<'m>);
    let compare = |a: &Row<'_>, b: &Row<'_>| {
        let (a, b) = (&a.0, &b.0);
        a.0.total_cmp(&b.0)
            .then(a.1.cmp(&b.1))
            .then_with(|| (a.2, a.3, a.4).cmp(&(b.2, b.3, b.4)))
    };
    // Per group (by element; the last slot for costs no group is named for), the burden of
    // each cell (here and now, elsewhere, later) and the last measure counted in it; and the
    // same for all groups together.
    #[derive(Default)]
    struct Cells {
        burden: [Burden; 3],
        last: [Option<MeasureIdx>; 3],
    }
    let mut by_group: Vec<Option<Cells>> = Vec::new();
    by_group.resize_with(model.elements.len() + 1, || None);
    let mut all = Cells::default();
    // The rows that may be shown: cut back to the first `MAX_COST_ROWS` whenever they grow.
    let mut rows: Vec<Row<'_>> = Vec::new();
    let mut count = 0;
    // One measure at a time: its worst effect on each target, by where and when it falls, in
    // the order of (target, where, when), so that every sum adds its effects in the same
    // order on every run and each cell counts a measure once by remembering the last it
    // counted. The groups stay borrowed from the model: names are made only for what is shown.
    let mut worst: Vec<(CostKey, CostEffectKey<'_>)> = Vec::new();
    for (index, measure) in model.measures.iter().enumerate() {
        let m = MeasureIdx::new(index);
        worst.clear();
        for reach in analysis.propagation.of_measure(m) {
            if reach.strength >= 0.0 {
                continue;
            }
            let Some(effect) = measure.effects.get(reach.effect as usize) else {
                continue;
            };
            let elsewhere = effect.where_.is_elsewhere();
            let later = reach.when == crate::vocabulary::When::Later;
            let groups = if !effect.groups.is_empty() {
                &effect.groups
            } else {
                &measure.groups
            };
            worst.push((
                (m, reach.target.index(), elsewhere, later),
                CostEffectKey {
                    strength: reach.strength,
                    direct: reach.is_direct(),
                    groups,
                },
            ));
        }
        // Stable: of equal strengths, the first is kept.
        worst.sort_by_key(|(key, _)| *key);
        worst.dedup_by(|(key, later), (kept_key, kept)| {
            let same = key == kept_key;
            if same && later.strength < kept.strength {
                *kept = *later;
            }
            same
        });
        for (key @ (measure, _, elsewhere, later), cost) in &worst {
            let cells = [(*elsewhere, 1), (*later, 2), (!*elsewhere && !*later, 0)];
            let cells = cells.iter().filter(|(on, _)| *on).map(|(_, cell)| *cell);
            for cell in cells.clone() {
                if all.last[cell] != Some(*measure) {
                    all.last[cell] = Some(*measure);
                    all.burden[cell].measures += 1;
                }
            }
            let unassigned = [model.elements.len()];
            let groups: Vec<usize> = if cost.groups.is_empty() {
                unassigned.to_vec()
            } else {
                cost.groups.iter().map(|g| g.index()).collect()
            };
            for group in groups {
                let Some(row) = by_group.get_mut(group) else {
                    continue;
                };
                let row = row.get_or_insert_with(Cells::default);
                for cell in cells.clone() {
                    let burden = &mut row.burden[cell];
                    burden.effects += 1;
                    burden.strength += cost.strength;
                    if row.last[cell] != Some(*measure) {
                        row.last[cell] = Some(*measure);
                        burden.measures += 1;
                    }
                }
            }
            count += 1;
            rows.push((order(key, cost), *key, *cost));
            if rows.len() >= 4 * MAX_COST_ROWS {
                rows.select_nth_unstable_by(MAX_COST_ROWS - 1, compare);
                rows.truncate(MAX_COST_ROWS);
            }
        }
    }
    let mut by_group: Vec<BurdenRow> = by_group
        .into_iter()
        .enumerate()
        .filter_map(|(group, cells)| Some((group, cells?)))
        .map(|(group, cells)| {
            let [here_now, elsewhere, later] = cells.burden.map(|b| Burden {
                strength: round2(b.strength),
                ..b
            });
            let (group, title) = match model.elements.get(group) {
                Some(g) => (g.id.to_string(), g.title.clone()),
                None => (UNASSIGNED.to_string(), UNASSIGNED_TITLE.to_string()),
            };
            BurdenRow {
                group,
                title,
                here_now,
                elsewhere,
                later,
            }
        })
        .collect();
    // `unassigned` last: it is what is left.
    by_group
        .sort_by(|a, b| (a.group == UNASSIGNED, &a.group).cmp(&(b.group == UNASSIGNED, &b.group)));
    rows.sort_by(compare);
    rows.truncate(MAX_COST_ROWS);
    let more_effects = count - rows.len();
    let effects = rows
        .into_iter()
        .map(|(_, key @ (_, target, elsewhere, later), cost)| {
            let element = model.element(crate::model::ElementIdx::new(target));
            let groups = if cost.groups.is_empty() {
                vec![UNASSIGNED.to_string()]
            } else {
                cost.groups
                    .iter()
                    .map(|g| model.element(*g).id.to_string())
                    .collect()
            };
            CostEffect {
                measure: name(&key).0.to_string(),
                target: element.id.to_string(),
                target_title: element.title.clone(),
                strength: round2(cost.strength),
                direct: cost.direct,
                where_: where_of(elsewhere),
                when: when_of(later),
                groups,
            }
        })
        .collect();
    let [here, elsewhere, later] = all.burden.map(|b| b.measures);
    Costs {
        by_group,
        effects,
        more_effects,
        measures_here: here,
        measures_elsewhere: elsewhere,
        measures_later: later,
        findings: Capped::new(Vec::new(), 0),
    }
}

/// The title of the costs no group is named for.
pub const UNASSIGNED_TITLE: &str = "no group named";

/// A measure, the target it sets back (an element index), whether the cost falls elsewhere and
/// whether it falls later.
type CostKey = (MeasureIdx, usize, bool, bool);

#[derive(Clone, Copy)]
struct CostEffectKey<'a> {
    strength: f64,
    direct: bool,
    groups: &'a [crate::model::ElementIdx],
}

fn local_number(id: &str) -> String {
    id.split_once(':').map_or(id, |(_, n)| n).to_string()
}

/// The coverage grid, its findings left for the caller.
fn coverage_grid(model: &Model, analysis: &Analysis) -> CoverageGrid {
    let coverage = &analysis.coverage;
    let goals = coverage
        .by_goal(model)
        .into_iter()
        .map(|(g, share)| {
            let goal = model.element(g);
            GoalCell {
                id: goal.id.to_string(),
                number: local_number(goal.id.as_str()),
                title: goal.title.clone(),
                targets: share.required,
                direct: share.direct,
                reached: share.direct_or_indirect,
            }
        })
        .collect();
    let measure_ids = |measures: &[MeasureIdx]| -> Capped<String> {
        let mut ids: Vec<&str> = measures
            .iter()
            .map(|m| model.measure(*m).id.as_str())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        Capped::first(ids.into_iter(), MAX_NAMED, str::to_string)
    };
    let domains = coverage
        .domains
        .iter()
        .map(|r| {
            let e = model.element(r.element);
            DomainRow {
                id: e.id.to_string(),
                title: e.title.clone(),
                measures: measure_ids(coverage.serving(r.element)),
            }
        })
        .collect();
    let gcm = model
        .elements
        .iter()
        .enumerate()
        .filter(|(_, e)| e.id.prefix() == "gcm" && e.kind == "objective")
        .map(|(i, e)| ObjectiveCell {
            id: e.id.to_string(),
            number: local_number(e.id.as_str()),
            title: e.title.clone(),
            reached: coverage.reached(crate::model::ElementIdx::new(i)),
        })
        .collect();
    let capacities = model
        .elements
        .iter()
        .enumerate()
        .filter(|(_, e)| e.id.prefix() == "capacity" && e.kind == "capacity")
        .map(|(i, e)| {
            let element = crate::model::ElementIdx::new(i);
            let building: Vec<MeasureIdx> = model
                .measures
                .iter()
                .enumerate()
                .filter(|(_, m)| m.builds.iter().any(|b| b.value == element))
                .map(|(m, _)| MeasureIdx::new(m))
                .collect();
            DomainRow {
                id: e.id.to_string(),
                title: e.title.clone(),
                measures: measure_ids(&building),
            }
        })
        .collect();
    CoverageGrid {
        goals,
        domains,
        gcm,
        capacities,
        gaps: Capped::new(Vec::new(), 0),
        capacity_findings: Capped::new(Vec::new(), 0),
    }
}

fn influence_and_heat_map(
    model: &Model,
    settings: &crate::config::Settings,
) -> (InfluenceSection, HeatMap) {
    let targets = targets_in_play(model);
    let perspective = settings.default_perspective;
    let matrix = CrossImpact::from_model(model, &targets, admits_for(perspective));
    let figures = influence::influence(&matrix);
    let shares = influence::stability(&matrix, STABILITY_RUNS, STABILITY_TOP, STABILITY_SEED);
    let titles: Vec<String> = targets
        .iter()
        .map(|t| model.element(*t).title.clone())
        .collect();
    let mut rows: Vec<InfluenceRow> = figures
        .iter()
        .enumerate()
        .map(|(i, f)| InfluenceRow {
            rank: f.rank,
            id: f.id.clone(),
            title: titles[i].clone(),
            out: f.out,
            positive: f.positive,
            negative: f.negative,
            in_: f.in_,
            second_order: round2(f.second_order),
            total: round2(f.total),
            stability: round2(shares.get(i).copied().unwrap_or(0.0)),
        })
        .collect();
    rows.sort_by(|a, b| a.rank.cmp(&b.rank).then(a.id.cmp(&b.id)));
    // Which cells the knowledge base records, with the same perspective rule as the matrix.
    let admits = admits_for(perspective);
    let position: BTreeMap<crate::model::ElementIdx, usize> =
        targets.iter().enumerate().map(|(i, e)| (*e, i)).collect();
    let mut recorded = vec![vec![false; targets.len()]; targets.len()];
    for interaction in &model.interactions {
        if let (Some(&i), Some(&j)) = (
            position.get(&interaction.from),
            position.get(&interaction.to),
        ) && admits(interaction.perspective)
            && i != j
        {
            recorded[i][j] = true;
        }
    }
    let mut shown: Vec<usize> = (0..targets.len())
        .filter(|&i| (0..targets.len()).any(|j| recorded[i][j] || recorded[j][i]))
        .collect();
    shown.sort_by_key(|&i| (figures.get(i).map_or(usize::MAX, |f| f.rank), i));
    (
        InfluenceSection {
            seed: STABILITY_SEED,
            runs: STABILITY_RUNS,
            top: STABILITY_TOP,
            perspective: perspective.map(|p| p.to_string()),
            caveat: (!rows.is_empty() && rows.len() <= STABILITY_TOP).then(|| {
                format!(
                    "With {} targets in play, every target is in the top {STABILITY_TOP} \
                     whatever the scores, so the stability column says nothing here.",
                    rows.len()
                )
            }),
            rows,
        },
        HeatMap {
            ids: matrix.ids.clone(),
            titles,
            scores: matrix.scores.clone(),
            recorded,
            shown,
        },
    )
}

/// The report's diagram draws at most this many links per node drawn (and never more than the
/// built-in layout takes, [`crate::diagram::svg::BUILTIN_MAX_EDGES`]): more is unreadable on a
/// page, and the layout's cost grows steeply with the links.
pub const EDGES_PER_NODE: usize = 3;

fn network(workspace: &Workspace, analysis: &Analysis, title: &str) -> Network {
    let model = &workspace.model;
    let max_nodes = workspace.settings.report.max_diagram_nodes as usize;
    let options = DiagramOptions {
        max_nodes: Some(max_nodes),
        max_edges: Some((max_nodes * EDGES_PER_NODE).min(crate::diagram::svg::BUILTIN_MAX_EDGES)),
        ..DiagramOptions::default()
    };
    let diagram = Diagram::build(model, &analysis.graph, &options);
    let svg = crate::diagram::svg::render_builtin(
        &diagram,
        &format!("Network of {title}"),
        crate::diagram::svg::Embedding::Inline,
    );
    // Sorted by measure and target (a stable sort: one measure's effects on one target keep
    // their order); only the rows shown are made.
    let mut effects: Vec<(&str, &str, &crate::model::Effect)> = model
        .measures
        .iter()
        .flat_map(|m| {
            m.effects
                .iter()
                .map(move |e| (m.id.as_str(), model.element(e.target).id.as_str(), e))
        })
        .collect();
    effects.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    let effects = Capped::first(effects.into_iter(), MAX_LISTED, |(measure, target, e)| {
        EffectRow {
            measure: measure.to_string(),
            target: target.to_string(),
            score: e.score.value(),
            where_: e.where_.as_str(),
            when: e.when.as_str(),
        }
    });
    Network {
        svg,
        description: diagram.describe(),
        diagram,
        max_nodes,
        effects,
    }
}

fn methodology() -> Methodology {
    Methodology {
        scale: Score::scale()
            .map(|s| ScaleRow {
                score: s.value(),
                name: s.name(),
                meaning: s.meaning(),
            })
            .collect(),
        propagation: SEMANTICS,
        index_formula: FORMULA,
        influence: format!(
            "Over the cross-impact matrix M of the targets in play (M[i][j] is the knowledge \
             base's score of i's effect on j), each target's out-influence is its row sum, its \
             in-influence its column sum, its second-order influence ½ Σⱼ M[i][j] × out[j], and \
             its total out + second order; targets are ranked by total, as in SEI's SDG \
             Synergies tool (Weitz, Carlsen, Nilsson & Skånberg, Sustainability Science 13, \
             2018). Stability: the share of {STABILITY_RUNS} runs, each with every nonzero score \
             moved by +1 or −1 at random (seed {STABILITY_SEED}, so reproducible), in which the \
             target still ranks in the top {STABILITY_TOP}."
        ),
        rules: RULES
            .iter()
            .map(|r| RuleRow {
                id: r.meta.id,
                category: r.meta.category,
                default_severity: r.meta.default_severity,
                summary: r.meta.summary,
                what: r.meta.what,
            })
            .collect(),
    }
}

/// The SHA-256 of a text, as 64 lower-case hex digits.
pub fn sha256_hex(text: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn provenance(workspace: &Workspace) -> Provenance {
    let settings = &workspace.settings;
    let mut files: Vec<FileDigest> = workspace
        .sources
        .iter()
        .filter(|(_, f)| f.origin == Origin::Disk)
        .map(|(_, f)| FileDigest {
            path: f.display_path.clone(),
            sha256: sha256_hex(&f.text),
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files.dedup_by(|a, b| a.path == b.path);
    let source_name = |s: &SourceRef| match s {
        SourceRef::BuiltIn(name) => format!("{name} (built in)"),
        SourceRef::Path(path) => path.to_string_lossy().replace('\\', "/"),
    };
    let level_word = |level: RuleLevel| match level {
        RuleLevel::Off => "off".to_string(),
        RuleLevel::Report(s) => s.to_string(),
    };
    let differs = |selector: &crate::config::Selector, level: RuleLevel| match selector {
        crate::config::Selector::Rule(meta) => level != RuleLevel::Report(meta.default_severity),
        crate::config::Selector::Category(_) => true,
    };
    let mut levels: Vec<LevelRow> = settings
        .rules
        .0
        .iter()
        .filter(|(s, l)| differs(s, *l))
        .map(|(s, l)| LevelRow {
            selector: s.name().to_string(),
            level: level_word(*l),
            paths: Vec::new(),
        })
        .collect();
    for o in &settings.overrides {
        for (s, l) in &o.levels.0 {
            levels.push(LevelRow {
                selector: s.name().to_string(),
                level: level_word(*l),
                paths: o.patterns.clone(),
            });
        }
    }
    Provenance {
        cohere_version: env!("CARGO_PKG_VERSION"),
        files,
        configuration: Configuration {
            project_file: workspace
                .project
                .as_ref()
                .map(|p| workspace.sources.get(p.file).display_path.clone()),
            perspective: settings.default_perspective.map(|p| p.to_string()),
            thresholds_default: settings.thresholds == Thresholds::default(),
            thresholds: settings.thresholds.clone(),
            levels,
            frameworks: settings
                .frameworks
                .iter()
                .map(|s| source_name(&s.value))
                .collect(),
            knowledge_bases: settings
                .knowledge_bases
                .iter()
                .map(|s| source_name(&s.value))
                .collect(),
            floor: settings
                .floor
                .as_ref()
                .map(|f| f.iter().map(|e| e.value.trim().to_string()).collect()),
            max_diagram_nodes: settings.report.max_diagram_nodes,
        },
    }
}
