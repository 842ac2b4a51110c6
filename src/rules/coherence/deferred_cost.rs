//! `deferred-cost`: a measure's costs fall later.

use crate::diagnostic::{Category, Headline, RuleMeta, Section, Severity};
use crate::finding::{Cx, EvidencePath, Finding, Names, Violation};
use crate::rules::Context;
use crate::rules::support::{self, CostFacts};

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "deferred-cost",
    category: Category::Coherence,
    default_severity: Severity::Warning,
    section: Section::Costs,
    headline: Some(Headline::DeferredCosts),
    summary: "a measure's costs fall later, beyond the policy's horizon",
    what: "Finds measures with negative effects that fall `later` (here; costs that fall \
           elsewhere are reported by `spillover`): declared ones, and those the knowledge base \
           says follow from them (weak chains, under 0.4, only when the measure declares a \
           later cost of its own). One finding per measure lists the strongest \
           such costs (at most `max-listed-measures`, then a count), each with its path. A -3 is an \
           error, a -2 a warning, weaker costs information.",
    why: "Costs deferred to later budgets or later generations are the easiest to approve and the \
          hardest to undo: integration neglected now becomes exclusion later. This is the \
          \"later\" dimension of the OECD/UNECE framework for measuring sustainable development.",
    fix: "Bring the cost into the policy's own horizon — budget for it, monitor it with an \
          indicator — or add a measure that prevents it. An accepted cost can be recorded with \
          `# cohere: allow(deferred-cost) -- reason`.",
};

/// Reports deferred costs.
pub fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let propagation = &context.analysis.propagation;
    for (index, found) in context.analysis.costs.later_here.iter().enumerate() {
        let costs: Vec<_> = found.costs.iter().map(|&r| propagation.reach(r)).collect();
        let worst = costs[0];
        let shown = support::listed_costs(context, &costs).len();
        out.push(
            Finding::of(
                &META,
                support::reach_location(context.model, worst),
                DeferredCost(CostFacts {
                    elsewhere: false,
                    index: index as u32,
                    shown: shown as u32,
                }),
            )
            .severity(support::cost_severity(worst.strength))
            .confidence(worst.confidence),
        );
    }
}

/// A measure's costs of this kind.
#[derive(Debug)]
struct DeferredCost(CostFacts);

impl Violation for DeferredCost {
    fn message(&self, cx: Cx<'_>, names: &dyn Names) -> String {
        let (measure, _) = self.0.costs(cx);
        format!(
            "{} defers costs: {}",
            names.measure(measure),
            self.0.list(cx, names)
        )
    }

    fn label(&self, _: Cx<'_>, _: &dyn Names) -> String {
        "this effect falls later".to_string()
    }

    fn help(&self, _: Cx<'_>, _: &dyn Names) -> Option<String> {
        Some("budget for the cost and monitor it with an indicator, or add a measure that prevents it".to_string())
    }

    fn evidence(&self, cx: Cx<'_>) -> Vec<EvidencePath> {
        self.0.evidence(cx)
    }

    fn key(&self, cx: Cx<'_>) -> Vec<String> {
        self.0.key(cx)
    }
}
