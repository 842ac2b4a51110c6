//! `uncovered-target`: a required target that no measure advances.

use super::{requirement_label, requirement_location};
use crate::analysis::coverage::{Reached, Requirement};
use crate::diagnostic::{Category, Headline, RuleMeta, Section, Severity};
use crate::finding::{Cx, Finding, Names, Violation};
use crate::rules::Context;

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
    let coverage = &context.analysis.coverage;
    for (index, requirement) in coverage.targets.iter().enumerate() {
        let Some(location) = requirement_location(context, requirement) else {
            return;
        };
        let reached = coverage.reached(requirement.element);
        if reached == Reached::Directly {
            continue;
        }
        let mut finding = Finding::of(&META, location, UncoveredTarget(index as u32));
        if reached == Reached::Indirectly {
            finding = finding.severity(Severity::Info);
        }
        out.push(finding);
    }
}

/// The required target at this position of the coverage's targets.
#[derive(Debug)]
struct UncoveredTarget(u32);

impl UncoveredTarget {
    fn requirement<'a>(&self, cx: Cx<'a>) -> &'a Requirement {
        &cx.analysis.coverage.targets[self.0 as usize]
    }
}

impl Violation for UncoveredTarget {
    fn message(&self, cx: Cx<'_>, names: &dyn Names) -> String {
        format!(
            "no measure advances {}",
            names.element_with_title(self.requirement(cx).element)
        )
    }

    fn label(&self, cx: Cx<'_>, names: &dyn Names) -> String {
        requirement_label(
            self.requirement(cx),
            &format!("tagged {}", names.code("migration")),
        )
    }

    fn help(&self, cx: Cx<'_>, names: &dyn Names) -> Option<String> {
        Some(format!(
            "add a measure with an effect on {}, or remove it from {}",
            names.element(self.requirement(cx).element),
            names.code("require: targets:")
        ))
    }

    fn notes(&self, cx: Cx<'_>, names: &dyn Names) -> Vec<String> {
        let element = self.requirement(cx).element;
        if cx.analysis.coverage.reached(element) != Reached::Indirectly {
            return Vec::new();
        }
        let via: Vec<String> = cx
            .analysis
            .propagation
            .on(element)
            .iter()
            .filter(|r| !r.is_direct() && r.strength > 0.0)
            .take(3)
            .map(|r| names.measure(r.measure))
            .collect();
        vec![format!(
            "reached only through the knowledge base, by {}",
            via.join(", ")
        )]
    }

    fn key(&self, cx: Cx<'_>) -> Vec<String> {
        vec![
            cx.model
                .element(self.requirement(cx).element)
                .id
                .to_string(),
        ]
    }
}
