//! `uncovered-target`: a required target that no measure advances.

use super::{Gaps, gaps_by_framework};
use crate::analysis::coverage::Reached;
use crate::diagnostic::{Category, Headline, RuleMeta, Section, Severity};
use crate::finding::{Cx, Finding, Names, Violation};
use crate::model::{ElementIdx, MeasureIdx};
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

/// Required targets no measure advances by its own effect, in one framework.
#[derive(Debug)]
pub struct Unreached(Gaps);

/// Required targets of one framework reached only through the knowledge base, each with (up to
/// three of) the measures whose effects spill over to it.
#[derive(Debug)]
pub struct OnlyIndirect {
    gaps: Gaps,
    via: Vec<(ElementIdx, Vec<MeasureIdx>)>,
}

const DEFAULT_REASON: &str = "the targets tagged `migration`";

impl Violation for Unreached {
    fn message(&self, _: Cx<'_>, names: &dyn Names) -> String {
        format!("no measure advances {}", self.0.counted(names, "target"))
    }
    fn label(&self, _: Cx<'_>, _: &dyn Names) -> String {
        self.0.label(DEFAULT_REASON)
    }
    fn help(&self, cx: Cx<'_>, names: &dyn Names) -> Option<String> {
        let them = self.0.them(names);
        let remedy = if names.for_authors() {
            format!("add an effect on {them} to the measures that act on it")
        } else {
            format!("add a measure that advances {them}")
        };
        Some(self.0.help(cx, names, &remedy, "targets"))
    }
    fn notes(&self, _: Cx<'_>, names: &dyn Names) -> Vec<String> {
        self.0.notes(names)
    }
    fn key(&self, cx: Cx<'_>) -> Vec<String> {
        self.0.key(cx)
    }
}

impl Violation for OnlyIndirect {
    fn message(&self, _: Cx<'_>, names: &dyn Names) -> String {
        format!(
            "only the knowledge base reaches {}: no measure advances them by its own effect",
            self.gaps.counted(names, "target")
        )
    }
    fn label(&self, _: Cx<'_>, _: &dyn Names) -> String {
        self.gaps.label(DEFAULT_REASON)
    }
    fn help(&self, cx: Cx<'_>, names: &dyn Names) -> Option<String> {
        let them = self.gaps.them(names);
        let remedy = if names.for_authors() {
            format!("if a measure acts on {them} directly, add the effect to it")
        } else {
            format!("if a measure acts on {them} directly, the policy should say so")
        };
        Some(self.gaps.help(cx, names, &remedy, "targets"))
    }
    fn notes(&self, _: Cx<'_>, names: &dyn Names) -> Vec<String> {
        let mut notes = self.gaps.notes(names);
        let via: Vec<String> = self
            .via
            .iter()
            .map(|(target, measures)| {
                let measures: Vec<String> = measures.iter().map(|m| names.measure(*m)).collect();
                format!("{} through {}", names.element(*target), measures.join(", "))
            })
            .collect();
        notes.push(format!("reached by {}", via.join("; ")));
        notes
    }
    fn key(&self, cx: Cx<'_>) -> Vec<String> {
        let mut key = self.gaps.key(cx);
        key.push("indirect".to_string());
        key
    }
}

/// Reports uncovered targets: per framework, one warning for those no measure reaches and one
/// note (info) for those reached only through the knowledge base.
pub fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let coverage = &context.analysis.coverage;
    let unreached = gaps_by_framework(context, &coverage.targets, |r| {
        coverage.reached(r.element) == Reached::Not
    });
    for gaps in unreached.values() {
        if let Some((location, gaps)) = Gaps::of(context, gaps) {
            out.push(Finding::of(&META, location, Unreached(gaps)));
        }
    }
    let indirect = gaps_by_framework(context, &coverage.targets, |r| {
        coverage.reached(r.element) == Reached::Indirectly
    });
    for gaps in indirect.values() {
        let Some((location, gaps)) = Gaps::of(context, gaps) else {
            continue;
        };
        let via = gaps
            .elements
            .iter()
            .map(|&target| {
                let measures = context
                    .analysis
                    .propagation
                    .on(target)
                    .iter()
                    .filter(|r| !r.is_direct() && r.strength > 0.0)
                    .take(3)
                    .map(|r| r.measure)
                    .collect();
                (target, measures)
            })
            .collect();
        out.push(Finding::of(&META, location, OnlyIndirect { gaps, via }).severity(Severity::Info));
    }
}
