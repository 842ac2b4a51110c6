//! `uncovered-target`: a required target that no measure advances.

use super::{requirement_label, requirement_location};
use crate::analysis::coverage::Reached;
use crate::diagnostic::{Category, Headline, RuleMeta, Section, Severity};
use crate::finding::Finding;
use crate::rules::Context;
use crate::rules::support::element_with_title;

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "uncovered-target",
    category: Category::Coverage,
    default_severity: Severity::Warning,
    section: Section::Gaps,
    headline: Some(Headline::Gaps),
    summary: "a required target that no measure advances",
    what: "Finds the targets the portfolio is required to reach — those listed under \
           `require: targets:` in cohere.yaml, or by default every SDG target tagged `migration` \
           — that no measure advances by its own effect. A target advanced only through the \
           knowledge base (another target's progress spilling over) is reported as information, \
           with the measures that reach it that way; one not reached at all is a warning. It \
           runs when a project file declares a portfolio.",
    why: "A gap is a decision nobody took. SDG target 10.7 asks for planned, well-managed \
          migration policies across the whole range of related targets; a portfolio that never \
          acts on remittance costs (10.c) or legal identity (16.9) leaves those commitments to \
          chance.",
    fix: "Add a measure with an effect on the target, link an existing measure that already \
          acts on it (`unlinked-target` suggests candidates), or, if the target is out of \
          scope, narrow `require: targets:` in cohere.yaml.",
};

/// Reports uncovered targets.
pub fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let model = context.model;
    let coverage = &context.analysis.coverage;
    for requirement in &coverage.targets {
        let Some(location) = requirement_location(context, requirement) else {
            return;
        };
        let reached = coverage.reached(requirement.element);
        if reached == Reached::Directly {
            continue;
        }
        let element = model.element(requirement.element);
        let mut finding = Finding::new(
            &META,
            location,
            format!(
                "no measure advances {}",
                element_with_title(model, requirement.element)
            ),
        )
        .label(requirement_label(requirement, "tagged `migration`"))
        .help(format!(
            "add a measure with an effect on `{}`, or remove it from `require: targets:`",
            element.id
        ))
        .key([element.id.to_string()]);
        if reached == Reached::Indirectly {
            let via: Vec<String> = context
                .analysis
                .propagation
                .on(requirement.element)
                .iter()
                .filter(|r| !r.is_direct() && r.strength > 0.0)
                .take(3)
                .map(|r| format!("`{}`", model.measure(r.measure).id))
                .collect();
            finding = finding.severity(Severity::Info).note(format!(
                "reached only through the knowledge base, by {}",
                via.join(", ")
            ));
        }
        out.push(finding);
    }
}
