//! The story the report tells parliament: the brief up front, conflicts grouped by the measure
//! that causes them and by the target they pull apart, the policies that pull apart and
//! together, and small path diagrams of the top conflicts.
//!
//! Everything here is computed from the typed findings as the report model renders them
//! ([`FindingView`], whose evidence paths name measures and elements by id) and from the rules'
//! metadata (their report section): no rule id is named, so the story stays right whatever
//! the rules find.

use super::model::{
    Capped, Costs, FindingView, MeasureRef, PathView, SummaryCounts, Views, finding_anchor,
    measure_ref, round2, subject_measures,
};
use super::plain::{Plain, sentence};
use crate::analysis::evidence::EvidencePath;
use crate::finding::{Cx, Finding, Names, Severity};
use crate::model::{MeasureIdx, Model};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// How many groups of conflicts get a path diagram.
pub const DIAGRAMS: usize = 3;
/// How many questions the brief asks at most.
pub const QUESTIONS: usize = 4;

/// One sentence of the brief and the place in the report that details it.
#[derive(Clone, Debug, Serialize)]
pub struct Line {
    /// The sentence.
    pub text: String,
    /// The fragment of its detail (without `#`).
    pub anchor: String,
}

/// The brief: what a member of parliament reads if they read nothing else.
#[derive(Clone, Debug, Serialize)]
pub struct Brief {
    /// The verdict in a sentence: the errors first.
    pub verdict: String,
    /// What the coherence index says, and what it does not.
    pub index: String,
    /// Who bears the costs, and where.
    pub costs: Vec<Line>,
    /// What the portfolio leaves out.
    pub gaps: Vec<Line>,
    /// What parliament may ask the government.
    pub questions: Vec<Line>,
}

/// How many groups of conflicts with errors or warnings get a card before the rest are counted.
pub const MAX_CARDS: usize = 15;
/// How many groups of notes only are listed before the rest are counted.
pub const MAX_WEAKER: usize = 25;
/// How many conflicts a group shows (a row and the finding in full) before counting the rest.
pub const MAX_PAIRS: usize = 8;
/// How many measures a row of conflicts names before counting the rest.
pub const MAX_NAMES: usize = 10;
/// How many policies the policy matrix shows (a row and a column each) before counting the
/// rest: more columns do not fit a page.
pub const MAX_MATRIX: usize = 15;

/// A conflict, as one row of its group.
#[derive(Clone, Debug, Serialize)]
pub struct ConflictPair {
    /// The finding's number: its detail is in the report's findings.
    pub finding: usize,
    /// The target pulled apart, in plain words, when the finding has evidence paths.
    pub target: Option<String>,
    /// The elements the effect passes through on its way to the target.
    pub through: Vec<String>,
    /// The other measures, by title in quotes (the first [`MAX_NAMES`]).
    pub others: Capped<String>,
}

/// The conflicts caused by one measure.
#[derive(Clone, Debug, Serialize)]
pub struct ConflictGroup {
    /// The fragment of its card.
    pub anchor: String,
    /// The measure that sets the targets back (none for findings about no single measure).
    pub measure: Option<MeasureRef>,
    /// Its policy's title.
    pub policy: Option<String>,
    /// Errors among its conflicts.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Notes.
    pub info: usize,
    /// Its conflicts, most important first (the first [`MAX_PAIRS`]).
    pub pairs: Capped<ConflictPair>,
    /// A diagram of its most important conflict (for the top groups).
    pub diagram: Option<PathDiagram>,
}

impl ConflictGroup {
    /// Its findings counted by severity: `1 error, 3 warnings`.
    pub fn counts(&self) -> String {
        [
            (self.errors, "error", "errors"),
            (self.warnings, "warning", "warnings"),
            (self.info, "note", "notes"),
        ]
        .into_iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| super::plain::plural(n, one, many))
        .collect::<Vec<_>>()
        .join(", ")
    }

    /// Whether it has errors or warnings (a card), or only notes.
    pub fn serious(&self) -> bool {
        self.errors + self.warnings > 0
    }
}

/// How many conflicts and groups there are, shown or not.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct ConflictTotals {
    /// Findings of conflict or trade-off.
    pub findings: usize,
    /// Groups with errors or warnings.
    pub serious_groups: usize,
    /// Groups of notes only.
    pub weaker_groups: usize,
}

/// A small diagram: measure → … → target ← … ← measure.
#[derive(Clone, Debug, Serialize)]
pub struct PathDiagram {
    /// Inline SVG (only in the HTML).
    #[serde(skip)]
    pub svg: String,
    /// Its text alternative.
    pub description: String,
}

/// The conflicts about one target.
#[derive(Clone, Debug, Serialize)]
pub struct TargetConflicts {
    /// The target in plain words.
    pub target: String,
    /// How many conflicts pull it apart.
    pub conflicts: usize,
    /// The measures that set it back, by title in quotes (the first [`MAX_NAMES`]).
    pub setting_back: Capped<String>,
    /// The measures that advance it (the first [`MAX_NAMES`]).
    pub advancing: Capped<String>,
}

/// Conflicts and synergies between the measures of each pair of policies.
#[derive(Clone, Debug, Serialize)]
pub struct PolicyMatrix {
    /// The policies' titles, in the order of rows and columns: every policy, or, when there
    /// are more than [`MAX_MATRIX`], those in the most findings (in the order of the files).
    pub policies: Vec<String>,
    /// How many policies are left out of the matrix.
    pub more: usize,
    /// `conflicts[i][j]`: findings in which a measure of one sets back what a measure of the
    /// other advances (symmetric; the diagonal is within one policy).
    pub conflicts: Vec<Vec<usize>>,
    /// `synergies[i][j]`: findings in which measures of both reinforce each other.
    pub synergies: Vec<Vec<usize>>,
}

/// The path that sets the target back (the weakest strength), if any.
fn negative_path<P: PathLike>(paths: &[P]) -> Option<&P> {
    paths
        .iter()
        .filter(|p| p.strength() < 0.0)
        .min_by(|a, b| a.strength().total_cmp(&b.strength()))
}

/// An evidence path as the report model or the analysis holds it.
trait PathLike {
    fn strength(&self) -> f64;
    fn start(&self) -> Option<&str>;
    fn end(&self) -> Option<&str>;
}

impl PathLike for PathView {
    fn strength(&self) -> f64 {
        self.strength
    }
    fn start(&self) -> Option<&str> {
        self.steps.first().map(|s| s.from.as_str())
    }
    fn end(&self) -> Option<&str> {
        self.steps.last().map(|s| s.to.as_str())
    }
}

impl PathLike for EvidencePath {
    fn strength(&self) -> f64 {
        round2(self.strength)
    }
    fn start(&self) -> Option<&str> {
        self.steps.first().map(|s| s.from.as_str())
    }
    fn end(&self) -> Option<&str> {
        self.steps.last().map(|s| s.to.as_str())
    }
}

/// The start (an id) of each path that advances the target, repeats in a row dropped.
fn positive_starts<P: PathLike>(paths: &[P]) -> Vec<&str> {
    let mut starts: Vec<&str> = paths
        .iter()
        .filter(|p| p.strength() > 0.0)
        .filter_map(PathLike::start)
        .collect();
    starts.dedup();
    starts
}

fn title_of(model: &Model, id: &str) -> String {
    Plain::new(model).written(id)
}

/// What the story needs of one conflict, from its typed facts: no words.
#[derive(Clone, Debug)]
pub struct ConflictFacts {
    /// The finding's number.
    pub number: usize,
    severity: Severity,
    strength: f64,
    /// The group: the measure whose effect sets the target back, else (no path sets a target
    /// back) the first measure the finding is about; none for a loop among targets.
    group: Option<MeasureIdx>,
    /// Whether the target is set back by the group's measure.
    caused: bool,
    /// The target set back (an element id) and the elements passed through on the way.
    target: Option<String>,
    through: Vec<String>,
    /// The ids that start the paths advancing the target, the causing measure left out.
    advancing: Vec<String>,
}

/// The conflicts section: the groups shown, the totals, the targets, and each conflict's facts
/// (for the policy matrix).
pub struct Conflicts {
    /// The groups shown: cards first, then groups of notes only.
    pub groups: Vec<ConflictGroup>,
    /// How many there are in all.
    pub totals: ConflictTotals,
    /// Conflicts by target, most first.
    pub targets: Vec<TargetConflicts>,
    /// Every conflict's facts.
    pub facts: Vec<ConflictFacts>,
}

/// Groups the conflicts (most important first) by the measure that causes them, counts them by
/// target, and words only what is shown: each group's first [`MAX_PAIRS`] conflicts, the first
/// [`MAX_CARDS`] groups with errors or warnings and the first [`MAX_WEAKER`] of notes only, and
/// the group about no single measure wherever it ranks.
pub fn conflicts(cx: Cx<'_>, found: &[(usize, &Finding)], views: &mut Views<'_>) -> Conflicts {
    let model = cx.model;
    let facts: Vec<ConflictFacts> = found
        .iter()
        .map(|&(i, finding)| {
            let paths = finding.evidence_paths(cx);
            let strength = strength_of(&paths);
            let negative = negative_path(&paths);
            let cause = negative
                .and_then(PathLike::start)
                .and_then(|m| model.measure_by_id(m));
            let mut fact = ConflictFacts {
                number: i + 1,
                severity: finding.severity,
                strength,
                group: cause,
                caused: cause.is_some(),
                target: None,
                through: Vec::new(),
                advancing: Vec::new(),
            };
            match (cause, negative) {
                (Some(m), Some(path)) => {
                    let id = model.measure(m).id.as_str();
                    fact.target = path.end().map(str::to_string);
                    fact.through = path
                        .steps
                        .iter()
                        .take(path.steps.len().saturating_sub(1))
                        .map(|s| s.to.clone())
                        .collect();
                    fact.advancing = positive_starts(&paths)
                        .into_iter()
                        .filter(|s| *s != id)
                        .map(str::to_string)
                        .collect();
                }
                // A loop among targets is about no single measure.
                (None, Some(_)) => {}
                (_, None) => fact.group = subject_measures(cx, finding).first().copied(),
            }
            fact
        })
        .collect();
    let mut grouped: BTreeMap<Option<MeasureIdx>, Vec<&ConflictFacts>> = BTreeMap::new();
    for fact in &facts {
        grouped.entry(fact.group).or_default().push(fact);
    }
    struct Group<'f> {
        measure: Option<MeasureRef>,
        index: Option<MeasureIdx>,
        pairs: Vec<&'f ConflictFacts>,
        errors: usize,
        warnings: usize,
        info: usize,
    }
    let mut groups: Vec<Group<'_>> = grouped
        .into_iter()
        .map(|(index, mut pairs)| {
            // Stable: ties keep the order of importance the findings came in.
            pairs.sort_by(|a, b| {
                b.severity
                    .cmp(&a.severity)
                    .then(b.strength.total_cmp(&a.strength))
            });
            let count = |s: Severity| pairs.iter().filter(|p| p.severity == s).count();
            Group {
                measure: index.map(|m| measure_ref(model, m)),
                index,
                errors: count(Severity::Error),
                warnings: count(Severity::Warning),
                info: count(Severity::Info),
                pairs,
            }
        })
        .collect();
    let top = |g: &Group<'_>| g.pairs.first().map_or(0.0, |p| p.strength);
    groups.sort_by(|a, b| {
        (b.errors, b.warnings, b.pairs.len())
            .cmp(&(a.errors, a.warnings, a.pairs.len()))
            .then(top(b).total_cmp(&top(a)))
            .then_with(|| a.measure.cmp(&b.measure))
    });
    let serious_groups = groups.iter().filter(|g| g.errors + g.warnings > 0).count();
    let totals = ConflictTotals {
        findings: facts.len(),
        serious_groups,
        weaker_groups: groups.len() - serious_groups,
    };
    // The first groups of each kind, and the group about no single measure (feedback loops
    // and the like) wherever it ranks, so that the groups left out are all measures'.
    let (serious, weaker) = groups.split_at(serious_groups);
    let first = |list: &'_ [Group<'_>], max: usize| -> Vec<usize> {
        let mut chosen: Vec<usize> = (0..list.len().min(max)).collect();
        if let Some(loops) = list.iter().position(|g| g.index.is_none())
            && loops >= max
        {
            chosen.push(loops);
        }
        chosen
    };
    let shown: Vec<&Group<'_>> = first(serious, MAX_CARDS)
        .into_iter()
        .map(|i| &serious[i])
        .chain(first(weaker, MAX_WEAKER).into_iter().map(|i| &weaker[i]))
        .collect();
    let names = |ids: &mut dyn Iterator<Item = &str>| -> Capped<String> {
        let titles: Vec<&str> = ids.collect();
        Capped::first(titles.into_iter(), MAX_NAMES, |id| title_of(model, id))
    };
    let mut out = Vec::with_capacity(shown.len());
    for (i, group) in shown.into_iter().enumerate() {
        let mut pairs = Vec::new();
        let mut diagram = None;
        for fact in group.pairs.iter().take(MAX_PAIRS) {
            let Some(view) = views.get(fact.number) else {
                continue;
            };
            let others = if fact.caused {
                names(&mut fact.advancing.iter().map(String::as_str))
            } else {
                Capped::first(view.measures.iter().skip(1), MAX_NAMES, |m| {
                    format!("“{}”", m.title)
                })
            };
            if i < DIAGRAMS
                && diagram.is_none()
                && view.paths.len() >= 2
                && negative_path(&view.paths).is_some()
            {
                diagram = Some(path_diagram(model, view, i + 1));
            }
            pairs.push(ConflictPair {
                finding: fact.number,
                target: fact.target.as_deref().map(|t| title_of(model, t)),
                through: fact.through.iter().map(|t| title_of(model, t)).collect(),
                others,
            });
        }
        out.push(ConflictGroup {
            anchor: format!("conflict-group-{}", i + 1),
            policy: group
                .index
                .map(|m| model.policy(model.measure(m).policy).title.clone()),
            measure: group.measure.clone(),
            errors: group.errors,
            warnings: group.warnings,
            info: group.info,
            pairs: Capped {
                items: pairs,
                more: group.pairs.len().saturating_sub(MAX_PAIRS),
            },
            diagram,
        });
    }
    // Conflicts by target: the measures that set it back and those that advance it, by title.
    let mut by_target: BTreeMap<&str, (usize, BTreeSet<&str>, BTreeSet<&str>)> = BTreeMap::new();
    for fact in facts.iter().filter(|f| f.caused) {
        let (Some(target), Some(m)) = (&fact.target, fact.group) else {
            continue;
        };
        let entry = by_target.entry(target).or_default();
        entry.0 += 1;
        entry.1.insert(model.measure(m).id.as_str());
        entry.2.extend(fact.advancing.iter().map(String::as_str));
    }
    let titled = |ids: BTreeSet<&str>| -> Capped<String> {
        let titles: BTreeSet<String> = ids.into_iter().map(|id| title_of(model, id)).collect();
        Capped::first(titles.into_iter(), MAX_NAMES, |t| t)
    };
    let mut targets: Vec<TargetConflicts> = by_target
        .into_iter()
        .map(|(target, (conflicts, back, forward))| TargetConflicts {
            target: title_of(model, target),
            conflicts,
            setting_back: titled(back),
            advancing: titled(forward),
        })
        .collect();
    targets.sort_by(|a, b| b.conflicts.cmp(&a.conflicts).then(a.target.cmp(&b.target)));
    Conflicts {
        groups: out,
        totals,
        targets,
        facts,
    }
}

/// Conflicts and synergies between the measures of each pair of policies, from every conflict
/// and every synergy (given by the measures each is about); when there are more policies than
/// [`MAX_MATRIX`], the matrix keeps those in the most findings.
pub fn policy_matrix(
    model: &Model,
    conflicts: &[ConflictFacts],
    synergies: &[Vec<MeasureIdx>],
) -> PolicyMatrix {
    let policy_of = |id: &str| {
        model
            .measure_by_id(id)
            .map(|m| model.measure(m).policy.index())
    };
    let mut conflict_cells: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let mut synergy_cells: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let add = |cells: &mut BTreeMap<(usize, usize), usize>, pairs: BTreeSet<(usize, usize)>| {
        for pair in pairs {
            *cells.entry(pair).or_default() += 1;
        }
    };
    for fact in conflicts.iter().filter(|f| f.caused) {
        let Some(a) = fact.group.map(|m| model.measure(m).policy.index()) else {
            continue;
        };
        let pairs: BTreeSet<(usize, usize)> = fact
            .advancing
            .iter()
            .filter_map(|id| policy_of(id))
            .map(|b| (a.min(b), a.max(b)))
            .collect();
        add(&mut conflict_cells, pairs);
    }
    for measures in synergies {
        let policies: BTreeSet<usize> = measures
            .iter()
            .map(|m| model.measure(*m).policy.index())
            .collect();
        let list: Vec<usize> = policies.into_iter().collect();
        let mut pairs = BTreeSet::new();
        if list.len() == 1 {
            pairs.insert((list[0], list[0]));
        }
        for (i, a) in list.iter().enumerate() {
            for b in &list[i + 1..] {
                pairs.insert((*a, *b));
            }
        }
        add(&mut synergy_cells, pairs);
    }
    let n = model.policies.len();
    let max = MAX_MATRIX;
    let shown: Vec<usize> = if n <= max {
        (0..n).collect()
    } else {
        let mut involvement = vec![0usize; n];
        for (&(a, b), &count) in conflict_cells.iter().chain(&synergy_cells) {
            involvement[a] += count;
            if a != b {
                involvement[b] += count;
            }
        }
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|&p| (std::cmp::Reverse(involvement[p]), p));
        order.truncate(max);
        order.sort_unstable();
        order
    };
    let cell = |cells: &BTreeMap<(usize, usize), usize>, a: usize, b: usize| {
        cells.get(&(a.min(b), a.max(b))).copied().unwrap_or(0)
    };
    PolicyMatrix {
        policies: shown
            .iter()
            .map(|&p| model.policies[p].title.clone())
            .collect(),
        more: n - shown.len(),
        conflicts: shown
            .iter()
            .map(|&a| shown.iter().map(|&b| cell(&conflict_cells, a, b)).collect())
            .collect(),
        synergies: shown
            .iter()
            .map(|&a| shown.iter().map(|&b| cell(&synergy_cells, a, b)).collect())
            .collect(),
    }
}

/// The brief, from what the rest of the report computed.
pub fn brief(
    counts: &SummaryCounts,
    index: Option<f64>,
    groups: &[ConflictGroup],
    costs: &Costs,
    first_cost: Option<&FindingView>,
    gaps: &[&FindingView],
    capacity: usize,
) -> Brief {
    let plural = |n: usize, one: &str, many: &str| match n {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    };
    let verdict = if counts.errors > 0 {
        format!(
            "The portfolio is not coherent as it stands: {} must be resolved, or accepted by the government with a published reason. {} and {} point to further tensions, costs and gaps. The findings cover {} in {}.",
            plural(
                counts.errors,
                "finding is an error that",
                "findings are errors that"
            ),
            plural(counts.warnings, "warning", "warnings"),
            plural(counts.info, "note", "notes"),
            plural(counts.measures, "measure", "measures"),
            plural(counts.policies, "policy", "policies"),
        )
    } else {
        format!(
            "No finding is an error. {} and {} point to tensions, costs and gaps. The findings cover {} in {}.",
            plural(counts.warnings, "warning", "warnings"),
            plural(counts.info, "note", "notes"),
            plural(counts.measures, "measure", "measures"),
            plural(counts.policies, "policy", "policies"),
        )
    };
    let index = match index {
        Some(i) => {
            let mut text = format!(
                "The coherence index is {i:.1} out of 100: of all the pairs of effects that two measures have on a common target, weighted by their strength, {i:.0}% push the same way."
            );
            if counts.errors > 0 {
                let _ = write!(
                    text,
                    " It is not a pass mark: a high index can hide a conflict that matters, and this portfolio has {}.",
                    plural(counts.errors, "error", "errors")
                );
            }
            text
        }
        None => "There is no coherence index: no two measures act on a common target.".into(),
    };
    let costs_section = anchor_of(super::headings::COSTS);
    // Who bears a kind of cost, as a clause: the groups named, most measures first, then those
    // no measure names.
    let bearers = |rows: Vec<(String, usize)>, n: usize| -> String {
        let unnamed = rows
            .iter()
            .find(|(name, _)| name == super::model::UNASSIGNED_TITLE)
            .map(|(_, count)| *count);
        let named: Vec<String> = rows
            .iter()
            .filter(|(name, _)| name != super::model::UNASSIGNED_TITLE)
            .take(n)
            .map(|(name, count)| format!("{name} ({})", plural(*count, "measure", "measures")))
            .collect();
        match (named.is_empty(), unnamed) {
            (true, _) => "and names no group that bears the cost".to_string(),
            (false, None) => format!("at the cost of {}", named.join(", ")),
            (false, Some(count)) => format!(
                "at the cost of {}, and of groups not named ({})",
                named.join(", "),
                plural(count, "measure", "measures")
            ),
        }
    };
    let by = |pick: fn(&super::model::BurdenRow) -> usize| -> Vec<(String, usize)> {
        let mut rows: Vec<(String, usize)> = costs
            .by_group
            .iter()
            .filter(|r| pick(r) > 0)
            .map(|r| (r.title.clone(), pick(r)))
            .collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        rows
    };
    let mut cost_lines = Vec::new();
    let elsewhere = by(|r| r.elsewhere.measures);
    if costs.measures_elsewhere > 0 {
        cost_lines.push(Line {
            text: format!(
                "Elsewhere: {} targets in other countries, {}.",
                plural(
                    costs.measures_elsewhere,
                    "measure sets back",
                    "measures set back"
                ),
                bearers(elsewhere, 4)
            ),
            anchor: costs_section.clone(),
        });
    }
    let later = by(|r| r.later.measures);
    if costs.measures_later > 0 {
        cost_lines.push(Line {
            text: format!(
                "Later: {} targets beyond the policies' horizon, {}.",
                plural(
                    costs.measures_later,
                    "measure sets back",
                    "measures set back"
                ),
                bearers(later, 4)
            ),
            anchor: costs_section.clone(),
        });
    }
    let here = by(|r| r.here_now.measures);
    if costs.measures_here > 0 {
        cost_lines.push(Line {
            text: format!(
                "Here and now: {} targets at home, {}.",
                plural(
                    costs.measures_here,
                    "measure sets back",
                    "measures set back"
                ),
                bearers(here, 3)
            ),
            anchor: costs_section.clone(),
        });
    }
    if let Some(f) = first_cost {
        cost_lines.push(Line {
            text: f.plain.clone(),
            anchor: f.anchor.clone(),
        });
    }
    let mut gap_lines: Vec<Line> = gaps
        .iter()
        .take(4)
        .map(|f| Line {
            text: f.plain.clone(),
            anchor: f.anchor.clone(),
        })
        .collect();
    if gaps.len() > 4 {
        gap_lines.push(Line {
            text: format!("{} more gaps are listed with the coverage.", gaps.len() - 4),
            anchor: anchor_of(super::headings::COVERAGE),
        });
    }
    if capacity > 0 {
        gap_lines.push(Line {
            text: format!(
                "{} about the capacity to monitor, to evidence, to lead and to report back.",
                plural(capacity, "finding is", "findings are")
            ),
            anchor: anchor_of(super::headings::COVERAGE),
        });
    }
    Brief {
        verdict,
        index,
        costs: cost_lines,
        gaps: gap_lines,
        questions: questions(groups, first_cost, gaps),
    }
}

/// What parliament may ask, from the most important findings of each kind: a conflict (reconcile
/// the two measures), a cost (who bears it) and a gap (what will fill it).
fn questions(
    groups: &[ConflictGroup],
    first_cost: Option<&FindingView>,
    gaps: &[&FindingView],
) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let mut push = |line: Line| {
        if out.len() < QUESTIONS && !out.iter().any(|l| l.text == line.text) {
            out.push(line);
        }
    };
    for group in groups.iter().take(2) {
        let Some(pair) = group.pairs.first() else {
            continue;
        };
        let Some(measure) = &group.measure else {
            continue;
        };
        let text = match (&pair.target, pair.others.first()) {
            (Some(target), Some(other)) => format!(
                "How will the government reconcile “{}” with {other}, which pull {target} in opposite directions?",
                measure.title
            ),
            _ => format!(
                "Will the government change “{}” or add safeguards, and report to parliament on its choice?",
                measure.title
            ),
        };
        push(Line {
            text,
            anchor: finding_anchor(pair.finding),
        });
    }
    if let Some(f) = first_cost {
        let text = match f.measures.first() {
            Some(m) => format!(
                "Who bears the costs of “{}”, were they consulted, and how will the government offset them?",
                m.title
            ),
            None => format!(
                "How will the government offset this cost: {}",
                lower_first(&f.plain)
            ),
        };
        push(Line {
            text,
            anchor: f.anchor.clone(),
        });
    }
    if let Some(f) = gaps.first() {
        push(Line {
            text: format!(
                "Which measure will close this gap: {}",
                lower_first(&f.plain)
            ),
            anchor: f.anchor.clone(),
        });
    }
    out
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        // Keep capitals that start a name ("SDG", "GCM").
        Some(first) if chars.clone().next().is_some_and(char::is_lowercase) => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => text.to_string(),
    }
}

/// The fragment of a section heading, as the HTML makes it.
pub fn anchor_of(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The width of a diagram, in SVG units (drawn at most this wide in CSS pixels, and scaled
/// down to the page).
const WIDTH: f64 = 720.0;
/// The font size of its labels, in SVG units: drawn across A4's text width (182 mm, less the
/// frame's padding) 13 units print at about 8.7 pt.
const FONT: f64 = 13.0;
const LINE: f64 = 16.0;
const MAX_LINES: usize = 5;

/// A node of a path diagram: its kind and the lines of its label.
struct Node {
    measure: bool,
    target: bool,
    lines: Vec<String>,
    full: String,
}

/// Words wrapped to `width` characters, at most `max` lines (the last cut with "…").
fn wrap(text: &str, width: usize, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if lines.len() > max {
        lines.truncate(max);
        if let Some(last) = lines.last_mut() {
            let keep: String = last.chars().take(width.saturating_sub(1)).collect();
            *last = format!("{}…", keep.trim_end());
        }
    }
    lines
        .into_iter()
        .map(|l| {
            if l.chars().count() > width {
                let keep: String = l.chars().take(width.saturating_sub(1)).collect();
                format!("{keep}…")
            } else {
                l
            }
        })
        .collect()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A node's label: a measure by its title, an element as "SDG 16.3" and its title.
fn node(model: &Model, id: &str, target: bool) -> (bool, String, String) {
    if let Some(m) = model.measure_by_id(id) {
        let title = model.measure(m).title.clone();
        return (true, format!("Measure: {title}"), title);
    }
    match model.element_by_id(id) {
        Some(e) => {
            let element = model.element(e);
            let short = element
                .id
                .as_str()
                .split_once(':')
                .map_or(element.id.as_str(), |(_, l)| l)
                .to_string();
            let prefix = match element.id.prefix() {
                "sdg" => "SDG",
                "gcm" => "GCM",
                "migof" => "MiGOF",
                "pcsd" => "PCSD",
                other => other,
            };
            let name = format!("{prefix} {short}");
            let kind = if target { "target " } else { "" };
            (
                false,
                format!("{name}: {}", element.title),
                format!("{kind}{name} ({})", element.title),
            )
        }
        None => (false, id.to_string(), id.to_string()),
    }
}

/// A diagram of a conflict: the path that sets the target back, left to right, and the path
/// that advances it, right to left, meeting at the target.
pub fn path_diagram(model: &Model, f: &FindingView, number: usize) -> PathDiagram {
    let Some(negative) = negative_path(&f.paths) else {
        return PathDiagram {
            svg: String::new(),
            description: String::new(),
        };
    };
    let positive = f
        .paths
        .iter()
        .filter(|p| p.strength > 0.0 && p.end() == negative.end())
        .max_by(|a, b| a.strength.total_cmp(&b.strength));
    // Node ids left to right, and the score of each edge between neighbours with its direction
    // (true: points right).
    let mut ids: Vec<&str> = Vec::new();
    let mut edges: Vec<(i8, bool)> = Vec::new();
    if let Some(first) = negative.start() {
        ids.push(first);
    }
    for step in &negative.steps {
        ids.push(&step.to);
        edges.push((step.score, true));
    }
    if let Some(p) = positive {
        for step in p.steps.iter().rev() {
            ids.push(&step.from);
            edges.push((step.score, false));
        }
    }
    let count = ids.len().max(1);
    let gap = if count > 4 { 56.0 } else { 72.0 };
    let box_width = (WIDTH - gap * (count as f64 - 1.0)) / count as f64;
    // DejaVu Sans averages about 0.6 em a character.
    let chars = ((box_width - 12.0) / (FONT * 0.6)).floor().max(6.0) as usize;
    let target_index = negative.steps.len();
    let nodes: Vec<Node> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let (measure, label, full) = node(model, id, i == target_index);
            Node {
                measure,
                target: i == target_index,
                lines: wrap(&label, chars, MAX_LINES),
                full,
            }
        })
        .collect();
    let lines = nodes.iter().map(|n| n.lines.len()).max().unwrap_or(1);
    let box_height = lines as f64 * LINE + 14.0;
    let top = 26.0;
    let height = top + box_height + 8.0;
    let id = format!("path-diagram-{number}");
    let mut description = String::new();
    for (i, n) in nodes.iter().enumerate() {
        if i > 0 {
            let (score, right) = edges[i - 1];
            let sign = super::score_words(score);
            if right {
                let _ = write!(description, " → ({sign}) → ");
            } else {
                let _ = write!(description, " ← ({sign}) ← ");
            }
        }
        description.push_str(&n.full);
    }
    description = sentence(&format!(
        "Path diagram: {description}. The measure on the left sets the target back; the one on the right advances it"
    ));
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"path-diagram\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-title\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"{FONT}\">\
<title id=\"{id}-title\">{}</title>\
<defs><marker id=\"{id}-back\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#8c1d18\"/></marker>\
<marker id=\"{id}-fwd\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#1f4f8a\"/></marker></defs>",
        escape(&description)
    );
    let x_of = |i: usize| i as f64 * (box_width + gap);
    for (i, n) in nodes.iter().enumerate() {
        let x = x_of(i);
        let (fill, stroke, width) = match (n.measure, n.target) {
            (true, _) => ("#eef3fa", "#1f5fa8", 1.5),
            (false, true) => ("#fff4cc", "#5c4300", 2.5),
            (false, false) => ("#f5f6f8", "#5f6368", 1.0),
        };
        let _ = write!(
            svg,
            "<rect x=\"{x:.1}\" y=\"{top}\" width=\"{box_width:.1}\" height=\"{box_height:.1}\" rx=\"5\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{width}\"/>"
        );
        for (l, text) in n.lines.iter().enumerate() {
            let y = top + 17.0 + l as f64 * LINE;
            let weight = if l == 0 && !n.measure {
                " font-weight=\"bold\""
            } else {
                ""
            };
            let _ = write!(
                svg,
                "<text x=\"{:.1}\" y=\"{y:.1}\" fill=\"#1a1a1a\"{weight}>{}</text>",
                x + 6.0,
                escape(text)
            );
        }
        if i > 0 {
            let (score, right) = edges[i - 1];
            let (colour, marker, dash) = if score < 0 {
                ("#8c1d18", "back", " stroke-dasharray=\"5 3\"")
            } else {
                ("#1f4f8a", "fwd", "")
            };
            let x1 = x_of(i - 1) + box_width + 2.0;
            let x2 = x - 2.0;
            let y = top + box_height / 2.0;
            let (from, to) = if right { (x1, x2) } else { (x2, x1) };
            let _ = write!(
                svg,
                "<line x1=\"{from:.1}\" y1=\"{y:.1}\" x2=\"{to:.1}\" y2=\"{y:.1}\" stroke=\"{colour}\" stroke-width=\"2\"{dash} marker-end=\"url(#{id}-{marker})\"/>\
<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"{colour}\">{}</text>",
                (x1 + x2) / 2.0,
                top + box_height / 2.0 - 8.0,
                crate::diagram::score_label(score)
            );
        }
    }
    svg.push_str("</svg>");
    PathDiagram { svg, description }
}

/// The strength of a finding: the strongest of its evidence paths (0 without any).
pub fn strength(paths: &[PathView]) -> f64 {
    round2(paths.iter().map(|p| p.strength.abs()).fold(0.0, f64::max))
}

/// [`strength`] from the analysis' paths, as the report rounds them.
fn strength_of(paths: &[EvidencePath]) -> f64 {
    round2(
        paths
            .iter()
            .map(|p| round2(p.strength).abs())
            .fold(0.0, f64::max),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_wrap_and_are_cut_with_an_ellipsis() {
        assert_eq!(wrap("one two three", 7, 3), ["one two", "three"]);
        assert_eq!(wrap("a b c d e f", 1, 2), ["a", "…"]);
        assert_eq!(wrap("abcdefghij", 4, 2), ["abc…"]);
    }

    #[test]
    fn fragments_match_the_html_headings() {
        assert_eq!(anchor_of("Who bears the costs"), "who-bears-the-costs");
    }
}
