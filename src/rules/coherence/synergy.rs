//! `synergy`: measures of different policies reinforce one target — a coordination opportunity.

use crate::analysis::propagation::{Reach, ReachIdx, interaction_step};
use crate::analysis::strength::{SCORE_2, at_least};
use crate::diagnostic::{Category, Headline, RuleMeta, Section, Severity};
use crate::finding::{Cx, EvidencePath, Finding, Label, Names, Violation};
use crate::model::{ElementIdx, InstitutionIdx, InteractionIdx, MeasureIdx};
use crate::rules::Context;
use crate::rules::support::{self, strength};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "synergy",
    category: Category::Coherence,
    default_severity: Severity::Info,
    section: Section::Synergies,
    headline: Some(Headline::Synergies),
    summary: "measures of different policies reinforce one target",
    what: "Finds targets that measures of two or more policies advance in the same place, and \
           measures that declare a positive interaction with a measure of another policy. A \
           measure that strongly (+2 or more) advances a gateway — an element tagged `gateway`: \
           legal identity and documents, which services ask for before they admit anyone — is \
           also reported with each measure of another policy that advances, for migrants (a group \
           tagged `no-vote`), a target meant for everyone (`for-all`) which the knowledge base \
           says the gateway opens (a sourced, \
           uncontested positive interaction, one step): the permit and the health insurance it \
           gives access to. Other chains through the knowledge base are not synergies: \
           every measure that widens migration would otherwise be said to reinforce every \
           service. Measures all led by one institution need no coordination and are not \
           reported. The finding names the institutions that lead them and whether they share \
           a coordination mechanism.",
    why: "Synergies are coordination opportunities: measures that pull the same way can share \
          data, budgets and delivery, and a parliament should see which ministries are working \
          towards the same target without knowing it.",
    fix: "Nothing is wrong. Coordinate the measures through the mechanism named in the help line \
          (or create one), and consider one indicator for both.",
};

/// Reports synergies.
pub fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let model = context.model;
    let propagation = &context.analysis.propagation;
    let max = context.settings.thresholds.max_listed_measures;
    for element in 0..model.elements.len() {
        let element = ElementIdx::new(element);
        let mut reported: Vec<BTreeSet<MeasureIdx>> = Vec::new();
        for (side, name) in [
            (
                crate::analysis::propagation::Arena::DESTINATION,
                "destination",
            ),
            (crate::analysis::propagation::Arena::ORIGIN, "origin"),
            (crate::analysis::propagation::Arena::TRANSIT, "transit"),
        ] {
            let mut gains: Vec<&Reach> = propagation
                .on(element)
                .iter()
                .filter(|r| r.is_direct() && r.strength > 0.0 && r.arena.overlaps(side))
                .collect();
            let policies: BTreeSet<_> = gains
                .iter()
                .map(|r| model.measure(r.measure).policy)
                .collect();
            if policies.len() < 2 {
                continue;
            }
            // Measures that one institution leads all need no coordination between them.
            let leads: BTreeSet<_> = gains
                .iter()
                .map(|r| model.measure(r.measure).lead)
                .collect();
            if leads.len() == 1 && leads.iter().all(Option::is_some) {
                continue;
            }
            let measures: BTreeSet<MeasureIdx> = gains.iter().map(|r| r.measure).collect();
            // A side whose measures were all reported on another side adds nothing (a
            // destination country's effect `elsewhere` lands in origin and transit countries).
            if reported.iter().any(|done| measures.is_subset(done)) {
                continue;
            }
            reported.push(measures);
            gains.sort_by(|a, b| {
                b.strength
                    .total_cmp(&a.strength)
                    .then(a.measure.cmp(&b.measure))
            });
            out.push(Finding::of(
                &META,
                support::reach_location(model, gains[0]),
                Synergy::Shared {
                    element,
                    side: name,
                    gains: gains.iter().map(|r| propagation.index_of(r)).collect(),
                    policies: policies.len() as u32,
                    max,
                },
            ));
        }
    }
    opened(context, out);
    // Declared positive interactions across policies.
    for (m, measure) in model.measures.iter().enumerate() {
        for (i, interaction) in measure.interactions.iter().enumerate() {
            if !interaction.score.is_positive() {
                continue;
            }
            if model.measure(interaction.with).policy == measure.policy {
                continue;
            }
            out.push(Finding::of(
                &META,
                interaction.location,
                Synergy::Declared(MeasureIdx::new(m), i as u32),
            ));
        }
    }
}

/// Gateways opened: a measure's strong gain on an element tagged `gateway` (legal identity and
/// documents), a sourced, uncontested positive interaction from it to a target meant for
/// everyone, and a measure of another policy and another lead that advances that target for
/// migrants (its effect names a group tagged `no-vote`) where the gateway is opened: the
/// document decides whether they get the service. A service for everyone (more nurses) is not
/// one that migrants' documents open. One finding per pair of measures, naming the strongest such target
/// (the others in a note). The measure opening the gateway must not act on the target itself:
/// then the two meet on a target they share, which the shared synergy reports.
fn opened(context: &Context<'_>, out: &mut Vec<Finding>) {
    let model = context.model;
    let propagation = &context.analysis.propagation;
    let graph = &context.analysis.graph;
    // (opener, other) → the targets opened, strongest first once sorted.
    let mut pairs: BTreeMap<(MeasureIdx, MeasureIdx), Vec<Opening>> = BTreeMap::new();
    // Each target's declared gains for migrants (a group tagged `no-vote`), in the
    // propagation's order, found once per target: reading every effect on a target for every
    // measure opening a gateway to it was quadratic (18 s at 100,000 measures).
    let mut served: HashMap<ElementIdx, Vec<&Reach>> = HashMap::new();
    for (m, measure) in model.measures.iter().enumerate() {
        let opener = MeasureIdx::new(m);
        let own: Vec<&Reach> = propagation
            .of_measure(opener)
            .filter(|r| propagation.interactions(r).is_empty())
            .collect();
        for gate in &own {
            if !at_least(gate.strength, SCORE_2) || !model.element(gate.target).has_tag("gateway") {
                continue;
            }
            for interaction in graph.interactions_from(gate.target) {
                let i = model.interaction(interaction);
                if !i.score.is_positive()
                    || i.contested
                    || i.evidence.is_empty()
                    || !gate.arena.admits(i.perspective)
                    || !model.element(i.to).has_tag("for-all")
                {
                    continue;
                }
                // The opener acts on the target itself: a shared target, not a gateway.
                if own
                    .iter()
                    .any(|r| r.target == i.to && r.arena.overlaps(gate.arena))
                {
                    continue;
                }
                let candidates = served.entry(i.to).or_insert_with(|| {
                    propagation
                        .on(i.to)
                        .iter()
                        .filter(|other| {
                            other.is_direct()
                                && other.strength > 0.0
                                && model.measure(other.measure).effects[other.effect as usize]
                                    .groups
                                    .iter()
                                    .any(|&g| model.element(g).has_tag("no-vote"))
                        })
                        .collect()
                });
                for &other in candidates.iter() {
                    let o = model.measure(other.measure);
                    if !other.arena.overlaps(gate.arena)
                        || o.policy == measure.policy
                        || (o.lead.is_some() && o.lead == measure.lead)
                    {
                        continue;
                    }
                    pairs
                        .entry((opener, other.measure))
                        .or_default()
                        .push(Opening {
                            gate: propagation.index_of(gate),
                            interaction,
                            other: propagation.index_of(other),
                            strength: gate.strength * i.score.value() as f64 / 3.0,
                        });
                }
            }
        }
    }
    for (_, mut openings) in pairs {
        openings.sort_by(|a, b| {
            b.strength
                .total_cmp(&a.strength)
                .then(a.interaction.cmp(&b.interaction))
        });
        // One target once, through its strongest gateway.
        let mut seen = BTreeSet::new();
        openings.retain(|o| seen.insert(model.interaction(o.interaction).to));
        let gate = propagation.reach(openings[0].gate);
        let confidence = gate
            .confidence
            .min(model.interaction(openings[0].interaction).confidence);
        out.push(
            Finding::of(
                &META,
                support::reach_location(model, gate),
                Synergy::Opens(openings),
            )
            .confidence(confidence),
        );
    }
}

/// A gateway a measure opens to a target another measure advances.
#[derive(Debug, Clone, Copy)]
struct Opening {
    /// The opener's own gain on the gateway.
    gate: ReachIdx,
    /// The interaction from the gateway to the target.
    interaction: InteractionIdx,
    /// The other measure's gain on the target.
    other: ReachIdx,
    /// The strength of the chain: the gain times the interaction.
    strength: f64,
}

/// Measures of different policies that reinforce one target, or a measure declared to
/// reinforce another's.
#[derive(Debug)]
enum Synergy {
    /// Measures advancing one element on one side of migration.
    Shared {
        element: ElementIdx,
        side: &'static str,
        /// Their effects on it, strongest first.
        gains: Vec<ReachIdx>,
        /// How many policies they belong to.
        policies: u32,
        /// How many after the first are listed.
        max: u32,
    },
    /// The measure's declared interaction at this position.
    Declared(MeasureIdx, u32),
    /// A measure opening a gateway to targets another measure advances, strongest first.
    Opens(Vec<Opening>),
}

impl Synergy {
    /// The lead institutions of the measures.
    fn leads(&self, cx: Cx<'_>) -> BTreeSet<InstitutionIdx> {
        let model = cx.model;
        match self {
            // Every measure's lead, or none: the leads of some would read as leading them all.
            Synergy::Shared { gains, .. } => gains
                .iter()
                .map(|&r| model.measure(cx.analysis.propagation.reach(r).measure).lead)
                .collect::<Option<BTreeSet<_>>>()
                .unwrap_or_default(),
            Synergy::Declared(m, i) => {
                let measure = model.measure(*m);
                let other = model.measure(measure.interactions[*i as usize].with);
                [measure.lead, other.lead].into_iter().flatten().collect()
            }
            Synergy::Opens(openings) => {
                let p = &cx.analysis.propagation;
                let first = openings[0];
                // Both leads, or none: one lead alone would read as leading them all.
                [
                    model.measure(p.reach(first.gate).measure).lead,
                    model.measure(p.reach(first.other).measure).lead,
                ]
                .into_iter()
                .collect::<Option<BTreeSet<_>>>()
                .unwrap_or_default()
            }
        }
    }
}

impl Violation for Synergy {
    fn message(&self, cx: Cx<'_>, names: &dyn Names) -> String {
        match self {
            Synergy::Shared {
                element,
                side,
                gains,
                policies,
                ..
            } => format!(
                "{} measures of {} policies advance {} in {side} countries",
                gains.len(),
                policies,
                names.element_with_title(*element)
            ),
            Synergy::Declared(m, i) => {
                let interaction = &cx.model.measure(*m).interactions[*i as usize];
                format!(
                    "{} reinforces {} ({} {})",
                    names.measure(*m),
                    names.measure(interaction.with),
                    interaction.score,
                    interaction.score.name()
                )
            }
            Synergy::Opens(openings) => {
                let p = &cx.analysis.propagation;
                let first = openings[0];
                let gate = p.reach(first.gate);
                let i = cx.model.interaction(first.interaction);
                format!(
                    "{} opens the way to {}, which {} advances: {} → {} ({} {})",
                    names.measure(gate.measure),
                    names.element_with_title(i.to),
                    names.measure(p.reach(first.other).measure),
                    names.element(i.from),
                    names.element(i.to),
                    i.score,
                    i.score.name()
                )
            }
        }
    }

    fn label(&self, cx: Cx<'_>, names: &dyn Names) -> String {
        match self {
            Synergy::Shared { gains, .. } => {
                let first = cx.analysis.propagation.reach(gains[0]);
                format!("{} ({})", names.measure(first.measure), strength(first))
            }
            Synergy::Declared(..) => "declared here".to_string(),
            Synergy::Opens(openings) => {
                let gate = cx.analysis.propagation.reach(openings[0].gate);
                format!(
                    "{} advances {} ({})",
                    names.measure(gate.measure),
                    names.element(gate.target),
                    strength(gate)
                )
            }
        }
    }

    fn related(&self, cx: Cx<'_>, names: &dyn Names) -> Vec<Label> {
        let model = cx.model;
        match self {
            Synergy::Shared { gains, max, .. } => gains
                .iter()
                .skip(1)
                .take(*max as usize)
                .map(|&r| {
                    let reach = cx.analysis.propagation.reach(r);
                    Label {
                        location: support::reach_location(model, reach),
                        text: format!("{} ({})", names.measure(reach.measure), strength(reach)),
                    }
                })
                .collect(),
            Synergy::Declared(m, i) => {
                let other = model.measure(model.measure(*m).interactions[*i as usize].with);
                vec![Label {
                    location: other.location,
                    text: "the measure it reinforces".to_string(),
                }]
            }
            Synergy::Opens(openings) => {
                let p = &cx.analysis.propagation;
                let first = openings[0];
                let other = p.reach(first.other);
                vec![
                    Label {
                        location: model.interaction(first.interaction).location,
                        text: support::interaction_label_in(model, names, first.interaction),
                    },
                    Label {
                        location: support::reach_location(model, other),
                        text: format!(
                            "{} advances it ({})",
                            names.measure(other.measure),
                            strength(other)
                        ),
                    },
                ]
            }
        }
    }

    fn help(&self, cx: Cx<'_>, names: &dyn Names) -> Option<String> {
        Some(coordination_help(cx.model, names, &self.leads(cx)))
    }

    fn notes(&self, cx: Cx<'_>, names: &dyn Names) -> Vec<String> {
        match self {
            Synergy::Opens(openings) if openings.len() > 1 => {
                let more: Vec<String> = openings[1..]
                    .iter()
                    .map(|o| {
                        let i = cx.model.interaction(o.interaction);
                        format!(
                            "{} (through {})",
                            names.element(i.to),
                            names.element(i.from)
                        )
                    })
                    .collect();
                vec![format!(
                    "the gateway also opens {}, which it advances too",
                    support::join_and(&more)
                )]
            }
            Synergy::Shared { gains, max, .. } if gains.len() > *max as usize + 1 => {
                vec![format!(
                    "{} more measures are not shown",
                    gains.len() - *max as usize - 1
                )]
            }
            _ => Vec::new(),
        }
    }

    fn key(&self, cx: Cx<'_>) -> Vec<String> {
        let model = cx.model;
        match self {
            Synergy::Shared { element, side, .. } => {
                vec![model.element(*element).id.to_string(), side.to_string()]
            }
            Synergy::Declared(m, i) => {
                let measure = model.measure(*m);
                vec![
                    measure.id.to_string(),
                    model
                        .measure(measure.interactions[*i as usize].with)
                        .id
                        .to_string(),
                ]
            }
            Synergy::Opens(openings) => {
                let p = &cx.analysis.propagation;
                let first = openings[0];
                vec![
                    model.measure(p.reach(first.gate).measure).id.to_string(),
                    model.measure(p.reach(first.other).measure).id.to_string(),
                    "opens".to_string(),
                ]
            }
        }
    }

    fn evidence(&self, cx: Cx<'_>) -> Vec<EvidencePath> {
        match self {
            Synergy::Opens(openings) => openings
                .iter()
                .map(|o| {
                    let mut path = cx
                        .analysis
                        .propagation
                        .evidence(cx.model, cx.analysis.propagation.reach(o.gate));
                    path.steps.push(interaction_step(cx.model, o.interaction));
                    path.strength = o.strength;
                    path
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}

fn coordination_help(
    model: &crate::model::Model,
    names: &dyn Names,
    leads: &BTreeSet<InstitutionIdx>,
) -> String {
    let leads: Vec<InstitutionIdx> = leads.iter().copied().collect();
    match leads.as_slice() {
        [] => "name the lead institutions, so the measures can be coordinated".to_string(),
        [one] => format!(
            "institution {} leads them all: plan and monitor them together",
            names.institution(*one)
        ),
        _ if !model.institutions_declared => format!(
            "institutions {} lead these measures: an institutions document would show whether they meet in a coordination mechanism",
            leads
                .iter()
                .map(|l| names.institution(*l))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        _ => {
            // The mechanism where most of the leads meet.
            let mut best: Option<(usize, crate::model::MechanismIdx)> = None;
            for (m, mechanism) in model.mechanisms.iter().enumerate() {
                let present = leads
                    .iter()
                    .filter(|l| mechanism.members.contains(l))
                    .count();
                if present >= 2 && best.is_none_or(|(n, _)| present > n) {
                    best = Some((present, crate::model::MechanismIdx::new(m)));
                }
            }
            let name = |l: &InstitutionIdx| names.institution(*l);
            match best {
                Some((_, mechanism)) => {
                    let m = model.mechanism(mechanism);
                    let outside: Vec<String> = leads
                        .iter()
                        .filter(|l| !m.members.contains(l))
                        .map(name)
                        .collect();
                    let mut help = format!(
                        "coordinate through {} ({})",
                        names.mechanism(mechanism),
                        m.name
                    );
                    if !outside.is_empty() {
                        help.push_str(&format!(
                            ", and bring in {}, which do not sit in it",
                            outside.join(", ")
                        ));
                    }
                    help
                }
                None => format!(
                    "institutions {} lead these measures and share no coordination mechanism: a joint working group would let them plan together",
                    leads.iter().map(name).collect::<Vec<_>>().join(", ")
                ),
            }
        }
    }
}
