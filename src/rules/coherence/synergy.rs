//! `synergy`: measures of different policies reinforce one target — a coordination opportunity.

use crate::analysis::propagation::{Reach, ReachIdx};
use crate::diagnostic::{Category, Headline, RuleMeta, Section, Severity};
use crate::finding::{Cx, Finding, Label, Names, Violation};
use crate::model::{ElementIdx, InstitutionIdx, MeasureIdx};
use crate::rules::Context;
use crate::rules::support::{self, strength};
use std::collections::BTreeSet;

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "synergy",
    category: Category::Coherence,
    default_severity: Severity::Info,
    section: Section::Synergies,
    headline: Some(Headline::Synergies),
    summary: "measures of different policies reinforce one target",
    what: "Finds targets that measures of two or more policies advance in the same place, and \
           measures that declare a positive interaction with a measure of another policy. Measures all led by \
           one institution need no coordination and are not reported. The finding names the \
           institutions that lead them and whether they share a coordination mechanism.",
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
}

impl Synergy {
    /// The lead institutions of the measures.
    fn leads(&self, cx: Cx<'_>) -> BTreeSet<InstitutionIdx> {
        let model = cx.model;
        match self {
            Synergy::Shared { gains, .. } => gains
                .iter()
                .filter_map(|&r| model.measure(cx.analysis.propagation.reach(r).measure).lead)
                .collect(),
            Synergy::Declared(m, i) => {
                let measure = model.measure(*m);
                let other = model.measure(measure.interactions[*i as usize].with);
                [measure.lead, other.lead].into_iter().flatten().collect()
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
        }
    }

    fn label(&self, cx: Cx<'_>, names: &dyn Names) -> String {
        match self {
            Synergy::Shared { gains, .. } => {
                let first = cx.analysis.propagation.reach(gains[0]);
                format!("{} ({})", names.measure(first.measure), strength(first))
            }
            Synergy::Declared(..) => "declared here".to_string(),
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
        }
    }

    fn help(&self, cx: Cx<'_>, names: &dyn Names) -> Option<String> {
        Some(coordination_help(cx.model, names, &self.leads(cx)))
    }

    fn notes(&self, _: Cx<'_>, _: &dyn Names) -> Vec<String> {
        match self {
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
