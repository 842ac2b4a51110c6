//! `uncovered-target`: a required target that no measure advances.

use super::{counted, gap_finding, gaps_by_framework};
use crate::analysis::coverage::Reached;
use crate::finding::{Finding, Severity};
use crate::rules::{Category, Context, RuleMeta};

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "uncovered-target",
    category: Category::Coverage,
    default_severity: Severity::Warning,
    summary: "a required target that no measure advances",
    what: "Finds the targets the portfolio is required to reach — those listed under \
           `require: targets:` in cohere.yaml, or by default every SDG target tagged `migration` \
           — that no measure advances by its own effect. A target advanced only through the \
           knowledge base (another target's progress spilling over) is reported as information, \
           with the measures that reach it that way; one not reached at all is a warning. It \
           runs when a project file declares a portfolio that has a measure, and gives one \
           finding per framework listing the targets missing (and one listing those reached \
           only through the knowledge base).",
    why: "A gap is a decision nobody took. SDG target 10.7 asks for planned, well-managed \
          migration policies across the whole range of related targets; a portfolio that never \
          acts on remittance costs (10.c) or legal identity (16.9) leaves those commitments to \
          chance.",
    fix: "Add a measure with an effect on the target, link an existing measure that already \
          acts on it (`unlinked-target` suggests candidates), or, if the target is out of \
          scope, narrow `require: targets:` in cohere.yaml.",
};

/// Reports uncovered targets: per framework, one warning for those no measure reaches and one
/// note (info) for those reached only through the knowledge base.
pub fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let model = context.model;
    let coverage = &context.analysis.coverage;
    let unreached = gaps_by_framework(context, &coverage.targets, |r| {
        coverage.reached(r.element) == Reached::Not
    });
    for (framework, gaps) in &unreached {
        let message = format!(
            "no measure advances {}",
            counted(context, gaps, "target", framework)
        );
        out.extend(gap_finding(
            context,
            &META,
            gaps,
            message,
            "the targets tagged `migration`",
            "targets",
            "add an effect on {} to the measures that act on it",
        ));
    }
    let indirect = gaps_by_framework(context, &coverage.targets, |r| {
        coverage.reached(r.element) == Reached::Indirectly
    });
    for (framework, gaps) in &indirect {
        let message = format!(
            "only the knowledge base reaches {}: no measure advances them by its own effect",
            counted(context, gaps, "target", framework)
        );
        let via: Vec<String> = gaps
            .iter()
            .map(|requirement| {
                let measures: Vec<String> = context
                    .analysis
                    .propagation
                    .on(requirement.element)
                    .iter()
                    .filter(|r| !r.is_direct() && r.strength > 0.0)
                    .take(3)
                    .map(|r| format!("`{}`", model.measure(r.measure).id))
                    .collect();
                format!(
                    "`{}` through {}",
                    model.element(requirement.element).id,
                    measures.join(", ")
                )
            })
            .collect();
        if let Some(finding) = gap_finding(
            context,
            &META,
            gaps,
            message,
            "the targets tagged `migration`",
            "targets",
            "if a measure acts on {} directly, add the effect to it",
        ) {
            out.push(
                finding
                    .severity(Severity::Info)
                    .note(format!("reached by {}", via.join("; ")))
                    .key([framework.clone(), "indirect".to_string()]),
            );
        }
    }
}
