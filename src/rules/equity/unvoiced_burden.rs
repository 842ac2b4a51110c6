//! `unvoiced-burden`: costs fall on people with no vote in the deciding jurisdiction.

use crate::diagnostic::{Category, RuleMeta, Section, Severity};
use crate::finding::Finding;
use crate::rules::Context;
use crate::rules::support::element_name;
use crate::vocabulary::{Perspective, Where};

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "unvoiced-burden",
    category: Category::Equity,
    default_severity: Severity::Warning,
    section: Section::Costs,
    headline: None,
    summary: "a measure's costs fall on people who have no vote where it is decided",
    what: "Finds negative effects of measures decided by one jurisdiction alone (national or \
           subnational policies) that fall on people with no vote there. The bearers are the \
           effect's `groups`, or else the measure's. An effect felt `here` is unvoiced when a \
           destination or transit country's measure puts it on a group tagged `no-vote` \
           (migrants, refugees, families left behind); an origin country's own emigrants and \
           communities are its citizens, and are not counted. An effect felt `elsewhere` is \
           unvoiced whoever bears it: people in another country have no vote where the measure \
           is decided. Agreements negotiated with the other side (bilateral, regional, global) \
           are not reported: those people's governments had a say.",
    why: "Migration policy has a built-in asymmetry of power: receiving countries regulate, and \
          much of the cost falls on people who cannot vote there. Costs that fall on the \
          voiceless are the easiest to approve and the least likely to be reported back.",
    fix: "Consult the people affected (migrant organisations, the origin country's government), \
          negotiate the measure bilaterally, or add a measure that offsets the cost. A cost kept \
          by decision can be recorded with `# cohere: allow(unvoiced-burden) -- reason`.",
};

/// Reports costs borne by those without a vote.
pub fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let model = context.model;
    for measure in &model.measures {
        let policy = model.policy(measure.policy);
        if policy.level.is_cooperative() {
            continue;
        }
        for effect in measure.effects.iter().filter(|e| e.score.is_negative()) {
            let bearers = if effect.groups.is_empty() {
                &measure.groups
            } else {
                &effect.groups
            };
            let voiceless: Vec<String> = bearers
                .iter()
                .filter(|&&g| match effect.where_ {
                    Where::Elsewhere => true,
                    Where::Here => {
                        policy.perspective != Perspective::Origin
                            && model.element(g).has_tag("no-vote")
                    }
                })
                .map(|&g| element_name(model, g))
                .collect();
            if voiceless.is_empty() {
                continue;
            }
            out.push(
                Finding::new(
                    &META,
                    effect.location,
                    format!(
                        "the cost of `{}` on {} ({}) falls on {}, who have no vote in `{}`",
                        measure.id,
                        element_name(model, effect.target),
                        effect.score,
                        voiceless.join(", "),
                        policy.jurisdiction.as_deref().unwrap_or(policy.id.as_str())
                    ),
                )
                .severity(if effect.score.value() <= -2 { Severity::Warning } else { Severity::Info })
                .confidence(effect.confidence)
                .label(format!("{} {}", effect.score, effect.score.name()))
                .help("consult those affected, negotiate the measure with their government, or add a measure that offsets the cost")
                .key([measure.id.to_string(), model.element(effect.target).id.to_string()]),
            );
        }
    }
}
