//! `synergy`: measures of different policies reinforce one target — a coordination opportunity.

use crate::analysis::propagation::Reach;
use crate::diagnostic::{Category, Headline, RuleMeta, Section, Severity};
use crate::finding::Finding;
use crate::model::{InstitutionIdx, MeasureIdx};
use crate::rules::Context;
use crate::rules::support::{self, element_with_title, measure_name, strength};
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
           measures that declare a positive interaction with a measure of another policy. The \
           finding names the institutions that lead them and whether they share a coordination \
           mechanism.",
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
    let max = context.settings.thresholds.max_listed_measures as usize;
    for element in 0..model.elements.len() {
        let element = crate::model::ElementIdx::new(element);
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
            let first = gains[0];
            let leads: BTreeSet<InstitutionIdx> = gains
                .iter()
                .filter_map(|r| model.measure(r.measure).lead)
                .collect();
            let mut finding = Finding::new(
                &META,
                support::reach_location(model, first),
                format!(
                    "{} measures of {} policies advance {} in {name} countries",
                    gains.len(),
                    policies.len(),
                    element_with_title(model, element)
                ),
            )
            .label(format!(
                "{} ({})",
                measure_name(model, first.measure),
                strength(first)
            ))
            .help(coordination_help(context, &leads))
            .key([model.element(element).id.to_string(), name.to_string()]);
            for reach in gains.iter().skip(1).take(max) {
                finding = finding.related(
                    support::reach_location(model, reach),
                    format!(
                        "{} ({})",
                        measure_name(model, reach.measure),
                        strength(reach)
                    ),
                );
            }
            if gains.len() > max + 1 {
                finding = finding.note(format!(
                    "{} more measures are not shown",
                    gains.len() - max - 1
                ));
            }
            out.push(finding);
        }
    }
    // Declared positive interactions across policies.
    for (m, measure) in model.measures.iter().enumerate() {
        for interaction in measure
            .interactions
            .iter()
            .filter(|i| i.score.is_positive())
        {
            let other = model.measure(interaction.with);
            if other.policy == measure.policy {
                continue;
            }
            let leads: BTreeSet<InstitutionIdx> =
                [measure.lead, other.lead].into_iter().flatten().collect();
            out.push(
                Finding::new(
                    &META,
                    interaction.location,
                    format!(
                        "{} reinforces `{}` ({} {})",
                        measure_name(model, MeasureIdx::new(m)),
                        other.id,
                        interaction.score,
                        interaction.score.name()
                    ),
                )
                .label("declared here")
                .related(other.location, "the measure it reinforces")
                .help(coordination_help(context, &leads))
                .key([measure.id.to_string(), other.id.to_string()]),
            );
        }
    }
}

fn coordination_help(context: &Context<'_>, leads: &BTreeSet<InstitutionIdx>) -> String {
    let model = context.model;
    let leads: Vec<InstitutionIdx> = leads.iter().copied().collect();
    match leads.as_slice() {
        [] => "name the lead institutions, so the measures can be coordinated".to_string(),
        [one] => format!(
            "institution `{}` leads them all: plan and monitor them together",
            model.institution(*one).id
        ),
        _ if !model.institutions_declared => format!(
            "institutions {} lead these measures: an institutions document would show whether they meet in a coordination mechanism",
            leads
                .iter()
                .map(|l| format!("`{}`", model.institution(*l).id))
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
            let name = |l: &InstitutionIdx| format!("`{}`", model.institution(*l).id);
            match best {
                Some((_, mechanism)) => {
                    let m = model.mechanism(mechanism);
                    let outside: Vec<String> = leads
                        .iter()
                        .filter(|l| !m.members.contains(l))
                        .map(name)
                        .collect();
                    let mut help = format!("coordinate through `{}` ({})", m.id, m.name);
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
