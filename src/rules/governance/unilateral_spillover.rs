//! `unilateral-spillover`: costs exported to other countries without a partner there.

use crate::analysis::propagation::Arena;
use crate::diagnostic::{Category, RuleMeta, Section, Severity};
use crate::finding::{Cx, Finding, Label, Names, Violation};
use crate::model::MeasureIdx;
use crate::rules::Context;
use crate::vocabulary::Where;

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "unilateral-spillover",
    category: Category::Governance,
    default_severity: Severity::Warning,
    section: Section::Costs,
    headline: None,
    summary: "a measure with costs elsewhere and no partner on the other side",
    what: "Finds measures of national or subnational policies with negative effects that fall \
           `elsewhere`, that have no partner institution from another jurisdiction and that no \
           measure of a bilateral, regional or global agreement binding their jurisdiction \
           mitigates (a positive declared interaction, either way).",
    why: "The seed's two-track process asks for global minimum standards plus deeper bilateral \
          and regional agreements. A cost exported unilaterally is the power asymmetry at work: \
          the country that bears it had no say, and nothing obliges anyone to mitigate it.",
    fix: "Negotiate the measure — or its mitigation — with the countries affected: add a partner \
          institution from the other side, or link the measure (`interactions:`) to a measure of \
          a bilateral or regional agreement that addresses the cost.",
};

/// Reports costs exported without a partner.
pub fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let model = context.model;
    let graph = &context.analysis.graph;
    for (m, measure) in model.measures.iter().enumerate() {
        let policy = model.policy(measure.policy);
        if policy.level.is_cooperative() {
            continue;
        }
        let Some(worst) = measure
            .effects
            .iter()
            .filter(|e| e.where_.is_elsewhere() && e.score.is_negative())
            .min_by_key(|e| e.score)
        else {
            continue;
        };
        let foreign_partner = measure.partners.iter().any(|&p| {
            let jurisdiction = model.institution(p).jurisdiction.as_deref();
            jurisdiction.is_some() && jurisdiction != policy.jurisdiction.as_deref()
        });
        // A measure of an agreement that mitigates this one: it declares (or is declared) a
        // positive interaction, and the agreement binds this policy's jurisdiction (when both
        // say which jurisdictions they concern).
        let mitigating = |other: MeasureIdx, score: crate::model::Score| {
            let agreement = model.policy_of(other);
            let binds = match policy.jurisdiction.as_deref() {
                Some(own) if !agreement.parties.is_empty() => {
                    agreement.parties.iter().any(|p| p == own)
                }
                _ => true,
            };
            agreement.level.is_cooperative() && score.is_positive() && binds
        };
        let linked = measure
            .interactions
            .iter()
            .any(|i| mitigating(i.with, i.score))
            || graph
                .measures_interacting_with(MeasureIdx::new(m))
                .any(|(other, index)| {
                    mitigating(other, model.measure(other).interactions[index].score)
                });
        if foreign_partner || linked {
            continue;
        }
        let worst = measure
            .effects
            .iter()
            .position(|e| std::ptr::eq(e, worst))
            .unwrap_or_default();
        out.push(Finding::of(
            &META,
            measure.effects[worst].location,
            UnilateralSpillover(MeasureIdx::new(m), worst as u32),
        ));
    }
}

/// A measure's worst cost elsewhere (the effect at this position), with no partner there.
#[derive(Debug)]
struct UnilateralSpillover(MeasureIdx, u32);

impl Violation for UnilateralSpillover {
    fn message(&self, cx: Cx<'_>, names: &dyn Names) -> String {
        let measure = cx.model.measure(self.0);
        let worst = &measure.effects[self.1 as usize];
        let place = match worst.where_ {
            Where::Elsewhere => "elsewhere".to_string(),
            side => {
                let perspective = cx.model.policy(measure.policy).perspective;
                format!("in {}", Arena::of_effect(perspective, side))
            }
        };
        format!(
            "{} sets back {} {place} ({}) without a partner on the other side",
            names.measure(self.0),
            names.element(worst.target),
            worst.score
        )
    }

    fn label(&self, _: Cx<'_>, _: &dyn Names) -> String {
        "a cost that falls in other countries".to_string()
    }

    fn related(&self, cx: Cx<'_>, _: &dyn Names) -> Vec<Label> {
        let policy = cx.model.policy(cx.model.measure(self.0).policy);
        vec![Label {
            location: policy.location,
            text: format!("a {} policy", policy.level),
        }]
    }

    fn help(&self, _: Cx<'_>, _: &dyn Names) -> Option<String> {
        Some("add a partner institution from the countries affected, or link the measure to a measure of a bilateral or regional agreement".to_string())
    }

    fn key(&self, cx: Cx<'_>) -> Vec<String> {
        vec![cx.model.measure(self.0).id.to_string()]
    }
}
