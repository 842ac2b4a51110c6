//! `uncovered-principle`: a required principle that no measure upholds.

use super::{requirement_label, requirement_location};
use crate::analysis::coverage::Reached;
use crate::diagnostic::{Category, Headline, RuleMeta, Section, Severity};
use crate::finding::Finding;
use crate::rules::Context;
use crate::rules::support::element_with_title;

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
    let model = context.model;
    let coverage = &context.analysis.coverage;
    for requirement in &coverage.principles {
        let Some(location) = requirement_location(context, requirement) else {
            return;
        };
        if coverage.reached(requirement.element) == Reached::Directly {
            continue;
        }
        let id = &model.element(requirement.element).id;
        out.push(
            Finding::new(
                &META,
                location,
                format!(
                    "no measure upholds {}",
                    element_with_title(model, requirement.element)
                ),
            )
            .label(requirement_label(requirement, "a MiGOF or GCM principle"))
            .help(format!(
                "add `{id}` to the `upholds:` of the measures that carry it out"
            ))
            .key([id.to_string()]),
        );
    }
}
