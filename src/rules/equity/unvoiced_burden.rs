//! `unvoiced-burden`: costs fall on people with no vote in the deciding jurisdiction.

use crate::diagnostic::{Category, RuleMeta, Section, Severity};
use crate::finding::{Cx, Finding, Names, Violation};
use crate::model::{ElementIdx, MeasureIdx};
use crate::rules::Context;
use crate::vocabulary::Perspective;

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
    for (m, measure) in model.measures.iter().enumerate() {
        let policy = model.policy(measure.policy);
        if policy.level.is_cooperative() {
            continue;
        }
        for (e, effect) in measure.effects.iter().enumerate() {
            if !effect.score.is_negative() {
                continue;
            }
            let bearers = if effect.groups.is_empty() {
                &measure.groups
            } else {
                &effect.groups
            };
            let voiceless: Vec<ElementIdx> = bearers
                .iter()
                .copied()
                .filter(|&g| {
                    effect.where_.is_elsewhere()
                        || (policy.perspective != Perspective::Origin
                            && model.element(g).has_tag("no-vote"))
                })
                .collect();
            if voiceless.is_empty() {
                continue;
            }
            out.push(
                Finding::of(
                    &META,
                    effect.location,
                    UnvoicedBurden {
                        measure: MeasureIdx::new(m),
                        effect: e as u32,
                        voiceless,
                    },
                )
                .severity(if effect.score.value() <= -2 {
                    Severity::Warning
                } else {
                    Severity::Info
                })
                .confidence(effect.confidence),
            );
        }
    }
}

/// A cost borne by groups without a vote where it is decided.
#[derive(Debug)]
struct UnvoicedBurden {
    measure: MeasureIdx,
    /// The position of the effect in the measure's effects.
    effect: u32,
    /// The groups who bear it without a vote.
    voiceless: Vec<ElementIdx>,
}

impl Violation for UnvoicedBurden {
    fn message(&self, cx: Cx<'_>, names: &dyn Names) -> String {
        let model = cx.model;
        let measure = model.measure(self.measure);
        let policy = model.policy(measure.policy);
        let effect = &measure.effects[self.effect as usize];
        let voiceless: Vec<String> = self.voiceless.iter().map(|&g| names.element(g)).collect();
        let target = names.element(effect.target);
        format!(
            "the cost of {} on {target} ({}) falls on {}, who have no vote in {}",
            names.measure(self.measure),
            effect.score,
            voiceless.join(", "),
            names.written(policy.jurisdiction.as_deref().unwrap_or(policy.id.as_str()))
        )
    }

    fn label(&self, cx: Cx<'_>, _: &dyn Names) -> String {
        let score = cx.model.measure(self.measure).effects[self.effect as usize].score;
        format!("{} {}", score, score.name())
    }

    fn help(&self, _: Cx<'_>, _: &dyn Names) -> Option<String> {
        Some("consult those affected, negotiate the measure with their government, or add a measure that offsets the cost".to_string())
    }

    fn key(&self, cx: Cx<'_>) -> Vec<String> {
        let model = cx.model;
        let measure = model.measure(self.measure);
        vec![
            measure.id.to_string(),
            model
                .element(measure.effects[self.effect as usize].target)
                .id
                .to_string(),
        ]
    }
}
