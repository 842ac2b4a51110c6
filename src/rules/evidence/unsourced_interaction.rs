//! `unsourced-interaction`: an interaction with no evidence or no rationale.

use crate::finding::{Finding, Severity};
use crate::rules::{Category, Context, RuleMeta};

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "unsourced-interaction",
    category: Category::Evidence,
    default_severity: Severity::Warning,
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
    for interaction in &model.interactions {
        let missing = match (
            interaction.evidence.is_empty(),
            interaction.rationale.is_none(),
        ) {
            (false, false) => continue,
            (true, true) => "no evidence and no rationale",
            (true, false) => "no evidence",
            (false, true) => "no rationale",
        };
        let from = &model.element(interaction.from).id;
        let to = &model.element(interaction.to).id;
        out.push(
            Finding::new(&META, interaction.location, format!("the interaction `{from}` → `{to}` has {missing}"))
                .label(format!("scored {} ({})", interaction.score, interaction.perspective))
                .help("add `evidence:` (who, title, year) and a `rationale:`, or lower its `confidence:` to `low`")
                .key([from.to_string(), to.to_string(), interaction.perspective.to_string()]),
        );
    }
}
