//! `uncovered-principle`: a required principle that no measure upholds.

use super::{Gaps, gaps_by_framework};
use crate::analysis::coverage::Reached;
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
           effect). It runs when a project file declares a portfolio that has a measure, and gives one \
           finding per framework listing the principles missing.",
    why: "Principles such as the GCM's child-sensitive and gender-responsive approaches only \
          shape policy when some measure takes responsibility for them; a principle nobody \
          upholds is a promise without an owner.",
    fix: "Name the principle under `upholds:` on the measures that carry it out, add a measure \
          that does, or narrow `require: principles:` in cohere.yaml.",
};

/// Required principles of one framework that no measure upholds.
#[derive(Debug)]
pub struct Unupheld(Gaps);

impl Violation for Unupheld {
    fn message(&self, _: Cx<'_>, names: &dyn Names) -> String {
        format!("no measure upholds {}", self.0.counted(names, "principle"))
    }
    fn label(&self, _: Cx<'_>, _: &dyn Names) -> String {
        self.0.label("every MiGOF and GCM principle")
    }
    fn help(&self, cx: Cx<'_>, names: &dyn Names) -> Option<String> {
        let remedy = if names.for_authors() {
            format!(
                "add {} to the {} of the measures that carry it out",
                self.0.them(names),
                names.code("upholds:")
            )
        } else {
            format!(
                "name the measures that uphold {}, or add one that does",
                self.0.them(names)
            )
        };
        Some(self.0.help(cx, names, &remedy, "principles"))
    }
    fn notes(&self, _: Cx<'_>, names: &dyn Names) -> Vec<String> {
        self.0.notes(names)
    }
    fn key(&self, cx: Cx<'_>) -> Vec<String> {
        self.0.key(cx)
    }
}

/// Reports principles no measure upholds, one finding per framework.
pub fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let coverage = &context.analysis.coverage;
    let gaps = gaps_by_framework(context, &coverage.principles, |r| {
        coverage.reached(r.element) != Reached::Directly
    });
    for gaps in gaps.values() {
        if let Some((location, gaps)) = Gaps::of(context, gaps) {
            out.push(Finding::of(&META, location, Unupheld(gaps)));
        }
    }
}
