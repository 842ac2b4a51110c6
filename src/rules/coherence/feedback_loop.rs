//! `feedback-loop`: a reinforcing or balancing cycle among a policy's targets.

use crate::analysis::propagation::Arena;
use crate::analysis::propagation::interaction_step;
use crate::analysis::strength::at_least;
use crate::diagnostic::{Category, RuleMeta, Section, Severity};
use crate::finding::{Cx, EvidencePath, Finding, Label, Names, Violation};
use crate::model::{ElementIdx, InteractionIdx, Model, PolicyIdx};
use crate::rules::Context;
use crate::rules::support::interaction_label_in;
use std::collections::{BTreeMap, BTreeSet};

/// The longest cycle looked for.
const MAX_CYCLE: usize = 4;
/// The most cycles reported per policy.
const MAX_PER_POLICY: usize = 10;

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "feedback-loop",
    category: Category::Coherence,
    default_severity: Severity::Info,
    section: Section::Conflicts,
    headline: None,
    summary: "a reinforcing or balancing cycle among a policy's targets",
    what: "Finds cycles of up to four knowledge-base interactions among the targets a policy's \
           measures affect where the policy is felt (effects `where: here`, in the policy's own \
           context), and reports those that change what the policy does, once per cycle (the \
           strongest, where parallel interactions make several): a reinforcing loop (its \
           scores multiply to a positive number) when the policy sets back one of its targets, \
           so that the setback compounds — a vicious circle; a balancing loop (a negative \
           product) when the policy advances all of its targets, so that part of the progress \
           is taken back. A reinforcing loop among targets the policy only advances, or a \
           balancing loop whose tension the policy already chooses by setting a target back, \
           is not reported, nor is a loop weaker than `path-strength` (default 0.2, the \
           threshold under which propagation ignores a chain; a loop's strength is the product \
           of its scores / 3). Reinforcing loops are information; balancing loops are warnings \
           when their strength is -0.2 or stronger, information otherwise. At most ten loops \
           are reported per policy, strongest first.",
    why: "Loops decide how a policy behaves over time. A reinforcing loop is a leverage point — or \
          a vicious circle if the policy sets one of its targets back. A balancing loop explains \
          why efforts stall: part of the progress is taken back by the loop.",
    fix: "Nothing may be wrong. For a balancing loop, look for a measure that weakens the link \
          that takes progress back; for a reinforcing loop, make sure no measure of the policy \
          sets one of its targets back.",
};

/// Reports feedback loops.
pub fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let model = context.model;
    let graph = &context.analysis.graph;
    let min_strength = context.settings.thresholds.path_strength;
    for (p, policy) in model.policies.iter().enumerate() {
        let policy_idx = PolicyIdx::new(p);
        // The targets the policy acts on where it is felt (here), and which way it pushes
        // each: a loop abroad runs on the other country's interactions, not this policy's.
        let mut in_play: BTreeMap<ElementIdx, crate::source::Location> = BTreeMap::new();
        let mut set_back: BTreeSet<ElementIdx> = BTreeSet::new();
        for &m in &policy.measures {
            for effect in &model.measure(m).effects {
                if effect.where_.is_elsewhere() {
                    continue;
                }
                in_play.entry(effect.target).or_insert(effect.location);
                if effect.score.is_negative() {
                    set_back.insert(effect.target);
                }
            }
        }
        if in_play.len() < 2 {
            continue;
        }
        let arena = Arena::of_effect(policy.perspective, crate::vocabulary::Where::Here);
        let within: BTreeSet<ElementIdx> = in_play.keys().copied().collect();
        let follow = |i: InteractionIdx| {
            let interaction = model.interaction(i);
            arena.admits(interaction.perspective) && interaction.score.value() != 0
        };
        let mut cycles = Vec::new();
        for component in graph.element_cycles_components(&within, follow) {
            // The interactions among the component's members that the policy's arena follows,
            // from each member, in interaction order: built once, not at every step of the
            // search.
            let adjacency: BTreeMap<ElementIdx, Vec<(InteractionIdx, ElementIdx)>> = component
                .iter()
                .map(|&from| {
                    let mut next: Vec<(InteractionIdx, ElementIdx)> = graph
                        .interactions_from(from)
                        .filter(|&i| follow(i))
                        .map(|i| (i, model.interaction(i).to))
                        .filter(|(_, to)| component.binary_search(to).is_ok())
                        .collect();
                    next.sort();
                    (from, next)
                })
                .collect();
            for &start in &component {
                let mut path = Vec::new();
                let mut visited = Vec::new();
                find_cycles(
                    &adjacency,
                    start,
                    start,
                    &mut path,
                    &mut visited,
                    &mut cycles,
                );
            }
        }
        // Once per cycle: parallel interactions (one per perspective) make several cycles
        // through the same targets in the same order; the strongest stands for them.
        let mut by_targets: BTreeMap<Vec<ElementIdx>, (f64, Vec<InteractionIdx>)> = BTreeMap::new();
        for cycle in cycles {
            let product = strength(model, &cycle);
            if !matters(model, &cycle, product, &set_back) {
                continue;
            }
            let targets: Vec<ElementIdx> =
                cycle.iter().map(|&i| model.interaction(i).from).collect();
            let kept = by_targets
                .entry(targets)
                .or_insert((product, cycle.clone()));
            if product.abs() > kept.0.abs() {
                *kept = (product, cycle);
            }
        }
        // A loop is a chain that comes back: one weaker than `path-strength`, the threshold
        // under which propagation ignores a chain, is as negligible.
        let mut cycles: Vec<(f64, Vec<InteractionIdx>)> = by_targets
            .into_values()
            .map(|(product, cycle)| (product.abs(), cycle))
            .filter(|(strength, _)| at_least(*strength, min_strength))
            .collect();
        cycles.sort_by(|(sa, a), (sb, b)| sb.total_cmp(sa).then(a.cmp(b)));
        let cycles: Vec<Vec<InteractionIdx>> = cycles.into_iter().map(|(_, c)| c).collect();
        let total = cycles.len();
        for cycle in cycles.into_iter().take(MAX_PER_POLICY) {
            out.push(finding(model, policy_idx, &in_play, cycle, total));
        }
    }
}

/// Whether a loop changes what the policy does, and so is worth a finding. A reinforcing loop
/// matters when the policy sets back one of its targets: the setback compounds round the loop
/// (a vicious circle); among targets the policy only advances, it says nothing the policy does
/// not already count on. A balancing loop matters when the policy advances all of its
/// targets: the loop takes part of that progress back; where the policy itself sets one of them
/// back, the tension is the policy's own choice, which `internal-trade-off` and the conflict
/// rules report.
fn matters(
    model: &Model,
    cycle: &[InteractionIdx],
    product: f64,
    set_back: &BTreeSet<ElementIdx>,
) -> bool {
    let any_set_back = cycle
        .iter()
        .any(|&i| set_back.contains(&model.interaction(i).from));
    if product > 0.0 {
        any_set_back
    } else {
        !any_set_back
    }
}

/// Depth-first search for simple cycles through `start`, visiting only elements greater than
/// `start` (so each cycle is found once, from its smallest element). `adjacency` holds only the
/// interactions among the component's members, in interaction order.
fn find_cycles(
    adjacency: &BTreeMap<ElementIdx, Vec<(InteractionIdx, ElementIdx)>>,
    start: ElementIdx,
    at: ElementIdx,
    path: &mut Vec<InteractionIdx>,
    visited: &mut Vec<ElementIdx>,
    cycles: &mut Vec<Vec<InteractionIdx>>,
) {
    if path.len() >= MAX_CYCLE {
        return;
    }
    let Some(next) = adjacency.get(&at) else {
        return;
    };
    for &(i, to) in next {
        if to == start {
            let mut cycle = path.clone();
            cycle.push(i);
            cycles.push(cycle);
            continue;
        }
        if to < start || visited.contains(&to) {
            continue;
        }
        path.push(i);
        visited.push(to);
        find_cycles(adjacency, start, to, path, visited, cycles);
        visited.pop();
        path.pop();
    }
}

fn strength(model: &Model, cycle: &[InteractionIdx]) -> f64 {
    cycle
        .iter()
        .map(|&i| model.interaction(i).score.normalised())
        .product()
}

fn finding(
    model: &Model,
    policy: PolicyIdx,
    in_play: &BTreeMap<ElementIdx, crate::source::Location>,
    cycle: Vec<InteractionIdx>,
    total: usize,
) -> Finding {
    let product = strength(model, &cycle);
    // A balancing loop is worth a warning when it is strong enough to take back a real part
    // of the progress (two +2/-2 links or stronger: 0.2 and more).
    let severity = if product <= -0.2 {
        Severity::Warning
    } else {
        Severity::Info
    };
    let first = model.interaction(cycle[0]).from;
    let confidence = cycle
        .iter()
        .map(|&i| model.interaction(i).confidence)
        .min()
        .unwrap_or(crate::vocabulary::Confidence::Low);
    Finding::of(
        &META,
        in_play
            .get(&first)
            .copied()
            .unwrap_or(model.policy(policy).location),
        FeedbackLoop {
            policy,
            cycle,
            total: total as u32,
        },
    )
    .severity(severity)
    .confidence(confidence)
}

/// A loop of interactions among a policy's targets.
#[derive(Debug)]
struct FeedbackLoop {
    policy: PolicyIdx,
    /// The interactions, in order around the loop.
    cycle: Vec<InteractionIdx>,
    /// How many loops were found among the policy's targets.
    total: u32,
}

impl Violation for FeedbackLoop {
    fn message(&self, cx: Cx<'_>, names: &dyn Names) -> String {
        let model = cx.model;
        let kind = if strength(model, &self.cycle) > 0.0 {
            "reinforcing"
        } else {
            "balancing"
        };
        let first = model.interaction(self.cycle[0]).from;
        let mut around: Vec<String> = self
            .cycle
            .iter()
            .map(|&i| names.element(model.interaction(i).from))
            .collect();
        around.push(names.element(first));
        format!(
            "{kind} loop among the targets of {}: {}",
            names.policy(self.policy),
            around.join(" → ")
        )
    }

    fn label(&self, cx: Cx<'_>, names: &dyn Names) -> String {
        let first = cx.model.interaction(self.cycle[0]).from;
        format!("the policy acts on {} here", names.element(first))
    }

    fn related(&self, cx: Cx<'_>, names: &dyn Names) -> Vec<Label> {
        self.cycle
            .iter()
            .map(|&i| Label {
                location: cx.model.interaction(i).location,
                text: interaction_label_in(cx.model, names, i),
            })
            .collect()
    }

    fn help(&self, cx: Cx<'_>, _: &dyn Names) -> Option<String> {
        Some(if strength(cx.model, &self.cycle) > 0.0 {
            "a leverage point: progress on one target of the loop feeds the others; make sure no measure sets one of them back"
        } else {
            "progress here is partly taken back by the loop: look for a measure that weakens the link that pushes back"
        }.to_string())
    }

    fn notes(&self, _: Cx<'_>, _: &dyn Names) -> Vec<String> {
        if self.total as usize > MAX_PER_POLICY {
            vec![format!(
                "{} loops found among this policy's targets; the {MAX_PER_POLICY} strongest are reported",
                self.total
            )]
        } else {
            Vec::new()
        }
    }

    fn evidence(&self, cx: Cx<'_>) -> Vec<EvidencePath> {
        vec![EvidencePath {
            steps: self
                .cycle
                .iter()
                .map(|&i| interaction_step(cx.model, i))
                .collect(),
            strength: strength(cx.model, &self.cycle),
        }]
    }

    fn key(&self, cx: Cx<'_>) -> Vec<String> {
        let model = cx.model;
        std::iter::once(model.policy(self.policy).id.to_string())
            .chain(
                self.cycle
                    .iter()
                    .map(|&i| model.element(model.interaction(i).from).id.to_string()),
            )
            .collect()
    }
}
