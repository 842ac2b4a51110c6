//! `unsourced-interaction`: an interaction with no evidence or no rationale.

use crate::diagnostic::{Category, RuleMeta, Section, Severity};
use crate::finding::{Cx, Finding, Names, Violation};
use crate::model::InteractionIdx;
use crate::rules::Context;
use crate::rules::support::interaction_key;

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "unsourced-interaction",
    category: Category::Evidence,
    default_severity: Severity::Warning,
    section: Section::AllFindings,
    headline: None,
    summary: "a knowledge-base interaction with no evidence or no rationale",
    what: "Finds knowledge-base interactions that cite no `evidence:` or give no `rationale:`.",
    why: "Every indirect conflict, spillover and influence score cohere reports follows these \
          interactions. One without a source cannot be checked, and one without a rationale \
          cannot be explained to the people whose policy it judges.",
    fix: "Add `evidence:` with at least one citation (author or body, title, year) and a \
          one-sentence `rationale:` saying how progress on one element affects the other. If no \
          source can be found, lower the `confidence:` to `low` — or remove the interaction.",
};

/// Reports unsourced interactions.
pub fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let model = context.model;
    for (i, interaction) in model.interactions.iter().enumerate() {
        if !interaction.evidence.is_empty() && interaction.rationale.is_some() {
            continue;
        }
        out.push(Finding::of(
            &META,
            interaction.location,
            UnsourcedInteraction(InteractionIdx::new(i)),
        ));
    }
}

/// An interaction without evidence or rationale.
#[derive(Debug)]
struct UnsourcedInteraction(InteractionIdx);

impl Violation for UnsourcedInteraction {
    fn message(&self, cx: Cx<'_>, names: &dyn Names) -> String {
        let interaction = cx.model.interaction(self.0);
        let missing = match (
            interaction.evidence.is_empty(),
            interaction.rationale.is_none(),
        ) {
            (true, true) => "no evidence and no rationale",
            (true, false) => "no evidence",
            _ => "no rationale",
        };
        format!(
            "the interaction {} → {} has {missing}",
            names.element(interaction.from),
            names.element(interaction.to)
        )
    }

    fn label(&self, cx: Cx<'_>, _: &dyn Names) -> String {
        let interaction = cx.model.interaction(self.0);
        format!("scored {} ({})", interaction.score, interaction.perspective)
    }

    fn help(&self, _: Cx<'_>, names: &dyn Names) -> Option<String> {
        Some(format!(
            "add {} (who, title, year) and a {}, or lower its {} to {}",
            names.code("evidence:"),
            names.code("rationale:"),
            names.code("confidence:"),
            names.code("low")
        ))
    }

    fn key(&self, cx: Cx<'_>) -> Vec<String> {
        interaction_key(cx.model, self.0)
    }
}
