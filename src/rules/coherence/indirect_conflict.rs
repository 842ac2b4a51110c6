//! `indirect-conflict`: a measure undermines another measure's target through the knowledge base.

use crate::finding::{Finding, Severity};
use crate::rules::support::{self, element_with_title, measure_name, strength, tensions};
use crate::rules::{Category, Context, RuleMeta};

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "indirect-conflict",
    category: Category::Coherence,
    default_severity: Severity::Warning,
    summary: "a measure undermines another measure's target through a chain of interactions",
    what: "Finds targets that one measure advances directly while another measure sets them back \
           indirectly: its own effect on some element travels through the knowledge base's \
           interactions (at most `path-depth` of them, default 2) and arrives negative. The \
           finding shows the whole path, each step's score, context and sources. Paths weaker \
           than `path-strength` (default 0.2, the product of the scores divided by 3) are \
           ignored. Strong paths (0.4 or more) are warnings, weaker ones information; a measure \
           that sets the target back directly is reported by `direct-conflict` instead.",
    why: "The most expensive incoherences are the ones no single ministry sees: fewer regular \
          pathways push people towards smugglers, which undermines an anti-trafficking plan \
          that never mentions visas. Following the knowledge base's interactions makes such \
          chains visible, with the evidence for each link.",
    fix: "Check the path: if a link does not hold in your context, correct the knowledge base \
          (or record the disagreement under `assessments:`). If it holds, mitigate, coordinate \
          the two measures (the help line names a shared mechanism), or record the accepted \
          trade-off with `# cohere: allow(indirect-conflict) -- reason`.",
};

/// Reports indirect conflicts.
pub fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let model = context.model;
    let propagation = &context.analysis.propagation;
    let keep = |reach: &crate::analysis::propagation::Reach| {
        if reach.is_direct() {
            return reach.strength > 0.0;
        }
        // A measure that also sets the target back directly is a direct conflict.
        reach.strength < 0.0
            && !model
                .measure(reach.measure)
                .effects
                .iter()
                .any(|e| e.target == reach.target && e.score.is_negative())
    };
    for tension in tensions(context, keep) {
        let down = tension.down[0];
        let up = tension.up[0];
        let via = model.element(model.measure(down.measure).effects[down.effect as usize].target);
        let message = format!(
            "{} undermines {} in {} through `{}`, which {} advances{}",
            measure_name(model, down.measure),
            element_with_title(model, tension.target),
            down.arena,
            via.id,
            measure_name(model, up.measure),
            tension.more(),
        );
        let severity = if down.strength.abs() >= 0.4 - 1e-9 {
            Severity::Warning
        } else {
            Severity::Info
        };
        let mut finding = Finding::new(&META, support::reach_location(model, down), message)
            .severity(severity)
            .confidence(down.confidence.min(up.confidence))
            .label(format!(
                "this effect arrives at `{}` as {}",
                model.element(tension.target).id,
                strength(down)
            ))
            .help(support::tension_help(
                model,
                down.measure,
                up.measure,
                META.id,
            ));
        for &interaction in propagation.interactions(down) {
            finding = finding.related(
                model.interaction(interaction).location,
                support::interaction_label(model, interaction),
            );
        }
        let finding = tension.describe(context, finding);
        out.push(finding);
    }
}
