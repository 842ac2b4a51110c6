//! `uncovered-principle`: a required principle that no measure upholds.

use super::{requirement_label, requirement_location};
use crate::analysis::coverage::Reached;
use crate::analysis::coverage::Requirement;
use crate::diagnostic::{Category, Headline, RuleMeta, Section, Severity};
use crate::finding::{Cx, Finding, Names, Violation};
use crate::rules::Context;

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "uncovered-principle",
    category: Category::Coverage,
    default_severity: Severity::Warning,
    section: Section::Gaps,
    headline: Some(Headline::Gaps),
    summary: "a required governance principle that no measure upholds",
    what: "Finds the principles the portfolio is required to uphold — those listed under \
           `require: principles:`, or by default the three MiGOF principles and the ten GCM \
           guiding principles — that no measure lists under `upholds:` (or advances by an \
           effect). It runs when a project file declares a portfolio.",
    why: "Principles such as the GCM's child-sensitive and gender-responsive approaches only \
          shape policy when some measure takes responsibility for them; a principle nobody \
          upholds is a promise without an owner.",
    fix: "Name the principle under `upholds:` on the measures that carry it out, add a measure \
          that does, or narrow `require: principles:` in cohere.yaml.",
};

/// Reports principles nobody upholds.
pub fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let coverage = &context.analysis.coverage;
    for (index, requirement) in coverage.principles.iter().enumerate() {
        let Some(location) = requirement_location(context, requirement) else {
            return;
        };
        if coverage.reached(requirement.element) == Reached::Directly {
            continue;
        }
        out.push(Finding::of(
            &META,
            location,
            UncoveredPrinciple(index as u32),
        ));
    }
}

/// The required principle at this position of the coverage's principles.
#[derive(Debug)]
struct UncoveredPrinciple(u32);

impl UncoveredPrinciple {
    fn requirement<'a>(&self, cx: Cx<'a>) -> &'a Requirement {
        &cx.analysis.coverage.principles[self.0 as usize]
    }
}

impl Violation for UncoveredPrinciple {
    fn message(&self, cx: Cx<'_>, names: &dyn Names) -> String {
        format!(
            "no measure upholds {}",
            names.element_with_title(self.requirement(cx).element)
        )
    }

    fn label(&self, cx: Cx<'_>, _: &dyn Names) -> String {
        requirement_label(self.requirement(cx), "a MiGOF or GCM principle")
    }

    fn help(&self, cx: Cx<'_>, names: &dyn Names) -> Option<String> {
        Some(format!(
            "add {} to the {} of the measures that carry it out",
            names.element(self.requirement(cx).element),
            names.code("upholds:")
        ))
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
