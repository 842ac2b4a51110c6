//! `spillover`: a measure's costs fall elsewhere — in origin or transit countries.

use crate::finding::{Finding, Severity};
use crate::model::vocabulary::Where;
use crate::rules::support;
use crate::rules::{Category, Context, RuleMeta};

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "spillover",
    category: Category::Coherence,
    default_severity: Severity::Warning,
    summary: "a measure's costs fall elsewhere, in other countries",
    what: "Finds measures with negative effects that fall `elsewhere`: declared costs in other \
           countries, and costs that the knowledge base says follow from the measure's effects \
           there (a destination country's nurse recruitment, through 10.7 → 3.c in origin \
           countries). One finding per measure lists the strongest \
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
    let model = context.model;
    let propagation = &context.analysis.propagation;
    for (measure, costs) in support::costs(context, |effect, _| effect.where_ == Where::Elsewhere) {
        let worst = costs[0];
        let shown = support::listed_costs(context, &costs);
        let listed = support::cost_list(model, shown, costs.len());
        let m = model.measure(measure);
        let mut finding = Finding::new(
            &META,
            support::reach_location(model, worst),
            format!(
                "`{}` has costs in {}: {}",
                m.id,
                worst.arena,
                listed
            ),
        )
        .severity(support::cost_severity(worst.strength))
        .confidence(worst.confidence)
        .label("this effect falls elsewhere")
        .help("agree mitigation with the countries that bear the cost, or add a measure that offsets it")
        .key([m.id.to_string()]);
        for reach in shown {
            finding = finding.evidence(propagation.evidence(model, reach));
        }
        out.push(finding);
    }
}
