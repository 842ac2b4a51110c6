//! `deferred-cost`: a measure's costs fall later.

use crate::finding::{Finding, Severity};
use crate::model::vocabulary::{When, Where};
use crate::rules::support;
use crate::rules::{Category, Context, RuleMeta};

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "deferred-cost",
    category: Category::Coherence,
    default_severity: Severity::Warning,
    summary: "a measure's costs fall later, beyond the policy's horizon",
    what: "Finds measures with negative effects that fall `later` (here; costs that fall \
           elsewhere are reported by `spillover`): declared ones, and those the knowledge base \
           says follow from them. One finding per measure lists the strongest \
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
    let model = context.model;
    let propagation = &context.analysis.propagation;
    let later_here = |effect: &crate::model::Effect, _: &_| {
        effect.when == When::Later && effect.where_ == Where::Here
    };
    for (measure, costs) in support::costs(context, later_here) {
        let worst = costs[0];
        let shown = support::listed_costs(context, &costs);
        let listed = support::cost_list(model, shown, costs.len());
        let m = model.measure(measure);
        let mut finding = Finding::new(
            &META,
            support::reach_location(model, worst),
            format!("`{}` defers costs: {}", m.id, listed),
        )
        .severity(support::cost_severity(worst.strength))
        .confidence(worst.confidence)
        .label("this effect falls later")
        .help("budget for the cost and monitor it with an indicator, or add a measure that prevents it")
        .key([m.id.to_string()]);
        for reach in shown {
            finding = finding.evidence(propagation.evidence(model, reach));
        }
        out.push(finding);
    }
}
