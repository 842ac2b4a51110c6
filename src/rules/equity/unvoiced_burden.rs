//! `unvoiced-burden`: costs fall on people with no vote in the deciding jurisdiction.

use crate::diagnostic::{Category, RuleMeta, Section, Severity};
use crate::finding::{Cx, Finding, Label, Names, Violation};
use crate::model::{ElementIdx, MeasureIdx};
use crate::rules::{Context, support};
use crate::vocabulary::{Confidence, Perspective, Where};
use std::collections::BTreeMap;

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "unvoiced-burden",
    category: Category::Equity,
    default_severity: Severity::Warning,
    section: Section::Costs,
    headline: None,
    summary: "a measure's costs fall on people who have no vote where it is decided",
    what: "Finds people who bear a measure's costs without a say in it: one finding per \
           measure and group, listing every cost the group bears. A cost is a negative effect \
           (its bearers are the effect's `groups`, or else the measure's) or an exclusion \
           (`excludes:`: being shut out of a target is a burden). In a measure decided by one \
           jurisdiction alone (a national or subnational policy), a cost felt `here` is \
           unvoiced when a destination or transit country puts it on a group tagged `no-vote` \
           (migrants, refugees, families left behind); an origin country's own emigrants and \
           communities are its citizens, and are not counted. Its costs felt `elsewhere` are \
           reported by `spillover` and `unilateral-spillover`, not again here. In an agreement \
           (bilateral, regional, global) the partner government speaks for its own citizens, \
           not for third-country nationals: a cost, here or elsewhere, on a group tagged both \
           `no-vote` and `third-country` (refugees, asylum seekers, migrants in transit or \
           detained abroad) is unvoiced.",
    why: "Migration policy has a built-in asymmetry of power: receiving countries regulate, and \
          much of the cost falls on people who cannot vote there. Costs that fall on the \
          voiceless are the easiest to approve and the least likely to be reported back.",
    fix: "Consult the people affected (migrant organisations, the origin country's government), \
          negotiate the measure bilaterally, or add a measure that offsets the cost. A cost kept \
          by decision can be recorded with `# cohere: allow(unvoiced-burden) -- reason`.",
};

/// Reports costs borne by those without a vote, one finding per measure and group.
pub fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let model = context.model;
    for (m, measure) in model.measures.iter().enumerate() {
        let policy = model.policy(measure.policy);
        let cooperative = policy.level.is_cooperative();
        let voiceless = |g: ElementIdx, where_: Where| {
            let group = model.element(g);
            if !group.has_tag("no-vote") {
                return false;
            }
            if cooperative {
                return group.has_tag("third-country");
            }
            !where_.is_elsewhere() && policy.perspective != Perspective::Origin
        };
        let mut burdens: BTreeMap<ElementIdx, Vec<Burden>> = BTreeMap::new();
        for (e, effect) in measure.effects.iter().enumerate() {
            if !effect.score.is_negative() {
                continue;
            }
            let bearers = if effect.groups.is_empty() {
                &measure.groups
            } else {
                &effect.groups
            };
            for &g in bearers {
                if voiceless(g, effect.where_) {
                    burdens.entry(g).or_default().push(Burden::Effect(e as u32));
                }
            }
        }
        for (x, exclusion) in measure.excludes.iter().enumerate() {
            if !exclusion.from.is_empty() && voiceless(exclusion.group, Where::Here) {
                burdens
                    .entry(exclusion.group)
                    .or_default()
                    .push(Burden::Exclusion(x as u32));
            }
        }
        for (group, burdens) in burdens {
            let heavy = burdens.iter().any(|b| match *b {
                Burden::Effect(e) => measure.effects[e as usize].score.value() <= -2,
                Burden::Exclusion(_) => true,
            });
            let (location, confidence) = match burdens[0] {
                Burden::Effect(e) => {
                    let effect = &measure.effects[e as usize];
                    (effect.location, effect.confidence)
                }
                Burden::Exclusion(x) => (measure.excludes[x as usize].location, Confidence::High),
            };
            out.push(
                Finding::of(
                    &META,
                    location,
                    UnvoicedBurden {
                        measure: MeasureIdx::new(m),
                        group,
                        burdens,
                    },
                )
                .severity(if heavy {
                    Severity::Warning
                } else {
                    Severity::Info
                })
                .confidence(confidence),
            );
        }
    }
}

/// One cost a group bears.
#[derive(Clone, Copy, Debug)]
enum Burden {
    /// The measure's negative effect at this position.
    Effect(u32),
    /// The measure's exclusion at this position.
    Exclusion(u32),
}

/// The costs one group bears without a vote where the measure is decided.
#[derive(Debug)]
struct UnvoicedBurden {
    measure: MeasureIdx,
    group: ElementIdx,
    /// Its costs, in the order the measure declares them (effects, then exclusions).
    burdens: Vec<Burden>,
}

impl UnvoicedBurden {
    fn describe(&self, cx: Cx<'_>, names: &dyn Names, burden: Burden) -> String {
        let measure = cx.model.measure(self.measure);
        match burden {
            Burden::Effect(e) => {
                let effect = &measure.effects[e as usize];
                format!("{} ({})", names.element(effect.target), effect.score)
            }
            Burden::Exclusion(x) => {
                let from: Vec<String> = measure.excludes[x as usize]
                    .from
                    .iter()
                    .map(|t| names.element(t.value))
                    .collect();
                format!("exclusion from {}", support::join_and(&from))
            }
        }
    }
}

impl Violation for UnvoicedBurden {
    fn message(&self, cx: Cx<'_>, names: &dyn Names) -> String {
        let model = cx.model;
        let measure = model.measure(self.measure);
        let policy = model.policy(measure.policy);
        let costs: Vec<String> = self
            .burdens
            .iter()
            .map(|&b| self.describe(cx, names, b))
            .collect();
        let no_say = if policy.level.is_cooperative() {
            "whom no party to it represents".to_string()
        } else {
            format!(
                "who have no vote in {}",
                names.written(policy.jurisdiction.as_deref().unwrap_or(policy.id.as_str()))
            )
        };
        let (cost, falls) = if costs.len() == 1 {
            ("cost", "falls")
        } else {
            ("costs", "fall")
        };
        format!(
            "the {cost} of {} {falls} on {}, {no_say}: {}",
            names.measure(self.measure),
            names.element(self.group),
            support::join_and(&costs)
        )
    }

    fn label(&self, cx: Cx<'_>, _: &dyn Names) -> String {
        match self.burdens[0] {
            Burden::Effect(e) => {
                let score = cx.model.measure(self.measure).effects[e as usize].score;
                format!("{} {}", score, score.name())
            }
            Burden::Exclusion(_) => "excluded here".to_string(),
        }
    }

    fn related(&self, cx: Cx<'_>, names: &dyn Names) -> Vec<Label> {
        let measure = cx.model.measure(self.measure);
        self.burdens[1..]
            .iter()
            .map(|&b| Label {
                location: match b {
                    Burden::Effect(e) => measure.effects[e as usize].location,
                    Burden::Exclusion(x) => measure.excludes[x as usize].location,
                },
                text: format!("also {}", self.describe(cx, names, b)),
            })
            .collect()
    }

    fn help(&self, _: Cx<'_>, _: &dyn Names) -> Option<String> {
        Some("consult those affected, negotiate the measure with their government, or add a measure that offsets the cost".to_string())
    }

    fn key(&self, cx: Cx<'_>) -> Vec<String> {
        let model = cx.model;
        vec![
            model.measure(self.measure).id.to_string(),
            model.element(self.group).id.to_string(),
        ]
    }
}
