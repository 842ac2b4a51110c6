//! `internal-trade-off`: one measure advances some targets and sets back others.

use crate::diagnostic::{Category, Headline, RuleMeta, Section, Severity};
use crate::finding::{Cx, Finding, Label, Names, Violation};
use crate::model::MeasureIdx;
use crate::rules::Context;
use crate::vocabulary::When;

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "internal-trade-off",
    category: Category::Coherence,
    default_severity: Severity::Warning,
    section: Section::Conflicts,
    headline: Some(Headline::TradeOffs),
    summary: "one measure advances some targets and sets back others here and now",
    what: "Finds measures whose own declared effects go both ways: at least one target \
           advanced, and at least one set back, where the cost falls here and now. (Costs that \
           fall elsewhere are reported by `spillover`, costs that fall later by \
           `deferred-cost`.) A cost of -2 or worse is a warning, a -1 information.",
    why: "A trade-off inside one measure is a choice, and it should be made in the open: the \
          people who gain and the people who pay are rarely the same, and a parliament \
          approving the measure should see both sides.",
    fix: "Keep the trade-off visible in the measure's rationale and add a mitigating measure, \
          or record the decision with `# cohere: allow(internal-trade-off) -- reason`.",
};

/// Reports trade-offs inside measures.
pub fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let model = context.model;
    for (m, measure) in model.measures.iter().enumerate() {
        let Some(facts) = TradeOff::of(model, MeasureIdx::new(m)) else {
            continue;
        };
        let worst = &measure.effects[facts.costs[0] as usize];
        let severity = if worst.score.value() <= -2 {
            Severity::Warning
        } else {
            Severity::Info
        };
        out.push(
            Finding::of(&META, worst.location, facts)
                .severity(severity)
                .confidence(worst.confidence),
        );
    }
}

/// A measure that advances some targets and sets back others, here and now: its effects'
/// positions, the costs worst first.
#[derive(Debug)]
struct TradeOff {
    measure: MeasureIdx,
    gains: Vec<u32>,
    costs: Vec<u32>,
}

impl TradeOff {
    fn of(model: &crate::model::Model, measure: MeasureIdx) -> Option<TradeOff> {
        let effects = &model.measure(measure).effects;
        let gains: Vec<u32> = (0..effects.len() as u32)
            .filter(|&e| effects[e as usize].score.is_positive())
            .collect();
        let mut costs: Vec<u32> = (0..effects.len() as u32)
            .filter(|&e| {
                let effect = &effects[e as usize];
                effect.score.is_negative()
                    && !effect.where_.is_elsewhere()
                    && effect.when == When::Now
            })
            .collect();
        if gains.is_empty() || costs.is_empty() {
            return None;
        }
        costs.sort_by_key(|&e| effects[e as usize].score);
        Some(TradeOff {
            measure,
            gains,
            costs,
        })
    }

    fn effect<'a>(&self, cx: Cx<'a>, e: u32) -> &'a crate::model::Effect {
        &cx.model.measure(self.measure).effects[e as usize]
    }
}

impl Violation for TradeOff {
    fn message(&self, cx: Cx<'_>, names: &dyn Names) -> String {
        let gained: Vec<String> = self
            .gains
            .iter()
            .map(|&e| {
                let effect = self.effect(cx, e);
                format!("{} ({})", names.element(effect.target), effect.score)
            })
            .collect();
        let worst = self.effect(cx, self.costs[0]);
        format!(
            "{} advances {} but sets back {} ({})",
            names.measure(self.measure),
            gained.join(", "),
            names.element(worst.target),
            worst.score
        )
    }

    fn label(&self, cx: Cx<'_>, _: &dyn Names) -> String {
        let worst = self.effect(cx, self.costs[0]);
        format!("{} {}", worst.score, worst.score.name())
    }

    fn related(&self, cx: Cx<'_>, names: &dyn Names) -> Vec<Label> {
        let mut related = Vec::new();
        for &e in &self.costs[1..] {
            let cost = self.effect(cx, e);
            related.push(Label {
                location: cost.location,
                text: format!(
                    "also sets back {} ({})",
                    names.element(cost.target),
                    cost.score
                ),
            });
        }
        for &e in &self.gains {
            let gain = self.effect(cx, e);
            related.push(Label {
                location: gain.location,
                text: format!("advances {} ({})", names.element(gain.target), gain.score),
            });
        }
        related
    }

    fn help(&self, _: Cx<'_>, names: &dyn Names) -> Option<String> {
        Some(format!(
            "say in the rationale who gains and who pays, add a mitigating measure, or record the decision with {}",
            names.code(&format!("# cohere: allow({}) -- reason", META.id))
        ))
    }

    fn key(&self, cx: Cx<'_>) -> Vec<String> {
        let worst = self.effect(cx, self.costs[0]);
        vec![
            cx.model.measure(self.measure).id.to_string(),
            cx.model.element(worst.target).id.to_string(),
        ]
    }
}
