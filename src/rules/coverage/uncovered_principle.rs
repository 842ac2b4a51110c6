//! `uncovered-principle`: a required principle that no measure upholds.

use super::{counted, gap_finding, gaps_by_framework};
use crate::analysis::coverage::Reached;
use crate::finding::{Finding, Severity};
use crate::rules::{Category, Context, RuleMeta};

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "uncovered-principle",
    category: Category::Coverage,
    default_severity: Severity::Warning,
    summary: "a required governance principle that no measure upholds",
    what: "Finds the principles the portfolio is required to uphold — those listed under \
           `require: principles:`, or by default the three MiGOF principles and the ten GCM \
           guiding principles — that no measure lists under `upholds:` (or advances by an \
           effect). It runs when a project file declares a portfolio that has a measure, and gives one \
           finding per framework listing the principles missing.",
    why: "Principles such as the GCM's child-sensitive and gender-responsive approaches only \
          shape policy when some measure takes responsibility for them; a principle nobody \
          upholds is a promise without an owner.",
    fix: "Name the principle under `upholds:` on the measures that carry it out, add a measure \
          that does, or narrow `require: principles:` in cohere.yaml.",
};

/// Reports principles no measure upholds, one finding per framework.
pub fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let coverage = &context.analysis.coverage;
    let gaps = gaps_by_framework(context, &coverage.principles, |r| {
        coverage.reached(r.element) != Reached::Directly
    });
    for (framework, gaps) in &gaps {
        let message = format!(
            "no measure upholds {}",
            counted(context, gaps, "principle", framework)
        );
        out.extend(gap_finding(
            context,
            &META,
            gaps,
            message,
            "every MiGOF and GCM principle",
            "principles",
            "add {} to the `upholds:` of the measures that carry it out",
        ));
    }
}
