//! `spillover`: a measure's costs fall elsewhere — in origin or transit countries.

use crate::diagnostic::{Category, Headline, RuleMeta, Section, Severity};
use crate::finding::{Cx, EvidencePath, Finding, Names, Violation};
use crate::rules::Context;
use crate::rules::support::{self, CostFacts};

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "spillover",
    category: Category::Coherence,
    default_severity: Severity::Warning,
    section: Section::Costs,
    headline: Some(Headline::Spillovers),
    summary: "a measure's costs fall elsewhere, in other countries",
    what: "Finds measures with negative effects that fall `elsewhere`: declared costs in other \
           countries, and costs that the knowledge base says follow from the measure's effects \
           there (a destination country's nurse recruitment, through 10.7 → 3.c in origin \
           countries). A weak chain (under 0.4) does not outweigh what a measure declares: a \
           measure none of whose own effects elsewhere is a cost is reported only for strong \
           indirect costs. One finding per measure lists the strongest \
           such costs (at most `max-listed-measures`, then a count), each with its path. A -3 is an error, a -2 a \
           warning, weaker costs information.",
    why: "Costs exported to other countries are invisible in the deciding country's own \
          statistics and debates, yet the 2030 Agenda is a shared commitment: progress bought \
          with another country's setback is not progress. This is the \"elsewhere\" dimension of \
          the OECD/UNECE framework for measuring sustainable development.",
    fix: "Agree mitigation with the countries that bear the cost — in a bilateral or regional \
          agreement (see `unilateral-spillover`) — or add a measure that offsets it (ethical \
          recruitment, skills partnerships, support for origin health systems). An accepted \
          cost can be recorded with `# cohere: allow(spillover) -- reason`.",
};

/// Reports spillovers.
pub fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let propagation = &context.analysis.propagation;
    for (index, found) in context.analysis.costs.elsewhere.iter().enumerate() {
        let costs: Vec<_> = found.costs.iter().map(|&r| propagation.reach(r)).collect();
        let worst = costs[0];
        let shown = support::listed_costs(context, &costs).len();
        out.push(
            Finding::of(
                &META,
                support::reach_location(context.model, worst),
                Spillover(CostFacts {
                    elsewhere: true,
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
struct Spillover(CostFacts);

impl Violation for Spillover {
    fn message(&self, cx: Cx<'_>, names: &dyn Names) -> String {
        let (measure, costs) = self.0.costs(cx);
        format!(
            "{} has costs in {}: {}",
            names.measure(measure),
            costs[0].arena,
            self.0.list(cx, names)
        )
    }

    fn label(&self, _: Cx<'_>, _: &dyn Names) -> String {
        "this effect falls elsewhere".to_string()
    }

    fn help(&self, _: Cx<'_>, _: &dyn Names) -> Option<String> {
        Some("agree mitigation with the countries that bear the cost, or add a measure that offsets it".to_string())
    }

    fn evidence(&self, cx: Cx<'_>) -> Vec<EvidencePath> {
        self.0.evidence(cx)
    }

    fn key(&self, cx: Cx<'_>) -> Vec<String> {
        self.0.key(cx)
    }
}
